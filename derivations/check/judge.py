r"""The verdict on one step: previous side, relation, current side, in a scope.

Both sides are resolved in the scope (givens and definitions substituted) and
handed to the engine (:func:`derivations.equivalence.decide`).  When the
engine does not accept an equality or an approximation of two numbers, the
written digits get their say (:mod:`.rounding`): a side that is one written
number stands for its rounding (``\sigma(0.5) = 0.6225``,
``e^7 \approx 1097``, ``\sigma(2) \approx 88\%``), and the rounded decimals
inside a side may move it by half a unit each.  A value that rounds to what
is written is *verified*; ``0.125 = 0.25`` stays *wrong*, with a message that
shows the digits that differ.

``\approx`` is checked only against written digits: between two numbers
with none (``\frac{22}{7} \approx \pi``), or with variables
(``\sigma(x) \approx \frac12 + \frac{x}{4}``), it is *unchecked* unless the
sides are equal.

Messages (``detail``) are prose with LaTeX between ``$`` signs; the
counterexample is a dict of LaTeX strings (:func:`counterexample_of`).

>>> from sympy import E, Rational, exp
>>> from derivations.functions import sigmoid
>>> judge(Side("\\sigma(0.5)", sigmoid(Rational(1, 2))), Side("0.6225", Rational(6225, 10000)), "=").verdict
Verdict.VERIFIED
>>> j = judge(Side("\\sigma(10)", sigmoid(10)), Side("0.99", Rational(99, 100)), "approx")
>>> j.verdict, j.detail
(Verdict.WRONG, '$\\sigma(10) \\approx 0.99995$, which rounds to $1.00$, not $0.99$')
>>> judge(Side("e^7", exp(7)), Side("1097", 1097), "approx").verdict
Verdict.VERIFIED
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Basic, Derivative, MatrixBase, S, Subs
from sympy.core.sympify import sympify

from ..derivation import Evidence
from ..engine.normalize import normal_form
from ..equivalence import decide
from ..numbers import SignificantDigits, Written, evaluate, read_number
from ..vocabulary import Relation, Verdict
from . import rounding
from .scope import Scope, ScopeError

__all__ = ["Side", "Judgement", "judge", "counterexample_of", "latex_of"]

#: relative slack on a tolerance from moved digits (their effect is computed to first order)
SLACK = S(10) ** -9


@dataclass(frozen=True)
class Side:
    """One side of a step: its LaTeX as written and the parsed expression (a SymPy object or a number)."""

    text: str
    expr: object

    def __post_init__(self):
        if not isinstance(self.expr, Basic):  # numbers only: strict sympify refuses strings
            object.__setattr__(self, "expr", sympify(self.expr, strict=True))


@dataclass
class Judgement:
    """What the judge says of one step.

    ``detail`` is prose with LaTeX between ``$`` signs.  For a wrong step,
    ``expected`` is the correct value (an exact SymPy number) when the sides
    are numbers, and ``counterexample`` the point where the sides differ and
    both values there, as LaTeX strings: ``{"point": {"x": "1"}, "left":
    "0.7311", "right": "0.2689"}``.  ``written`` is the written number whose
    rounding was applied (None when none was).
    """

    verdict: Verdict
    detail: str
    evidence: Evidence | None = None
    expected: object = None
    counterexample: dict | None = None
    written: Written | None = None

    def __post_init__(self):
        self.verdict = Verdict.of(self.verdict)


def latex_of(value) -> str:
    """LaTeX of a value or expression, printed as the sheets print it."""
    from ..render.printer import to_latex

    try:
        return to_latex(value)
    except Exception:  # a printer failure must not cost the verdict
        return str(value)


def _number(expr) -> bool:
    return not isinstance(expr, MatrixBase) and getattr(expr, "is_number", False) and not expr.has(Derivative, Subs)


def _evaluated(expr):
    """expr with definitions substituted and derivatives taken (for numbers), else as it is."""
    try:
        return normal_form(expr)
    except Exception:
        return expr


def lost_dependency(expr, scope: Scope) -> str | None:
    """A reason when d/du of a defined name is asked but, as written, nothing depends on u."""
    for d in expr.atoms(Derivative):
        for u in d.variables:
            names = {s for s in d.expr.free_symbols if scope.is_bound(s)}
            if names and not scope.depends_on(d.expr, u):
                return (f"as written, ${latex_of(d.expr)}$ does not depend on ${latex_of(u)}$ (a value was "
                        "substituted before); the derivative cannot be checked")
    return None


# ---- the digits a side was written with ----------------------------------------------------------

def _moved_digits(side: Side, resolved, scope: Scope, reparse):
    """How far the side can move when its rounded decimals move by half a unit each (to first order).

    Each rounded decimal is pushed by half a unit in the text, which is parsed
    again: SymPy folds ``-0.125 * 0.6225`` into one number, so the text is the
    only place the written digits survive.
    """
    numbers = rounding.rounded_numbers(side.text)
    if not numbers or reparse is None:
        return S.Zero
    total = S.Zero
    base = evaluate(resolved, 30)
    for n in numbers:
        try:
            moved = _evaluated(scope.resolve(reparse(rounding.moved(side.text, n))))
            total += abs(evaluate(moved, 30) - base)
        except Exception:  # a text that no longer parses: no allowance from this number
            continue
    return total


def _digits_verdict(previous: Side, p, current: Side, c, relation: Relation, scope: Scope, reparse) -> Judgement:
    """The verdict on two numbers that are not equal, from the digits written: verified or wrong
    (unchecked for ``\\approx`` when nothing is written with digits)."""
    wp = rounding.reading(previous.text, relation, c)
    wc = rounding.reading(current.text, relation, p)
    if wp is not None and wc is not None:
        return _both_written(wp, p, wc, c, relation)
    if wc is not None:
        return _one_written(wc, p, previous, p, c, scope, reparse)
    if wp is not None:
        return _one_written(wp, c, current, p, c, scope, reparse)
    return _none_written(previous, p, current, c, relation, scope, reparse)


def _both_written(wp: Written, p, wc: Written, c, relation: Relation) -> Judgement:
    """Two written numbers: the coarser may be the rounding of the finer (after ``=``, only the right one)."""
    if wc.half_unit > wp.half_unit:
        return _rounding_of(p, wc)
    if relation is Relation.APPROX and wp.half_unit > wc.half_unit:
        return _rounding_of(c, wp)  # '\approx' goes both ways: the left side may be the rounding
    return _wrong_numbers(f"${wp.text}$ is not ${wc.text}$", p, c, None)


def _one_written(written: Written, value, other: Side, p, c, scope: Scope, reparse) -> Judgement:
    """One side is a written number, the ``other`` an expression of exact ``value``.

    Without rounded decimals in the other side, the written number must be the
    rounding of the value; with them, the two may differ by half a unit of the
    written number plus what those decimals allow.
    """
    slack = _moved_digits(other, value, scope, reparse)
    about = _about(value, written)
    if not slack:
        if written.is_rounding_of(value):
            return Judgement(Verdict.VERIFIED, f"${other.text} {about}$, which rounds to ${written.text}$",
                             written=written)
        if read_number(other.text.strip()) is not None:   # 0.0474 = 0: two numbers as written
            return _wrong_numbers(f"${written.text}$ is not ${other.text}$", p, c, written)
        if _needs_no_rounding(value, written) or not _a_rounding_away(value, written):
            return _wrong_numbers(f"${other.text} {about}$, not ${written.text}$", p, c, written)
        _, right, _ = rounding.telling(value, written)
        return _wrong_numbers(f"${other.text} {about}$, which rounds to ${right}$, not ${written.text}$",
                              p, c, written)
    gap, allowed = abs(evaluate(p - c, 30)), written.half_unit + slack
    if gap <= allowed * (1 + SLACK):
        return Judgement(Verdict.VERIFIED, _within(gap, allowed), written=written)
    shown_allowed, shown_gap = _apart(allowed, gap)
    return _wrong_numbers(f"${other.text} {about}$, not ${written.text}$ (the written digits allow a difference "
                          f"of ${shown_allowed}$, not ${shown_gap}$)", p, c, written)


def _apart(a, b) -> tuple[str, str]:
    """``a`` and ``b`` with digits enough to tell them apart (two significant digits, more when needed)."""
    for digits in range(2, 8):
        shown = SignificantDigits(digits).latex(a), SignificantDigits(digits).latex(b)
        if shown[0] != shown[1]:
            return shown
    return shown


def _none_written(previous: Side, p, current: Side, c, relation: Relation, scope: Scope, reparse) -> Judgement:
    """Neither side is read as a rounding: only rounded decimals inside them may excuse a difference."""
    slack = _moved_digits(previous, p, scope, reparse) + _moved_digits(current, c, scope, reparse)
    gap = abs(evaluate(p - c, 30))
    if slack and gap <= slack * (1 + SLACK):
        return Judgement(Verdict.VERIFIED, _within(gap, slack))
    if relation is Relation.APPROX and not slack:
        return Judgement(Verdict.UNCHECKED, "neither side is a written number, so nothing says how close "
                                            "the approximation must be")
    a, b = rounding.distinct(p, c)
    written_p, written_c = (rounding.reading(t, Relation.APPROX) for t in (previous.text, current.text))
    if written_c is not None:  # a number, but not read as a rounding
        if written_p is not None and written_p.value == p:
            return _wrong_numbers(f"${previous.text}$ is not ${current.text}$", p, c, None)
        return _wrong_numbers(f"${previous.text}$ is ${a}$, not ${b}$", p, c, None)
    return _wrong_numbers(f"${previous.text}$ is ${a}$ and ${current.text}$ is ${b}$", p, c, None)


def _rounding_of(value, w: Written) -> Judgement:
    """Verified when the written number ``w`` is the rounding of the exact ``value`` (itself written), else wrong."""
    shown, right, _ = rounding.telling(value, w)
    if w.is_rounding_of(value):
        return Judgement(Verdict.VERIFIED, f"${shown}$ rounds to ${w.text}$", written=w)
    if _needs_no_rounding(value, w) or not _a_rounding_away(value, w):
        return _wrong_numbers(f"${shown}$ is not ${w.text}$", value, w.value, w)
    return _wrong_numbers(f"${shown}$ rounds to ${right}$, not ${w.text}$", value, w.value, w)


#: a written number this many units of its last digit away from the value is a different number, not a rounding
ROUNDING_UNITS = 10


def _a_rounding_away(value, w: Written) -> bool:
    """True when ``w`` is within a few units of its last digit of ``value``: then the rounding is the issue."""
    return bool(abs(evaluate(S(value) - w.value, 30)) <= ROUNDING_UNITS * 2 * w.half_unit)


def _needs_no_rounding(value, w: Written) -> bool:
    """True when ``value`` is exactly a number with ``w``'s digits (so it rounds to itself)."""
    value = S(value)
    return bool(value.is_Rational and (value / (w.half_unit * 2)).is_Integer)


