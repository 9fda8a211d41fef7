r"""Course notation: names of network quantities in LaTeX and Unicode, and prose for the terminal.

Layers, units, classes and examples are numbered from 1; a layer index is a
bracketed superscript, never a power; two indices of which one has two digits
are separated by a comma (``w^{[1]}_{10,2}``).

>>> z = quantity("z", 1, 2)
>>> z.latex(), z.text()
('z^{[1]}_2', 'z⁽¹⁾₂')
>>> weight(2, 1, 12).latex(), partial(weight(1, 1, 2)).latex()
('w^{[2]}_{1,12}', '\\frac{\\partial L}{\\partial w^{[1]}_{12}}')
>>> vector("a", 0).latex(), vector("a", 0, transposed=True).latex(), vector("W", 2).text()
('x', 'x^{T}', 'W⁽²⁾')
>>> terminal(r"chain rule: $\delta^{[1]}_1 = \frac{\partial L}{\partial z^{[1]}_1}$, $\sigma(z) = \frac{1}{1 + e^{-z}}$")
'chain rule: δ⁽¹⁾₁ = ∂L/∂z⁽¹⁾₁, σ(z) = 1/(1 + e⁻ᶻ)'
"""

from __future__ import annotations

import re

from .written import Name

__all__ = ["quantity", "weight", "bias", "partial", "vector", "updated", "indices", "sub_text", "sup_text",
           "terminal", "layer_sup"]

_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvx,", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ,"))
_SUP = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW[]",
                "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ⁽⁾"))
_SUP["−"] = "⁻"
_SUB["−"] = "₋"


def sub_text(s: str) -> str | None:
    """``s`` in Unicode subscripts, or None when a character has none."""
    out = [_SUB.get(c) for c in s]
    return None if any(c is None for c in out) else "".join(out)


def sup_text(s: str) -> str | None:
    out = [_SUP.get(c) for c in s]
    return None if any(c is None for c in out) else "".join(out)


def indices(*numbers: int) -> str:
    """Subscript LaTeX of one or more indices: ``1``, ``{12}``, ``{10,2}``."""
    if len(numbers) == 1:
        text = str(numbers[0])
        return text if len(text) == 1 else "{" + text + "}"
    if all(n < 10 for n in numbers):
        return "{" + "".join(map(str, numbers)) + "}"
    return "{" + ",".join(map(str, numbers)) + "}"


def _index_text(*numbers: int) -> str:
    joined = "".join(map(str, numbers)) if all(n < 10 for n in numbers) else ",".join(map(str, numbers))
    return sub_text(joined)


def layer_sup(layer: int) -> str:
    return f"[{layer}]"


def _layered(base_latex: str, base_text: str, layer: int | None, idx: tuple, real=None, prime=False) -> Name:
    sup = "" if layer is None else f"^{{[{layer}]}}"
    sub = f"_{indices(*idx)}" if idx else ""
    mark = "'" if prime else ""
    latex = f"{base_latex}{mark}{sup}{sub}"
    text = base_text + ("′" if prime else "") + ("" if layer is None else "⁽" + sup_text(str(layer)) + "⁾") + \
        (_index_text(*idx) if idx else "")
    return Name(latex, text, real)


def quantity(base: str, layer: int, *idx: int, real=None) -> Name:
    """``z^{[l]}_j``, ``a^{[l]}_j``, ``\\delta^{[l]}_j``; ``a^{[0]}_k`` is the input ``x_k``."""
    if base == "a" and layer == 0:
        return _layered("x", "x", None, idx, real)
    latex, text = {"delta": (r"\delta", "δ")}.get(base, (base, base))
    return _layered(latex, text, layer, idx, real)


def weight(layer: int, j: int, k: int, real=None, *, prime=False) -> Name:
    return _layered("w", "w", layer, (j, k), real, prime)


def bias(layer: int, j: int, real=None, *, prime=False) -> Name:
    return _layered("b", "b", layer, (j,), real, prime)


def updated(name_of, *args, real=None) -> Name:
    """The value after one gradient-descent step: ``w'^{[1]}_{12}``."""
    return name_of(*args, real=real, prime=True)


def partial(of: Name, *, loss: str = "L", real=None) -> Name:
    """``\\frac{\\partial L}{\\partial w^{[1]}_{12}}``."""
    return Name(rf"\frac{{\partial {loss}}}{{\partial {of.latex()}}}", f"∂{loss}/∂{of.text()}", real)


def vector(base: str, layer: int | None, real=None, *, transposed: bool = False, prime: bool = False) -> Name:
    """A layer's vector or matrix: ``z^{[1]}``, ``W^{[2]}``, ``x`` (= a^{[0]}), with its transpose."""
    if base == "a" and layer == 0:
        base_latex, base_text, layer = "x", "x", None
    else:
        base_latex, base_text = {"delta": (r"\delta", "δ")}.get(base, (base, base))
    mark = "'" if prime else ""
    sup = "" if layer is None else f"[{layer}]"
    sup_t = "" if layer is None else "⁽" + sup_text(str(layer)) + "⁾"
    latex = f"{base_latex}{mark}^{{{sup}}}" if sup else f"{base_latex}{mark}"
    latex_t = f"{base_latex}{mark}^{{{sup}T}}" if sup else f"{base_latex}{mark}^{{T}}"
    text = base_text + ("′" if prime else "") + sup_t
    name = Name(latex, text, real, transposed=latex_t, transposed_text=text + "ᵀ")
    if transposed:
        from .written import Transpose
        return Transpose(name)
    return name


