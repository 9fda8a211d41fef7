r"""Kind ``network``: forward pass, loss, backward pass and one gradient-descent step.

A small fully connected network of any shape; every layer has weights (one row
per unit), a bias (one per unit) and an activation from
:data:`derivations.functions.ACTIVATIONS`, or ``"softmax"`` on the output layer.
``layout = "scalar"`` works every unit, weight and gradient on its own line;
``layout = "vector"`` works a layer at a time with its vectors and matrices
written out; the default is the vector layout for networks of more than
:data:`SCALAR_UNITS` units (hidden and output).  ``true_class`` counts classes
from 1.

>>> from derivations.problems import loads, solve
>>> [p] = loads('''
... [[problem]]
... id = "tiny"
... kind = "network"
... input = [1]
... target = [0]
... loss = "half-squared-error"
... learning_rate = 0.5
... [[problem.layer]]
... weights = [[2]]
... bias = [-1]
... activation = "linear"
... ''')
>>> s = solve(p)
>>> s.answers["loss"], s.answers["weight_gradients"], s.answers["updated_weights"]
(1/2, [[[1]]], [[[3/2]]])
>>> [c.steps[-1].expr.latex() for c in s.derivation.parts[1].parts]  # the forward pass
['1', '1']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sympy import Rational, S

from .backprop import Values, canonical, compute
from .network_sheet import given_section, scalar_sections, vector_sections
from .solution import Solution, rounding_note
from .worked import WorkedDerivation

__all__ = ["Layer", "NetworkSpec", "parse", "solve", "LOSSES", "FIELDS", "LAYOUTS", "SCALAR_UNITS"]

KIND = "network"
LOSSES = ("half-squared-error", "squared-error", "binary-cross-entropy", "cross-entropy")
LAYOUTS = ("scalar", "vector")
#: networks with more units than this (hidden and output) are worked in the vectorised layout by default
SCALAR_UNITS = 6
FIELDS = ("input", "target", "true_class", "loss", "learning_rate", "layer", "layout")
LAYER_FIELDS = ("weights", "bias", "activation", "alpha", "beta")
LOSS_NAMES = {"half-squared-error": "the half squared error", "squared-error": "the squared error",
              "binary-cross-entropy": "the binary cross-entropy", "cross-entropy": "the cross-entropy"}


@dataclass
class Layer:
    weights: list[list[Rational]]
    bias: list[Rational]
    activation: str
    parameter: Rational | None = None

    @property
    def size(self) -> int:
        return len(self.bias)


@dataclass
class NetworkSpec:
    input: list[Rational]
    target: list[Rational]
    loss: str
    learning_rate: Rational
    layers: list[Layer] = field(default_factory=list)
    true_class: int | None = None   # counted from 1
    layout: str | None = None

    @property
    def units(self) -> int:
        return sum(layer.size for layer in self.layers)

    @property
    def chosen_layout(self) -> str:
        return self.layout or ("vector" if self.units > SCALAR_UNITS else "scalar")


# -- reading ---------------------------------------------------------------------------------------
def parse(f) -> NetworkSpec:
    from .activations import ACTIVATION_NAMES, PARAMETERS

    x = f.vector("input")
    layers: list[Layer] = []
    tables = f.tables("layer")
    width = len(x)
    for i, lf in enumerate(tables):
        name = lf.text("activation", choices=ACTIVATION_NAMES + ("softmax",))
        if name == "softmax" and i != len(tables) - 1:
            raise lf.error("activation", "softmax is supported on the output layer only")
        w = lf.matrix("weights", cols=width, what=f"one row per unit, one column for each of the {width} "
                                                   f"{'inputs' if i == 0 else 'units of layer ' + str(i)}")
        b = lf.vector("bias", length=len(w), what=f"one per unit; the weights have {len(w)} rows")
        parameter = None
        allowed = ["weights", "bias", "activation"]
        if name in PARAMETERS:
            pname = PARAMETERS[name][0]
            allowed.append(pname)
            parameter = lf.number(pname, None, positive=True)
        for other in ("alpha", "beta"):
            if other not in allowed and lf.has(other):
                raise lf.error(other, f"the activation {name!r} takes no parameter {other!r}")
        lf.finish(allowed)
        layers.append(Layer(w, b, name, parameter))
        width = len(w)
    loss = f.text("loss", choices=LOSSES)
    out = layers[-1]
    true_class = None
    if f.has("true_class"):
        if f.has("target"):
            raise f.error("true_class", "give either target or true_class, not both")
        if loss != "cross-entropy":
            raise f.error("true_class", "true_class goes with loss = \"cross-entropy\"; give target otherwise")
        true_class = f.class_number("true_class", out.size)
        target = [S.One if i == true_class else S.Zero for i in range(1, out.size + 1)]
    else:
        target = f.vector("target", length=out.size, what="one per output unit")
    if loss == "cross-entropy":
        if out.activation != "softmax":
            raise f.error("loss", "cross-entropy needs an output layer with activation \"softmax\" "
                                  "(for sigmoid outputs use binary-cross-entropy)")
        if any(t < 0 for t in target):
            raise f.error("target", "cross-entropy targets must not be negative")
    if loss == "binary-cross-entropy":
        if out.activation != "sigmoid":
            raise f.error("loss", "binary-cross-entropy needs an output layer with activation \"sigmoid\"")
        if any(t < 0 or t > 1 for t in target):
            raise f.error("target", "binary-cross-entropy targets must lie between 0 and 1")
    lr = f.number("learning_rate", positive=True)
    layout = f.text("layout", None, choices=LAYOUTS)
    return NetworkSpec(x, target, loss, lr, layers, true_class, layout)


# -- solving ---------------------------------------------------------------------------------------
def describe(spec: NetworkSpec) -> tuple[str, str]:
    """(default title, default statement) in course notation."""
    sizes = [len(spec.input)] + [layer.size for layer in spec.layers]
    shape = r" \to ".join(map(str, sizes))
    acts = ", ".join("softmax" if layer.activation == "softmax" else canonical(layer.activation).replace("_", " ")
                     for layer in spec.layers)
    title = f"A ${shape}$ network: forward pass, backward pass, one step of gradient descent"
    target = (f"the true class is {spec.true_class}" if spec.true_class is not None else "the target $t$ is given")
    statement = (f"A fully connected ${shape}$ network ({acts}) sees the input $x$; {target}. With "
                 f"{LOSS_NAMES[spec.loss]} as the loss $L$ and the learning rate $\\eta$, compute the forward "
                 "pass, the loss, every $\\delta$, every gradient, and the weights and biases after one step "
                 "of gradient descent.")
    return title, statement


def solve(problem) -> Solution:
    spec: NetworkSpec = problem.spec
    rounding = problem.digits
    try:
        values = compute(spec)
        sections = [given_section(values, problem.id, rounding)]
        build = vector_sections if spec.chosen_layout == "vector" else scalar_sections
        sections += build(values, problem.id, rounding)
    except ValueError as exc:   # a sign or a rounding the bounds cannot decide
        from .errors import ProblemError
        raise ProblemError(str(exc), problem=problem.id, line=problem.line) from None
    title, statement = describe(spec)
    kinked = any(canonical(layer.activation) in ("relu", "leaky_relu", "elu") for layer in spec.layers)
    notes = (rounding_note(rounding) + r" Layers, units and classes are numbered from 1 ($a^{[0]}$ is the input $x$); "
             r"$w^{[l]}_{jk}$ is the weight from unit $k$ of layer $l - 1$ to unit $j$ of layer $l$, in row $j$ "
             r"and column $k$ of $W^{[l]}$.")
    if kinked:
        notes += r" At a kink the derivative is the left one: $\operatorname{ReLU}'(0)$ is taken as $0$, as in PyTorch."
    derivation = WorkedDerivation(id=problem.id, title=problem.title or title, start=None,
                                  statement=problem.statement or statement, notes=notes, parts=sections,
                                  rounding=rounding)
    return Solution(problem, derivation, answers(values), printed=printed_answers(values, rounding))


def answers(v: Values) -> dict:
    """The exact answers, lists indexed from 0 for layer, unit and input 1 (see the README, ``solve --json``)."""
    out = {
        "pre_activations": v.z,
        "activations": v.a,
        "output": v.a[-1],
        "loss": v.loss,
        "deltas": v.delta,
        "weight_gradients": v.gW,
        "bias_gradients": v.gb,
        "updated_weights": v.W_new,
        "updated_biases": v.b_new,
    }
    if v.dLda is not None:
        out["output_gradients"] = v.dLda
    if v.spec.layers[-1].activation == "softmax":
        out["predicted_class"] = max(range(len(v.a[-1])), key=lambda j: (float(v.a[-1][j]), -j)) + 1
    if v.spec.true_class is not None:
        out["true_class"] = v.spec.true_class
    return out


def printed_answers(v: Values, rounding) -> dict:
    from .answers import printed_tree
    return printed_tree(answers(v), rounding)


# -- variants --------------------------------------------------------------------------------------
def fields_of(spec: NetworkSpec) -> list[tuple[str, object]]:
    """The spec as (key, value) pairs for writing TOML; ``layer`` is an array of tables."""
    from .activations import PARAMETERS

    out: list[tuple[str, object]] = [("input", spec.input)]
    if spec.true_class is not None:
        out.append(("true_class", spec.true_class))
    else:
        out.append(("target", spec.target))
    out += [("loss", spec.loss), ("learning_rate", spec.learning_rate)]
    if spec.layout:
        out.append(("layout", spec.layout))
    tables = []
    for layer in spec.layers:
        t = [("weights", layer.weights), ("bias", layer.bias), ("activation", layer.activation)]
        if layer.parameter is not None:
            t.append((PARAMETERS[layer.activation][0], layer.parameter))
        tables.append(t)
    out.append(("layer", tables))
    return out
