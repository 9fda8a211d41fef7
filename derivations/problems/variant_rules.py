r"""How each kind makes a variant an instructor would give: new numbers, the same exercise.

``randomize(kind, spec, vary, rng)`` draws new data on the grids of
:mod:`.vary`; ``poor(kind, source, variant)`` says why a solved variant is not
the same exercise (None when it is):

* a **network** keeps the teaching point of each unit: a ReLU-type unit the
  source leaves inactive (z ≤ 0) stays inactive and an active one active; a
  sigmoid or tanh unit the source saturates (|z| ≥ 3 for σ, ≥ 2 for tanh)
  stays saturated, and one it does not, not; no output rounds to a bound
  (0 or 1), and a softmax output has no tie for the largest value;
* **softmax** logits have no ties and no probability rounds to 0 or 1;
* a **dead-relu** layer has the same dead units as the source, and no
  pre-activation exactly 0 (a kink);
* a **vanishing-gradient** chain has no pre-activation at a kink and a nonzero product;
* **parameters** and **shapes** keep their sizes unless the file names them.

Networks are drawn unit by unit: each unit's weights and bias are redrawn
until the unit is in the source's class, so large networks need no luck.

>>> import random
>>> from derivations.problems import loads
>>> from derivations.problems.vary import default_vary
>>> [p] = loads('[[problem]]\nid = "s"\nkind = "softmax"\nlogits = [2, 1, 0.1]\ntrue_class = 1\n')
>>> spec = randomize("softmax", p.spec, default_vary("softmax"), random.Random(3))
>>> len(spec.logits), len(set(spec.logits)) == len(spec.logits), all((10 * v).is_Integer for v in spec.logits)
(3, True, True)
"""

from __future__ import annotations

import math
from fractions import Fraction

from sympy import Rational, S

__all__ = ["randomize", "poor", "unit_classes"]

SATURATION = {"sigmoid": 3.0, "tanh": 2.0}
UNIT_TRIES = 300


def _sym(q: Fraction) -> Rational:
    return Rational(q.numerator, q.denominator)


def _f(v) -> float:
    return float(v)


# ------------------------------------------------------------------------------------ float forward pass
def _act(name: str, z: float, p) -> float:
    p = float(p) if p is not None else None
    if name == "sigmoid":
        return 1 / (1 + math.exp(-z)) if z > -700 else 0.0
    if name == "tanh":
        return math.tanh(z)
    if name == "relu":
        return max(z, 0.0)
    if name in ("leaky_relu", "leaky-relu"):
        return z if z >= 0 else (p if p is not None else 0.01) * z
    if name == "elu":
        return z if z >= 0 else (p if p is not None else 1.0) * math.expm1(z)
    if name == "softplus":
        return math.log1p(math.exp(-abs(z))) + max(z, 0.0)
    if name in ("swish", "silu"):
        b = p if p is not None else 1.0
        return z / (1 + math.exp(-b * z)) if -b * z < 700 else 0.0
    if name == "gelu":
        return z * (1 + math.erf(z / math.sqrt(2))) / 2
    if name in ("binary_step", "step"):
        return 1.0 if z >= 0 else 0.0
    return z


def _forward(spec):
    a = [_f(v) for v in spec.input]
    zs = []
    for layer in spec.layers:
        z = [sum(_f(w) * x for w, x in zip(row, a)) + _f(b) for row, b in zip(layer.weights, layer.bias)]
        zs.append(z)
        if layer.activation == "softmax":
            m = max(z)
            e = [math.exp(v - m) for v in z]
            a = [v / sum(e) for v in e]
        else:
            a = [_act(layer.activation, v, layer.parameter) for v in z]
    return zs, a


def _unit_class(activation: str, z: float):
    if activation in ("relu", "leaky_relu", "leaky-relu", "elu", "binary_step", "step"):
        return "active" if z > 0 else "inactive"
    if activation in SATURATION:
        return "saturated" if abs(z) >= SATURATION[activation] else "responsive"
    return None


def unit_classes(spec) -> list[list]:
    """The teaching-point class of every unit (active/inactive, saturated/responsive, or None)."""
    zs, _ = _forward(spec)
    return [[_unit_class(layer.activation, z) for z in zl] for layer, zl in zip(spec.layers, zs)]


