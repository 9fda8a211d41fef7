"""Reports a grader reads: the JSON schema, the text layout, the HTML as Chromium shows it, exit statuses.

A report with an error carried forward (a ``follows`` step) is built by hand
here, since deciding ``follows`` is the document model's business: the
reports and ``grade`` must show it and count it once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from site_tools import chromium

from derivations.check import check_file, check_text
from derivations.check.document import FileReport, StepReport
from derivations.check.grading import row_of
from derivations.check.report_html import html_report, prose_html
from derivations.check.report_json import file_json, reports_json
from derivations.check.report_text import INDENT, plain_report
from derivations.cli import main
from derivations.parse.latex import parse_expression
from derivations.vocabulary import Verdict

CORPUS = Path(__file__).parent / "corpus"
DOCUMENTS = sorted(p for p in CORPUS.iterdir() if p.suffix != ".expected")
LATEX_KEYS = ("claim", "lhs", "rhs")
PROSE_KEYS = ("detail", "slip", "note")


def carried_forward() -> FileReport:
    """``0.6225 \\cdot 0.3775 = 0.2530`` (wrong), then a line that uses 0.2530 correctly (follows)."""
    wrong = StepReport(13, r"0.6225 \cdot 0.3775 = 0.2530", "wrong",
                       r"$0.6225 \cdot 0.3775 \approx 0.234994$, not $0.2530$", expected=parse_expression("0.23499375"),
                       lhs=r"0.6225 \cdot 0.3775", rhs="0.2530", slip=r"digits swapped: $0.2530$ for $0.2350$",
                       slip_kind="wrong-rounding",
                       counterexample={"point": {}, "left": "0.2350", "right": "0.2530"})
    follows = StepReport(15, r"-1.51 \cdot 0.2530 \cdot 1 = -0.3820", "follows",
                         r"right with the value $0.2530$ of line 13", lhs=r"-1.51 \cdot 0.2530 \cdot 1",
                         rhs="-0.3820", follows=13)
    proved = StepReport(17, r"\frac{1}{2} = 0.5", "proved", "proved (arithmetic)", lhs=r"\frac{1}{2}", rhs="0.5")
    return FileReport("carried.md", [wrong, follows, proved])


# ---- JSON: one form per field --------------------------------------------------------------

def _is_latex(value) -> bool:
    return isinstance(value, str) and "$" not in value and "Matrix(" not in value and "Float(" not in value


def _check_step_schema(step: dict) -> None:
    assert list(step) == ["line", "claim", "lhs", "relation", "rhs", "verdict", "detail", "slip", "slip_kind",
                          "note", "counterexample", "correct_value", "follows"]
    assert isinstance(step["line"], int)
    assert step["verdict"] in ("proved", "verified", "wrong", "follows", "unchecked")
    assert step["relation"] in ("=", "approx", "<=", "<", ">=", ">", "!=")
    for key in LATEX_KEYS:
        assert _is_latex(step[key]), (key, step[key])
    for key in PROSE_KEYS:
        value = step[key]
        assert value is None or (isinstance(value, str) and value.count("$") % 2 == 0), (key, value)
    assert step["detail"] is not None
    assert step["slip_kind"] is None or isinstance(step["slip_kind"], str)
    assert step["correct_value"] is None or isinstance(step["correct_value"], float)
    assert step["follows"] is None or isinstance(step["follows"], int)
    example = step["counterexample"]
    if example is not None:
        assert set(example) <= {"point", "functions", "left", "right"} and isinstance(example["point"], dict)
        assert isinstance(example.get("functions", {}), dict)   # unknown functions: name -> LaTeX
        for value in [*example["point"].values(), *example.get("functions", {}).values(),
                      example.get("left", ""), example.get("right", "")]:
            assert _is_latex(value) and not re.search(r"\d\.\d{16,}", value), value  # no 50-digit floats
    if step["verdict"] != "wrong":
        assert step["counterexample"] is None and step["correct_value"] is None


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_json_schema_on_the_corpus(path):
    data = file_json(check_file(path))
    assert set(data) == {"path", "status", "steps", "errors", "summary"}
    for step in data["steps"]:
        _check_step_schema(step)
    assert data["summary"]["steps"] == len(data["steps"])
    json.dumps(data)  # every value is plain JSON


def test_json_counterexample_values_are_latex_numbers():
    step = file_json(check_text(r"$$\frac{1}{1+e^{-x}} = \frac{1}{1+e^{x}}$$"))["steps"][0]
    example = step["counterexample"]
    assert example["point"] == {"x": "1"}
    assert float(example["left"]) == pytest.approx(0.7311, abs=1e-4)
    assert float(example["right"]) == pytest.approx(0.2689, abs=1e-4)
    assert step["slip_kind"] == "sign-in-exponent" and "$e^{x}$" in step["slip"]
    number = file_json(check_text(r"$$\sigma(0.5) = 0.7$$"))["steps"][0]
    assert number["correct_value"] == pytest.approx(0.6224593312018546, rel=1e-15)


def test_json_follows_is_counted_once():
    data = file_json(carried_forward())
    assert data["summary"] == {"steps": 3, "proved": 1, "verified": 0, "wrong": 1, "follows": 1, "unchecked": 0}
    wrong, follows, _ = data["steps"]
    assert (follows["verdict"], follows["follows"]) == ("follows", 13) and wrong["follows"] is None
    for step in data["steps"]:
        _check_step_schema(step)
    whole = json.loads(reports_json([carried_forward()], [{"path": "x.pdf", "error": "a PDF"}], exit_status=1))
    assert whole["summary"]["wrong"] == 1 and whole["summary"]["follows"] == 1
    assert whole["summary"]["unreadable"] == 1 and whole["files"][1]["status"] == "unreadable"


def test_grade_counts_a_follows_step_once():
    row = row_of(carried_forward(), "carried.md")
    assert (row.wrong, row.follows, row.proved, row.first_wrong_line, row.status) == (1, 1, 1, 13, "checked")


# ---- text --------------------------------------------------------------------------------------

def test_text_layout_with_follows():
    lines = plain_report(carried_forward()).split("\n")
    assert lines[1] == r"  line   13  WRONG      0.6225 \cdot 0.3775 = 0.2530"
    assert lines[2] == INDENT + r"0.6225 \cdot 0.3775 \approx 0.234994, not 0.2530"
    assert lines[3] == INDENT + r"likely slip: digits swapped: 0.2530 for 0.2350"
    assert lines[4] == r"  line   15  follows    -1.51 \cdot 0.2530 \cdot 1 = -0.3820"
    assert lines[6] == INDENT + "follows from the wrong step on line 13: the error is counted there, once"
    assert "  3 steps: 1 proved, 1 wrong, 1 follows" in lines
    assert lines[-1] == "  first wrong step on line 13"
    assert "$" not in "\n".join(lines)


@pytest.mark.parametrize("text, warning", [
    ("Only prose here.", "nothing could be checked: no step was found"),
    (r"$$\mathcal{Q}(x) = \frac{1}{\ $$", "nothing could be checked: all 1 steps are unchecked"),
])
def test_nothing_checked_is_said(text, warning):
    report = check_text(text, path="empty.md")
    assert not report.checked
    assert plain_report(report).split("\n")[-1] == "  " + warning
    assert warning in html_report([report])
    assert file_json(report)["status"] == "nothing checked"


# ---- exit statuses -----------------------------------------------------------------------------

@pytest.mark.parametrize("contents, status", [
    ([r"$$\sigma(0) = \frac{1}{2}$$"], 0),
    ([r"$$\sigma(0) = 0.6$$"], 1),
    (["No math at all."], 3),
    ([r"$$\mathcal{Q}(x) = \frac{1}{\ $$"], 3),                # every step unchecked
    ([r"$$\sigma(0) = \frac{1}{2}$$", "No math."], 3),          # one of two files has nothing checked
    ([r"$$\sigma(0) = 0.6$$", "No math."], 1),                   # a wrong step comes first
    ([r"$$\sigma(0) = 0.6$$", None], 2),                         # an unreadable file comes before all
])
def test_exit_status(tmp_path, capsys, contents, status):
    paths = []
    for i, text in enumerate(contents):
        path = tmp_path / f"doc{i}.md"
        if text is None:
            path = tmp_path / "scan.pdf"
            path.write_bytes(b"%PDF-1.4")
        else:
            path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    assert main(["check", *paths]) == status
    assert main(["check", "--json", *paths]) == status
    out = capsys.readouterr().out
    assert json.loads(out[out.index('{\n  "files"'):])["summary"]["exit_status"] == status


def test_exit_statuses_are_documented(capsys):
    from derivations.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["check", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for status in ("0 every file read", "1 a step is wrong", "2 a usage error", "3 no step wrong"):
        assert status in text
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "exit status 3" in readme.lower() and '"follows"' in readme


def test_grade_exit_statuses(tmp_path, capsys):
    (tmp_path / "a.md").write_text(r"$$\sigma(0) = \frac{1}{2}$$", encoding="utf-8")
    assert main(["grade", str(tmp_path), "--jobs", "1"]) == 0
    (tmp_path / "b.md").write_text("no math", encoding="utf-8")
    assert main(["grade", str(tmp_path), "--jobs", "1"]) == 3
    (tmp_path / "c.docx").write_bytes(b"PK\x03\x04")
    assert main(["grade", str(tmp_path), "--jobs", "1", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    rows = {r["path"]: r for r in json.loads(out[out.rindex('{\n  "files"'):])["files"]}
    assert rows["c.docx"]["status"] == "unreadable" and "word-processor" in rows["c.docx"]["error"]
    assert "c.docx" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["grade", str(empty)]) == 3


# ---- HTML ----------------------------------------------------------------------------------------

def test_prose_html_turns_math_into_mathml():
    out = prose_html(r"sign flipped in the exponent: $e^{x}$ for $e^{- x}$ <b>")
    assert out.count("<math") == 2 and "&lt;b&gt;" in out and "$" not in out


def issue_report() -> list:
    text = "\n\n".join([
        r"$$\sigma(x) = \frac{1}{1+e^{-x}} = \frac{1}{1+e^{x}}$$",
        r"$$\sigma'(x) = (1-\sigma(x))(1+\sigma(x))$$",
        r"$$\sigma(10) \approx 0.99$$",
        r"$$\frac{d}{dx}\sigma(2x) = \sigma(2x)(1-\sigma(2x))$$",
        r"$$e^7 \approx 1097$$",
    ])
    return [check_text(text, path="issue.md"), carried_forward()]


def test_html_has_no_raw_latex_outside_math():
    page = html_report(issue_report())
    assert "<script" not in page.lower()
    visible = re.sub(r"<math\b.*?</math>", "", page, flags=re.S)
    visible = re.sub(r"<style>.*?</style>", "", visible, flags=re.S)
    assert not re.search(r"\\[A-Za-z]+", visible), re.search(r".{60}\\[A-Za-z]+.{20}", visible)
    assert "$" not in visible
    assert "<mi>&amp;</mi>" not in page


@pytest.fixture(scope="module")
def tab(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(html_report(issue_report()), encoding="utf-8")
    for browser in chromium():
        page = browser.new_page()
        page.goto(path.as_uri())
        yield page


@pytest.mark.slow
def test_chromium_shows_math_not_latex(tab):
    text = tab.evaluate("() => document.body.innerText")
    assert "WRONG" in text and "follows line 13" in text and "likely slip" in text
    assert not re.search(r"\\(frac|sigma|approx|cdot|left|right)\b", text), text
    assert "$" not in text
    fractions = tab.evaluate("""() => Array.from(document.querySelectorAll('mfrac')).map(f => {
        const [num, den] = f.children; const a = num.getBoundingClientRect(), b = den.getBoundingClientRect();
        return [a.bottom, b.top, a.height, b.height];
    })""")
    assert len(fractions) >= 3
    for num_bottom, den_top, num_h, den_h in fractions:
        assert num_h > 0 and den_h > 0 and num_bottom <= den_top + 1.0  # a fraction laid out, not \frac text
    notes_with_math = tab.evaluate("() => document.querySelectorAll('div.note math').length")
    assert notes_with_math >= 6  # slips, details and counterexamples as math


@pytest.mark.slow
def test_chromium_colours_come_from_the_vocabulary(tab):
    colours = tab.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('tr[class^=verdict-]'))
        .map(r => [r.className, getComputedStyle(r).backgroundColor]))""")
    assert {"verdict-wrong", "verdict-proved", "verdict-follows"} <= set(colours)
    assert len(set(colours.values())) == len(colours)  # each verdict has its own tint
    for verdict in (Verdict.WRONG, Verdict.FOLLOWS):
        assert colours[f"verdict-{verdict}"] != "rgba(0, 0, 0, 0)"
