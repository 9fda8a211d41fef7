"""Gradescope: results.json in the documented format, scores from a rubric, unreadable submissions, the autograder."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest
from site_tools import env, need, run

from derivations.check import StepReport
from derivations.integrations import gradescope
from derivations.integrations.autograder import write_autograder, zip_folder
from derivations.integrations.gradescope import RubricError, grade_submission, loads_rubric

# --- the format, as Gradescope's autograder documentation gives it -----------------------------------
# (https://gradescope-autograders.readthedocs.io/en/latest/specs/, "Output format"): field -> JSON type
TOP_LEVEL = {"score": "number", "execution_time": "number", "output": "string", "output_format": "string",
             "test_output_format": "string", "test_name_format": "string", "visibility": "string",
             "stdout_visibility": "string", "extra_data": "object", "tests": "array", "leaderboard": "array"}
PER_TEST = {"score": "number", "max_score": "number", "status": "string", "name": "string",
            "name_format": "string", "number": "string", "output": "string", "output_format": "string",
            "tags": "array", "visibility": "string", "extra_data": "object"}
VISIBILITY = ["hidden", "after_due_date", "after_published", "visible"]
SPEC = {
    "type": "object", "additionalProperties": False, "required": ["score", "tests"],
    "properties": {**{k: {"type": v} for k, v in TOP_LEVEL.items()},
                   "visibility": {"enum": VISIBILITY}, "stdout_visibility": {"enum": VISIBILITY},
                   "tests": {"type": "array", "items": {
                       "type": "object", "additionalProperties": False, "required": ["name", "score", "max_score"],
                       "properties": {**{k: {"type": v} for k, v in PER_TEST.items()},
                                      "visibility": {"enum": VISIBILITY},
                                      "status": {"enum": ["passed", "failed"]}}}}},
}


def assert_valid(results: dict) -> None:
    jsonschema = need("jsonschema", "the test extra installs jsonschema")
    jsonschema.validate(results, SPEC)
    json.dumps(results, allow_nan=False)  # plain JSON: no NaN or infinity
    for t in results["tests"]:
        assert 0 <= t["score"] <= t["max_score"]
    assert results["score"] == pytest.approx(sum(t["score"] for t in results["tests"]))
    assert gradescope.validate_results(results) == []  # our own schema agrees


def folder_with(tmp_path: Path, files: dict) -> Path:
    sub = tmp_path / "submission"
    sub.mkdir()
    for name, content in files.items():
        path = sub / name
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
    return sub


HOMEWORK = r"""# Homework 3

## Question 1

$$\frac{d}{dx}\sigma(x) = \frac{e^{-x}}{(1 + e^{-x})^2}$$
$$= \frac{1}{1 + e^{-x}} \cdot \frac{e^{-x}}{1 + e^{-x}}$$
$$= \sigma(x)\,(1 + \sigma(x))$$

### Part (b)

$$\sigma'(0) = \sigma(0)(1 - \sigma(0)) = \frac{1}{4} = 0.4$$

## Question 2

$$\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = \frac{2}{1 + e^{-2x}} - 1 = 2\sigma(2x) - 1$$

## Question 3