# --------------------------------------------------------------------------------------------- network
def _network(spec, vary, rng):
    from .network import Layer, NetworkSpec

    x = list(spec.input)
    if vary.varies("input"):
        r = vary.range_for("input", spec.input)
        x = [_sym(r.sample(rng)) for _ in spec.input]
    classes = unit_classes(spec)
    all_w = [w for layer in spec.layers for row in layer.weights for w in row]
    all_b = [b for layer in spec.layers for b in layer.bias]
    rw = vary.range_for("weights", all_w) if vary.varies("weights") else None
    rb = vary.range_for("bias", all_b) if vary.varies("bias") else None
    layers = []
    a = [_f(v) for v in x]
    for li, layer in enumerate(spec.layers):
        rows, biases = [], []
        for j, (row, b) in enumerate(zip(layer.weights, layer.bias)):
            want = classes[li][j]
            best = None
            for _ in range(UNIT_TRIES if (rw or rb) else 1):
                new_row = [_sym(rw.sample(rng)) for _ in row] if rw else list(row)
                new_b = _sym(rb.sample(rng)) if rb else b
                z = sum(_f(w) * v for w, v in zip(new_row, a)) + _f(new_b)
                best = (new_row, new_b)
                if want is None or _unit_class(layer.activation, z) == want:
                    if not (want is not None and abs(z) < 1e-9):
                        break
            rows.append(best[0])
            biases.append(best[1])
        new = Layer(rows, biases, layer.activation, layer.parameter)
        layers.append(new)
        z = [sum(_f(w) * v for w, v in zip(r, a)) + _f(bb) for r, bb in zip(rows, biases)]
        if layer.activation == "softmax":
            m = max(z)
            e = [math.exp(v - m) for v in z]
            a = [v / sum(e) for v in e]
        else:
            a = [_act(layer.activation, v, layer.parameter) for v in z]
    n = spec.layers[-1].size
    target, true_class = list(spec.target), spec.true_class
    if vary.varies("target"):
        if spec.loss == "cross-entropy" and all(t in (0, 1) for t in spec.target) and sum(spec.target) == 1:
            c = rng.randrange(1, n + 1)
            target = [S.One if i == c else S.Zero for i in range(1, n + 1)]
            true_class = c if spec.true_class is not None else None
        elif spec.loss == "binary-cross-entropy" and all(t in (0, 1) for t in spec.target):
            target = [S(rng.randrange(2)) for _ in range(n)]
        else:
            r = vary.range_for("target", spec.target)
            target = [_sym(r.sample(rng)) for _ in range(n)]
    return NetworkSpec(x, target, spec.loss, spec.learning_rate, layers, true_class, spec.layout)


def _poor_network(source, variant):
    spec = variant.problem.spec
    if unit_classes(spec) != unit_classes(source.problem.spec):
        return "a unit lost the source's teaching point (active/inactive or saturated)"
    rounding = variant.problem.digits
    for layer, values in zip(spec.layers, variant.answers["activations"]):
        bounds = {"sigmoid": (0, 1), "softmax": (0, 1), "tanh": (-1, 1)}.get(layer.activation)
        if bounds:
            for a in values:
                if a.printed(rounding).value in bounds:
                    return "an output rounds to a bound"
    for zl, layer in zip(variant.answers["pre_activations"], spec.layers):
        if layer.activation in ("relu", "leaky_relu", "leaky-relu", "elu", "binary_step", "step") and \
                any(z.rational() == 0 for z in zl):
            return "a pre-activation is exactly 0, a kink"
    if spec.layers[-1].activation == "softmax":
        out = [a.printed(rounding).value for a in variant.answers["output"]]
        if out.count(max(out)) > 1:
            return "two outputs tie for the largest"
    return None


# --------------------------------------------------------------------------------------------- others
def _softmax(spec, vary, rng):
    from .softmax_problem import SoftmaxSpec

    z = list(spec.logits)
    if vary.varies("logits"):
        r = vary.range_for("logits", spec.logits, nonzero=False)
        grid = r.grid()
        if len(grid) >= len(z):
            z = [_sym(v) for v in rng.sample(grid, len(z))]   # distinct: no ties
        else:
            z = [_sym(r.sample(rng)) for _ in z]
    if vary.varies("target") and spec.true_class is not None:
        c = rng.randrange(1, len(z) + 1)
        return SoftmaxSpec(z, [S.One if i == c else S.Zero for i in range(1, len(z) + 1)], c)
    return SoftmaxSpec(z, list(spec.target), spec.true_class)


def _poor_softmax(source, variant):
    z = variant.problem.spec.logits
    if len(set(z)) < len(z):
        return "two logits tie"
    for p in variant.answers["probabilities"]:
        if p.printed(variant.problem.digits).value in (0, 1):
            return "a probability rounds to 0 or 1"
    return None


