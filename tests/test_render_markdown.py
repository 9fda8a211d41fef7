"""Markdown: $$ aligned blocks that MathJax/KaTeX accept; checked for real by LaTeX."""

import re

import pytest
from test_render_samples import all_samples, sigmoid_derivative, with_wrong_step

from derivations.render.markdown import chain_markdown, derivation_markdown
from derivations.sheet import Section, Sheet, compile_pdf, find_latex

BLOCK = re.compile(r"^\$\$\n(.*?)\n\$\$$", re.S | re.M)


def _document() -> str:
    from derivations.catalog import all_entries

    return Sheet("Markdown test", [Section("Catalog", all_entries()), Section("Hand-built", all_samples())]).render("md")


def test_chain_is_one_aligned_block_with_justification_and_verdict_columns():
    d = sigmoid_derivative()
    md = chain_markdown(d)
    body = BLOCK.fullmatch(md).group(1).splitlines()
    assert body[0] == r"\begin{aligned}" and body[-1] == r"\end{aligned}"
    rows = body[1:-1]
    steps = [r for r in rows if " &= " in r]
    assert len(steps) == len(d.steps)
    assert all(r"&& \text{" in r and r.rstrip(" \\").endswith(r"&& \textsf{proved}") for r in steps)
    # a long justification continues on rows of its own, in the same (fourth) column
    more = [r for r in rows if " &= " not in r]
    assert more and all(r.startswith("& && ") for r in more)
    assert all(r.endswith(r"\\") for r in rows[:-1])


def test_no_blank_line_inside_math_and_blocks_balanced():
    md = _document()
    assert md.count("$$") % 2 == 0
    for block in BLOCK.findall(md):
        assert "\n\n" not in block
        chain = block.startswith(r"\begin{aligned}") and block.endswith(r"\end{aligned}")
        definition = "\n" not in block and re.match(r"^[^=]+ = ", block)  # "p_{k} = ...": a name defined
        assert chain or definition, block[:80]
        assert "align*" not in block and r"\tag" not in block


def test_hostile_justification_stays_inside_text_and_prose_is_escaped():
    md = derivation_markdown(with_wrong_step())
    assert r"\input" not in md.replace(r"\backslash \text{input}", "")
    assert r"\text{50}\%\text{ of }\{\text{x}\_\text{1}\}\text{ }\&\text{ }\#\text{2 }" in md
    assert "- Step 2 is **wrong**" in md


@pytest.mark.slow
def test_every_math_block_compiles_with_latex(tmp_path):
    if find_latex() is None:
        pytest.skip("no LaTeX installed")
    blocks = BLOCK.findall(_document())
    assert blocks
    source = ("\\documentclass{article}\\usepackage{amsmath,amssymb}\\begin{document}\n"
              + "\n".join(f"\\[\n{b}\n\\]" for b in blocks) + "\n\\end{document}\n")
    compile_pdf(source, tmp_path / "md.pdf", log_target=tmp_path / "md.log", timeout=300)
    log = (tmp_path / "md.log").read_text()
    assert "Undefined control sequence" not in log and not re.search(r"^! ", log, re.M)
