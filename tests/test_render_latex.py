"""LaTeX: the align* snippet, escaping, and real compilation with pdfLaTeX and LuaLaTeX."""

import re
import shutil

import pytest
from test_render_samples import all_samples, page_count, rounded_numbers, sigmoid_derivative, with_wrong_step

from derivations.render import render
from derivations.render.latex import align, derivation_latex
from derivations.render.plots import default_plots, write_plots
from derivations.sheet import Section, Sheet, compile_pdf


def test_align_has_one_line_per_step_with_a_fixed_width_justification_tag():
    d = sigmoid_derivative()
    block = align(d)
    lines = block.splitlines()
    assert lines[0] == r"\begin{align*}" and lines[-1] == r"\end{align*}"
    body = lines[1:-1]
    assert len(body) == len(d.steps)
    assert all(line.lstrip().split("&", 1)[1].startswith("=") for line in body)
    # the same box for short and long justifications, the verdict in a box of its own after it
    tags = [re.search(r"\\tag\*\{(.*)\}( \\\\)?$", line).group(1) for line in body]
    assert all(t.startswith(r"\parbox[t]{0.28\linewidth}{\raggedright\small ") for t in tags)
    assert all(r"\makebox[3.6em][r]{\scriptsize \textsf{proved}}" in t for t in tags)
    assert body[0].startswith(r"\frac{d}{d x} \sigma\left(x\right) &=")
    assert all(line.endswith(r"\\") for line in body[:-1])


def test_numbered_uses_align_and_verdicts_can_be_hidden():
    block = align(sigmoid_derivative(), numbered=True, verdicts=False)
    assert block.startswith(r"\begin{align}") and r"\textsf" not in block


@pytest.mark.parametrize("relation, symbol", [("<=", r"\le"), ("approx", r"\approx"), (">", ">")])
def test_relations(relation, symbol):
    from sympy import Symbol

    from derivations import Derivation, Step

    y = Symbol("y")
    d = Derivation("r", "r", start=y, steps=[Step(y + 1, "why", relation=relation)])
    assert f"&{symbol} y + 1" in align(d, verdicts=False)


def test_hostile_justification_is_escaped():
    tex = derivation_latex(with_wrong_step())
    assert r"\input{/etc/passwd}" not in tex
    assert r"50\% of \{x\_1\} \& \#2" in tex
    assert r"$\frac{1}{2}$" in tex  # safe inline math is kept


def test_wrong_step_is_marked_and_explained_and_parts_follow():
    tex = derivation_latex(with_wrong_step())
    assert r"\textbf{\textsf{wrong}}" in tex
    assert re.search(r"Step 2 is \\textbf\{wrong\}: wrong \(", tex)
    assert r"\textsf{unchecked}" in tex
    assert tex.index(r"\subsection{A part}") > tex.index(r"\end{align*}")


def test_digits_round_the_numbers_and_say_so():
    tex = render(rounded_numbers(), "tex")
    assert "2 \\sigma\\left(0.3\\right)" in tex and "1.149" in tex
    assert "rounded to 4 significant digits" in tex


# --- real LaTeX ---------------------------------------------------------------------------------

def _sheet():
    from derivations.catalog import all_entries

    return Sheet("Render test: σ & 100% {braces}", [Section("Catalog", all_entries()),
                                                    Section("Hand-built", all_samples())],
                 plots=default_plots())


@pytest.fixture(scope="module")
def plots_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("plots") / "plots"
    write_plots(directory, formats=("pdf",))
    return directory


def _compile(tmp_path_factory, plots_dir, engine):
    if shutil.which(engine) is None:
        pytest.skip(f"{engine} is not installed (CI installs texlive-latex-base, -recommended, -luatex, lmodern)")
    out = tmp_path_factory.mktemp(engine)
    source = _sheet().render("tex")
    pdf = compile_pdf(source, out / "sheet.pdf", resources=plots_dir, engine=engine, log_target=out / "sheet.log",
                      timeout=300)
    return source, pdf.read_bytes(), (out / "sheet.log").read_text()


@pytest.fixture(scope="module")
def pdflatex_result(tmp_path_factory, plots_dir):
    return _compile(tmp_path_factory, plots_dir, "pdflatex")


def _assert_good_pdf(source, data, log, engine):
    assert data.startswith(b"%PDF")
    pages = page_count(data)
    assert pages > 0
    written = re.search(r"Output written on sheet\.pdf \((\d+) pages?", log)
    assert written and int(written.group(1)) == pages, f"{engine} log and PDF disagree on pages"
    assert "Undefined control sequence" not in log
    assert "Missing character" not in log
    assert not re.search(r"^! ", log, re.M)
    assert source.count(r"\includegraphics") == len(default_plots())
    assert log.count("plots/") >= len(default_plots())  # every plot was read


@pytest.mark.slow
def test_sheet_compiles_with_pdflatex(pdflatex_result):
    _assert_good_pdf(*pdflatex_result, "pdflatex")


@pytest.mark.slow
def test_sheet_compiles_with_lualatex(tmp_path_factory, plots_dir):
    _assert_good_pdf(*_compile(tmp_path_factory, plots_dir, "lualatex"), "lualatex")


@pytest.mark.slow
def test_compile_error_is_reported_with_the_first_error(tmp_path):
    from derivations.sheet import LatexError, find_latex

    if find_latex() is None:
        pytest.skip("no LaTeX installed")
    bad = "\\documentclass{article}\\begin{document}\\undefinedmacro\\end{document}\n"
    with pytest.raises(LatexError, match="Undefined control sequence"):
        compile_pdf(bad, tmp_path / "bad.pdf", timeout=120)
    assert not (tmp_path / "bad.pdf").exists()


def test_a_problem_whose_work_is_in_its_parts_does_not_open_with_a_lone_value():
    from sympy import Integer

    from derivations import Derivation, Step

    part = Derivation("count", "Parameters", start=Integer(2) * 3 + 2, steps=[Step(Integer(8), "multiply and add")])
    problem = Derivation("p", "A problem", start=Integer(8), parts=[part])
    assert render(problem, "tex").count(r"\begin{align*}") == 1  # the part's chain only
    assert render(problem, "html").count('<table class="chain">') == 1
    assert render(problem, "md").count(r"\begin{aligned}") == 1
    alone = Derivation("q", "A value", start=Integer(8))  # without parts, the value is all there is: shown
    assert render(alone, "tex").count(r"\begin{align*}") == 1
