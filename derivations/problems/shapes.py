r"""Kind ``shapes``: shapes in vectorised forward propagation with m examples.

``Z^{[l]} = W^{[l]}A^{[l-1]} + b^{[l]}`` with ``W^{[l]} \in \mathbb{R}^{n_l \times n_{l-1}}``,
``b^{[l]} \in \mathbb{R}^{n_l \times 1}`` (added to each of the m columns), ``Z^{[l]}`` and
``A^{[l]}`` in ``\mathbb{R}^{n_l \times m}``, and ``A^{[0]} = X \in \mathbb{R}^{n_0 \times m}``.

>>> from derivations.problems import loads, solve
>>> [p] = loads('[[problem]]\nid = "s"\nkind = "shapes"\nsizes = [3, 4, 1]\nexamples = 5\n')
>>> solve(p).answers["layers"][0]
{'W': [4, 3], 'b': [4, 1], 'Z': [4, 5], 'A': [4, 5]}
"""

from __future__ import annotations

from dataclasses import dataclass

from .solution import Solution
from .worked import WorkedDerivation, section

KIND = "shapes"
FIELDS = ("sizes", "examples")


@dataclass
class ShapesSpec:
    sizes: list[int]
    examples: int


def parse(f) -> ShapesSpec:
    return ShapesSpec(f.integers("sizes", minimum=1, min_length=2), f.integer("examples", minimum=1))


def _space(rows, cols) -> str:
    return rf"\mathbb{{R}}^{{{rows} \times {cols}}}"


def solve(problem) -> Solution:
    sizes, m = problem.spec.sizes, problem.spec.examples
    pid = problem.id
    parts = [section(f"{pid}.input", "Input", [], statement=(
        f"$A^{{[0]}}$ is $X \\in {_space(sizes[0], m)}$: each of the {m} examples is a column of "
        f"$n_0 = {sizes[0]}$ inputs."))]
    layers = []
    for l in range(1, len(sizes)):
        n0, n1 = sizes[l - 1], sizes[l]
        layers.append({"W": [n1, n0], "b": [n1, 1], "Z": [n1, m], "A": [n1, m]})
        parts.append(section(f"{pid}.layer{l}", f"Layer {l}", [], statement=(
            f"$W^{{[{l}]}} \\in {_space(n1, n0)}$ (one row per unit, one column per input) and "
            f"$b^{{[{l}]}} \\in {_space(n1, 1)}$. "
            f"$Z^{{[{l}]}} = W^{{[{l}]}}A^{{[{l - 1}]}} + b^{{[{l}]}}$: a $({n1} \\times {n0})({n0} \\times {m})$ "
            f"product is ${n1} \\times {m}$, and $b^{{[{l}]}}$ is added to each of its {m} columns "
            f"(broadcasting), so $Z^{{[{l}]}} \\in {_space(n1, m)}$; $A^{{[{l}]}} = g(Z^{{[{l}]}})$ "
            f"elementwise is in ${_space(n1, m)}$ too.")))
    arrow = r" \to "
    derivation = WorkedDerivation(
        id=pid, title=problem.title or "Shapes in vectorised forward propagation", start=None, parts=parts,
        rounding=problem.digits,
        statement=problem.statement or (f"Layer sizes ${arrow.join(map(str, sizes))}$ and $m = {m}$ examples as "
                                        "the columns of $X$: give the shapes of $W^{[l]}$, $b^{[l]}$, $Z^{[l]}$ and "
                                        "$A^{[l]}$ of every layer."),
        notes="Shapes are rows $\\times$ columns; the examples are the columns.")
    answers = {"X": [sizes[0], m], "layers": layers}
    from .answers import printed_tree
    return Solution(problem, derivation, answers, printed_tree(answers, problem.digits))


def fields_of(spec: ShapesSpec):
    return [("sizes", spec.sizes), ("examples", spec.examples)]
