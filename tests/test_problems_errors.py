"""Bad problem files: a clear error naming the problem, the field and the line; exit 2; nothing written."""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_problems_network import EXAMPLE as GOOD  # the example file, shared

from derivations.cli import main
from derivations.problems import ProblemFileError, loads


def broken(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


# (file text, words the message must contain, line number expected in the message)
CASES = [
    pytest.param(broken("weights = [[0.5, 1]]", "weights = [[0.5, 1, 2]]"),
                 ["two-layer", "layer[2].weights", "expected shape 1 x 2", "found 1 x 3"], 16, id="wrong-columns"),
    pytest.param(broken("bias = [3, 2.5]", "bias = [3]"), ["two-layer", "layer[1].bias", "2 numbers"], 12,
                 id="wrong-bias-length"),
    pytest.param(broken('activation = "sigmoid"', 'activation = "sigmoidd"'),
                 ["two-layer", "layer[1].activation", "sigmoidd", "relu"], 13, id="unknown-activation"),
    pytest.param(broken('loss = "half-squared-error"', 'loss = "mse"'),
                 ["two-layer", "loss", "'mse'", "half-squared-error"], 6, id="unknown-loss"),
    pytest.param(broken("target = [1]\n", ""), ["two-layer", "target", "missing"], None, id="missing-target"),
    pytest.param(broken("learning_rate = 0.1", 'learning_rate = "fast"'),
                 ["two-layer", "learning_rate", "text", "fast"], 7, id="text-for-number"),
    pytest.param(broken("input = [0, 1]", 'input = [0, "one"]'), ["two-layer", "input", "text", "one"], 4,
                 id="text-in-vector"),
    pytest.param(broken("input = [0, 1]", "input = [0, 1"), ["invalid TOML", "line"], None, id="invalid-toml"),
    pytest.param(broken("learning_rate = 0.1", "learning_rat = 0.1"),
                 ["two-layer", "learning_rat", "unknown field"], None, id="typo-in-key"),
    pytest.param(broken('kind = "network"', 'kind = "netwrk"'), ["two-layer", "kind", "netwrk"], 3,
                 id="unknown-kind"),
    pytest.param(broken("weights = [[2, -1.5], [2, 3]]", "weights = [[2, -1.5], [2]]"),
                 ["two-layer", "layer[1].weights", "different lengths"], 11, id="ragged-matrix"),
    pytest.param(broken('loss = "half-squared-error"', 'loss = "cross-entropy"'),
                 ["two-layer", "loss", "softmax"], 6, id="cross-entropy-without-softmax"),
]


@pytest.mark.parametrize("text,words,line", CASES)
def test_error_names_problem_field_and_line(text, words, line):
    with pytest.raises(ProblemFileError) as info:
        loads(text, path="bad.toml")
    message = str(info.value)
    for word in words:
        assert word in message, message
    if line is not None:
        assert f"bad.toml:{line}:" in message, message


@pytest.mark.parametrize("text", [
    '[[problem]]\nid = "s"\nkind = "softmax"\nlogits = [1, 2]\ntrue_class = 0\n',
    GOOD.replace('loss = "half-squared-error"', 'loss = "cross-entropy"').replace("target = [1]", "true_class = 0")
        .replace('bias = [-1]\nactivation = "sigmoid"', 'bias = [-1]\nactivation = "softmax"'),
])
def test_a_class_counted_from_0_gets_a_message_that_classes_count_from_1(text):
    with pytest.raises(ProblemFileError) as info:
        loads(text)
    assert "true_class" in str(info.value) and "numbered from 1" in str(info.value)


def test_every_problem_is_validated():
    text = GOOD.replace('id = "two-layer"', 'id = "first"').replace("bias = [-1]", "bias = [-1, 2]")
    text += '\n[[problem]]\nid = "second"\nkind = "softmax"\nlogits = ["a"]\ntrue_class = 0\n'
    with pytest.raises(ProblemFileError) as info:
        loads(text)
    assert len(info.value.errors) == 2
    assert {e.problem for e in info.value.errors} == {"first", "second"}


@pytest.mark.parametrize("text,words,line", CASES[:8])
def test_cli_solve_reports_and_exits_2(tmp_path, capsys, text, words, line):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    assert main(["solve", str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    for word in words:
        assert word in err


@pytest.mark.parametrize("text,words,line", CASES[:8])
def test_cli_variants_writes_nothing(tmp_path, capsys, text, words, line):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    out_dir = tmp_path / "out"
    assert main(["variants", str(path), "--count", "2", "--seed", "1", "--out", str(out_dir)]) == 2
    assert not out_dir.exists()
    err = capsys.readouterr().err
    for word in words:
        assert word in err


def test_variants_invalid_second_problem_writes_nothing(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(GOOD + '\n[[problem]]\nid = "p2"\nkind = "parameters"\nsizes = [3, "x"]\n')
    out_dir = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "derivations", "variants", str(path), "--count", "2",
                             "--seed", "3", "--out", str(out_dir)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "p2" in result.stderr and "sizes" in result.stderr
    assert not out_dir.exists()


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["solve", str(tmp_path / "nope.toml")]) == 2
    assert "cannot read" in capsys.readouterr().err
