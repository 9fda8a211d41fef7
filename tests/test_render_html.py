"""HTML with MathML: structure, no leaks of LaTeX, and real layout in headless Chromium."""

import html
import re
import xml.etree.ElementTree as ET

import pytest
from site_tools import chromium
from test_render_samples import NASTY_WHY, all_samples, rounded_numbers, sigmoid_derivative, with_wrong_step

from derivations.render.html import derivation_html
from derivations.render.plots import default_plots
from derivations.sheet import Section, Sheet

MATHML = "{http://www.w3.org/1998/Math/MathML}"


def _maths(page: str) -> list[str]:
    return re.findall(r"<math\b.*?</math>", page, re.S)


def _full_sheet() -> Sheet:
    from derivations.catalog import all_entries

    return Sheet("Render test: σ & <b>", [Section("Catalog", all_entries()), Section("Hand-built", all_samples())],
                 plots=default_plots())


@pytest.fixture(scope="module")
def page():
    return _full_sheet().render("html")


def test_every_math_element_is_well_formed_mathml(page):
    maths = _maths(page)
    assert len(maths) > 100
    for m in maths:
        ET.fromstring(m)  # raises on malformed XML


# the hostile justification is shown as the text it is: leave it out of the leak checks
HOSTILE_PROSE = NASTY_WHY.split("$\\frac")[0]


def test_no_latex_leaks(page):
    assert "<mi>&amp;</mi>" not in page and "<mo>&amp;</mo>" not in page
    assert page.count(html.escape(HOSTILE_PROSE, quote=False)) == 1
    rest = page.replace(html.escape(HOSTILE_PROSE, quote=False), "")
    assert not re.search(r"\\[A-Za-z]+", rest), re.search(r".{40}\\[A-Za-z]+.{40}", rest)
    assert "$" not in rest


def test_one_table_row_per_step_with_verdict_classes():
    d = sigmoid_derivative()
    html = derivation_html(d)
    assert html.count("<tr") == len(d.steps)
    assert html.count('class="verdict v-proved"') == len(d.steps)
    assert html.count('<td class="lhs"><math') == 1  # the left side only on the first row


def test_wrong_step_row_issue_and_hostile_text():
    html = derivation_html(with_wrong_step())
    assert '<tr class="wrong">' in html and "v-unchecked" in html
    assert "Step 2 is <strong>wrong</strong>" in html
    assert "50% of {x_1} &amp; #2" in html and "<b>" not in html
    assert "<mfrac>" in html  # the safe inline math of the justification became MathML


def test_page_is_self_contained_without_javascript(page):
    assert "<script" not in page.lower()
    assert re.search(r"<link\b", page) is None
    assert page.count('<img src="plots/') == len(default_plots())
    assert "&lt;b&gt;" in page.split("</title>")[0]


def test_rounded_numbers_in_mathml():
    html = derivation_html(rounded_numbers())
    assert "<mn>0.3</mn>" in html and "<mn>1.149</mn>" in html


# --- a real browser ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture(scope="module")
def loaded(browser, page, tmp_path_factory):
    directory = tmp_path_factory.mktemp("html")
    path = directory / "sheet.html"
    path.write_text(page, encoding="utf-8")
    tab = browser.new_page()
    tab.goto(path.as_uri())
    yield tab
    tab.close()


@pytest.mark.slow
def test_fractions_are_laid_out_numerator_above_denominator(loaded):
    boxes = loaded.evaluate("""() => Array.from(document.querySelectorAll('mfrac')).map(f => {
        const [num, den] = f.children; const a = num.getBoundingClientRect(), b = den.getBoundingClientRect();
        return [a.top, a.bottom, b.top, b.bottom, a.height, b.height];
    })""")
    assert len(boxes) > 50
    for num_top, num_bottom, den_top, den_bottom, num_h, den_h in boxes:
        assert num_h > 0 and den_h > 0
        assert num_bottom <= den_top + 1.0 and num_top < den_top


@pytest.mark.slow
def test_visible_text_has_no_latex_commands(loaded):
    text = loaded.evaluate("() => document.body.innerText")
    assert "proved" in text and "Step 2 is wrong" in text
    assert text.count(HOSTILE_PROSE) == 1
    text = text.replace(HOSTILE_PROSE, "")
    assert not re.search(r"\\[A-Za-z]+", text)
    assert "<mi>&amp;</mi>" not in loaded.content()


@pytest.mark.slow
def test_chain_columns_line_up(loaded):
    # every relation cell of a chain sits in one column: same left edge
    lefts = loaded.evaluate("""() => Array.from(document.querySelectorAll('table.chain')).map(t =>
        Array.from(t.querySelectorAll('td.rel')).map(td => Math.round(td.getBoundingClientRect().left)))""")
    assert lefts and all(len(set(col)) == 1 for col in lefts if col)
