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
    Basic,
    I,
    ImmutableMatrix,
    Indexed,
    IndexedBase,
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

SIMPLE_VALUES = [S(v) for v in (1, Rational(1, 2), -1, 2, Rational(-3, 2), 3, Rational(1, 3), -2)]


@dataclass
class Sample:
    verdict: str  # "verified", "wrong" or "unknown"
    points: int = 0
    point: dict | None = None
    values: tuple | None = None
    detail: str = ""


def _value_for(symbol, rng: random.Random, simple_index: int | None, offset: int | None = None):
    """A value that fits the symbol's assumptions: integers for integer symbols, signs respected.

    At the simple points (``simple_index`` 0..3) the value is one of a few
    simple numbers, shifted by ``offset`` (the symbol's position) so that two
    variables do not get the same value.
    """
    if symbol.is_integer:
        if symbol.is_positive:
            simple, low, high = (1, 2, 3, 4), 1, 8
        elif symbol.is_nonnegative:
            simple, low, high = (1, 2, 0, 3), 0, 8
        elif symbol.is_negative:
            simple, low, high = (-1, -2, -3, -4), -8, -1
        elif symbol.is_nonpositive:
            simple, low, high = (-1, 0, -2, -3), -8, 0
        else:
            simple, low, high = (1, 2, -1, 0), -5, 5
        if simple_index is not None:
            return Integer(simple[simple_index % len(simple)])
        return Integer(rng.randint(low, high))
    if simple_index is not None:
        shift = sum(map(ord, symbol.name)) if offset is None else offset
        v = SIMPLE_VALUES[(simple_index + shift) % len(SIMPLE_VALUES)]
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


@dataclass
class Kinds:
    """What the free names of the sides are, for choosing points.

    ``reals``: sampled at rationals (respecting sign assumptions);
    ``counts``: the bounds of sums and products and integer symbols, sampled at
    integers that fit their assumptions (a bound at a positive integer);
    ``indices``: free names used as an index of a family (``z_i``), sampled at
    integers inside the ranges of the sums (1..n).  Bound variables of sums and
    the names of families (``z`` in ``z_k``) are never sampled: each entry of a
    family gets its own value once the indices are numbers.
    """

    reals: list
    counts: list
    indices: list


def _walk(expr, bound, found):
    """Collect (symbol, role) of the free names of expr; roles: 'value', 'bound', 'index'."""
    if isinstance(expr, Symbol):
        if expr not in bound:
            found.setdefault(expr, set()).add("value")
        return
    if isinstance(expr, IndexedBase):
        return
    if isinstance(expr, Indexed):
        for index in expr.indices:
            inner: dict = {}
            _walk(index, bound, inner)
            for symbol in inner:
                found.setdefault(symbol, set()).add("index")
        return
    if isinstance(expr, (Sum, Product)):
        inner_bound = set(bound)
        for limit in expr.limits:
            variable, *ends = limit
            for end in ends:
                ends_found: dict = {}
                _walk(end, inner_bound, ends_found)
                for symbol in ends_found:
                    found.setdefault(symbol, set()).add("bound")
            inner_bound.add(variable)
        _walk(expr.function, inner_bound, found)
        return
    bound_here = getattr(expr, "bound_symbols", None)
    if bound_here and not isinstance(expr, (Sum, Product)):  # Subs, Lambda, Integral: their own dummies
        bound = set(bound) | set(bound_here)
    for arg in expr.args:
        _walk(arg, bound, found)


def kinds(*exprs) -> Kinds:
    """The names of ``exprs`` sorted into :class:`Kinds`.

    >>> from sympy import Symbol, Sum, IndexedBase
    >>> i, k, n, x = Symbol('i'), Symbol('k'), Symbol('n'), Symbol('x')
    >>> z = IndexedBase('z')
    >>> kinds(x * Sum(z[k], (k, 1, n)) - z[i])
    Kinds(reals=[x], counts=[n], indices=[i])
    """
    found: dict = {}
    for e in exprs:
        if isinstance(e, Basic):
            _walk(e, set(), found)
    reals, counts, indices = [], [], []
    for symbol in sorted(found, key=lambda s: s.name):
        roles = found[symbol]
        if "index" in roles and "bound" not in roles:
            indices.append(symbol)
        elif "bound" in roles or symbol.is_integer:
            counts.append(symbol)
        else:
            reals.append(symbol)
    return Kinds(reals, counts, indices)


