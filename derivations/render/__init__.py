"""Render derivations and solution sheets: LaTeX, HTML with MathML, Markdown, Jupyter, plots.

One format per module, registered by name (:mod:`.registry`); LaTeX from
:mod:`.printer` is the source of every format.

>>> from sympy import Symbol
>>> from derivations import Derivation, Step, sigmoid
>>> x = Symbol('x')
>>> d = Derivation("s", "sigma at 0", start=sigmoid(0), steps=[Step(1, "wrong on purpose")])
>>> "align*" in render(d, "tex") and "<math" in render(d, "html") and "$$" in render(d, "md")
True
"""

from __future__ import annotations

from .printer import SheetLatexPrinter, to_latex
from .registry import format_names, get_format, register_format

__all__ = ["render", "render_document", "to_latex", "SheetLatexPrinter", "get_format", "format_names",
           "register_format"]


def render(derivation, fmt: str = "tex", **options) -> str:
    """One derivation in format ``fmt`` ("tex", "html", "md"), to embed in other documents."""
    return get_format(fmt).derivation(derivation, **options)


def render_document(sheet, fmt: str = "tex", **options) -> str:
    """A whole :class:`derivations.sheet.Sheet` as a standalone document in format ``fmt``."""
    return get_format(fmt).document(sheet, **options)
