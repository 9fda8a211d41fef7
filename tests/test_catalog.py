"""The catalog: every entry proved, every mutated step refuted with a real counterexample."""

from __future__ import annotations

import json

import mpmath
import pytest
from sympy import ImmutableMatrix, MatrixBase, MatrixExpr, S

from derivations import decide
from derivations.catalog import build, get, ids
from derivations.cli import main
from derivations.engine.normalize import realise, to_definitions

REQUIRED = """sigmoid-derivative sigmoid-symmetry tanh-sigmoid tanh-derivative tanh-derivative-sigmoid
sigmoid-derivative-bound vanishing-gradient relu-derivative leaky-relu-derivative softplus-derivative
swish-derivative softmax-sum softmax-shift softmax-two-class softmax-jacobian
softmax-cross-entropy-gradient linear-collapse linear-collapse-deep relu-abs""".split()


def test_every_required_id_is_in_the_catalog():
    assert set(REQUIRED) <= set(ids())


@pytest.mark.parametrize("entry_id", ids())
def test_every_step_is_proved(entry_id):
    d = get(entry_id)
    steps = list(d.all_steps())
    assert steps, "an entry without steps proves nothing"
    for step in steps:
        assert step.evidence.verdict == "proved", (entry_id, step.why, step.evidence.describe())
        assert step.why.strip(), "every step says why"


def _mutations(expr, relation, is_zero=None):
    """(name, mutated expression) pairs that make a true step false (``is_zero`` says when expr is 0)."""
    if relation in ("<=", "<"):
        return [("bound lowered", expr - 1)]
    if relation in (">=", ">"):
        return [("bound raised", expr + 1)]
    out = [("constant changed", expr + 1)] if not isinstance(expr, (MatrixBase, MatrixExpr)) else []
    is_zero = is_zero or (lambda e: decide(e, 0).verdict == "proved")
    identically_zero = expr == 0 or (not isinstance(expr, (MatrixBase, MatrixExpr)) and is_zero(expr))
    if not identically_zero:  # -0 and 2*0 are still 0: no mutation
        out += [("sign flipped", -expr), ("factor doubled", 2 * expr)]
    if isinstance(expr, MatrixBase):
        out.append(("entry changed", expr + ImmutableMatrix.ones(*expr.shape)))
    return out


def _recheck(previous, mutated, point):
    """Evaluate both sides at the counterexample independently (mpmath, 40 digits)."""
    previous, mutated = S(previous), S(mutated)
    symbols = {s.name: s for s in (realise(previous).free_symbols | realise(mutated).free_symbols)}
    mapping = {symbols[k]: v for k, v in point.items() if k in symbols}
    if len(mapping) != len(symbols):
        return None  # indexed or matrix points: not rechecked here
    values = []
    for side in (previous, mutated):
        expr = to_definitions(realise(side)).expr.xreplace(mapping).doit()
        values.append(mpmath.mpf(str(S(expr).evalf(40))))
    return values


def _decider(chain):
    """The chain's own way to decide a step: a Proof substitutes its definitions and hypotheses first."""
    if hasattr(chain, "where"):
        return lambda previous, expr, relation, number: chain.decide(previous, expr, relation, step=number)
    return lambda previous, expr, relation, number: decide(previous, expr, relation)


@pytest.mark.parametrize("entry_id", ids())
def test_mutated_steps_are_refuted(entry_id):
    d = build(entry_id)
    chains = [d, *d.parts]
    refuted = 0
    for chain in chains:
        judge = _decider(chain)
        for number, (previous, step) in enumerate(chain.links(), 1):
            if hasattr(chain, "where"):
                previous, expr = chain.expand(previous), chain.expand(step.expr)
            else:
                expr = step.expr
            zero = (lambda e, n=number, c=chain: c.decide(e, 0, step=n).verdict == "proved") \
                if hasattr(chain, "where") else None
            for name, mutated in _mutations(expr, step.relation, zero):
                ev = judge(previous, mutated, step.relation, number)
                assert ev.verdict == "wrong", (entry_id, step.why, name, ev.describe())
                assert ev.point is not None and ev.values is not None
                if step.relation == "=" and not isinstance(mutated, (MatrixBase, MatrixExpr)) \
                        and not hasattr(chain, "where"):
                    values = _recheck(previous, mutated, ev.point)
                    if values is not None:
                        assert abs(values[0] - values[1]) > mpmath.mpf(10) ** -20, (entry_id, name, ev.point)
                refuted += 1
    assert refuted > 0


