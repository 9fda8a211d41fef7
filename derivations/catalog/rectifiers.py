"""ReLU and its relatives: derivatives, and ReLU through |x|."""

from sympy import Abs, Max, Piecewise, Symbol, exp

from ..conventions import value_at_kink
from ..functions import binary_step, elu, leaky_relu, relu
from .build import chain, d, over, plus, x
from .registry import entry

KINK = "differentiate each piece; at the kink x = 0 the derivative does not exist, and we use the convention value {c}"


@entry("relu-derivative", "The derivative of ReLU is the binary step", "relu")
def relu_derivative():
    c = value_at_kink(0, 1)
    return chain(
        "", "", d(relu(x)),
        (d(Max(0, x)), "the definition ReLU(x) = max(0, x)"),
        (d(Piecewise((0, x < 0), (x, True))), "max(0, x) is 0 for x < 0 and x otherwise"),
        (Piecewise((0, x < 0), (1, x > 0), (c, True)), KINK.format(c=c)),
        (binary_step(x, c), "the binary step (its value at 0 is the convention)"),
        statement="ReLU'(x) = 1 for x > 0 and 0 for x < 0",
        assumptions="x real; the value at 0 follows derivations.conventions",
    )


@entry("leaky-relu-derivative", "The derivative of leaky ReLU: \u03b1 for x < 0, 1 for x > 0", "relu")
def leaky_relu_derivative():
    a = Symbol("alpha", positive=True)
    c = value_at_kink(a, 1)
    return chain(
        "", "", d(leaky_relu(x, a)),
        (d(Piecewise((a * x, x < 0), (x, True))), "the definition: \u03b1x for x < 0, x otherwise"),
        (Piecewise((a, x < 0), (1, x > 0), (c, True)), KINK.format(c=c)),
        statement="LeakyReLU'(x) = \u03b1 for x < 0 and 1 for x > 0",
        assumptions="x real, \u03b1 > 0 (1/100 by default)",
    )


@entry("elu-derivative", "The derivative of ELU: 1 for x > 0, ELU(x) + \u03b1 for x < 0", "relu")
def elu_derivative():
    a = Symbol("alpha", positive=True)
    c = value_at_kink(a, 1)
    return chain(
        "", "", d(elu(x, a)),
        (d(Piecewise((a * (exp(x) - 1), x <= 0), (x, True))), "the definition: $\\alpha(e^x - 1)$ for $x \\le 0$, $x$ otherwise"),
        (Piecewise((a * exp(x), x < 0), (1, x > 0), (c, True)), KINK.format(c=c)),
        (Piecewise((plus(a * (exp(x) - 1), a), x < 0), (1, x > 0), (c, True)), "add and subtract \u03b1"),
        (Piecewise((elu(x, a) + a, x < 0), (1, x > 0), (c, True)), "the definition of ELU for x < 0"),
        statement="ELU'(x) = 1 for x > 0 and ELU(x) + \u03b1 for x < 0",
        assumptions="x real, \u03b1 > 0",
    )


@entry("relu-abs", "ReLU through the absolute value: ReLU(x) = (x + |x|)/2", "relu")
def relu_abs():
    return chain(
        "", "", relu(x),
        (Piecewise((0, x < 0), (x, True)), "the definition: max(0, x)"),
        (Piecewise((over(plus(x, -x), 2), x < 0), (over(plus(x, x), 2), True)), "write 0 = (x \u2212 x)/2 and x = (x + x)/2"),
        (over(plus(x, Abs(x)), 2), "|x| = \u2212x for x < 0 and x for x \u2265 0"),
        statement="ReLU(x) = (x + |x|)/2", assumptions="x real",
    )


@entry("dead-relu", "A ReLU whose input is always negative gets no gradient", "relu")
def dead_relu():
    z = Symbol("z", negative=True)
    inp, up = Symbol("x_{in}", real=True), Symbol("delta", real=True)
    return chain(
        "", "", up * d(relu(z), z) * inp,
        (up * d(Piecewise((0, z < 0), (z, True)), z) * inp, "the definition of ReLU"),
        (up * d(0 * z, z) * inp, "z < 0, so ReLU(z) = 0 near z"),
        (0, "the derivative of a constant is 0, so the update of w is 0: the unit never learns"),
        statement="\u2202L/\u2202w = \u03b4 \u00b7 ReLU'(z) \u00b7 x = 0 whenever z = wx + b < 0",
        assumptions="z < 0 for every example; \u03b4 the upstream gradient, x the input",
        notes="With z < 0 on every example, every gradient step leaves w and b unchanged.",
    )
