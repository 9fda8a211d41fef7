"""Jupyter display: _repr_html_ and _repr_latex_ for derivations and sheets."""

import re

from test_render_samples import sigmoid_derivative, with_wrong_step

from derivations.render.notebook import html_repr, latex_repr, show
from derivations.sheet import Section, Sheet


def test_show_gives_html_with_mathml_and_scoped_css():
    out = show(sigmoid_derivative())._repr_html_()
    assert out.startswith('<div class="derivations-output"><style>')
    assert "<math" in out and "<mfrac>" in out
    css = re.search(r"<style>(.*?)</style>", out, re.S).group(1)
    assert all(line.startswith(".derivations-output ") for line in css.splitlines() if line.strip())


def test_latex_repr_is_one_display_block():
    out = latex_repr(sigmoid_derivative())
    assert out.startswith(r"$$\begin{aligned}") and out.endswith(r"\end{aligned}$$")
    assert out.count("$$") == 2
    assert latex_repr(with_wrong_step()).count("$$") == 4  # the chain, then its part


def test_sheet_displays_every_item():
    items = [sigmoid_derivative(), with_wrong_step()]
    sheet = Sheet("t", [Section("s", items)])
    assert sheet._repr_html_().count('<div class="derivations-output">') == 2
    assert sheet._repr_latex_().count(r"\begin{aligned}") == 3  # the wrong one has a part
    assert html_repr(items[1]).count("<section") == 2
