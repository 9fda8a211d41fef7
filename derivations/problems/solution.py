"""A solved problem: its derivation (every step exact), its exact answers and print labels.

Helpers build the chains the solvers use: :func:`chain` makes one part,
:func:`plus` and :func:`times` keep a sum or product written out (unevaluated),
so a step can go from ``2*0 + (-3/2)*1 + 3`` to ``3/2``.

>>> from sympy import Rational
>>> part = chain("z", "z", "z = w x + b", plus(times(2, 0), times(Rational(-3, 2), 1), 3),
...               (Rational(3, 2), "add the products"))
>>> part.start, part.end
(-3/2*1 + 2*0 + 3, 3/2)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sympy import Add, Mul, Pow, S

from ..derivation import Derivation, Step
from .loader import Problem

__all__ = ["Solution", "chain", "plus", "times", "power", "CONVENTION_NOTE"]

CONVENTION_NOTE = (
    "Every value is computed exactly (fractions, and sigma(1/2), e^2, ... kept as exact symbols); "
    "numbers are rounded only when printed, to {digits} decimal places, and a rounded value is never "
    "used in a later computation, so recomputing from printed intermediates may change the last digit."
)


@dataclass
class Solution:
    """What a solver returns: the problem, its derivation, exact answers, and labels for printing.

    ``labels`` maps an exact value computed earlier to its name (``a^[1]_2``); the
    text printer shows such a value rounded where it appears inside a later step.
    """

    problem: Problem
    derivation: Derivation
    answers: dict[str, Any]
    labels: dict[Any, str] = field(default_factory=dict)


def _s(value):
    return S(value) if isinstance(value, (int,)) else value


def plus(*terms):
    """A sum kept as written (not evaluated)."""
    terms = [_s(t) for t in terms]
    return terms[0] if len(terms) == 1 else Add(*terms, evaluate=False)


def times(*factors):
    """A product kept as written (not evaluated)."""
    factors = [_s(f) for f in factors]
    return factors[0] if len(factors) == 1 else Mul(*factors, evaluate=False)


def power(base, exponent):
    """A power kept as written (not evaluated)."""
    return Pow(_s(base), _s(exponent), evaluate=False)


def chain(id: str, title: str, statement: str, start, *steps, digits: int | None = None,
          notes: str = "") -> Derivation:
    """One part: ``start = expr1 = expr2 ...``, each step a pair ``(expr, why)``."""
    return Derivation(id=id, title=title, start=_s(start), statement=statement, digits=digits, notes=notes,
                      steps=[Step(_s(expr), why) for expr, why in steps])
