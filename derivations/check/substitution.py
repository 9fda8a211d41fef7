r"""Substitution steps: a side that is the previous side with numbers put in for names.

``\sigma(C_{21}x_1 + C_{22}x_2 + b_2) = \sigma(2(0) + 3(1) + 2.5)`` only puts numbers
in: it states C_{21} = 2, x_1 = 0, C_{22} = 3, x_2 = 1, b_2 = 2.5.  A checker reads it
that way: each value is compared with what the document gave before, and the values
not given before are bound for what follows.  The match is made on the tokens as
written, so the order of the formula decides which number belongs to which name.

>>> found = substitution(r"\sigma(C_{21}x_1 + C_{22}x_2 + b_2)", r"\sigma(2(0) + 3(1) + 2.5)")
>>> [(name, str(value), text) for name, (value, text) in found.items()]
[('C_{21}', '2', '2'), ('x_1', '0', '0'), ('C_{22}', '3', '3'), ('x_2', '1', '1'), ('b_2', '5/2', '2.5')]
>>> substitution("w_{11}x_1 + w_{12}x_2 + b_1", "0.5(1) - 1(0) + 0")["w_{12}"][0]
-1
>>> substitution("x + y", "x + 2"), substitution("x + y", "2 + 3 + 4")
({'y': (2, '2')}, None)
"""

from __future__ import annotations

from functools import lru_cache

from sympy import Rational

from ..numbers import read_number
from ..parse.latex_errors import ParseError
from ..parse.latex_lexer import Token, group_end, is_index_superscript, tokenize
from ..parse.latex_tables import DECORATIONS, DEFAULT_FUNCTION_LETTERS, GREEK

__all__ = ["substitution"]

MAX_TOKENS = 400


class _Slot:
    __slots__ = ("text", "function")

    def __init__(self, text: str, function: bool):
        self.text, self.function = text, function


def _derivative_fraction(toks: list[Token], i: int) -> bool:
    """``\\frac{\\partial …}{\\partial …}`` or ``\\frac{d…}{d…}`` starts at ``toks[i]``."""
    if not (toks[i].kind == "cmd" and toks[i].value in ("frac", "dfrac", "tfrac")):
        return False
    if i + 2 >= len(toks) or toks[i + 1].kind != "{":
        return False
    first = toks[i + 2]
    return (first.kind == "cmd" and first.value == "partial") or (first.kind == "letter" and first.value == "d")


def _units(text: str, variables=frozenset(), functions=frozenset()):
    """The side as a list of literal tokens and name slots (product signs dropped)."""
    toks = [t for t in tokenize(text) if t.kind not in ("*", "eof")]
    if len(toks) > MAX_TOKENS:
        raise ParseError("too long to match", 1, "limit")
    out = []
    i = 0
    while i < len(toks):
        t = toks[i]
        start = i
        if _derivative_fraction(toks, i):
            # \frac{\partial E}{\partial w}: a quantity that a number may be put in for
            i = group_end(toks, group_end(toks, i + 1))
            out.append(_Slot(text[toks[start].pos:toks[i - 1].end], False))
            continue
        if t.kind == "letter" and not (t.value == "e" and "e" not in variables):
            i += 1
        elif t.kind == "cmd" and t.value in GREEK:
            i += 1
        elif t.kind == "cmd" and t.value in DECORATIONS and i + 1 < len(toks):
            i = group_end(toks, i + 1)
        elif t.kind == "name":
            i += 1
        else:
            out.append(t)
            i += 1
            continue
        while i < len(toks) and toks[i].kind == "'":
            i += 1
        while i + 1 < len(toks):
            if toks[i].kind == "_":
                i = group_end(toks, i + 1)
            elif toks[i].kind == "^" and is_index_superscript(toks, i + 1):
                if toks[i + 1].kind == "open":   # ^[1] without braces
                    j = i + 2
                    while j < len(toks) and toks[j].kind != "close":
                        j += 1
                    i = j + 1
                else:
                    i = group_end(toks, i + 1)
            else:
                break
        written = text[toks[start].pos:toks[i - 1].end]
        follows_paren = i < len(toks) and toks[i].kind == "open" and toks[i].value == "("
        base = toks[start].value if toks[start].kind == "letter" else None
        is_function = follows_paren and (written in functions or (
            base in DEFAULT_FUNCTION_LETTERS and i - start == 1 and base not in variables))
        out.append(_Slot(written, is_function))
    return out