def _about(value, w: Written) -> str:
    """``= 0.125`` or ``\\approx 0.99995``: the value with the digits needed to see it is not ``w``."""
    shown, _, exact = rounding.telling(value, w)
    return f"= {shown}" if exact else rf"\approx {shown}"


def _within(gap, allowed) -> str:
    return (f"the sides differ by ${SignificantDigits(2).latex(gap)}$, within the rounding of the written "
            f"digits (${SignificantDigits(2).latex(allowed)}$)")


def _wrong_numbers(detail: str, p, c, written) -> Judgement:
    """A wrong step between the numbers p and c: the correct value is p."""
    try:
        left, right = rounding.distinct(p, c)
        example = {"point": {}, "left": left, "right": right}
    except Exception:
        example = None
    return Judgement(Verdict.WRONG, detail, expected=p, counterexample=example, written=written)


# ---- counterexamples -------------------------------------------------------------------------

def _value_at(expr, point: dict):
    value = _evaluated(expr.xreplace(point))
    if isinstance(value, MatrixBase):
        return value
    return evaluate(value, 40) if not value.is_Rational else value


def counterexample_of(evidence: Evidence, p, c) -> dict | None:
    """The point where the sides differ and both values there, as LaTeX strings (None without a point).

    The values are computed again at the point (the engine keeps 15 digits),
    and shown with the digits needed to tell them apart.
    """
    if evidence is None or (evidence.point is None and evidence.values is None):
        return None
    point = evidence.point or {}
    names = {str(s): s for s in (getattr(p, "free_symbols", set()) | getattr(c, "free_symbols", set()))}
    out: dict = {"point": {name: latex_of(v) for name, v in point.items()}}
    if evidence.functions:  # unknown functions replaced by concrete ones: the engine's values are the ones
        out["functions"] = dict(evidence.functions)
        if evidence.values is not None:
            out["left"], out["right"] = (latex_of(v) if hasattr(v, "free_symbols") else str(v)
                                         for v in evidence.values)
        return out
    try:
        at = {names[k]: v for k, v in point.items() if k in names}
        va, vb = _value_at(p, at), _value_at(c, at)
        if isinstance(va, MatrixBase) or isinstance(vb, MatrixBase):
            out["left"], out["right"] = latex_of(va), latex_of(vb)
        else:
            out["left"], out["right"] = rounding.distinct(va, vb)
    except Exception:  # fall back on the engine's own values
        if evidence.values is not None:
            out["left"], out["right"] = (latex_of(v) if hasattr(v, "free_symbols") else str(v)
                                         for v in evidence.values)
    return out


