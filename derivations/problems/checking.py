r"""Checking a worked step as it is displayed: by exact arithmetic and rigorous bounds, not by search.

Each link of a worked chain has a rule, and the rule says what is checked:

* ``definition`` (``z^{[1]}_1 = w^{[1]}_{11}x_1 + \dots``) and ``given``: the
  right side is the quantity's definition (its value is recomputed and must
  agree); **proved**;
* ``derivative`` (a chain-rule formula for a δ or a gradient): the formula's
  exact value must agree, to 40 digits, with the derivative of the loss found
  by reverse-mode differentiation (:mod:`.adjoint`); **verified**;
* ``substitute`` and ``evaluate``: the right side is the left side with some
  parts replaced by numbers, and every such number must be the exact value of
  what it replaces, rounded as printed (``0.8176`` stands for σ(1.5), and
  σ(1.5) lies within 0.00005 of it).  Besides, the two sides as printed must
  agree within the rounding of their numbers, so what a reader recomputes
  from the printed numbers is right too.  **proved** when every number is
  exact, **verified** when some are rounded (then the relation is ``≈``);
* ``identity`` (``\sigma(1.5) = \frac{1}{1 + e^{-1.5}}``): both sides, with
  each rounded number a symbol of its sign, go to the equivalence engine
  (small expressions: it decides them in milliseconds);
* ``bound`` (``\le``): rigorous interval bounds; **proved**.

>>> from fractions import Fraction
>>> from derivations.numbers import DecimalPlaces
>>> from derivations.problems.exact import Real
>>> from derivations.problems.written import Call, Name, Num, Product, Sum
>>> d4 = DecimalPlaces(4)
>>> a = Real(Call("sigma", Num.given(Fraction(3, 2))))
>>> lhs = Sum.of(Product.of(Num.given(Fraction(1, 2)), Num(a, d4)), Num.integer(1))
>>> z = Real(Sum.of(Product.of(Num.given(Fraction(1, 2)), Name("a", "a", a)), Num.integer(1)))
>>> Num(z, d4).latex(), check(lhs, Num(z, d4), "approx", "evaluate", d4).verdict
('1.4088', 'verified')
>>> check(lhs, Num.given(Fraction(14088, 10000)), "approx", "evaluate", d4).detail  # a given number is exact
'1.4088 is not the exact value of 0.5·0.8176 + 1'
"""

from __future__ import annotations

from fractions import Fraction

from mpmath import mp

from ..derivation import PROVED, UNKNOWN, VERIFIED, WRONG, Evidence
from .exact import PRECISIONS, Real, ends, half_unit, overlaps, precision
from .written import Call, Mat, Matrix, Name, Node, Num, Power, Sum, Transpose

__all__ = ["check", "Mismatch"]

#: relative agreement required between a chain-rule formula and reverse-mode differentiation
DERIVATIVE_TOLERANCE = mp.mpf(10) ** -40


class Mismatch(Exception):
    """The right side is not the left side with correct numbers put in."""


def _admits(q: Num, p: Node, flags: dict):
    """``q`` is the exact value of ``p``, or its value correctly rounded."""
    r = p.rational()
    if isinstance(r, Mat):
        raise Mismatch(f"a number, {q.text()}, stands for a matrix")
    if q.exact:
        if r is None or r != q.shown_value():
            raise Mismatch(f"{q.text()} is not the exact value of {p.text()}")
        return
    flags["rounded"] = True
    centre, half = q.shown_value(), half_unit(q.printed)
    if r is not None:
        if abs(r - centre) > half:
            raise Mismatch(f"{p.text()} = {float(r)!r} does not round to {q.text()}")
        return
    low, high = centre - half, centre + half
    for bits in PRECISIONS:
        with precision(bits):
            x = p.interval(False)
            lo, hi = ends(x)
            a = mp.mpf(low.numerator) / low.denominator
            b = mp.mpf(high.numerator) / high.denominator
        if a <= lo and hi <= b:
            return
        if hi < a or lo > b:
            raise Mismatch(f"{p.text()} ≈ {mp.nstr(lo, 12)} does not round to {q.text()}")
    raise Mismatch(f"cannot decide whether {p.text()} rounds to {q.text()}")


