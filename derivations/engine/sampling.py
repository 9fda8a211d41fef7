"""Numeric evidence: both sides at many points, to 50 significant digits.

Points are exact rationals (simple ones first, so that a counterexample is easy
to read), chosen to respect each symbol's assumptions; the sides are evaluated
with ``evalf`` at 50 digits.  Points where a side is undefined (a pole, a log
of a negative number) are skipped.  Agreement is evidence ("verified"); a clear
disagreement is a counterexample ("wrong").  Nothing here ever proves.

>>> from sympy import Symbol, exp
>>> x = Symbol('x', real=True)
>>> compare(exp(x) ** 2, exp(2 * x)).verdict
'verified'
>>> r = compare(exp(x), 1 + x)
>>> r.verdict, r.point
('wrong', {'x': 1})
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sympy import (
    I,
    ImmutableMatrix,
    Indexed,
    Integer,
    Product,
    Rational,
    S,
    Sum,
    Symbol,
    im,
    nan,
    oo,
    zoo,
)

from .limits import TimeLimitExceeded, check_deadline

DIGITS = 50
EQUAL_TOLERANCE = Rational(1, 10**35)
DIFFERENT_TOLERANCE = Rational(1, 10**12)

SIMPLE_VALUES = [1, Rational(1, 2), -1, 2, Rational(-3, 2), 3, Rational(1, 3), -2]


@dataclass
class Sample:
    verdict: str  # "verified", "wrong" or "unknown"
    points: int = 0
    point: dict | None = None
    values: tuple | None = None
    detail: str = ""


def _value_for(symbol, rng: random.Random, simple_index: int | None):
    if symbol.is_integer:
        low = 1 if symbol.is_positive else 0 if symbol.is_nonnegative else -4
        return Integer(rng.randint(low, 5)) if simple_index is None else Integer(max(low, 1 + simple_index % 4))
    if simple_index is not None:
        v = SIMPLE_VALUES[(simple_index + sum(map(ord, symbol.name))) % len(SIMPLE_VALUES)]
    else:
        v = Rational(rng.randint(-400, 400), rng.choice([7, 11, 13, 17, 19, 23]))
    if symbol.is_positive or symbol.is_nonnegative:
        v = abs(v) or Rational(1, 2)
    elif symbol.is_negative or symbol.is_nonpositive:
        v = -abs(v) or Rational(-1, 2)
    return v


def _numeric(value):
    """A 50-digit complex-free number, or None when undefined there."""
    if value is None or value.has(nan, zoo, oo, -oo):
        return None
    v = value.evalf(DIGITS)
    if not v.is_number or v.has(nan, zoo):
        return None
    if v.has(I):
        if abs(im(v)) > Rational(1, 10**40):
            return None
        v = v.as_real_imag()[0]
    if not (v.is_Float or v.is_Integer or v.is_Rational):
        return None
    return v


def _concretise(expr, point: dict, rng: random.Random):
    """Substitute integer symbols, evaluate sums, then give indexed entries values."""
    expr = expr.xreplace(point)
    if expr.has(Sum, Product):
        expr = expr.doit()
    for atom in sorted(expr.atoms(Indexed), key=str):
        if atom not in point:
            point[atom] = Rational(rng.randint(-300, 300), rng.choice([7, 11, 13]))
    return expr.xreplace(point)


def _pick_point(symbols, rng, simple_index):
    point = {}
    integers = [s for s in symbols if s.is_integer]
    for s in integers:
        point[s] = _value_for(s, rng, simple_index)
    for s in symbols:
        if s not in point:
            point[s] = _value_for(s, rng, simple_index)
    return point


def _relation_holds(relation, diff_value, scale):
    """diff_value = a - b at a point. Returns True, False or None (too close to call)."""
    tol_equal = EQUAL_TOLERANCE * scale
    tol_diff = DIFFERENT_TOLERANCE * scale
    if relation == "=":
        if abs(diff_value) <= tol_equal:
            return True
        if abs(diff_value) > tol_diff:
            return False
        return None
    if relation in ("<=", "<"):
        if diff_value <= tol_equal:
            return True
        return False if diff_value > tol_diff else None
    if relation in (">=", ">"):
        if diff_value >= -tol_equal:
            return True
        return False if diff_value < -tol_diff else None
    if relation == "!=":
        return abs(diff_value) > tol_diff or None
    raise ValueError(relation)


def _accurate_difference(ca, cb):
    """ca - cb exactly (a Rational) or to full relative accuracy (a Float), or None when unresolved.

    Agreement to 35 digits is not equality: 1/3 and 1/3 + 10**-40, or sigma(x) and
    sigma(x) + e^-1000, agree that far.  SymPy's evalf of the difference raises its
    working precision through cancellation; a zero difference comes back as a
    zero-accuracy ``0.e-N``, which says nothing either way.
    """
    diff = ca - cb
    if diff.is_Rational:
        return diff
    try:
        v = diff.evalf(DIGITS)
    except TimeLimitExceeded:
        raise
    except Exception:
        return None
    if v.is_Float and v != 0 and v._prec >= 30:
        return v
    return None


def _refine(relation, ca, cb, unresolved=True):
    """The relation at a point where the two 50-digit values (nearly) agree: True, False or None.

    ``unresolved`` is the answer for a non-strict relation when the difference
    cannot be resolved (it looks like zero).
    """
    d = _accurate_difference(ca, cb)
    strict = relation in ("<", ">")
    if d is None:
        return None if strict else unresolved
    # bool(): SymPy comparisons give BooleanTrue/BooleanFalse, and callers test `is False`
    if relation == "=":
        return bool(d == 0)
    if relation in ("<=", "<"):
        return bool(d < 0) if strict else bool(d <= 0)
    if relation in (">=", ">"):
        return bool(d > 0) if strict else bool(d >= 0)
    return True


def compare(a, b, relation: str = "=", *, samples: int = 12, seed: int = 20261123) -> Sample:
    """Sample ``a <relation> b`` at ``samples`` points (first simple ones, then random)."""
    symbols = sorted((a.free_symbols | b.free_symbols), key=lambda s: s.name)
    symbols = [s for s in symbols if isinstance(s, Symbol)]
    rng = random.Random(seed)
    good = 0
    tried = 0
    attempts = samples * 3 if symbols else 1
    while good < (samples if symbols else 1) and tried < attempts:
        check_deadline()
        simple_index = tried if tried < 4 else None
        tried += 1
        point = _pick_point(symbols, rng, simple_index)
        try:
            ca = _concretise(a, dict(point), random.Random(tried))
            cb = _concretise(b, dict(point), random.Random(tried))
            va, vb = _numeric(ca), _numeric(cb)
        except TimeLimitExceeded:
            raise
        except Exception:  # an evaluation SymPy cannot do: skip the point
            continue
        if va is None or vb is None:
            continue
        scale = max(S.One, abs(va), abs(vb))
        holds = _relation_holds(relation, va - vb, scale)
        if holds is None:  # too close to call at 50 digits: look at the difference itself
            holds = _refine(relation, ca, cb, unresolved=None)
        elif holds is True and abs(va - vb) <= EQUAL_TOLERANCE * scale:
            holds = _refine(relation, ca, cb)
        if holds is None:
            continue
        if holds is False:
            shown = {str(k): v for k, v in point.items()}
            values = (va.evalf(15), vb.evalf(15))
            if str(values[0]) == str(values[1]):  # a tiny difference: say how big
                d = _accurate_difference(ca, cb)
                values = (values[0], f"{values[1]} (a - b = {d.evalf(3) if d is not None else 'tiny'})")
            return Sample("wrong", good + 1, shown, values, "counterexample")
        good += 1
    if good == 0:
        return Sample("unknown", 0, detail="no point where both sides are defined")
    if symbols and good < max(3, samples // 3):
        return Sample("unknown", good, detail=f"only {good} usable points")
    return Sample("verified", good, detail=f"equal at {good} points to {DIGITS} digits"
                  if relation == "=" else f"holds at {good} points")


def random_matrix(rows: int, cols: int, rng: random.Random) -> ImmutableMatrix:
    """A matrix of small random integers (exact)."""
    return ImmutableMatrix(rows, cols, [rng.randint(-5, 5) for _ in range(rows * cols)])
