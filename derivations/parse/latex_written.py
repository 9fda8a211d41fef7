r"""The numbers of a piece of LaTeX, with the digits as written, from the lexer's tokens.

:func:`written_numbers` walks the tokens of the expression lexer (so a number is found
exactly where the parser finds it, with the document's decimal mark) and gives each
number that stands for a value as a :class:`~derivations.numbers.Written`: its exact
value and the half unit of its last written digit.  A unary minus, a ``\%`` and a
power of ten (``\times 10^{-5}``, ``\cdot 10^{3}``, ``e-7``) belong to the number.
Indices are not values and are left out: subscripts (``w_{11}``), index superscripts
(``a^{[2]}``, ``h^{(1)}``), the bounds of ``\sum`` and ``\prod``; so are numbers with
two readings (``100.480`` when the decimal mark is unknown), which the parser refuses.

>>> [(s, e, w.text, w.value, w.half_unit) for s, e, w in written_numbers(r"-0.125 \cdot w_{11} + 98.9\%")]
[(0, 6, '-0.125', -1/8, 1/2000), (22, 28, '98.9\\%', 989/1000, 1/2000)]
>>> [w.value for _, _, w in written_numbers(r"4.5 \times 10^{-5} = 0{,}8", decimal_mark=",")]
[9/200000, 4/5]

:func:`with_decimal_points` writes a text's numbers with decimal points (indices untouched):

>>> with_decimal_points(r"1 - 0{,}4621^2 + x_{1,2} + 1.234,5", ",")
'1 - 0.4621^2 + x_{1,2} + 1234.5'
"""

from __future__ import annotations

import dataclasses
import re

from ..numbers import Written, read_number
from .latex_errors import ParseError
from .latex_lexer import Token, group_end, is_index_superscript, tokenize

__all__ = ["written_numbers", "with_decimal_points"]

#: tokens after which a '-' is a sign, not a subtraction
_SIGN_CONTEXT = frozenset({"rel", "open", "{", ",", "&", "*", "/", "^", "newline", "quad", "odot",
                           "+", "-", "begin", "connective", "kw", "text"})
_FRACTIONS = frozenset({"frac", "dfrac", "tfrac", "cfrac"})


def written_numbers(text: str, *, decimal_mark: str | None = ".",
                    names=frozenset()) -> list[tuple[int, int, Written]]:
    """``(start, end, Written)`` for every number written as a value in ``text``, in order.

    ``start:end`` is the span in ``text`` (sign, digits, ``\\%`` and power of ten
    included) and ``Written.text`` that source.  Text the lexer cannot read gives [].
    """
    try:
        toks = tokenize(text, names=names, decimal_mark=decimal_mark)
    except ParseError:
        return []
    out: list[tuple[int, int, Written]] = []
    k = 0
    n = len(toks)
    while k < n:
        tok = toks[k]
        kind = tok.kind
        if kind == "_":
            k = group_end(toks, k + 1)
            continue
        if kind == "^" and k + 1 < n and is_index_superscript(toks, k + 1):
            k = group_end(toks, k + 1)
            continue
        if kind == "cmd" and tok.value in ("sum", "prod"):
            k += 1
            while k < n and toks[k].kind in ("_", "^"):
                k = group_end(toks, k + 1)
            continue
        if kind == "num":
            previous = toks[k - 1] if k else None
            if previous is not None and previous.kind == "cmd" and previous.value in _FRACTIONS \
                    and len(tok.value) > 1 and text[tok.pos:tok.end].isdigit():
                # \frac12: two numbers, one digit each
                for a, b in ((tok.pos, tok.pos + 1), (tok.pos + 1, tok.end)):
                    out.append((a, b, read_number(text[a:b])))
                k += 1
                continue
            found, k = _number_at(text, toks, k)
            if found is not None:
                out.append(found)
            continue
        k += 1
    return out


_MANTISSA = re.compile(r"^[-\s]*[0-9][0-9{},.\s\\]*?(?=\s*(?:\\times|\\cdot|\\%|e[-+0-9]|$))")


def with_decimal_points(text: str, decimal_mark: str | None) -> str:
    """``text`` with every number written as a value in decimal points, without thousands separators
    (for a document whose decimal mark is ``,``); subscripts and indices are left as they are."""
    if decimal_mark != ",":
        return text
    out, last = [], 0
    for start, end, _ in written_numbers(text, decimal_mark=decimal_mark):
        span = text[start:end]
        m = _MANTISSA.match(span)
        if m is None:
            continue
        digits = re.sub(r"\\[,;!: ]|[.\s]|\{\}", "", m.group(0)).replace("{,}", ".").replace(",", ".")
        out.append(text[last:start] + digits + span[m.end():])
        last = end
    return "".join(out) + text[last:]


def _number_at(text: str, toks: list[Token], k: int):
    """The written number whose digits are token k; (found or None, next token index)."""
    tok = toks[k]
    info = tok.number
    if info is None or info.ambiguous:
        return None, k + 1
    start, end = tok.pos, tok.end
    plain = info.digits + (f"e{info.exponent}" if info.exponent else "")
    sign = ""
    if k >= 1 and toks[k - 1].kind == "-" and (k < 2 or toks[k - 2].kind in _SIGN_CONTEXT):
        sign = "-"
        start = toks[k - 1].pos
    j = k + 1
    # a power of ten: 4.5 \times 10^{-5}, 1.2 \cdot 10^3
    if j + 2 < len(toks) and toks[j].kind == "*" and toks[j + 1].kind == "num" \
            and toks[j + 1].value == "10" and toks[j + 2].kind == "^" and not info.exponent:
        e = j + 3
        brace = e < len(toks) and toks[e].kind == "{"
        if brace:
            e += 1
        negative = e < len(toks) and toks[e].kind == "-"
        if negative:
            e += 1
        if e < len(toks) and toks[e].kind == "num" and toks[e].value.isdigit():
            digits = toks[e].value if brace else toks[e].value[:1]
            stop = e + 1
            if brace and not (stop < len(toks) and toks[stop].kind == "}"):
                digits = None
            if digits is not None:
                plain = f"{info.digits} \\times 10^{{{'-' if negative else ''}{digits}}}"
                end = (toks[stop].end if brace else toks[e].pos + 1)
                j = stop + 1 if brace else stop
    elif j < len(toks) and toks[j].kind == "percent":
        plain += "%"
        end = toks[j].end
        j += 1
    written = read_number(sign + plain)
    if written is None:
        return None, j
    return (start, end, dataclasses.replace(written, text=text[start:end])), j
