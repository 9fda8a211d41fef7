r"""Expressions as a teaching assistant writes them: in the order written, in course notation.

SymPy sorts the terms of a sum and the factors of a product, so
``w_{11}x_1 + w_{12}x_2 + b_1`` with numbers put in would print as
``-1.5 \cdot 1 + 2 \cdot 0 + 3``.  These small node types print exactly as
built, in LaTeX (``latex()``, also through SymPy's printers via ``_latex``)
and as Unicode text for the terminal (``text()``).

Every node also has a value, so a step can be checked as it is displayed:

* ``interval(shown)``: rigorous bounds.  A :class:`Name` stands for its exact
  value; a :class:`Num` for the exact value it prints (``shown=False``) or for
  any number that rounds to what is printed (``shown=True``: ``0.8176``
  stands for [0.81755, 0.81765]);
* ``rational()``: the exact rational value when exact arithmetic gives one;
* ``sympy(symbols)``: a SymPy expression (rounded numbers may become symbols).

>>> from fractions import Fraction
>>> from derivations.numbers import DecimalPlaces
>>> from derivations.problems.exact import Real
>>> d4 = DecimalPlaces(4)
>>> w, x, b = (Real.of(Fraction(v), given=True) for v in ("-1.5", "1", "3"))
>>> s = Sum.of(Product.of(Num(w, d4), Num(x, d4)), Num(b, d4))
>>> s.latex(), s.text(), s.rational()
('(-1.5) \\cdot 1 + 3', '(−1.5)·1 + 3', Fraction(3, 2))
>>> a = Real(Call("sigma", Num(Real.of(Fraction(3, 2)), d4)))
>>> Frac(Num.integer(1), Sum.of(Num.integer(1), Exp(Sum.minus(Num(Real.of(Fraction(3, 2)), d4))))).latex()
'\\frac{1}{1 + e^{-1.5}}'
>>> Product.of(Num.integer(2), Num(a, d4)).latex()
'2 \\cdot 0.8176'
"""

from __future__ import annotations

from fractions import Fraction

from mpmath import iv, mp

from ..numbers import DecimalPlaces
from .exact import Real, ends, half_unit, hull, interval_of

__all__ = ["Node", "Name", "Num", "Const", "Sum", "Product", "Hadamard", "Frac", "Power", "Exp", "Call", "Abs",
           "Matrix", "Transpose", "FUNCTIONS", "is_matrix", "substitute"]

_EXACT = DecimalPlaces(30)   # how a given number is printed: all its digits
_MINUS = "\u2212"


class Mat:
    """A matrix value: rows of intervals or Fractions."""

    __slots__ = ("rows",)

    def __init__(self, rows):
        self.rows = tuple(tuple(r) for r in rows)

    @property
    def shape(self):
        return len(self.rows), len(self.rows[0]) if self.rows else 0

    def map(self, f):
        return Mat([[f(v) for v in r] for r in self.rows])

    def entries(self):
        return [v for r in self.rows for v in r]

    def __eq__(self, other):
        return (isinstance(other, Mat) and self.rows == other.rows
                and all(v is not None for v in self.entries()))

    __hash__ = None


def is_matrix(value) -> bool:
    return isinstance(value, Mat)


def _elementwise(f, value):
    return value.map(f) if isinstance(value, Mat) else f(value)


def _add(x, y):
    if isinstance(x, Mat) and isinstance(y, Mat):
        if x.shape != y.shape:
            raise ValueError(f"cannot add a {x.shape} and a {y.shape} matrix")
        return Mat([[a + b for a, b in zip(r, s)] for r, s in zip(x.rows, y.rows)])
    if isinstance(x, Mat) or isinstance(y, Mat):
        raise ValueError("cannot add a matrix and a number")
    return x + y


def _mul(x, y):
    if isinstance(x, Mat) and isinstance(y, Mat):
        if x.shape[1] != y.shape[0]:
            raise ValueError(f"cannot multiply a {x.shape} by a {y.shape} matrix")
        cols = list(zip(*y.rows))
        return Mat([[_dot(r, c) for c in cols] for r in x.rows])
    if isinstance(x, Mat):
        return x.map(lambda v: v * y)
    if isinstance(y, Mat):
        return y.map(lambda v: x * v)
    return x * y


def _dot(r, c):
    total = r[0] * c[0]
    for a, b in zip(r[1:], c[1:]):
        total = total + a * b
    return total


def _neg(x):
    return _elementwise(lambda v: -v, x)


# exact (rational) evaluation: a matrix keeps the entries it knows exactly, None for the others
def _r_add(x, y):
    if isinstance(x, Mat) or isinstance(y, Mat):
        if not (isinstance(x, Mat) and isinstance(y, Mat)) or x.shape != y.shape:
            raise ValueError("cannot add these shapes")
        return Mat([[_r_add(a, b) for a, b in zip(r, q)] for r, q in zip(x.rows, y.rows)])
    return None if x is None or y is None else x + y


