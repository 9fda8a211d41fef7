"""The likely slip: apply a student's edit to a correct expression, the diagnosis names it.

Each generated case takes a random correct expression, applies one edit of a
known kind (the test's own implementation of the edit), and asks for the
diagnosis of ``previous = edited``.  The named slip must give back the
edited expression (checked with mpmath at random points, an oracle apart
from the engine), and must cost no more than the edit that was made: the
diagnosis never names a bigger slip when the one made explains the step.
"""

from __future__ import annotations

import random

import mpmath
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sympy import Add, Derivative, Integer, Mul, Pow, Rational, Symbol, exp, lambdify, tanh

from derivations.check.diagnose import EVERYWHERE_COST, KINDS, Slip, diagnose
from derivations.check.judge import Side, judge
from derivations.check.scope import Scope
from derivations.functions import sigmoid
from derivations.parse.latex import parse_expression
from derivations.vocabulary import Verdict

mpmath.mp.dps = 40
x = Symbol("x", real=True)
MPMATH = [{"sigmoid": lambda t: 1 / (1 + mpmath.exp(-t)), "tanh": mpmath.tanh, "exp": mpmath.exp}, "mpmath"]


def mp_equal(a, b, points=(mpmath.mpf("0.37"), mpmath.mpf("-1.3"), mpmath.mpf("2.1"))) -> bool:
    """a == b at three points, evaluated by mpmath (derivatives taken by SymPy first)."""
    fa, fb = (lambdify(x, e.doit(), modules=MPMATH) for e in (a, b))
    for p in points:
        va, vb = fa(p), fb(p)
        if abs(va - vb) > mpmath.mpf(10) ** -25 * max(1, abs(va)):
            return False
    return True


# ---- a random correct expression -------------------------------------------------------------

COEFFICIENTS = st.sampled_from([Integer(2), Integer(3), Rational(1, 2), Integer(-2), Rational(3, 2)])


@st.composite
def atoms(draw):
    k = draw(COEFFICIENTS)
    kind = draw(st.sampled_from(["sigmoid", "exp", "power", "tanh"]))
    if kind == "sigmoid":
        return sigmoid(k * x + draw(st.sampled_from([0, 1, -1])))
    if kind == "exp":
        return exp(-k * x)
    if kind == "tanh":
        return tanh(k * x)
    return (x + draw(st.sampled_from([1, 2, 3]))) ** draw(st.sampled_from([2, 3]))


@st.composite
def expressions(draw):
    """A sum of two or three products of a coefficient and one or two atoms."""
    terms = []
    for _ in range(draw(st.integers(2, 3))):
        factors = [draw(COEFFICIENTS)] + [draw(atoms()) for _ in range(draw(st.integers(1, 2)))]
        terms.append(Mul(*factors))
    e = Add(*terms)
    assume(isinstance(e, Add) and len(e.args) >= 2)
    return e


# ---- the student's edits (implemented here, apart from the diagnosis) ------------------------

def pick(rng, items):
    items = list(items)
    return items[rng.randrange(len(items))] if items else None


def edit(e, kind: str, rng: random.Random):
    """``e`` with one edit of ``kind``, or None when the edit does not apply."""
    if kind == "sign":
        return -e
    if kind in ("sign-of-term", "term-lost", "term-doubled"):
        term = pick(rng, e.args)
        rest = Add(*[t for t in e.args if t is not term])
        return {"sign-of-term": rest - term, "term-lost": rest, "term-doubled": e + term}[kind]
    if kind == "sign-in-exponent":
        node = pick(rng, e.atoms(exp))
        return e.xreplace({node: exp(-node.args[0])}) if node is not None else None
    if kind == "exponent-argument":
        node = pick(rng, e.atoms(exp))
        return e.xreplace({node: exp(2 * node.args[0])}) if node is not None else None
    if kind == "exponent":
        node = pick(rng, [p for p in e.atoms(Pow) if p.exp.is_Integer and p.exp > 1])
        return e.xreplace({node: node.base ** (node.exp + 1)}) if node is not None else None
    if kind == "dropped-factor":
        term = pick(rng, [t for t in e.args if isinstance(t, Mul)])
        if term is None:
            return None
        factor = pick(rng, [f for f in term.args if f != -1])
        return e.xreplace({term: Mul(*[f for f in term.args if f is not factor])})
    if kind == "argument":
        node = pick(rng, [f for f in e.atoms(sigmoid, tanh)])
        return e.xreplace({node: node.func(-node.args[0])}) if node is not None else None
    raise ValueError(kind)


