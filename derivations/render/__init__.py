r"""Render derivations and solution sheets: LaTeX, HTML with MathML, Markdown, Jupyter, plots.

One format per module, registered by name (:mod:`.registry`); LaTeX from
:mod:`.printer` is the source of every format.

>>> from sympy import Symbol
>>> from derivations import Derivation, Step, sigmoid
>>> x = Symbol('x')
>>> d = Derivation("s", "sigma at 0", start=sigmoid(0), steps=[Step(1, "wrong on purpose")])
>>> "align*" in render(d, "tex") and "<math" in render(d, "html") and "$$" in render(d, "md")
True
>>> tex = fragment([d], "tex", verdicts=False)
>>> "\\documentclass" in tex, "\\begin{align*}" in tex, "textsf{wrong}" in tex
(False, True, False)
"""

from __future__ import annotations

from .printer import SheetLatexPrinter, to_latex
from .registry import format_names, get_format, register_format

__all__ = ["render", "render_document", "fragment", "to_latex", "SheetLatexPrinter", "get_format", "format_names",
           "register_format"]


def render(derivation, fmt: str = "tex", **options) -> str:
    """One derivation in format ``fmt`` ("tex", "html", "md"), to embed in other documents."""
    return get_format(fmt).derivation(derivation, **options)


def render_document(sheet, fmt: str = "tex", **options) -> str:
    """A whole :class:`derivations.sheet.Sheet` as a standalone document in format ``fmt``."""
    return get_format(fmt).document(sheet, **options)


def fragment(items, fmt: str = "tex", *, verdicts: bool = True, **options) -> str:
    """Derivations as a fragment without preamble, to put into course notes, in format ``fmt``.

    ``items`` is one :class:`~derivations.derivation.Derivation`, a list of them
    or a :class:`derivations.sheet.Sheet`.  LaTeX gives sections with ``align*``
    blocks (needs amsmath), HTML a ``<div class="derivations">`` with scoped CSS,
    Markdown headings and ``$$`` blocks.  ``verdicts=False`` leaves the verdict
    labels out.  Options: ``level`` (heading level of each item), ``label_prefix``
    (put in front of every label or id), ``plots_dir``; for LaTeX ``line_width``
    (the host's text width in em) and ``numbered``; for HTML ``css``; for
    Markdown ``anchors``.  Used by ``derivations sheet --fragment`` and
    ``derivations solve --format``.
    """
    from ..derivation import Derivation
    from ..sheet import Section, Sheet

    if isinstance(items, Derivation):
        items = [items]
    sheet = items if isinstance(items, Sheet) else Sheet(sections=[Section("", list(items))])
    return get_format(fmt).fragment(sheet, verdicts=verdicts, **options)
