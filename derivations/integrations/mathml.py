r"""The math of a page as MathML, for notes that must open offline (no MathJax, no CDN).

Our derivation blocks already come as MathML (:mod:`derivations.render.html`);
this module converts the *rest* of a page's math, as authors write it in
Sphinx (``math`` nodes) or MkDocs (``pymdownx.arithmatex``), with latex2mathml.
latex2mathml has no ``aligned``/``gathered`` and reads rows at the top level
as one line, so those become ``align*``/``gather*`` first.  Math it cannot
convert is kept as its LaTeX source in a ``<code>`` element, and the caller is
told (:class:`MathError`), never a broken page.

>>> "<mfrac>" in page_math(r"\frac{1}{1 + e^{-x}}", display=True)
True
>>> page = page_math(r"\begin{aligned} a &= b \\ &= c \end{aligned}", display=True)
>>> "<mtable" in page and "&amp;" not in page
True
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

__all__ = ["page_math", "MathError", "fallback_html"]

_CENTRED = "array}{c"  # \begin{array}{c}: latex2mathml has no gather
_ENVIRONMENTS = {"aligned": "align*", "align": "align*", "eqnarray": "align*", "eqnarray*": "align*",
                 "gathered": _CENTRED, "gather": _CENTRED, "gather*": _CENTRED, "multline": _CENTRED,
                 "multline*": _CENTRED, "equation": None, "equation*": None, "displaymath": None}
_BEGIN_END = re.compile(r"\\(begin|end)\{([A-Za-z]+\*?)\}")
# MathML that still shows LaTeX to the reader: a column marker or a command as text
_LEAK = re.compile(r"<m[io]>(?:&amp;|&)</m[io]>|<m(?:i|o|text)>\\[A-Za-z]+")


class MathError(ValueError):
    """Math that latex2mathml cannot turn into clean MathML."""


def _normalise(latex: str) -> str:
    """Environments latex2mathml lacks renamed, and top-level rows wrapped in an environment."""

    def rename(m: re.Match) -> str:
        target = _ENVIRONMENTS.get(m.group(2), m.group(2))
        if target == _CENTRED and m.group(1) == "end":
            target = "array"
        return "" if target is None else rf"\{m.group(1)}{{{target}}}"

    text = _BEGIN_END.sub(rename, latex.strip())
    if "\\\\" in _outside_environments(text):
        if "&" in _outside_environments(text):
            text = rf"\begin{{align*}}{text}\end{{align*}}"
        else:
            text = rf"\begin{{array}}{{c}}{text}\end{{array}}"
    return text


def _outside_environments(text: str) -> str:
    """The parts of ``text`` at depth 0 of ``\\begin``/``\\end``."""
    out, depth, last = [], 0, 0
    for m in _BEGIN_END.finditer(text):
        if depth == 0:
            out.append(text[last:m.start()])
        depth += 1 if m.group(1) == "begin" else -1
        last = m.end()
    if depth == 0:
        out.append(text[last:])
    return "".join(out)


def page_math(latex: str, *, display: bool) -> str:
    """MathML for one formula of a page; raises :class:`MathError` when it would not be clean.

    >>> page_math("x^2", display=False).startswith('<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">')
    True
    """
    source = _normalise(latex)
    try:
        out = convert(source, display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises many kinds on input it does not know
        raise MathError(f"cannot convert to MathML ({type(exc).__name__}: {exc})") from None
    leak = _LEAK.search(out)
    if leak:
        raise MathError(f"cannot convert to MathML cleanly (it would show {html.unescape(leak.group(0))!r})")
    return out


def fallback_html(latex: str, *, display: bool) -> str:
    """The LaTeX source, escaped, where a formula could not be converted."""
    tag = "pre" if display else "code"
    return f'<{tag} class="math-source">{html.escape(latex)}</{tag}>'
