r"""Kind ``dead-relu``: which ReLU units never activate on a data set, and why they never learn.

Unit j is dead when its pre-activation ``z^{(i)}_j = w_{j1}x^{(i)}_1 + \dots + b_j`` is at most 0
for every example i: then ``\operatorname{ReLU}'(z^{(i)}_j) = 0`` (0 at z = 0 by the default
convention), so each gradient of its weights,
``\frac{\partial L}{\partial w_{jk}} = \sum_i \frac{\partial L}{\partial a^{(i)}_j}\operatorname{ReLU}'(z^{(i)}_j)x^{(i)}_k``,
is 0 whatever the upstream gradients ``g^{(i)}_j = \frac{\partial L}{\partial a^{(i)}_j}`` are.
Units and examples are numbered from 1.

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
[2]
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Rational

from . import notation as N
from .exact import Real
from .solution import Solution
from .worked import Chain, WorkedDerivation, section
from .written import Call, Name, Num, Product, Sum, substitute

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


def _example(base: str, i: int, *idx: int, real=None) -> Name:
    sub = f"_{N.indices(*idx)}" if idx else ""
    text = base + N.sup_text(f"({i})") + (N.sub_text("".join(map(str, idx))) or "" if idx else "")
    return Name(f"{base}^{{({i})}}{sub}", text, real)


def solve(problem) -> Solution:
    spec: DeadReluSpec = problem.spec
    rounding = problem.digits
    pid = problem.id
    X = [[Real.of(v, given=True) for v in row] for row in spec.inputs]
    W = [[Real.of(v, given=True) for v in row] for row in spec.weights]
    B = [Real.of(v, given=True) for v in spec.bias]
    n_in = len(X[0])
    xs = {(i, k): _example("x", i, k, real=X[i - 1][k - 1]) for i in range(1, len(X) + 1) for k in range(1, n_in + 1)}
    ws = {(j, k): Name(f"w_{N.indices(j, k)}", "w" + N.sub_text(f"{j}{k}" if j < 10 and k < 10 else f"{j},{k}"),
                       W[j - 1][k - 1]) for j in range(1, len(W) + 1) for k in range(1, n_in + 1)}
    bs = {j: Name(f"b_{N.indices(j)}", "b" + N.sub_text(str(j)), B[j - 1]) for j in range(1, len(W) + 1)}

    def number(r):
        return Num(r, rounding)

    given = []
    for key, latex, rows, why in (("X", "X", X, "one row per example"), ("W", "W", W, "one row per unit"),
                                  ("b", "b", [[r] for r in B], "one bias per unit")):
        name = Name(latex, latex, rows)
        given.append(Chain(name, rounding).add(substitute(name, number), why, rule="given")
                     .build(f"{pid}.given.{key}", f"${latex}$"))
    entries = [", ".join(f"${xs[i, k].latex()} = {number(xs[i, k].real).latex()}$" for k in range(1, n_in + 1))
               for i in range(1, len(X) + 1)]
    entries += [", ".join(f"${ws[j, k].latex()} = {number(ws[j, k].real).latex()}$" for k in range(1, n_in + 1))
                for j in range(1, len(W) + 1)]
    entries.append(", ".join(f"${bs[j].latex()} = {number(bs[j].real).latex()}$" for j in range(1, len(W) + 1)))
    sections = [section(f"{pid}.given", "Given", given, rounding=rounding, notes="That is, " + "; ".join(entries)
                        + ".")]
    pre, dead, zs = [], [], {}
    for j in range(1, len(W) + 1):
        chains, values = [], []
        for i in range(1, len(X) + 1):
            formula = Sum.of(*[Product.of(ws[j, k], xs[i, k]) for k in range(1, n_in + 1)], bs[j])
            z = Real(formula)
            zs[i, j] = _example("z", i, j, real=z)
            chain = Chain(zs[i, j], rounding).define(formula).substitute().value(z)
            chains.append(chain.build(f"{pid}.unit{j}.z{i}", f"${zs[i, j].latex()}$"))
            values.append(z)
        pre.append(values)
        is_dead = all(Real(Call("relu_prime", zs[i, j])).rational() == 0 for i in range(1, len(X) + 1))
        shown = ", ".join(f"${zs[i, j].latex()} = {number(values[i - 1]).latex()}$" for i in range(1, len(X) + 1))
        if is_dead:
            dead.append(j)
            verdict = (f"Unit {j} is dead: its pre-activation is at most 0 on every example ({shown}), so "
                       r"the derivative $\operatorname{ReLU}'$ is $0$ at each of them, and every gradient of its "
                       "weights and bias is 0: gradient descent never changes them, and the unit stays dead. "
                       rf"Below, $g^{{(i)}}_{{{j}}} = \frac{{\partial L}}{{\partial a^{{(i)}}_{{{j}}}}}$ is the "
                       "gradient that reaches the unit's output on example $i$, whatever it is.")
            for k in list(range(1, n_in + 1)) + [None]:
                chains.append(_zero_gradient(pid, j, k, len(X), xs, zs, ws, bs, rounding))
        else:
            active = [i for i in range(1, len(X) + 1) if values[i - 1].sign() > 0]
            verdict = (f"Unit {j} is alive: its pre-activation is positive on example"
                       f"{'s' if len(active) > 1 else ''} {', '.join(map(str, active))} ({shown}).")
        sections.append(section(f"{pid}.unit{j}", f"Unit {j}", chains, notes=verdict, rounding=rounding))
    units = len(W)
    statement = problem.statement or (f"A ReLU layer of {units} units sees {len(X)} examples (the rows of $X$). "
                                      "Which units never activate, and what are the gradients of their weights?")
    dead_text = (f"The dead unit{'s are' if len(dead) > 1 else ' is'} {', '.join(map(str, dead))}." if dead
                 else "No unit is dead.")
    derivation = WorkedDerivation(
        id=pid, title=problem.title or "Dead ReLU units", start=None, parts=sections, statement=statement,
        rounding=rounding,
        notes=dead_text + r" Units and examples are numbered from 1. $\operatorname{ReLU}'(0)$ is taken as $0$ (the "
              "left derivative, as in PyTorch), so a unit whose pre-activation is exactly 0 counts as inactive.")
    answers = {"pre_activations": pre, "dead_units": dead,
               "alive_units": [j for j in range(1, units + 1) if j not in dead],
               "zero_gradient": [j in dead for j in range(1, units + 1)]}
    from .answers import printed_tree
    return Solution(problem, derivation, answers, printed_tree(answers, rounding))


def _zero_gradient(pid, j, k, examples, xs, zs, ws, bs, rounding):
    """``\\frac{\\partial L}{\\partial w_{jk}} = \\sum_i \\frac{\\partial L}{\\partial a^{(i)}_j}\\operatorname{ReLU}'(z^{(i)}_j)x^{(i)}_k = 0``."""
    target = ws[j, k] if k is not None else bs[j]
    name = N.partial(Name(target.latex(), target.text()))
    terms = []
    for i in range(1, examples + 1):
        upstream = _example("g", i, j)          # the upstream gradient: unknown, no value
        factors = [upstream, Call("relu_prime", zs[i, j])] + ([xs[i, k]] if k is not None else [])
        terms.append(Product.of(*factors))
    formula = terms[0] if len(terms) == 1 else Sum.of(*terms)
    zero = Real(formula)
    name.real = zero
    why = "chain rule, summed over the examples"   # what g is: the unit's note
    chain = Chain(name, rounding).define(formula, why).substitute()
    from .network_sheet import _values_of_calls
    chain.add(substitute(_values_of_calls(formula, ("relu_prime",), {}), chain.number),
              r"$\operatorname{ReLU}'(z) = 0$ for $z \le 0$", rule="evaluate")
    chain.value(zero, "whatever the upstream gradients are")
    key = f"w{k}" if k is not None else "b"
    return chain.build(f"{pid}.unit{j}.d{key}", f"${name.latex()}$")


def fields_of(spec: DeadReluSpec):
    return [("inputs", spec.inputs), ("weights", spec.weights), ("bias", spec.bias)]
