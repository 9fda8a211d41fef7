r"""The likely slip behind a wrong step: the small edit of the previous side that gives what was written.

For ``previous = current`` refuted, :func:`diagnose` tries edits of
``previous``, as written, with its names resolved, and with its derivatives
taken, in the order of how small and how common a slip they are:

=====================  ====  ==================================================
kind                   cost  the edit
=====================  ====  ==================================================
``truncated``             1  digits cut off instead of rounded
``wrong-rounding``        1  the last digit one off the right rounding
``digits-swapped``        1  two neighbouring digits swapped (``0.2530`` for ``0.2350``)
``sign``                  1  the sign of the whole side
``sign-of-term``          1  the sign of one term of a sum
``sign-in-exponent``      1  ``e^{x}`` for ``e^{-x}`` (any power with a symbolic exponent)
``chain-rule-factor``   1.5  the inner derivative of a composite left out
``other-rule``          1.5  another function's derivative rule: ``(1-\sigma)(1+\sigma)`` for ``\sigma(1-\sigma)``
``swapped-factors``     1.5  two matrix factors in the wrong order
``dropped-factor``        2  one factor of a product left out
``exponent-argument``     2  ``e^{-x}`` for ``e^{-2x}`` (the exponent doubled or halved)
``exponent``              2  an integer power changed (n±1, -n, 2n)
``decimal-point``         2  a value ×10, ÷10, ×100 or ÷100
``term-lost``             2  one term of a sum left out
``term-doubled``        2.5  one term counted twice
``reciprocal``          2.5  ``b`` for ``1/b``
``argument``              3  a function's argument negated, doubled or halved
``denominator-dropped``   3  ``1/b`` left out of a product
``result-scaled``         3  the whole side doubled or halved
=====================  ====  ==================================================

An edit is made in one place; the same edit in every place a sub-expression
occurs costs :data:`EVERYWHERE_COST` more.  An edit *explains* the step when the engine finds it equal to what the
student wrote (for a written number: when its value rounds to the digits
written; a number with one significant digit, such as ``\approx 1``, is
explained only by an edit that gives it almost exactly).  So a named slip is
itself checked, and a slip is never offered that does not explain the value.

>>> from sympy import Symbol, exp
>>> from derivations.check.judge import Side
>>> x = Symbol('x', real=True)
>>> diagnose(Side("", 1 / (1 + exp(-x))), Side("", 1 / (1 + exp(x)))).text
'sign flipped in the exponent: $e^{x}$ for $e^{- x}$'
>>> diagnose(Side("", exp(-2 * x) + 1), Side("", exp(-x) + 1)).kind
'exponent-argument'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from sympy import (
    Add,
    Derivative,
    Dummy,
    Function,
    Integer,
    MatrixBase,
    Mul,
    Pow,
    Rational,
    S,
    Subs,
    cancel,
    exp,
    expand,
    tanh,
)
from sympy.core.function import AppliedUndef

from ..engine import sampling
from ..engine.limits import TimeLimitExceeded, check_deadline
from ..engine.normalize import normal_form
from ..equivalence import decide
from ..functions import sigmoid
from ..numbers import Written, evaluate, exact_decimal
from ..vocabulary import Relation
from . import rounding
from .judge import Side, latex_of
from .scope import Scope

__all__ = ["Slip", "KINDS", "diagnose", "candidates", "rounding_slip", "digits_slip"]

#: every kind of slip and its cost: smaller and more common slips are tried first
KINDS = {
    "truncated": 1, "wrong-rounding": 1, "digits-swapped": 1, "sign": 1, "sign-of-term": 1, "sign-in-exponent": 1,
    "chain-rule-factor": 1.5, "other-rule": 1.5, "swapped-factors": 1.5,
    "dropped-factor": 2, "exponent-argument": 2, "exponent": 2, "decimal-point": 2, "term-lost": 2,
    "term-doubled": 2.5, "reciprocal": 2.5,
    "argument": 3, "denominator-dropped": 3, "result-scaled": 3,
}
MAX_CANDIDATES = 200
#: the extra cost of one slip made in every place a sub-expression occurs (a consistent slip, but more edits)
EVERYWHERE_COST = 1.5
#: numbers of the forms (as written, names resolved, derivatives taken) whose sub-expressions are edited
MAX_NODES = 60
#: the longest expression (LaTeX characters) an edit of a resolved side may show
MAX_SHOWN = 80


@dataclass(frozen=True)
class Slip:
    """A likely slip: its ``kind`` (a key of :data:`KINDS`), a sentence with ``$LaTeX$``, and the edited side."""

    kind: str
    text: str
    candidate: object = field(default=None, compare=False)
    cost: float = field(default=-1.0, compare=False)

    def __post_init__(self):
        if self.cost < 0:
            object.__setattr__(self, "cost", KINDS[self.kind])


# ---- candidate edits ---------------------------------------------------------------------------

def _tex(expr) -> str:
    return latex_of(expr)


def _nodes(expr, limit: int = MAX_NODES) -> list:
    """Distinct sub-expressions, outermost first (breadth first), at most ``limit``."""
    return [node for _, node in _places(expr, limit, distinct=True)]


def _places(expr, limit: int = MAX_NODES, *, distinct: bool = False) -> list[tuple[tuple, object]]:
    """(path, sub-expression) pairs, outermost first; a path is the indices of ``args`` down to it."""
    out, queue, seen = [], [((), expr)], set()
    while queue and len(out) < limit:
        path, node = queue.pop(0)
        if distinct and node in seen:
            continue
        seen.add(node)
        out.append((path, node))
        queue.extend((path + (i,), a) for i, a in enumerate(getattr(node, "args", ())))
    return out


def _replaced_at(expr, path: tuple, new):
    """``expr`` with the one sub-expression at ``path`` replaced by ``new``."""
    if not path:
        return new
    args = list(expr.args)
    args[path[0]] = _replaced_at(args[path[0]], path[1:], new)
    return expr.func(*args)


def _one_argument_function(node) -> bool:
    return (isinstance(node, (AppliedUndef, tanh)) or (isinstance(node, Function) and len(node.args) == 1
            and type(node).__module__.startswith("derivations"))) and len(node.args) == 1


#: the derivative rules students mix up, written with the function itself: f'(u) as a function of f(u)
RULES = {
    sigmoid: lambda s: s * (1 - s),
    tanh: lambda t: 1 - t ** 2,
}
#: the same rules as textbooks write them, with ``{f}`` for the function's name
RULE_TEXT = {sigmoid: "{f}(1-{f})", tanh: "1-{f}^{{2}}"}
NAME = {sigmoid: r"\sigma", tanh: r"\tanh"}


def _derivative_of_known(node):
    """(f, u, du) for a derivative of f(u) with f in :data:`RULES`: ``\\sigma'(a)`` or ``d/dx \\sigma(g(x))``."""
    if isinstance(node, Subs) and isinstance(node.expr, Derivative) and len(node.variables) == 1:
        inner, (t,), (a,) = node.expr, node.variables, node.point
        if inner.variable_count == ((t, 1),) and type(inner.expr) in RULES and inner.expr.args == (t,):
            return type(inner.expr), a, S.One
    if isinstance(node, Derivative) and len(node.variable_count) == 1 and node.variable_count[0][1] == 1:
        x = node.variables[0]
        if type(node.expr) in RULES:
            u = node.expr.args[0]
            return type(node.expr), u, u.diff(x)
    return None