def _wrong_detail(evidence: Evidence, example: dict | None) -> str:
    detail = evidence.detail or "the sides differ"
    if not example or "left" not in example:
        return detail
    at = ", ".join(f"{name} = {value}" for name, value in example["point"].items())
    where = f"at ${at}$, " if at else ""
    if example.get("functions"):
        where = "with $" + ", ".join(f"{k} = {v}" for k, v in example["functions"].items()) + "$ " + where
    return f"{detail}; counterexample: {where}the left side is ${example['left']}$, the right side ${example['right']}$"


# ---- the front door --------------------------------------------------------------------------

def judge(previous: Side, current: Side, relation, scope: Scope | None = None, *, reparse=None) -> Judgement:
    """The verdict on ``previous <relation> current`` in ``scope``.

    ``relation`` is a :class:`~derivations.vocabulary.Relation` or any name of
    one; ``reparse(text)`` parses a side's text again (to see how far its
    rounded decimals can move it; without it, only whole-side numbers count).
    """
    scope = scope or Scope()
    try:
        relation = Relation.of(relation)
    except ValueError:
        return Judgement(Verdict.UNCHECKED, f"the relation {relation!r} is not checked")
    if not relation.checked:
        return Judgement(Verdict.UNCHECKED, "a definition is not a step")
    if relation is Relation.NE:
        return Judgement(Verdict.UNCHECKED, f"the relation ${relation.latex}$ is not checked")
    for side in (previous, current):
        lost = lost_dependency(side.expr, scope)
        if lost:
            return Judgement(Verdict.UNCHECKED, lost)
    try:
        p, c = scope.resolve(previous.expr), scope.resolve(current.expr)
    except (ScopeError, RecursionError) as exc:
        return Judgement(Verdict.UNCHECKED, str(exc) or "definitions nest too deeply")
    engine_relation = Relation.EQ if relation is Relation.APPROX else relation
    evidence = decide(p, c, engine_relation.value)
    if evidence.verdict in (Verdict.PROVED, Verdict.VERIFIED):
        if relation is Relation.APPROX and evidence.verdict == Verdict.VERIFIED and not (_number(p) and _number(c)):
            return Judgement(Verdict.VERIFIED, "equal at every point tried, so approximately equal: "
                                               + evidence.describe(), evidence)
        return Judgement(evidence.verdict, evidence.describe(), evidence)
    pe, ce = _evaluated(p), _evaluated(c)
    if relation in (Relation.EQ, Relation.APPROX) and _number(pe) and _number(ce):
        j = _digits_verdict(previous, pe, current, ce, relation, scope, reparse)
        j.evidence = evidence
        if j.verdict == Verdict.WRONG and evidence.verdict != Verdict.WRONG:
            # the engine could not tell the numbers apart: never call them different on our own
            return Judgement(Verdict.UNCHECKED, evidence.describe(), evidence)
        return j
    if relation is Relation.APPROX:
        return Judgement(Verdict.UNCHECKED, "an approximation between expressions with variables is not "
                                            "checked (only equality is)", evidence)
    if evidence.verdict == Verdict.WRONG:
        example = counterexample_of(evidence, pe, ce)
        return Judgement(Verdict.WRONG, _wrong_detail(evidence, example), evidence, counterexample=example)
    return Judgement(Verdict.UNCHECKED, evidence.describe(), evidence)
