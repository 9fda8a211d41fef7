"""Kind ``network``: forward pass, loss, backward pass and one gradient-descent step.

A small fully connected network of any shape; every layer has weights (one row
per unit), a bias (one per unit) and an activation from
:data:`derivations.functions.ACTIVATIONS`, or ``"softmax"`` on the output layer.
Every z, a, delta and gradient is a chain of exact steps; the text printer
shows the rounded values.

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
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sympy import Add, Rational, S, exp, log

from ..derivation import Derivation
from .activations import ACTIVATION_NAMES, BOUNDS, PARAMETERS, Activation, UndecidableSign
from .rounding import plain, rounded
from .solution import CONVENTION_NOTE, Solution, chain, plus, power, times

__all__ = ["Layer", "NetworkSpec", "parse", "solve", "LOSSES", "FIELDS", "degenerate", "randomize", "fields_of"]

KIND = "network"
LOSSES = ("half-squared-error", "squared-error", "binary-cross-entropy", "cross-entropy")
FIELDS = ("input", "target", "true_class", "loss", "learning_rate", "layer")
LAYER_FIELDS = ("weights", "bias", "activation", "alpha", "beta")
LOSS_TEXT = {
    "half-squared-error": ("L = 1/2 sum_i (t_i - y_i)^2", "dL/dy_i = y_i - t_i"),
    "squared-error": ("L = sum_i (t_i - y_i)^2", "dL/dy_i = 2 (y_i - t_i)"),
    "binary-cross-entropy": ("L = -sum_i [t_i ln y_i + (1 - t_i) ln(1 - y_i)]",
                             "dL/dy_i = (y_i - t_i) / (y_i (1 - y_i))"),
    "cross-entropy": ("L = -sum_i t_i ln p_i", "dL/dp_i = -t_i / p_i"),
}


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
    true_class: int | None = None


# -- reading ---------------------------------------------------------------------------------------
def parse(f) -> NetworkSpec:
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
            parameter = lf.number(pname, None)
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
        true_class = f.integer("true_class", minimum=0, maximum=out.size - 1)
        target = [S.One if i == true_class else S.Zero for i in range(out.size)]
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
    if out.activation == "softmax" and loss == "binary-cross-entropy":
        raise f.error("loss", "use cross-entropy with a softmax output")
    lr = f.number("learning_rate", positive=True)
    return NetworkSpec(x, target, loss, lr, layers, true_class)


# -- names -----------------------------------------------------------------------------------------
def _ix(*indices) -> str:
    return ("".join(map(str, indices)) if all(i < 10 for i in indices)
            else "{" + ",".join(map(str, indices)) + "}")


def _a(layer: int, j: int) -> str:
    return f"x_{j}" if layer == 0 else f"a^[{layer}]_{j}"


# -- solving ---------------------------------------------------------------------------------------
def solve(problem) -> Solution:
    spec: NetworkSpec = problem.spec
    d = problem.digits
    parts: list[Derivation] = []
    labels: dict = {}

    def part(id, title, statement, start, *steps, label=None):
        p = chain(id, title, statement, start, *[s for s in steps if s is not None], digits=d)
        parts.append(p)
        return p

    def name(value, text):
        if not value.is_Rational:
            labels.setdefault(value, text)

    a_prev = list(spec.input)
    activations, pre_activations = [a_prev], []
    for j, v in enumerate(a_prev, 1):
        name(v, _a(0, j))
    L = len(spec.layers)
    for l, layer in enumerate(spec.layers, 1):
        zs = []
        for j, (row, b) in enumerate(zip(layer.weights, layer.bias), 1):
            written = plus(*[times(w, a) for w, a in zip(row, a_prev)], b)
            value = Add(*[w * a for w, a in zip(row, a_prev)]) + b
            statement = (f"z^[{l}]_{j} = " + " + ".join(f"w^[{l}]_{_ix(j, k)}·{_a(l - 1, k)}"
                                                        for k in range(1, len(row) + 1)) + f" + b^[{l}]_{j}")
            part(f"forward.z{l}_{j}", f"z^[{l}]_{j}", statement, written,
                 (value, "multiply and add (exact arithmetic)"))
            name(value, f"z^[{l}]_{j}")
            zs.append(value)
        if layer.activation == "softmax":
            total = Add(*[exp(z) for z in zs])
            name(total, f"sum_k e^(z^[{l}]_k)")
            values = [exp(z) / total for z in zs]
            for j, (z, p) in enumerate(zip(zs, values), 1):
                others = Add(*[exp(zk - z) for zk in zs])
                part(f"forward.a{l}_{j}", f"a^[{l}]_{j}",
                     f"a^[{l}]_{j} = softmax(z^[{l}])_{j} = e^(z_{j}) / sum_k e^(z_k)", p,
                     (1 / others, f"divide numerator and denominator by e^(z_{j})"))
                name(p, f"a^[{l}]_{j}")
        else:
            act = Activation(layer.activation, layer.parameter)
            values = []
            for j, z in enumerate(zs, 1):
                try:
                    v = act.value(z)
                    definition = act.definition(z)
                except UndecidableSign as exc:
                    raise _solve_error(problem, f"layer[{l}]", str(exc)) from None
                if act.canonical == "linear":
                    part(f"forward.a{l}_{j}", f"a^[{l}]_{j}", f"a^[{l}]_{j} = z^[{l}]_{j} (linear activation)", z)
                else:
                    fname = act.canonical
                    part(f"forward.a{l}_{j}", f"a^[{l}]_{j}", f"a^[{l}]_{j} = {fname}(z^[{l}]_{j})",
                         act.written(z), definition)
                name(v, f"a^[{l}]_{j}")
                values.append(v)
        pre_activations.append(zs)
        activations.append(values)
        a_prev = values

    # loss
    y, t = activations[-1], spec.target
    loss_formula, dloss = LOSS_TEXT[spec.loss]
    if spec.loss in ("half-squared-error", "squared-error"):
        squares = [power(plus(ti, times(-1, yi)), 2) for ti, yi in zip(t, y)]
        written = plus(*squares)
        value = Add(*[(ti - yi) ** 2 for ti, yi in zip(t, y)])
        if spec.loss == "half-squared-error":
            written, value = times(Rational(1, 2), written), value / 2
    elif spec.loss == "binary-cross-entropy":
        written = times(-1, plus(*[plus(times(ti, log(yi)), times(1 - ti, log(plus(1, times(-1, yi)))))
                                   for ti, yi in zip(t, y)]))
        value = -Add(*[ti * log(yi) + (1 - ti) * log(1 - yi) for ti, yi in zip(t, y)])
    else:
        written = times(-1, plus(*[times(ti, log(yi)) for ti, yi in zip(t, y)]))
        value = -Add(*[ti * log(yi) for ti, yi in zip(t, y)])
    part("loss", "L", loss_formula, written, (value, "substitute the outputs and targets; exact arithmetic"))
    loss = value
    name(loss, "L")

    # backward
    out = spec.layers[-1]
    if spec.loss == "half-squared-error":
        grads = [(plus(yi, times(-1, ti)), yi - ti) for yi, ti in zip(y, t)]
    elif spec.loss == "squared-error":
        grads = [(times(2, plus(yi, times(-1, ti))), 2 * (yi - ti)) for yi, ti in zip(y, t)]
    elif spec.loss == "binary-cross-entropy":
        grads = [(times(plus(yi, times(-1, ti)), power(times(yi, plus(1, times(-1, yi))), -1)),
                  (yi - ti) / (yi * (1 - yi))) for yi, ti in zip(y, t)]
    else:
        grads = [(times(-1, ti, power(yi, -1)), -ti / yi) for yi, ti in zip(y, t)]
    deltas_rev = []
    if out.activation == "softmax":
        deltas = []
        inner = Add(*[yi * g for yi, (_, g) in zip(y, grads)])
        for j, (yj, (gw, g)) in enumerate(zip(y, grads), 1):
            written = times(yj, plus(g, times(-1, plus(*[times(yi, gi) for yi, (_, gi) in zip(y, grads)]))))
            value = yj * (g - inner)
            steps = [(value, "exact arithmetic")]
            if spec.loss == "cross-entropy":
                simple = yj * Add(*t) - t[j - 1]
                steps.append((simple, "multiply out: delta_j = p_j sum_i t_i - t_j (p_j - t_j for a one-hot target)"))
                value = simple
            part(f"backward.delta{L}_{j}", f"delta^[{L}]_{j}",
                 f"delta^[{L}]_{j} = dL/dz^[{L}]_{j} = sum_i dL/dp_i · dp_i/dz_{j} = p_{j}(dL/dp_{j} - sum_i p_i dL/dp_i) "
                 f"(chain rule with the softmax Jacobian dp_i/dz_j = p_i(1[i=j] - p_j); {dloss})",
                 written, *steps)
            name(value, f"delta^[{L}]_{j}")
            deltas.append(value)
    else:
        act = Activation(out.activation, out.parameter)
        deltas = []
        for j, (z, (gw, g)) in enumerate(zip(pre_activations[-1], grads), 1):
            try:
                fp = act.derivative(z)
            except UndecidableSign as exc:
                raise _solve_error(problem, f"layer[{L}]", str(exc)) from None
            written = times(gw, fp)
            value = g * fp
            why = "exact arithmetic"
            if spec.loss == "binary-cross-entropy":
                why = "the factors y(1 - y) cancel: delta = y - t"
            part(f"backward.delta{L}_{j}", f"delta^[{L}]_{j}",
                 f"delta^[{L}]_{j} = dL/dz^[{L}]_{j} = dL/da^[{L}]_{j} · g'(z^[{L}]_{j}) (chain rule); "
                 f"{dloss}; {act.derivative_rule()}", written, (value, why))
            name(value, f"delta^[{L}]_{j}")
            deltas.append(value)
    deltas_rev.append(deltas)
    for l in range(L - 1, 0, -1):
        layer, above = spec.layers[l - 1], spec.layers[l]
        act = Activation(layer.activation, layer.parameter)
        nxt = deltas_rev[-1]
        deltas = []
        for k, z in enumerate(pre_activations[l - 1], 1):
            try:
                fp = act.derivative(z)
            except UndecidableSign as exc:
                raise _solve_error(problem, f"layer[{l}]", str(exc)) from None
            column = [above.weights[j][k - 1] for j in range(above.size)]
            written = times(fp, plus(*[times(w, dj) for w, dj in zip(column, nxt)]))
            value = fp * Add(*[w * dj for w, dj in zip(column, nxt)])
            terms = " + ".join(f"w^[{l + 1}]_{_ix(j, k)}·delta^[{l + 1}]_{j}" for j in range(1, above.size + 1))
            part(f"backward.delta{l}_{k}", f"delta^[{l}]_{k}",
                 f"delta^[{l}]_{k} = g'(z^[{l}]_{k}) · ({terms}) (chain rule: a^[{l}]_{k} feeds every unit "
                 f"of layer {l + 1}); {act.derivative_rule()}", written, (value, "exact arithmetic"))
            name(value, f"delta^[{l}]_{k}")
            deltas.append(value)
        deltas_rev.append(deltas)
    all_deltas = list(reversed(deltas_rev))

    # gradients and the update
    lr = spec.learning_rate
    weight_gradients, bias_gradients, new_weights, new_biases = [], [], [], []
    for l, (layer, deltas) in enumerate(zip(spec.layers, all_deltas), 1):
        inputs = activations[l - 1]
        gw_layer, nw_layer = [], []
        for j, (row, dj) in enumerate(zip(layer.weights, deltas), 1):
            grow, nrow = [], []
            for k, (w, ak) in enumerate(zip(row, inputs), 1):
                g = dj * ak
                part(f"gradient.w{l}_{j}_{k}", f"dL/dw^[{l}]_{_ix(j, k)}",
                     f"dL/dw^[{l}]_{_ix(j, k)} = delta^[{l}]_{j} · {_a(l - 1, k)} "
                     f"(chain rule; dz^[{l}]_{j}/dw^[{l}]_{_ix(j, k)} = {_a(l - 1, k)})",
                     times(dj, ak), (g, "exact arithmetic"))
                name(g, f"dL/dw^[{l}]_{_ix(j, k)}")
                grow.append(g)
            gw_layer.append(grow)
        gb_layer = []
        for j, dj in enumerate(deltas, 1):
            part(f"gradient.b{l}_{j}", f"dL/db^[{l}]_{j}",
                 f"dL/db^[{l}]_{j} = delta^[{l}]_{j} · 1 (chain rule; dz^[{l}]_{j}/db^[{l}]_{j} = 1)",
                 times(dj, 1), (dj, "multiply by 1"))
            gb_layer.append(dj)
        for j, (row, grow) in enumerate(zip(layer.weights, gw_layer), 1):
            nrow = []
            for k, (w, g) in enumerate(zip(row, grow), 1):
                new = w - lr * g
                part(f"update.w{l}_{j}_{k}", f"w'^[{l}]_{_ix(j, k)}",
                     f"w'^[{l}]_{_ix(j, k)} = w^[{l}]_{_ix(j, k)} - eta · dL/dw^[{l}]_{_ix(j, k)} "
                     f"(gradient descent, eta = {plain(lr)})",
                     plus(w, times(-lr, g)), (new, "exact arithmetic"))
                nrow.append(new)
            nw_layer.append(nrow)
        nb_layer = []
        for j, (b, g) in enumerate(zip(layer.bias, gb_layer), 1):
            new = b - lr * g
            part(f"update.b{l}_{j}", f"b'^[{l}]_{j}",
                 f"b'^[{l}]_{j} = b^[{l}]_{j} - eta · dL/db^[{l}]_{j} (gradient descent, eta = {plain(lr)})",
                 plus(b, times(-lr, g)), (new, "exact arithmetic"))
            nb_layer.append(new)
        weight_gradients.append(gw_layer)
        bias_gradients.append(gb_layer)
        new_weights.append(nw_layer)
        new_biases.append(nb_layer)

    order = ["forward", "loss", "backward", "gradient", "update"]
    parts.sort(key=lambda p: order.index(p.id.split(".")[0]))
    shape = " -> ".join(str(n) for n in [len(spec.input)] + [layer.size for layer in spec.layers])
    acts = ", ".join(layer.activation for layer in spec.layers)
    derivation = Derivation(
        id=problem.id, title=problem.title or f"Network {shape}: forward pass, backward pass, one step",
        start=loss, digits=d, parts=parts,
        statement=problem.statement or (f"A {shape} network ({acts}) with loss {spec.loss}, input "
                                        f"{_vec(spec.input)}, target {_vec(spec.target)} and learning rate "
                                        f"{plain(spec.learning_rate)}."),
        notes=CONVENTION_NOTE.format(digits=d) + " Layers are numbered from 1 (a^[0] = x); units and "
        "weights w^[l]_jk (unit j, input k) from 1; JSON lists are in the same order. "
        "ReLU'(0) = 0 (the left derivative, as in PyTorch).",
    )
    answers = {
        "pre_activations": pre_activations,
        "activations": activations[1:],
        "output": activations[-1],
        "loss": loss,
        "deltas": all_deltas,
        "weight_gradients": weight_gradients,
        "bias_gradients": bias_gradients,
        "updated_weights": new_weights,
        "updated_biases": new_biases,
    }
    return Solution(problem, derivation, answers, labels)


def _vec(values) -> str:
    return "(" + ", ".join(plain(v) for v in values) + ")"


def _solve_error(problem, field, message):
    from .errors import ProblemError
    return ProblemError(message, problem=problem.id, field=field, line=problem.line)


# -- variants --------------------------------------------------------------------------------------
def degenerate(solution) -> str | None:
    """Why these numbers make a poor exercise at the shown digits (None when they are fine)."""
    spec, d = solution.problem.spec, solution.problem.digits
    ans = solution.answers
    for l, (layer, zs, values) in enumerate(zip(spec.layers, ans["pre_activations"], ans["activations"]), 1):
        bounds = (0, 1) if layer.activation == "softmax" else BOUNDS.get(Activation(layer.activation).canonical)
        for j, (z, a) in enumerate(zip(zs, values), 1):
            if z == 0 and layer.activation not in ("sigmoid", "tanh", "softmax", "linear", "identity",
                                                     "softplus", "gelu", "swish", "silu"):
                return f"z^[{l}]_{j} is exactly 0, a kink of {layer.activation}"
            if bounds and rounded(a, d) in bounds:
                return f"a^[{l}]_{j} rounds to {bounds} bound {rounded(a, d)}"
    for name in ("weight_gradients", "bias_gradients"):
        for l, layer_grads in enumerate(ans[name], 1):
            flat = [g for row in layer_grads for g in (row if isinstance(row, list) else [row])]
            if any(rounded(g, d) == 0 for g in flat):
                return f"a gradient of layer {l} rounds to 0"
    if rounded(ans["loss"], d) == 0:
        return "the loss rounds to 0"
    return None


def _halves(rng, low, high, nonzero=False):
    choices = [Rational(k, 2) for k in range(int(2 * low), int(2 * high) + 1) if not (nonzero and k == 0)]
    return rng.choice(choices)


def randomize(spec: NetworkSpec, rng) -> NetworkSpec:
    """Same shape, activations, loss and learning rate; new nice numbers (multiples of 0.5 or 0.1)."""
    x = [_halves(rng, -2, 2, nonzero=True) for _ in spec.input]
    layers = [Layer([[_halves(rng, -3, 3, nonzero=True) for _ in row] for row in layer.weights],
                    [_halves(rng, -2, 2) for _ in layer.bias], layer.activation, layer.parameter)
              for layer in spec.layers]
    n = layers[-1].size
    out = layers[-1].activation
    true_class = None
    if spec.loss == "cross-entropy":
        true_class = rng.randrange(n)
        target = [S.One if i == true_class else S.Zero for i in range(n)]
        if spec.true_class is None:
            true_class = None
    elif spec.loss == "binary-cross-entropy" or all(t in (0, 1) for t in spec.target):
        target = [S(rng.randrange(2)) for _ in range(n)]
    elif out in ("sigmoid",):
        target = [Rational(rng.randint(1, 9), 10) for _ in range(n)]
    elif out == "tanh":
        target = [Rational(rng.randint(-9, 9), 10) for _ in range(n)]
    else:
        target = [_halves(rng, -2, 2) for _ in range(n)]
    return NetworkSpec(x, target, spec.loss, spec.learning_rate, layers, true_class)


def fields_of(spec: NetworkSpec) -> list[tuple[str, object]]:
    """The spec as (key, value) pairs for writing TOML; ``layer`` is an array of tables."""
    out: list[tuple[str, object]] = [("input", spec.input)]
    if spec.true_class is not None:
        out.append(("true_class", spec.true_class))
    else:
        out.append(("target", spec.target))
    out += [("loss", spec.loss), ("learning_rate", spec.learning_rate)]
    tables = []
    for layer in spec.layers:
        t = [("weights", layer.weights), ("bias", layer.bias), ("activation", layer.activation)]
        if layer.parameter is not None:
            t.append((PARAMETERS[layer.activation][0], layer.parameter))
        tables.append(t)
    out.append(("layer", tables))
    return out