def _rule_written_out(node):
    """(f, u, factor) when ``node`` is f's derivative rule written out, times a factor: ``2\\sigma(2x)(1-\\sigma(2x))``."""
    if not isinstance(node, (Mul, Add)) or node.count_ops() > 40:
        return None
    for g in node.atoms(*RULES):
        f = type(g)
        try:
            factor = cancel(node / RULES[f](g))
        except Exception:
            continue
        if not factor.has(g) and factor != 0:
            return f, g.args[0], factor
    return None


def _derivative_edits(node) -> Iterator[tuple[str, str, object]]:
    """Edits of a derivative (or of a derivative rule written out): another function's rule, a chain-rule
    factor left out."""
    known = _derivative_of_known(node) or _rule_written_out(node)
    if known is not None:
        f, u, du = known
        for g, rule in RULES.items():
            if g is f:
                continue
            replacement = rule(f(u)) * du
            used, right = RULE_TEXT[g].format(f=NAME[f]), RULE_TEXT[f].format(f=NAME[f])
            factor = "" if du == 1 else f" \\cdot {_tex(du)}"
            yield ("other-rule", f"the derivative rule of ${NAME[g]}$ used for ${NAME[f]}$: ${used}{factor}$ for "
                                 f"${right}{factor}$", replacement)
    if isinstance(node, Derivative) and len(node.variable_count) == 1 and node.variable_count[0][1] == 1:
        x, body = node.variables[0], node.expr
        for inner in _nodes(body, 30):
            if not (_one_argument_function(inner) or isinstance(inner, exp)
                    or (isinstance(inner, Pow) and inner.exp.is_number)):
                continue
            u = inner.args[0]
            if u == x or x not in u.free_symbols:
                continue
            du = u.diff(x)
            if du.is_number and du == 1:
                continue
            t = Dummy("t", real=True)
            lifted = body.xreplace({inner: inner.func(t, *inner.args[1:])})
            without = (lifted.diff(x) + lifted.diff(t)).xreplace({t: u})
            yield ("chain-rule-factor", f"chain-rule factor ${_tex(du)}$ missing (the derivative of "
                                        f"${_tex(u)}$)", without)
            if body.could_extract_minus_sign() and isinstance(inner, (tanh, sigmoid, Function)):
                # SymPy writes tanh(1 - x/2) as -tanh(x/2 - 1): the student's inner derivative is -du
                yield ("chain-rule-factor", f"chain-rule factor ${_tex(-du)}$ missing (the derivative of "
                                            f"${_tex(-u)}$)", -without)