def _count_value(symbol, rng, simple_index):
    """A count (a bound, or an integer symbol): a positive integer unless its assumptions say otherwise."""
    if symbol.is_integer:
        return _value_for(symbol, rng, simple_index)
    # a bound that is not declared an integer: a positive count
    return Integer(1 + simple_index % 4) if simple_index is not None else Integer(rng.randint(1, 8))


def _pick_point(found: Kinds, rng, simple_index):
    point = {}
    for s in found.counts:
        point[s] = _count_value(s, rng, simple_index)
    bound_values = [int(point[s]) for s in found.counts if point[s].is_Integer and point[s] >= 1]
    top = min(bound_values) if bound_values else 4
    for s in found.indices:  # an index runs inside the ranges of the sums: 1..n
        if simple_index is not None:
            point[s] = Integer(1 + (simple_index + len(point)) % top)
        else:
            point[s] = Integer(rng.randint(1, top))
    for position, s in enumerate(found.reals):
        point[s] = _value_for(s, rng, simple_index, position)
    return point


def _merged(found: Kinds, names: Kinds) -> Kinds:
    """The free names of ``found`` with the kinds either reading gives them (a count wins over an index)."""
    free = set(found.reals) | set(found.counts) | set(found.indices)
    counts = {s for s in free if s in names.counts or s in found.counts}
    indices = {s for s in free if (s in names.indices or s in found.indices)} - counts
    order = lambda symbols: sorted(symbols, key=lambda s: s.name)  # noqa: E731
    return Kinds(order(free - counts - indices), order(counts), order(indices))


def entry_name(atom) -> str:
    """How an entry of a family is named in a counterexample: ``z_{1}``, ``w_{1,2}``."""
    return f"{atom.base}_{{{','.join(str(i) for i in atom.indices)}}}"


MAX_TERMS = 2000


def _too_long(expr) -> bool:
    """A sum or product with numeric bounds that would expand to more than MAX_TERMS terms."""
    for s in expr.atoms(Sum, Product):
        for _, lo, hi in s.limits:
            span = hi - lo
            if span.is_number and span > MAX_TERMS and s.function.has(Indexed):
                return True
    return False


def _entry_value(atom, rng: random.Random, simple_index: int | None):
    if simple_index is not None:
        return SIMPLE_VALUES[(simple_index + sum(map(ord, str(atom)))) % len(SIMPLE_VALUES)]
    return Rational(rng.randint(-300, 300), rng.choice([7, 11, 13]))


def _concretise(expr, point: dict, rng: random.Random, simple_index: int | None = None):
    """Substitute the symbols, evaluate sums, then give each entry of a family its own value."""
    expr = expr.xreplace(point)
    if expr.has(Sum, Product):
        if _too_long(expr):
            raise ValueError("a sum too long to expand")
        expr = expr.doit()
    entries = sorted((a for a in expr.atoms(Indexed) if all(i.is_number for i in a.indices)), key=str)
    for atom in entries:
        if atom not in point:
            point[atom] = _entry_value(atom, rng, simple_index)
    return expr.xreplace(point)


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


def _accurate_difference(ca, cb, maxn: int = 100):
    """ca - cb exactly (a Rational) or to full relative accuracy (a Float), or None when unresolved.

    Agreement to 35 digits is not equality: 1/3 and 1/3 + 10**-40, or sigma(x) and
    sigma(x) + e^-1000, agree that far.  SymPy's evalf of the difference raises its
    working precision through cancellation (up to ``maxn`` bits); a zero
    difference comes back as a zero-accuracy ``0.e-N``, which says nothing
    either way.
    """
    diff = ca - cb
    if diff.is_Rational:
        return diff
    try:
        v = diff.evalf(DIGITS, maxn=maxn)
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


