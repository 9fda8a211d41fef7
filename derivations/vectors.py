"""Functions over a vector: softmax, log-softmax and cross-entropy.

Given a sequence of SymPy expressions (or a column Matrix), each returns exact
SymPy objects: a column ``ImmutableMatrix`` for softmax and log-softmax, a
scalar for cross-entropy.

>>> from sympy import symbols, Rational, exp
>>> z1, z2 = symbols('z1 z2')
>>> softmax([z1, z2])[0]
exp(z1)/(exp(z1) + exp(z2))
>>> softmax([0, 0])
Matrix([
[1/2],
[1/2]])
>>> cross_entropy([0, 1], [Rational(1, 4), Rational(3, 4)])
-log(3/4)

For an indexed vector of symbolic length use :func:`softmax_component`.
"""

from __future__ import annotations

from sympy import Add, ImmutableMatrix, IndexedBase, Sum, Symbol, exp, log
from sympy import sympify as _to_sympy  # only ever applied to our own numbers and SymPy objects

__all__ = ["softmax", "log_softmax", "cross_entropy", "softmax_component", "SOFTMAX_FACTS"]

SOFTMAX_FACTS = dict(
    range=("open", 0, 1), sums_to=1, shift_invariant=True, two_class="sigma(z1 - z2)",
    jacobian="diag(s) - s s^T",
)


def _entries(z):
    values = list(z)  # a sequence, or a matrix read entry by entry
    if not values:
        raise ValueError("softmax needs a non-empty vector")
    return [_to_sympy(v, strict=True) for v in values]


def softmax(z) -> ImmutableMatrix:
    """The softmax e^{z_i} / sum_k e^{z_k} of a vector, as a column matrix."""
    values = _entries(z)
    total = Add(*[exp(v) for v in values])
    return ImmutableMatrix([exp(v) / total for v in values])


def log_softmax(z) -> ImmutableMatrix:
    """log softmax: z_i - log sum_k e^{z_k}, as a column matrix."""
    values = _entries(z)
    lse = log(Add(*[exp(v) for v in values]))
    return ImmutableMatrix([v - lse for v in values])


def cross_entropy(y, p):
    """Cross-entropy -sum_i y_i log p_i of a target ``y`` and probabilities ``p``."""
    ys, ps = _entries(y), _entries(p)
    if len(ys) != len(ps):
        raise ValueError(f"cross_entropy: target has {len(ys)} entries, probabilities {len(ps)}")
    return -Add(*[yi * log(pi) for yi, pi in zip(ys, ps) if yi != 0])


def softmax_component(z: IndexedBase, i, n, k: Symbol | None = None):
    """Component i of softmax over z_1..z_n: exp(z_i) / Sum(exp(z_k), (k, 1, n))."""
    k = k if k is not None else Symbol("k", integer=True, positive=True)
    return exp(z[i]) / Sum(exp(z[k]), (k, 1, n))
