"""What every format shows of a derivation: rows of LaTeX, verdicts, issues, labels, the rounding note.

The formats differ only in how they lay these out, so the SymPy printing, the
line breaking and the verdict logic live here once.

>>> from sympy import Symbol, exp
>>> from derivations import Derivation, Step, sigmoid
>>> x = Symbol('x')
>>> d = Derivation("s", "sigma", start=sigmoid(x), steps=[Step(1 / (1 + exp(-x)), "definition")])
>>> [(r.lhs, r.relation, r.rhs, r.why, r.verdict) for r in rows(d)]
[('\\\\sigma\\\\left(x\\\\right)', '=', '\\\\frac{1}{1 + e^{- x}}', 'definition', 'unchecked')]
>>> label(["two-layer", "forward.z1_1"])
'item:two-layer.forward.z1-1'
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Basic, Float, Integer, Rational

from ..derivation import PROVED, UNCHECKED, VERIFIED, Derivation, Step
from ..numbers import DecimalPlaces, Rounding
from .breaking import break_lines, break_text
from .printer import RELATION_LATEX, rounding_of, to_latex
from .width import latex_width

__all__ = ["Row", "rows", "definitions", "verdict_of", "issues", "VERDICT_LABELS", "digits_of", "label", "rounding_note",
           "shows_rounded_numbers", "note_for", "part_paths", "own_lhs_lines", "lhs_room"]

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
    rhs_expr: object = None
    digits: object = None
    lhs_expr: object = None

    def rhs_lines(self, first: float, rest: float) -> list[str]:
        """The right side broken into lines: the first within ``first`` em, the others within ``rest``."""
        if self.rhs_expr is None:
            return break_text(self.rhs, first=first, rest=rest)
        return break_lines(self.rhs_expr, first=first, rest=rest, digits=self.digits)

    def lhs_lines(self, first: float, rest: float) -> list[str]:
        """The left side (first row only) broken into lines, as :meth:`rhs_lines`."""
        if self.lhs_expr is None:
            return break_text(self.lhs or "", first=first, rest=rest)
        return break_lines(self.lhs_expr, first=first, rest=rest, digits=self.digits)

    def rhs_after_relation(self, first: float, rest: float, safety: float) -> list[str]:
        """:meth:`rhs_lines` for rooms (em of the page) that also hold the relation; widths count ``safety`` times."""
        taken = latex_width(self.relation + " x") - latex_width("x")
        return self.rhs_lines(first=(first - taken) / safety, rest=(rest - taken) / safety)


def own_lhs_lines(first: Row, layout) -> list[str] | None:
    """The first row's left side on lines of its own (no relation, or a left side too wide), else None.

    ``layout`` is a :class:`~derivations.render.latex.Layout` (``line``, ``safety``, ``long_lhs``, ``fits``).
    """
    if first.relation and layout.fits(first.lhs or "", layout.long_lhs * layout.line):
        return None
    full = layout.line / layout.safety
    return first.lhs_lines(first=full, rest=full - 1.0)


def lhs_room(first: Row, own: list[str] | None, layout) -> float:
    """Em of the line that the left side takes beside the first step (0 when it has lines of its own)."""
    return 0.0 if own else latex_width(first.lhs or "") * layout.safety


def verdict_of(step: Step) -> str:
    """The step's verdict, ``"unchecked"`` when it carries no evidence."""
    return step.evidence.verdict if step.evidence is not None else UNCHECKED


def digits_of(derivation: Derivation, inherited=None) -> Rounding | None:
    """The rounding a derivation prints with: its own, else its parent's."""
    return rounding_of(derivation.digits if derivation.digits is not None else inherited)


def rows(derivation: Derivation, *, digits=None) -> list[Row]:
    """The rows of a derivation's chain (a chain without steps gives one bare row)."""
    digits = digits_of(derivation, digits)
    start = to_latex(derivation.start, digits=digits)
    if not derivation.steps:
        return [Row(0, start, "", "", "", "", "", digits=digits,
                    lhs_expr=derivation.start if isinstance(derivation.start, Basic) else None)]
    out = []
    for i, (_, step) in enumerate(derivation.links(), start=1):
        verdict = verdict_of(step)
        detail = ""
        if step.evidence is not None and verdict not in (PROVED, VERIFIED):
            detail = step.evidence.describe()
        out.append(Row(
            index=i,
            lhs=start if i == 1 else None,
            relation=RELATION_LATEX[str(step.relation)],
            rhs=to_latex(step.expr, digits=digits),
            why=step.why or "",
            verdict=str(verdict),
            detail=detail,
            rhs_expr=step.expr if isinstance(step.expr, Basic) else None,
            digits=digits,
            lhs_expr=derivation.start if i == 1 and isinstance(derivation.start, Basic) else None,
        ))
    return out


