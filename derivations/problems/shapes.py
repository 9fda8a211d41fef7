"""Kind ``shapes``: shapes in vectorised forward propagation with m examples.

Z^[l] = W^[l] A^[l-1] + b^[l] with W^[l]: n_l x n_{l-1}, b^[l]: n_l x 1
(broadcast over the m columns), Z^[l] and A^[l]: n_l x m, and A^[0] = X: n_0 x m.

>>> from derivations.problems import loads, solve
>>> [p] = loads('[[problem]]\\nid = "s"\\nkind = "shapes"\\nsizes = [3, 4, 1]\\nexamples = 5\\n')
>>> solve(p).answers["layers"][0]
{'W': [4, 3], 'b': [4, 1], 'Z': [4, 5], 'A': [4, 5]}
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Integer

from ..derivation import Derivation
from .solution import Solution, chain, times

KIND = "shapes"
FIELDS = ("sizes", "examples")


@dataclass
class ShapesSpec:
    sizes: list[int]
    examples: int


def parse(f) -> ShapesSpec:
    return ShapesSpec(f.integers("sizes", minimum=1, min_length=2), f.integer("examples", minimum=1))


def solve(problem) -> Solution:
    sizes, m = problem.spec.sizes, problem.spec.examples
    parts, layers = [], []
    parts.append(chain("input", "X", f"A^[0] = X stacks the {m} examples as columns: X is {sizes[0]} x {m}",
                       times(sizes[0], m), (Integer(sizes[0] * m), f"X holds {sizes[0]}·{m} numbers")))
    for l in range(1, len(sizes)):
        n0, n1 = sizes[l - 1], sizes[l]
        layers.append({"W": [n1, n0], "b": [n1, 1], "Z": [n1, m], "A": [n1, m]})
        parts.append(chain(f"layer.{l}.W", f"W^[{l}]",
                           f"W^[{l}] is n_{l} x n_{l - 1} = {n1} x {n0} (one row per unit, one column per input)",
                           times(n1, n0), (Integer(n1 * n0), f"W^[{l}] holds {n1}·{n0} weights")))
        parts.append(chain(f"layer.{l}.Z", f"Z^[{l}]",
                           f"Z^[{l}] = W^[{l}] A^[{l - 1}] + b^[{l}]: ({n1} x {n0})({n0} x {m}) is {n1} x {m}; "
                           f"b^[{l}] ({n1} x 1) is added to each of the {m} columns (broadcasting); "
                           f"A^[{l}] = g(Z^[{l}]) elementwise is {n1} x {m} too",
                           times(n1, m), (Integer(n1 * m), f"Z^[{l}] and A^[{l}] hold {n1}·{m} numbers each")))
    derivation = Derivation(
        id=problem.id, title=problem.title or "Shapes in vectorised forward propagation",
        start=Integer(len(layers)), parts=parts, digits=problem.digits,
        statement=problem.statement or (f"Layer sizes {' -> '.join(map(str, sizes))}, m = {m} examples "
                                        f"as the columns of X: give the shapes of W, b, Z and A of every layer."),
        notes="Shapes are rows x columns; examples are columns (X is n_0 x m).")
    return Solution(problem, derivation, {"X": [sizes[0], m], "layers": layers}, {})


def degenerate(solution) -> str | None:
    return None


def randomize(spec: ShapesSpec, rng) -> ShapesSpec:
    return ShapesSpec([rng.randint(1, 10) for _ in spec.sizes], rng.choice([8, 16, 32, 64, 100, 128, 256]))


def fields_of(spec: ShapesSpec):
    return [("sizes", spec.sizes), ("examples", spec.examples)]
