"""Kind ``dead-relu``: which ReLU units never activate on a data set, and why they never learn.

A unit is dead when its pre-activation z = w·x + b is <= 0 for every example:
then ReLU'(z) = 0 (0 at z = 0 by the default convention), so every gradient
dL/dw_jk = dL/da_j · ReLU'(z_j) · x_k is 0 whatever dL/da_j is.  Units and
examples are numbered from 0 in the answers (``dead_units``).

>>> from derivations.problems import loads, solve
>>> [p] = loads('''
... [[problem]]
... id = "dead"
... kind = "dead-relu"
... inputs = [[1, 2], [2, 1]]
... weights = [[1, 1], [-1, -0.5]]
... bias = [0, 0.5]
... ''')
>>> solve(p).answers["dead_units"]
[1]
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Add, Rational, S, Symbol

from ..conventions import value_at_kink
from ..derivation import Derivation
from ..functions import binary_step
from .rounding import plain
from .solution import Solution, chain, plus, times

KIND = "dead-relu"
FIELDS = ("inputs", "weights", "bias")


@dataclass
class DeadReluSpec:
    inputs: list[list[Rational]]
    weights: list[list[Rational]]
    bias: list[Rational]


def parse(f) -> DeadReluSpec:
    x = f.matrix("inputs", what="one row per example")
    w = f.matrix("weights", cols=len(x[0]), what=f"one row per unit, {len(x[0])} columns (one per input)")
    b = f.vector("bias", length=len(w), what="one per unit")
    return DeadReluSpec(x, w, b)


def solve(problem) -> Solution:
    spec: DeadReluSpec = problem.spec
    d = problem.digits
    parts, pre, dead = [], [], []
    slope_at_zero = value_at_kink(S.Zero, S.One)
    for j, (row, b) in enumerate(zip(spec.weights, spec.bias)):
        zs = []
        for i, x in enumerate(spec.inputs):
            value = Add(*[w * xi for w, xi in zip(row, x)]) + b
            parts.append(chain(f"forward.z{j}_{i}", f"z_{j}({i})", f"z_{j} for example {i}: w_{j}·x({i}) + b_{j}",
                               plus(*[times(w, xi) for w, xi in zip(row, x)], b),
                               (value, "multiply and add (exact arithmetic)"), digits=d))
            zs.append(value)
        pre.append(zs)
        if all(binary_step(z, slope_at_zero) == 0 for z in zs):
            dead.append(j)
    for j in dead:
        g = Symbol(f"dL/da_{j}")
        for i, (x, z) in enumerate(zip(spec.inputs, pre[j])):
            for k, xk in enumerate(x):
                parts.append(chain(
                    f"dead.w{j}_{k}_{i}", f"dL/dw_{j}{k}({i})",
                    f"dL/dw_{j}{k} for example {i} = dL/da_{j} · ReLU'(z_{j}) · x_{k} (chain rule)",
                    times(g, binary_step(z, slope_at_zero, evaluate=False), xk),
                    (S.Zero, f"z_{j} = {plain(z)} <= 0, so ReLU'(z_{j}) = 0 and the product is 0 "
                             f"whatever dL/da_{j} is"), digits=d))
    units = len(spec.weights)
    derivation = Derivation(
        id=problem.id, title=problem.title or "Dead ReLU units", start=S(len(dead)), digits=d, parts=parts,
        statement=problem.statement or (f"A ReLU layer of {units} units sees {len(spec.inputs)} examples. "
                                        f"Which units never activate, and what are their weight gradients?"),
        notes="Units and examples are numbered from 0. ReLU'(0) = 0 (the left derivative, as in PyTorch), "
              "so a unit whose pre-activation is exactly 0 counts as inactive. A dead unit gets zero gradient "
              "from every example, so gradient descent never changes its weights: it stays dead.")
    answers = {"pre_activations": pre, "dead_units": dead,
               "alive_units": [j for j in range(units) if j not in dead],
               "zero_gradient": [j in dead for j in range(units)]}
    return Solution(problem, derivation, answers, {})


def degenerate(solution) -> str | None:
    ans = solution.answers
    if not ans["dead_units"] or not ans["alive_units"]:
        return "every unit is dead or every unit is alive"
    if any(z == 0 for row in ans["pre_activations"] for z in row):
        return "a pre-activation is exactly 0"
    return None


def randomize(spec: DeadReluSpec, rng) -> DeadReluSpec:
    def half(lo, hi):
        return Rational(rng.randint(2 * lo, 2 * hi), 2)
    x = [[half(0, 3) for _ in row] for row in spec.inputs]
    w = [[half(-2, 2) for _ in row] for row in spec.weights]
    return DeadReluSpec(x, w, [half(-2, 2) for _ in spec.bias])


def fields_of(spec: DeadReluSpec):
    return [("inputs", spec.inputs), ("weights", spec.weights), ("bias", spec.bias)]
