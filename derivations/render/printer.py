r"""The LaTeX printer every output format starts from.

:class:`SheetLatexPrinter` is SymPy's ``LatexPrinter`` with these changes:

* ``digits``: a :class:`derivations.numbers.Rounding` (``DecimalPlaces(4)``,
  ``SignificantDigits(4)``; a plain ``int`` means significant digits).  Rational
  and floating numbers are printed through :mod:`derivations.numbers`, so a
  value prints the same in a sheet, in ``solve`` and in the checker's messages;
  integers and symbolic constants (``pi``, ``sqrt(2)``) stay exact;
* a sum or product kept as written (built with ``evaluate=False``) prints in
  the order it was written, every factor shown;
* ``\frac{\partial L}{\partial z_{j}}`` for the derivative of a name, ``z_{j}``
  for an indexed name, ``f'(a)`` for a derivative at a point;
* matrices print as ``bmatrix``, which LaTeX (amsmath), latex2mathml, KaTeX
  and MathJax all understand.

Our activation functions keep their own ``_latex`` (``\sigma``,
``\operatorname{ReLU}``): the printer dispatches to them as SymPy's does.

>>> from sympy import Rational, Symbol, Float, Add, Mul, IndexedBase, Derivative
>>> from derivations import sigmoid
>>> from derivations.numbers import DecimalPlaces, SignificantDigits
>>> to_latex(Rational(1, 3), digits=4), to_latex(Rational(3, 10), digits=4)
('0.3333', '0.3')
>>> to_latex(Rational(1, 8), digits=DecimalPlaces(2)), to_latex(Rational(1, 8), digits=SignificantDigits(2))
('0.13', '0.13')
>>> to_latex(sigmoid(Rational(3, 10)) * Rational(2, 3), digits=3)
'0.667 \\sigma\\left(0.3\\right)'
>>> to_latex(Rational(2, 3) / 10**9, digits=3)
'6.67 \\times 10^{-10}'
>>> to_latex(Add(Mul(2, 0, evaluate=False), Mul(Rational(-3, 2), 1, evaluate=False), 3, evaluate=False), digits=4)
'2 \\cdot 0 + \\left(-1.5\\right) \\cdot 1 + 3'
>>> z, L = IndexedBase("z"), Symbol("L")
>>> to_latex(Derivative(L, z[Symbol("j")]))
'\\frac{\\partial L}{\\partial z_{j}}'
>>> to_latex(Rational(1, 3))
'\\frac{1}{3}'
"""

from __future__ import annotations

from functools import lru_cache

from sympy import Derivative, Indexed, Integer, MatAdd, MatMul, Mul, Rational, S, Symbol
from sympy.core.numbers import Number
from sympy.printing.latex import LatexPrinter

from ..numbers import DecimalPlaces, Rounding, SignificantDigits

__all__ = ["SheetLatexPrinter", "to_latex", "rounding_of", "join_terms", "RELATION_LATEX"]

#: relation name (as in :data:`derivations.derivation.RELATIONS`) -> LaTeX
RELATION_LATEX = {"=": "=", "<=": r"\le", "<": "<", ">=": r"\ge", ">": ">", "approx": r"\approx",
                  "!=": r"\ne", ":=": r"\coloneqq"}


def rounding_of(digits) -> Rounding | None:
    """The :class:`~derivations.numbers.Rounding` a ``digits`` setting stands for.

    None stays None (exact printing); a Rounding is itself; the old
    ``derivation.DecimalPlaces`` (an ``int`` subclass) is decimal places; any
    other ``int`` is significant digits.

    >>> rounding_of(4), rounding_of(None), rounding_of(DecimalPlaces(2))
    (SignificantDigits(4), None, DecimalPlaces(2))
    """
    if isinstance(digits, int) and not isinstance(digits, bool) and type(digits).__name__ == "DecimalPlaces":
        return DecimalPlaces(int(digits))   # derivation.DecimalPlaces, the old int alias
    if digits is None or isinstance(digits, Rounding):
        return digits
    if isinstance(digits, bool) or not isinstance(digits, int):
        raise TypeError(f"digits must be a Rounding (DecimalPlaces, SignificantDigits) or an int, not {digits!r}")
    if type(digits).__name__ == "DecimalPlaces":  # derivation.DecimalPlaces, an int subclass
        return DecimalPlaces(int(digits))
    return SignificantDigits(int(digits))


def _as_written(expr) -> bool:
    """True for a sum or product built unevaluated, whose terms SymPy would reorder or combine.

    Matrix sums are compared with their evaluated (canonical) form.
    """
    if isinstance(expr, (MatAdd, MatMul)):
        try:
            canonical = type(expr)(*expr.args).doit()
        except Exception:  # pragma: no cover - shapes SymPy cannot evaluate
            return False
        return canonical.args != expr.args
    try:
        return type(expr)(*expr.args).args != expr.args
    except Exception:  # pragma: no cover - exotic arguments
        return False


