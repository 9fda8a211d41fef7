r"""Exact values of worked exercises, evaluated with rigorous interval bounds.

A :class:`Real` is one exact real number: a rational (a given weight, a
pre-activation of rational inputs) or a formula over earlier Reals (written as
the nodes of :mod:`.written`, so that the formula a sheet shows *is* the
definition of the value).  Nothing is ever rounded inside: a value is
evaluated on demand with interval arithmetic (``mpmath.iv``) at a precision
high enough to decide what a printer needs (its rounding, its sign), and the
precision is raised until the bounds decide it.

>>> from fractions import Fraction
>>> from derivations.numbers import DecimalPlaces
>>> from derivations.problems.written import Call, Name
>>> z = Real.of(Fraction(3, 2))
>>> a = Real(Call("sigma", Name("z", "z", z)))
>>> a.printed(DecimalPlaces(4)).text(), a.rational() is None, z.printed(DecimalPlaces(4)).text()
('0.8176', True, '1.5')
>>> Real.of(Fraction(1, 8)).printed(DecimalPlaces(2)).text()
'0.13'
>>> round(float(a), 12)
0.817574476194
"""

from __future__ import annotations

import contextlib
from fractions import Fraction

from mpmath import iv, mp
from sympy import Float, Rational

from ..numbers import Printed, Rounding, read_number

__all__ = ["Real", "interval_of", "precision", "ends", "hull", "contains", "overlaps", "PRECISIONS",
           "UndecidedValue"]

#: seconds the exact fallback may take to show that an undecided value is a rational
SETTLE_SECONDS = 1.0
#: the exact fallback is tried only for values that depend on at most this many others
SETTLE_SIZE = 60
#: precisions (bits) tried in turn when bounds must decide something (a rounding, a sign)
PRECISIONS = (128, 320, 800, 2000)


class UndecidedValue(ValueError):
    """The bounds of a value do not decide its rounding or sign even at the highest precision."""


@contextlib.contextmanager
def precision(bits: int):
    """Set ``mpmath.iv`` (and ``mp``) to ``bits`` of precision inside the block."""
    old_iv, old_mp = iv.prec, mp.prec
    iv.prec = mp.prec = bits
    try:
        yield
    finally:
        iv.prec, mp.prec = old_iv, old_mp


def interval_of(value: Fraction):
    """The tightest interval around an exact rational at the current precision."""
    if value.denominator == 1:
        return iv.mpf(value.numerator)
    return iv.mpf(value.numerator) / value.denominator


def ends(x):
    """The two endpoints of an interval as ``mp`` numbers."""
    lo, hi = x._mpi_
    return mp.make_mpf(lo), mp.make_mpf(hi)


def hull(lo, hi):
    return iv.mpf([lo, hi])


def contains(outer, inner) -> bool:
    """True when the interval ``inner`` lies inside ``outer``."""
    a, b = ends(outer)
    c, d = ends(inner)
    return a <= c and d <= b


def overlaps(x, y) -> bool:
    a, b = ends(x)
    c, d = ends(y)
    return a <= d and c <= b


def _float(raw) -> Float:
    return Float._new(raw, iv.prec)


