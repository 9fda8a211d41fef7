r"""LaTeX: an ``align*`` snippet per derivation and a standalone document.

The snippet needs only amsmath (``\operatorname``, ``\text``, ``align*``); the
document is an ``article`` with amsmath, amssymb and graphicx that compiles
with pdfLaTeX and LuaLaTeX.

>>> from sympy import Symbol, exp
>>> from derivations import Derivation, Step, sigmoid
>>> x = Symbol('x')
>>> d = Derivation("s", "sigma", start=sigmoid(x), steps=[Step(1 / (1 + exp(-x)), "definition & 100%")])
>>> print(align(d, verdicts=False))
\begin{align*}
\sigma\left(x\right) &= \frac{1}{1 + e^{- x}} && \text{definition \& 100\%}
\end{align*}
"""

from __future__ import annotations

from ..conventions import get_convention
from .model import Row, digits_of, issues, rows
from .registry import Format, register_format
from .text import latex_text

__all__ = ["align", "derivation_latex", "document_latex", "LatexFormat"]

#: left sides longer than this (in LaTeX source characters) go on a line of their own
LONG_LHS = 70
#: justifications longer than this many characters are set in a narrow paragraph box
WRAP_AT = 34


def _why(row: Row, verdicts: bool) -> str:
    """The justification column: ``&& \\text{why}`` and, optionally, the verdict."""
    cells = []
    if row.why:
        why = latex_text(row.why)
        if len(row.why) > WRAP_AT:
            why = r"\parbox[t]{0.3\linewidth}{\raggedright\small " + why + "}"
        cells.append(r"\text{" + why + "}")
    if verdicts and row.verdict:
        label = r"\textsf{" + row.verdict + "}"
        if row.verdict == "wrong":
            label = r"\textbf{" + label + "}"
        cells.append(r"\text{\scriptsize " + label + "}")
    return " && " + r" \quad ".join(cells) if cells else ""


def align(derivation, *, numbered: bool = False, verdicts: bool = True, digits: int | None = None) -> str:
    """The chain as an ``align*`` (``align`` when ``numbered``) block, one step a line."""
    env = "align" if numbered else "align*"
    lines = []
    for row in rows(derivation, digits=digits):
        lhs = row.lhs if row.lhs is not None else ""
        if not row.relation:  # a bare expression, no steps
            lines.append(lhs)
            continue
        if len(lhs) > LONG_LHS:  # a wide left side gets a line of its own
            lines.append(f"&{lhs}" + (r" \notag" if numbered else ""))
            lhs = ""
        lines.append(f"{lhs} &{row.relation} {row.rhs}{_why(row, verdicts)}")
    return f"\\begin{{{env}}}\n" + " \\\\\n".join(lines) + f"\n\\end{{{env}}}"


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
                     digits: int | None = None) -> str:
    """A derivation with its heading, statement, assumptions, chain, issues, notes and parts.

    ``level`` 1 is a ``\\section``, 2 a ``\\subsection``, and so on.
    """
    inherited, digits = digits, digits_of(derivation, digits)
    heading = _HEADINGS[min(level, len(_HEADINGS)) - 1]
    out = [f"\\{heading}{{{latex_text(derivation.title)}}}\\label{{{_label(derivation.id)}}}"]
    if derivation.statement:
        out.append(latex_text(derivation.statement))
    if derivation.assumptions:
        out.append(r"\emph{Assumptions:} " + latex_text(derivation.assumptions))
    if derivation.digits is not None and derivation.digits != inherited:  # say it once, not per part
        out.append(rf"\emph{{Numbers are shown rounded to {derivation.digits} significant digits; "
                   r"every computation used exact values.}")
    out.append(align(derivation, numbered=numbered, verdicts=verdicts, digits=digits))
    problems = _issues(rows(derivation, digits=digits)) if verdicts else ""
    if problems:
        out.append(problems)
    if derivation.notes:
        out.append(r"\emph{Note:} " + latex_text(derivation.notes))
    for part in derivation.parts:
        out.append(derivation_latex(part, level=level + 1, numbered=numbered, verdicts=verdicts, digits=digits))
    return "\n\n".join(out)


def _label(identifier: str) -> str:
    return "item:" + "".join(c if c.isalnum() or c in "-." else "-" for c in identifier)


PREAMBLE = r"""\documentclass[11pt]{article}
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
    """The conventions a sheet uses, as one sentence of prose."""
    convention = get_convention()
    value = {"left": "0 (the left derivative, as PyTorch and TensorFlow)", "right": "1 (the right derivative)",
             "mean": "1/2", "undefined": "left undefined"}[convention]
    return (f"Conventions: the derivative of ReLU at 0 is taken as {value}; log is the natural "
            "logarithm; numbers are exact unless marked rounded.")


def document_latex(sheet, *, plots_dir: str = "plots", numbered: bool = False, verdicts: bool = True) -> str:
    """A complete LaTeX document for a :class:`derivations.sheet.Sheet`."""
    out = [PREAMBLE.rstrip(), f"\\title{{{latex_text(sheet.title)}}}", r"\date{}", r"\begin{document}",
           r"\maketitle", latex_text(sheet.intro or conventions_text())]
    if verdicts:
        out.append(latex_text(
            "Each step carries its verdict from the checker: proved (symbolically), verified "
            "(numerically, to high precision), wrong (refuted), unknown or unchecked."))
    for section in sheet.sections:
        if not section.items:
            continue
        out.append(f"\\part*{{{latex_text(section.title)}}}" if len(sheet.sections) > 1 else "")
        for item in section.items:
            out.append(derivation_latex(item, level=1, numbered=numbered, verdicts=verdicts))
    if sheet.plots:
        out.append(r"\section{Activation functions and their derivatives}")
        out.append(_plots_latex(sheet.plots, plots_dir))
    out.append(r"\end{document}")
    return "\n\n".join(s for s in out if s) + "\n"


@register_format("tex")
class LatexFormat(Format):
    """LaTeX: ``derivation`` gives a section with an ``align*``; ``document`` a full article."""

    extension = "tex"

    def derivation(self, derivation, **options) -> str:
        return derivation_latex(derivation, **options)

    def document(self, sheet, **options) -> str:
        return document_latex(sheet, **options)