def _r_mul(x, y):
    if isinstance(x, Mat) and isinstance(y, Mat):
        if x.shape[1] != y.shape[0]:
            raise ValueError("cannot multiply these shapes")
        cols = list(zip(*y.rows))
        return Mat([[_r_dot(r, c) for c in cols] for r in x.rows])
    if isinstance(x, Mat):
        return x.map(lambda v: _r_mul(v, y))
    if isinstance(y, Mat):
        return y.map(lambda v: _r_mul(x, v))
    if (isinstance(x, Fraction) and x == 0) or (isinstance(y, Fraction) and y == 0):
        return Fraction(0)    # a factor 0 makes the product 0, whatever the other is
    return None if x is None or y is None else x * y


def _r_dot(r, c):
    total = Fraction(0)
    for a, b in zip(r, c):
        total = _r_add(total, _r_mul(a, b))
    return total


def _r_neg(x):
    return _elementwise(lambda v: None if v is None else -v, x)


def _r_map(f, x):
    """Apply ``f`` (Fraction -> Fraction | None) to a number or to each known entry of a matrix."""
    if isinstance(x, Mat):
        return x.map(lambda v: None if v is None else f(v))
    return None if x is None else f(x)


def _known(x) -> bool:
    return x is not None and not (isinstance(x, Mat) and all(v is None for v in x.entries()))


