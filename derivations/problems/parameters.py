"""Kind ``parameters``: weights and biases per layer and in total for given layer sizes.

Layer l (from n_{l-1} to n_l units) has n_{l-1}·n_l weights and n_l biases.

>>> from derivations.problems import loads, solve
>>> [p] = loads('[[problem]]\\nid = "c"\\nkind = "parameters"\\nsizes = [6, 32, 32, 32, 4]\\n')
>>> a = solve(p).answers
>>> [layer["total"] for layer in a["per_layer"]], a["total"]
([224, 1056, 1056, 132], 2468)
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Integer

from ..derivation import Derivation
from .solution import Solution, chain, plus, times

KIND = "parameters"
FIELDS = ("sizes",)


@dataclass
class ParametersSpec:
    sizes: list[int]


def parse(f) -> ParametersSpec:
    return ParametersSpec(f.integers("sizes", minimum=1, min_length=2))


def solve(problem) -> Solution:
    sizes = problem.spec.sizes
    parts, per_layer = [], []
    for l in range(1, len(sizes)):
        n0, n1 = sizes[l - 1], sizes[l]
        weights, total = n0 * n1, n0 * n1 + n1
        parts.append(chain(f"layer.{l}", f"layer {l}",
                           f"layer {l} ({n0} -> {n1}): W^[{l}] is {n1} x {n0}, b^[{l}] has {n1} entries",
                           plus(times(n0, n1), n1), (Integer(total), f"{weights} weights + {n1} biases")))
        per_layer.append({"weights": weights, "biases": n1, "total": total})
    grand = sum(p["total"] for p in per_layer)
    parts.append(chain("total", "total", "all layers together",
                       plus(*[Integer(p["total"]) for p in per_layer]), (Integer(grand), "add the layers")))
    shape = " -> ".join(map(str, sizes))
    derivation = Derivation(id=problem.id, title=problem.title or f"Parameters of a {shape} network",
                            start=Integer(grand), parts=parts, digits=problem.digits,
                            statement=problem.statement or f"How many weights and biases has a fully connected "
                                                           f"{shape} network?",
                            notes="Layer l maps n_{l-1} inputs to n_l units: n_{l-1}·n_l weights and n_l biases.")
    answers = {"per_layer": per_layer, "total": grand,
               "total_weights": sum(p["weights"] for p in per_layer),
               "total_biases": sum(p["biases"] for p in per_layer)}
    return Solution(problem, derivation, answers, {})


def degenerate(solution) -> str | None:
    return None


def randomize(spec: ParametersSpec, rng) -> ParametersSpec:
    hidden = [4, 8, 10, 12, 16, 20, 24, 32, 64]
    sizes = [rng.randint(2, 10)] + [rng.choice(hidden) for _ in spec.sizes[1:-1]] + [rng.randint(1, 10)]
    return ParametersSpec(sizes)


def fields_of(spec: ParametersSpec):
    return [("sizes", spec.sizes)]
