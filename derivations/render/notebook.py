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
>>> shown = show(d)  # checked when displayed
>>> shown._repr_latex_().startswith("$$")
True
>>> "<math" in shown._repr_html_()
True
"""

from __future__ import annotations

from .html import CHAIN_CSS, derivation_html
from .markdown import chain_markdown

__all__ = ["RichDisplayMixin", "Display", "show", "latex_repr", "html_repr", "scoped_css", "ensure_checked"]


def _split_selectors(selectors: str) -> list[str]:
    """Selectors separated by top-level commas (not those inside ``:is(...)``)."""
    out, depth, current = [], 0, ""
    for char in selectors:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            out.append(current.strip())
            current = ""
        else:
            current += char
    return out + [current.strip()] if current.strip() else out


def scoped_css(scope: str) -> str:
    """The chain's CSS with every rule limited to elements inside ``scope`` (a selector)."""
    lines = []
    for line in CHAIN_CSS.splitlines():
        if "{" not in line:
            continue
        selectors, body = line.split("{", 1)
        lines.append(", ".join(f"{scope} {s}" for s in _split_selectors(selectors)) + " {" + body)
    return "\n".join(lines)


# notebooks show many outputs on one page: scope the sheet's CSS to our own wrapper
_SCOPED_CSS = scoped_css(".derivations-output")


def ensure_checked(derivation):
    """Check a derivation that has unchecked steps, so that it displays with its verdicts."""
    if any(step.evidence is None for step in derivation.all_steps()):
        derivation.check()
    return derivation


def _unchecked_words(derivation) -> str:
    missing = sum(1 for s in derivation.all_steps() if s.evidence is None)
    return f"{missing} step{'s' if missing != 1 else ''} not checked: call .check() to check them" if missing else ""


def latex_repr(derivation, *, verdicts: bool = True, check: bool = True) -> str:
    """The chain (then each part's) as ``$$\\begin{aligned}...\\end{aligned}$$`` blocks.

    ``check`` (default) checks unchecked steps first, so each shows its verdict.
    """
    if check and verdicts:
        ensure_checked(derivation)
    block = chain_markdown(derivation, verdicts=verdicts)
    block = block.replace("$$\n", "$$", 1).replace("\n$$", "$$")
    return "\n\n".join([block] + [latex_repr(part, verdicts=verdicts, check=False) for part in derivation.parts])


def html_repr(derivation, *, verdicts: bool = True, check: bool = True) -> str:
    """The derivation as an HTML fragment with MathML and scoped CSS.

    ``check`` (default) checks unchecked steps first, so each shows its verdict;
    with ``check=False`` a derivation with unchecked steps says so in words.
    """
    if check and verdicts:
        ensure_checked(derivation)
    words = _unchecked_words(derivation) if verdicts else ""
    note = f'<p class="unchecked-note"><em>{words}.</em></p>' if words else ""
    return (f'<div class="derivations-output"><style>{_SCOPED_CSS}</style>' + note
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