# ---------------------------------------------------------------------------------------- terminal
_COMMANDS = {
    "sigma": "σ", "delta": "δ", "partial": "∂", "eta": "η", "alpha": "α", "beta": "β", "sum": "Σ", "prod": "∏",
    "cdot": "·", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "approx": "≈", "odot": "⊙", "Phi": "Φ",
    "phi": "φ", "pi": "π", "ln": "ln", "tanh": "tanh", "exp": "exp", "max": "max", "min": "min", "quad": "  ",
    "qquad": "    ", ",": " ", ";": " ", "!": "", " ": " ", "prime": "′", "infty": "∞", "to": "→", "times": "×",
    "top": "ᵀ", "ne": "≠", "neq": "≠", "in": "∈", "ldots": "…", "cdots": "⋯", "dots": "…", "lambda": "λ",
    "mid": "|", "Rightarrow": "⇒", "rightarrow": "→", "left": "", "right": "", "big": "", "Big": "",
    "bigl": "", "bigr": "", "arg": "arg", "log": "log", "lvert": "|", "rvert": "|", "mathbb": "", "mathbf": "",
    "mathrm": "", "operatorname": "", "text": "", "boldsymbol": "", "leftarrow": "←", "iff": "⇔",
    "varepsilon": "ε", "epsilon": "ε", "theta": "θ", "mu": "μ", "Sigma": "Σ", "Delta": "Δ",
}
_OPERATORS = {"to", "le", "leq", "ge", "geq", "approx", "times", "in", "ne", "neq", "Rightarrow", "rightarrow",
              "odot", "leftarrow", "iff"}
_TOKEN = re.compile(r"\\([A-Za-z]+|.)|\{|\}|\^|_|[^\\{}^_]+")


def _group(tokens, i):
    """The LaTeX group starting at tokens[i]: (text, next index)."""
    if i >= len(tokens):
        return "", i
    if tokens[i] == "{":
        depth, j = 1, i + 1
        inner = []
        while j < len(tokens) and depth:
            if tokens[j] == "{":
                depth += 1
            elif tokens[j] == "}":
                depth -= 1
                if not depth:
                    break
            inner.append(tokens[j])
            j += 1
        return _convert(inner), j + 1
    t = tokens[i]
    if t.startswith("\\"):
        return _convert([t]), i + 1
    return t[0], (i + 1) if len(t) == 1 else _split_first(tokens, i)


def _split_first(tokens, i):
    tokens[i] = tokens[i][1:]
    return i


def _paren(s: str) -> str:
    return s if re.fullmatch(r"[\w.′⁽⁾₀-₉⁰-⁹ᵀ∂]+", s) else "(" + s + ")"


def _convert(tokens) -> str:
    tokens = list(tokens)
    out, i = [], 0
    while i < len(tokens):
        t = tokens[i]
        if t in "{}":
            i += 1
            continue
        if t in ("^", "_"):
            body, i = _group(tokens, i + 1)
            mapped = (sup_text if t == "^" else sub_text)(body.replace("−", "-"))
            out.append(mapped if mapped is not None else t + _paren(body))
            continue
        if t.startswith("\\"):
            name = t[1:]
            if name in ("frac", "dfrac", "tfrac"):
                num, i = _group(tokens, i + 1)
                den, i = _group(tokens, i)
                out.append(f"{_paren(num)}/{_paren(den)}")
                if i < len(tokens) and (tokens[i][:1].isalpha() or tokens[i][:1] == "\\"):
                    out.append(" ")
                continue
            if name == "sqrt":
                body, i = _group(tokens, i + 1)
                out.append("√" + _paren(body))
                continue
            word = _COMMANDS.get(name, name)
            if name in _OPERATORS:
                word = f" {word} "
            out.append(word)
            i += 1
            if name in ("partial", "nabla") and i < len(tokens) and tokens[i][:1] == " ":
                tokens[i] = tokens[i].lstrip(" ") or "{}"   # ∂L, not ∂ L
            continue
        out.append(t.replace("-", "−"))
        i += 1
    return "".join(out)


def terminal(prose: str) -> str:
    """Prose with ``$...$`` math as plain Unicode text for the terminal."""
    pieces = re.split(r"(?<!\\)\$(.+?)(?<!\\)\$", prose)
    out = []
    for k, piece in enumerate(pieces):
        if k % 2:
            out.append(re.sub(r"  +", " ", _convert([m.group(0) for m in _TOKEN.finditer(piece)])).strip())
        else:
            out.append(piece.replace(r"\$", "$"))
    return "".join(out)
