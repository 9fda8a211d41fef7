"""Variants: byte-identical for a seed, keys equal to `derivations solve --json` of each variant file."""

from __future__ import annotations

import csv
import json
import pathlib
import subprocess
import sys

import pytest

from derivations.problems import load, solve
from derivations.problems.rounding import rounded

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples" / "exercises.toml"


def run_variants(out, seed=11, count=3, source=EXAMPLES):
    result = subprocess.run([sys.executable, "-m", "derivations", "variants", str(source), "--count", str(count),
                             "--seed", str(seed), "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return sorted(p.name for p in out.iterdir())


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    return a, run_variants(a), b, run_variants(b)


def test_same_seed_same_bytes(generated):
    a, names_a, b, names_b = generated
    assert names_a == names_b == ["answers.csv", "answers.json", "variant-01.toml", "variant-02.toml",
                                  "variant-03.toml"]
    for name in names_a:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_other_seed_other_numbers(generated, tmp_path):
    a = generated[0]
    run_variants(tmp_path, seed=12, count=1)
    assert (tmp_path / "variant-01.toml").read_bytes() != (a / "variant-01.toml").read_bytes()


def test_key_agrees_with_solve_json_of_each_variant(generated):
    a = generated[0]
    key = json.loads((a / "answers.json").read_text())
    assert len(key["variants"]) == 3
    rows = list(csv.DictReader((a / "answers.csv").open()))
    for entry in key["variants"]:
        result = subprocess.run([sys.executable, "-m", "derivations", "solve", str(a / entry["file"]), "--json"],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["problems"] == entry["problems"]
        variant = entry["file"].removesuffix(".toml")
        mine = [r for r in rows if r["variant"] == variant]
        loss = next(r for r in mine if r["problem"] == "two-layer" and r["quantity"] == "loss")
        two_layer = next(p for p in entry["problems"] if p["id"] == "two-layer")
        assert float(loss["value"]) == two_layer["answers"]["loss"]


def test_variants_keep_structure_and_are_not_degenerate(generated):
    originals = {p.id: p for p in load(EXAMPLES)}
    a = generated[0]
    for path in sorted(a.glob("variant-*.toml")):
        problems = load(path)
        assert [p.id for p in problems] == list(originals)
        for p in problems:
            o = originals[p.id]
            assert p.kind == o.kind and p.digits == o.digits
            if p.kind == "network":
                assert [(len(l.weights), len(l.weights[0]), l.activation) for l in p.spec.layers] == \
                    [(len(l.weights), len(l.weights[0]), l.activation) for l in o.spec.layers]
                s = solve(p)
                for layer in s.answers["weight_gradients"] + [s.answers["bias_gradients"]]:
                    for row in layer:
                        for g in (row if isinstance(row, list) else [row]):
                            assert rounded(g, p.digits) != 0
                for layer, values in zip(p.spec.layers, s.answers["activations"]):
                    if layer.activation in ("sigmoid", "softmax"):
                        assert all(rounded(v, p.digits) not in (0, 1) for v in values)
                # numbers are short decimals (multiples of 0.5)
                for layer in p.spec.layers:
                    assert all((2 * w).is_Integer for row in layer.weights for w in row)
