"""Fragments for course notes: no preamble, verdicts optional, labels that can be prefixed; the CLI flags."""

import re

import pytest
from test_render_samples import rounded_numbers, sigmoid_derivative, with_wrong_step

from derivations.cli import main
from derivations.numbers import DecimalPlaces, SignificantDigits
from derivations.render import fragment, render
from derivations.render.model import note_for
from derivations.sheet import compile_pdf, find_latex


def test_latex_fragment_has_no_preamble_and_its_verdicts_are_optional():
    with_verdicts = fragment([sigmoid_derivative(), with_wrong_step()], "tex")
    without = fragment([sigmoid_derivative(), with_wrong_step()], "tex", verdicts=False)
    for tex in (with_verdicts, without):
        code = "\n".join(line for line in tex.splitlines() if not line.startswith("%"))
        assert r"\documentclass" not in code and r"\begin{document}" not in code and r"\usepackage" not in code
        assert tex.count(r"\begin{align*}") == 3 and r"\section{" in tex
        assert tex.startswith("% derivations fragment: needs")
    assert r"\textsf{proved}" in with_verdicts and r"\textsf{" not in without
    assert "Step 2 is" in with_verdicts and "Step 2 is" not in without  # no verdicts, no verdict list


def test_fragment_levels_and_label_prefix():
    tex = fragment(sigmoid_derivative(), "tex", level=2, label_prefix="week3-")
    assert r"\subsection{" in tex and r"\section{" not in tex
    assert r"\label{item:week3-test-sigmoid-derivative}" in tex
    page = fragment(sigmoid_derivative(), "html", label_prefix="week3-")
    assert 'id="week3-test-sigmoid-derivative"' in page


def test_html_fragment_is_one_div_with_scoped_css():
    page = fragment([sigmoid_derivative()], "html", verdicts=False)
    assert page.startswith('<div class="derivations">') and page.rstrip().endswith("</div>")
    assert "<html" not in page and "<body" not in page and "<math" in page
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert all(line.startswith(".derivations ") for line in css.splitlines() if line.strip())
    assert 'class="verdict' not in page
    assert "<style>" not in fragment([sigmoid_derivative()], "html", css=False)


def test_markdown_fragment_has_no_title_and_optional_anchors():
    md = fragment([sigmoid_derivative()], "md")
    assert not md.startswith("# ") and md.startswith("## ")
    assert "$$\n\\begin{aligned}" in md
    anchored = fragment([sigmoid_derivative()], "md", anchors=True)
    assert "{#item-test-sigmoid-derivative}" in anchored


def test_render_of_one_derivation_is_stable_for_other_modules():
    # the integrations' directives call render(d, fmt) and fragment(items, fmt): both keep working
    for fmt in ("tex", "html", "md"):
        assert render(sigmoid_derivative(), fmt) and fragment(sigmoid_derivative(), fmt)


@pytest.mark.parametrize("digits, words", [
    (4, "rounded to 4 significant digits"),
    (SignificantDigits(3), "rounded to 3 significant digits"),
    (DecimalPlaces(2), "rounded to 2 decimal places"),
])
def test_the_note_says_exactly_which_rounding(digits, words):
    d = rounded_numbers()
    d.digits = digits
    assert words in note_for(d)
    assert words in render(d, "tex") and words in render(d, "md")


def test_no_rounding_note_when_nothing_is_rounded():
    d = sigmoid_derivative()
    d.digits = DecimalPlaces(4)  # only exact numbers: 1, e^{-x}
    assert note_for(d) == ""
    assert "rounded" not in render(d, "tex")


@pytest.mark.slow
def test_latex_fragment_compiles_inside_a_host_document(tmp_path):
    if find_latex() is None:
        pytest.skip("no LaTeX installed")
    body = fragment([sigmoid_derivative(), with_wrong_step()], "tex", level=2)
    host = ("\\documentclass{book}\\usepackage{amsmath,amssymb}\\begin{document}\\chapter{Notes}\n"
            + body + "\nSee \\ref{item:test-sigmoid-derivative}.\n\\end{document}\n")
    compile_pdf(host, tmp_path / "notes.pdf", log_target=tmp_path / "notes.log", timeout=300)
    log = (tmp_path / "notes.log").read_text()
    assert "Undefined control sequence" not in log and "multiply defined" not in log


def test_cli_fragment_without_verdicts(tmp_path, capsys):
    assert main(["sheet", "softmax-jacobian", "--format", "tex,md,html", "--fragment", "--no-verdicts",
                 "--out", str(tmp_path)]) == 0
    tex = (tmp_path / "sheet.tex").read_text()
    assert r"\documentclass" not in tex and r"\textsf{proved}" not in tex and r"\begin{align*}" in tex
    assert (tmp_path / "sheet.html").read_text().startswith('<div class="derivations">')
    assert not (tmp_path / "sheet.pdf").exists()


def test_cli_fragment_refuses_a_pdf(tmp_path, capsys):
    assert main(["sheet", "softmax-jacobian", "--format", "pdf", "--fragment", "--out", str(tmp_path)]) == 2
    assert "cannot become a PDF" in capsys.readouterr().err
