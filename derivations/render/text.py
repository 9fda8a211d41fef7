r"""Prose (statements, justifications, notes) into each output format.

Prose may hold inline math between ``$ ... $``.  Prose can come from a
student's document, so a math segment is passed on only when every command in
it is on a short allow-list of harmless mathematical commands (no ``\input``,
``\def``, ``\write``, no ``^^`` escapes, balanced braces); anything else is
treated as plain text and escaped.  Plain text is escaped for the target
format, and non-ASCII symbols that pdfLaTeX cannot typeset are mapped to
LaTeX (``σ`` -> ``$\sigma$``).

>>> latex_text("50% of x_1 & y")
'50\\% of x\\_1 \\& y'
>>> latex_text(r"by $\sigma'(x) = \sigma(1-\sigma)$")
"by $\\sigma'(x) = \\sigma(1-\\sigma)$"
>>> latex_text(r"$\input{/etc/passwd}$")
'\\$\\textbackslash{}input\\{/etc/passwd\\}\\$'
>>> math_text("quotient rule & 50%")
'\\text{quotient rule }\\&\\text{ 50}\\%'
"""

from __future__ import annotations

import html
import re

__all__ = ["split_math", "latex_text", "math_text", "html_text", "markdown_text", "is_safe_math"]

SAFE_COMMANDS = frozenset("""
alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho
sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega
frac dfrac tfrac sqrt cdot times div pm mp le leq ge geq ne neq approx sim equiv propto to mapsto
infty partial nabla sum prod int log ln exp tanh sinh cosh sin cos max min arg lim
operatorname mathrm mathbf mathbb mathcal text hat bar tilde vec dot left right big Big bigl bigr
quad qquad ldots cdots dots in notin subset subseteq cup cap prime top mid Rightarrow
rightarrow leftarrow iff implies lVert rVert lvert rvert langle rangle odot otimes circ
""".split())

_COMMAND = re.compile(r"\\([A-Za-z]+|.)", re.S)
_SAFE_SYMBOL_COMMANDS = frozenset(",;:! {}|")


def is_safe_math(source: str) -> bool:
    r"""True when ``source`` uses only allow-listed commands and balanced braces.

    >>> is_safe_math(r"\frac{1}{1+e^{-x}}"), is_safe_math(r"\def\x{1}"), is_safe_math("^^5cinput")
    (True, False, False)
    """
    if "^^" in source or any(c in source for c in "#%&~\n"):
        return False
    depth = 0
    for char in _COMMAND.sub("", source):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    if depth:
        return False
    for match in _COMMAND.finditer(source):
        name = match.group(1)
        if name not in SAFE_COMMANDS and name not in _SAFE_SYMBOL_COMMANDS:
            return False
    return True


def split_math(text: str) -> list[tuple[str, str]]:
    r"""Split prose into ``("text", s)`` and ``("math", s)`` pieces.

    ``\$`` is a literal dollar; an unsafe or unclosed math segment stays text.

    >>> split_math(r"use $x^2$ here, cost \$5")
    [('text', 'use '), ('math', 'x^2'), ('text', ' here, cost $5')]
    """
    pieces: list[tuple[str, str]] = []
    buffer: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and text[i + 1:i + 2] == "$":
            buffer.append("$")
            i += 2
            continue
        if char == "$":
            end = text.find("$", i + 1)
            segment = text[i + 1:end] if end > i else ""
            if end > i + 1 and is_safe_math(segment):
                if buffer:
                    pieces.append(("text", "".join(buffer)))
                    buffer = []
                pieces.append(("math", segment.strip()))
                i = end + 1
                continue
        buffer.append(char)
        i += 1
    if buffer:
        pieces.append(("text", "".join(buffer)))
    return pieces


_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "%": r"\%", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
}

# symbols pdfLaTeX cannot take from UTF-8 input with the T1 fonts, as math
_UNICODE_MATH = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
    "η": r"\eta", "θ": r"\theta", "λ": r"\lambda", "μ": r"\mu", "π": r"\pi", "σ": r"\sigma",
    "τ": r"\tau", "φ": r"\varphi", "ψ": r"\psi", "ω": r"\omega", "Δ": r"\Delta", "Σ": r"\Sigma",
    "Φ": r"\Phi", "∂": r"\partial", "∇": r"\nabla", "∑": r"\sum", "∏": r"\prod", "∞": r"\infty",
    "≤": r"\le", "≥": r"\ge", "≠": r"\ne", "≈": r"\approx", "±": r"\pm", "×": r"\times",
    "·": r"\cdot", "⋅": r"\cdot", "→": r"\to", "⇒": r"\Rightarrow", "∈": r"\in", "√": r"\surd",
    "²": r"^{2}", "³": r"^{3}", "⁻": r"^{-}", "¹": r"^{1}", "ᵀ": r"^{\top}", "′": r"'",
}
_UNICODE_TEXT = {"−": "-", "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''",
                 "…": r"\ldots{}", "\u00a0": "~"}


def _latex_plain(text: str) -> str:
    out = []
    for char in text:
        if char in _LATEX_SPECIALS:
            out.append(_LATEX_SPECIALS[char])
        elif char in _UNICODE_TEXT:
            out.append(_UNICODE_TEXT[char])
        elif char in _UNICODE_MATH:
            out.append(r"\ensuremath{" + _UNICODE_MATH[char] + "}")
        elif ord(char) < 128 or "\u00c0" <= char <= "\u017f":  # ASCII and accented Latin (T1)
            out.append(char if char.isprintable() or char == " " else " ")
        else:
            out.append(f"[U+{ord(char):04X}]")
    return "".join(out)


def latex_text(text: str) -> str:
    """Prose as LaTeX text mode (safe inline math kept as ``$...$``)."""
    return "".join(_latex_plain(s) if kind == "text" else f"${s}$" for kind, s in split_math(text))


_MATH_MODE_SPECIALS = {
    "\\": r"\backslash ", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#", "%": r"\%",
    "_": r"\_", "^": r"\hat{\ }", "~": r"\sim ",
}


def _math_plain(text: str) -> str:
    """Plain text inside math mode: ``\\text{...}`` runs, specials outside (KaTeX and MathJax)."""
    out: list[str] = []
    run: list[str] = []

    def flush():
        if run:
            out.append(r"\text{" + "".join(run) + "}")
            run.clear()

    for char in text:
        if char in _MATH_MODE_SPECIALS:
            flush()
            out.append(_MATH_MODE_SPECIALS[char])
        elif char in _UNICODE_MATH:
            flush()
            out.append(_UNICODE_MATH[char] + " ")
        else:
            run.append(_UNICODE_TEXT.get(char, char) if char in "−–—" else char)
    flush()
    return "".join(out).rstrip()


def math_text(text: str) -> str:
    """Prose to be placed inside math mode (Markdown ``aligned`` justifications)."""
    return "".join(_math_plain(s) if kind == "text" else "{" + s + "}" for kind, s in split_math(text))


def html_text(text: str) -> str:
    """Prose as HTML, inline math as MathML (from latex2mathml)."""
    from latex2mathml.converter import convert

    parts = []
    for kind, s in split_math(text):
        if kind == "text":
            parts.append(html.escape(s, quote=False))
        else:
            parts.append(convert(s))
    return "".join(parts)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|$])")


def markdown_text(text: str) -> str:
    """Prose as Markdown: specials backslash-escaped, inline math kept as ``$...$``."""
    return "".join(
        _MARKDOWN_SPECIALS.sub(r"\\\1", s) if kind == "text" else f"${s}$" for kind, s in split_math(text)
    )
