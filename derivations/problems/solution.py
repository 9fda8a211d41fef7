"""A solved problem: its worked derivation (every step checked as displayed) and its exact answers.

``answers`` holds exact values (:class:`~.exact.Real`, ints for counts and
classes, booleans for flags); ``printed`` the same tree with every number as
the sheets print it (one rounding, :mod:`derivations.numbers`).

>>> from derivations.numbers import DecimalPlaces
>>> rounding_note(DecimalPlaces(4))[:74]
'Every value is computed exactly; each number is printed rounded to 4 decim'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .loader import Problem

__all__ = ["Solution", "rounding_note"]


def rounding_note(rounding) -> str:
    """The one sentence a worked exercise says about its numbers."""
    return (f"Every value is computed exactly; each number is printed rounded to {rounding.describe()} "
            "(tiny values in scientific notation), and a later line shows the printed values of earlier ones; "
            "a line with rounded numbers is marked as approximately equal.")


@dataclass
class Solution:
    """What a solver returns: the problem, its derivation, exact answers and the answers as printed."""

    problem: Problem
    derivation: Any
    answers: dict[str, Any]
    printed: dict[str, Any] = field(default_factory=dict)
