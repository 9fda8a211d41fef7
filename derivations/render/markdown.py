r"""Markdown with ``$$`` display math that MathJax and KaTeX both render.

A chain is one ``aligned`` block inside ``$$ ... $$`` (``&=`` and ``\\``), each
justification a ``\text{}`` in a column of its own; no blank line falls inside
a math block (Jupyter Book, MkDocs and Quarto would end the block there).

>>> from sympy import Symbol, exp
>>> from derivations import Derivation, Step, sigmoid
>>> x = Symbol('x')
>>> d = Derivation("s", "sigma", start=sigmoid(x), steps=[Step(1 / (1 + exp(-x)), "definition")])
>>> print(chain_markdown(d, verdicts=False))
$$
\begin{aligned}
\sigma\left(x\right) &= \frac{1}{1 + e^{- x}} && \text{definition}
\end{aligned}
$$
"""

from __future__ import annotations

from .latex import LONG_LHS, conventions_text
from .model import Row, digits_of, issues, rows
from .registry import Format, register_format
from .text import markdown_text, math_text

__all__ = ["chain_markdown", "derivation_markdown", "document_markdown", "MarkdownFormat"]


def _why(row: Row, verdicts: bool) -> str:
    cells = []
    if row.why:
        cells.append(math_text(row.why))
    if verdicts and row.verdict:
        cells.append(r"\textsf{" + row.verdict + "}")
    return " && " + r" \quad ".join(cells) if cells else ""


def chain_markdown(derivation, *, verdicts: bool = True, digits: int | None = None) -> str:
    """The chain as a ``$$ \\begin{aligned} ... $$`` block."""
    lines = []
    for row in rows(derivation, digits=digits):
        if not row.relation:
            lines.append(row.lhs or "")
            continue
        lhs = row.lhs if row.lhs is not None else ""
        if len(lhs) > LONG_LHS:  # a wide left side gets a line of its own
            lines.append(f"&{lhs}")
            lhs = ""
        lines.append(f"{lhs} &{row.relation} {row.rhs}{_why(row, verdicts)}")
    return "$$\n\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}\n$$"


def derivation_markdown(derivation, *, level: int = 3, verdicts: bool = True, digits: int | None = None) -> str:
    """A derivation: heading, statement, chain, issues, notes and parts."""
    inherited, digits = digits, digits_of(derivation, digits)
    out = ["#" * min(level, 6) + " " + markdown_text(derivation.title)]
    if derivation.statement:
        out.append(markdown_text(derivation.statement))
    if derivation.assumptions:
        out.append("*Assumptions:* " + markdown_text(derivation.assumptions))
    if derivation.digits is not None and derivation.digits != inherited:  # say it once, not per part
        out.append(f"*Numbers are shown rounded to {derivation.digits} significant digits; "
                   "every computation used exact values.*")
    out.append(chain_markdown(derivation, verdicts=verdicts, digits=digits))
    found = [r for r in issues(rows(derivation, digits=digits)) if r.detail or r.verdict == "wrong"]
    if verdicts and found:
        out.append("\n".join(
            f"- Step {r.index} is **{r.verdict}**" + (": " + markdown_text(r.detail) if r.detail else ".")
            for r in found))
    if derivation.notes:
        out.append("*Note:* " + markdown_text(derivation.notes))
    for part in derivation.parts:
        out.append(derivation_markdown(part, level=level + 1, verdicts=verdicts, digits=digits))
    return "\n\n".join(out)


def document_markdown(sheet, *, plots_dir: str = "plots", verdicts: bool = True) -> str:
    """A complete Markdown document for a :class:`derivations.sheet.Sheet`."""
    out = ["# " + markdown_text(sheet.title), markdown_text(sheet.intro or conventions_text())]
    if verdicts:
        out.append("Each step carries its verdict: proved (symbolically), verified (numerically, to high "
                   "precision), wrong (refuted), unknown or unchecked.")
    for section in sheet.sections:
        if not section.items:
            continue
        if len(sheet.sections) > 1:
            out.append("## " + markdown_text(section.title))
        for item in section.items:
            out.append(derivation_markdown(item, level=3, verdicts=verdicts))
    if sheet.plots:
        out.append("## Activation functions and their derivatives")
        for spec in sheet.plots:
            out.append(f"![{markdown_text(spec.title)}]({plots_dir}/{spec.name}.svg)\n\n"
                       f"*{markdown_text(spec.caption)}*")
    return "\n\n".join(out) + "\n"


@register_format("md")
class MarkdownFormat(Format):
    """Markdown: ``derivation`` gives a heading and a ``$$`` block, ``document`` a full page."""

    extension = "md"

    def derivation(self, derivation, **options) -> str:
        return derivation_markdown(derivation, **options)

    def document(self, sheet, **options) -> str:
        return document_markdown(sheet, **options)
