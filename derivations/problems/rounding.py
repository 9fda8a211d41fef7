"""Exact numbers in, rounded numbers out.

Problem files are read with decimals kept exact (0.1 is 1/10); every value is
computed exactly; only printing rounds.  ``digits`` means decimal places, as in
"give answers to 4 decimal places".

>>> from decimal import Decimal
>>> exact(Decimal("0.1"))
1/10
>>> from sympy import Rational
>>> decimal_text(Rational(3, 2), 4), decimal_text(Rational(1, 3), 4), decimal_text(Rational(-1, 400000), 4)
('1.5', '0.3333', '-2.500e-6')
>>> to_float(Rational(1, 3))
0.3333333333333333
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from sympy import Float, Integer, Piecewise, Rational, S

__all__ = ["plain", "exact", "to_float", "rounded", "decimal_text", "is_terminating", "short_decimal"]

EVALF_DIGITS = 30


def exact(value) -> Rational:
    """A SymPy Rational from an int, a Decimal or a Fraction (never from float or text)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, int):
        return Integer(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("must be a finite number")
        return Rational(str(value))
    if isinstance(value, Fraction):
        return Rational(value.numerator, value.denominator)
    raise TypeError(f"not an exact number: {value!r}")


def to_float(value) -> float:
    """A float at full double precision: evaluate to 30 digits, then round once."""
    value = S(value)
    if value.is_Rational:
        return float(Fraction(int(value.p), int(value.q)))
    number = _evalf(value, EVALF_DIGITS)
    if not number.is_real and number.is_real is not None:
        raise ValueError(f"not a real number: {value}")
    return float(number)


_CACHE: dict = {}
_CACHE_LIMIT = 200_000


def _fixed(expr, dps: int):
    """expr at a fixed precision of ``dps`` digits, each shared subexpression evaluated once.

    SymPy's evalf re-evaluates a shared subtree every time it appears; the exact
    answers of a 3-layer network share most of their subtrees, so this is much
    faster.  Exponents that are exact rationals stay exact.
    """
    key = (expr, dps)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    if expr.is_Rational:
        value = Float(expr, dps)
    elif expr.is_Atom or expr.has(Piecewise) or not expr.args:
        value = expr.evalf(dps)
    else:
        args = [a if (expr.is_Pow and i == 1 and a.is_Rational) else _fixed(a, dps)
                for i, a in enumerate(expr.args)]
        value = expr.func(*args)
        if not value.is_Number:
            value = value.evalf(dps)
    if len(_CACHE) > _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[key] = value
    return value


def _evalf(value, n):
    """value to ``n`` digits: evaluated at two fixed precisions (fast, shared subtrees once); when the
    two disagree (cancellation), SymPy's adaptive evalf decides.  An expression kept unevaluated
    (relu(1/2) as written) is evaluated too."""
    low, high = n + 25, n + 45
    try:
        a, b = _fixed(value, low), _fixed(value, high)
        if a.is_Number and b.is_Number and a.is_real and b.is_real:
            scale = max(abs(b), Float(1, high))
            if abs(a - b) <= scale * Float(10, high) ** (-(n + 5)):
                return Float(b, n)
    except (TypeError, ValueError, ZeroDivisionError):
        pass
    number = value.evalf(n)
    if not number.is_Number:
        number = value.doit().evalf(n)
    if not number.is_Number:
        raise ValueError(f"cannot evaluate {value} to a real number")
    return number


def rounded(value, digits: int) -> Decimal:
    """The value rounded to ``digits`` decimal places (half away from zero), as a Decimal."""
    value = S(value)
    if value.is_Rational:
        d = Decimal(int(value.p)) / Decimal(int(value.q)) if value.q != 1 else Decimal(int(value.p))
    else:
        d = Decimal(str(_evalf(value, max(EVALF_DIGITS, digits + 20))))
    from decimal import ROUND_HALF_UP, localcontext
    with localcontext() as ctx:
        ctx.prec = 60
        return d.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def is_terminating(value: Rational, max_places: int) -> bool:
    """True when the rational has an exact decimal form with at most ``max_places`` places."""
    q = int(value.q)
    for p in (2, 5):
        while q % p == 0:
            q //= p
    if q != 1:
        return False
    places = 0
    scaled = Rational(value)
    while not scaled.is_Integer:
        scaled *= 10
        places += 1
    return places <= max_places


def short_decimal(value: Rational) -> str:
    """Exact decimal text of a terminating rational, without trailing zeros: 3/2 -> '1.5'."""
    value = Rational(value)
    if value.is_Integer:
        return str(int(value))
    d = Decimal(int(value.p)) / Decimal(int(value.q))
    text = format(d.normalize(), "f")
    return text


def decimal_text(value, digits: int) -> str:
    """How a number is printed: exact when it is a short decimal, else rounded to ``digits`` places.

    A nonzero value that would print as zero is shown in scientific notation with
    ``digits`` significant digits, so a tiny gradient never looks like 0.
    """
    value = S(value)
    if value.is_Rational and is_terminating(value, digits + 2):
        return short_decimal(value)
    r = rounded(value, digits)
    if r == 0 and value != 0:
        f = to_float(value)
        return f"{f:.{max(digits - 1, 0)}e}".replace("e-0", "e-").replace("e+0", "e+")
    text = format(r, "f")
    if text.startswith("-") and Decimal(text) == 0:
        text = text[1:]
    return text


def plain(value) -> str:
    """A given number as written in a statement: 0.1 for 1/10, 1/3 stays 1/3."""
    value = S(value)
    if value.is_Rational and is_terminating(value, 12):
        return short_decimal(value)
    return str(value)