def join_terms(terms) -> str:
    """``[("", "a", …), ("-", "b", …)]`` -> ``a - b``."""
    return "".join((f" {sign} " if sign else "") + text for sign, text, *_ in terms)


def _written_product(expr) -> bool:
    """A product of given numbers kept as written (``2 \\cdot 0``, ``(-3/2) \\cdot 1``): every factor shown."""
    return isinstance(expr, Mul) and (any(isinstance(a, Number) for a in expr.args[1:]) or expr.args[0] is S.One)


def _in_order(expr) -> bool:
    """A product printed factor by factor in its own order: no fraction, an integer coefficient at most."""
    args = expr.args
    if len(args) < 2 or _written_product(expr):
        return False
    if any(a.is_Pow and not (a.exp.is_Integer and a.exp > 0) for a in args):
        return False
    if any(isinstance(a, Number) and not isinstance(a, Integer) for a in args):
        return False
    if any(isinstance(a, Number) for a in args[1:]):
        return False
    if isinstance(args[0], Integer) and args[0] is not S.NegativeOne and len(args) == 2 and args[1].is_Number:
        return False
    return not any(a.is_commutative is False for a in args)


def _name_like(expr) -> bool:
    """A bare name (L, z_j, W^{[1]}): its derivative is written d L / d x."""
    return isinstance(expr, (Symbol, Indexed))