class Real:
    """An exact real number: ``Real.of(fraction)`` or ``Real(formula)``, a node of :mod:`.written`.

    ``given`` marks a number stated in the problem (printed with all its digits).
    Identity is by object: two Reals are the same quantity only when they are
    the same object.
    """

    __slots__ = ("formula", "_rational", "_intervals", "given", "_printed", "_sympy", "label", "_unsettled")

    _UNSET = object()

    def __init__(self, formula=None, *, given: bool = False, label: str = ""):
        self.formula = formula
        self._rational = Real._UNSET
        self._intervals: dict[int, object] = {}
        self.given = given
        self._printed: dict[Rounding, Printed] = {}
        self._sympy = None
        self.label = label
        self._unsettled = False

    @classmethod
    def of(cls, value, *, given: bool = False, label: str = "") -> Real:
        """The exact rational ``value`` (an int, Fraction or SymPy Rational)."""
        r = cls(None, given=given, label=label)
        r._rational = _fraction(value)
        return r

    # -- exact value -------------------------------------------------------------------------------
    def rational(self) -> Fraction | None:
        """The value as a Fraction when it is rational by exact arithmetic, else None."""
        if self._rational is Real._UNSET:
            self._rational = self.formula.rational()
        return self._rational

    def interval(self, bits: int | None = None):
        """Rigorous bounds at ``bits`` of precision (the current precision when None)."""
        bits = bits or iv.prec
        hit = self._intervals.get(bits)
        if hit is None:
            with precision(bits):
                q = self.rational()
                hit = interval_of(q) if q is not None else self.formula.interval(False)
            self._intervals[bits] = hit
        return hit

    def sign(self) -> int:
        """-1, 0 or 1, decided exactly or by bounds (UndecidedValue when they never decide)."""
        q = self.rational()
        if q is not None:
            return (q > 0) - (q < 0)
        for bits in PRECISIONS:
            lo, hi = ends(self.interval(bits))
            if lo > 0:
                return 1
            if hi < 0:
                return -1
        if self._settle():
            return self.sign()
        raise UndecidedValue("a value is so close to 0 that its sign cannot be decided")

    def _settle(self) -> bool:
        """When bounds cannot decide, ask whether the value is a rational exactly (SymPy, then the engine).

        Formulas such as e^{z}/e^{z} or σ(1) + σ(-1) - 1 are rational without looking so.
        """
        if self.formula is None or self._unsettled or _size(self) > SETTLE_SIZE:
            return False
        from ..engine.limits import TimeLimitExceeded, time_limit
        try:
            with time_limit(SETTLE_SECONDS):
                if self._settle_exactly():
                    return True
        except (TimeLimitExceeded, TypeError, ValueError, RecursionError):
            pass
        self._unsettled = True   # tried once; not again for every rounding
        return False

    def _settle_exactly(self) -> bool:
        value = self.sympy()
        if not value.is_Rational:
            lo, hi = ends(self.interval(PRECISIONS[-1]))
            with precision(PRECISIONS[-1]):
                guess = Fraction(mp.nstr((lo + hi) / 2, 60, min_fixed=-10**6, max_fixed=10**6))
            q = guess.limit_denominator(10 ** 9)
            candidate = Rational(q.numerator, q.denominator)
            from ..equivalence import decide
            if decide(value, candidate, "=").verdict != "proved":
                return False
            value = candidate
        self._rational = _fraction(value)
        self._intervals.clear()
        self._printed.clear()
        return True

    def printed(self, rounding: Rounding) -> Printed:
        """The value printed with ``rounding`` (numbers module), the rounding decided by bounds."""
        hit = self._printed.get(rounding)
        if hit is not None:
            return hit
        q = self.rational()
        if q is not None:
            hit = rounding.printed(Rational(q.numerator, q.denominator))
        else:
            for bits in PRECISIONS:
                x = self.interval(bits)
                with precision(bits):
                    lo, hi = x._mpi_
                    a, b = rounding.printed(_float(lo)), rounding.printed(_float(hi))
                if a.text() == b.text():
                    hit = a
                    break
            else:
                hit = _rounded_zero(self, rounding)   # within 10^-300 of 0: it rounds to 0.0000 either way
                if hit is None:
                    if self._settle():
                        return self.printed(rounding)
                    raise UndecidedValue("the bounds of a value do not decide its rounding")
        self._printed[rounding] = hit
        return hit

    def __float__(self) -> float:
        q = self.rational()
        if q is not None:
            return float(q)
        with precision(128):
            return float(mp.make_mpf(self.interval(128)._mpi_[0]) / 2 + mp.make_mpf(self.interval(128)._mpi_[1]) / 2)

    def to_float(self) -> float:
        return float(self)

    def sympy(self):
        """The exact value as a SymPy expression (sigmoid(3/2), 1/2, ...)."""
        if self._sympy is None:
            q = self.rational()
            self._sympy = Rational(q.numerator, q.denominator) if q is not None else self.formula.sympy()
        return self._sympy

    def __repr__(self) -> str:
        q = self.rational()
        if q is not None:
            return str(q)
        return f"Real({self.formula.text()})"

    def __eq__(self, other):
        if isinstance(other, Real):
            return self is other
        q = self.rational()
        try:
            return q is not None and q == _fraction(other)
        except TypeError:
            return NotImplemented

    def __hash__(self):
        return id(self)


def _size(real: Real, limit: int = 10 ** 4) -> int:
    """How many Reals ``real`` depends on (counting stops at ``limit``)."""
    from .written import Name, Num
    seen, stack = set(), [real]
    while stack and len(seen) < limit:
        r = stack.pop()
        if id(r) in seen or r.formula is None:
            continue
        seen.add(id(r))
        for n in r.formula.walk():
            if isinstance(n, (Name, Num)) and isinstance(n.real, Real):
                stack.append(n.real)
    return len(seen)


def _rounded_zero(real: Real, rounding) -> Printed | None:
    """``0.0000`` (rounded, not exact) for a value the bounds put within 10^-300 of 0 without a sign:
    whatever its sign, it rounds to 0 at these decimal places.  None for other roundings."""
    from ..numbers import DecimalPlaces
    if not isinstance(rounding, DecimalPlaces):
        return None
    lo, hi = ends(real.interval(PRECISIONS[-1]))
    if not (lo <= 0 <= hi and max(-lo, hi) < mp.mpf(10) ** -300):
        return None
    text = "0." + "0" * rounding.count if rounding.count else "0"
    return Printed(text, None, False, Rational(0))


def _fraction(value) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Rational):
        return Fraction(int(value.p), int(value.q))
    if hasattr(value, "is_Rational") and value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    raise TypeError(f"not an exact rational: {value!r}")


def half_unit(printed: Printed) -> Fraction:
    """Half a unit of the last printed digit: how far the printed number may be from the value."""
    written = read_number(printed.text())
    return _fraction(written.half_unit)


def mp_value(real: Real):
    """A plain ``mp`` number for the value (the midpoint of tight bounds), at the current precision."""
    lo, hi = ends(real.interval(mp.prec))
    return (lo + hi) / 2

