"""Replace every activation function by its definition, then differentiate.

Derivatives are taken *after* the definitions are substituted, so a proof of
sigma' = sigma(1 - sigma) never relies on the ``fdiff`` it is checking.

:func:`normal_form` is the engine's one normalisation entry for callers (the
checker's judge, its diagnosis): the expression exactly as :func:`decide`
sees it, decimals as the exact decimals written, definitions substituted,
derivatives, sums and products taken where they can be.

>>> from sympy import Symbol, Derivative, Float
>>> from derivations.functions import sigmoid
>>> x = Symbol('x', real=True)
>>> to_definitions(Derivative(sigmoid(x), x)).kinks
False
>>> to_definitions(sigmoid(x)).expr
1/(1 + exp(-x))
>>> normal_form(Float("0.1") + sigmoid(0))
3/5
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sympy import (
    Abs,
    Basic,
    Derivative,
    Dummy,
    Float,
    Heaviside,
    Max,
    Min,
    Piecewise,
    Product,
    Rational,
    Subs,
    Sum,
    Symbol,
    erf,
    erfc,
    exp,
    piecewise_fold,
    sign,
)

from ..functions import binary_step, elu, gelu, leaky_relu, relu, sigmoid, softplus, swish

SMOOTH = (sigmoid, softplus, swish, gelu)
NONSMOOTH = (relu, leaky_relu, elu, binary_step, Abs, Max, Min, Heaviside, sign)


@dataclass(frozen=True)
class Normalised:
    """An expression in definitions only; ``kinks`` is True when a derivative met a kink."""

    expr: object
    kinks: bool


def exact_decimals(expr):
    """Each Float as the exact decimal it prints as: 0.1 is 1/10, 0.3333333333333333 is not 1/3.

    SymPy subtracts a Rational from a Float in binary floating point, so
    Float(1/3) - Rational(1, 3) is 0 and the step would be 'proved'.
    """
    if not isinstance(expr, Basic):
        return expr
    floats = expr.atoms(Float)
    return expr.xreplace({f: Rational(str(f)) for f in floats}) if floats else expr


def realise(expr):
    """Give every symbol of unknown realness a real twin (variables in this field are real)."""
    mapping = {}
    for s in expr.free_symbols:
        if isinstance(s, Symbol) and s.is_real is None and s.is_commutative:
            assumptions = {k: v for k, v in s.assumptions0.items() if v is not None}
            assumptions["real"] = True
            try:
                mapping[s] = Symbol(s.name, **assumptions) if not isinstance(s, Dummy) else Dummy(s.name, real=True)
            except Exception:  # inconsistent assumptions: keep the symbol as it is
                continue
    return expr.xreplace(mapping) if mapping else expr


def _definitions(expr):
    """Rewrite our functions (and tanh) to exp/log/erf and the kinked ones to Piecewise."""
    from sympy import cosh, sinh, tanh

    rules = (
        (swish, lambda e: e.args[0] * sigmoid(e.args[1] * e.args[0])),
        (sigmoid, lambda e: 1 / (1 + exp(-e.args[0]))),
        (softplus, lambda e: e.rewrite(exp)),
        (gelu, lambda e: e.rewrite("erf")),
        (erfc, lambda e: 1 - erf(e.args[0])),  # one normal form
        ((tanh, sinh, cosh), lambda e: e.rewrite(exp)),
        ((relu, leaky_relu, elu, binary_step), lambda e: e.rewrite(Piecewise)),
        ((Abs, Max, Min, Heaviside, sign), lambda e: e.rewrite(Piecewise)),
    )
    for kinds, rewrite in rules:
        if expr.has(*(kinds if isinstance(kinds, tuple) else (kinds,))):  # one walk, no rebuild
            expr = expr.replace(lambda e, k=kinds: isinstance(e, k), rewrite)
    return expr


def bind_sum_variables(expr):
    """Inside a sum or product, a name spelled like its bound variable is that variable.

    ``Sum(i_real, (i_integer, 1, n))`` (the body's i read as a real, the
    limit's as an integer) would be n·i, and i a free number to sample.

    >>> from sympy import Symbol, Sum
    >>> i, n = Symbol('i', integer=True, positive=True), Symbol('n', integer=True, positive=True)
    >>> bind_sum_variables(Sum(Symbol("i", real=True), (i, 1, n))).doit().factor()
    n*(n + 1)/2
    """
    if not expr.has(Sum, Product):
        return expr

    def bind(e):
        function = e.function
        for limit in e.limits:
            variable = limit[0]
            twins = {s: variable for s in function.free_symbols
                     if isinstance(s, Symbol) and s.name == variable.name and s != variable}
            if twins:
                function = function.xreplace(twins)
        return e.func(function, *e.limits) if function != e.function else e

    return expr.replace(lambda e: isinstance(e, (Sum, Product)), bind)


def _has_kink(expr) -> bool:
    return expr.has(Piecewise, *NONSMOOTH)


def to_definitions(expr) -> Normalised:
    """Substitute definitions and evaluate derivatives, sums and products that can be (cached)."""
    from ..conventions import get_convention

    try:  # the convention for derivatives at kinks is part of the key: a rewrite may depend on it; so are the
        # names' assumptions, which SymPy's equality of Subs ignores (f'(x) at x > 0 equals f'(x) at x < 0)
        return _to_definitions(expr, get_convention(), assumptions_key(expr))
    except TypeError:  # an unhashable argument: no cache
        return _to_definitions.__wrapped__(expr, get_convention(), ())


def assumptions_key(expr) -> tuple:
    """The names' assumptions, where equality may not see them (inside a Subs); else ()."""
    if not expr.has(Subs):
        return ()
    return tuple(sorted((s.name, tuple(sorted(s.assumptions0.items()))) for s in expr.free_symbols
                        if hasattr(s, "name")))


@lru_cache(maxsize=1024)
def _to_definitions(expr, convention: str, _assumptions: tuple) -> Normalised:
    kinks = any(_has_kink(d.expr) for d in expr.atoms(Derivative))
    expr = bind_sum_variables(expr)
    expr = _definitions(expr)
    if expr.has(Derivative, Subs):
        expr = expr.replace(lambda e: isinstance(e, (Derivative, Subs)), lambda e: e.doit())
        expr = _definitions(expr)
    if expr.has(Sum, Product):
        expr = expr.replace(lambda e: isinstance(e, (Sum, Product)), lambda e: e.doit())
    if expr.has(Piecewise):
        expr = piecewise_fold(expr)
    return Normalised(expr, kinks)


def normal_form(expr):
    """What :func:`~derivations.equivalence.decide` decides on: exact decimals, real variables,
    definitions substituted, derivatives, sums and products taken where they can be.

    The one entry for callers outside the engine (to evaluate a side to a
    number, say); never raises on odd input: an expression the engine cannot
    normalise comes back as it is.  A time limit still ends it
    (:class:`~.limits.TimeLimitExceeded` is not an Exception).
    """
    try:
        return to_definitions(realise(exact_decimals(expr))).expr
    except (RecursionError, Exception):
        return expr