class SheetLatexPrinter(LatexPrinter):
    """SymPy's LaTeX printer with rounded numbers (``digits``), written order, and ``bmatrix``."""

    printmethod = "_latex"
    _default_settings = {**LatexPrinter._default_settings, "digits": None,
                         "mat_str": "bmatrix", "mat_delim": ""}

    def __init__(self, settings=None):
        settings = dict(settings or {})
        settings["digits"] = rounding_of(settings.get("digits"))
        super().__init__(settings)
        self._memo: dict = {}

    def _print(self, expr, **kwargs):
        """SymPy's dispatch, remembering what each sub-expression printed as (line breaking asks again)."""
        if kwargs:
            return super()._print(expr, **kwargs)
        try:
            return self._memo[expr]
        except KeyError:
            if len(self._memo) > 50000:  # a long session: start again rather than grow without bound
                self._memo.clear()
            text = self._memo[expr] = super()._print(expr)
            return text
        except TypeError:  # unhashable (a mutable Matrix)
            return super()._print(expr)

    @property
    def digits(self) -> Rounding | None:
        return self._settings.get("digits")

    def _number(self, value) -> str:
        return self.digits.printed(value).latex()

    def _print_Float(self, expr):
        if self.digits is None or not expr.is_finite:
            return super()._print_Float(expr)
        return self._number(Rational(str(expr)))  # the decimal it stands for, as the engine reads it

    def _print_Rational(self, expr):
        if self.digits is None or isinstance(expr, Integer):
            return super()._print_Rational(expr)
        return self._number(expr)

    def _factor(self, factor, *, first: bool) -> str:
        text = self._print(factor)
        negative_number = isinstance(factor, Number) and factor < 0
        if factor.is_Add or (negative_number and not first) or (factor.is_Mul and text.startswith("-")):
            return rf"\left({text}\right)"
        return text

    def _product_factor(self, factor) -> str:
        text = self._print(factor)
        if factor.is_Add or (factor.is_Mul and text.lstrip().startswith("-")):
            return rf"\left({text}\right)"
        return text

    def add_terms(self, expr, order=None) -> list[tuple[str, str, object]]:
        """The terms of a sum as printed, with the sign that joins each: ``[("", "a", a), ("-", "b", b)]``.

        Joining them (``a - b``) gives the printed sum; line breaking splits between them.
        """
        out: list[tuple[str, str, object]] = []
        if not _as_written(expr):  # SymPy's order and signs
            for i, term in enumerate(self._as_ordered_terms(expr, order=order)):
                sign, shown = "" if i == 0 else "+", term
                if i and term.could_extract_minus_sign():
                    sign, shown = "-", -term
                text = self._print(shown)
                if self._needs_add_brackets(shown):
                    text = rf"\left({text}\right)"
                out.append((sign, text, shown))
            return out
        for i, term in enumerate(expr.args):  # a sum kept as written: its order, its factors
            text = self._print(term)
            if term.is_Add:
                text = rf"\left({text}\right)"
            if i == 0:
                out.append(("", text, term))
            elif _written_product(term) and isinstance(term.args[0], Number) and term.args[0] < 0:
                # (-1.5) \cdot 1: a product of the given numbers, kept as written
                out.append(("+", r" \cdot ".join(self._factor(a, first=False) for a in term.args), term))
            elif text.startswith("-"):
                out.append(("-", text[1:].lstrip(), term))  # the term prints with its sign: "- " + text
            else:
                out.append(("+", text, term))
        return out

    def _print_Add(self, expr, order=None):
        return join_terms(self.add_terms(expr, order=order))

    def _print_Subs(self, expr):
        """f'(a) for the derivative of one of our one-argument functions at a point."""
        inner, (u,), (point,) = expr.expr, expr.variables, expr.point
        if isinstance(inner, Derivative) and inner.variables == (u,) and len(inner.expr.args) == 1 \
                and inner.expr.args[0] == u and hasattr(inner.expr.func, "latex_name"):
            return inner.expr.func.latex_name + "'" + r"\left(" + self._print(point) + r"\right)"
        return super()._print_Subs(expr)

    def _print_Derivative(self, expr):
        r"""``\frac{\partial L}{\partial z_{j}}`` for a name; SymPy's form for anything else."""
        if len(expr.variable_count) == 1 and expr.variable_count[0][1] == 1:
            (var, _), body = expr.variable_count[0], expr.expr
            partial = isinstance(var, Indexed) or not body.free_symbols <= {var}
            d = r"\partial" if partial else "d"
            bottom = f"{d} {self._print(var)}"
            if _name_like(body):
                return rf"\frac{{{d} {self._print(body)}}}{{{bottom}}}"
            text = self._print(body)
            if body.is_Add or (body.is_Mul and text.lstrip().startswith("-")):
                text = rf"\left({text}\right)"
            return rf"\frac{{{d}}}{{{bottom}}} {text}"
        return super()._print_Derivative(expr)

    def _print_Indexed(self, expr):
        """z_{i}, as people write it (SymPy prints {z}_{i})."""
        indices = ",".join(self._print(i) for i in expr.indices)
        return f"{self._print(expr.base.label)}_{{{indices}}}"

    def _print_KroneckerDelta(self, expr, exp=None):
        r"""``\delta_{kj}``: single-letter indices side by side, others separated by commas."""
        i, j = (self._print(a) for a in expr.args)
        sep = "" if len(i) == 1 and len(j) == 1 else ","
        tex = rf"\delta_{{{i}{sep}{j}}}"
        return rf"{tex}^{{{exp}}}" if exp else tex

    def _print_Mul(self, expr):
        if not isinstance(expr, Mul):  # SymPy's _print_Pow hands b**-1 to _print_Mul
            return super()._print_Mul(expr)
        args = expr.args
        if len(args) == 2 and args[0] is S.One and args[1].is_Pow and args[1].exp is S.NegativeOne:
            # an unevaluated 1 * b**-1, written by hand to show the fraction 1/b
            return r"\frac{1}{%s}" % self._print(args[1].base)
        if _in_order(expr):
            # a product without fractions: its factors in their order (y_k \log p_k, not \log p_k y_k)
            sign, factors = "", list(args)
            if factors[0] is S.NegativeOne:
                sign, factors = "- ", factors[1:]
            elif isinstance(factors[0], Integer) and factors[0] < 0:
                sign, factors = "- ", [-factors[0]] + factors[1:]
            text = " ".join(self._product_factor(a) for a in factors)
            return sign + text
        if _written_product(expr):
            # a product kept as written, e.g. (-3/2)*1: show every factor, joined by \cdot
            return r" \cdot ".join(self._factor(a, first=(i == 0)) for i, a in enumerate(args))
        if self.digits is not None:
            coeff, rest = expr.as_coeff_Mul()
            if isinstance(coeff, Number) and not isinstance(coeff, Integer) and coeff.is_finite \
                    and rest is not S.One:
                sign = "- " if coeff < 0 else ""
                head = self._number(abs(coeff))
                body = self._print(rest)
                if rest.is_Add or body.lstrip().startswith("-"):
                    # 0.1 times a product that prints with a sign: 0.1 \left(- 1.5 x\right), never 0.1 - 1.5 x
                    body = rf"\left({body}\right)"
                elif body.lstrip()[:1].isdigit():  # 0.1 \cdot 3 x, never the ambiguous 0.1 3 x
                    return rf"{sign}{head} \cdot {body}"
                return f"{sign}{head} {body}"
        return super()._print_Mul(expr)


@lru_cache(maxsize=16)
def printer_for(digits) -> SheetLatexPrinter:
    """The one printer of a rounding, shared (it remembers what it printed)."""
    return SheetLatexPrinter({"digits": digits})


@lru_cache(maxsize=8192, typed=True)
def _cached_latex(expr, digits):
    return printer_for(digits).doprint(expr)


def to_latex(expr, *, digits=None) -> str:
    """LaTeX for ``expr``; numbers rounded by ``digits`` (a Rounding, or an int of significant digits).

    Results are cached by expression (every format prints the same expressions).
    """
    digits = rounding_of(digits)
    try:
        return _cached_latex(expr, digits)
    except TypeError:  # unhashable (a mutable Matrix)
        return SheetLatexPrinter({"digits": digits}).doprint(expr)