def _dead_relu(spec, vary, rng):
    from .dead_relu import DeadReluSpec

    x, w, b = spec.inputs, spec.weights, spec.bias
    dead = _dead_units(spec)
    if vary.varies("inputs"):
        r = vary.range_for("inputs", [v for row in x for v in row])
        x = [[_sym(r.sample(rng)) for _ in row] for row in x]
    rw = vary.range_for("weights", [v for row in w for v in row]) if vary.varies("weights") else None
    rb = vary.range_for("bias", b) if vary.varies("bias") else None
    rows, biases = [], []
    for j, (row, bj) in enumerate(zip(w, b)):
        for _ in range(UNIT_TRIES if (rw or rb) else 1):
            new_row = [_sym(rw.sample(rng)) for _ in row] if rw else list(row)
            new_b = _sym(rb.sample(rng)) if rb else bj
            zs = [sum(_f(wk) * _f(xk) for wk, xk in zip(new_row, xi)) + _f(new_b) for xi in x]
            if (all(z < 0 for z in zs) if j in dead else (any(z > 0 for z in zs) and all(z != 0 for z in zs))):
                break
        rows.append(new_row)
        biases.append(new_b)
    return DeadReluSpec(x, rows, biases)


def _dead_units(spec) -> set:
    return {j for j, (row, b) in enumerate(zip(spec.weights, spec.bias))
            if all(sum(_f(w) * _f(x) for w, x in zip(row, xi)) + _f(b) <= 0 for xi in spec.inputs)}


def _poor_dead_relu(source, variant):
    if variant.answers["dead_units"] != source.answers["dead_units"]:
        return "the dead units differ from the source's"
    if any(z.rational() == 0 for row in variant.answers["pre_activations"] for z in row):
        return "a pre-activation is exactly 0, a kink"
    return None


def _vanishing(spec, vary, rng):
    from .vanishing import VanishingSpec

    z, w = list(spec.pre_activations), spec.weights
    if vary.varies("pre_activations"):
        r = vary.range_for("pre_activations", spec.pre_activations)
        z = [_sym(r.sample(rng)) for _ in z]
    if w and vary.varies("weights"):
        r = vary.range_for("weights", w, nonzero=True)
        w = [_sym(r.sample(rng)) for _ in w]
    return VanishingSpec(spec.activation, z, w, spec.parameter)


def _poor_vanishing(source, variant):
    spec = variant.problem.spec
    if spec.activation in ("relu", "leaky_relu", "leaky-relu", "elu", "binary_step", "step") and \
            any(z == 0 for z in spec.pre_activations):
        return "a pre-activation is exactly 0, a kink"
    if variant.answers["product"].rational() == 0:
        return "the product is exactly 0"
    return None


def _sizes(spec, vary, rng):
    choices = vary.choices("sizes")
    if not vary.varies("sizes"):
        return list(spec.sizes)
    if choices is None:
        options = sorted({s for s in spec.sizes[1:-1]} | {2 * s for s in spec.sizes[1:-1]} |
                         {max(1, s // 2) for s in spec.sizes[1:-1]})
        return [spec.sizes[0]] + [rng.choice(options) for _ in spec.sizes[1:-1]] + [spec.sizes[-1]]
    return [spec.sizes[0]] + [choices.sample(rng) for _ in spec.sizes[1:-1]] + [spec.sizes[-1]]


def _parameters(spec, vary, rng):
    from .parameters import ParametersSpec
    return ParametersSpec(_sizes(spec, vary, rng))


def _shapes(spec, vary, rng):
    from .shapes import ShapesSpec
    m = spec.examples
    if vary.varies("examples"):
        given = vary.choices("examples")
        options = given.values if given is not None else sorted({max(1, m // 2), m, 2 * m, max(1, 3 * m // 2)})
        m = rng.choice(list(options))
    return ShapesSpec(_sizes(spec, vary, rng), m)


_RANDOMIZE = {"network": _network, "softmax": _softmax, "dead-relu": _dead_relu, "vanishing-gradient": _vanishing,
              "parameters": _parameters, "shapes": _shapes}
_POOR = {"network": _poor_network, "softmax": _poor_softmax, "dead-relu": _poor_dead_relu,
         "vanishing-gradient": _poor_vanishing}


def randomize(kind: str, spec, vary, rng):
    """New data for ``spec`` on the grids ``vary`` allows (the same structure)."""
    return _RANDOMIZE[kind](spec, vary, rng)


def poor(kind: str, source, variant) -> str | None:
    """Why the solved ``variant`` is not the source's exercise with other numbers (None: it is)."""
    check = _POOR.get(kind)
    return check(source, variant) if check else None


def retitle(title: str, old_sizes, new_sizes) -> str:
    """A title that names the sizes, with the new sizes (784-128-64-10 becomes 784-256-64-10)."""
    for sep in ("-", "→", " → ", r" \to ", "x", "×", ", "):
        old = sep.join(map(str, old_sizes))
        if old in title:
            return title.replace(old, sep.join(map(str, new_sizes)))
    return title