def _edits(node, whole) -> Iterator[tuple[str, str, object]]:
    """(kind, sentence, replacement of ``node``) for one sub-expression."""
    yield from _derivative_edits(node)
    if isinstance(node, exp) or (isinstance(node, Pow) and not node.exp.is_number):
        base, a = (S.Exp1, node.args[0]) if isinstance(node, exp) else node.args
        power = exp if isinstance(node, exp) else (lambda e, b=base: Pow(b, e))
        yield "sign-in-exponent", f"sign flipped in the exponent: ${_tex(power(-a))}$ for ${_tex(node)}$", power(-a)
        for new in (2 * a, a / 2):
            yield "exponent-argument", f"${_tex(power(new))}$ for ${_tex(node)}$", power(new)
    if isinstance(node, Add) and len(node.args) > 1:
        for term in node.args:
            rest = Add(*[t for t in node.args if t is not term])
            yield "sign-of-term", f"sign of the term ${_tex(term)}$ flipped", rest - term
            yield "term-lost", f"term ${_tex(term)}$ lost", rest
            yield "term-doubled", f"term ${_tex(term)}$ counted twice", node + term
    if isinstance(node, Mul):
        factors = node.args
        for f in factors:
            if f is S.NegativeOne:
                continue
            rest = Mul(*[g for g in factors if g is not f])
            if isinstance(f, Pow) and f.exp is S.NegativeOne:
                yield "denominator-dropped", f"denominator ${_tex(f.base)}$ dropped", rest
            else:
                yield "dropped-factor", f"factor ${_tex(f)}$ dropped", rest
        noncommutative = [f for f in factors if not f.is_commutative]
        if len(noncommutative) >= 2:
            commutative = Mul(*[f for f in factors if f.is_commutative])
            for i in range(len(noncommutative) - 1):
                swapped = list(noncommutative)
                swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
                yield ("swapped-factors", f"matrix factors in the wrong order: ${_tex(Mul(*swapped))}$ for "
                                          f"${_tex(Mul(*noncommutative))}$", commutative * Mul(*swapped))
    if isinstance(node, Pow) and node.exp.is_Integer:
        n = node.exp
        if n == -1:
            yield "reciprocal", f"${_tex(node.base)}$ for ${_tex(node)}$", node.base
            if node is whole or not isinstance(whole, Mul):
                yield "denominator-dropped", f"denominator ${_tex(node.base)}$ dropped", S.One
        else:
            for m in (n + 1, n - 1, -n, 2 * n):
                if m != 0:
                    yield "exponent", f"exponent of ${_tex(node)}$ changed to ${m}$", node.base ** m
    if _one_argument_function(node):
        a = node.args[0]
        for new in (-a, 2 * a, a / 2):
            yield "argument", f"argument of ${_tex(node)}$ changed to ${_tex(new)}$", node.func(new)


