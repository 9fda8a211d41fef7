r"""What written digits allow the judge: the judge's own choices on top of :mod:`derivations.numbers`.

How a number is written (its exact value, half a unit of its last digit,
its form) is read by :func:`derivations.numbers.read_number`.  This module
decides only what the judge makes of it:

* :func:`reading`: a side that is one written number stands for its rounding.
  A decimal, a percentage or a number in scientific notation always does
  (``\sigma(0.5) = 0.6225``, ``\sigma(2) \approx 88\%``,
  ``0.25^{10} \approx 9.5 \times 10^{-7}``).  An integer does after
  ``\approx`` (``e^7 \approx 1097``, ``\sigma(10) \approx 1``), where its
  trailing zeros may be roundings too (``e^{7} \approx 1100``); after ``=``
  only when the exact value of the other side cannot be written in a few
  digits (``e^7 = 1097`` is a rounding, ``0.4 \cdot 3 = 1`` is wrong: 1.2 is
  short to write, so the ``1`` is not read as a rounding of it).
* :func:`rounded_numbers`: which decimals *inside* a longer expression count
  as rounded: those with at least four significant digits or three decimal
  places (``0.6225``, ``0.2350``, ``0.0171``: intermediate results the
  student rounded); shorter ones such as ``0.5`` or ``0.25`` are taken as
  given, so ``0.5(1) = 0.54`` is not excused, and ``0.25^{10}`` is exact.
* :func:`moved`: a text with one of its numbers pushed half a unit, to see
  how far the side can move.
* :func:`rounds_message` and :func:`distinct`: values in messages, with the
  digits needed to see the difference (never "1.000000000, not 1.000000000").

>>> from sympy import E, Rational, exp
>>> reading("1097", "approx").half_unit, reading("1097", "=", exp(7)).half_unit, reading("1", "=", Rational(6, 5))
(1/2, 1/2, None)
>>> reading("1100", "approx").half_unit, reading("0.6225", "=").half_unit
(50, 1/20000)
>>> [n.written.text for n in rounded_numbers(r"-0.25 \cdot 0.6225 + 0.0171")]
['0.6225', '0.0171']
>>> rounds_message(1 / (1 + exp(-10)), reading("0.99", "approx"))
'$0.99995$ rounds to $1.00$, not $0.99$'
>>> distinct(Rational(1, 3), Rational(3333, 10000))
('0.33333', '0.3333')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext

from sympy import Rational, S

from ..numbers import SignificantDigits, Written, exact_decimal, read_number
from ..vocabulary import Relation

__all__ = ["NumberInText", "written_numbers", "reading", "rounded_numbers", "moved", "short",
           "rounds_message", "telling", "shown_as_written", "distinct", "ROUNDED_DIGITS", "ROUNDED_HALF_UNIT"]

#: inside an expression after ``=``, a decimal with this many significant digits counts as rounded ...
ROUNDED_DIGITS = 4
#: ... and so does one with three or more decimal places
ROUNDED_HALF_UNIT = Rational(1, 2000)
#: an exact value with at most this many significant digits is "short": ``=`` expects it written out
SHORT_DIGITS = 3
#: how close a value must be to a one-digit integer written after "=" (f(-1) = -1 for -0.632 is wrong)
NEAR_UNIT = Rational(1, 20)


@dataclass(frozen=True)
class NumberInText:
    """A number written inside a side: what it is, and where its digits are (``text[start:end]``)."""

    written: Written
    start: int
    end: int


# ---- the one adapter: numbers as written in a text -------------------------------------------
# The parser will give every number token with its digits as written; until then a regex finds the
# decimals (integers inside an expression are exact, so they are never needed here).  Switching is
# replacing the body of written_numbers with a call to the parser's.

_DECIMAL_IN_TEXT = re.compile(
    r"(?<![\w.])(?P<digits>\d+\.\d+)(?![\w.])"
    r"(?P<suffix>\s*(?:\\times|\\cdot)\s*10\s*\^\s*(?:\{\s*[-+]?\s*\d+\s*\}|[-+]?\d)|\s*\\%)?")


def written_numbers(text: str) -> list[NumberInText]:
    r"""The decimals written in a piece of LaTeX (with a ``\%`` or ``\times 10^{k}`` they carry).

    >>> [(n.written.value, n.start, n.end) for n in written_numbers(r"2.5 \times 10^{-3} + 12.5\% - x_1")]
    [(1/400, 0, 3), (1/8, 21, 25)]
    """
    found = []
    for m in _DECIMAL_IN_TEXT.finditer(text):
        w = read_number(m.group(0))
        if w is not None:
            found.append(NumberInText(w, m.start("digits"), m.end("digits")))
    return found


# ---- what a side stands for --------------------------------------------------------------------

_SPACING = re.compile(r"\\[,;:! ]|~")


def _plain(text: str) -> str:
    """The text without thin spaces and outer braces: ``{0.6225}`` is the number 0.6225."""
    text = _SPACING.sub("", text).strip()
    while len(text) > 2 and text[0] == "{" and text[-1] == "}" and "{" not in text[1:-1] and "}" not in text[1:-1]:
        text = text[1:-1].strip()
    return text[1:] if text.startswith("+") else text


def short(value) -> bool:
    """True when ``value`` is an exact decimal with at most :data:`SHORT_DIGITS` significant digits.

    >>> short(Rational(6, 5)), short(Rational(1, 8)), short(Rational(1, 3)), short(Rational(6225, 100))
    (True, True, False, False)
    """
    value = S(value)
    if not value.is_Rational:
        return False
    q = int(value.q)
    for p in (2, 5):
        while q % p == 0:
            q //= p
    if q != 1:
        return False
    digits = str(abs(exact_decimal(value)).normalize()).replace(".", "").lstrip("0")
    return len(digits.split("E")[0]) <= SHORT_DIGITS


def _loosest(w: Written) -> Written:
    """An integer whose trailing zeros may be roundings: ``1100`` stands for anything in [1050, 1150)."""
    if w.form != "integer" or not w.trailing_zeros:
        return w
    unit = Rational(10) ** w.trailing_zeros
    return replace(w, half_unit=unit / 2, significant=max(1, w.significant - w.trailing_zeros))


def reading(text: str, relation, other=None) -> Written | None:
    """The written number ``text`` is, when the judge reads the whole side as a rounding; else None.

    ``other`` is the exact value of the other side (it decides whether an
    integer after ``=`` is a rounding).
    """
    w = read_number(_plain(text))
    if w is None:
        return None
    if w.form != "integer":
        return w
    relation = Relation.of(relation)
    if relation is Relation.APPROX:
        return _loosest(w)
    if relation is Relation.EQ and other is not None and getattr(S(other), "is_number", False) and not short(other):
        # e^7 = 1097 is a rounding; a one-digit integer after "=" claims closeness (f(-1) = -1 for -0.632 is not);
        # "= 0" claims zero (\sigma'(4) = 0 for 0.018 is the slip of a vanishing gradient, not a rounding)
        if w.value == 0:
            return None
        return replace(w, half_unit=NEAR_UNIT) if abs(w.value) < 10 else w
    return None


def rounded_numbers(text: str) -> list[NumberInText]:
    """The decimals inside ``text`` that may be roundings (see the module docstring)."""
    return [n for n in written_numbers(text)
            if n.written.significant >= ROUNDED_DIGITS or n.written.half_unit <= _places_unit(n.written)]


def _places_unit(w: Written) -> Rational:
    """:data:`ROUNDED_HALF_UNIT` on the scale the digits are written in (a percentage's digits are 1/100)."""
    return ROUNDED_HALF_UNIT / 100 if w.form == "percent" else ROUNDED_HALF_UNIT


def moved(text: str, number: NumberInText) -> str:
    """``text`` with ``number`` pushed half a unit of its last digit away from zero (a ``5`` appended)."""
    return text[:number.end] + "5" + text[number.end:]


# ---- values in messages ------------------------------------------------------------------------

def _unit_exponent(w: Written) -> int:
    """k such that the unit of the last written digit is 10^k (on the written scale: % digits for a percentage)."""
    unit = w.half_unit * 2 * (100 if w.form == "percent" else 1)
    k = 0
    while unit < 1:
        unit *= 10
        k -= 1
    while unit >= 10:
        unit /= 10
        k += 1
    return k


def _fixed(d: Decimal, exponent: int) -> str:
    """``d`` rounded half away from zero to a multiple of 10^exponent, trailing zeros kept."""
    with localcontext() as ctx:
        ctx.prec = 200
        q = d.quantize(Decimal(1).scaleb(min(exponent, 0)), rounding=ROUND_HALF_UP)
        if exponent > 0:
            q = (d.scaleb(-exponent).quantize(Decimal(1), rounding=ROUND_HALF_UP)).scaleb(exponent)
            q = q.quantize(Decimal(1))
    text = format(q, "f")
    return text[1:] if text.startswith("-") and Decimal(text) == 0 else text


def shown_as_written(value, w: Written, extra: int = 0) -> str:
    r"""LaTeX of ``value`` in the form ``w`` is written in, with ``extra`` more digits than ``w`` has.

    >>> from sympy import Rational
    >>> shown_as_written(Rational(1, 8), read_number("0.10")), shown_as_written(Rational(2, 3), read_number("67\\%"), 1)
    ('0.13', '66.7\\%')
    >>> shown_as_written(Rational(1, 4) ** 10, read_number(r"9.4 \times 10^{-7}"), 2)
    '9.537 \\times 10^{-7}'
    """
    value = S(value)
    if w.form == "scientific":
        digits = max(1, w.significant) + extra
        p = SignificantDigits(digits).printed(value, scientific=True)
        if p.exponent is None:
            return p.latex()
        mantissa = Decimal(p.mantissa)
        return rf"{_fixed(mantissa, -(digits - 1))} \times 10^{{{p.exponent}}}"
    scale = 100 if w.form == "percent" else 1
    text = _fixed(exact_decimal(value * scale), _unit_exponent(w) - extra)
    return text + (r"\%" if w.form == "percent" else "")


def _as_number(latex: str) -> Rational:
    w = read_number(latex)
    return w.value if w is not None else None


def _trimmed(text: str) -> str:
    """An exact value without the zeros a wider rounding padded it with (``0.622500`` -> ``0.6225``)."""
    head, sep, tail = text.partition(r"\%") if r"\%" in text else text.partition(r" \times")
    if "." in head:
        head = head.rstrip("0").rstrip(".")
    return head + sep + tail


def telling(value, w: Written, *, most: int = 6) -> tuple[str, str, bool]:
    """(value shown, its right rounding, exact): ``value`` in ``w``'s form with digits enough to see it
    is not its own rounding (two more at least, ``most`` more at most); ``exact`` when nothing was cut."""
    right = shown_as_written(value, w)
    shown = right
    for extra in range(2, most + 1):
        shown = shown_as_written(value, w, extra)
        if _as_number(shown) == S(value):
            return _trimmed(shown), right, True
        if _as_number(shown) != _as_number(right):
            break
    return shown, right, False


def rounds_message(value, w: Written) -> str:
    """``$0.99995$ rounds to $1.00$, not $0.99$``: the value with digits enough to see it is not what is written."""
    shown, right, _ = telling(value, w)
    return f"${shown}$ rounds to ${right}$, not ${w.text}$"


def _settled(value):
    """A 40-digit float that is an integer to all its digits, as that integer (``4.000…0`` is ``4``)."""
    if value.is_Float:
        nearest = value.round()
        if abs(value - nearest) <= S(10) ** -30 * max(S.One, abs(value)):
            return S(int(nearest))
    return value


def distinct(a, b, *, at_least: int = 4, most: int = 40) -> tuple[str, str]:
    """LaTeX of two values with the fewest significant digits (at least ``at_least``) that tell them apart.

    >>> distinct(1, Rational(3, 2)), distinct(Rational(10**12 + 1, 10**12), 1)
    (('1', '1.5'), ('1.000000000001', '1'))
    """
    a, b = _settled(S(a)), _settled(S(b))
    if a == b:
        text = SignificantDigits(at_least).latex(a)
        return text, text
    for n in range(at_least, most + 1):
        r = SignificantDigits(n)
        pa, pb = r.printed(a), r.printed(b)
        if pa.value != pb.value or (pa.exact and pb.exact):
            return pa.latex(), pb.latex()
    gap = SignificantDigits(2).latex(a - b)
    return f"{pa.latex()} \\; (\\text{{differs by }} {gap})", pb.latex()
