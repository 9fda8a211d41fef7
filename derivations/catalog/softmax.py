r"""Softmax and cross-entropy: normalisation, shift invariance, two classes, Jacobian, gradient.

The Jacobian and the cross-entropy gradient are proved as textbooks write
them, in index notation for any number ``n`` of classes: ``s_k`` (or ``p_k``)
and ``L`` are names for their definitions, ``j`` is one of the classes, and
the targets sum to 1 (:class:`.proof.Proof`).
"""

from sympy import (
    Derivative,
    ImmutableMatrix,
    IndexedBase,
    KroneckerDelta,
    Lambda,
    MatAdd,
    MatMul,
    Sum,
    Symbol,
    exp,
    log,
    symbols,
)

from ..functions import sigmoid
from ..vectors import softmax
from .build import chain, over, plus, times
from .proof import Proof
from .registry import entry

z = IndexedBase("z", real=True)
i, j, k, m, n = symbols("i j k m n", integer=True, positive=True)
r = Symbol("r", integer=True, nonnegative=True)  # n = j + r: j is one of the n classes
total = Sum(exp(z[k]), (k, 1, n))


def _delta(a, b):
    """The Kronecker delta written with its indices in the order given (delta_{kj})."""
    return KroneckerDelta(a, b, evaluate=False)


def proof(title: str, start, *steps, statement: str = "", assumptions: str = "", where=None, given=None,
          parts=(), notes: str = "") -> Proof:
    """A :class:`Proof`: like :func:`.build.chain`, with definitions and hypotheses.

    A step is ``(expr, why)``, ``(expr, why, relation)`` or ``(expr, why, relation, {hypotheses of this step})``.
    """
    from ..derivation import Step

    made = [Step(s[0], s[1], s[2] if len(s) > 2 else "=") for s in steps]
    given_at = {number: dict(s[3]) for number, s in enumerate(steps, 1) if len(s) > 3}
    return Proof("", title, start, made, statement=statement, assumptions=assumptions, notes=notes,
                 parts=list(parts), where=dict(where or {}), given=dict(given or {}), given_at=given_at)


@entry("softmax-sum", "Softmax probabilities sum to $1$", "softmax")
def softmax_sum():
    return chain(
        "", "", Sum(exp(z[i]) / total, (i, 1, n)),
        (over(Sum(exp(z[i]), (i, 1, n)), total), "the denominator does not depend on $i$: take it out of the sum"),
        (1, "numerator and denominator are the same sum"),
        statement=r"$\sum_{i=1}^{n} \operatorname{softmax}(z)_i = 1$",
        assumptions=r"$n \ge 1$ real logits $z_1, \ldots, z_n$",
    )


@entry("softmax-shift", "Softmax is unchanged by adding a constant to every logit", "softmax")
def softmax_shift():
    c = Symbol("c", real=True)
    shifted = Sum(exp(z[k] + c), (k, 1, n))
    return chain(
        "", "", exp(z[i] + c) / shifted,
        (over(times(exp(c), exp(z[i])), Sum(exp(c) * exp(z[k]), (k, 1, n))), "$e^{a + b} = e^a e^b$"),
        (over(times(exp(c), exp(z[i])), times(exp(c), total)), "$e^c$ does not depend on $k$: take it out of the sum"),
        (exp(z[i]) / total, "cancel $e^c$, which is never $0$"),
        statement=r"$\operatorname{softmax}(z + c)_i = \operatorname{softmax}(z)_i$ for every real $c$",
        assumptions=r"real logits $z_1, \ldots, z_n$ and a real constant $c$",
    )


@entry("softmax-two-class", r"Softmax over two classes is a sigmoid: $\operatorname{softmax}(z)_1 = \sigma(z_1 - z_2)$",
       "softmax")
def softmax_two_class():
    z1, z2 = symbols("z_1 z_2", real=True)
    return chain(
        "", "", softmax([z1, z2])[0],
        (over(1, plus(1, exp(plus(z2, -z1)))), "divide numerator and denominator by $e^{z_1}$"),
        (over(1, plus(1, exp(times(-1, plus(z1, -z2))))), "$z_2 - z_1 = -(z_1 - z_2)$"),
        (sigmoid(z1 - z2), r"the definition of $\sigma$"),
        statement=r"$\operatorname{softmax}(z_1, z_2)_1 = \sigma(z_1 - z_2)$", assumptions="real $z_1$, $z_2$",
    )


@entry("softmax-jacobian",
       r"The Jacobian of softmax: $\frac{\partial s_i}{\partial z_j} = s_i(\delta_{ij} - s_j)$, that is $J = \operatorname{diag}(s) - s s^\top$",
       "softmax")
