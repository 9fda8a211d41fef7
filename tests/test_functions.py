"""Activation functions against independent mpmath implementations.

Every reference below is written here from the textbook definition with
mpmath (never by calling the code under test): values, derivatives (by a
high-precision central difference), rewrites, special values, LaTeX,
assumptions and the derivative-at-a-kink conventions.
"""

from __future__ import annotations

import random

import mpmath
import pytest
from sympy import (
    Derivative,
    Float,
    Max,
    Piecewise,
    Rational,
    S,
    Symbol,
    erf,
    exp,
    latex,
    log,
    nan,
    oo,
    tanh,
)

from derivations.conventions import derivative_at_zero, get_convention, set_convention
from derivations.functions import (
    binary_step,
    elu,
    gelu,
    leaky_relu,
    prelu,
    relu,
    sigmoid,
    softplus,
    swish,
)

X = Symbol("x")
XR = Symbol("x", real=True)
ALPHA = Symbol("alpha", positive=True)
A_VALUE = Rational(3, 10)  # the value the symbolic alpha takes in numeric checks

mp = mpmath.mp


def _mpf(r):
    r = Rational(r)
    return mpmath.mpf(r.p) / r.q


# --- independent references (mpmath, from the definitions) --------------------------------------

def _ref_sigmoid(v):
    return 1 / (1 + mpmath.exp(-v))


def _ref_softplus(v):
    return mpmath.log1p(mpmath.exp(v)) if v < 0 else v + mpmath.log1p(mpmath.exp(-v))


def _ref_leaky(alpha):
    # alpha is exact (a Rational) and turned into an mpf at the working precision of each call
    return lambda v: v if v >= 0 else _mpf(alpha) * v


def _ref_elu(alpha):
    return lambda v: v if v > 0 else alpha * mpmath.expm1(v)


def _ref_swish(beta):
    return lambda v: v / (1 + mpmath.exp(-beta * v))


def _ref_gelu(v):
    return v * mpmath.erfc(-v / mpmath.sqrt(2)) / 2


def _ref_step(v):
    return mpmath.mpf(1) if v >= 0 else mpmath.mpf(0)


# name -> (SymPy expression in X, mpmath reference, kinked at 0)
CASES = {
    "sigmoid": (sigmoid(X), _ref_sigmoid, False),
    "tanh": (tanh(X), mpmath.tanh, False),
    "relu": (relu(X), _ref_leaky(S.Zero), True),
    "leaky_relu": (leaky_relu(X), _ref_leaky(Rational(1, 100)), True),
    "leaky_relu_numeric": (leaky_relu(X, Rational(1, 5)), _ref_leaky(Rational(1, 5)), True),
    "leaky_relu_symbolic": (leaky_relu(X, ALPHA), _ref_leaky(A_VALUE), True),
    "prelu": (prelu(X, ALPHA), _ref_leaky(A_VALUE), True),
    "elu": (elu(X), _ref_elu(1), False),  # alpha = 1: continuously differentiable
    "elu_2": (elu(X, 2), _ref_elu(2), True),
    "softplus": (softplus(X), _ref_softplus, False),
    "swish": (swish(X), _ref_swish(1), False),
    "swish_2": (swish(X, 2), _ref_swish(2), False),
    "gelu": (gelu(X), _ref_gelu, False),
    "binary_step": (binary_step(X), _ref_step, True),
}

C1_ONLY = {"elu"}
FIXED_POINTS = ["30", "-30", "200", "-200", "1000", "-1000", "1e-8", "-1e-8", "1/2", "-5/3"]


def _points(kinked: bool, count: int = 8, seed: int = 11):
    rng = random.Random(seed)
    points = [Rational(p) for p in FIXED_POINTS]
    points += [Rational(rng.randint(-10**6, 10**6), 10**5) for _ in range(count)]
    if not kinked:
        points.append(S.Zero)
    return [p for p in points if p != 0 or not kinked]


def _at(expr, point):
    """expr with X (and the symbolic alpha) given values."""
    return expr.subs({X: point, ALPHA: A_VALUE})


def _close(got, want, rel, absolute=mpmath.mpf(0)):
    got, want = mpmath.mpf(got), mpmath.mpf(want)
    return abs(got - want) <= max(rel * abs(want), absolute)


def _sympy_to_mpf(value, dps):
    assert value.is_number, value
    assert value.is_Float or value.is_Rational, value
    assert not value.is_Float or value == 0 and value._prec > 1 or value._prec >= 64, (value, "accuracy lost")
    with mpmath.workdps(dps):
        return mpmath.mpf(value._to_mpmath(mpmath.mp.prec)) if value.is_Float else mpmath.mpf(value.p) / value.q


