"""Integer kinds, sums and products: counts at positive integers, every entry of a family its own number.

Sums with symbolic bounds are proved in closed form where SymPy has one, and
refuted at integer bounds otherwise; a count is never sampled at 1/2 or -2, a
bound variable never at all.  Every counterexample is evaluated again here
with plain Python summation over exact fractions.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
from engine_oracle import Oracle, differ, point_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy import (
    Derivative,
    IndexedBase,
    Product,
    Rational,
    S,
    Sum,
    Symbol,
    exp,
    factorial,
)

from derivations.equivalence import decide
from derivations.vectors import softmax_component

n = Symbol("n", integer=True, positive=True)
m = Symbol("m", integer=True, positive=True)
i, k = (Symbol(name, integer=True, positive=True) for name in ("i", "k"))
j0 = Symbol("j", integer=True, nonnegative=True)
z, y, p = (IndexedBase(name) for name in ("z", "y", "p"))
x = Symbol("x", real=True)
# as the parser makes them today: plain symbols as bound and bound variable
n_plain, i_plain = Symbol("n"), Symbol("i")


def assert_refuted(a, b, evidence, relation="="):
    assert evidence.verdict == "wrong", (a, b, evidence.describe())
    for name, value in evidence.point.items():
        if name in ("n", "m", "i", "k"):
            assert S(value).is_Integer and value >= 1, evidence.point  # a count at a positive integer
    with mpmath.workdps(30):
        oracle = Oracle(point_env(evidence.point))
        va, vb = oracle.value(a), oracle.value(b)
        if relation == "=":
            assert differ(va, vb), (evidence.describe(), va, vb)
        else:
            assert {"<=": va > vb, "<": va >= vb, ">=": va < vb, ">": va <= vb}[relation], (va, vb)


PROVED = {
    "gauss": (Sum(i, (i, 1, n)), n * (n + 1) / 2),
    "gauss, plain symbols": (Sum(i_plain, (i_plain, 1, n_plain)), n_plain * (n_plain + 1) / 2),
    "squares": (Sum(i ** 2, (i, 1, n)), n * (n + 1) * (2 * n + 1) / 6),
    "cubes": (Sum(i ** 3, (i, 1, n)), (n * (n + 1) / 2) ** 2),
    "geometric": (Sum(Rational(1, 2) ** i, (i, 1, n)), 1 - Rational(1, 2) ** n),
    "from zero": (Sum(j0, (j0, 0, n)), n * (n + 1) / 2),
    "constant": (Sum(3, (k, 1, n)), 3 * n),
    "linear in a family": (Sum(2 * z[k], (k, 1, n)), 2 * Sum(z[k], (k, 1, n))),
    "family split": (Sum(z[k] + y[k], (k, 1, n)), Sum(z[k], (k, 1, n)) + Sum(y[k], (k, 1, n))),
    "factorial": (Product(i, (i, 1, n)), factorial(n)),
    "product of a constant": (Product(2, (i, 1, n)), 2 ** n),
    "double product": (Product(2 * i, (i, 1, n)), 2 ** n * factorial(n)),
    "softmax sums to one": (Sum(softmax_component(z, k, n), (k, 1, n)), S.One),
}

WRONG = {
    "gauss, off by one": (Sum(i, (i, 1, n)), n * (n - 1) / 2),
    "gauss, plain symbols, off by one": (Sum(i_plain, (i_plain, 1, n_plain)), n_plain * (n_plain - 1) / 2),
    "squares, sign": (Sum(i ** 2, (i, 1, n)), n * (n + 1) * (2 * n - 1) / 6),
    "bound off by one": (Sum(i, (i, 1, n - 1)), n * (n + 1) / 2),
    "from zero, extra term": (Sum(j0 + 1, (j0, 0, n)), n * (n + 1) / 2),
    "square of a sum": (Sum(z[k] ** 2, (k, 1, n)), Sum(z[k], (k, 1, n)) ** 2),
    "a family does not sum to one": (Sum(y[k], (k, 1, n)), S.One),
    "an entry is not the sum": (Sum(z[k], (k, 1, n)), z[i]),
    "factorial, factor dropped": (Product(2 * i, (i, 1, n)), 2 * factorial(n)),
    "exp of a sum": (exp(Sum(z[k], (k, 1, n))), Sum(exp(z[k]), (k, 1, n))),
    "two bounds": (Sum(i, (i, 1, n)) + Sum(i, (i, 1, m)), Sum(i, (i, 1, n + m))),
}


@pytest.mark.parametrize("name", sorted(PROVED))
def test_sums_with_closed_forms_are_proved(name):
    a, b = PROVED[name]
    for lhs, rhs in ((a, b), (b, a)):
        evidence = decide(lhs, rhs)
        assert evidence.verdict == "proved", (name, evidence.describe())


@pytest.mark.parametrize("name", sorted(WRONG))
def test_false_sums_are_wrong_at_integer_bounds(name):
    a, b = WRONG[name]
    for lhs, rhs in ((a, b), (b, a)):
        assert_refuted(lhs, rhs, decide(lhs, rhs))


def test_the_issue_example():
    evidence = decide(Sum(i_plain, (i_plain, 1, n_plain)), n_plain * (n_plain - 1) / 2)
    assert evidence.point == {"n": 1}
    assert tuple(evidence.values) == (1, 0)


def test_an_index_of_a_family_stays_inside_the_range():
    # d/dz_i sum_k e^{z_k} = e^{z_i} holds for 1 <= i <= n: never refuted at i > n
    left = Derivative(Sum(exp(z[k]), (k, 1, n)), z[i])
    assert decide(left, exp(z[i])).verdict == "verified"
    assert_refuted(left, 2 * exp(z[i]), decide(left, 2 * exp(z[i])))


def test_integer_symbols_are_sampled_at_integers():
    # (-1)^(2n) = 1 for integers, not for n = 1/2; cos-free: a parity identity
    assert decide((-1) ** (2 * n), 1).verdict in ("proved", "verified")
    assert decide(Rational(1, 2) * (1 + (-1) ** n) * (1 - (-1) ** n), 0).verdict in ("proved", "verified")
    evidence = decide((-1) ** n, 1)
    assert evidence.verdict == "wrong" and evidence.point["n"] % 2 == 1


def test_bound_variables_and_family_names_are_never_in_a_point():
    evidence = decide(Sum(z[k] ** 2, (k, 1, n)), Sum(z[k], (k, 1, n)) ** 2)
    assert "k" not in evidence.point and "z" not in evidence.point
    assert {"n", "z_{1}"} <= set(evidence.point)


# --- generated: polynomial summands against Python summation ------------------------------------

SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

FAULHABER = [  # sum_{i=1}^{n} i^p, derived by hand
    lambda N: N,
    lambda N: N * (N + 1) / 2,
    lambda N: N * (N + 1) * (2 * N + 1) / 6,
    lambda N: (N * (N + 1) / 2) ** 2,
]


def _python_sum(coefficients, lo, hi):
    return sum((sum(Fraction(c) * j ** p for p, c in enumerate(coefficients)) for j in range(lo, hi + 1)),
               Fraction(0))


@st.composite
def polynomial_sums(draw):
    coefficients = draw(st.lists(st.integers(-4, 4), min_size=1, max_size=4))
    summand = sum((c * i ** p for p, c in enumerate(coefficients)), start=S.Zero)
    closed = sum((c * FAULHABER[p](n) for p, c in enumerate(coefficients)), start=S.Zero)
    mutation = draw(st.sampled_from(["none", "upper bound", "lower bound", "coefficient", "closed form n-1"]))
    lo, hi = 1, n
    if mutation == "upper bound":
        hi = n + draw(st.sampled_from([-1, 1]))
    elif mutation == "lower bound":
        lo = 0 if draw(st.booleans()) else 2
    elif mutation == "coefficient":
        closed += draw(st.sampled_from([1, -1, 2])) * FAULHABER[draw(st.integers(0, 3))](n)
    elif mutation == "closed form n-1":
        closed = closed.xreplace({n: n - 1})
    return coefficients, Sum(summand, (i, lo, hi)), closed, (lo, hi)


@SETTINGS
@given(polynomial_sums())
def test_generated_polynomial_sums(case):
    coefficients, left, right, (lo, hi) = case
    # the truth, by Python summation at n = 1..8 (exact fractions)
    def at(N):
        top = int(hi.xreplace({n: N})) if hasattr(hi, "xreplace") else hi
        return _python_sum(coefficients, lo, top), Fraction(str(right.xreplace({n: N})))

    true = all(a == b for a, b in (at(N) for N in range(1, 9)))
    for p_, q_ in ((left, right), (right, left)):
        evidence = decide(p_, q_)
        if true:
            assert evidence.verdict == "proved", evidence.describe()
        else:
            assert evidence.verdict == "wrong", evidence.describe()
            N = int(evidence.point["n"])
            assert N >= 1
            a, b = at(N)
            assert a != b, (evidence.describe(), a, b)


@SETTINGS
@given(st.lists(st.integers(-3, 3), min_size=2, max_size=3), st.booleans())
def test_generated_family_identities(coefficients, true):
    """sum_k (c0 z_k + c1 z_k^2 + ...) against the same with one power's sum replaced by the power of the sum."""
    body = sum((c * z[k] ** (p + 1) for p, c in enumerate(coefficients)), start=S.Zero)
    left = Sum(body, (k, 1, n))
    if true:
        right = sum((c * Sum(z[k] ** (p + 1), (k, 1, n)) for p, c in enumerate(coefficients)), start=S.Zero)
    else:
        right = sum((c * Sum(z[k], (k, 1, n)) ** (p + 1) for p, c in enumerate(coefficients)), start=S.Zero)
    evidence = decide(left, right)
    if true or all(c == 0 for c in coefficients[1:]):
        assert evidence.verdict in ("proved", "verified"), evidence.describe()
    else:
        assert_refuted(left, right, evidence)


def test_a_body_name_spelled_like_the_bound_variable_is_bound():
    # the parser reads the body's i as a real and the limit's i as an integer: one name, one variable
    i_real = Symbol("i", real=True)
    assert decide(Sum(i_real, (i, 1, n_plain)), n_plain * (n_plain + 1) / 2).verdict == "proved"
    evidence = decide(Sum(i_real, (i, 1, n_plain)), n_plain * (n_plain - 1) / 2)
    assert evidence.verdict == "wrong" and evidence.point == {"n": 1}