def _number_at(toks: list[Token], j: int):
    """A number written at ``toks[j]`` (optionally signed, in parentheses): (value, text, next index)."""
    n = len(toks)
    k = j
    paren = k < n and toks[k].kind == "open" and toks[k].value == "("
    if paren:
        k += 1
    brace = k < n and toks[k].kind == "{"
    if brace:
        k += 1
    sign = 1
    if k < n and toks[k].kind in ("-", "+"):
        sign = -1 if toks[k].kind == "-" else 1
        k += 1
    if k >= n or toks[k].kind != "num":
        return None
    w = read_number(toks[k].value)
    if w is None:
        return None
    text = ("-" if sign < 0 else "") + toks[k].value
    k += 1
    if k < n and toks[k].kind == "percent":
        w = read_number(toks[k - 1].value + "%")
        text += "\\%"
        k += 1
    if brace:
        if k >= n or toks[k].kind != "}":
            return None
        k += 1
    if paren:
        if k >= n or toks[k].kind != "close":
            return None
        k += 1
    return sign * w.value, text, k


def _same(a: Token, b: Token) -> bool:
    return a.kind == b.kind and a.value == b.value


def substitution(previous: str, current: str, *, variables=frozenset(), functions=frozenset()):
    """``{name as written: (value, numeral as written)}`` when ``current`` is ``previous`` with numbers put in.

    A bracket of ``previous`` written as one number (``(1 - y)`` as ``0.4``) has the key
    ``"\\0(1 - y)"``: the caller checks it with the values put in.  None when it is not a
    substitution (a different structure, a name given two different values, no name put in).
    """
    return _cached(previous, current, frozenset(variables), frozenset(functions))


@lru_cache(maxsize=2048)
def _cached(previous, current, variables, functions):
    try:
        pattern = _units(previous, variables, functions)
        toks = [t for t in tokenize(current) if t.kind not in ("*", "eof")]
    except (ParseError, RecursionError):
        return None
    if len(toks) > MAX_TOKENS or not any(isinstance(u, _Slot) and not u.function for u in pattern):
        return None
    found: dict[str, tuple] = {}

    def match(p: int, c: int, bindings: dict) -> dict | None:
        if p == len(pattern):
            return bindings if c == len(toks) else None
        if c > len(toks):
            return None
        unit = pattern[p]
        if isinstance(unit, _Slot):
            if unit.function:
                if c < len(toks) and _written(toks, c, current) == unit.text:
                    return match(p + 1, c + _span(toks, c, current, unit.text), bindings)
                return None
            # the name itself, unchanged
            if c < len(toks):
                width = _span(toks, c, current, unit.text)
                if width:
                    result = match(p + 1, c + width, bindings)
                    if result is not None:
                        return result
            number = _number_at(toks, c)
            if number is None:
                return None
            value, text, nxt = number
            negate = bindings.get("\0negate", False)
            if negate:
                value, text = -value, text[1:] if text.startswith("-") else "-" + text
            known = bindings.get(unit.text)
            if known is not None and known[0] != value:
                return None
            new = {k: v for k, v in bindings.items() if k != "\0negate"}
            new[unit.text] = (Rational(value), text)
            return match(p + 1, nxt, new)
        if c >= len(toks):
            return None
        if unit.kind == "open" and unit.value == "(":
            # (1 - y) written as its value, 0.4: kept for the caller to check with the values put in
            close = _matching(pattern, p)
            number = _number_at(toks, c) if close is not None else None
            if number is not None and close is not None:
                value, text, nxt = number
                result = match(close + 1, nxt, {**bindings, "\0" + previous[unit.pos:pattern[close].end]:
                                                (Rational(value), text)})
                if result is not None:
                    return result
        if _same(unit, toks[c]):
            return match(p + 1, c + 1, {k: v for k, v in bindings.items() if k != "\0negate"})
        if unit.kind == "+" and toks[c].kind == "-" and p + 1 < len(pattern) and \
                isinstance(pattern[p + 1], _Slot) and not pattern[p + 1].function:
            # + w x written with a negative number: - 1(0)
            return match(p + 1, c + 1, {**bindings, "\0negate": True})
        return None

    result = match(0, 0, {})
    if not result:
        return None
    found = {k: v for k, v in result.items() if k != "\0negate"}
    if not any(not k.startswith("\0") for k in found):
        return None   # only brackets replaced by numbers: no name was put in
    return found or None


def _matching(pattern, p: int) -> int | None:
    """Index of the unit that closes the bracket opened at ``pattern[p]``."""
    depth = 0
    for q in range(p, len(pattern)):
        unit = pattern[q]
        if isinstance(unit, _Slot):
            continue
        if unit.kind == "open":
            depth += 1
        elif unit.kind == "close":
            depth -= 1
            if depth == 0:
                return q
    return None


def _written(toks, c, text):
    return text[toks[c].pos:toks[c].end]


def _span(toks, c, text, written: str) -> int:
    """How many tokens from ``c`` spell exactly ``written`` (ignoring spaces), else 0."""
    target = written.replace(" ", "")
    acc = ""
    for k in range(c, len(toks)):
        acc += text[toks[k].pos:toks[k].end].replace(" ", "")
        if acc == target:
            return k - c + 1
        if not target.startswith(acc):
            return 0
    return 0