def compare(a, b, relation: str = "=", *, samples: int = 12, seed: int = 20261123,
            names: Kinds | None = None) -> Sample:
    """Sample ``a <relation> b`` at ``samples`` points (first simple ones, then random).

    Integer symbols and the bounds of sums are sampled at integers that fit
    their assumptions, indices inside the sums' ranges, each entry of a family
    on its own (see :class:`Kinds`).  ``names`` gives the kinds when they were
    read from the sides before they were normalised (a sum evaluated in closed
    form no longer shows that n is its bound); names not free in a or b are
    left out.
    """
    found = kinds(a, b)
    if names is not None:
        found = _merged(found, names)
    any_symbols = bool(found.reals or found.counts or found.indices) or a.has(Indexed) or b.has(Indexed)
    rng = random.Random(seed)
    good = 0
    tried = 0
    attempts = samples * 3 if any_symbols else 1
    while good < (samples if any_symbols else 1) and tried < attempts:
        check_deadline()
        simple_index = tried if tried < 4 else None
        tried += 1
        point = _pick_point(found, rng, simple_index)
        try:
            shared, entry_rng = {**point}, random.Random(tried)  # one value per entry, on both sides
            ca = _concretise(a, shared, entry_rng, simple_index)
            cb = _concretise(b, shared, entry_rng, simple_index)
            entries = {k: v for k, v in shared.items() if k not in point}
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
            shown.update({entry_name(k): v for k, v in entries.items()})
            return Sample("wrong", good + 1, shown, shown_apart(va, vb, ca, cb), "counterexample")
        good += 1
    if good == 0:
        return Sample("unknown", 0, detail="no point where both sides are defined")
    if any_symbols and good < max(3, samples // 3):
        return Sample("unknown", good, detail=f"only {good} usable points")
    return Sample("verified", good, detail=f"equal at {good} points to {DIGITS} digits"
                  if relation == "=" else f"holds at {good} points")


def shown_apart(va, vb, ca=None, cb=None, *, digits: int = 15):
    """The two values printed with enough digits to tell them apart (at least ``digits``).

    ``1.00000000000000`` and ``1.00000000000000`` never appear side by side:
    the digits grow until the two differ, up to 50; beyond that a is shown as
    b plus the difference (``1.00000000000000 - 5.08e-435``).

    >>> from sympy import Rational, exp
    >>> shown_apart(Rational(1, 2), Rational(1, 3))
    (0.500000000000000, 0.333333333333333)
    >>> a, b = shown_apart(1 - exp(-40), 1)
    >>> str(a), str(b)
    ('0.999999999999999996', '1.00000000000000000')
    """
    va, vb = S(va), S(vb)
    if ca is not None and cb is not None and S(ca).is_Rational and S(cb).is_Rational \
            and len(str(ca)) + len(str(cb)) <= 24:
        return S(ca), S(cb)  # exact and short: as they are
    for n in range(digits, DIGITS + 1):
        pa, pb = va.evalf(n), vb.evalf(n)
        if str(pa) != str(pb):
            return pa, pb
    pa, pb = va.evalf(digits), vb.evalf(digits)
    d = _accurate_difference(ca if ca is not None else va, cb if cb is not None else vb, maxn=3000)
    if d is None or d == 0:
        return pa, f"{pb} (a - b too small to resolve)"
    return f"{pb} {'+' if d > 0 else '-'} {abs(d).evalf(3)}", pb  # a, written as b and the difference


def random_matrix(rows: int, cols: int, rng: random.Random) -> ImmutableMatrix:
    """A matrix of small random integers (exact)."""
    return ImmutableMatrix(rows, cols, [rng.randint(-5, 5) for _ in range(rows * cols)])
