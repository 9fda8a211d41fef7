"""Softmax and cross-entropy: normalisation, shift invariance, two classes, Jacobian, gradient."""

from sympy import (
    Derivative,
    ImmutableMatrix,
    IndexedBase,
    Matrix,
    Sum,
    Symbol,
    diag,
    exp,
    log,
    symbols,
)

from ..functions import sigmoid
from ..vectors import cross_entropy, softmax
from .build import chain, over, plus, times
from .registry import entry

z = IndexedBase("z", real=True)
i, j, k, n = symbols("i j k n", integer=True, positive=True)
total = Sum(exp(z[k]), (k, 1, n))


@entry("softmax-sum", "Softmax probabilities sum to 1", "softmax")
def softmax_sum():
    return chain(
        "", "", Sum(exp(z[i]) / total, (i, 1, n)),
        (over(Sum(exp(z[i]), (i, 1, n)), total), "the denominator does not depend on $i$: take it out of the sum"),
        (1, "numerator and denominator are the same sum"),
        statement="\u2211_i softmax(z)_i = 1", assumptions="n \u2265 1 logits z_1, ..., z_n, real",
    )


@entry("softmax-shift", "Softmax is unchanged by adding a constant to every logit", "softmax")
def softmax_shift():
    c = Symbol("c", real=True)
    shifted = Sum(exp(z[k] + c), (k, 1, n))
    return chain(
        "", "", exp(z[i] + c) / shifted,
        (over(times(exp(c), exp(z[i])), Sum(exp(c) * exp(z[k]), (k, 1, n))), "$e^{a + b} = e^a e^b$"),
        (over(times(exp(c), exp(z[i])), times(exp(c), total)), "$e^c$ does not depend on $k$: take it out of the sum"),
        (exp(z[i]) / total, "cancel $e^c$, which is never 0"),
        statement="softmax(z + c)_i = softmax(z)_i for every real c",
        assumptions="real logits z_1, ..., z_n and a real constant c",
    )


@entry("softmax-two-class", "Softmax over two classes is a sigmoid: softmax(z)_1 = \u03c3(z_1 \u2212 z_2)", "softmax")
def softmax_two_class():
    z1, z2 = symbols("z_1 z_2", real=True)
    return chain(
        "", "", softmax([z1, z2])[0],
        (over(1, 1 + exp(z2 - z1)), "divide numerator and denominator by $e^{z_1}$"),
        (over(1, 1 + exp(-(z1 - z2))), "$z_2 - z_1 = -(z_1 - z_2)$"),
        (sigmoid(z1 - z2), "the definition of \u03c3"),
        statement="softmax(z_1, z_2)_1 = \u03c3(z_1 \u2212 z_2)", assumptions="real z_1, z_2",
    )


@entry("softmax-jacobian", "The Jacobian of softmax: \u2202s_i/\u2202z_j = s_i(\u03b4_ij \u2212 s_j), i.e. diag(s) \u2212 s s^T", "softmax")
def softmax_jacobian():
    zi, zj = symbols("z_i z_j", real=True)
    rest = Symbol("R", positive=True)  # sum of e^{z_k} over the other k: independent of z_i and z_j
    s_i_same = exp(zi) / (exp(zi) + rest)
    diagonal = chain(
        "softmax-jacobian-diagonal", "Diagonal entries (i = j)", Derivative(s_i_same, zi),
        (over(exp(zi) * (exp(zi) + rest) - exp(zi) * exp(zi), (exp(zi) + rest) ** 2),
         "quotient rule; the rest $R$ of the sum does not depend on $z_i$"),
        (times(over(exp(zi), exp(zi) + rest), plus(1, -over(exp(zi), exp(zi) + rest))), "factor out $s_i$"),
        (s_i_same * (1 - s_i_same), "$s_i(1 - s_i)$, the case $i = j$ of $s_i(\\delta_{ij} - s_j)$"),
        assumptions="\u2211_k e^{z_k} = e^{z_i} + R, R > 0 the sum over k \u2260 i",
    )
    both = exp(zi) + exp(zj) + rest
    off_diagonal = chain(
        "softmax-jacobian-off-diagonal", "Off-diagonal entries (i \u2260 j)", Derivative(exp(zi) / both, zj),
        (over(-exp(zi) * exp(zj), both ** 2), "quotient rule: the numerator does not depend on $z_j$"),
        (-times(over(exp(zi), both), over(exp(zj), both)), "split the fraction"),
        (-(exp(zi) / both) * (exp(zj) / both), "$-s_i s_j$, the case $i \\ne j$ of $s_i(\\delta_{ij} - s_j)$"),
        assumptions="\u2211_k e^{z_k} = e^{z_i} + e^{z_j} + R, R > 0 the sum over the other k",
    )
    v = Matrix(symbols("z_1 z_2 z_3", real=True))
    s = softmax(v)
    return chain(
        "", "", ImmutableMatrix(Matrix(3, 3, lambda r, c: Derivative(s[r], v[c]))),
        (ImmutableMatrix(Matrix(3, 3, lambda r, c: s[r] * ((1 if r == c else 0) - s[c]))),
         "entry by entry: $\\partial s_i/\\partial z_j = s_i(\\delta_{ij} - s_j)$, the two cases below"),
        (ImmutableMatrix(diag(*s) - s * s.T), "collect: $\\operatorname{diag}(s) - s s^\\top$"),
        statement="J = diag(s) \u2212 s s^T, shown for three logits; the cases below hold for any n",
        assumptions="real logits", parts=[diagonal, off_diagonal],
    )


