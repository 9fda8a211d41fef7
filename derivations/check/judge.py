"""The verdict on one step: previous side, relation, current side, in a scope.

Both sides are resolved in the scope (givens and definitions substituted) and
handed to the engine.  When the engine refutes an equality of two numbers, the
written digits get their say: a side written as a decimal stands for anything
within half a unit of its last place (see :mod:`.rounding`), so
``\\sigma(0.5) = 0.6225`` is *verified*, while ``0.125 = 0.25`` stays *wrong*.

>>> from sympy import Rational
>>> from derivations.functions import sigmoid
>>> judge(Side("\\\\sigma(0.5)", sigmoid(Rational(1, 2))), Side("0.6225", Rational(6225, 10000)), "=").verdict
'verified'
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Derivative, Float, MatrixBase, S, Subs

from ..derivation import PROVED, UNCHECKED, VERIFIED, WRONG, Evidence
from ..engine.normalize import to_definitions
from ..equivalence import decide
from . import rounding
from .scope import Scope, ScopeError

ENGINE_RELATION = {"=": "=", "approx": "=", "<=": "<=", "<": "<", ">=": ">=", ">": ">"}


@dataclass
class Side:
    """One side of a step: its LaTeX as written and the parsed expression."""

    text: str
    expr: object


@dataclass
class Judgement:
    verdict: str
    detail: str
    evidence: Evidence | None = None
    expected: object = None  # the correct value, when the step is wrong and the value is a number


def _number(expr) -> bool:
    return not isinstance(expr, MatrixBase) and getattr(expr, "is_number", False) and not expr.has(Derivative, Subs)


def _perturbed(side: Side, resolved, scope: Scope, reparse):
    """How far the side can move when its rounded decimals move by half a unit (first order).

    Each rounded decimal is pushed by half a unit in the text, which is parsed
    again: SymPy folds ``-0.125 * 0.6225`` into one number, so the text is the
    only place the written digits survive.
    """
    bare = rounding.bare_literal(side.text)
    if bare is not None:
        return bare.half_unit
    lits = rounding.rounded_literals(side.text)
    if not lits or reparse is None:
        return S.Zero
    total = S.Zero
    base = resolved.evalf(30)
    for lit in lits:
        try:
            moved = _evaluated(scope.resolve(reparse(lit.moved(side.text))))
            total += abs(moved.evalf(30) - base)
        except Exception:  # a text that no longer parses: no allowance from this literal
            continue
    return total


def _allowance(previous: Side, p, current: Side, c, scope: Scope, reparse):
    """How far apart the two sides may be and still agree with the digits written.

    Two bare decimals agree only when the second is a rounding of the first to
    fewer places (``0.23499 = 0.2350``); ``0.5 = 0.6`` is wrong.  Otherwise each
    side is allowed the movement of its rounded decimals.
    """
    bare_p, bare_c = rounding.bare_literal(previous.text), rounding.bare_literal(current.text)
    if bare_p is not None and bare_c is not None:
        return bare_c.half_unit if bare_c.half_unit > bare_p.half_unit else S.Zero
    return _perturbed(previous, p, scope, reparse) + _perturbed(current, c, scope, reparse)


def _evaluated(expr):
    """expr with definitions substituted and derivatives taken (for numbers), else as it is."""
    try:
        return to_definitions(expr).expr
    except Exception:
        return expr


def _lost_dependency(expr, scope: Scope) -> str | None:
    """A reason when d/du of a defined name is asked but, as written, nothing depends on u."""
    for d in expr.atoms(Derivative):
        for u in d.variables:
            names = {s for s in d.expr.free_symbols if scope.is_bound(s)}
            if names and not scope.depends_on(d.expr, u):
                return (f"as written, {d.expr} does not depend on {u} (a value was substituted before); "
                        "the derivative cannot be checked")
    return None


def judge(previous: Side, current: Side, relation: str, scope: Scope | None = None, *, reparse=None) -> Judgement:
    """The verdict on ``previous <relation> current``.

    ``reparse(text)`` parses a side again (to see how far rounded decimals can move it).
    """
    scope = scope or Scope()
    for side in (previous, current):
        lost = _lost_dependency(side.expr, scope)
        if lost:
            return Judgement(UNCHECKED, lost)
    try:
        p, c = scope.resolve(previous.expr), scope.resolve(current.expr)
    except (ScopeError, RecursionError) as exc:
        return Judgement(UNCHECKED, str(exc) or "definitions nest too deeply")
    engine_relation = ENGINE_RELATION.get(relation)
    if engine_relation is None:
        return Judgement(UNCHECKED, f"the relation {relation!r} is not checked")
    evidence = decide(p, c, engine_relation)
    verdict = evidence.verdict
    if verdict == PROVED:
        return Judgement(PROVED, evidence.describe(), evidence)
    if verdict == VERIFIED:
        return Judgement(VERIFIED, evidence.describe(), evidence)
    p, c = _evaluated(p), _evaluated(c)
    if engine_relation == "=" and _number(p) and _number(c):
        tolerance = _allowance(previous, p, current, c, scope, reparse)
        gap = abs((p - c).evalf(30))
        if tolerance > 0 and gap <= tolerance * (1 + S(10) ** -9):
            return Judgement(VERIFIED, f"equal within the rounding of the written digits "
                                       f"(differ by {Float(gap, 3)}, allowed {Float(tolerance, 3)})", evidence)
        if verdict == WRONG:
            return Judgement(WRONG, f"{previous.text} is {Float(p.evalf(15), 10)}, not {Float(c.evalf(15), 10)}",
                             evidence, p)
    if verdict == WRONG:
        return Judgement(WRONG, evidence.describe(), evidence)
    if relation == "approx" and not (_number(p) and _number(c)):
        return Judgement(UNCHECKED, "an approximation between expressions with variables is not checked", evidence)
    return Judgement(UNCHECKED, evidence.describe(), evidence)
