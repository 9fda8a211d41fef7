r"""Numbers as people write them in LaTeX: decimal marks, thousands separators, powers of ten.

:func:`scan_number` reads the number that starts at a position and says what it
is under a document's *decimal mark*:

* ``"."`` (English and the default): ``0.5`` is a half; ``{,}`` separates thousands
  (``1{,}000``) and, between digits that cannot be groups of three, is a decimal
  comma (``0{,}8``, the only reading); a bare ``,`` is never part of a number (it
  separates arguments, as in ``\max(0,z)``).
* ``","`` (German, French, ...): ``0,8``, ``0{,}8`` are 0.8; ``.`` separates
  thousands where the digits allow it (``1.000,5``, ``100.480`` is 100480) and is a
  decimal point where they do not (``0.5``, a mixed document).
* ``None`` (unknown, or a document that writes both ways): what only one reading
  allows is read that way (``0.25``, ``0{,}8``, ``1.000,5``); ``100.480``,
  ``1{,}000`` and a bare ``0,8`` are *ambiguous*: the number carries a reason and
  the parser refuses it (a ParseError of kind ``"ambiguous"``), so a checker says
  unchecked rather than guess.

A number written with both marks (``1.000,5``, ``1,000.5``) says its own convention.
Scientific notation ``9.5e-7`` is a number when the mantissa has a decimal point or
is 1 (``1e-5``); ``2e-1`` may be 2e − 1 and is ambiguous.

>>> scan_number("0.6225", 0, ".")
Number(end=6, digits='0.6225', exponent=0, ambiguous=None, comma=False)
>>> scan_number("100.480", 0, ",").digits, scan_number("1{,}000", 0, ".").digits
('100480', '1000')
>>> scan_number("0,8 + x", 0, ",").digits, scan_number("0,8", 0, ".").end
('0.8', 1)
>>> scan_number("100.480", 0, None).ambiguous
"'100.480': '.' may be a decimal point or a thousands separator"
>>> scan_number("9.5e-7", 0, ".").exponent
-7
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .latex_errors import ParseError

__all__ = ["Number", "scan_number", "DECIMAL_MARKS"]

DECIMAL_MARKS = (".", ",", None)

_SCIENTIFIC = re.compile(r"[eE](?P<sign>[-+]?)(?P<digits>\d+)")
_AFTER_SCIENTIFIC = re.compile(r"[A-Za-z0-9.{^_(]")


@dataclass(frozen=True)
class Number:
    """A number found in the text: where it ends, its digits with ``.`` as the decimal point.

    ``exponent`` is a power of ten written as ``e-7``; ``ambiguous`` the reason the
    number has more than one reading (None when it has one); ``comma`` says a bare
    ``,`` was read as the decimal mark (so ``f(0,5)`` may still mean two arguments).
    """

    end: int
    digits: str
    exponent: int = 0
    ambiguous: str | None = None
    comma: bool = False


def _groups(text: str, pos: int, bare_comma: bool):
    """Digit groups and the separators between them, from ``pos``; (groups, seps, end)."""
    n = len(text)
    groups, seps = [], []
    j = pos
    k = j
    while k < n and text[k].isdigit():
        k += 1
    groups.append(text[j:k])
    j = k
    while j < n:
        if text.startswith("{,}", j) and j + 3 < n and text[j + 3].isdigit():
            sep, width = "{,}", 3
        elif text[j] == "." and j + 1 < n and text[j + 1].isdigit():
            sep, width = ".", 1
        elif bare_comma and text[j] == "," and j + 1 < n and text[j + 1].isdigit():
            sep, width = ",", 1
        else:
            break
        k = j + width
        while k < n and text[k].isdigit():
            k += 1
        seps.append(sep)
        groups.append(text[j + width:k])
        j = k
    return groups, seps, j


def _thousands(groups: list[str]) -> bool:
    """Groups that can be thousands: 1-3 digits (not a lone leading 0), then threes."""
    first = groups[0]
    return 1 <= len(first) <= 3 and not (first[0] == "0") and all(len(g) == 3 for g in groups[1:])


def _read(groups, seps, mark, lexeme) -> tuple[str, str | None]:
    """The digits of the number with '.' as decimal point, and an ambiguity reason or None."""
    if not seps:
        return groups[0], None
    points = [s for s in seps if s == "."]
    commas = [s for s in seps if s != "."]
    if points and commas:
        # both marks: the last one is the decimal mark, the other one separates thousands
        last = "." if seps[-1] == "." else ","
        thousands_sep = "," if last == "." else "."
        decimal_count = len(points) if last == "." else len(commas)
        inner = [s for s in seps[:-1]]
        if decimal_count != 1 or any((s == ".") != (thousands_sep == ".") for s in inner) \
                or not _thousands(groups[:-1]):
            raise ParseError(f"'{lexeme}' is not a number: mixed separators", 1)
        return "".join(groups[:-1]) + "." + groups[-1], None
    kind = "." if points else ","
    several = len(seps) > 1
    grouped = _thousands(groups)
    if several:
        if not grouped:
            what = "'.'" if kind == "." else "'{,}'"
            raise ParseError(f"{what} is read as a thousands separator only between groups of "
                             f"three digits: '{lexeme}'", 1)
        if mark == kind:
            raise ParseError(f"'{lexeme}': several decimal marks", 1)
        return "".join(groups), None
    whole, frac = groups
    if kind == ".":
        if mark == "," and grouped:
            return whole + frac, None
        if mark is None and grouped:
            return whole + "." + frac, f"'{lexeme}': '.' may be a decimal point or a thousands separator"
        return whole + "." + frac, None
    # one comma ({,} or a bare ',')
    if mark == "." and grouped:
        return whole + frac, None
    if mark is None and grouped:
        return whole + "." + frac, f"'{lexeme}': ',' may be a decimal comma or a thousands separator"
    if mark is None and "," in seps:
        return whole + "." + frac, f"'{lexeme}': ',' may be a decimal comma or separate two numbers"
    return whole + "." + frac, None


def scan_number(text: str, pos: int, decimal_mark: str | None = ".", *,
                e_is_variable: bool = False) -> Number:
    """The number that starts at ``text[pos]`` (a digit, or ``.`` before a digit).

    Raises :class:`ParseError` (column relative to ``pos``) for digits that are no
    number under any reading (``1.2.3``, ``1{,}00``).
    """
    bare_comma = decimal_mark != "."
    groups, seps, end = _groups(text, pos, bare_comma)
    if bare_comma and seps.count(",") > 1:
        # '0,1,2' is a list, not a number: stop before the first bare comma
        groups, seps, end = _groups(text, pos, False)
    lexeme = text[pos:end]
    try:
        digits, ambiguous = _read(groups, seps, decimal_mark, lexeme)
    except ParseError as err:
        raise ParseError(err.reason, pos + 1) from None
    exponent = 0
    m = _SCIENTIFIC.match(text, end)
    if m:
        after = m.end()
        clean = after >= len(text) or not _AFTER_SCIENTIFIC.match(text, after)
        mantissa_ok = "." in digits or digits == "1"
        written = text[pos:after]
        if clean and mantissa_ok and not e_is_variable:
            exponent = int(m.group("sign") + m.group("digits"))
            end = after
        else:
            raise ParseError(f"ambiguous '{written}': write \\times 10^{{..}} for a power of ten, "
                             "or \\cdot e", end + 1, "ambiguous")
    return Number(end, digits, exponent, ambiguous, "," in seps)