@entry("softmax-cross-entropy-gradient", "Softmax with cross-entropy: the gradient is p \u2212 y", "softmax")
def softmax_cross_entropy_gradient():
    z1, z2, z3 = symbols("z_1 z_2 z_3", real=True)
    y1, y2 = symbols("y_1 y_2", real=True)
    y = [y1, y2, 1 - y1 - y2]
    v = Matrix([z1, z2, z3])
    p = softmax(v)
    big = exp(z1) + exp(z2) + exp(z3)
    loss = cross_entropy(y, p)
    return chain(
        "", "", ImmutableMatrix([Derivative(loss, zk) for zk in v]),
        (ImmutableMatrix([Derivative(-sum(yk * (zk - log(big)) for yk, zk in zip(y, v)), zk) for zk in v]),
         "$\\log p_k = z_k - \\log \\sum_m e^{z_m}$"),
        (ImmutableMatrix([Derivative(-sum(yk * zk for yk, zk in zip(y, v)) + log(big), zk) for zk in v]),
         "the targets sum to 1, so $\\sum_k y_k \\log \\sum_m e^{z_m} = \\log \\sum_m e^{z_m}$"),
        (ImmutableMatrix([-yk + exp(zk) / big for yk, zk in zip(y, v)]), "differentiate: $\\partial_{z_j} \\log \\sum_m e^{z_m} = e^{z_j}/\\sum_m e^{z_m}$"),
        (ImmutableMatrix([pk - yk for pk, yk in zip(p, y)]), "softmax: $p_j = e^{z_j}/\\sum_m e^{z_m}$"),
        statement="\u2207_z L = p \u2212 y for L = \u2212\u2211 y_k log p_k, p = softmax(z), \u2211 y_k = 1 (three classes)",
        assumptions="real logits; targets y with y_1 + y_2 + y_3 = 1",
    )


@entry("sigmoid-binary-cross-entropy-gradient", "Sigmoid with binary cross-entropy: the gradient is \u03c3(z) \u2212 y", "softmax")
def sigmoid_bce_gradient():
    zz, y = Symbol("z", real=True), Symbol("y", real=True)
    s = sigmoid(zz)
    return chain(
        "", "", Derivative(-y * log(s) - (1 - y) * log(1 - s), zz),
        (plus(-y * (1 - s), (1 - y) * s), "chain rule: (log \u03c3)' = 1 \u2212 \u03c3 and (log(1 \u2212 \u03c3))' = \u2212\u03c3"),
        (s - y, "expand: \u2212y + y\u03c3 + \u03c3 \u2212 y\u03c3"),
        statement="\u2202L/\u2202z = \u03c3(z) \u2212 y for L = \u2212y log \u03c3(z) \u2212 (1 \u2212 y) log(1 \u2212 \u03c3(z))",
        assumptions="z real, target y",
    )
