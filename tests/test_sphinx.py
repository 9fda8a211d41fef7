"""The Sphinx extension, built with the real sphinx-build: HTML offline in Chromium, LaTeX and PDF, -W failures."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from site_tools import (
    EXAMPLES,
    assert_rendered_as_math,
    browser_page,
    env,
    launch,
    need,
    need_program,
    plant,
    rendered_math,
    run,
)

pytestmark = pytest.mark.slow
SITE = EXAMPLES / "sphinx-notes"


@pytest.fixture(scope="module", autouse=True)
def tools():
    need("sphinx", "the test extra installs sphinx")
    need("myst_parser", "the test extra installs myst-parser")


def build(source, out, builder="html", *extra):
    return run(["-m", "sphinx", "-W", "--keep-going", "-n", "-b", builder, str(source), str(out), *extra])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("sphinx") / "html"
    result = build(SITE, out)
    assert result.returncode == 0, result.stderr
    return out, result


def test_example_builds_strict_without_warnings(site):
    out, result = site
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    for page in ("index.html", "backprop.html"):
        assert (out / page).is_file()
    assert (out / "_static" / "derivations.css").is_file()


def test_pages_load_nothing_from_the_network(site):
    out, _ = site
    for page in ("index.html", "backprop.html"):
        text = (out / page).read_text(encoding="utf-8")
        sources = re.findall(r'<(?:script|link|img)\b[^>]*(?:src|href)="([^"]+)"', text)
        assert sources and not [s for s in sources if re.match(r"(?:https?:)?//", s)], sources
        assert not re.search(r"<script[^>]*mathjax", text, re.I)  # no MathJax, not even a local one


def test_blocks_are_math_in_the_html(site):
    out, _ = site
    index = (out / "index.html").read_text(encoding="utf-8")
    # the catalog entry, the author's softplus derivation and the σ'(0) one, each a chain table of MathML
    assert index.count('<div class="derivations') == 3
    assert index.count('<table class="chain">') == 3
    assert "The derivative of softplus is the sigmoid" in index and "v-proved" in index
    # :verdicts: hide on the third block: its four rows carry no verdict cell
    last = index.split('<div class="derivations')[3]
    assert "v-proved" not in last.split("</table>")[0]
    # the page's own math ($...$ and $$...$$) is MathML as well, with the equation number
    assert '<span class="eqno">(1)' in index
    backprop = (out / "backprop.html").read_text(encoding="utf-8")
    assert "Softmax and cross-entropy of three logits" in backprop and "The derivative of tanh" in backprop


def test_rendered_in_chromium_offline(site, tmp_path):
    sync_api = need("playwright.sync_api", "the test extra installs playwright")
    out, _ = site
    p, browser = launch(sync_api)
    try:
        for name, blocks in (("index.html", 3), ("backprop.html", 3)):
            page = browser_page(p, browser)
            page.goto((out / name).as_uri())
            shown = rendered_math(page)
            assert_rendered_as_math(shown, blocks=blocks)
            assert shown["allMath"] > shown["maths"]  # the prose's math too
            assert page.blocked == []
            page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
            assert "proved" in shown["text"]
            page.close()
    finally:
        browser.close()
        p.stop()


def test_latex_builder_gets_our_latex_and_make_latexpdf_works(tmp_path):
    out = tmp_path / "latex"
    result = build(SITE, out, "latex")
    assert result.returncode == 0, result.stderr
    tex = (out / "week3.tex").read_text(encoding="utf-8")
    assert tex.count(r"\begin{align*}") >= 5
    assert "The derivative of softplus is the sigmoid" in tex
    assert r"\frac{1}{e^{-x} + 1}" in tex  # the author's LaTeX as written
    need_program("pdflatex", "CI installs texlive")
    need_program("latexmk", "CI installs latexmk and texlive-latex-extra for Sphinx's LaTeX")
    need_program("make", "make runs the example's Makefile")
    # the example's own Makefile, as an author runs it: `make latexpdf`
    build_dir = tmp_path / "_build"
    make = subprocess.run(["make", "-C", str(SITE), "latexpdf", f"BUILDDIR={build_dir}",
                           f"SPHINXBUILD={sys.executable} -m sphinx", "LATEXMKOPTS=-halt-on-error"],
                          capture_output=True, text=True, timeout=900, env=env())
    pdf = build_dir / "latex" / "week3.pdf"
    assert make.returncode == 0 and pdf.is_file(), (make.stdout + make.stderr)[-3000:]
    assert pdf.read_bytes()[:5] == b"%PDF-"
    log = (build_dir / "latex" / "week3.log").read_text(encoding="latin-1")
    assert "Undefined control sequence" not in log and "LaTeX Error" not in log
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "The derivative of softplus is the sigmoid" in text and "proved" in text


def _copy(tmp_path):
    copy = tmp_path / "notes"
    shutil.copytree(SITE, copy, ignore=shutil.ignore_patterns("_build"))
    return copy


def test_a_planted_wrong_step_fails_the_strict_build_at_its_file_and_line(tmp_path):
    copy = _copy(tmp_path)
    line = plant(copy / "index.md", r"= \frac{e^{x}}{1 + e^{x}}", r"= \frac{e^{-x}}{1 + e^{x}}")
    rst = plant(copy / "backprop.rst", r"= 1 - \tanh^2(z)", r"= 1 + \tanh^2(z)")
    result = build(copy, tmp_path / "html")
    assert result.returncode != 0
    warnings = [w for w in result.stderr.splitlines() if "WARNING" in w]
    md = [w for w in warnings if f"index.md:{line}:" in w]
    assert len(md) == 1, result.stderr
    assert "wrong step" in md[0] and "counterexample" in md[0] and "at x = " in md[0]
    assert any(f"backprop.rst:{rst}:" in w and "wrong step" in w for w in warnings), result.stderr
    # the step after the planted one goes back to the right value: wrong too, and it says so with page lines
    after = [w for w in warnings if f"index.md:{line + 1}:" in w]
    assert len(after) == 1 and f"the chain is broken at line {line}" in after[0], result.stderr
    assert len(warnings) == 3, result.stderr


def test_a_slip_is_named_in_the_warning(tmp_path):
    copy = _copy(tmp_path)
    line = plant(copy / "index.md", r"= \frac{1}{2} \cdot \frac{1}{2}", r"= \frac{1}{2} \cdot \frac{1}{2} + 0.1")
    result = build(copy, tmp_path / "html")
    assert result.returncode != 0
    [warning] = [w for w in result.stderr.splitlines() if f"index.md:{line}:" in w]
    assert "0.25" in warning or "1/4" in warning


@pytest.mark.parametrize("source, name", [
    ("```{{derivation}}\n:title: T\n\\sigma(0)\n= \\frac{{1}}{{2}}\n= {bad}\n```\n", "page.md"),
    ("```{{derivation}}\n---\ntitle: T\nverdicts: hide\n---\n\\sigma(0)\n= \\frac{{1}}{{2}}\n= {bad}\n```\n",
     "page.md"),
    (":::{{derivation}}\n\\sigma(0)\n= \\frac{{1}}{{2}}\n= {bad}\n:::\n", "page.md"),
    ("Page\n====\n\nSome text.\n\n.. derivation::\n   :title: T\n   :verdicts: hide\n\n   \\sigma(0)\n"
     "   = \\frac{{1}}{{2}}\n   = {bad}\n", "page.rst"),
])
def test_line_numbers_in_myst_and_rest(tmp_path, source, name):
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "derivations.sphinx"]\n'
                                      'myst_enable_extensions = ["colon_fence"]\nroot_doc = "page"\n')
    text = ("# Page\n\n" if name.endswith(".md") else "") + source.format(bad="0.7")
    (tmp_path / name).write_text(text)
    expected = text.split("\n").index("= 0.7" if name.endswith(".md") else "   = 0.7") + 1
    result = build(tmp_path, tmp_path / "_build")
    assert result.returncode != 0
    assert f"{name}:{expected}: WARNING: wrong step" in result.stderr, result.stderr


def test_unchecked_step_is_information_not_a_warning(tmp_path):
    (tmp_path / "conf.py").write_text('extensions = ["derivations.sphinx"]\n')
    (tmp_path / "index.rst").write_text("Page\n====\n\n.. derivation::\n\n   \\sigma(0)\n   = \\frac{1}{2}\n"
                                        "   = \\mathfrak{q}\\oint\n")
    result = build(tmp_path, tmp_path / "_build")
    assert result.returncode == 0, result.stderr
    assert "index.rst:8: unchecked step" in result.stdout + result.stderr


@pytest.mark.parametrize("directive, message", [
    (".. derivation:: sigmoid-derivatve", "did you mean sigmoid-derivative"),
    (".. exercise:: missing.toml", "cannot read the problem file"),
    (".. exercise:: problems.toml\n   :id: nope", "no problem with id 'nope'"),
    (".. derivation::\n   :verdicts: sometimes\n\n   x\n   = x", "takes show or hide"),
    (".. derivation:: sigmoid-derivative\n\n   x = x", "not both"),
])
def test_a_bad_block_is_a_warning_that_says_what_to_fix(tmp_path, directive, message):
    (tmp_path / "conf.py").write_text('extensions = ["derivations.sphinx"]\n')
    (tmp_path / "problems.toml").write_text('[[problem]]\nid = "count"\nkind = "parameters"\nsizes = [2, 3, 1]\n')
    (tmp_path / "index.rst").write_text(f"Page\n====\n\n{directive}\n")
    result = build(tmp_path, tmp_path / "_build")
    assert result.returncode != 0
    assert "index.rst:4: WARNING" in result.stderr and message in result.stderr, result.stderr


def test_mathjax_stays_when_chosen_and_blocks_are_still_mathml(tmp_path):
    (tmp_path / "conf.py").write_text('extensions = ["derivations.sphinx"]\nhtml_math_renderer = "mathjax"\n')
    (tmp_path / "index.rst").write_text("Page\n====\n\n:math:`x^2`\n\n.. derivation:: sigmoid-symmetry\n")
    result = build(tmp_path, tmp_path / "_build")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<script[^>]*mathjax", page, re.I) and '<table class="chain">' in page and "<math" in page
