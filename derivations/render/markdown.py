r"""Markdown with ``$$`` display math that MathJax and KaTeX both render.

A chain is one ``aligned`` block inside ``$$ ... $$`` (``&=`` and ``\\``), the
justification a ``\text{}`` in a column of its own and the verdict in the next,
so both line up down the block.  Neither renderer wraps ``\text``, so a long
justification continues on rows of its own (only ``&&`` cells), and a long side
is broken between terms (:mod:`.breaking`).  No blank line falls inside a math
block (Jupyter Book, MkDocs and Quarto would end the block there).  Prose is
Markdown with its math as ``$…$``.

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

from .latex import VERDICT_LEGEND, Layout, conventions_text
from .model import (
    definitions,
    digits_of,
    issues,
    label,
    lhs_room,
    names_its_chain,
    note_for,
    own_lhs_lines,
    part_paths,
    rows,
)
from .registry import Format, register_format
from .text import markdown_text, math_text, wrap_prose

__all__ = ["chain_markdown", "derivation_markdown", "document_markdown", "fragment_markdown", "MarkdownFormat",
           "MarkdownLayout"]


class MarkdownLayout(Layout):
    """Room for the math of a chain in a typical course-notes page (MkDocs, Jupyter Book): about 30 em,
    with the justification wrapped at 30 characters beside it."""

    line = 30.0
    why_chars = 30


def chain_markdown(derivation, *, verdicts: bool = True, digits=None, layout: Layout | None = None) -> str:
    """The chain as a ``$$ \\begin{aligned} ... $$`` block."""
    layout = layout or MarkdownLayout()
    table = rows(derivation, digits=digits)
    lines: list[str] = []
    own = own_lhs_lines(table[0], layout)
    if own:
        bare = len(own) == 1 and not table[0].relation
        lines += [own[0]] if bare else ["&" + own[0]] + [r"&\quad " + p for p in own[1:]]
    if table[0].relation:
        lhs = "" if own else (table[0].lhs or "")
        room = layout.line - lhs_room(table[0], own, layout)
        for row in table:
            parts = row.rhs_after_relation(room, room - layout.safety, layout.safety)
            why = wrap_prose(row.why, getattr(layout, "why_chars", 30)) if row.why else [""]
            verdict = rf" && \textsf{{{row.verdict}}}" if verdicts and row.verdict else ""
            first_why = f" && {math_text(why[0])}" if why[0] else (" && " if verdict else "")
            lines.append(f"{lhs if row.index == 1 else ''} &{row.relation} {parts[0]}{first_why}{verdict}")
            extra = max(len(parts), len(why)) - 1
            for k in range(1, extra + 1):
                math = r"&\quad " + parts[k] if k < len(parts) else "&"
                text = f" && {math_text(why[k])}" if k < len(why) else ""
                lines.append(math + text)
    return "$$\n\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}\n$$"


def derivation_markdown(derivation, *, level: int = 3, verdicts: bool = True, digits=None,
                        path: list[str] | None = None, layout: Layout | None = None, label_prefix: str = "",
                        anchors: bool = False) -> str:
    """A derivation: heading, statement, chain, issues, notes and parts.

    ``anchors`` adds ``{#item:problem.part}`` to each heading (Pandoc, Quarto, MkDocs attr_list).
    """
    inherited, digits = digits, digits_of(derivation, digits)
    path = path or [derivation.id]
    heading = "#" * min(level, 6) + " " + markdown_text(derivation.title)
    if anchors:
        heading += " {#" + label(path).replace("item:", "item:" + label_prefix, 1).replace(":", "-") + "}"
    out = [] if names_its_chain(derivation, inherited) else [heading]
    if derivation.statement:
        out.append(markdown_text(derivation.statement))
    if derivation.assumptions:
        out.append("*Assumptions:* " + markdown_text(derivation.assumptions))
    note = note_for(derivation, inherited)
    if note:
        out.append("*" + markdown_text(note) + "*")
    defined = definitions(derivation, digits=digits)
    if defined:  # one block per definition: each is read as the definition of a name
        out.append("where\n\n" + "\n\n".join(f"$$\n{name} = {value}\n$$" for name, value in defined))
    if derivation.steps or (not derivation.parts and derivation.start is not None):
        # a bare start above parts would be an unlabelled answer; a part with no start has no chain
        out.append(chain_markdown(derivation, verdicts=verdicts, digits=digits, layout=layout))
    found = [r for r in issues(rows(derivation, digits=digits)) if r.detail or r.verdict == "wrong"]
    if verdicts and found:
        out.append("\n".join(
            f"- Step {r.index} is **{r.verdict}**" + (": " + markdown_text(r.detail) if r.detail else ".")
            for r in found))
    if derivation.notes:
        out.append("*Note:* " + markdown_text(derivation.notes))
    for part, sub in zip(derivation.parts, part_paths(derivation, path)):
        out.append(derivation_markdown(part, level=level + 1, verdicts=verdicts, digits=digits, path=sub,
                                       layout=layout, label_prefix=label_prefix, anchors=anchors))
    return "\n\n".join(out)


def _body(sheet, *, plots_dir: str, verdicts: bool, level: int, label_prefix: str, anchors: bool) -> list[str]:
    """Items at heading ``level``; with several sections, each section's title one level above."""
    out = []
    several = len([s for s in sheet.sections if s.items]) > 1
    above = "#" * max(min(level - 1, 6), 1)
    for section in sheet.sections:
        if not section.items:
            continue
        if several:
            out.append(above + " " + markdown_text(section.title))
        for item in section.items:
            out.append(derivation_markdown(item, level=level, verdicts=verdicts, label_prefix=label_prefix,
                                           anchors=anchors))
    if sheet.plots:
        out.append(above + " Activation functions and their derivatives")
        for spec in sheet.plots:
            out.append(f"![{markdown_text(spec.title)}]({plots_dir}/{spec.name}.svg)\n\n"
                       f"*{markdown_text(spec.caption)}*")
    return out


def document_markdown(sheet, *, plots_dir: str = "plots", verdicts: bool = True) -> str:
    """A complete Markdown document for a :class:`derivations.sheet.Sheet`."""
    out = ["# " + markdown_text(sheet.title), markdown_text(sheet.intro or conventions_text())]
    if verdicts:
        out.append(markdown_text(VERDICT_LEGEND))
    out += _body(sheet, plots_dir=plots_dir, verdicts=verdicts, level=3, label_prefix="", anchors=False)
    return "\n\n".join(out) + "\n"


def fragment_markdown(sheet, *, plots_dir: str = "plots", verdicts: bool = True, level: int = 2,
                      label_prefix: str = "", anchors: bool = False) -> str:
    """The document without its title and introduction, to include in course notes; items at heading ``level``."""
    return "\n\n".join(_body(sheet, plots_dir=plots_dir, verdicts=verdicts, level=level, label_prefix=label_prefix,
                             anchors=anchors)) + "\n"


@register_format("md")
class MarkdownFormat(Format):
    """Markdown: ``derivation`` gives a heading and a ``$$`` block, ``document`` a full page,
    ``fragment`` the page without its title."""

    extension = "md"

    def derivation(self, derivation, **options) -> str:
        return derivation_markdown(derivation, **options)

    def document(self, sheet, **options) -> str:
        return document_markdown(sheet, **options)

    def fragment(self, sheet, **options) -> str:
        return fragment_markdown(sheet, **options)
