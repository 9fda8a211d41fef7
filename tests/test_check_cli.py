"""``derivations check``: exit status, JSON contract, plain and colour text, HTML, unreadable files.

The wrong lines are read from the hand-written ``tests/corpus/*.expected``
files (the oracle), never from the checker's own output.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from derivations.check import check_file
from derivations.check.report_html import html_report, mathml
from derivations.check.report_text import INDENT, MARK, plain_math, plain_report, print_report
from derivations.cli import main
from derivations.vocabulary import Verdict

CORPUS = Path(__file__).parent / "corpus"
SAMPLES = ["backprop", "softplus"]
STEP_LINE = re.compile(r"^  line +(\d+)  (proved   |verified |WRONG    |follows  |unchecked)  (.+)$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def expected_wrong_lines(name: str) -> list[int]:
    """Lines holding a step the .expected oracle marks wrong, once per wrong step."""
    lines = []
    for raw in (CORPUS / f"{name}.expected").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            line, verdicts, *_ = raw.split("\t")
            lines += [int(line)] * verdicts.split().count("wrong")
    return lines


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_oracle_matches_the_issue():
    # the issue names the wrong lines of the two samples; the oracle files must agree
    assert expected_wrong_lines("backprop") == [13, 23]
    assert expected_wrong_lines("softplus") == [19, 21]


@pytest.mark.parametrize("name", SAMPLES)
def test_json_contract_and_wrong_lines(capsys, name):
    status, out, err = run(capsys, "check", "--json", str(CORPUS / f"{name}.md"))
    assert status == 1, err
    data = json.loads(out)
    assert list(data) == ["files", "summary"] and len(data["files"]) == 1
    assert data["summary"]["exit_status"] == 1 and data["summary"]["wrong"] == len(expected_wrong_lines(name))
    report = data["files"][0]
    assert report["path"].endswith(f"{name}.md") and report["status"] == "checked"
    for step in report["steps"]:
        assert {"line", "claim", "verdict", "detail"} <= set(step)
        assert isinstance(step["line"], int)
        assert step["verdict"] in ("proved", "verified", "wrong", "follows", "unchecked")
    wrong = [s for s in report["steps"] if s["verdict"] == "wrong"]
    assert [s["line"] for s in wrong] == expected_wrong_lines(name)
    for s in wrong:  # the diagnosis fields travel with a wrong step
        assert "slip" in s and "counterexample" in s and s["detail"]


def test_exit_zero_without_a_wrong_step(capsys, tmp_path):
    doc = tmp_path / "ok.md"
    doc.write_text("$$\\sigma(0) = \\frac{1}{2}$$\n\n$$2 \\cdot 3 = 6$$\n", encoding="utf-8")
    status, out, _ = run(capsys, "check", str(doc))
    assert status == 0
    assert "0 wrong" not in out and "WRONG" not in out


@pytest.mark.parametrize("name", SAMPLES)
def test_plain_layout(capsys, name):
    path = str(CORPUS / f"{name}.md")
    status, out, _ = run(capsys, "check", path)
    assert status == 1
    assert not ANSI.search(out), "colour codes in output that is not a terminal"
    lines = out.rstrip("\n").split("\n")
    assert lines[0] == path
    steps = check_file(path).steps
    step_rows = [(i, m) for i, l in enumerate(lines) if (m := STEP_LINE.match(l))]
    assert len(step_rows) == len(steps)
    for (i, m), step in zip(step_rows, steps):
        assert int(m.group(1)) == step.line and m.group(2) == MARK[Verdict.of(step.verdict)]
        assert m.group(3) == step.claim
        if step.verdict != "proved":  # the detail goes on the next line, indented under the claim, no $
            assert lines[i + 1] == INDENT + plain_math(step.detail) and "$" not in lines[i + 1]
    counts = {v: sum(s.verdict == v for s in steps) for v in ("proved", "verified", "wrong", "follows", "unchecked")}
    summary = f"  {len(steps)} steps: " + ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    assert summary in lines
    assert lines[-1] == f"  first wrong step on line {expected_wrong_lines(name)[0]}"


def test_no_color_flag_and_plain_report_agree(capsys):
    path = str(CORPUS / "backprop.md")
    status, out, _ = run(capsys, "check", "--no-color", path)
    assert status == 1
    assert out.rstrip("\n") == plain_report(check_file(path))


def test_colour_report_on_a_terminal():
    report = check_file(CORPUS / "softplus.md")
    stream = io.StringIO()
    print_report(report, stream, colour=True)
    text = stream.getvalue()
    assert ANSI.search(text)
    codes = {}
    for verdict in (Verdict.WRONG, Verdict.PROVED, Verdict.VERIFIED):  # each mark in a colour of its own
        m = re.search(r"(\x1b\[[0-9;]+m)" + re.escape(MARK[verdict]), text)
        assert m, verdict
        codes[verdict] = m.group(1)
    assert len(set(codes.values())) == 3
    # without the codes, the layout is the plain one (rich may pad nothing, change nothing)
    assert [l.rstrip() for l in ANSI.sub("", text).rstrip("\n").split("\n")] == \
        [l.rstrip() for l in plain_report(report).split("\n")]


def test_colour_report_keeps_brackets_in_claims():
    report = check_file(CORPUS / "backprop.md")
    report.steps[0].claim = r"W^{[1]} [bold]x[/bold]"
    stream = io.StringIO()
    print_report(report, stream, colour=True)
    assert r"W^{[1]} [bold]x[/bold]" in ANSI.sub("", stream.getvalue())


@pytest.mark.parametrize("make", [
    pytest.param(lambda d: d / "missing.md", id="missing"),
    pytest.param(lambda d: (d / "bin.md").write_bytes(b"\x00\x01\x02junk") and d / "bin.md", id="binary"),
    pytest.param(lambda d: (d / "latin.md").write_bytes(b"$$x = \xe9$$") and d / "latin.md", id="not-utf8"),
    pytest.param(lambda d: (d / "a.pdf").write_bytes(b"%PDF") and d / "a.pdf", id="unknown-type"),
    pytest.param(lambda d: d, id="a-folder"),
])
def test_unreadable_file_exit_2_names_it(capsys, tmp_path, make):
    path = make(tmp_path)
    status, out, err = run(capsys, "check", str(path), str(CORPUS / "softplus.md"))
    assert status == 2
    assert str(path) in err and "Traceback" not in err
    assert str(CORPUS / "softplus.md") in out  # the readable file is still checked


def test_unreadable_file_in_json(capsys, tmp_path):
    status, out, _ = run(capsys, "check", "--json", str(tmp_path / "nope.md"))
    assert status == 2
    (entry,) = json.loads(out)["files"]
    assert entry["path"].endswith("nope.md") and entry["steps"] == [] and entry["error"]
    assert entry["status"] == "unreadable"


@pytest.mark.parametrize("argv", [["check"], ["check", "--step-seconds", "-1", "x.md"],
                                  ["check", "--document-seconds", "abc", "x.md"]])
def test_usage_errors(capsys, argv):
    status, _, err = run(capsys, *argv)
    assert status == 2 and "Traceback" not in err


def test_html_report(capsys, tmp_path):
    page_path = tmp_path / "report.html"
    status, _, _ = run(capsys, "check", "--html", str(page_path),
                       str(CORPUS / "backprop.md"), str(CORPUS / "softplus.md"))
    assert status == 1
    page = page_path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page.lower()
    assert "<math" in page and "</math>" in page
    for verdict in (Verdict.PROVED, Verdict.VERIFIED, Verdict.WRONG, Verdict.FOLLOWS, Verdict.UNCHECKED):
        assert f".verdict-{verdict}" in page and verdict.colour in page  # the shared colour of each verdict
    for verdict in ("proved", "verified", "wrong"):
        assert f'<tr class="verdict-{verdict}">' in page
    assert "<mi>&amp;</mi>" not in page
    assert page.count("first wrong step on line") == 2
    assert "likely slip" in page  # the diagnosis is shown


def test_html_report_lists_unreadable_files(tmp_path):
    page = html_report([], [{"path": "gone.md", "error": "cannot read <it>"}])
    assert "gone.md" in page and "cannot read &lt;it&gt;" in page


@pytest.mark.parametrize("latex", [r"\frac{1}{", r"\begin{cases} x", "x &= y", "<script>alert(1)</script>",
                                   "(" * 3000 + "x", r"\undefinedcommand{x}"])
def test_mathml_never_raises_and_escapes(latex):
    out = mathml(latex)
    assert "<script>" not in out
    assert out.startswith("<math") or out.startswith('<span class="claim-text">')