def _admits_matrix(q: Matrix, p: Node, flags: dict):
    """Each entry of the matrix ``q`` is the corresponding entry of ``p``'s value (exact or rounded)."""
    rational = p.rational()
    cache: dict = {}
    with precision(PRECISIONS[0]):
        value = p.interval(False)
        cache[(PRECISIONS[0], False)] = value
    if not isinstance(value, Mat) or value.shape != q.shape:
        raise Mismatch(f"a {q.shape[0]}×{q.shape[1]} matrix stands for something of another shape")
    for i, row in enumerate(q.rows):
        for j, entry in enumerate(row):
            if not isinstance(entry, Num):
                raise Mismatch("a matrix of values must hold numbers")
            exact = rational.rows[i][j] if isinstance(rational, Mat) else None
            _admits(entry, _Entry(p, i, j, exact, cache), flags)


class _Entry(Node):
    """Entry (i, j) of a matrix-valued node, for :func:`_admits`."""

    def __init__(self, node, i, j, exact, cache):
        self.node, self.i, self.j, self.exact, self.cache = node, i, j, exact, cache

    def rational(self, literal=False):
        return self.exact

    def interval(self, shown):
        from mpmath import iv
        key = (iv.prec, shown)
        if key not in self.cache:    # the whole matrix once per precision, not once per entry
            self.cache[key] = self.node.interval(shown)
        return self.cache[key].rows[self.i][self.j]

    def text(self):
        return f"entry ({self.i + 1}, {self.j + 1}) of {self.node.text()}"


def _same_shape(p: Node, q: Node) -> bool:
    if type(p) is not type(q):
        return False
    if isinstance(p, Sum):
        return [s for s, _ in p.terms] == [s for s, _ in q.terms]
    if isinstance(p, Call):
        return p.key == q.key and p.parameter == q.parameter
    if isinstance(p, Power):
        return p.exponent == q.exponent
    if isinstance(p, Matrix):
        return p.shape == q.shape
    return len(p.children()) == len(q.children())


def _match(p: Node, q: Node, flags: dict):
    """``q`` is ``p`` with some parts replaced by their values (raises Mismatch otherwise)."""
    if isinstance(q, Num):
        if isinstance(p, Num) and p.real is q.real and p.latex() == q.latex():
            flags["rounded"] = flags["rounded"] or not q.exact
            return
        if isinstance(p, Num) and p.exact and q.exact and p.shown_value() == q.shown_value():
            return
        _admits(q, p, flags)
        return
    if isinstance(q, Matrix) and not isinstance(p, Matrix):
        _admits_matrix(q, p, flags)
        return
    if isinstance(p, (Name, Transpose)) and p is q:
        return
    if not _same_shape(p, q):
        raise Mismatch(f"{q.text()} is not {p.text()} with numbers put in")
    for a, b in zip(p.children(), q.children()):
        _match(a, b, flags)


def _entries(value):
    return value.entries() if isinstance(value, Mat) else [value]


def _agree_as_printed(p: Node, q: Node) -> bool:
    """Both sides, each printed number standing for anything that rounds to it, can be equal."""
    with precision(PRECISIONS[0]):
        a, b = p.interval(True), q.interval(True)
        ea, eb = _entries(a), _entries(b)
        return len(ea) == len(eb) and all(overlaps(x, y) for x, y in zip(ea, eb))


def _values_agree(p: Node, q: Node) -> bool:
    """The exact values of both sides can be equal (their rigorous bounds overlap)."""
    with precision(PRECISIONS[0]):
        ea, eb = _entries(p.interval(False)), _entries(q.interval(False))
        return len(ea) == len(eb) and all(overlaps(x, y) for x, y in zip(ea, eb))


def _definition(prev: Node, expr: Node, rule: str) -> Evidence:
    if not isinstance(prev, Name):
        return Evidence(WRONG, "definition", f"a definition defines a name, not {prev.text()}")
    if prev.real is None or (isinstance(prev.real, Real) and prev.real.formula is expr):
        return Evidence(PROVED, rule, f"the definition of {prev.text()}")
    if _values_agree(prev, expr):
        return Evidence(PROVED, rule, f"the definition of {prev.text()} (its value recomputed)")
    return Evidence(WRONG, rule, f"{expr.text()} does not give the value of {prev.text()}")


def _derivative(prev: Node, expr: Node, reference) -> Evidence:
    if reference is None:
        return Evidence(UNKNOWN, "chain rule", "no reference derivative to compare with")
    with precision(PRECISIONS[1]):
        value = expr.interval(False)
        got = _entries(value)
        want = reference.entries() if isinstance(reference, Mat) else [reference]
        if len(got) != len(want):
            return Evidence(WRONG, "chain rule", "the formula has the wrong shape")
        for x, w in zip(got, want):
            lo, hi = ends(x)
            mid = (lo + hi) / 2
            if abs(mid - w) > DERIVATIVE_TOLERANCE * max(1, abs(w)) or hi - lo > DERIVATIVE_TOLERANCE * max(1, abs(w)):
                return Evidence(WRONG, "chain rule", f"{expr.text()} is {mp.nstr(mid, 15)}, but the derivative "
                                                     f"is {mp.nstr(w, 15)}",
                                values=(mp.nstr(mid, 15), mp.nstr(w, 15)))
    return Evidence(VERIFIED, "chain rule", "agrees with reverse-mode differentiation of the loss to 40 digits")