def names_its_chain(derivation: Derivation, digits=None) -> bool:
    """True when the title only repeats the chain's left side (``$z^{[1]}_1$`` over ``z^{[1]}_1 = …``):
    the part needs no heading of its own."""
    title = (derivation.title or "").strip()
    if not (title.startswith("$") and title.endswith("$")) or derivation.parts or derivation.statement \
            or derivation.assumptions or derivation.start is None:
        return False
    squeeze = lambda t: "".join(t.split())  # noqa: E731
    return squeeze(title[1:-1]) == squeeze(to_latex(derivation.start, digits=digits_of(derivation, digits)))


def definitions(derivation: Derivation, *, digits=None) -> list[tuple[str, str]]:
    """The names a derivation defines, as ``(name, definition)`` LaTeX pairs (shown before its chain).

    A derivation that has them offers ``definitions()`` (the catalog's :class:`~derivations.catalog.proof.Proof`).
    """
    found = getattr(derivation, "definitions", None)
    if not callable(found):
        return []
    digits = digits_of(derivation, digits)
    return [(to_latex(name, digits=digits), to_latex(value, digits=digits)) for name, value in found()]


def issues(table: list[Row]) -> list[Row]:
    """Rows whose step is not proved or verified (wrong, unknown or unchecked with a reason)."""
    return [r for r in table if r.verdict and r.verdict not in (PROVED, VERIFIED)]


# --- labels ----------------------------------------------------------------------------------

def label(path: list[str]) -> str:
    """A LaTeX label (and HTML id) for the derivation at ``path`` (ids from the top item down).

    Unique per problem: a part's label starts with its problem's id.
    """
    clean = ["".join(c if c.isalnum() or c in "-." else "-" for c in p) for p in path]
    return "item:" + ".".join(clean)


def part_paths(derivation: Derivation, path: list[str]) -> list[list[str]]:
    """The path of each part: the parent's path and the part's id (numbered when ids repeat)."""
    seen: dict[str, int] = {}
    out = []
    for i, part in enumerate(derivation.parts, 1):
        key = part.id or str(i)
        seen[key] = seen.get(key, 0) + 1
        out.append(path + [key if seen[key] == 1 else f"{key}-{seen[key]}"])
    return out


# --- how numbers are rounded ------------------------------------------------------------------

def rounding_note(rounding: Rounding) -> str:
    """One sentence that says exactly how the numbers shown were rounded.

    >>> from derivations.numbers import SignificantDigits
    >>> rounding_note(SignificantDigits(4))
    'Numbers are shown rounded to 4 significant digits (half away from zero); every computation uses exact values.'
    """
    how = f"rounded to {rounding.describe()} (half away from zero)"
    if isinstance(rounding, DecimalPlaces):
        how += (f", and a value that would keep fewer than two significant digits to {max(rounding.count, 1)} "
                "significant digits")
    return f"Numbers are shown {how}; every computation uses exact values."


def _numbers(expr):
    if isinstance(expr, Basic):
        return [a for a in expr.atoms(Rational, Float) if not isinstance(a, Integer)]
    return []


def shows_rounded_numbers(derivation: Derivation, rounding: Rounding | None) -> bool:
    """True when some number printed in the derivation (or a part) is rounded, not exact."""
    if rounding is None:
        return False
    exprs = [derivation.start] + [s.expr for s in derivation.steps]
    for number in (n for e in exprs for n in _numbers(e)):
        value = Rational(str(number)) if isinstance(number, Float) else number
        if not rounding.printed(value).exact:
            return True
    return any(shows_rounded_numbers(p, digits_of(p, rounding)) for p in derivation.parts)


def note_for(derivation: Derivation, inherited=None) -> str:
    """The rounding note a derivation shows: said once, where its rounding starts, when it rounds."""
    rounding = digits_of(derivation, inherited)
    if rounding is None or rounding == rounding_of(inherited):
        return ""
    return rounding_note(rounding) if shows_rounded_numbers(derivation, rounding) else ""