@pytest.mark.parametrize("name", sorted(CASES))
def test_derivative_matches_central_difference(name):
    expr, ref, kinked = CASES[name]
    derivative = expr.diff(X)
    for point in _points(kinked):
        # digits lost to cancellation in f(x+h) - f(x-h) when f' is as small as e^-|x|
        extra = int(abs(point) / 2) + 10
        with mpmath.workdps(60 + extra):
            v, h = _mpf(point), mpmath.mpf(10) ** -25
            want = (ref(v + h) - ref(v - h)) / (2 * h)
            # 1 - sigma(1000) cancels ~435 digits: let evalf raise its working precision that far
            got = _sympy_to_mpf(_at(derivative, point).evalf(60, maxn=4000), 60 + extra)
            # ELU (alpha = 1) is only once differentiable at 0: there the difference quotient is off by h/4
            rel = mpmath.mpf(10) ** (-24 if name in C1_ONLY and point == 0 else -30)
            assert _close(got, want, rel, mpmath.mpf(10) ** -(60 + extra - 30)), (
                name, point, got, want)


@pytest.mark.parametrize("digits", [30, 100])
@pytest.mark.parametrize("name", sorted(CASES))
def test_evalf_matches_mpmath_to_the_digits_asked(name, digits):
    expr, ref, kinked = CASES[name]
    for point in _points(kinked) + [S.Zero]:
        got_sympy = _at(expr, point).evalf(digits)
        with mpmath.workdps(digits + 40):
            want = ref(_mpf(point))
            got = _sympy_to_mpf(got_sympy, digits + 40)
        if want == 0:
            assert got == 0, (name, point, got_sympy)
        else:
            assert got != 0, (name, point, "underflowed to 0")
            assert _close(got, want, mpmath.mpf(10) ** -(digits - 2)), (name, point, got_sympy, want)


def test_sigmoid_of_minus_1000_is_tiny_but_not_zero():
    with mpmath.workdps(50):
        want = mpmath.exp(-1000) / (1 + mpmath.exp(-1000))
        got = _sympy_to_mpf(sigmoid(-1000).evalf(40), 50)
        assert mpmath.mpf("1e-436") < got < mpmath.mpf("1e-434")
        assert _close(got, want, mpmath.mpf(10) ** -38)


@pytest.mark.parametrize("value, expected", [
    (sigmoid(0), S.Half), (sigmoid(oo), S.One), (sigmoid(-oo), S.Zero),
    (relu(-3), S.Zero), (relu(5), S(5)), (relu(0), S.Zero),
    (softplus(0), log(2)), (softplus(-oo), S.Zero), (softplus(oo), oo),
    (leaky_relu(-2), Rational(-1, 50)), (leaky_relu(3), S(3)), (leaky_relu(-2, Rational(1, 5)), Rational(-2, 5)),
    (prelu(-4, Rational(1, 4)), S(-1)),
    (elu(0), S.Zero), (elu(3), S(3)), (elu(-1, 2), 2 * (exp(-1) - 1)),
    (swish(0), S.Zero), (gelu(0), S.Zero),
    (binary_step(0), S.One), (binary_step(0, 0), S.Zero), (binary_step(-2), S.Zero), (binary_step(Rational(1, 3)), S.One),
])
def test_exact_special_values(value, expected):
    assert value == expected


def test_leaky_relu_with_symbolic_alpha_is_linear_in_alpha_for_negative_input():
    assert leaky_relu(-2, ALPHA) == -2 * ALPHA
    assert leaky_relu(-2, ALPHA).subs(ALPHA, Rational(1, 10)) == Rational(-1, 5)


REWRITES = [
    ("sigmoid", sigmoid(X).rewrite(exp)),
    ("sigmoid", sigmoid(X).rewrite(tanh)),
    ("tanh", tanh(X).rewrite(exp)),
    ("softplus", softplus(X).rewrite(exp)),
    ("swish", swish(X).rewrite(exp)),
    ("swish_2", swish(X, 2).rewrite(exp)),
    ("relu", relu(X).rewrite(Piecewise)),
    ("relu", relu(X).rewrite(Max)),
    ("relu", relu(X).rewrite("Abs")),
    ("leaky_relu", leaky_relu(X).rewrite(Piecewise)),
    ("leaky_relu", leaky_relu(X).rewrite(Max)),
    ("leaky_relu_symbolic", leaky_relu(X, ALPHA).rewrite(Piecewise)),
    ("elu", elu(X).rewrite(Piecewise)),
    ("elu_2", elu(X, 2).rewrite(Piecewise)),
    ("gelu", gelu(X).rewrite(erf)),
    ("binary_step", binary_step(X).rewrite(Piecewise)),
]


@pytest.mark.parametrize("name, rewritten", REWRITES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(REWRITES)])
def test_rewrites_agree_with_the_definition(name, rewritten):
    _, ref, _ = CASES[name]
    assert not rewritten.has(type(CASES[name][0])), rewritten
    for point in _points(False, seed=5) + [S.Zero]:
        if rewritten.has(erf) and point < -60:
            continue  # 1 + erf(x/sqrt 2) cancels e^(-x^2/2): thousands of digits, beyond any maxn we allow
        with mpmath.workdps(80):
            want = ref(_mpf(point))
            got = _sympy_to_mpf(_at(rewritten, point).evalf(60, maxn=4000), 80)
            assert _close(got, want, mpmath.mpf(10) ** -50, mpmath.mpf(10) ** -70), (name, point, rewritten)


