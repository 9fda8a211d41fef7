"""What every format shows of a derivation: rows of LaTeX, verdicts, issues.

The formats differ only in how they lay these out, so the SymPy printing and
the verdict logic live here once.

>>> from sympy import Symbol, exp
>>> from derivations import Derivation, Step, sigmoid
>>> x = Symbol('x')
>>> d = Derivation("s", "sigma", start=sigmoid(x), steps=[Step(1 / (1 + exp(-x)), "definition")])
>>> [(r.lhs, r.relation, r.rhs, r.why, r.verdict) for r in rows(d)]
[('\\\\sigma\\\\left(x\\\\right)', '=', '\\\\frac{1}{1 + e^{- x}}', 'definition', 'unchecked')]
"""

from __future__ import annotations

from dataclasses import dataclass

from ..derivation import PROVED, UNCHECKED, VERIFIED, Derivation, Step
from .printer import RELATION_LATEX, to_latex

__all__ = ["Row", "rows", "verdict_of", "issues", "VERDICT_LABELS", "digits_of"]

#: verdict -> short label shown next to a step
VERDICT_LABELS = {
    "proved": "proved", "verified": "verified", "wrong": "wrong", "unknown": "unknown",
    "unchecked": "unchecked",
}


@dataclass(frozen=True)
class Row:
    """One displayed line: ``lhs relation rhs`` (lhs only on the first line) and why."""

    index: int  # 1-based step number
    lhs: str | None
    relation: str
    rhs: str
    why: str
    verdict: str
    detail: str  # Evidence.describe() when the step is neither proved nor verified, else ""


def verdict_of(step: Step) -> str:
    """The step's verdict, ``"unchecked"`` when it carries no evidence."""
    return step.evidence.verdict if step.evidence is not None else UNCHECKED


def digits_of(derivation: Derivation, inherited: int | None = None) -> int | None:
    """The digits a derivation prints with: its own, else its parent's."""
    return derivation.digits if derivation.digits is not None else inherited


def rows(derivation: Derivation, *, digits: int | None = None) -> list[Row]:
    """The rows of a derivation's chain (a chain without steps gives one bare row)."""
    digits = digits_of(derivation, digits)
    start = to_latex(derivation.start, digits=digits)
    if not derivation.steps:
        return [Row(0, start, "", "", "", "", "")]
    out = []
    for i, (_, step) in enumerate(derivation.links(), start=1):
        verdict = verdict_of(step)
        detail = ""
        if step.evidence is not None and verdict not in (PROVED, VERIFIED):
            detail = step.evidence.describe()
        out.append(Row(
            index=i,
            lhs=start if i == 1 else None,
            relation=RELATION_LATEX[step.relation],
            rhs=to_latex(step.expr, digits=digits),
            why=step.why or "",
            verdict=verdict,
            detail=detail,
        ))
    return out


def issues(table: list[Row]) -> list[Row]:
    """Rows whose step is not proved or verified (wrong, unknown or unchecked with a reason)."""
    return [r for r in table if r.verdict and r.verdict not in (PROVED, VERIFIED)]
