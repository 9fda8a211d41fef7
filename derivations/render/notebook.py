r"""Rich display in Jupyter: derivations and sheets show as MathML (HTML) or LaTeX.

Jupyter asks an object for ``_repr_html_`` and ``_repr_latex_``; the
notebook frontends show the HTML (MathML, which browsers lay out natively),
and ``nbconvert --to latex``/``pdf`` uses the LaTeX.  Any class gets both by
inheriting :class:`RichDisplayMixin` and defining ``_display_target()``;
:func:`show` wraps a single derivation.

Expressions themselves need nothing from us: after ``sympy.init_printing()``
Jupyter prints every SymPy expression with our functions' own LaTeX
(``\sigma``, ``\operatorname{ReLU}``).

>>> from sympy import Symbol, exp
>>> from derivations import Derivation, Step, sigmoid
>>> x = Symbol('x')
>>> d = Derivation("s", "sigma", start=sigmoid(x), steps=[Step(1 / (1 + exp(-x)), "definition")])
>>> shown = show(d)
>>> shown._repr_latex_().startswith("$$")
True
>>> "<math" in shown._repr_html_()
True
"""

from __future__ import annotations

from .html import CHAIN_CSS, derivation_html
from .markdown import chain_markdown

__all__ = ["RichDisplayMixin", "Display", "show", "latex_repr", "html_repr"]

# notebooks show many outputs on one page: scope the sheet's CSS to our own wrapper
_SCOPED_CSS = "\n".join(
    ", ".join(".derivations-output " + sel.strip() for sel in line.split("{", 1)[0].split(","))
    + " {" + line.split("{", 1)[1]
    for line in CHAIN_CSS.splitlines() if "{" in line
)


def latex_repr(derivation, *, verdicts: bool = True) -> str:
    """The chain (then each part's) as ``$$\\begin{aligned}...\\end{aligned}$$`` blocks."""
    block = chain_markdown(derivation, verdicts=verdicts)
    block = block.replace("$$\n", "$$", 1).replace("\n$$", "$$")
    return "\n\n".join([block] + [latex_repr(part, verdicts=verdicts) for part in derivation.parts])


def html_repr(derivation, *, verdicts: bool = True) -> str:
    """The derivation as an HTML fragment with MathML and scoped CSS."""
    return (f'<div class="derivations-output"><style>{_SCOPED_CSS}</style>'
            + derivation_html(derivation, level=4, verdicts=verdicts) + "</div>")


class RichDisplayMixin:
    """Adds ``_repr_html_`` and ``_repr_latex_``; subclasses define ``_display_html``/``_display_latex``."""

    def _display_html(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def _display_latex(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def _repr_html_(self) -> str:
        return self._display_html()

    def _repr_latex_(self) -> str:
        return self._display_latex()


class Display(RichDisplayMixin):
    """A derivation wrapped for display in Jupyter (see :func:`show`)."""

    def __init__(self, derivation, *, verdicts: bool = True):
        self.derivation = derivation
        self.verdicts = verdicts

    def _display_html(self) -> str:
        return html_repr(self.derivation, verdicts=self.verdicts)

    def _display_latex(self) -> str:
        return latex_repr(self.derivation, verdicts=self.verdicts)

    def __repr__(self) -> str:
        return f"<derivation {self.derivation.id!r}: {self.derivation.title}>"


def show(derivation, *, verdicts: bool = True) -> Display:
    """Wrap ``derivation`` so that Jupyter displays it; the last line of a cell: ``show(d)``."""
    return Display(derivation, verdicts=verdicts)