def _identity(prev: Node, expr: Node) -> Evidence:
    from ..equivalence import decide

    if not _values_agree(prev, expr):
        return Evidence(WRONG, "identity", f"{prev.text()} and {expr.text()} differ")
    symbols: dict = {}
    try:
        a, b = prev.sympy(symbols), expr.sympy(symbols)
    except TypeError as exc:
        return Evidence(UNKNOWN, "identity", str(exc))
    if symbols:
        a, b = _signed(a, b, symbols, prev, expr)
    evidence = decide(a, b, "=")
    if evidence.verdict in (PROVED, VERIFIED):
        return evidence
    return Evidence(evidence.verdict, "identity", evidence.detail, evidence.point, evidence.values)


def _signed(a, b, symbols, *nodes):
    """Give each symbol of a rounded number the sign of the value it stands for."""
    from sympy import Symbol
    reals = {}
    for node in nodes:
        for n in node.walk():
            if isinstance(n, Num) and id(n.real) in symbols:
                reals[id(n.real)] = n.real
    swap = {}
    for key, sym in symbols.items():
        sign = reals[key].sign()
        swap[sym] = Symbol(sym.name, positive=True) if sign > 0 else Symbol(sym.name, negative=True) \
            if sign < 0 else 0
    return a.xreplace(swap), b.xreplace(swap)


def _bound(prev: Node, expr: Node, relation: str) -> Evidence:
    pr, er = prev.rational(), expr.rational()
    if isinstance(pr, Fraction) and isinstance(er, Fraction):
        holds = {"<=": pr <= er, "<": pr < er, ">=": pr >= er, ">": pr > er}[relation]
        return Evidence(PROVED if holds else WRONG, "arithmetic", "exact rational arithmetic")
    for bits in PRECISIONS:
        with precision(bits):
            (a, b), (c, d) = ends(prev.interval(False)), ends(expr.interval(False))
        decided = {"<=": (b <= c, a > d), "<": (b < c, a >= d), ">=": (a >= d, b < c), ">": (a > d, b <= c)}
        yes, no = decided[relation]
        if yes:
            return Evidence(PROVED, "interval arithmetic", "rigorous bounds of both sides")
        if no:
            return Evidence(WRONG, "interval arithmetic", "rigorous bounds of both sides")
    return Evidence(UNKNOWN, "interval arithmetic", "the bounds do not decide")


def check(prev: Node, expr: Node, relation: str, rule: str, rounding, reference=None) -> Evidence:
    """Evidence for the displayed step ``prev relation expr`` under ``rule`` (see the module docstring)."""
    try:
        if rule in ("definition", "given"):
            return _definition(prev, expr, rule)
        if rule == "derivative":
            return _derivative(prev, expr, reference)
        if rule == "identity":
            return _identity(prev, expr)
        if rule == "bound":
            return _bound(prev, expr, relation)
        if rule not in ("substitute", "evaluate"):
            raise ValueError(f"unknown rule {rule!r}")
        flags = {"rounded": False}
        try:
            _match(prev, expr, flags)
        except Mismatch as exc:
            return Evidence(WRONG, "values", str(exc))
        if not _agree_as_printed(prev, expr):
            return Evidence(WRONG, "rounding", "as printed, the two sides differ by more than their rounding")
        if flags["rounded"]:
            if relation == "=":
                pl, el = prev.rational(literal=True), expr.rational(literal=True)
                if pl is None or pl != el:
                    return Evidence(WRONG, "rounding", "rounded numbers on one side, but the relation is =")
            return Evidence(VERIFIED, "rounding",
                            f"each number is its exact value rounded to {rounding.describe()}; "
                            "the printed numbers agree within their rounding")
        return Evidence(PROVED, "arithmetic" if rule == "evaluate" else "substitution", "exact arithmetic")
    except (ValueError, ZeroDivisionError, TypeError, ArithmeticError) as exc:
        return Evidence(UNKNOWN, "error", f"the step could not be checked ({type(exc).__name__}: {exc})")
