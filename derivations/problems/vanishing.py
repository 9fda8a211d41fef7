"""Kind ``vanishing-gradient``: the product of activation derivatives through n layers.

Backpropagating through n layers multiplies n factors g'(z_i) (times the
weights, when given).  For the sigmoid each factor is at most 1/4, so the
product is at most 4^-n; for tanh at most 1.

>>> from derivations.problems import loads, solve
>>> [p] = loads('[[problem]]\\nid = "v"\\nkind = "vanishing-gradient"\\nactivation = "sigmoid"\\n'
...             'pre_activations = [0, 0, 0]\\n')
>>> a = solve(p).answers
>>> a["product"], a["bound"]
(1/64, 1/64)
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Abs, Mul, Rational, S, exp

from ..derivation import Derivation, Step
from .activations import ACTIVATION_NAMES, PARAMETERS, Activation, UndecidableSign
from .rounding import plain
from .solution import Solution, chain, times

KIND = "vanishing-gradient"
FIELDS = ("activation", "pre_activations", "weights", "alpha", "beta")
#: the largest value of g'(z) over all z, where there is one
DERIVATIVE_BOUND = {"sigmoid": Rational(1, 4), "tanh": S.One, "relu": S.One, "softplus": S.One, "linear": S.One}


@dataclass
class VanishingSpec:
    activation: str
    pre_activations: list[Rational]
    weights: list[Rational] | None = None
    parameter: Rational | None = None


def parse(f) -> VanishingSpec:
    name = f.text("activation", choices=ACTIVATION_NAMES)
    z = f.vector("pre_activations")
    w = f.vector("weights", length=len(z), default=None, what="one per layer")
    parameter = None
    if name in PARAMETERS:
        parameter = f.number(PARAMETERS[name][0], None)
    for other in ("alpha", "beta"):
        if f.has(other) and (name not in PARAMETERS or PARAMETERS[name][0] != other):
            raise f.error(other, f"the activation {name!r} takes no parameter {other!r}")
    return VanishingSpec(name, z, w, parameter)


def _bound(act: Activation):
    if act.canonical == "leaky_relu":
        return max(S.One, abs(act.param))
    return DERIVATIVE_BOUND.get(act.canonical)


def solve(problem) -> Solution:
    spec: VanishingSpec = problem.spec
    d = problem.digits
    act = Activation(spec.activation, spec.parameter)
    parts, labels, factors = [], {}, []
    for i, z in enumerate(spec.pre_activations, 1):
        try:
            fp = act.derivative(z)
        except UndecidableSign as exc:
            from .errors import ProblemError
            raise ProblemError(str(exc), problem=problem.id, field="pre_activations", line=problem.line) from None
        steps = []
        if act.canonical == "sigmoid":
            steps.append((exp(-z) / (1 + exp(-z)) ** 2, "in terms of e^(-z): sigma(1 - sigma) = e^(-z)/(1 + e^(-z))^2"))
        parts.append(chain(f"derivative.{i}", f"g'(z_{i})", f"{act.derivative_rule()}, at z_{i} = {plain(z)}",
                           fp, *steps, digits=d))
        labels.setdefault(fp, f"g'(z_{i})")
        factors.append(fp)
    n = len(factors)
    weights = spec.weights or []
    written = times(*(list(weights) + factors)) if n + len(weights) > 1 else factors[0]
    product = Mul(*(list(weights) + factors))
    what = "the weights and the derivatives" if weights else "the derivatives"
    product_part = chain("product", "product",
                         f"d a_{n} / d z_1 through {n} layers = product of {what} (chain rule)",
                         written, (product, "multiply (exact)"), digits=d)
    b = _bound(act)
    bound = None
    if b is not None:
        bound = b ** n * Mul(*[Abs(w) for w in weights])
        if weights:
            product_part.steps.append(Step(Abs(product), "take the absolute value", "<="))
        product_part.steps.append(Step(bound, f"each factor {act.canonical}'(z) <= {plain(b)}"
                                       + (", times |w_i|" if weights else ""), "<="))
    parts.append(product_part)
    derivation = Derivation(
        id=problem.id, title=problem.title or f"Vanishing gradient through {n} {spec.activation} layers",
        start=product, digits=d, parts=parts,
        statement=problem.statement or (f"Pre-activations z = ({', '.join(plain(v) for v in spec.pre_activations)})"
                                        + (f", weights ({', '.join(plain(v) for v in weights)})" if weights else "")
                                        + f": how much of the gradient survives {n} {spec.activation} layers?"),
        notes=f"Exact values; printed to {d} decimal places (tiny values in scientific notation)."
              + (f" The bound is {plain(b)}^n = {plain(b)}^{n}." if b is not None else ""))
    answers = {"derivatives": factors, "product": product, "bound": bound}
    return Solution(problem, derivation, answers, labels)


def degenerate(solution) -> str | None:
    if any(z == 0 for z in solution.problem.spec.pre_activations) and \
            Activation(solution.problem.spec.activation).canonical in ("relu", "leaky_relu", "binary_step"):
        return "a pre-activation is exactly 0, a kink"
    if solution.answers["product"] == 0:
        return "the product is exactly 0"
    return None


def randomize(spec: VanishingSpec, rng) -> VanishingSpec:
    z = [Rational(rng.randint(-6, 6), 2) for _ in spec.pre_activations]
    w = [Rational(rng.choice([k for k in range(-6, 7) if k]), 2) for _ in spec.weights] if spec.weights else None
    return VanishingSpec(spec.activation, z, w, spec.parameter)


def fields_of(spec: VanishingSpec):
    out = [("activation", spec.activation), ("pre_activations", spec.pre_activations)]
    if spec.weights:
        out.append(("weights", spec.weights))
    if spec.parameter is not None:
        out.append((PARAMETERS[spec.activation][0], spec.parameter))
    return out
