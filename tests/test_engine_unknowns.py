"""Calculus with unknown functions: J(h(w)) and its derivatives are never constants.

The calculus rules written with unknowns (chain, product, quotient, sum) are
proved; their mutations (a factor doubled, a chain-rule factor missing, the
terms of the quotient rule swapped, a sign flipped) are wrong, and each
counterexample, with the concrete functions it names, is evaluated again
here by an independent mpmath oracle (numerical derivatives of the functions
read back from their LaTeX).
"""

from __future__ import annotations

import mpmath
import pytest
from engine_oracle import Oracle, concrete_functions, differ, point_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy import Derivative, Function, Rational, Subs, Symbol, exp

from derivations.derivation import Evidence
from derivations.equivalence import decide
from derivations.functions import sigmoid

w, x, t = (Symbol(n, real=True) for n in ("w", "x", "t"))
u = Symbol("u", real=True)
J, L, h, k, f, g, yhat = (Function(n) for n in ("J", "L", "h", "k", "f", "g", r"\hat{y}"))


def d(e, v):
    return Derivative(e, v)


def outer(F, inner):
    """F'(inner) written as a student's \\partial F/\\partial inner: Subs(dF(u)/du, u, inner)."""
    return Subs(Derivative(F(u), u), u, inner)


def assert_refuted(a, b, evidence, relation="="):
    """The counterexample (point and named functions) really separates the sides, by the oracle."""
    assert evidence.verdict == "wrong", (a, b, evidence.describe())
    assert evidence.functions, evidence.describe()
    functions = concrete_functions(evidence.functions, a, b)
    with mpmath.workdps(30):
        oracle = Oracle(point_env(evidence.point), functions)
        va, vb = oracle.value(a), oracle.value(b)
        if relation == "=":
            assert differ(va, vb, 15), (evidence.describe(), va, vb)
        else:
            assert {"<=": va > vb, "<": va >= vb, ">=": va < vb, ">": va <= vb}[relation], (va, vb)
        for reported, true in zip(evidence.values, (va, vb)):
            assert abs(mpmath.mpf(str(reported).split(" ")[0]) - true) <= mpmath.mpf(10) ** -10 * max(1, abs(true))


# --- tables ---------------------------------------------------------------------------------------

RULES = {
    "chain, Subs": (d(J(h(w)), w), outer(J, h(w)) * d(h(w), w)),
    "chain, derivative by h(w)": (d(J(h(w)), w), d(J(h(w)), h(w)) * d(h(w), w)),
    "chain, three links": (d(J(h(k(w))), w), outer(J, h(k(w))) * outer(h, k(w)) * d(k(w), w)),
    "chain, three functions": (d(L(yhat(h(w))), w), outer(L, yhat(h(w))) * outer(yhat, h(w)) * d(h(w), w)),
    "product": (d(f(x) * g(x), x), d(f(x), x) * g(x) + f(x) * d(g(x), x)),
    "quotient": (d(f(x) / g(x), x), (d(f(x), x) * g(x) - f(x) * d(g(x), x)) / g(x) ** 2),
    "sum": (d(f(x) + g(x), x), d(f(x), x) + d(g(x), x)),
    "constant factor": (d(3 * f(x), x), 3 * d(f(x), x)),
    "sigmoid of an unknown": (d(sigmoid(h(w)), w), sigmoid(h(w)) * (1 - sigmoid(h(w))) * d(h(w), w)),
    "exp of an unknown": (d(exp(2 * h(w)), w), 2 * exp(2 * h(w)) * d(h(w), w)),
    "square of an unknown": (d(h(w) ** 2, w), 2 * h(w) * d(h(w), w)),
    "two arguments": (d(J(h(w), w), w), d(J(h(w), w), h(w)) * d(h(w), w) + Subs(d(J(h(w), u), u), u, w)),
    "no derivative": (f(x) + f(x), 2 * f(x)),
    "prime notation": (Subs(Derivative(f(u), u), u, x), d(f(x), x)),
}

