"""ReLU and its relatives: derivatives, and ReLU through |x|."""

from sympy import Abs, Max, Piecewise, Symbol, exp

from ..conventions import value_at_kink
from ..functions import binary_step, elu, leaky_relu, relu
from ..render.printer import to_latex
from .build import chain, d, over, plus, times, x
from .registry import entry

KINK = ("differentiate each piece; at the kink $x = 0$ the derivative does not exist, and we use the "
        "convention ${c}$")


@entry("relu-derivative", r"The derivative of $\operatorname{ReLU}$ is the binary step", "relu")
def relu_derivative():
    c = value_at_kink(0, 1)
    return chain(
        "", "", d(relu(x)),
        (d(Max(0, x)), r"the definition $\operatorname{ReLU}(x) = \max(0, x)$"),
        (d(Piecewise((0, x < 0), (x, True))), r"$\max(0, x)$ is $0$ for $x < 0$ and $x$ otherwise"),
        (Piecewise((0, x < 0), (1, x > 0), (c, True)), KINK.format(c=to_latex(c))),
        (binary_step(x, c), "the binary step (its value at $0$ is the convention)"),
        statement=r"$\operatorname{ReLU}'(x) = 1$ for $x > 0$ and $0$ for $x < 0$",
        assumptions="$x$ real; the value at $0$ follows derivations.conventions",
    )


@entry("leaky-relu-derivative", r"The derivative of leaky ReLU: $\alpha$ for $x < 0$, $1$ for $x > 0$", "relu")
def leaky_relu_derivative():
    a = Symbol("alpha", positive=True)
    c = value_at_kink(a, 1)
    return chain(
        "", "", d(leaky_relu(x, a)),
        (d(Piecewise((a * x, x < 0), (x, True))), r"the definition: $\alpha x$ for $x < 0$, $x$ otherwise"),
        (Piecewise((a, x < 0), (1, x > 0), (c, True)), KINK.format(c=to_latex(c))),
        statement=r"$\operatorname{LeakyReLU}'(x) = \alpha$ for $x < 0$ and $1$ for $x > 0$",
        assumptions=r"$x$ real, $\alpha > 0$ ($\alpha = \frac{1}{100}$ by default)",
    )


@entry("elu-derivative", r"The derivative of ELU: $1$ for $x > 0$, $\operatorname{ELU}(x) + \alpha$ for $x < 0$",
       "relu")
def elu_derivative():
    a = Symbol("alpha", positive=True)
    c = value_at_kink(a, 1)
    return chain(
        "", "", d(elu(x, a)),
        (d(Piecewise((a * (exp(x) - 1), x <= 0), (x, True))),
         r"the definition: $\alpha(e^x - 1)$ for $x \le 0$, $x$ otherwise"),
        (Piecewise((a * exp(x), x < 0), (1, x > 0), (c, True)), KINK.format(c=to_latex(c))),
        (Piecewise((plus(a * (exp(x) - 1), a), x < 0), (1, x > 0), (c, True)), r"add and subtract $\alpha$"),
        (Piecewise((elu(x, a) + a, x < 0), (1, x > 0), (c, True)), r"the definition of $\operatorname{ELU}$ for $x < 0$"),
        statement=r"$\operatorname{ELU}'(x) = 1$ for $x > 0$ and $\operatorname{ELU}(x) + \alpha$ for $x < 0$",
        assumptions=r"$x$ real, $\alpha > 0$",
    )


@entry("relu-abs", r"$\operatorname{ReLU}$ through the absolute value: $\operatorname{ReLU}(x) = \frac{x + |x|}{2}$",
       "relu")
def relu_abs():
    return chain(
        "", "", relu(x),
        (Piecewise((0, x < 0), (x, True)), r"the definition: $\max(0, x)$"),
        (Piecewise((over(plus(x, -x), 2), x < 0), (over(plus(x, x), 2), True)),
         r"write $0 = \frac{x - x}{2}$ and $x = \frac{x + x}{2}$"),
        (over(plus(x, Abs(x)), 2), r"$|x| = -x$ for $x < 0$ and $|x| = x$ for $x \ge 0$"),
        statement=r"$\operatorname{ReLU}(x) = \frac{x + |x|}{2}$ for every real $x$", assumptions="$x$ real",
    )


@entry("dead-relu", r"A $\operatorname{ReLU}$ whose input is always negative gets no gradient", "relu")
def dead_relu():
    from ..derivation import Step
    from .proof import Proof

    z, u = Symbol("z", real=True), Symbol("u", positive=True)  # z < 0: z = -u with u > 0
    inp, up = Symbol("x_{in}", real=True), Symbol("delta", real=True)
    steps = [
        Step(times(up, d(Piecewise((0, z < 0), (z, True)), z), inp), r"the definition of $\operatorname{ReLU}$"),
        Step(times(up, Piecewise((0, z < 0), (1, True)), inp), "differentiate each piece"),
        Step(times(up, 0, inp), r"$z < 0$: the first piece"),
        Step(0, "so the update of $w$ is $0$: the unit never learns"),
    ]
    return Proof(
        "", "", times(up, d(relu(z), z), inp), steps,
        statement=(r"$\frac{\partial L}{\partial w} = \delta \cdot \operatorname{ReLU}'(z) \cdot x_{in} = 0$ "
                   r"whenever $z = w x_{in} + b < 0$"),
        assumptions=r"$z < 0$ for every example; $\delta$ the upstream gradient, $x_{in}$ the input",
        notes=r"With $z < 0$ on every example, every gradient step leaves $w$ and $b$ unchanged.",
        given={z: -u},
    )
