"""Decide equalities of piecewise expressions in one real variable, region by region.

The conditions' breakpoints cut the real line into open intervals; on each the
piecewise expressions reduce to one branch, and the branches are compared by
the exp-rational procedure.  At the breakpoints the values are compared
exactly; when the expression is a derivative of a kinked function, the value at
the kink is a convention and is not compared (the evidence says so).

>>> from sympy import Symbol, Piecewise, Abs
>>> x = Symbol('x', real=True)
>>> decide_regions(Piecewise((0, x < 0), (x, True)) - Piecewise((0, x <= 0), (x, True)), x)
(True, 'equal on x < 0 and x > 0 and at x = 0')
"""

from __future__ import annotations

from sympy import Piecewise, Poly, Rational, S, oo, piecewise_fold
from sympy.core.relational import Relational
from sympy.logic.boolalg import Boolean, BooleanFalse, BooleanTrue

from . import exp_rational


def breakpoints(expr, x):
    """Sorted breakpoints of the conditions in expr, or None if a condition is not linear in x."""
    points = set()
    for pw in expr.atoms(Piecewise):
        for _, cond in pw.args:
            for rel in cond.atoms(Relational):
                diff = rel.lhs - rel.rhs
                if diff.free_symbols - {x}:
                    return None
                try:
                    poly = Poly(diff, x)
                except Exception:
                    return None
                if poly.degree() != 1:
                    return None
                a, b = poly.all_coeffs()
                points.add(-b / a)
    try:
        return sorted(points)
    except TypeError:
        return None


def _choose(expr, x, point):
    """expr with every Piecewise replaced by its branch at x = point."""
    def branch(pw):
        for value, cond in pw.args:
            truth = cond.subs(x, point) if isinstance(cond, Boolean) else cond
            if truth in (True, S.true) or isinstance(truth, BooleanTrue):
                return value
            if truth in (False, S.false) or isinstance(truth, BooleanFalse):
                continue
            raise ValueError("condition not decided at the sample point")
        raise ValueError("no branch holds")

    return expr.replace(lambda e: isinstance(e, Piecewise), branch)


def decide_regions(diff, x, *, skip_breakpoints=False):
    """(True, how) when diff == 0 on every region (and breakpoint); (False, where) otherwise."""
    diff = piecewise_fold(diff)
    points = breakpoints(diff, x)
    if points is None:
        return None, "conditions are not linear in one variable"
    if not points:
        return (True, "equal after folding the cases") if exp_rational.is_zero(diff) else (None, "no breakpoints")
    samples = [points[0] - 1] + [(p + q) / 2 for p, q in zip(points, points[1:])] + [points[-1] + 1]
    regions = []
    for i, sample in enumerate(samples):
        lo = points[i - 1] if i > 0 else -oo
        hi = points[i] if i < len(points) else oo
        try:
            piece = _choose(diff, x, sample)
        except ValueError:
            return None, "a condition could not be decided"
        if piece.has(Piecewise) or not exp_rational.is_zero(piece):
            return False, f"not proved on {lo} < {x} < {hi}"
        regions.append(f"{x} < {hi}" if lo == -oo else f"{x} > {lo}" if hi == oo else f"{lo} < {x} < {hi}")
    if skip_breakpoints:
        return True, "equal on " + _join(regions) + " (the value at a kink is a convention)"
    for p in points:
        value = diff.subs(x, p)
        if value.has(Piecewise) or not exp_rational.is_zero(value):
            return False, f"not proved at {x} = {p}"
    at = ", ".join(f"{x} = {p}" for p in points)
    return True, "equal on " + _join(regions) + f" and at {at}"