def _forms(expr, scope: Scope) -> list:
    """The previous side as written, with its names resolved, and with its derivatives taken."""
    forms = [expr]
    try:
        resolved = scope.resolve(expr)
        forms.append(resolved)
        if resolved.has(Derivative, Subs):
            forms.append(resolved.doit())
        if not resolved.is_commutative:  # W(Wx + b) as W W x + W b: a swap of factors shows in the expansion
            forms.append(expand(forms[-1]))
    except Exception:  # a form that cannot be built is simply not tried
        pass
    unique = []
    for f in forms:
        if f not in unique:
            unique.append(f)
    return unique


def _readable(text: str) -> bool:
    """Can a student read this edit of a side with its names resolved?  Not when it shows a derivative
    or a substitution SymPy built, or an expression longer than the ones people write."""
    maths = re.findall(r"\$([^$]*)\$", text)
    return not any(r"\right|" in m or r"\frac{d}{d" in m or r"\frac{\partial}{\partial" in m or len(m) > MAX_SHOWN
                   for m in maths)


def candidates(previous, scope: Scope | None = None) -> list[Slip]:
    """Every edit of ``previous`` as a :class:`Slip`, cheapest first (ties: outermost first)."""
    scope = scope or Scope()
    best: dict = {}  # candidate -> (cost, order, slip): one edit per result, the cheapest
    forms = _forms(previous, scope)

    def add(kind, text, candidate, extra=0.0):
        if candidate in forms or (form is not forms[0] and not _readable(text)):   # form: the loop's below
            return
        entry = (KINDS[kind] + extra, len(best), Slip(kind, text, candidate, KINDS[kind] + extra))
        if candidate not in best or entry[0] < best[candidate][0]:
            best[candidate] = entry if candidate not in best else (entry[0], best[candidate][1], entry[2])

    for form in forms:
        add("sign", "sign flipped", -form)
        occurrences: dict = {}
        for _, node in _places(form):
            occurrences[node] = occurrences.get(node, 0) + 1
        for path, node in _places(form):
            if any(isinstance(v, Dummy) for v in node.free_symbols) or (
                    form is not forms[0] and not node.free_symbols <= form.free_symbols):
                continue   # inside a derivative or substitution SymPy built: its bound variable means nothing
            for kind, text, replacement in _edits(node, form):
                try:
                    add(kind, text, _replaced_at(form, path, replacement))
                    if occurrences[node] > 1:  # the same slip everywhere the sub-expression occurs
                        add(kind, f"{text} (in all {occurrences[node]} places)", form.xreplace({node: replacement}),
                            extra=EVERYWHERE_COST)
                except Exception:  # an edit SymPy cannot build
                    continue
        for k, text in ((2, "the result doubled"), (Rational(1, 2), "the result halved")):
            add("result-scaled", text, k * form)
    return [slip for _, _, slip in sorted(best.values(), key=lambda t: (t[0], t[1]))][:MAX_CANDIDATES]


# ---- does an edit explain what was written? -------------------------------------------------

def _value(expr):
    e = normal_form(expr)
    return evaluate(e, 30) if e.is_number and not e.is_Rational else e


def _explains_number(value, target, written: Written | None) -> bool:
    if written is not None:
        if not written.is_rounding_of(value):
            return False
        if written.significant >= 2:
            return True
        gap = abs(evaluate(value - written.value, 30))  # one digit: only an edit that gives it (all but) exactly
        return bool(gap <= S(10) ** -12 * max(S.One, abs(written.value)))
    gap = abs(evaluate(value - target, 30))
    return bool(gap <= S(10) ** -12 * max(S.One, abs(evaluate(target, 30))))


def _explains(candidate, target, target_value, written) -> bool:
    a = normal_form(candidate)
    if target_value is not None:
        if not (getattr(a, "is_number", False)):
            return False
        return _explains_number(a, target_value, written)
    b = normal_form(target)
    if not (a.is_commutative and b.is_commutative) or a.has(MatrixBase) or b.has(MatrixBase):
        # matrices: numbers put in for them would commute; the engine's matrix procedures decide
        return decide(a, b, "=", simplify_seconds=0).verdict in ("proved", "verified")
    return sampling.compare(a, b, "=", samples=6).verdict == "verified"