# ---------------------------------------------------------------------------------------------- nodes
class Node:
    """Base of the written expressions.  Subclasses set ``latex()``, ``text()`` and the values."""

    #: how tightly the node binds, for parentheses: 0 sum, 1 product, 2 power base, 3 atom
    binding = 3
    #: True when the printed form starts with a minus sign
    negative = False

    def children(self) -> tuple:
        return ()

    def rebuild(self, children) -> Node:
        return self

    def latex(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def text(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def interval(self, shown: bool):  # pragma: no cover - abstract
        raise NotImplementedError

    def rational(self, literal: bool = False):
        """The exact rational value, or None.  ``literal``: printed numbers taken as written."""
        return None

    def sympy(self, symbols=None):  # pragma: no cover - abstract
        raise NotImplementedError

    # SymPy's printers call ``_latex`` on any object that has it: the render module needs nothing else
    def _latex(self, printer=None, **kwargs) -> str:
        return self.latex()

    def _sympystr(self, printer=None, **kwargs) -> str:
        return self.text()

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.text()}>"

    def walk(self):
        yield self
        for c in self.children():
            yield from c.walk()

    @property
    def is_matrix(self) -> bool:
        return False


class Name(Node):
    """A quantity in course notation (``z^{[1]}_1``, ``W^{[2]}``, ``\\frac{\\partial L}{\\partial w}``).

    ``real`` is the exact value it stands for (a :class:`Real`, a list of rows
    of Reals for a vector or matrix, or None for an unknown such as an
    upstream gradient).  ``transposed`` is the LaTeX of its transpose.
    """

    def __init__(self, latex: str, text: str, real=None, *, transposed: str | None = None,
                 transposed_text: str | None = None):
        self._latex_text, self._text = latex, text
        self.real = real
        self.transposed_latex = transposed
        self.transposed_text = transposed_text

    def latex(self):
        return self._latex_text

    def text(self):
        return self._text

    @property
    def is_matrix(self):
        return isinstance(self.real, list)

    def interval(self, shown):
        if self.real is None:
            return iv.mpf(["-inf", "inf"])
        if isinstance(self.real, list):
            return Mat([[r.interval() for r in row] for row in self.real])
        return self.real.interval()

    def rational(self, literal=False):
        if self.real is None:
            return None
        if isinstance(self.real, list):
            return Mat([[r.rational() for r in row] for row in self.real])
        return self.real.rational()

    def sympy(self, symbols=None):
        from sympy import Symbol
        if self.real is None or isinstance(self.real, list) or symbols is not None:
            return Symbol(self._text, real=True)
        return self.real.sympy()


class Num(Node):
    """A number as printed: a given number with all its digits, or a computed value rounded.

    It stands for ``real``, the exact value.  ``exact`` says whether the
    printed number is that value.
    """

    def __init__(self, real: Real, rounding=None):
        self.real = real
        q = real.rational()
        if real.given and q is not None:
            printed = _EXACT.printed(_sympy_rational(q))
            self.fraction = not printed.exact   # 1/3 stays a fraction
        else:
            if rounding is None:
                raise ValueError("a computed number needs a rounding")
            printed = real.printed(rounding)
            self.fraction = False
        self.printed = printed
        self.exact = printed.exact or (self.fraction and q is not None)
        self.scientific = printed.exponent is not None
        self.negative = printed.mantissa.startswith("-") or (self.fraction and q < 0)
        self.binding = 1 if self.scientific else 3

    @classmethod
    def integer(cls, value: int) -> Num:
        return cls(Real.of(Fraction(value), given=True))

    @classmethod
    def given(cls, value) -> Num:
        return cls(Real.of(value, given=True))

    def latex(self):
        if self.fraction:
            q = self.real.rational()
            body = rf"\frac{{{abs(q.numerator)}}}{{{q.denominator}}}"
            return "-" + body if q < 0 else body
        return self.printed.latex()

    def text(self):
        if self.fraction:
            q = self.real.rational()
            return (_MINUS if q < 0 else "") + f"{abs(q.numerator)}/{q.denominator}"
        if self.printed.exponent is not None:
            return self.printed.unicode().replace("-", _MINUS)
        return self.printed.text().replace("-", _MINUS)

    def shown_value(self) -> Fraction:
        """The printed number itself, exactly."""
        if self.fraction:
            return self.real.rational()
        return Fraction(int(self.printed.value.p), int(self.printed.value.q))

    def interval(self, shown):
        if not shown or self.exact:
            return self.real.interval() if not self.exact else interval_of(self.shown_value())
        centre, half = self.shown_value(), half_unit(self.printed)
        return hull(ends(interval_of(centre - half))[0], ends(interval_of(centre + half))[1])

    def rational(self, literal=False):
        if self.exact or literal:
            return self.shown_value()
        return self.real.rational()

    def sympy(self, symbols=None):
        from sympy import Rational, Symbol
        if self.exact:
            q = self.shown_value()
            return Rational(q.numerator, q.denominator)
        if symbols is not None:
            key = id(self.real)
            if key not in symbols:
                symbols[key] = Symbol(f"r{len(symbols)}", real=True)
            return symbols[key]
        return self.real.sympy()


def _sympy_rational(q: Fraction):
    from sympy import Rational
    return Rational(q.numerator, q.denominator)


class Const(Node):
    """A named constant (``\\pi``)."""

    def __init__(self, name: str):
        if name != "pi":
            raise ValueError(f"unknown constant {name!r}")
        self.name = name

    def latex(self):
        return r"\pi"

    def text(self):
        return "π"

    def interval(self, shown):
        return iv.pi

    def sympy(self, symbols=None):
        from sympy import pi
        return pi


def _wrap_latex(node: Node, binding: int, *, negative_too: bool = True) -> str:
    text = node.latex()
    if node.binding < binding or (negative_too and node.negative):
        left, right = (r"\left(", r"\right)") if _tall(node) else ("(", ")")
        return left + text + right
    return text


def _wrap_text(node: Node, binding: int, *, negative_too: bool = True) -> str:
    text = node.text()
    if node.binding < binding or (negative_too and node.negative):
        return "(" + text + ")"
    return text


def _tall(node: Node) -> bool:
    return any(isinstance(n, (Frac, Matrix)) for n in node.walk())


class Sum(Node):
    """``t_1 + t_2 - t_3``: terms with their signs, in the order written."""

    binding = 0

    def __init__(self, terms):
        self.terms = tuple(terms)   # (sign, node), sign '+' or '-'
        if not self.terms:
            raise ValueError("an empty sum")
        self.negative = self.terms[0][0] == "-" or (self.terms[0][1].negative and self.terms[0][1].binding > 0)

    @classmethod
    def of(cls, *nodes) -> Sum:
        return cls(("+", n) for n in nodes)

    @classmethod
    def minus(cls, node) -> Sum:
        """``-node``."""
        return cls([("-", node)])

    def children(self):
        return tuple(n for _, n in self.terms)

    def rebuild(self, children):
        return Sum((s, c) for (s, _), c in zip(self.terms, children))

    def latex(self):
        out = []
        for i, (sign, node) in enumerate(self.terms):
            body = _wrap_latex(node, 1 if (i or sign == "-") else 0, negative_too=bool(i) or sign == "-")
            if i == 0:
                out.append(("-" if sign == "-" else "") + body)
            else:
                out.append(f" {sign} {body}")
        return "".join(out)

    def text(self):
        out = []
        for i, (sign, node) in enumerate(self.terms):
            body = _wrap_text(node, 1 if (i or sign == "-") else 0, negative_too=bool(i) or sign == "-")
            s = _MINUS if sign == "-" else "+"
            out.append((s if sign == "-" else "") + body if i == 0 else f" {s} {body}")
        return "".join(out)

    @property
    def is_matrix(self):
        return any(n.is_matrix for _, n in self.terms)

    def interval(self, shown):
        total = None
        for sign, node in self.terms:
            v = node.interval(shown)
            v = _neg(v) if sign == "-" else v
            total = v if total is None else _add(total, v)
        return total

    def rational(self, literal=False):
        total = None
        for sign, node in self.terms:
            v = node.rational(literal)
            if v is None:
                return None
            v = _r_neg(v) if sign == "-" else v
            total = v if total is None else _r_add(total, v)
        return total

    def sympy(self, symbols=None):
        from sympy import Add
        return Add(*[(-1 if s == "-" else 1) * n.sympy(symbols) for s, n in self.terms])


class Product(Node):
    """``f_1 f_2 \\cdots``: factors in order, ``\\cdot`` between numbers, matrix products when matrices."""

    binding = 1

    def __init__(self, factors):
        self.factors = tuple(factors)
        if len(self.factors) < 2:
            raise ValueError("a product needs two factors")

    @classmethod
    def of(cls, *nodes) -> Node:
        return nodes[0] if len(nodes) == 1 else cls(nodes)

    def children(self):
        return self.factors

    def rebuild(self, children):
        return Product(children)

    def _joiner(self, left: Node, right: Node, latex: bool) -> str:
        if isinstance(right, Sum) or left.is_matrix or right.is_matrix:
            return " " if latex else ""        # 2(1 - a), W x: juxtaposed
        numeric = (isinstance(left, (Num, Const)) or isinstance(right, Num) or _starts_with_digit(right))
        if latex:
            return r" \cdot " if numeric else " "
        return "·"

    def latex(self):
        out = []
        for i, f in enumerate(self.factors):
            body = _wrap_latex(f, 2 if isinstance(f, Num) and f.scientific else 1)
            if i:
                out.append(self._joiner(self.factors[i - 1], f, True))
            out.append(body)
        return "".join(out)

    def text(self):
        out = []
        for i, f in enumerate(self.factors):
            if i:
                out.append(self._joiner(self.factors[i - 1], f, False))
            out.append(_wrap_text(f, 2 if isinstance(f, Num) and f.scientific else 1))
        return "".join(out)

    @property
    def is_matrix(self):
        return any(f.is_matrix for f in self.factors)

    def interval(self, shown):
        value = None
        for f in self.factors:
            v = f.interval(shown)
            value = v if value is None else _mul(value, v)
        return value

    def rational(self, literal=False):
        values = [f.rational(literal) for f in self.factors]
        if not self.is_matrix:
            if any(isinstance(v, Fraction) and v == 0 for v in values):
                return Fraction(0)   # a factor 0 makes the product 0, whatever the others are
            if any(v is None for v in values):
                return None
        elif any(v is None and f.is_matrix for v, f in zip(values, self.factors)):
            return None
        value = values[0]
        for v in values[1:]:
            value = _r_mul(value, v)
        return value

    def sympy(self, symbols=None):
        from sympy import Mul
        return Mul(*[f.sympy(symbols) for f in self.factors])


def _starts_with_digit(node: Node) -> bool:
    text = node.latex()
    return bool(text) and (text[0].isdigit() or text[0] in "-(")


class Hadamard(Node):
    """The elementwise product ``u \\odot v``."""

    binding = 1

    def __init__(self, left: Node, right: Node):
        self.left, self.right = left, right

    def children(self):
        return self.left, self.right

    def rebuild(self, children):
        return Hadamard(*children)

    def latex(self):
        return _wrap_latex(self.left, 2) + r" \odot " + _wrap_latex(self.right, 2)

    def text(self):
        return _wrap_text(self.left, 2) + " ⊙ " + _wrap_text(self.right, 2)

    @property
    def is_matrix(self):
        return True

    def _combine(self, x, y):
        if not (isinstance(x, Mat) and isinstance(y, Mat)) or x.shape != y.shape:
            raise ValueError("an elementwise product needs two matrices of one shape")
        return Mat([[a * b for a, b in zip(r, s)] for r, s in zip(x.rows, y.rows)])

    def interval(self, shown):
        return self._combine(self.left.interval(shown), self.right.interval(shown))

    def rational(self, literal=False):
        x, y = self.left.rational(literal), self.right.rational(literal)
        if x is None or y is None:
            return None
        return Mat([[_r_mul(a, b) for a, b in zip(r, q)] for r, q in zip(x.rows, y.rows)])

    def sympy(self, symbols=None):
        raise TypeError("no SymPy form for an elementwise product")


class Frac(Node):
    """``\\frac{num}{den}``."""

    binding = 3

    def __init__(self, num: Node, den: Node):
        self.num, self.den = num, den
        self.negative = num.negative and num.binding > 0

    def children(self):
        return self.num, self.den

    def rebuild(self, children):
        return Frac(*children)

    def latex(self):
        return rf"\frac{{{self.num.latex()}}}{{{self.den.latex()}}}"

    def text(self):
        return _wrap_text(self.num, 2, negative_too=False) + "/" + _wrap_text(self.den, 3)

    @property
    def is_matrix(self):
        return self.num.is_matrix

    def interval(self, shown):
        d = self.den.interval(shown)
        return _elementwise(lambda v: v / d, self.num.interval(shown))

    def rational(self, literal=False):
        n, d = self.num.rational(literal), self.den.rational(literal)
        if n is None and d is None and not self.is_matrix and same(self.num, self.den):
            return Fraction(1)   # e^{z}/S with S = e^{z}: a softmax of one output
        if n is None or d is None or d == 0:
            return None
        return _r_map(lambda v: v / d, n)

    def sympy(self, symbols=None):
        return self.num.sympy(symbols) / self.den.sympy(symbols)


class Power(Node):
    """``base^{n}`` for a whole number n."""

    binding = 2

    def __init__(self, base: Node, exponent: int):
        self.base, self.exponent = base, exponent

    def children(self):
        return (self.base,)

    def rebuild(self, children):
        return Power(children[0], self.exponent)

    def _base_needs_parens(self) -> bool:
        return self.base.binding < 3 or self.base.negative or (
            isinstance(self.base, Name) and ("^" in self.base.latex() or "_" in self.base.latex()))

    def latex(self):
        base = self.base.latex()
        if self._base_needs_parens():
            base = (r"\left(" + base + r"\right)") if _tall(self.base) else "(" + base + ")"
        return f"{base}^{{{self.exponent}}}"

    def text(self):
        base = self.base.text()
        if self._base_needs_parens():
            base = "(" + base + ")"
        return base + str(self.exponent).translate(_SUPER)

    def interval(self, shown):
        return self.base.interval(shown) ** self.exponent

    def rational(self, literal=False):
        b = self.base.rational(literal)
        if b is None or (b == 0 and self.exponent < 0):
            return None
        return b ** self.exponent

    def sympy(self, symbols=None):
        return self.base.sympy(symbols) ** self.exponent


_SUPER = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


class Exp(Node):
    """``e^{arg}``."""

    binding = 2

    def __init__(self, arg: Node):
        self.arg = arg

    def children(self):
        return (self.arg,)

    def rebuild(self, children):
        return Exp(children[0])

    def latex(self):
        return f"e^{{{self.arg.latex()}}}"

    def text(self):
        return f"exp({self.arg.text()})"

    @property
    def is_matrix(self):
        return self.arg.is_matrix

    def interval(self, shown):
        return _elementwise(iv.exp, self.arg.interval(shown))

    def rational(self, literal=False):
        a = self.arg.rational(literal)
        return _r_map(lambda v: Fraction(1) if v == 0 else None, a) if a is not None else None

    def sympy(self, symbols=None):
        from sympy import exp
        return exp(self.arg.sympy(symbols))


# ----------------------------------------------------------------------------------------- functions
def _mono(f):
    """Rigorous bounds of a nondecreasing function from its values at the ends (computed with guard bits)."""
    def bounded(x):
        lo, hi = ends(x)
        bits = iv.prec
        with mp.workprec(bits + 30):
            a, b = f(lo), f(hi)
            slack = mp.ldexp(1, -bits + 4)
            a = a - abs(a) * slack - mp.ldexp(1, -4 * bits)
            b = b + abs(b) * slack + mp.ldexp(1, -4 * bits)
        return hull(a, b)
    return bounded


def _sigma(x):
    return 1 / (1 + iv.exp(-x))


def _tanh(x):
    return 1 - 2 / (iv.exp(2 * x) + 1)


def _relu(x):
    lo, hi = ends(x)
    return hull(max(lo, mp.zero), max(hi, mp.zero))


def _phi_cdf(v):
    return (1 + mp.erf(v / mp.sqrt(2))) / 2


def _mp_of(q: Fraction):
    return mp.mpf(q.numerator) / q.denominator


def _kink(left: Fraction, right: Fraction) -> Fraction:
    """The derivative at a kink under the convention in force (conventions module)."""
    from ..conventions import value_at_kink

    value = value_at_kink(left, right)
    if isinstance(value, Fraction):
        return value
    raise ValueError("the derivative at the kink is undefined under the convention in force")


def _branches(x, negative, at_zero, positive):
    """Bounds of a function given by its bounds on x < 0 (a callable of the negative part), at 0 and x > 0."""
    lo, hi = ends(x)
    los, his = [], []
    if lo < 0:
        part = negative(hull(lo, min(hi, mp.zero)))
        a, b = ends(part)
        los.append(a)
        his.append(b)
    if lo <= 0 <= hi:
        los.append(at_zero)
        his.append(at_zero)
    if hi > 0:
        part = positive(hull(max(lo, mp.zero), hi))
        a, b = ends(part)
        los.append(a)
        his.append(b)
    return hull(min(los), max(his))


def _constant(value):
    return lambda x: iv.mpf(value)


class Function:
    """One function a :class:`Call` applies: its names in LaTeX and text, and its SymPy form."""

    def __init__(self, key, latex, text, sympy=None):
        self.key, self.latex_name, self.text_name, self._sympy = key, latex, text, sympy


def _make_functions():
    from sympy import Piecewise, Rational, erf, exp, log, sqrt, tanh

    def _kink_sym(left, right):
        return R(_kink(Fraction(left), Fraction(right)))

    from .. import functions as F

    def R(q):
        return Rational(q.numerator, q.denominator)

    rows = [
        ("sigma", r"\sigma", "σ", lambda x, p: F.sigmoid(x)),
        ("tanh", r"\tanh", "tanh", lambda x, p: tanh(x)),
        ("relu", r"\operatorname{ReLU}", "ReLU", lambda x, p: F.relu(x)),
        ("leaky_relu", r"\operatorname{LeakyReLU}", "LeakyReLU", lambda x, p: F.leaky_relu(x, R(p))),
        ("elu", r"\operatorname{ELU}", "ELU", lambda x, p: F.elu(x, R(p))),
        ("softplus", r"\operatorname{softplus}", "softplus", lambda x, p: F.softplus(x)),
        ("swish", r"\operatorname{swish}", "swish", lambda x, p: F.swish(x, R(p))),
        ("gelu", r"\operatorname{GELU}", "GELU", lambda x, p: F.gelu(x)),
        ("step", r"\operatorname{step}", "step", lambda x, p: F.binary_step(x, 1)),
        ("ln", r"\ln", "ln", lambda x, p: log(x)),
        ("Phi", r"\Phi", "Φ", lambda x, p: (1 + erf(x / sqrt(2))) / 2),
        ("sqrt", r"\sqrt", "√", lambda x, p: sqrt(x)),
        ("relu_prime", r"\operatorname{ReLU}'", "ReLU′", lambda x, p: Piecewise((1, x > 0), (_kink_sym(0, 1), True))
         if not x.is_number or x == 0 else (1 if x > 0 else 0)),
        ("leaky_relu_prime", r"\operatorname{LeakyReLU}'", "LeakyReLU′",
         lambda x, p: (1 if x > 0 else R(_kink(p, Fraction(1))) if x == 0 else R(p)) if x.is_number
         else Piecewise((1, x > 0), (R(p), True))),
        ("elu_prime", r"\operatorname{ELU}'", "ELU′",
         lambda x, p: (1 if x > 0 else R(_kink(p, Fraction(1))) if x == 0 else R(p) * exp(x)) if x.is_number
         else Piecewise((1, x > 0), (R(p) * exp(x), True))),
        ("step_prime", r"\operatorname{step}'", "step′", lambda x, p: 0),
    ]
    return {key: Function(key, latex, text, sympy) for key, latex, text, sympy in rows}


FUNCTIONS: dict[str, Function] = {}


def _functions():
    if not FUNCTIONS:
        FUNCTIONS.update(_make_functions())
    return FUNCTIONS


def _call_interval(key, x, p):
    """Rigorous bounds of function ``key`` (parameter ``p``, a Fraction) on the interval x."""
    if key == "sigma":
        return _sigma(x)
    if key == "tanh":
        return _tanh(x)
    if key == "relu":
        return _relu(x)
    if key == "softplus":
        return iv.log(1 + iv.exp(x))
    if key == "ln":
        return iv.log(x)
    if key == "sqrt":
        return iv.sqrt(x)
    if key == "Phi":
        return _mono(_phi_cdf)(x)
    if key == "leaky_relu":
        a = interval_of(p)
        return _branches(x, lambda v: v * a, mp.zero, lambda v: v)
    if key == "elu":
        a = interval_of(p)
        return _branches(x, lambda v: a * iv.expm1(v), mp.zero, lambda v: v)
    if key == "swish":
        return x * _sigma(x * interval_of(p))
    if key == "gelu":
        return x * _mono(_phi_cdf)(x)
    if key == "step":
        return _branches(x, _constant(0), mp.one, _constant(1))
    if key == "relu_prime":
        return _branches(x, _constant(0), _mp_of(_kink(Fraction(0), Fraction(1))), _constant(1))
    if key == "leaky_relu_prime":
        return _branches(x, _constant(_mp_of(p)), _mp_of(_kink(p, Fraction(1))), _constant(1))
    if key == "elu_prime":
        a = interval_of(p)
        return _branches(x, lambda v: a * iv.exp(v), _mp_of(_kink(p, Fraction(1))), _constant(1))
    if key == "step_prime":
        return iv.mpf(0)
    raise ValueError(f"no bounds for {key}")


def _call_rational(key, q: Fraction, p):
    """The exact rational value of function ``key`` at the rational q, or None when it is irrational."""
    zero, one = Fraction(0), Fraction(1)
    if key == "relu":
        return max(q, zero)
    if key == "leaky_relu":
        return q if q >= 0 else p * q
    if key == "elu":
        return q if q >= 0 else None
    if key == "step":
        return one if q >= 0 else zero
    if key in ("relu_prime", "leaky_relu_prime", "elu_prime"):
        left = zero if key == "relu_prime" else p
        if q > 0:
            return one
        if q == 0:
            return _kink(left, one)
        return None if key == "elu_prime" else left
    if key == "step_prime":
        return zero
    if q == 0:
        return {"sigma": Fraction(1, 2), "tanh": zero, "swish": zero, "gelu": zero, "Phi": Fraction(1, 2),
                "sqrt": zero}.get(key)
    if q == 1 and key in ("ln", "sqrt"):
        return zero if key == "ln" else one
    return None


def _sign(node: Node) -> int | None:
    """The sign of an irrational value, decided by its bounds (None when they never decide)."""
    from .exact import PRECISIONS, precision

    for bits in PRECISIONS:
        with precision(bits):
            lo, hi = ends(node.interval(False))
        if lo > 0:
            return 1
        if hi < 0:
            return -1
    return None


def _signs(node: Node) -> Mat:
    """The sign of each entry of a matrix-valued node (None where the bounds never decide)."""
    from .exact import PRECISIONS, precision

    result = None
    for bits in PRECISIONS:
        with precision(bits):
            value = node.interval(False)
        signs = value.map(lambda x: 1 if ends(x)[0] > 0 else -1 if ends(x)[1] < 0 else None)
        result = signs if result is None else Mat([[a if a is not None else b for a, b in zip(r, q)]
                                                   for r, q in zip(result.rows, signs.rows)])
        if all(v is not None for v in result.entries()):
            break
    return result


#: functions whose value at an irrational argument its sign alone may decide (None: it does not)
_BY_SIGN = {
    "relu": lambda s, p: Fraction(0) if s == -1 else None,
    "relu_prime": lambda s, p: None if s is None else Fraction(1) if s == 1 else Fraction(0),
    "leaky_relu_prime": lambda s, p: None if s is None else Fraction(1) if s == 1 else p,
    "elu_prime": lambda s, p: Fraction(1) if s == 1 else None,
    "step": lambda s, p: None if s is None else Fraction(1) if s == 1 else Fraction(0),
    "step_prime": lambda s, p: Fraction(0),
}


class Call(Node):
    """A function applied to an argument: ``\\sigma(1.5)``, ``\\operatorname{ReLU}'(z^{[1]}_2)``, ``\\ln(0.659)``.

    ``parameter`` is the α of leaky ReLU and ELU or the β of swish (shown in the
    justification, not in the call).  Applied to a vector, a function acts
    elementwise.
    """

    binding = 3

    def __init__(self, key: str, arg: Node, parameter: Fraction | None = None):
        if key not in _functions():
            raise ValueError(f"unknown function {key!r}")
        self.key, self.arg, self.parameter = key, arg, parameter

    @property
    def function(self) -> Function:
        return _functions()[self.key]

    def children(self):
        return (self.arg,)

    def rebuild(self, children):
        return Call(self.key, children[0], self.parameter)

    def latex(self):
        f = self.function
        if self.key == "sqrt":
            return rf"\sqrt{{{self.arg.latex()}}}"
        tall = _tall(self.arg)
        left, right = (r"\left(", r"\right)") if tall else ("(", ")")
        return f"{f.latex_name}{left}{self.arg.latex()}{right}"

    def text(self):
        f = self.function
        return f"{f.text_name}({self.arg.text()})"

    @property
    def is_matrix(self):
        return self.arg.is_matrix

    def interval(self, shown):
        return _elementwise(lambda v: _call_interval(self.key, v, self.parameter), self.arg.interval(shown))

    def rational(self, literal=False):
        a = self.arg.rational(literal)
        if a is None:
            if self.key in _BY_SIGN and not self.arg.is_matrix:
                return _BY_SIGN[self.key](_sign(self.arg), self.parameter)
            return None
        if isinstance(a, Mat):
            values = a.map(lambda v: None if v is None else _call_rational(self.key, v, self.parameter))
            if self.key in _BY_SIGN and any(v is None for v in values.entries()):
                signs = _signs(self.arg)
                values = Mat([[v if v is not None else _BY_SIGN[self.key](sg, self.parameter)
                               for v, sg in zip(r, sr)] for r, sr in zip(values.rows, signs.rows)])
            return values
        return _call_rational(self.key, a, self.parameter)

    def sympy(self, symbols=None):
        f = self.function
        if f._sympy is None or (self.key in _BY_SIGN and symbols is None):
            value = self.rational() if not self.arg.is_matrix else None
            if isinstance(value, Fraction):
                return _sympy_rational(value)    # a derivative at a kink-free point: 0, 1 or alpha
            if f._sympy is None:
                raise TypeError(f"no SymPy form for {self.key}")
        return f._sympy(self.arg.sympy(symbols), self.parameter)


class Softmax(Node):
    """``\\operatorname{softmax}(v)`` of a column vector."""

    def __init__(self, arg: Node):
        self.arg = arg

    def children(self):
        return (self.arg,)

    def rebuild(self, children):
        return Softmax(children[0])

    def latex(self):
        left, right = (r"\left(", r"\right)") if _tall(self.arg) else ("(", ")")
        return rf"\operatorname{{softmax}}{left}{self.arg.latex()}{right}"

    def text(self):
        return f"softmax({self.arg.text()})"

    @property
    def is_matrix(self):
        return True

    def interval(self, shown):
        v = self.arg.interval(shown)
        entries = v.entries()
        out = []
        for i, zi in enumerate(entries):
            # p_i = 1 / sum_k e^(z_k - z_i): each z enters the bound of p_i once or twice, never overflowing
            total = iv.mpf(1)
            for k, zk in enumerate(entries):
                if k != i:
                    total = total + iv.exp(zk - zi)
            out.append([1 / total])
        return Mat(out)

    def sympy(self, symbols=None):
        raise TypeError("no SymPy form for a vector softmax")


class Abs(Node):
    """``\\left|x\\right|``."""

    def __init__(self, arg: Node):
        self.arg = arg

    def children(self):
        return (self.arg,)

    def rebuild(self, children):
        return Abs(children[0])

    def latex(self):
        return r"\left|" + self.arg.latex() + r"\right|"

    def text(self):
        return "|" + self.arg.text() + "|"

    def interval(self, shown):
        return abs(self.arg.interval(shown))

    def rational(self, literal=False):
        a = self.arg.rational(literal)
        return None if a is None else abs(a)

    def sympy(self, symbols=None):
        from sympy import Abs as A
        return A(self.arg.sympy(symbols))


class Matrix(Node):
    """A ``bmatrix`` of written entries (a column vector is one column)."""

    def __init__(self, rows):
        self.rows = tuple(tuple(r) for r in rows)

    def children(self):
        return tuple(n for r in self.rows for n in r)

    def rebuild(self, children):
        it = iter(children)
        return Matrix([[next(it) for _ in r] for r in self.rows])

    @property
    def is_matrix(self):
        return True

    @property
    def shape(self):
        return len(self.rows), len(self.rows[0])

    def latex(self):
        body = r" \\ ".join(" & ".join(n.latex() for n in r) for r in self.rows)
        return r"\begin{bmatrix} " + body + r" \end{bmatrix}"

    def text(self):
        return "[" + "; ".join(", ".join(n.text() for n in r) for r in self.rows) + "]"

    def interval(self, shown):
        return Mat([[n.interval(shown) for n in r] for r in self.rows])

    def rational(self, literal=False):
        return Mat([[n.rational(literal) for n in r] for r in self.rows])

    def sympy(self, symbols=None):
        from sympy import Matrix as M
        return M([[n.sympy(symbols) for n in r] for r in self.rows])


class Transpose(Node):
    """``v^{T}``: a transposed name prints as ``a^{[0]T}``."""

    def __init__(self, arg: Node):
        self.arg = arg

    def children(self):
        return (self.arg,)

    def rebuild(self, children):
        return Transpose(children[0])

    @property
    def is_matrix(self):
        return True

    def latex(self):
        if isinstance(self.arg, Name) and self.arg.transposed_latex:
            return self.arg.transposed_latex
        return _wrap_latex(self.arg, 3) + "^{T}"

    def text(self):
        if isinstance(self.arg, Name) and self.arg.transposed_text:
            return self.arg.transposed_text
        return _wrap_text(self.arg, 3) + "ᵀ"

    def interval(self, shown):
        v = self.arg.interval(shown)
        return Mat(list(zip(*v.rows)))

    def rational(self, literal=False):
        v = self.arg.rational(literal)
        return None if v is None else Mat(list(zip(*v.rows)))

    def sympy(self, symbols=None):
        return self.arg.sympy(symbols).T


def _definition(node: Node) -> Node:
    """A name by its formula, a one-term sum by its term (for :func:`same`)."""
    while True:
        if isinstance(node, Name) and isinstance(node.real, Real) and node.real.formula is not None:
            node = node.real.formula
        elif isinstance(node, Sum) and len(node.terms) == 1 and node.terms[0][0] == "+":
            node = node.terms[0][1]
        else:
            return node


def same(a: Node, b: Node) -> bool:
    """True when two written nodes are the same expression of the same quantities (names by definition)."""
    a, b = _definition(a), _definition(b)
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, Name):
        return a.real is b.real and a.real is not None
    if isinstance(a, Num):
        return a.real is b.real or (a.exact and b.exact and a.shown_value() == b.shown_value())
    if isinstance(a, Sum) and [s for s, _ in a.terms] != [s for s, _ in b.terms]:
        return False
    if isinstance(a, Call) and (a.key, a.parameter) != (b.key, b.parameter):
        return False
    if isinstance(a, Power) and a.exponent != b.exponent:
        return False
    ka, kb = a.children(), b.children()
    return len(ka) == len(kb) and bool(ka) and all(same(x, y) for x, y in zip(ka, kb))


def substitute(node: Node, number, *, matrices: bool = True) -> Node:
    """``node`` with every :class:`Name` that has a value replaced by ``number(real)`` (a Num).

    A vector or matrix name becomes a :class:`Matrix` of numbers; a transposed
    one its transpose written out.  Names without a value stay.
    """
    if isinstance(node, Name):
        if node.real is None:
            return node
        if isinstance(node.real, list):
            return Matrix([[number(r) for r in row] for row in node.real])
        return number(node.real)
    if isinstance(node, Transpose) and isinstance(node.arg, Name) and isinstance(node.arg.real, list):
        return Matrix([list(col) for col in zip(*[[number(r) for r in row] for row in node.arg.real])])
    kids = node.children()
    if not kids:
        return node
    return node.rebuild([substitute(k, number, matrices=matrices) for k in kids])