MUTATIONS = {
    "chain: factor doubled": (d(J(h(w)), w), 2 * outer(J, h(w)) * d(h(w), w)),
    "chain: 5 times the outer": (d(J(h(w)), w), 5 * outer(J, h(w))),
    "chain: inner factor missing": (d(J(h(w)), w), outer(J, h(w))),
    "chain: outer factor missing": (d(J(h(w)), w), d(h(w), w)),
    "chain: three links, one missing": (d(L(yhat(h(w))), w), outer(L, yhat(h(w))) * d(h(w), w)),
    "chain: outer only, hat": (d(L(yhat(w)), w), outer(L, yhat(w))),
    "product: derivatives multiplied": (d(f(x) * g(x), x), d(f(x), x) * d(g(x), x)),
    "product: a term missing": (d(f(x) * g(x), x), d(f(x), x) * g(x)),
    "product: minus": (d(f(x) * g(x), x), d(f(x), x) * g(x) - f(x) * d(g(x), x)),
    "quotient: swapped": (d(f(x) / g(x), x), (f(x) * d(g(x), x) - d(f(x), x) * g(x)) / g(x) ** 2),
    "quotient: plus": (d(f(x) / g(x), x), (d(f(x), x) * g(x) + f(x) * d(g(x), x)) / g(x) ** 2),
    "quotient: square missing": (d(f(x) / g(x), x), (d(f(x), x) * g(x) - f(x) * d(g(x), x)) / g(x)),
    "sigmoid: inner factor missing": (d(sigmoid(h(w)), w), sigmoid(h(w)) * (1 - sigmoid(h(w)))),
    "a function is not its derivative": (d(f(x), x), f(x)),
    "two names, one function": (f(x), g(x)),
}


@pytest.mark.parametrize("name", sorted(RULES))
def test_rules_with_unknown_functions_are_proved(name):
    a, b = RULES[name]
    for p, q in ((a, b), (b, a)):
        evidence = decide(p, q)
        assert evidence.verdict == "proved", (name, evidence.describe())


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_broken_rules_are_wrong_with_named_functions(name):
    a, b = MUTATIONS[name]
    for p, q in ((a, b), (b, a)):
        assert_refuted(p, q, decide(p, q))


def test_the_issue_example_names_the_functions():
    evidence = decide(d(J(h(w)), w), 5 * outer(J, h(w)))
    assert evidence.functions == {"J": "h^{2}", "h": "3 w"}
    assert evidence.point == {"w": 1}
    assert "with J = h^{2}, h = 3 w at w = 1" in evidence.describe()
    assert evidence.as_dict()["functions"] == {"J": "h^{2}", "h": "3 w"}


@pytest.mark.parametrize("a, b", [
    (Derivative(Symbol("J"), w), 5 * Derivative(Symbol("J"), Symbol("h"))),  # bare names: J constant to SymPy
    (Derivative(Symbol("L"), w), Derivative(Symbol("L"), Symbol(r"\hat{y}"))),
    (Derivative(J(Symbol("h")), w), 0),  # J of h, but h not of w as written
])
def test_a_derivative_of_something_that_does_not_mention_the_variable_is_undecided(a, b):
    for p, q in ((a, b), (b, a)):
        evidence = decide(p, q)
        assert evidence.verdict == "unknown", evidence.describe()
        assert "does not depend" in evidence.detail


def test_constants_still_differentiate_to_zero():
    assert decide(Derivative(Rational(3), x), 0).verdict == "proved"
    assert decide(Derivative(x ** 2, x), 2 * x).verdict == "proved"


def test_inequalities_with_unknowns():
    s = sigmoid(h(w))
    assert decide(s, 0, ">").verdict in ("proved", "verified")
    assert decide(s * (1 - s), Rational(1, 4), "<=").verdict in ("proved", "verified")
    a, b = h(w) ** 2, h(w)
    evidence = decide(a, b, "<=")
    assert_refuted(a, b, evidence, "<=")


def test_a_function_the_parser_knows_by_name_is_never_refuted_as_arbitrary():
    softmax = Function("softmax")
    z = Symbol("z", real=True)
    assert decide(softmax(z), exp(z)).verdict == "unknown"


def test_evidence_shows_functions_without_a_point():
    e = Evidence("wrong", "unknown functions", "the two sides differ", {}, (Rational(1, 3), 1),
                 functions={"f": "x^{2}", "g": "3 x"})
    assert e.describe().endswith("with f = x^{2}, g = 3 x: 1/3 vs 1")


