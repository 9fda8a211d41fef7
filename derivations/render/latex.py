r"""LaTeX: an ``align*`` block per derivation, a fragment for course notes, a standalone document.

Each step is a line of an ``align*``; its justification and verdict sit in a
``\tag*`` at the right margin, in a box of fixed width (the same for short and
long justifications, so the verdicts line up down the page), which amsmath
moves below the line when the line is too wide to share it.  A side wider than
its room is broken between terms (:mod:`.breaking`).  The snippet needs only
amsmath; the document is an ``article`` with amsmath, amssymb and graphicx
that compiles with pdfLaTeX and LuaLaTeX.

>>> from sympy import Symbol, exp
>>> from derivations import Derivation, Step, sigmoid
>>> x = Symbol('x')
>>> d = Derivation("s", "sigma", start=sigmoid(x), steps=[Step(1 / (1 + exp(-x)), "definition & 100%")])
>>> print(align(d, verdicts=False))
\begin{align*}
\sigma\left(x\right) &= \frac{1}{1 + e^{- x}} \tag*{\parbox[t]{0.28\linewidth}{\raggedright\small definition \& 100\%}}
\end{align*}
"""

from __future__ import annotations

from ..conventions import get_convention
from .model import (
    Row,
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
from .text import latex_text
from .width import latex_width

__all__ = ["align", "derivation_latex", "document_latex", "fragment_latex", "LatexFormat", "Layout",
           "conventions_text", "PREAMBLE"]


class Layout:
    """The room a chain has, in em of the 11 pt text font (an A4 page with 2.2 cm margins).

    ``line`` is the text width; the justification box is ``why`` (a fraction
    of the line) and the verdict ``verdict`` em; ``safety`` widens every
    estimated width (:mod:`.width` is within 15 % of TeX's own measure).
    """

    line = 42.9
    why = 0.28
    verdict = 3.6
    gap = 1.0
    safety = 1.15
    #: a left side wider than this share of the line goes on a line of its own
    long_lhs = 0.4

    def __init__(self, *, line: float | None = None):
        if line is not None:
            self.line = float(line)

    def tag(self, verdicts: bool) -> float:
        return self.why * self.line + (self.verdict if verdicts else 0.0) + self.gap

    def fits(self, tex: str, room: float) -> bool:
        return latex_width(tex) * self.safety <= room


WHY_BOX = r"\parbox[t]{0.28\linewidth}{\raggedright\small %s}"
VERDICT_BOX = r"\makebox[3.6em][r]{\scriptsize %s}"


def _verdict_label(verdict: str) -> str:
    label_ = r"\textsf{" + verdict + "}"
    return r"\textbf{" + label_ + "}" if verdict == "wrong" else label_


def _tag(row: Row, verdicts: bool) -> str:
    """``\\tag*{why box, verdict}`` (empty when there is neither)."""
    if not row.why and not verdicts:
        return ""
    body = WHY_BOX % latex_text(row.why) if row.why else r"\hspace{0.28\linewidth}"
    if verdicts and row.verdict:
        body += VERDICT_BOX % _verdict_label(row.verdict)
    return r" \tag*{" + body + "}"


def _column(row: Row, verdicts: bool) -> str:
    """The justification as an ``&&`` column of fixed width (numbered blocks keep \\tag for numbers)."""
    cells = []
    if row.why:
        cells.append(WHY_BOX % latex_text(row.why))
    if verdicts and row.verdict:
        cells.append(VERDICT_BOX % _verdict_label(row.verdict))
    return " && " + "".join(cells) if cells else ""


def chain_lines(derivation, *, verdicts: bool = True, digits=None, layout: Layout | None = None,
                numbered: bool = False) -> list[str]:
    """The lines of the chain's ``align`` body (without ``\\\\``)."""
    layout = layout or Layout()
    table = rows(derivation, digits=digits)
    notag = r" \notag" if numbered else ""
    own = own_lhs_lines(table[0], layout)  # a bare expression, or a left side too wide: lines of its own
    if own and not table[0].relation and len(own) == 1:
        return own
    lines = ["&" + own[0] + notag] + [r"&\quad " + p + notag for p in own[1:]] if own else []
    if not table[0].relation:
        return lines
    lhs = "" if own else (table[0].lhs or "")
    beside = lhs_room(table[0], own, layout)
    tagged = layout.line - layout.tag(verdicts) - beside
    full = layout.line - beside
    for row in table:
        parts = row.rhs_after_relation(tagged, full - 1.0, layout.safety)
        why = _column(row, verdicts) if numbered else _tag(row, verdicts)
        lines.append(f"{lhs if row.index == 1 else ''} &{row.relation} {parts[0]}{why}")
        for more in parts[1:]:
            lines.append(r"&\quad " + more + (r" \notag" if numbered else ""))
    return lines


def align(derivation, *, numbered: bool = False, verdicts: bool = True, digits=None,
          layout: Layout | None = None) -> str:
    """The chain as an ``align*`` (``align`` when ``numbered``) block, one step a line."""
    env = "align" if numbered else "align*"
    body = chain_lines(derivation, verdicts=verdicts, digits=digits, layout=layout, numbered=numbered)
    return f"\\begin{{{env}}}\n" + " \\\\\n".join(body) + f"\n\\end{{{env}}}"


def _issues(table: list[Row]) -> str:
    found = [r for r in issues(table) if r.detail or r.verdict == "wrong"]
    if not found:
        return ""
    items = "\n".join(
        rf"  \item Step {r.index} is \textbf{{{r.verdict}}}" + (": " + latex_text(r.detail) if r.detail else ".")
        for r in found
    )
    return "\\begin{itemize}\n" + items + "\n\\end{itemize}"


_HEADINGS = ["section", "subsection", "subsubsection", "paragraph"]


def derivation_latex(derivation, *, level: int = 1, numbered: bool = False, verdicts: bool = True,
                     digits=None, path: list[str] | None = None, layout: Layout | None = None,
                     label_prefix: str = "") -> str:
    """A derivation with its heading, statement, assumptions, chain, issues, notes and parts.

    ``level`` 1 is a ``\\section``, 2 a ``\\subsection``, and so on; each gets a
    ``\\label`` unique per problem (``item:problem.part``), after ``label_prefix``.
    """
    inherited, digits = digits, digits_of(derivation, digits)
    path = path or [derivation.id]
    heading = _HEADINGS[min(level, len(_HEADINGS)) - 1]
    tag = label(path).replace("item:", "item:" + label_prefix, 1)
    out = [] if names_its_chain(derivation, inherited) else \
        [f"\\{heading}{{{latex_text(derivation.title)}}}\\label{{{tag}}}"]
    if derivation.statement:
        out.append(latex_text(derivation.statement))
    if derivation.assumptions:
        out.append(r"\emph{Assumptions:} " + latex_text(derivation.assumptions))
    note = note_for(derivation, inherited)
    if note:
        out.append(r"\emph{" + latex_text(note) + "}")
    defined = definitions(derivation, digits=digits)
    if defined:
        out.append("where\n\\begin{align*}\n" + " \\\\\n".join(f"{name} &= {value}" for name, value in defined)
                   + "\n\\end{align*}")
    if derivation.steps or (not derivation.parts and derivation.start is not None):
        # a bare start above parts would be an unlabelled answer; a part with no start has no chain
        out.append(align(derivation, numbered=numbered, verdicts=verdicts, digits=digits, layout=layout))
    problems = _issues(rows(derivation, digits=digits)) if verdicts else ""
    if problems:
        out.append(problems)
    if derivation.notes:
        out.append(r"\emph{Note:} " + latex_text(derivation.notes))
    for part, sub in zip(derivation.parts, part_paths(derivation, path)):
        out.append(derivation_latex(part, level=level + 1, numbered=numbered, verdicts=verdicts, digits=digits,
                                    path=sub, layout=layout, label_prefix=label_prefix))
    return "\n\n".join(out)


PREAMBLE = r"""\documentclass[11pt,a4paper]{article}
\ifdefined\directlua\else\usepackage[T1]{fontenc}\fi
\usepackage{lmodern}
\usepackage[margin=2.2cm]{geometry}
\usepackage{amsmath}
\usepackage{amssymb}
\usepackage{graphicx}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5\baselineskip}
"""

#: what a fragment needs from the document it goes into
FRAGMENT_NEEDS = "% derivations fragment: needs \\usepackage{amsmath,amssymb} (and graphicx for plots)"


def _plots_latex(plots, directory: str) -> str:
    cells = []
    for spec in plots:
        cells.append(
            "\\begin{minipage}[t]{0.48\\linewidth}\\centering\n"
            f"\\includegraphics[width=\\linewidth]{{{directory}/{spec.name}.pdf}}\\\\\n"
            f"{{\\small {latex_text(spec.caption)}}}\n"
            "\\end{minipage}"
        )
    rows_ = []
    for i in range(0, len(cells), 2):
        rows_.append("\\hfill\n".join(cells[i:i + 2]) + "\n\\par\\medskip")
    return "\\noindent\n" + "\n\\noindent\n".join(rows_)


def conventions_text() -> str:
    """The conventions a sheet uses, as one sentence of prose (with its math as ``$…$``)."""
    convention = get_convention()
    value = {"left": "$0$ (the left derivative, as PyTorch and TensorFlow)", "right": "$1$ (the right derivative)",
             "mean": r"$\tfrac{1}{2}$", "undefined": "left undefined"}[convention]
    return (rf"Conventions: $\operatorname{{ReLU}}'(0)$ is taken as {value}; $\log$ is the natural "
            "logarithm; layers, units and classes are numbered from 1; numbers are exact unless a note "
            "says how they are rounded.")


VERDICT_LEGEND = ("Each step carries its verdict from the checker: proved (symbolically), verified "
                  "(numerically, to high precision), wrong (refuted), unknown or unchecked.")


def _body(sheet, *, plots_dir: str, numbered: bool, verdicts: bool, level: int, label_prefix: str,
          layout: Layout | None) -> list[str]:
    """Items at heading ``level``; with several sections, each section's title one level above
    (``\\part*`` above ``\\section``)."""
    out = []
    several = len([s for s in sheet.sections if s.items]) > 1
    for section in sheet.sections:
        if not section.items:
            continue
        if several:
            out.append(f"\\part*{{{latex_text(section.title)}}}" if level == 1 else
                       f"\\{_HEADINGS[min(level - 1, 4) - 1]}*{{{latex_text(section.title)}}}")
        for item in section.items:
            out.append(derivation_latex(item, level=level, numbered=numbered, verdicts=verdicts,
                                        label_prefix=label_prefix, layout=layout))
    if sheet.plots:
        out.append(f"\\{_HEADINGS[min(level, 4) - 1]}{{Activation functions and their derivatives}}")
        out.append(_plots_latex(sheet.plots, plots_dir))
    return out


def document_latex(sheet, *, plots_dir: str = "plots", numbered: bool = False, verdicts: bool = True) -> str:
    """A complete LaTeX document for a :class:`derivations.sheet.Sheet`."""
    out = [PREAMBLE.rstrip(), f"\\title{{{latex_text(sheet.title)}}}", r"\date{}", r"\begin{document}",
           r"\maketitle", latex_text(sheet.intro or conventions_text())]
    if verdicts:
        out.append(latex_text(VERDICT_LEGEND))
    out += _body(sheet, plots_dir=plots_dir, numbered=numbered, verdicts=verdicts, level=1, label_prefix="",
                 layout=None)
    out.append(r"\end{document}")
    return "\n\n".join(s for s in out if s) + "\n"


def fragment_latex(sheet, *, plots_dir: str = "plots", numbered: bool = False, verdicts: bool = True,
                   level: int = 1, label_prefix: str = "", line_width: float | None = None) -> str:
    """The sheet's body without preamble, to ``\\input`` into course notes.

    ``level`` is the heading level of each item (1: ``\\section``);
    ``label_prefix`` goes in front of every label (``item:<prefix>id``), so two
    fragments in one document never clash; ``line_width`` is the text width
    of the host document in em (default: an A4 article with 2.2 cm margins).
    """
    layout = Layout(line=line_width) if line_width else None
    out = [FRAGMENT_NEEDS]
    out += _body(sheet, plots_dir=plots_dir, numbered=numbered, verdicts=verdicts, level=level,
                 label_prefix=label_prefix, layout=layout)
    return "\n\n".join(s for s in out if s) + "\n"


@register_format("tex")
class LatexFormat(Format):
    """LaTeX: ``derivation`` gives a section with an ``align*``; ``document`` a full article;
    ``fragment`` the article's body for course notes."""

    extension = "tex"

    def derivation(self, derivation, **options) -> str:
        return derivation_latex(derivation, **options)

    def document(self, sheet, **options) -> str:
        return document_latex(sheet, **options)

    def fragment(self, sheet, **options) -> str:
        return fragment_latex(sheet, **options)
