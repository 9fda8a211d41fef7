"""The tolerance that written digits imply.

A decimal written with k decimal places stands for any value within half a
unit of its last place: ``0.6225`` covers [0.62245, 0.62255].  A side that is
a bare decimal is always read that way.  Inside a longer expression a decimal
counts as rounded when it has at least four significant digits or three
decimal places (``0.6225``, ``0.2350``, ``0.0171``: intermediate results the
student rounded); shorter ones such as ``0.5`` or ``0.25`` are taken as exact,
so that ``0.5(1) = 0.54`` is not excused as rounding.

>>> literals(r"-0.125 \\cdot 0.6225")
[Literal(value=-1/8, half_unit=1/2000, significant=3), Literal(value=249/400, half_unit=1/20000, significant=4)]
>>> bare_literal("0.6225").half_unit
1/20000
>>> bare_literal(r"0.5(1)") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sympy import Rational

ROUNDED_DIGITS = 4
ROUNDED_HALF_UNIT = Rational(1, 2000)  # three or more decimal places

_NUMBER = re.compile(r"(?<![\w.])(-?)(\d+)\.(\d+)(\\%)?(?![\w.])")
_BARE = re.compile(r"^\s*(-?)\s*(\d+)(?:\.(\d+))?\s*(\\%|%)?\s*$")


@dataclass(frozen=True)
class Literal:
    value: Rational
    half_unit: Rational
    significant: int
    span: tuple[int, int] = (0, 0)

    def __repr__(self):
        return f"Literal(value={self.value}, half_unit={self.half_unit}, significant={self.significant})"

    def moved(self, text: str) -> str:
        """text with this literal pushed half a unit away from zero (written as a decimal)."""
        a, b = self.span
        written = text[a:b]
        sign = "-" if written.lstrip().startswith("-") else ""
        body = written.lstrip().lstrip("-").replace("\\%", "")
        whole, _, frac = body.partition(".")
        return text[:a] + f"{sign}{whole}.{frac}5" + text[b:]


def _literal(sign: str, whole: str, frac: str, percent: bool, span=(0, 0)) -> Literal:
    digits = (whole + frac).lstrip("0") or "0"
    value = Rational(f"{sign}{whole}.{frac}") if frac else Rational(f"{sign}{whole}")
    half = Rational(1, 2 * 10 ** len(frac))
    if percent:
        value, half = value / 100, half / 100
    return Literal(value, half, len(digits), span)


def literals(text: str) -> list[Literal]:
    """The decimals written in a piece of LaTeX, with the half unit of their last place."""
    return [_literal(m.group(1), m.group(2), m.group(3), bool(m.group(4)), (m.start(1), m.end(3)))
            for m in _NUMBER.finditer(text)]


def bare_literal(text: str) -> Literal | None:
    """The literal when the whole text is one (signed) decimal number, else None."""
    m = _BARE.match(text)
    if not m or m.group(3) is None:
        return None
    return _literal(m.group(1), m.group(2), m.group(3), bool(m.group(4)))


def rounded_literals(text: str) -> list[Literal]:
    """The decimals of a side that may be roundings (the whole side, or >= 4 significant digits)."""
    bare = bare_literal(text)
    if bare is not None:
        return [bare]
    return [lit for lit in literals(text)
            if lit.significant >= ROUNDED_DIGITS or lit.half_unit <= ROUNDED_HALF_UNIT]