def _repeated(e, edited) -> bool:
    """True when the edit may have changed a sub-expression that occurs more than once (xreplace did all)."""
    from collections import Counter

    from sympy import preorder_traversal

    counts = Counter(preorder_traversal(e))
    return any(n > 1 and not isinstance(node, (Integer, Rational, Symbol)) for node, n in counts.items())


EDITS = ["sign", "sign-of-term", "sign-in-exponent", "exponent-argument", "exponent", "dropped-factor",
         "term-lost", "term-doubled", "argument"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(e=expressions(), kind=st.sampled_from(EDITS), seed=st.integers(0, 10**6))
def test_generated_edits_are_named(e, kind, seed):
    edited = edit(e, kind, random.Random(seed))
    assume(edited is not None and not mp_equal(edited, e))
    assume(not edited.is_number)   # an edit that collapses the expression to a constant (e^{-2x} for e^{-4x}
    #                                beside -e^{-4x}: 0) is a wrong number, diagnosed as one, not this edit
    slip = diagnose(Side("", e), Side("", edited))
    assert slip is not None, (kind, e, edited)
    assert mp_equal(slip.candidate, edited), (kind, slip, edited)  # the named edit gives what was written
    assert slip.cost <= KINDS[kind] + EVERYWHERE_COST, (kind, slip)  # never a bigger slip than the one made
    if not _repeated(e, edited):
        assert slip.cost <= KINDS[kind], (kind, slip)


# ---- derivatives: a missing chain-rule factor, another function's rule ----------------------

INNER = st.sampled_from([2 * x, 3 * x + 1, -x / 2 + 1, x ** 2, Rational(1, 2) * x])


@settings(max_examples=40, deadline=None)
@given(u=INNER, f=st.sampled_from([sigmoid, tanh]))
def test_missing_chain_rule_factor(u, f):
    previous = Derivative(f(u), x)
    t = Symbol("t")
    outer = f(t).diff(t).doit().xreplace({t: u}) if f is tanh else sigmoid(u) * (1 - sigmoid(u))
    assume(not mp_equal(outer, previous))
    slip = diagnose(Side("", previous), Side("", outer))
    assert slip is not None and slip.kind == "chain-rule-factor" and mp_equal(slip.candidate, outer), slip


@settings(max_examples=30, deadline=None)
@given(u=st.sampled_from([x, 2 * x, x + 1]))
def test_the_tanh_rule_used_for_sigma(u):
    previous = Derivative(sigmoid(u), x) if u != x else None
    written = (1 - sigmoid(u)) * (1 + sigmoid(u)) * u.diff(x)
    slip = diagnose(Side("", previous if previous is not None else Derivative(sigmoid(x), x)), Side("", written))
    assert slip is not None and slip.kind == "other-rule", slip
    assert r"\tanh" in slip.text and mp_equal(slip.candidate, written)


# ---- the cases, as a student writes them --------------------------------------------

def diagnosed(previous: str, current: str, relation="=", givens=None) -> tuple[Verdict, Slip | None]:
    scope = Scope()
    for name, value in (givens or {}).items():
        scope.bind(parse_expression(name), parse_expression(value))
    p, c = Side(previous, parse_expression(previous)), Side(current, parse_expression(current))
    verdict = judge(p, c, relation, scope, reparse=parse_expression).verdict
    return verdict, (diagnose(p, c, scope, relation=relation) if verdict == Verdict.WRONG else None)


@pytest.mark.parametrize("previous, current, relation, kind", [
    (r"\frac{1}{1+e^{-x}}", r"\frac{1}{1+e^{x}}", "=", "sign-in-exponent"),
    (r"\sigma'(x)", r"(1-\sigma(x))(1+\sigma(x))", "=", "other-rule"),   # the seeds' required slip
    (r"\sigma(x)(1-\sigma(x))", r"(1-\sigma(x))(1+\sigma(x))", "=", "other-rule"),  # the rule written out
    (r"2\sigma(2x)(1-\sigma(2x))", r"2(1-\sigma(2x))(1+\sigma(2x))", "=", "other-rule"),
    (r"1 - \tanh^2(x)", r"\tanh(x)(1-\tanh(x))", "=", "other-rule"),
    (r"\sigma'(x)", r"\sigma(x)(1+\sigma(x))", "=", "sign-of-term"),
    (r"\tanh'(x)", r"1 + \tanh^2(x)", "=", "sign-of-term"),
    (r"\frac{d}{dx}\sigma(2x)", r"\sigma(2x)(1-\sigma(2x))", "=", "chain-rule-factor"),
    (r"e^{-2x} + 1", r"e^{-x} + 1", "=", "exponent-argument"),
    (r"\frac{x(1-x)}{2}", r"x(1-x)", "=", "dropped-factor"),
    (r"W^{[2]}W^{[1]}x", r"W^{[1]}W^{[2]}x", "=", "swapped-factors"),
    (r"-0.125 \cdot 0.2350", "-0.2938", "=", "decimal-point"),
    (r"\sigma(10)", "0.99", "approx", "truncated"),
    (r"\sigma(0.5)", "0.6226", "=", "wrong-rounding"),
    (r"0.6225 \cdot 0.3775", "0.2530", "=", "digits-swapped"),
    (r"\sigma(1.5)", "0.8167", "approx", "digits-swapped"),
    (r"\sigma(100)", "0", "approx", "argument"),   # only sigma(-100) gives 0 (all but) exactly
    (r"(x+1)^2", r"(x+1)^3", "=", "exponent"),
    (r"x^2 + 2x + 1", r"x^2 + 1", "=", "term-lost"),
    (r"x^2 + 2x + 1", r"x^2 - 2x + 1", "=", "sign-of-term"),
])
def test_named_slips(previous, current, relation, kind):
    verdict, slip = diagnosed(previous, current, relation)
    assert verdict == Verdict.WRONG
    assert slip is not None and slip.kind == kind, slip
    assert slip.text.count("$") % 2 == 0  # math between dollar pairs


@pytest.mark.parametrize("previous, current, relation", [
    (r"\sigma(100)", "1", "approx"),   # right: no diagnosis at all
    (r"\sigma(3)", "2", "approx"),     # 2 sigma(3) = 1.905 rounds to 2, but one digit explains nothing
    (r"\sigma(0.5)", "0.9137", "="),   # a value no small edit gives
    (r"e^7", "5000", "="),
])
def test_no_slip_that_does_not_explain_the_value(previous, current, relation):
    verdict, slip = diagnosed(previous, current, relation)
    assert slip is None, slip


@settings(max_examples=60, deadline=None)
@given(a=st.integers(1, 999), b=st.integers(1, 999), digits=st.integers(1, 9999))
def test_a_numeric_slip_always_explains_the_written_value(a, b, digits):
    """Whatever slip is named for a wrong number, its value rounds to the digits written."""
    from derivations.numbers import read_number

    written = f"0.{digits:04d}"
    verdict, slip = diagnosed(rf"\sigma(\frac{{{a}}}{{{b}}})", written)
    if slip is None or slip.candidate is None:
        return
    value = slip.candidate.doit().evalf(30)
    assert read_number(written).is_rounding_of(value), (slip, value)


@pytest.mark.parametrize("previous, current, givens", [
    (r"\tanh'(0)", "2", {}),   # tanh' at 0 reads Subs(d/dt tanh(t), t, 0): t is SymPy's, not the student's
    (r"\sigma'(z)", r"\sigma(z)(1+\sigma(z))", {"z": r"\frac{1}{20}"}),
    (r"b - \eta \frac{\partial L}{\partial b}", "-0.98", {"b": "-1", "\\eta": "0.1",
                                                          "L": r"\frac{1}{2}(1 - \sigma(2w + b))^2", "w": "0.5"}),
])
def test_a_slip_shows_only_what_a_student_could_have_written(previous, current, givens):
    """No bound variable SymPy made up, no substitution bar, no derivative of a resolved formula."""
    verdict, slip = diagnosed(previous, current, givens=givens)
    assert verdict == Verdict.WRONG
    if slip is not None:
        assert r"\right|" not in slip.text and r"\left(t \right)" not in slip.text, slip.text
        assert r"\frac{d}{d" not in slip.text and r"\frac{\partial}{\partial" not in slip.text, slip.text
        assert all(len(m) <= 80 for m in slip.text.split("$")[1::2]), slip.text
