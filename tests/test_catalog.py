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


def _mutations(expr, relation):
    """(name, mutated expression) pairs that make a true step false."""
    if relation in ("<=", "<"):
        return [("bound lowered", expr - 1)]
    if relation in (">=", ">"):
        return [("bound raised", expr + 1)]
    out = [("constant changed", expr + 1)] if not isinstance(expr, (MatrixBase, MatrixExpr)) else []
    identically_zero = expr == 0 or (
        not isinstance(expr, (MatrixBase, MatrixExpr)) and decide(expr, 0).verdict == "proved")
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


@pytest.mark.parametrize("entry_id", ids())
def test_mutated_steps_are_refuted(entry_id):
    d = build(entry_id)
    chains = [d, *d.parts]
    refuted = 0
    for chain in chains:
        for previous, step in chain.links():
            for name, mutated in _mutations(step.expr, step.relation):
                ev = decide(previous, mutated, step.relation)
                assert ev.verdict == "wrong", (entry_id, step.why, name, ev.describe())
                assert ev.point is not None and ev.values is not None
                if step.relation == "=" and not isinstance(mutated, (MatrixBase, MatrixExpr)):
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
    assert r"\sigma" in out and r"\text{" in out