# --- generated: random names, random rules, random mutations ------------------------------------

OUTER_NAMES = ["J", "L", "E", "C", r"\hat{J}"]
INNER_NAMES = ["h", "a", "y", "z", r"\hat{y}", "u_{1}"]
VARIABLES = ["w", "x", "t", "b", r"\theta"]

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@st.composite
def chains(draw):
    """(left, right, true?) for a chain rule J(h(w)) or J(h(k(w))), true or mutated."""
    F = Function(draw(st.sampled_from(OUTER_NAMES)))
    inner_names = draw(st.lists(st.sampled_from(INNER_NAMES), min_size=1, max_size=2, unique=True))
    v = Symbol(draw(st.sampled_from(VARIABLES)), real=True)
    inner = [Function(n) for n in inner_names]
    # nested: F(inner[0](inner[1](v)))
    argument = v
    links = []
    for G in reversed(inner):
        previous = argument
        argument = G(argument)
        links.append((G, previous))
    factors = [outer(F, argument)] + [outer(G, arg) if not isinstance(arg, Symbol) else Derivative(G(arg), arg)
                                      for G, arg in reversed(links)]
    left = Derivative(F(argument), v)
    mutation = draw(st.sampled_from(["none", "doubled", "missing", "squared", "sign", "plus one"]))
    right = _mutated(factors, mutation, draw)
    return left, right, mutation == "none"


def _mutated(factors, mutation, draw):
    from sympy import Mul

    if mutation == "none":
        return Mul(*factors)
    if mutation == "doubled":
        return 2 * Mul(*factors)
    if mutation == "missing":
        drop = draw(st.integers(0, len(factors) - 1))
        return Mul(*(f for i, f in enumerate(factors) if i != drop))
    if mutation == "squared":
        k = draw(st.integers(0, len(factors) - 1))
        return Mul(*(f ** 2 if i == k else f for i, f in enumerate(factors)))
    if mutation == "sign":
        return -Mul(*factors)
    return Mul(*factors) + 1


@SETTINGS
@given(chains())
def test_generated_chain_rules(case):
    _proved_or_refuted_both_ways(case)


@st.composite
def product_rules(draw):
    """(left, right, true?) for the product or quotient rule of two unknown functions, true or mutated."""
    names = draw(st.lists(st.sampled_from(["f", "g", "h", "u", "v", "p"]), min_size=2, max_size=2, unique=True))
    F, G = (Function(n) for n in names)
    v = Symbol(draw(st.sampled_from(VARIABLES)), real=True)
    fv, gv = F(v), G(v)
    df, dg = Derivative(fv, v), Derivative(gv, v)
    quotient = draw(st.booleans())
    if quotient:
        left = Derivative(fv / gv, v)
        numerator_terms = [df * gv, -fv * dg]
        denominator = gv ** 2
    else:
        left = Derivative(fv * gv, v)
        numerator_terms = [df * gv, fv * dg]
        denominator = 1
    mutation = draw(st.sampled_from(["none", "swapped", "sign", "term dropped", "doubled", "no square"]))
    if mutation == "swapped":
        numerator_terms = [-numerator_terms[0], -numerator_terms[1]] if quotient else [df * dg, fv * gv]
    elif mutation == "sign":
        numerator_terms = [numerator_terms[0], -numerator_terms[1]]
    elif mutation == "term dropped":
        numerator_terms = numerator_terms[: 1]
    elif mutation == "doubled":
        numerator_terms = [2 * numerator_terms[0], numerator_terms[1]]
    elif mutation == "no square":
        denominator = gv if quotient else 2
    right = sum(numerator_terms, start=0) / denominator
    return left, right, mutation == "none"


@SETTINGS
@given(product_rules())
def test_generated_product_and_quotient_rules(case):
    _proved_or_refuted_both_ways(case)


def _proved_or_refuted_both_ways(case):
    """A true rule is proved and a mutated one refuted, read left to right and right to left."""
    left, right, true = case
    for p, q in ((left, right), (right, left)):
        evidence = decide(p, q)
        if true:
            assert evidence.verdict == "proved", evidence.describe()
        else:  # every one of these mutations is false for the concrete functions tried
            assert_refuted(p, q, evidence)
