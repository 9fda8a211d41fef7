"""Decide ``expr == 0`` in the exp-rational fragment by substitution and ``cancel``.

Every ``exp(u)`` is split over the terms of ``u``: a term ``c*m`` with ``c``
rational becomes ``t_m**(c*q_m)`` where ``t_m = exp(m/q_m)`` is a fresh positive
symbol and ``q_m`` clears the denominators of the coefficients of ``m``.  Logs
of products of positive factors are split, and ``log(t_m)`` is ``m/q_m`` again.
Sums and products that cannot be evaluated are canonicalised and become
symbols too.  What is left is a rational function, and ``cancel`` decides
whether it is zero.

Replacing sub-expressions by symbols consistently can only lose identities,
never invent them, so a zero found here is a proof; a non-zero result only
means "not proved by this method".

>>> from sympy import Symbol, exp, Rational
>>> x = Symbol('x', real=True)
>>> is_zero(1/(1 + exp(-x)) - exp(x)/(1 + exp(x)))
True
>>> is_zero(exp(2*x) - exp(x)**2)
True
>>> is_zero(exp(x) - 1)
False
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from math import lcm

from sympy import (
    Add,
    Dummy,
    Mul,
    Product,
    S,
    Sum,
    Symbol,
    cancel,
    exp,
    expand,
    factor,
    log,
    together,
)

from .limits import check_deadline

#: the one bound variable every canonical sum uses, so equal sums compare equal
SUM_INDEX = Symbol("k__sum", integer=True)


def _split_term(term):
    """term -> (rational coefficient, key) with term == coefficient * key."""
    coeff, rest = term.as_coeff_Mul()
    if not coeff.is_Rational:
        return S.One, term
    return coeff, rest


def canonical_sum(s):
    """A Sum with constant factors pulled out and its dummy renamed canonically.

    Returns an expression equal to ``s``: a sum of ``factor * Sum(body, limits)``.
    """
    if not isinstance(s, Sum) or len(s.limits) != 1:
        return s
    (k, lo, hi), body = s.limits[0], s.function
    body = expand(body, power_exp=True, mul=True, multinomial=False, log=False)
    canonical_index = SUM_INDEX
    terms = []
    for term in Add.make_args(body):
        inside, outside = [], []
        for factor_ in Mul.make_args(term):
            (inside if factor_.has(k) else outside).append(factor_)
        inner = Mul(*inside).xreplace({k: canonical_index})
        outer = Mul(*outside)
        if not inside:
            terms.append(outer * (hi - lo + 1))
        else:
            terms.append(outer * Sum(inner, (canonical_index, lo, hi)))
    return Add(*terms)


class _Generators:
    """Fresh positive symbols for exponentials and placeholders for opaque atoms."""

    def __init__(self):
        self.exp_keys: dict = {}  # key -> (symbol, q)
        self.opaque: dict = {}

    def symbol_for(self, key, q):
        if key not in self.exp_keys:
            # exp(m/q) > 0 only for real m; exp(i x) is merely nonzero (log(exp(i x)) != i x)
            real = key.is_extended_real is True
            self.exp_keys[key] = (Dummy("t", positive=True) if real else Dummy("t", nonzero=True), q)
        return self.exp_keys[key]

    def opaque_symbol(self, atom):
        if atom not in self.opaque:
            self.opaque[atom] = Dummy("g", real=True) if atom.is_real else Dummy("g")
        return self.opaque[atom]


def _exponent_terms(expr):
    """All exponents of exp(...) in expr, split into (coefficient, key) pairs."""
    pairs = []
    for e in expr.atoms(exp):
        u = expand(e.args[0])
        for term in Add.make_args(u):
            pairs.append(_split_term(term))
    return pairs


def substitute_exponentials(expr, gens: _Generators):
    """Replace each exp(u) by a monomial in positive generators."""
    denominators = defaultdict(lambda: 1)
    for coeff, key in _exponent_terms(expr):
        denominators[key] = lcm(denominators[key], int(coeff.q))
    for key, q in denominators.items():
        gens.symbol_for(key, q)

    def monomial(e):
        u = expand(e.args[0])
        result = S.One
        for term in Add.make_args(u):
            coeff, key = _split_term(term)
            if key not in gens.exp_keys:  # an exponent that held an inner exp (exp(exp(x))): keep it opaque
                return e
            t, q = gens.exp_keys[key]
            result *= t ** (coeff * q)
        return result

    # innermost first, so exp(exp(x)) works out
    return expr.replace(lambda e: isinstance(e, exp), monomial)


def split_logs(expr, gens: _Generators):
    """log(product of positive factors) -> sum of logs; log(t_m) -> m/q_m."""
    back = {t: key / q for key, (t, q) in gens.exp_keys.items()}

    def split(e):
        arg = factor(together(e.args[0]))
        coeff, factors = arg.as_coeff_mul()
        parts = [coeff, *factors]
        if not all(p.is_positive for p in parts):
            return e
        total = S.Zero
        for p in parts:
            base, power = p.as_base_exp()
            if base in back:
                total += power * back[base]
            elif p != 1:
                total += power * log(base) if power.is_Rational else log(p)
        return total

    return expr.replace(lambda e: isinstance(e, log), split)


def to_rational(expr):
    """The rational function the decision is made on (cached: a chain decides each side twice; the names'
    assumptions are part of the key, as SymPy's equality of Subs ignores them)."""
    from .normalize import assumptions_key

    return _to_rational(expr, assumptions_key(expr))


@lru_cache(maxsize=512)
def _to_rational(expr, _assumptions: tuple):
    gens = _Generators()
    expr = expr.replace(lambda e: isinstance(e, Sum), canonical_sum)
    expr = expr.xreplace({a: gens.opaque_symbol(a) for a in expr.atoms(Sum, Product)})
    check_deadline()
    expr = substitute_exponentials(expr, gens)
    if expr.has(log):
        expr = split_logs(expr, gens)
        # logs may have produced new exponents from back-substitution; substitute again
        expr = substitute_exponentials(expr, gens)
    check_deadline()
    return cancel(together(expr))


def is_zero(expr) -> bool:
    """True when expr is identically zero by the exp-rational procedure."""
    if expr == 0:
        return True
    if not expr.is_commutative:
        return False
    try:
        return to_rational(expr) == 0
    except (TypeError, ValueError, NotImplementedError, RecursionError, ZeroDivisionError):
        return False
