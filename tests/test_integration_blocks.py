"""The blocks both notes integrations share: options, the author's chains, findings, rendering; and page math."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from derivations.integrations.blocks import (
    BlockError,
    author_block,
    catalog_block,
    exercise_block,
    parse_options,
    render_block,
)
from derivations.integrations.mathml import MathError, page_math


@pytest.mark.parametrize("raw, expected", [
    ({}, (None, True, True, None)),
    ({"title": "  Sigmoid  "}, ("Sigmoid", True, True, None)),
    ({"verdicts": "hide", "justifications": "no"}, (None, False, False, None)),
    ({"verdicts": "Show", "justifications": "TRUE"}, (None, True, True, None)),
    ({"verdicts": ""}, (None, True, True, None)),           # a bare flag, as docutils gives it
    ({"id": "two-layer"}, (None, True, True, "two-layer")),
])
def test_options(raw, expected):
    o = parse_options(raw)
    assert (o.title, o.verdicts, o.justifications, o.id) == expected


@pytest.mark.parametrize("raw, message", [
    ({"colour": "red"}, "unknown option :colour:"),
    ({"verdicts": "sometimes"}, "takes show or hide"),
])
def test_bad_options(raw, message):
    with pytest.raises(BlockError, match=message):
        parse_options(raw)


SIGMOID = [r"\frac{d}{dx}\sigma(x)",
           r"&= \frac{e^{-x}}{(1 + e^{-x})^2} && quotient rule \\",
           r"= \sigma(x)\,(1 - \sigma(x))    && algebra"]


def test_the_author_chain_is_shown_as_written_with_its_verdicts():
    block = author_block(SIGMOID, {}, first_line=40)
    assert block.findings == []
    [d] = block.derivations
    assert [s.evidence.verdict for s in d.steps] == ["proved", "proved"]
    assert [s.line for s in d.steps] == [41, 42]
    tex = render_block(block, "tex")
    # the author's LaTeX, as written (align markers and the \\ taken off), with the justifications
    assert r"\frac{d}{dx}\sigma(x) &= \frac{e^{-x}}{(1 + e^{-x})^2} && \text{quotient rule}" in tex
    assert r"\sigma(x)\,(1 - \sigma(x))" in tex


def test_justifications_hidden_and_a_title():
    block = author_block([":justifications: hide", ":title: Sigmoid", *SIGMOID], {})
    page = render_block(block, "html")
    assert "quotient rule" not in page and "<h3>Sigmoid</h3>" in page and 'id="derivation-sigmoid"' in page


@pytest.mark.parametrize("wrong, expected_line, words", [
    (r"= \sigma(x)\,(1 + \sigma(x))", 3, ["wrong step", "at x = "]),
    (r"= 2\sigma(x)\,(1 - \sigma(x))", 3, ["wrong step"]),
])
def test_a_wrong_step_is_a_warning_at_its_line(wrong, expected_line, words):
    block = author_block([*SIGMOID[:2], wrong], {})
    [finding] = block.findings
    assert (finding.line, finding.level, finding.kind) == (expected_line, "warning", "wrong")
    assert all(w in finding.message for w in words), finding.message
    assert '<tr class="wrong">' in render_block(block, "html")


def test_an_unreadable_step_is_information():
    block = author_block([r"\sigma(0)", r"= \mathfrak{q}\oint"], {}, first_line=5)
    [finding] = block.findings
    assert (finding.line, finding.level) == (6, "info") and "unchecked step" in finding.message


def test_definitions_chains_and_relations():
    block = author_block(["f(x) = x^2", r"f'(x) = 2x", r"f(3) = 9 \approx 9.0"], {})
    assert block.findings == []
    defined, derivative, numbers = block.derivations
    assert defined.steps[0].evidence.method == "definition"   # a definition is not a step, never wrong
    assert derivative.steps[0].evidence.verdict == "proved"
    assert [s.relation for s in numbers.steps] == ["=", "approx"]
    page = render_block(block, "html")
    assert page.split("</table>")[0].count("v-unchecked") == 0  # no verdict column for a definition alone


def test_an_empty_block_says_what_to_write():
    with pytest.raises(BlockError, match="one link a line"):
        author_block(["", "  "], {})


def test_catalog_and_exercise_blocks():
    block = catalog_block("sigmoid-symmetry", {"title": "Symmetry"})
    assert block.findings == [] and block.derivations[0].title == "Symmetry"
    with pytest.raises(BlockError, match="did you mean"):
        catalog_block("sigmoid-symetry")
    with pytest.raises(BlockError, match="no such file"):
        exercise_block("/nonexistent/problems.toml")


def test_exercise_block(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('[[problem]]\nid = "count"\nkind = "parameters"\nsizes = [6, 32, 4]\n'
                    '[[problem]]\nid = "other"\nkind = "parameters"\nsizes = [2, 3]\n')
    assert len(exercise_block(str(path)).derivations) == 2
    one = exercise_block(str(path), {"id": "count"})
    assert len(one.derivations) == 1 and one.findings == []
    assert "356" in render_block(one, "md")  # by hand: (6 * 32 + 32) + (32 * 4 + 4) = 224 + 132
    with pytest.raises(BlockError, match="its problems: count, other"):
        exercise_block(str(path), {"id": "missing"})


# --- the page's own math -------------------------------------------------------------------------

@pytest.mark.parametrize("latex, display", [
    (r"\frac{1}{1 + e^{-x}}", False),
    (r"\begin{aligned} a &= b \\ &= c \end{aligned}", True),
    (r"a &= b \\ &= c", True),
    (r"a = b \\ c = d", True),
    (r"\begin{gathered} a \\ b \end{gathered}", True),
    (r"\begin{equation} \sigma'(x) \le \frac14 \end{equation}", True),
    (r"\begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}", True),
])
def test_page_math_is_clean_mathml(latex, display):
    out = page_math(latex, display=display)
    root = ET.fromstring(out)
    assert root.tag.endswith("math") and root.get("display") == ("block" if display else "inline")
    assert not re.search(r"<m[io]>(&amp;|&)</m[io]>", out) and "\\" not in out
    if "\\\\" in latex:
        assert "<mtable" in out  # rows are rows, not one line


def test_page_math_refuses_what_it_cannot_convert():
    with pytest.raises(MathError):
        page_math(r"\unknowncommand{x}", display=False)