def _join(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _side_values(expr, x, p, left, right, derivative: bool):
    """The values expr may take at p: its value, or for a derivative at a kink any convention."""
    value = _choose(expr, x, p).subs(x, p) if expr.has(Piecewise) else expr.subs(x, p)
    if not derivative:
        return [value]
    lower, upper = (_choose(expr, x, q).subs(x, p) if expr.has(Piecewise) else expr.subs(x, p)
                    for q in (left, right))
    return [value, lower, upper, (lower + upper) / 2]


def clearly_different(u, v) -> bool:
    """True only for two real numbers that differ by more than rounding."""
    if not (u.is_number and v.is_number):
        return False
    d, size = (u - v).evalf(30), abs(u.evalf(30))
    if not (d.is_Float or d.is_Rational) or not (size.is_Float or size.is_Rational):
        return False
    return bool(abs(d) > S(10) ** -20 * max(S.One, size))


def _neighbours(points, p):
    """Sample points strictly inside the regions on either side of the breakpoint p."""
    left, right = p - 1, p + 1
    for q in points:
        if q < p:
            left = max(left, (p + q) / 2)
        elif q > p:
            right = min(right, (p + q) / 2)
    return left, right


def values_at_kink(derivative, x, p):
    """The values a derivative (a Piecewise in x) may take at x = p: [left, right, mean] at a kink
    whose one-sided values differ, None when p is not a kink.

    >>> from sympy import Symbol, Piecewise
    >>> x = Symbol('x', real=True)
    >>> values_at_kink(Piecewise((0, x < 0), (1, True)), x, 0)
    [0, 1, 1/2]
    >>> values_at_kink(Piecewise((0, x < 0), (1, True)), x, 2) is None
    True
    """
    derivative = piecewise_fold(derivative)
    points = breakpoints(derivative, x)
    if not points or p not in points:
        return None
    left, right = _neighbours(points, p)
    try:
        lower, upper = (_choose(derivative, x, q).subs(x, p) for q in (left, right))
    except (ValueError, TypeError):
        return None
    if lower == upper:
        return None
    return [lower, upper, (lower + upper) / 2]


def check_kinks(a, b, x, derivatives=(False, False)):
    """At each breakpoint, does a value of a match a value of b?

    A side that is the derivative of a kinked function may take its left value,
    its right value or their mean there (the conventions of
    :mod:`derivations.conventions`); any other side takes its own value.
    Returns ``("ok", None)`` when every breakpoint matches, ``("wrong", (p, a(p),
    b(p)))`` for the first breakpoint whose values match no convention, and
    ``("unknown", None)`` when that cannot be decided.

    >>> from sympy import Symbol, Piecewise
    >>> x = Symbol('x', real=True)
    >>> d = Piecewise((0, x < 0), (1, True))  # relu' as SymPy writes it
    >>> check_kinks(d, Piecewise((0, x < 0), (1, x > 0), (S.Half, True)), x, (True, False))
    ('ok', None)
    >>> check_kinks(d, Piecewise((0, x < 0), (1, x > 0), (5, True)), x, (True, False))
    ('wrong', (0, 1, 5))
    """
    points = breakpoints(piecewise_fold(a - b), x)
    if points is None:
        return "unknown", None
    for p in points:
        left, right = _neighbours(points, p)
        try:
            values_a = _side_values(a, x, p, left, right, derivatives[0])
            values_b = _side_values(b, x, p, left, right, derivatives[1])
        except (ValueError, TypeError):
            return "unknown", None
        if any(exp_rational.is_zero(u - v) for u in values_a for v in values_b):
            continue
        if all(clearly_different(u, v) for u in values_a for v in values_b):
            return "wrong", (p, values_a[0], values_b[0])
        return "unknown", None
    return "ok", None


def boundary_points(expr, *, per_condition: int = 3, seed: int = 5):
    """Exact points on the boundaries of the cases of expr (where random points never land).

    For each condition linear in some variable v, v is solved for and the other
    variables get small random rationals.

    >>> from sympy import Symbol, Piecewise
    >>> x, y = Symbol('x', real=True), Symbol('y', real=True)
    >>> [p[x] - p[y] for p in boundary_points(Piecewise((0, x - y < 0), (1, True)))][:1]
    [0]
    """
    import random

    rng = random.Random(seed)
    points = []
    relations = set()
    for pw in expr.atoms(Piecewise):
        for _, cond in pw.args:
            relations |= cond.atoms(Relational)
    for rel in sorted(relations, key=str):
        gap = rel.lhs - rel.rhs
        for v in sorted(gap.free_symbols, key=str):
            try:
                poly = Poly(gap, v)
            except Exception:
                continue
            if poly.degree() != 1:
                continue
            a, b = poly.all_coeffs()
            others = sorted(gap.free_symbols - {v}, key=str)
            for _ in range(per_condition):
                point = {o: Rational(rng.randint(-20, 20), rng.choice([1, 3, 7])) for o in others}
                slope = a.xreplace(point)
                if slope == 0 or not slope.is_number:
                    continue
                point[v] = (-b / a).xreplace(point)
                if all(value.is_Rational for value in point.values()):
                    points.append(point)
            break
    return points