def test_rewrite_of_a_kinked_function_agrees_at_the_kink():
    for expr in (relu(X), leaky_relu(X), elu(X, 2), binary_step(X), binary_step(X, 0)):
        assert expr.rewrite(Piecewise).subs(X, 0) == expr.subs(X, 0)


# --- LaTeX -----------------------------------------------------------------------------------------

def test_latex_of_sigmoid_and_its_square():
    assert latex(sigmoid(X)) == r"\sigma\left(x\right)"
    assert latex(sigmoid(X) ** 2) == r"\sigma^{2}\left(x\right)"
    assert latex(relu(X)) == r"\operatorname{ReLU}\left(x\right)"


@pytest.mark.parametrize("name", sorted(CASES))
def test_latex_looks_compilable(name):
    expr = CASES[name][0]
    for e in (expr, expr ** 2, expr.diff(X), expr.subs(X, 2 * X + 1)):
        text = latex(e)
        assert r"\mathtt" not in text and r"\text{2}" not in text, text
        assert text.count("{") == text.count("}"), text
        assert text.count(r"\left") == text.count(r"\right"), text


# --- assumptions -----------------------------------------------------------------------------------

def test_assumptions():
    assert sigmoid(XR).is_positive is True
    assert sigmoid(XR).is_real is True
    assert relu(XR).is_nonnegative is True
    assert softplus(XR).is_positive is True
    assert sigmoid(Symbol("z", complex=True)).is_positive is not True
    assert relu(Symbol("z")).is_nonnegative is not True


# --- derivative at the kink ----------------------------------------------------------------------

KINK_VALUES = {
    # function -> {convention: derivative at 0}
    "relu": (relu(X), {"left": S.Zero, "right": S.One, "mean": S.Half}),
    "leaky_relu": (leaky_relu(X), {"left": Rational(1, 100), "right": S.One, "mean": Rational(101, 200)}),
    "elu_2": (elu(X, 2), {"left": S(2), "right": S.One, "mean": Rational(3, 2)}),
}
SYNONYMS = {0: "left", 1: "right", Rational(1, 2): "mean", 0.5: "mean"}


@pytest.mark.parametrize("name", sorted(KINK_VALUES))
@pytest.mark.parametrize("convention", ["left", "right", "mean", "undefined", 0, 1, Rational(1, 2), 0.5])
def test_derivative_at_zero_follows_the_convention(name, convention):
    expr, values = KINK_VALUES[name]
    before = get_convention()
    with derivative_at_zero(convention):
        d = expr.diff(X)
        at_zero = d.subs(X, 0)
        away = (d.subs(X, 1), d.subs(X, -1))
    assert get_convention() == before
    label = SYNONYMS.get(convention, convention)
    if label == "undefined":
        assert at_zero is nan
    else:
        assert at_zero == values[label]
    # away from the kink the convention changes nothing: compare with one-sided slopes from mpmath
    ref = CASES[name][1]
    with mpmath.workdps(40):
        h = mpmath.mpf(10) ** -15
        for got, v in zip(away, (1, -1)):
            want = (ref(v + h) - ref(v - h)) / (2 * h)
            assert _close(_sympy_to_mpf(got.evalf(40), 40), want, mpmath.mpf(10) ** -20)


def test_convention_context_restores_after_an_error_and_nests():
    before = get_convention()
    with pytest.raises(RuntimeError):
        with derivative_at_zero("right"):
            raise RuntimeError("boom")
    assert get_convention() == before
    with derivative_at_zero("right"):
        with derivative_at_zero("mean"):
            assert get_convention() == "mean"
        assert get_convention() == "right"
    assert get_convention() == before


def test_set_convention_and_back():
    before = get_convention()
    try:
        set_convention("right")
        assert relu(X).diff(X).subs(X, 0) == 1
    finally:
        set_convention(before)
    assert get_convention() == before


@pytest.mark.parametrize("bad", ["middle", "", 2, -1, 0.3, Rational(1, 3), None, "Left"])
def test_invalid_convention_raises_value_error(bad):
    before = get_convention()
    with pytest.raises(ValueError):
        with derivative_at_zero(bad):
            pass  # pragma: no cover
    with pytest.raises(ValueError):
        set_convention(bad)
    assert get_convention() == before


def test_derivative_objects_evaluate_like_diff():
    for name, (expr, ref, kinked) in CASES.items():
        assert Derivative(expr, X).doit() == expr.diff(X), name


def test_evalf_of_float_input_keeps_precision():
    got = sigmoid(Float("0.25", 60)).evalf(50)
    with mpmath.workdps(70):
        want = _ref_sigmoid(mpmath.mpf("0.25"))
        assert _close(_sympy_to_mpf(got, 70), want, mpmath.mpf(10) ** -48)