I did not finish this one.
"""
RUBRIC = """
title = "Homework 3"
[[question]]
name = "1. The derivative of the sigmoid"
heading = "Question 1"
points = 5
[[question]]
name = "2. tanh and the sigmoid"
start = '\\tanh(x)'
answer = '2\\sigma(2x) - 1'
points = 3
[[question]]
name = "3. Not answered"
heading = "Question 3"
points = 2
"""


def test_results_follow_the_rubric(tmp_path):
    results = grade_submission(folder_with(tmp_path, {"hw.md": HOMEWORK}), loads_rubric(RUBRIC))
    assert_valid(results)
    q1, q2, q3 = results["tests"]
    # Question 1 (with its Part (b)): two wrong steps (the sign of σ, and 1/4 written 0.4), 1 point each
    assert (q1["score"], q1["max_score"]) == (3.0, 5.0)
    assert "First wrong step, hw.md line 7" in q1["output"] and "at x = " in q1["output"]
    assert "Also wrong: hw.md line 11" in q1["output"]
    assert (q2["score"], q2["max_score"]) == (3.0, 3.0)
    assert (q3["score"], q3["max_score"]) == (0.0, 2.0) and "no step" in q3["output"].lower()
    assert results["score"] == 6.0 and "6 of 10 points" in results["output"]


def test_the_answer_must_be_reached(tmp_path):
    rubric = loads_rubric('[[question]]\nname = "Q"\nstart = "\\\\tanh(x)"\nanswer = "1 - 2\\\\sigma(-2x)"\n'
                          'points = 4\nmissing_answer = 1\n')
    text = "$$\\tanh(x) = \\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}$$\n"
    results = grade_submission(folder_with(tmp_path, {"a.md": text}), rubric)
    assert_valid(results)
    [t] = results["tests"]
    assert t["score"] == 3.0 and "not reached" in t["output"]


@pytest.mark.parametrize("rubric_text, expected", [
    ("wrong_step = 2\n[[question]]\nheading = 'Question 1'\npoints = 5\n", 1.0),      # 5 - 2 x 2
    ("[[question]]\nheading = 'Question 1'\npoints = 5\nwrong_step = 5\n", 0.0),       # all or nothing
    ("[[question]]\nheading = 'Question 1'\npoints = 5\nwrong_step = 0.5\n", 4.0),
    ("[[question]]\nheading = 'question 1'\npoints = 1.5\nwrong_step = 0\n", 1.5),     # case does not matter
    ("[[question]]\nheading = 'Question 10'\npoints = 2\n", 0.0),                      # not "Question 1"
])
def test_points_per_wrong_step(tmp_path, rubric_text, expected):
    results = grade_submission(folder_with(tmp_path, {"hw.md": HOMEWORK}), loads_rubric(rubric_text))
    assert_valid(results)
    assert results["tests"][0]["score"] == expected


def test_an_error_carried_forward_costs_once():
    wrong = StepReport(7, "a = b", "wrong", "wrong (counterexample): at x = 1: 1 vs 2", lhs="a", rhs="b",
                       slip="likely slip: sign flipped")
    follows = [StepReport(9 + i, "b = c", "follows", "right from line 7's value", lhs="b", rhs="c") for i in range(3)]
    right = StepReport(13, "c = d", "proved", "proved", lhs="c", rhs="d")
    score, output = gradescope._score_steps([("hw.md", s) for s in [wrong, *follows, right]], 4.0, 1.0, 0.0,
                                            None, 0.0)
    assert score == 3.0
    text = "\n".join(output)
    assert "First wrong step, hw.md line 7" in text and "likely slip: sign flipped" in text
    assert "3 later steps follow correctly from an earlier mistake" in text


def test_unchecked_steps_cost_what_the_rubric_says(tmp_path):
    text = "# Question 1\n\n$$\\sigma(0) = \\frac{1}{2} = \\mathfrak{q}\\oint$$\n"
    for cost, expected in ((0, 2.0), (0.5, 1.5)):
        rubric = loads_rubric(f"unchecked_step = {cost}\n[[question]]\nheading = 'Question 1'\npoints = 2\n")
        sub = tmp_path / f"s{cost}"
        sub.mkdir()
        (sub / "a.md").write_text(text)
        results = grade_submission(sub, rubric)
        assert_valid(results)
        assert results["tests"][0]["score"] == expected
        assert "Not checked (for the grader to look at)" in results["tests"][0]["output"]


def test_without_a_rubric_one_point_per_chain(tmp_path):
    results = grade_submission(folder_with(tmp_path, {"hw.md": HOMEWORK}))
    assert_valid(results)
    names = [t["name"] for t in results["tests"]]
    assert names == ["hw.md line 5: \\frac{d}{dx}\\sigma(x)", "hw.md line 11: \\sigma'(0)", "hw.md line 15: \\tanh(x)"]
    assert [t["score"] for t in results["tests"]] == [0.0, 0.0, 1.0]
    assert all(t["max_score"] == 1.0 for t in results["tests"])


@pytest.mark.parametrize("name, text", [
    ("hw.tex", "\\section*{Question 1}\n\\[ \\sigma(0) = \\frac{1}{2} = 0.6 \\]\n\\section*{Question 2}\n"
               "\\[ \\sigma(0) = \\frac{1}{2} \\]\n"),
    ("hw.ipynb", json.dumps({"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["## Question 1\n", "\n",
                                                              "$$\\sigma(0) = \\frac{1}{2} = 0.6$$\n"]},
        {"cell_type": "markdown", "metadata": {}, "source": ["## Question 2\n", "\n", "$$\\sigma(0) = \\frac{1}{2}$$"]},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)),
    ("hw.md", "**Question 1.**\n\n$$\\sigma(0) = \\frac{1}{2} = 0.6$$\n\n**Solution**\n\n$$1 = 1$$\n\n"
              "Question 2: the other one\n\n$$\\sigma(0) = \\frac{1}{2}$$\n"),
])
def test_questions_by_heading_in_every_kind_of_document(tmp_path, name, text):
    rubric = loads_rubric("[[question]]\nheading = 'Question 1'\npoints = 2\n"
                          "[[question]]\nheading = 'Question 2'\npoints = 2\n")
    results = grade_submission(folder_with(tmp_path, {name: text}), rubric)
    assert_valid(results)
    assert [t["score"] for t in results["tests"]] == [1.0, 2.0], results


@pytest.mark.parametrize("files, reason", [
    ({}, "No document to check"),
    ({"scan.pdf": b"%PDF-1.4 ...", "notes.docx": b"PK\x03\x04"}, "(it has notes.docx, scan.pdf)"),
    ({"hw.md": b"\x00\x01binary"}, "binary file"),
    ({"hw.md": "caf\xe9".encode("latin-1")}, "not UTF-8"),
    ({"hw.md": "no math at all, only words\n"}, None),
])
def test_an_unreadable_submission_gets_a_score_and_a_reason(tmp_path, files, reason):
    sub = folder_with(tmp_path, files)
    for rubric in (loads_rubric(RUBRIC), None):
        results = grade_submission(sub, rubric)
        assert_valid(results)
        assert results["score"] == 0.0
        if reason:
            assert reason in results["output"], results["output"]
        for t in results["tests"]:
            assert t["score"] == 0.0 and t["output"]


def test_a_folder_that_does_not_exist(tmp_path):
    results = grade_submission(tmp_path / "nothing", loads_rubric(RUBRIC))
    assert_valid(results)
    assert "does not exist" in results["output"] and results["score"] == 0


def test_a_file_that_breaks_the_checker_costs_only_itself(tmp_path, monkeypatch):
    import derivations.check as check

    real = check.check

    def broken(doc, limits=None):
        if doc.path.endswith("bad.md"):
            raise RuntimeError("boom")
        return real(doc, limits)

    monkeypatch.setattr(check, "check", broken)
    results = grade_submission(folder_with(tmp_path, {"bad.md": "$$1 = 1$$\n", "hw.md": HOMEWORK}),
                               loads_rubric(RUBRIC))
    assert_valid(results)
    assert "the checker failed on this file (RuntimeError: boom)" in results["output"]
    assert results["score"] == 6.0


@pytest.mark.parametrize("text, message", [
    ("", "no [[question]]"),
    ("[[question]]\nname = 'Q'\n", "give its points"),
    ("[[question]]\npoints = 2\n", "say how to find it"),
    ("[[question]]\nheading = 'Q1'\npoints = -1\n", "must not be negative"),
    ("[[question]]\nheading = 'Q1'\npoints = '2'\n", "must be a number"),
    ("[[question]]\nheading = 'Q1'\npoints = 2\nweight = 3\n", "unknown key 'weight'"),
    ("[[question]]\nstart = '\\\\frac{1}{'\npoints = 2\n", "cannot be read"),
    ("visibility = 'sometimes'\n[[question]]\nheading = 'Q1'\npoints = 2\n", "must be one of hidden"),
    ("[[question]\n", "not valid TOML"),
])
def test_a_broken_rubric_says_what_to_fix(text, message):
    with pytest.raises(RubricError, match=None) as caught:
        loads_rubric(text, "rubric.toml")
    assert message in str(caught.value) and str(caught.value).startswith("rubric.toml")


def test_visibility_settings_pass_through(tmp_path):
    rubric = loads_rubric("visibility = 'after_due_date'\nstdout_visibility = 'hidden'\n"
                          "[[question]]\nheading = 'Question 2'\npoints = 1\nvisibility = 'visible'\nnumber = '2'\n")
    results = grade_submission(folder_with(tmp_path, {"hw.md": HOMEWORK}), rubric)
    assert_valid(results)
    assert results["visibility"] == "after_due_date" and results["stdout_visibility"] == "hidden"
    assert results["tests"][0]["visibility"] == "visible" and results["tests"][0]["number"] == "2"


# --- the command line -------------------------------------------------------------------------------

def test_grade_format_gradescope(tmp_path):
    sub = folder_with(tmp_path, {"hw.md": HOMEWORK})
    (tmp_path / "rubric.toml").write_text(RUBRIC)
    out = tmp_path / "results" / "results.json"
    result = run(["-m", "derivations", "grade", str(sub), "--format", "gradescope", "--rubric",
                  str(tmp_path / "rubric.toml"), "--out", str(out)])
    assert result.returncode == 0, result.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    assert_valid(results)
    assert results["score"] == 6.0 and "6 of 10 points" in result.stderr
    printed = run(["-m", "derivations", "grade", str(sub), "--format", "gradescope"])
    assert printed.returncode == 0
    assert_valid(json.loads(printed.stdout))


def test_grade_format_gradescope_errors(tmp_path):
    (tmp_path / "bad.toml").write_text("[[question]]\nname = 'Q'\n")
    sub = folder_with(tmp_path, {"hw.md": HOMEWORK, "bin.md": b"\x00"})
    bad = run(["-m", "derivations", "grade", str(sub), "--format", "gradescope", "--rubric", str(tmp_path / "bad.toml")])
    assert bad.returncode == 2 and "give its points" in bad.stderr
    missing = run(["-m", "derivations", "grade", str(tmp_path / "none"), "--format", "gradescope"])
    assert missing.returncode == 2 and "not a folder" in missing.stderr
    partial = run(["-m", "derivations", "grade", str(sub), "--format", "gradescope"])
    assert partial.returncode == 1 and "could not read bin.md" in partial.stderr
    assert_valid(json.loads(partial.stdout))


# --- the autograder ---------------------------------------------------------------------------------

@pytest.fixture()
def autograder(tmp_path):
    (tmp_path / "rubric.toml").write_text(RUBRIC)
    out = tmp_path / "autograder"
    written = write_autograder(tmp_path / "rubric.toml", out)
    return out, written


def test_autograder_files(autograder, tmp_path):
    out, written = autograder
    assert {p.name for p in written} == {"setup.sh", "run_autograder", "rubric.toml", "derivations-src"}
    for script in ("setup.sh", "run_autograder"):
        mode = (out / script).stat().st_mode
        assert mode & stat.S_IXUSR and (out / script).read_text().startswith("#!/usr/bin/env bash\n")
        assert subprocess.run(["bash", "-n", str(out / script)]).returncode == 0  # it parses
    assert "/autograder" in (out / "run_autograder").read_text()
    assert (out / "derivations-src" / "derivations" / "check" / "document.py").is_file()
    assert not list((out / "derivations-src").rglob("__pycache__"))
    archive = zip_folder(out, tmp_path / "autograder.zip")
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert "setup.sh" in names and "run_autograder" in names  # at the root, as Gradescope wants
        assert z.getinfo("run_autograder").external_attr >> 16 & stat.S_IXUSR


def test_autograder_command(tmp_path):
    (tmp_path / "rubric.toml").write_text(RUBRIC)
    result = run(["-m", "derivations", "autograder", str(tmp_path / "rubric.toml"), "--out", str(tmp_path / "ag"),
                  "--zip", str(tmp_path / "ag.zip")])
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ag" / "setup.sh").is_file() and (tmp_path / "ag.zip").is_file()
    (tmp_path / "bad.toml").write_text("[[question]]\nname = 'Q'\n")
    bad = run(["-m", "derivations", "autograder", str(tmp_path / "bad.toml"), "--out", str(tmp_path / "ag2")])
    assert bad.returncode == 2 and "give its points" in bad.stderr and not (tmp_path / "ag2").exists()


def _gradescope_root(tmp_path, autograder, submission: dict) -> Path:
    """A folder laid out as Gradescope lays out /autograder: source/ (the zip), submission/, run_autograder."""
    out, _ = autograder
    root = tmp_path / "root"
    with zipfile.ZipFile(zip_folder(out, tmp_path / "ag.zip")) as z:
        z.extractall(root / "source")
    for name in ("setup.sh", "run_autograder"):  # zipfile does not restore the modes
        (root / "source" / name).chmod(0o755)
    (root / "run_autograder").write_bytes((root / "source" / "run_autograder").read_bytes())
    (root / "run_autograder").chmod(0o755)
    sub = root / "submission"
    sub.mkdir()
    for name, text in submission.items():
        (sub / name).write_text(text)
    return root


def _clean_env(**extra) -> dict:
    out = {k: v for k, v in env().items() if k != "PYTHONPATH"}  # the autograder's own install, not ours
    out.update(extra)
    return out


@pytest.mark.slow
def test_setup_and_run_autograder_on_a_local_root(tmp_path, autograder):
    root = _gradescope_root(tmp_path, autograder, {"hw.md": HOMEWORK})
    setup = subprocess.run(["bash", str(root / "source" / "setup.sh")], capture_output=True, text=True, timeout=900,
                           env=_clean_env(AUTOGRADER_ROOT=str(root), DERIVATIONS_SKIP_APT="1"))
    assert setup.returncode == 0, setup.stdout + setup.stderr
    assert "derivations 0.1.0" in setup.stdout
    where = subprocess.run([str(root / "venv" / "bin" / "python"), "-c", "import derivations; print(derivations.__file__)"],
                           capture_output=True, text=True, env=_clean_env(), cwd=tmp_path)
    assert str(root / "venv") in where.stdout  # the copy setup.sh installed, not this checkout
    ran = subprocess.run([str(root / "run_autograder")], capture_output=True, text=True, timeout=600, cwd=tmp_path,
                         env=_clean_env(AUTOGRADER_ROOT=str(root)))
    assert ran.returncode == 0, ran.stderr
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    assert_valid(results)
    assert results["score"] == 6.0


def test_run_autograder_reports_a_checker_that_dies(tmp_path, autograder):
    root = _gradescope_root(tmp_path, autograder, {"hw.md": HOMEWORK})
    ran = subprocess.run([str(root / "run_autograder")], capture_output=True, text=True, timeout=120,
                         env=_clean_env(AUTOGRADER_ROOT=str(root), DERIVATIONS_PYTHON="/bin/false"))
    assert ran.returncode == 0
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    assert_valid(results)
    assert results["score"] == 0 and "could not check this submission (exit status 1)" in results["output"]


def test_run_autograder_with_this_checkout(tmp_path, autograder):
    root = _gradescope_root(tmp_path, autograder, {"hw.md": HOMEWORK, "scan.pdf": "%PDF"})
    import sys

    ran = subprocess.run([str(root / "run_autograder")], capture_output=True, text=True, timeout=300,
                         env={**env(), "AUTOGRADER_ROOT": str(root), "DERIVATIONS_PYTHON": sys.executable})
    assert ran.returncode == 0, ran.stderr
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    assert_valid(results)
    assert results["score"] == 6.0 and os.path.getsize(root / "results" / "results.json") > 100


@pytest.mark.parametrize("chain, answer, reached", [
    (r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1", r"2\sigma(2x) - 1", True),
    (r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = -1 + 2\sigma(2x)", r"2\sigma(2x) - 1", True),
    (r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}", r"2\sigma(2x) - 1", False),  # right, but not written
    (r"\sigma'(0) = \sigma(0)(1 - \sigma(0)) = \frac{1}{4}", "0.25", True),
    (r"\sigma'(0) = \sigma(0)(1 - \sigma(0)) = 0.25", r"\frac{1}{4}", True),
    (r"\sigma(1) = \frac{1}{1 + e^{-1}} \approx 0.731", "0.7311", True),            # rounded as written
    (r"\sigma'(0) = \sigma(0)(1 - \sigma(0))", "0.25", False),                       # the value never written
    (r"\sigma'(0) = \sigma(0)(1 - \sigma(0)) = 0.4", "0.25", False),
    (r"\sigma'(0) = \sigma(0)(1 - \sigma(0)) = 0.3", "0.25", True),                 # 0.25 rounds to 0.3
])
def test_the_answer_must_be_written(tmp_path, chain, answer, reached):
    start = chain.split(" = ")[0].replace("\\", "\\\\")
    rubric = loads_rubric(f'[[question]]\nname = "Q"\nstart = "{start}"\nanswer = "{answer.replace(chr(92), chr(92) * 2)}"\n'
                          'points = 4\nmissing_answer = 1\n')
    results = grade_submission(folder_with(tmp_path, {"a.md": f"$${chain}$$\n"}), rubric)
    assert_valid(results)
    [t] = results["tests"]
    assert ("not reached" not in t["output"]) is reached, t["output"]