def test_cli_list_json_has_every_required_id(capsys):
    assert main(["list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {"id", "title"} <= set(listed[0])
    assert set(REQUIRED) <= {item["id"] for item in listed}


def test_cli_prove_exits_zero_for_every_id(capsys):
    for entry_id in ids():
        assert main(["prove", entry_id]) == 0, entry_id
        out = capsys.readouterr().out
        assert out.count("[proved") >= 1
        assert "[wrong" not in out and "[unknown" not in out


def test_cli_prove_unknown_id_exits_2_and_names_the_closest(capsys):
    assert main(["prove", "sigmoid-deriv"]) == 2
    err = capsys.readouterr().err
    assert "sigmoid-derivative" in err


def test_cli_prove_latex_is_an_align_block(capsys):
    assert main(["prove", "tanh-sigmoid", "--format", "latex"]) == 0
    out = capsys.readouterr().out
    assert r"\begin{align*}" in out and r"\end{align*}" in out
    assert r"\sigma" in out and r"\tag*{\parbox" in out


def _printed_sides(chain):
    from derivations.render.printer import to_latex

    return [to_latex(chain.start)] + [to_latex(s.expr) for s in chain.steps]


@pytest.mark.parametrize("entry_id", ids())
def test_no_step_changes_nothing(entry_id):
    """Every step shows the reader something new: no side prints the same as the one before it."""
    d = build(entry_id)
    for chain in [d, *d.parts]:
        sides = _printed_sides(chain)
        repeats = [(i, a) for i, (a, b) in enumerate(zip(sides, sides[1:]), 1) if a == b]
        assert not repeats, (entry_id, chain.title, repeats)


def test_index_notation_proofs_hold_for_any_number_of_classes():
    """The textbook proofs for any n, checked against an independent computation at n = 2, 3, 5."""
    import random

    from sympy import Rational, exp, symbols

    from derivations.catalog import get

    ce = get("softmax-cross-entropy-gradient")
    jac = get("softmax-jacobian")
    assert "p_{j} - y_{j}" in _printed_sides(ce)[-1] and "\\delta_{kj}" in "".join(_printed_sides(ce))
    assert "s_{i} \\left(\\delta_{ij} - s_{j}\\right)" == _printed_sides(jac)[-1]
    rng = random.Random(4)
    for n in (2, 3, 5):
        zs = symbols(f"q1:{n + 1}", real=True)
        total = sum(exp(q) for q in zs)
        p = [exp(q) / total for q in zs]
        ys = [Rational(rng.randint(1, 9)) for _ in range(n)]
        ys = [y / sum(ys) for y in ys]  # targets that sum to 1
        loss = -sum(y * (q - log_sum) for y, q, log_sum in zip(ys, zs, [__import__("sympy").log(total)] * n))
        point = {q: Rational(rng.randint(-20, 20), 10) for q in zs}
        for j in range(n):
            grad = loss.diff(zs[j]).xreplace(point).evalf(30)
            assert abs(grad - (p[j] - ys[j]).xreplace(point).evalf(30)) < 1e-25
            for i in range(n):
                entry = p[i].diff(zs[j]).xreplace(point).evalf(30)
                expected = (p[i] * ((1 if i == j else 0) - p[j])).xreplace(point).evalf(30)
                assert abs(entry - expected) < 1e-25