def softmax_jacobian():
    s = IndexedBase("s")
    where = {s: Lambda(i, exp(z[i]) / total)}
    quotient = over(plus(times(_delta(i, j), exp(z[i]), total), times(-1, exp(z[i]), exp(z[j]))), total ** 2)
    # the whole matrix for three classes, with s_1, s_2, s_3 written out
    three = {s: Lambda(i, exp(z[i]) / Sum(exp(z[k]), (k, 1, 3)))}
    col = ImmutableMatrix([s[1], s[2], s[3]])
    jacobian = ImmutableMatrix(3, 3, lambda a, b: Derivative(s[a + 1], z[b + 1]))
    entries = ImmutableMatrix(3, 3, lambda a, b: times(s[a + 1], plus(1, -s[a + 1])) if a == b
                              else -times(s[a + 1], s[b + 1]))
    diagonal = ImmutableMatrix(3, 3, lambda a, b: s[a + 1] if a == b else 0)
    matrix = proof(
        "The whole matrix, for three classes", jacobian,
        (entries, r"each entry is $s_i(\delta_{ij} - s_j)$: $s_i(1 - s_i)$ on the diagonal, $-s_i s_j$ off it"),
        (MatAdd(diagonal, MatMul(-1, col, col.T, evaluate=False), evaluate=False),
         r"split: $\operatorname{diag}(s)$ minus the outer product $s s^\top$"),
        where=three, assumptions="three classes",
    )
    return proof(
        "", Derivative(s[i], z[j]),
        (quotient, r"quotient rule: $\frac{\partial e^{z_i}}{\partial z_j} = \delta_{ij} e^{z_i}$ and "
                   r"$\frac{\partial}{\partial z_j} \sum_k e^{z_k} = e^{z_j}$"),
        (plus(times(_delta(i, j), s[i]), -times(s[i], s[j])),
         r"split the fraction: $\frac{e^{z_i}}{\sum_k e^{z_k}} = s_i$"),
        (times(s[i], plus(_delta(i, j), -s[j])), "take out the common factor $s_i$"),
        statement=(r"$\frac{\partial s_i}{\partial z_j} = s_i(\delta_{ij} - s_j)$ for all classes $i, j$ of any number "
                   r"$n$ of classes, where $\delta_{ij}$ is $1$ when $i = j$ and $0$ otherwise; as a matrix, "
                   r"$J = \operatorname{diag}(s) - s s^\top$"),
        assumptions=r"$s$ the softmax of real logits $z_1, \ldots, z_n$; $i$ and $j$ are classes, $1 \le i, j \le n$",
        where=where, given={n: j + r}, parts=[matrix],
    )


@entry("softmax-cross-entropy-gradient", "Softmax with cross-entropy: the gradient is $p - y$", "softmax")
def softmax_cross_entropy_gradient():
    p, y = IndexedBase("p"), IndexedBase("y", real=True)
    L = Symbol("L")
    where = {p: Lambda(k, exp(z[k]) / Sum(exp(z[m]), (m, 1, n))), L: -Sum(times(y[k], log(p[k])), (k, 1, n))}
    targets = Sum(y[k], (k, 1, n))
    return proof(
        "", Derivative(L, z[j]),
        (-Sum(times(y[k], Derivative(log(p[k]), z[j])), (k, 1, n)),
         r"the derivative of a sum is the sum of the derivatives"),
        (-Sum(times(y[k], Derivative(plus(z[k], -log(Sum(exp(z[m]), (m, 1, n)))), z[j])), (k, 1, n)),
         r"$\log p_k = z_k - \log \sum_m e^{z_m}$"),
        (-Sum(times(y[k], plus(_delta(k, j), -p[j])), (k, 1, n)),
         r"$\frac{\partial z_k}{\partial z_j} = \delta_{kj}$ and $\frac{\partial}{\partial z_j} \log \sum_m e^{z_m} "
         r"= \frac{e^{z_j}}{\sum_m e^{z_m}} = p_j$"),
        (plus(-Sum(times(y[k], _delta(k, j)), (k, 1, n)), times(p[j], targets)),
         r"split the sum; $p_j$ does not depend on $k$"),
        (plus(-y[j], times(p[j], targets)), r"$\delta_{kj}$ keeps only the term $k = j$"),
        (plus(p[j], -y[j]), r"the targets sum to $1$", "=", {targets.xreplace({n: j + r}): 1}),
        statement=(r"$\frac{\partial L}{\partial z_j} = p_j - y_j$, that is $\nabla_z L = p - y$, for "
                   r"$L = -\sum_k y_k \log p_k$ and $p = \operatorname{softmax}(z)$, for any number $n$ of classes"),
        assumptions=(r"real logits $z_1, \ldots, z_n$; targets with $\sum_{k=1}^{n} y_k = 1$ (one-hot, or any "
                     r"probabilities); $j$ is a class, $1 \le j \le n$"),
        where=where, given={n: j + r},
    )


@entry("sigmoid-binary-cross-entropy-gradient", r"Sigmoid with binary cross-entropy: the gradient is $\sigma(z) - y$",
       "softmax")
def sigmoid_bce_gradient():
    zz, y = Symbol("z", real=True), Symbol("y", real=True)
    s = sigmoid(zz)
    return chain(
        "", "", Derivative(-y * log(s) - (1 - y) * log(1 - s), zz),
        (plus(-y * (1 - s), (1 - y) * s),
         r"chain rule: $(\log \sigma)' = 1 - \sigma$ and $\bigl(\log(1 - \sigma)\bigr)' = -\sigma$"),
        (s - y, r"expand: $-y + y\sigma + \sigma - y\sigma$"),
        statement=(r"$\frac{\partial L}{\partial z} = \sigma(z) - y$ for "
                   r"$L = -y \log \sigma(z) - (1 - y) \log\bigl(1 - \sigma(z)\bigr)$"),
        assumptions="$z$ real, target $y$",
    )