# ---- numbers written with the wrong digits -------------------------------------------------

def rounding_slip(value, written: Written | None) -> Slip | None:
    """A wrong rounding: digits cut off, or the last digit one off the right rounding."""
    if written is None or written.is_rounding_of(value):
        return None
    if written.form == "integer" and written.significant < 2:
        return None  # '0' for 1, '2' for 1.4: one digit off is no telling sign of a rounding
    if S(value).is_Rational and (S(value) / (written.half_unit * 2)).is_Integer:
        return None  # the value needs no rounding at these digits: a different number, not a rounding
    gap = abs(evaluate(value - written.value, 30))
    if gap > 3 * written.half_unit:
        return None
    shown, right = rounding.rounds_message(value, written).split("$")[1::2][:2]
    if _truncation(value, written) == written.value:
        return Slip("truncated", f"digits cut off instead of rounded: ${shown}$ rounds to ${right}$, "
                                 f"not ${written.text}$")
    return Slip("wrong-rounding", f"wrong rounding: ${shown}$ rounds to ${right}$, not ${written.text}$")


def digits_slip(value, written: Written | None) -> Slip | None:
    """Two neighbouring digits swapped: ``0.2530`` written for the right ``0.2350``."""
    if written is None or written.is_rounding_of(value):
        return None
    right = rounding.shown_as_written(value, written)
    shown = written.text.replace(" ", "")
    if len(right.replace(" ", "")) != len(shown):
        return None
    a, b = right.replace(" ", ""), shown
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    if len(differ) == 2 and differ[1] == differ[0] + 1 and a[differ[0]] == b[differ[1]] \
            and a[differ[1]] == b[differ[0]] and a[differ[0]].isdigit() and a[differ[1]].isdigit():
        return Slip("digits-swapped", f"two digits swapped: ${written.text}$ for ${right}$")
    return None


def _truncation(value, w: Written):
    unit = w.half_unit * 2
    q = exact_decimal(S(value) / unit)
    return Rational(str(q.to_integral_value(rounding=ROUND_DOWN))) * unit if isinstance(q, Decimal) else None


# ---- the entry point ---------------------------------------------------------------------------

def diagnose(previous: Side, current: Side, scope: Scope | None = None, *, relation=Relation.EQ) -> Slip | None:
    """The likely slip that turned ``previous`` into ``current`` (a wrong step), or None.

    Both sides are the student's (names as written); ``scope`` resolves them.
    For numbers, the digits written on ``current`` say which values it stands
    for (:func:`derivations.check.rounding.reading`).
    """
    scope = scope or Scope()
    try:
        relation = Relation.of(relation)
        target = scope.resolve(current.expr)
        target_value = _value(target)
        if not getattr(target_value, "is_number", False):
            target_value = None
        written = None
        if target_value is not None:
            value = _value(scope.resolve(previous.expr))
            if not getattr(value, "is_number", False):
                return None
            written = rounding.reading(current.text, relation, value)
            slip = rounding_slip(value, written) or digits_slip(value, written)
            if slip is not None:
                return slip
        tried = sorted(_decimal_slips(previous.expr, target_value) + candidates(previous.expr, scope),
                       key=lambda slip: slip.cost)  # stable: candidates keep their order within a cost
        for slip in tried:
            check_deadline()
            try:
                if _explains(scope.resolve(slip.candidate), target, target_value, written):
                    return slip
            except TimeLimitExceeded:
                raise
            except Exception:
                continue
    except TimeLimitExceeded:
        return None
    except Exception:  # a diagnosis is a bonus: it never costs the verdict
        return None
    return None


def _decimal_slips(previous, target_value) -> list[Slip]:
    """A number's decimal point moved (only when the step is between numbers)."""
    if target_value is None:
        return []
    out = []
    for k, text in ((Integer(10), "×10"), (Rational(1, 10), "÷10"), (Integer(100), "×100"),
                    (Rational(1, 100), "÷100")):
        out.append(Slip("decimal-point", f"decimal point slipped: the value {text}", k * previous))
    return out
