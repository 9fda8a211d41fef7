r"""Kind ``vanishing-gradient``: the product of activation derivatives through n layers.

Backpropagating through n layers multiplies n factors ``g'(z_i)`` (times the
weights, when given).  For the sigmoid each factor is at most 1/4, so the
product is at most ``(1/4)^n``; for tanh at most 1:
``\sigma'(z_1)\cdots\sigma'(z_5) \approx 0.2350 \cdot \ldots \approx 1.809 \times 10^{-4} \le (\frac{1}{4})^{5}``.

>>> from derivations.problems import loads, solve
>>> [p] = loads('[[problem]]\nid = "v"\nkind = "vanishing-gradient"\nactivation = "sigmoid"\n'
...             'pre_activations = [0, 0, 0]\n')
>>> a = solve(p).answers
>>> a["product"], a["bound"]
(1/64, 1/64)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from sympy import Rational

from . import notation as N
from .activations import ACTIVATION_NAMES, PARAMETERS
from .backprop import DERIVATIVE_RULES, canonical, derivative_formula
from .exact import Real
from .solution import Solution, rounding_note
from .worked import Chain, WorkedDerivation, section
from .written import Abs, Call, Frac, Name, Num, Power, Product, substitute

KIND = "vanishing-gradient"
FIELDS = ("activation", "pre_activations", "weights", "alpha", "beta")
#: the largest value of |g'(z)| over all z, where there is a simple one
DERIVATIVE_BOUND = {"sigmoid": Fraction(1, 4), "tanh": Fraction(1), "relu": Fraction(1), "softplus": Fraction(1),
                    "linear": Fraction(1), "binary_step": Fraction(0)}
_HEAD = {"sigmoid": (r"\sigma'", "σ′"), "tanh": (r"\tanh'", "tanh′"), "relu": (r"\operatorname{ReLU}'", "ReLU′"),
         "leaky_relu": (r"\operatorname{LeakyReLU}'", "LeakyReLU′"), "elu": (r"\operatorname{ELU}'", "ELU′"),
         "softplus": (r"\operatorname{softplus}'", "softplus′"), "swish": (r"\operatorname{swish}'", "swish′"),
         "gelu": (r"\operatorname{GELU}'", "GELU′"), "binary_step": (r"\operatorname{step}'", "step′"),
         "linear": ("g'", "g′")}


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
        parameter = f.number(PARAMETERS[name][0], None, positive=True)
    for other in ("alpha", "beta"):
        if f.has(other) and (name not in PARAMETERS or PARAMETERS[name][0] != other):
            raise f.error(other, f"the activation {name!r} takes no parameter {other!r}")
    return VanishingSpec(name, z, w, parameter)


def _parameter(spec) -> Fraction | None:
    if spec.activation not in PARAMETERS:
        return None
    value = spec.parameter if spec.parameter is not None else PARAMETERS[spec.activation][1]
    return Fraction(int(value.p), int(value.q))


def bound_of(act: str, param) -> Fraction | None:
    if act in ("leaky_relu", "elu"):
        return max(Fraction(1), param)
    return DERIVATIVE_BOUND.get(act)


def solve(problem) -> Solution:
    spec: VanishingSpec = problem.spec
    rounding = problem.digits
    pid = problem.id
    act = canonical(spec.activation)
    param = _parameter(spec)
    head_latex, head_text = _HEAD[act]
    n = len(spec.pre_activations)
    zs = [Name(f"z_{N.indices(i)}", "z" + N.sub_text(str(i)), Real.of(v, given=True))
          for i, v in enumerate(spec.pre_activations, 1)]
    factors, chains, names = [], [], []
    for i, z in enumerate(zs, 1):
        a = Call({"sigmoid": "sigma", "binary_step": "step"}.get(act, act), z, param) if act != "linear" else z
        formula = derivative_formula(act, z, a, param) or Num.integer(1)
        real = Real(formula)
        name = Name(f"{head_latex}(z_{N.indices(i)})", f"{head_text}(z{N.sub_text(str(i))})", real)
        why = DERIVATIVE_RULES[act].split(", so")[0] if i == 1 else ""
        if param is not None and i == 1:
            symbol = r"\beta" if act == "swish" else r"\alpha"
            why += f" (${symbol} = {Num.given(param).latex()}$)"
        chain = Chain(name, rounding).define(formula, why)
        chain.substitute()
        from .network_sheet import _values_of_calls
        keys = ("sigma", "tanh", "swish", "Phi", "relu_prime", "leaky_relu_prime", "elu_prime", "step_prime")
        chain.add(substitute(_values_of_calls(formula, keys, {}), chain.number), rule="evaluate")
        chain.value(real)
        chains.append(chain.build(f"{pid}.derivative.{i}", f"${name.latex()}$"))
        factors.append(real)
        names.append(name)
    weights = [Name(f"w_{N.indices(i)}", "w" + N.sub_text(str(i)), Real.of(v, given=True))
               for i, v in enumerate(spec.weights or [], 1)]
    terms = []
    for i in range(n):
        if weights:
            terms.append(weights[i])
        terms.append(names[i])
    written = Product.of(*terms)
    product = Real(written)
    chain = Chain(written, rounding).substitute().value(product)
    b = bound_of(act, param)
    bound = None
    if b is not None and not weights:
        bound_node = Power(Frac(Num.integer(b.numerator), Num.integer(b.denominator)) if b.denominator != 1
                           else Num.integer(b.numerator), n)
        bound = Real(bound_node)
        chain.add(bound_node, f"each factor is at most ${Num.given(b).latex()}$", rule="bound", relation="<=")
        chain.value(bound)
    parts = [section(f"{pid}.derivatives", "The derivatives", chains, rounding=rounding),
             section(f"{pid}.product", "Their product", [chain.build(f"{pid}.product.p", "Product")],
                     rounding=rounding,
                     statement=f"Backpropagating through the {n} layers multiplies the gradient by "
                               + ("the weights and " if weights else "") + "these derivatives (the chain rule).")]
    if b is not None and weights:
        absolute = Abs(written)
        bound_node = Product.of(*[Abs(w) for w in weights],
                                Power(Frac(Num.integer(b.numerator), Num.integer(b.denominator)), n)
                                if b.denominator != 1 else Power(Num.integer(b.numerator), n))
        bound = Real(bound_node)
        c = Chain(absolute, rounding).substitute().value(Real(absolute))
        c.add(substitute(bound_node, c.number), f"each factor $|g'(z_i)|$ is at most ${Num.given(b).latex()}$",
              rule="bound", relation="<=")
        c.value(bound)
        parts.append(section(f"{pid}.bound", "A bound", [c.build(f"{pid}.bound.b", "Bound")], rounding=rounding))
    values = ", ".join(f"${z.latex()} = {Num(z.real, rounding).latex()}$" for z in zs)
    given_w = ("; the weights " + ", ".join(f"${w.latex()} = {Num(w.real, rounding).latex()}$" for w in weights)
               if weights else "")
    statement = problem.statement or (f"The pre-activations are {values}{given_w}. How much of the gradient "
                                      f"survives {n} {spec.activation} layers?")
    notes = rounding_note(rounding)
    if b is not None:
        notes += f" The bound is ${Num.given(b).latex()}^n$: each factor $|g'(z)|$ is at most ${Num.given(b).latex()}$."
    derivation = WorkedDerivation(id=pid, title=problem.title or f"Vanishing gradient through {n} "
                                                                   f"{spec.activation} layers",
                                  start=None, parts=parts, statement=statement, notes=notes, rounding=rounding)
    answers = {"derivatives": factors, "product": product, "bound": bound}
    from .answers import printed_tree
    return Solution(problem, derivation, answers, printed_tree(answers, rounding))


def fields_of(spec: VanishingSpec):
    out = [("activation", spec.activation), ("pre_activations", spec.pre_activations)]
    if spec.weights:
        out.append(("weights", spec.weights))
    if spec.parameter is not None:
        out.append((PARAMETERS[spec.activation][0], spec.parameter))
    return out

