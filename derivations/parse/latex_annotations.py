r"""Declarations of what a name is: ``x \in \mathbb{R}^{n}``, ``y \in \{0, 1\}``.

:func:`parse_annotation` reads ``NAMES \in SET`` into an :class:`Annotation`: the
declared names (canonical, as the parser spells them) and what they are:

=================================  ==========================================
``x \in \mathbb{R}``               domain ``real``, shape ``()`` (a scalar)
``x \in \mathbb{R}^{n}``           ``real``, shape ``(n,)`` (a vector)
``W^{[1]} \in \mathbb{R}^{4 \times 3}``  ``real``, shape ``(4, 3)`` (a matrix)
``n \in \mathbb{N}``, ``\mathbb{Z}``    ``natural`` (1, 2, ...; ``\mathbb{N}_0`` from 0), ``integer``
``\mathbb{R}_{>0}``, ``\mathbb{R}^+``  ``positive``; ``\mathbb{R}_{\ge 0}``: ``nonnegative``
``y \in \{0, 1\}``, ``\{0,1\}^K``      ``binary`` (shape ``(K,)`` for a vector)
``i \in \{1, \dots, K\}``            ``integer`` with ``low`` 1 and ``high`` K
``p \in [0, 1]``, ``(0, 1)``         ``interval`` with ``low``, ``high`` (and ``open``)
``c \in \{-1, 1\}``                  ``set`` with ``values``
=================================  ==========================================

>>> a = parse_annotation(r"W^{[1]} \in \mathbb{R}^{4 \times 3}")
>>> a.names, a.domain, a.shape, a.rows, a.cols
(('W^{[1]}',), 'real', (4, 3), 4, 3)
>>> parse_annotation(r"x, y \in \{0, 1\}").names, parse_annotation(r"n \in \mathbb{N}").domain
(('x', 'y'), 'natural')
>>> parse_annotation("x = 1") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Expr, Integer

from .latex_errors import ParseError
from .latex_lexer import Token, group_end, tokenize

__all__ = ["Annotation", "parse_annotation"]

_SETS = {"R": "real", "N": "natural", "Z": "integer", "Q": "rational", "C": "complex"}
_UNICODE_SETS = {"\u211d": r"\mathbb{R}", "\u2115": r"\mathbb{N}", "\u2124": r"\mathbb{Z}",
                 "\u211a": r"\mathbb{Q}"}
_SET_MACROS = {r"\R": r"\mathbb{R}", r"\Reals": r"\mathbb{R}", r"\N": r"\mathbb{N}",
               r"\Z": r"\mathbb{Z}", r"\mathbf{R}": r"\mathbb{R}", r"\mathbf{N}": r"\mathbb{N}",
               r"\mathbf{Z}": r"\mathbb{Z}", r"\mathrm{R}": r"\mathbb{R}"}
_DOTS = frozenset({"dots", "ldots", "cdots", "dotsc"})


@dataclass(frozen=True)
class Annotation:
    """What ``NAMES \\in SET`` says: ``names`` are of ``domain`` with ``shape``.

    ``shape`` is ``()`` for a scalar, ``(n,)`` for a vector of n entries, ``(m, n)`` for
    an m×n matrix (entries are SymPy numbers or symbols).  ``low``/``high`` bound an
    interval or an integer range (``open`` says which ends are excluded: ``"low"``,
    ``"high"``, ``"both"`` or ``""``); ``values`` lists a finite set.
    """

    names: tuple[str, ...]
    domain: str
    shape: tuple = ()
    low: Expr | None = None
    high: Expr | None = None
    open: str = ""
    values: tuple = ()

    @property
    def name(self) -> str:
        return self.names[0]

    @property
    def rows(self):
        return self.shape[0] if self.shape else None

    @property
    def cols(self):
        if len(self.shape) >= 2:
            return self.shape[1]
        return Integer(1) if len(self.shape) == 1 else None

    @property
    def is_array(self) -> bool:
        """A vector or a matrix (its shape has a dimension that is not known to be 1)."""
        return any(d != 1 for d in self.shape)


def _normalise(text: str) -> str:
    for k, v in _UNICODE_SETS.items():
        text = text.replace(k, v)
    for k, v in sorted(_SET_MACROS.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(k + " ", v + " ").replace(k + "^", v + "^").replace(k + "_", v + "_")
        if text.endswith(k):
            text = text[: -len(k)] + v
    return text


def parse_annotation(text: str) -> Annotation | None:
    """The declaration ``text`` is, or None when it is not one (never raises for bad input)."""
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    source = _normalise(text.strip().rstrip(".,;"))
    try:
        toks = tokenize(source)
    except ParseError:
        return None
    at = next((k for k, t in enumerate(toks) if t.kind == "in"), None)
    if at is None or toks[at].value != "in":
        return None
    names = _names(source, toks[:at] + [Token("eof", None, toks[at].pos, toks[at].pos)])
    if not names:
        return None
    rest = toks[at + 1:]
    try:
        found = _set(source, rest)
    except (ParseError, IndexError, ValueError, TypeError):
        return None
    if found is None:
        return None
    return Annotation(tuple(names), **found)


def _names(source: str, toks: list[Token]) -> list[str] | None:
    from .latex import _options
    from .latex_parser import Parser

    p = Parser(source, toks, _options(None, (), True))
    out = []
    try:
        while True:
            if not p.starts_symbol(p.peek()):
                return None
            parts = p.symbol_head()
            p.symbol_postfix(parts)
            while p.peek().kind == "^":       # x^T: the declaration is of x
                index = p.index_superscript()
                if index is None:
                    return None
                p.i = index[3]
            out.append(parts.name(transpose=False))
            if p.peek().kind == ",":
                p.i += 1
                continue
            return out if p.peek().kind == "eof" else None
    except ParseError:
        return None


def _expression(source: str, toks: list[Token]):
    from .latex import parse_expression

    if not toks:
        raise ValueError("empty")
    return parse_expression(source[toks[0].pos:toks[-1].end])


def _script(toks: list[Token], k: int) -> tuple[list[Token], int]:
    """The tokens of the script at k (a brace group or one token) and the index after it."""
    end = group_end(toks, k)
    if toks[k].kind != "{":
        return [toks[k]], end
    if toks[end - 1].kind != "}":
        raise ValueError("unclosed")
    return toks[k + 1:end - 1], end


def _dimensions(source: str, toks: list[Token]) -> tuple:
    pieces, current = [], []
    for t in toks:
        if t.kind == "*":
            pieces.append(current)
            current = []
        else:
            current.append(t)
    pieces.append(current)
    return tuple(_expression(source, piece) for piece in pieces)


def _set(source: str, toks: list[Token]) -> dict | None:
    if not toks or toks[-1].kind != "eof":
        return None
    first = toks[0]
    k = 1
    found: dict
    if first.kind == "cmd" and first.value == "mathbb":
        letter, k = _script(toks, 1)
        if len(letter) != 1 or letter[0].kind != "letter" or letter[0].value not in _SETS:
            return None
        found = {"domain": _SETS[letter[0].value]}
        while toks[k].kind in ("_", "^"):
            script = toks[k].kind
            body, k = _script(toks, k + 1)
            text = source[body[0].pos:body[-1].end].replace(" ", "") if body else ""
            if text in ("+", ">0", "\\gt0", "++"):
                found["domain"] = "positive" if found["domain"] == "real" else "natural"
            elif text in ("\\geq0", "\\ge0", ">=0", "0", "0+", "\\geqslant0"):
                found["domain"] = "nonnegative" if found["domain"] == "real" else "natural0"
            elif script == "^":
                found["shape"] = _dimensions(source, body)
            else:
                return None
        if found["domain"] == "natural0":
            found = {**found, "domain": "integer", "low": Integer(0)}
        elif found["domain"] == "natural":
            found = {**found, "low": Integer(1)}
    elif first.kind == "open" and first.value == "{":
        items, k = _items(source, toks, 1, "{")
        found = _finite_set(items)
        if toks[k].kind == "^":
            body, k = _script(toks, k + 1)
            found["shape"] = _dimensions(source, body)
    elif first.kind == "open" and first.value in "([":
        items, k = _items(source, toks, 1, None)
        if len(items) != 2 or any(i is None for i in items):
            return None
        closing = toks[k - 1]
        low_open = first.value == "("
        high_open = source[closing.pos:closing.end].endswith(")") or closing.value == "("
        found = {"domain": "interval", "low": items[0], "high": items[1],
                 "open": "both" if low_open and high_open else "low" if low_open else
                 "high" if high_open else ""}
    else:
        return None
    if toks[k].kind != "eof":
        return None
    return found


def _items(source: str, toks: list[Token], k: int, closer: str | None):
    """Comma-separated expressions up to the matching close token; (items, index after)."""
    items, current, depth = [], [], 0
    while True:
        t = toks[k]
        if t.kind == "eof":
            raise ValueError("unclosed")
        if t.kind in ("open", "{"):
            depth += 1
        if t.kind in ("close", "}"):
            if depth == 0:
                if closer is not None and t.value != closer:
                    raise ValueError("mismatched")
                items.append(current)
                break
            depth -= 1
        if t.kind == "," and depth == 0:
            items.append(current)
            current = []
        else:
            current.append(t)
        k += 1
    values = []
    for item in items:
        if len(item) == 1 and item[0].kind == "cmd" and item[0].value in _DOTS:
            values.append(None)
        else:
            values.append(_expression(source, item))
    return values, k + 1


def _finite_set(items: list) -> dict:
    if None in items:
        # {1, 2, \dots, K}: the integers from the first to the last
        if items[-1] is None or items[0] is None:
            raise ValueError("a range needs both ends")
        return {"domain": "integer", "low": items[0], "high": items[-1]}
    if sorted(map(str, items)) == ["0", "1"]:
        return {"domain": "binary", "values": (Integer(0), Integer(1))}
    if all(getattr(v, "is_Integer", False) for v in items):
        return {"domain": "set", "values": tuple(items)}
    if items and all(getattr(v, "is_number", False) for v in items):
        return {"domain": "set", "values": tuple(items)}
    raise ValueError("not a set of numbers")

