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

__all__ = ["split_math", "latex_text", "math_text", "html_text", "markdown_text", "is_safe_math", "wrap_prose",
           "plain_text"]

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
    "⋯": r"\cdots", "…": r"\ldots", "⋮": r"\vdots", "∘": r"\circ", "⊙": r"\odot", "⊗": r"\otimes",
    "⊤": r"\top", "∀": r"\forall", "∃": r"\exists", "∅": r"\emptyset", "⊂": r"\subset", "⊆": r"\subseteq",
    "∪": r"\cup", "∩": r"\cap", "∉": r"\notin", "⟨": r"\langle", "⟩": r"\rangle", "‖": r"\|", "∣": r"\mid",
    "←": r"\leftarrow", "↔": r"\leftrightarrow", "⇔": r"\Leftrightarrow", "≡": r"\equiv", "∝": r"\propto",
    "∼": r"\sim", "≪": r"\ll", "≫": r"\gg", "ℝ": r"\mathbb{R}", "ℕ": r"\mathbb{N}", "ℤ": r"\mathbb{Z}",
    "∫": r"\int", "⁰": r"^{0}", "⁴": r"^{4}", "⁵": r"^{5}", "⁶": r"^{6}", "⁷": r"^{7}", "⁸": r"^{8}",
    "⁹": r"^{9}", "₀": r"_{0}", "₁": r"_{1}", "₂": r"_{2}", "₃": r"_{3}", "₄": r"_{4}", "₅": r"_{5}",
    "₆": r"_{6}", "₇": r"_{7}", "₈": r"_{8}", "₉": r"_{9}", "ᵢ": r"_{i}", "ⱼ": r"_{j}", "ₖ": r"_{k}",
    "ξ": r"\xi", "ζ": r"\zeta", "κ": r"\kappa", "ν": r"\nu", "ρ": r"\rho", "χ": r"\chi", "ι": r"\iota",
    "Γ": r"\Gamma", "Θ": r"\Theta", "Λ": r"\Lambda", "Ξ": r"\Xi", "Π": r"\Pi", "Ψ": r"\Psi", "Ω": r"\Omega",
    "½": r"\tfrac{1}{2}", "¼": r"\tfrac{1}{4}", "¾": r"\tfrac{3}{4}", "÷": r"\div", "∓": r"\mp",
    "⇐": r"\Leftarrow", "↦": r"\mapsto", "∖": r"\setminus", "⊥": r"\perp", "∠": r"\angle",
}
_UNICODE_TEXT = {"−": "-", "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''",
                 "\u00a0": "~", "•": r"\textbullet{}", "°": r"\textdegree{}", "€": r"\texteuro{}",
                 "×": r"\texttimes{}"}


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
    "_": r"\_", "^": r"{}^{\wedge}", "~": r"\sim ",
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

    parts: list[str] = []
    for kind, s in split_math(text):
        if kind == "text":
            parts.append(html.escape(s, quote=False))
        else:
            from .html import tidy_mathml

            parts.append(tidy_mathml(convert(s)))
    return "".join(parts)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|$])")


def markdown_text(text: str) -> str:
    """Prose as Markdown: specials backslash-escaped, inline math kept as ``$...$``."""
    return "".join(
        _MARKDOWN_SPECIALS.sub(r"\\\1", s) if kind == "text" else f"${s}$" for kind, s in split_math(text)
    )


def plain_text(text: str) -> str:
    """Prose with its ``$…$`` marks removed (for lengths and plain-text output)."""
    return "".join(s for _, s in split_math(text))


def wrap_prose(text: str, width: int) -> list[str]:
    """Prose cut into lines of about ``width`` characters, never inside ``$…$`` math.

    >>> wrap_prose("multiply numerator and denominator by $e^{-x}$", 20)
    ['multiply numerator', 'and denominator by', '$e^{-x}$']
    """
    words: list[str] = []
    for kind, piece in split_math(text):
        if kind == "math":
            math = "$" + piece + "$"
            if words and not piece_starts_word(words[-1]):
                words[-1] += math
            else:
                words.append(math)
            continue
        parts = piece.replace("$", "\\$").split(" ")
        for i, part in enumerate(parts):
            if i == 0 and words and part and not words[-1].endswith(" "):
                words[-1] += part  # punctuation right after math: keep it on the math's line
            elif part:
                words.append(part)
            if i < len(parts) - 1 and words:
                words[-1] += " "
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = current + word
        if current and len(plain_text(candidate.strip())) > width:
            lines.append(current.strip())
            current = word
        else:
            current = candidate
    if current.strip():
        lines.append(current.strip())
    return lines or [""]


def piece_starts_word(previous: str) -> bool:
    """True when the text before a math piece ended with a space (the math starts a new word)."""
    return previous.endswith(" ")
