r"""Kind ``parameters``: weights and biases per layer and in total for given layer sizes.

Layer l (from n_{l-1} to n_l units) has n_{l-1}·n_l weights and n_l biases:
``P^{[1]} = n_0 n_1 + n_1 = 6 \cdot 32 + 32 = 224``, and the total is their sum.

>>> from derivations.problems import loads, solve
>>> [p] = loads('[[problem]]\nid = "c"\nkind = "parameters"\nsizes = [6, 32, 32, 32, 4]\n')
>>> a = solve(p).answers
>>> [layer["total"] for layer in a["per_layer"]], a["total"]
([224, 1056, 1056, 132], 2468)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from . import notation as N
from .exact import Real
from .solution import Solution
from .worked import Chain, WorkedDerivation
from .written import Name, Product, Sum

KIND = "parameters"
FIELDS = ("sizes",)


@dataclass
class ParametersSpec:
    sizes: list[int]


def parse(f) -> ParametersSpec:
    return ParametersSpec(f.integers("sizes", minimum=1, min_length=2))


def shape_text(sizes) -> str:
    return r" \to ".join(map(str, sizes))


def solve(problem) -> Solution:
    sizes = problem.spec.sizes
    rounding = problem.digits
    pid = problem.id
    n = [Name(f"n_{N.indices(i)}", "n" + N.sub_text(str(i)), Real.of(Fraction(s), given=True))
         for i, s in enumerate(sizes)]
    parts, per_layer, totals = [], [], []
    for l in range(1, len(sizes)):
        weights, biases = sizes[l - 1] * sizes[l], sizes[l]
        formula = Sum.of(Product.of(n[l - 1], n[l]), n[l])
        real = Real(formula)
        totals.append(Name(f"P^{{[{l}]}}", f"P⁽{N.sup_text(str(l))}⁾", real))
        chain = Chain(totals[-1], rounding).define(
            formula, rf"$W^{{[{l}]}}$ is $n_{{{l}}} \times n_{{{l - 1}}}$, $b^{{[{l}]}}$ has $n_{{{l}}}$ entries")
        parts.append(chain.substitute().value(real).build(
            f"{pid}.layer{l}", f"Layer {l} (${sizes[l - 1]} \\to {sizes[l]}$)"))
        per_layer.append({"weights": weights, "biases": biases, "total": weights + biases})
    formula = Sum.of(*totals)
    total = Real(formula)
    chain = Chain(Name("P", "P", total), rounding).define(formula, "all layers together")
    parts.append(chain.substitute().value(total).build(f"{pid}.total", "Total"))
    grand = sum(p["total"] for p in per_layer)
    derivation = WorkedDerivation(
        id=pid, title=problem.title or f"Parameters of a ${shape_text(sizes)}$ network", start=None,
        parts=parts, rounding=rounding,
        statement=(problem.statement or f"How many weights and biases has a fully connected ${shape_text(sizes)}$ "
                                        "network?") + " The layer sizes are "
                  + ", ".join(f"${name.latex()} = {s}$" for name, s in zip(n, sizes)) + ".",
        notes=r"Layer $l$ maps $n_{l-1}$ inputs to $n_l$ units: $W^{[l]}$ has $n_l n_{l-1}$ weights and "
              r"$b^{[l]}$ has $n_l$ biases.")
    answers = {"per_layer": per_layer, "total": grand,
               "total_weights": sum(p["weights"] for p in per_layer),
               "total_biases": sum(p["biases"] for p in per_layer)}
    from .answers import printed_tree
    return Solution(problem, derivation, answers, printed_tree(answers, rounding))


def fields_of(spec: ParametersSpec):
    return [("sizes", spec.sizes)]
