"""Variants an instructor would give: byte-identical for a seed, keys equal to `solve --json`, the same
exercise (titles, structure, scale, teaching point, no ties), what the file lets vary, and sheets."""

from __future__ import annotations

import csv
import json
import pathlib
import shutil
import subprocess
import sys
from fractions import Fraction

import pytest

from derivations.problems import ProblemFileError, load, loads, solve
from derivations.problems.variant_rules import unit_classes

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples" / "exercises.toml"


def run_variants(out, seed=11, count=3, source=EXAMPLES, extra=("--no-pdf",)):
    result = subprocess.run([sys.executable, "-m", "derivations", "variants", str(source), "--count", str(count),
                             "--seed", str(seed), "--out", str(out), *extra], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    return sorted(p.name for p in out.iterdir())


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    return a, run_variants(a), b, run_variants(b)


def test_same_seed_same_bytes(generated):
    a, names_a, b, names_b = generated
    expected = ["answers.csv", "answers.json"]
    for v in ("01", "02", "03"):
        expected += [f"variant-{v}-{kind}.{fmt}" for kind in ("questions", "solutions") for fmt in ("html", "md", "tex")]
        expected.append(f"variant-{v}.toml")
    assert names_a == names_b == sorted(expected)
    for name in names_a:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_other_seed_other_numbers(generated, tmp_path):
    a = generated[0]
    run_variants(tmp_path, seed=12, count=1, extra=("--no-pdf", "--sheets", ""))
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
        assert loss["printed"] == two_layer["printed"]["loss"]


def _on_grid(values, step, low, high):
    return all((Fraction(str(v)) / step).denominator == 1 and low <= Fraction(str(v)) <= high for v in values)


def test_variants_keep_the_exercise(generated):
    originals = {p.id: p for p in load(EXAMPLES)}
    source = {p.id: solve(p) for p in originals.values()}
    a = generated[0]
    for path in sorted(a.glob("variant-*.toml")):
        problems = load(path)
        assert [p.id for p in problems] == list(originals)
        for p in problems:
            o = originals[p.id]
            assert (p.kind, p.digits, p.title) == (o.kind, o.digits, o.title)
            s = solve(p)
            if p.kind == "network":
                assert [(len(l.weights), len(l.weights[0]), l.activation) for l in p.spec.layers] == \
                    [(len(l.weights), len(l.weights[0]), l.activation) for l in o.spec.layers]
                assert p.spec.learning_rate == o.spec.learning_rate and p.spec.loss == o.spec.loss
                # the teaching point of every unit: inactive ReLUs stay inactive, saturated units saturated
                assert unit_classes(p.spec) == unit_classes(o.spec)
                # the source's scale: two-layer's weights are halves within ±3; relu-softmax's halves within ±1.5
                weights = [w for layer in p.spec.layers for row in layer.weights for w in row]
                limit = max(abs(w) for layer in o.spec.layers for row in layer.weights for w in row)
                assert _on_grid(weights, Fraction(1, 2), -limit, limit)
            if p.kind == "parameters":
                assert p.spec.sizes == o.spec.sizes          # the title names them
            if p.kind == "softmax":
                assert len(set(p.spec.logits)) == len(p.spec.logits)                          # no ties
                assert _on_grid(p.spec.logits, Fraction(1, 10), -2, 2)
            if p.kind == "dead-relu":
                assert s.answers["dead_units"] == source[p.id].answers["dead_units"]          # dead stay dead
            if p.kind == "vanishing-gradient":
                assert p.spec.activation == o.spec.activation
                assert _on_grid(p.spec.pre_activations, Fraction(1, 2), -2, 2)


def test_sheets_per_variant(generated):
    a = generated[0]
    questions = (a / "variant-01-questions.md").read_text()
    solutions = (a / "variant-01-solutions.md").read_text()
    toml = load(a / "variant-01.toml")
    two = next(p for p in toml if p.id == "two-layer")
    w = two.spec.layers[0].weights[0][0]
    assert "W^{[1]}" in questions and str(float(w)).rstrip("0").rstrip(".") in questions
    assert r"\approx" not in questions and "Forward pass" not in questions     # no worked steps
    assert "Forward pass" in solutions and r"\approx" in solutions
    assert "proved" not in solutions                                        # a handout: no verdict labels
    assert (a / "variant-01-solutions.tex").read_text().startswith(r"\documentclass")


TENTHS = """\
[[problem]]
id = "tenths"
kind = "network"
title = "Weights to 0.1"
input = [0.5, -0.3]
target = [1]
loss = "half-squared-error"
learning_rate = 0.5

[[problem.layer]]
weights = [[0.2, -0.7], [0.9, 0.1]]
bias = [0.1, -0.4]
activation = "sigmoid"

[[problem.layer]]
weights = [[0.6, -0.8]]
bias = [0.3]
activation = "sigmoid"
"""


def test_weights_given_to_a_tenth_vary_by_a_tenth_within_about_one(tmp_path):
    path = tmp_path / "tenths.toml"
    path.write_text(TENTHS)
    out = tmp_path / "out"
    run_variants(out, count=5, source=path, extra=("--no-pdf", "--sheets", ""))
    for v in sorted(out.glob("variant-*.toml")):
        [p] = load(v)
        weights = [w for layer in p.spec.layers for row in layer.weights for w in row]
        assert _on_grid(weights, Fraction(1, 10), -1, 1), weights
        assert _on_grid(p.spec.input, Fraction(1, 10), -1, 1)


def test_the_vary_table_says_what_may_vary(tmp_path):
    text = TENTHS + "\n[problem.vary]\nweights = { step = 0.25, min = -1, max = 1 }\ninput = false\n"
    path = tmp_path / "vary.toml"
    path.write_text(text.replace("[problem.vary]", "[problem.vary]", 1))
    [source] = load(path)
    out = tmp_path / "out"
    run_variants(out, count=4, source=path, extra=("--no-pdf", "--sheets", ""))
    for v in sorted(out.glob("variant-*.toml")):
        [p] = load(v)
        assert p.spec.input == source.spec.input                                   # input = false
        assert [l.bias for l in p.spec.layers] == [l.bias for l in source.spec.layers]   # not named: kept
        weights = [w for layer in p.spec.layers for row in layer.weights for w in row]
        assert _on_grid(weights, Fraction(1, 4), -1, 1)


@pytest.mark.parametrize("table,words", [
    ("learning_rate = true", ["learning_rate", "cannot vary"]),
    ("weights = 3", ["weights", "true, false or a table"]),
    ("weights = { step = -0.1 }", ["step must be positive"]),
    ("weights = { step = 0.1, min = 1, max = -1 }", ["min is larger than max"]),
    ("weights = { stride = 0.1 }", ["unknown setting", "stride"]),
])
def test_a_bad_vary_table_is_an_error(table, words):
    with pytest.raises(ProblemFileError) as info:
        loads(TENTHS + "\n[problem.vary]\n" + table + "\n", path="v.toml")
    message = str(info.value)
    assert "tenths" in message and "vary" in message
    for word in words:
        assert word in message, message


def test_parameter_sizes_vary_only_when_named_and_the_title_follows(tmp_path):
    text = ('[[problem]]\nid = "mlp"\nkind = "parameters"\ntitle = "Parameters of a 784-128-64-10 MLP"\n'
            "sizes = [784, 128, 64, 10]\n")
    fixed, varied = tmp_path / "fixed.toml", tmp_path / "varied.toml"
    fixed.write_text(text)
    varied.write_text(text + "\n[problem.vary]\nsizes = { choices = [32, 256] }\n")
    for path, changes in ((fixed, False), (varied, True)):
        out = tmp_path / path.stem
        run_variants(out, count=4, source=path, extra=("--no-pdf", "--sheets", ""))
        for v in sorted(out.glob("variant-*.toml")):
            [p] = load(v)
            assert p.spec.sizes[0] == 784 and p.spec.sizes[-1] == 10
            if not changes:
                assert p.spec.sizes == [784, 128, 64, 10] and p.title == "Parameters of a 784-128-64-10 MLP"
            else:
                assert set(p.spec.sizes[1:3]) <= {32, 256}
                assert p.title == f"Parameters of a {'-'.join(map(str, p.spec.sizes))} MLP"


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_pdf_sheets_where_latex_is_installed(tmp_path):
    names = run_variants(tmp_path, count=1, extra=())
    assert "variant-01-questions.pdf" in names and "variant-01-solutions.pdf" in names
    assert (tmp_path / "variant-01-solutions.pdf").read_bytes().startswith(b"%PDF")
