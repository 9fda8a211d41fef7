"""Prose into LaTeX, math mode, HTML and Markdown: escaping and the math allow-list."""

import pytest

from derivations.render.text import html_text, is_safe_math, latex_text, markdown_text, math_text, split_math


@pytest.mark.parametrize("text, expected", [
    ("quotient rule", "quotient rule"),
    ("50% & more", r"50\% \& more"),
    ("x_1 # y", r"x\_1 \# y"),
    ("{braces}", r"\{braces\}"),
    ("a\\b", r"a\textbackslash{}b"),
    ("e^x ~ 1", r"e\textasciicircum{}x \textasciitilde{} 1"),
    ("σ(1 − σ) ≤ 1/4", r"\ensuremath{\sigma}(1 - \ensuremath{\sigma}) \ensuremath{\le} 1/4"),
    ("naïve café", "naïve café"),
    ("cost \\$5", r"cost \$5"),
])
def test_latex_text_escapes(text, expected):
    assert latex_text(text) == expected


@pytest.mark.parametrize("math", [r"\sigma'(x)", r"\frac{1}{1+e^{-x}}", r"x_{1}^{2} \le \tfrac12"])
def test_safe_math_is_kept(math):
    assert split_math(f"by ${math}$.") == [("text", "by "), ("math", math), ("text", ".")]
    assert latex_text(f"by ${math}$") == f"by ${math}$"


@pytest.mark.parametrize("math", [
    r"\input{/etc/passwd}", r"\def\x{1}", r"\write18{rm -rf /}", "^^5cinput", r"\catcode`\@=11",
    "x}{", "a & b", r"\csname foo\endcsname", "50% off",
])
def test_unsafe_math_becomes_escaped_text(math):
    assert not is_safe_math(math)
    assert split_math(f"${math}$") == [("text", f"${math}$")]
    assert "$" + math + "$" not in latex_text(f"${math}$")


def test_unclosed_dollar_is_text():
    assert split_math("costs $5 only") == [("text", "costs $5 only")]


def test_math_text_keeps_specials_out_of_text():
    out = math_text("rule & 50% {x}")
    assert out == r"\text{rule }\&\text{ 50}\%\text{ }\{\text{x}\}"
    assert "&" not in out.replace(r"\&", "")


def test_html_text_escapes_and_converts_math():
    out = html_text("a < b & $x^2$")
    assert out.startswith("a &lt; b &amp; <math")
    assert "<msup>" in out


def test_markdown_text_escapes_emphasis_but_keeps_math():
    assert markdown_text("a_1 * b and $x_1$") == r"a\_1 \* b and $x_1$"
