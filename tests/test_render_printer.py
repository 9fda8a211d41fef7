"""The LaTeX printer: numbers rounded through derivations.numbers, written order, our functions' LaTeX kept."""

import re
from fractions import Fraction
from math import floor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Float, Integer, Matrix, Mul, Pow, Rational, S, Symbol, exp, pi, sqrt, tanh

from derivations import binary_step, elu, gelu, leaky_relu, relu, sigmoid, softplus, swish
from derivations.numbers import DecimalPlaces, SignificantDigits
from derivations.render.printer import rounding_of, to_latex

x = Symbol("x")


def oracle_round(value: Fraction, digits: int) -> Fraction:
    """Round half away from zero to ``digits`` significant digits, by integer arithmetic."""
    if value == 0:
        return Fraction(0)
    sign = -1 if value < 0 else 1
    v = abs(value)
    e = 0  # 10**e <= v < 10**(e+1)
    while Fraction(10) ** e > v:
        e -= 1
    while Fraction(10) ** (e + 1) <= v:
        e += 1
    scale = Fraction(10) ** (digits - 1 - e)
    return sign * Fraction(floor(v * scale + Fraction(1, 2))) / scale


def oracle_places(value: Fraction, places: int) -> Fraction:
    """Round half away from zero to ``places`` decimal places, by integer arithmetic."""
    sign = -1 if value < 0 else 1
    scale = Fraction(10) ** places
    return sign * Fraction(floor(abs(value) * scale + Fraction(1, 2))) / scale


def shown_value(tex: str) -> Fraction:
    """The number a printed decimal stands for: ``-0.13``, ``3.3 \\times 10^{-5}``."""
    m = re.fullmatch(r"(-?[\d.]+)(?: \\times 10\^\{(-?\d+)\})?", tex)
    assert m, tex
    return Fraction(m.group(1)) * Fraction(10) ** int(m.group(2) or 0)


@settings(max_examples=300, deadline=None)
@given(st.fractions(min_value=-10**5, max_value=10**5).filter(lambda f: f.denominator <= 10**6),
       st.integers(min_value=1, max_value=8))
def test_significant_digits_match_integer_oracle(value, digits):
    tex = to_latex(Rational(value.numerator, value.denominator), digits=digits)
    expected = oracle_round(value, digits) if value.denominator != 1 else value
    assert shown_value(tex) == expected


@settings(max_examples=300, deadline=None)
@given(st.fractions(min_value=-10**4, max_value=10**4).filter(lambda f: f.denominator <= 10**6),
       st.integers(min_value=0, max_value=6))
def test_decimal_places_match_integer_oracle(value, places):
    tex = to_latex(Rational(value.numerator, value.denominator), digits=DecimalPlaces(places))
    shown = shown_value(tex)
    expected = oracle_places(value, places)
    if value.denominator == 1 or shown == value:
        assert shown == value  # exact values print as they are
    elif "times" in tex:  # too small for the places: significant digits instead, never a bare 0
        assert expected == 0 or len(str(abs(expected.numerator))) < 2
        assert shown == oracle_round(value, max(places, 1))
    else:
        assert shown == expected


@pytest.mark.parametrize("digits, rounding", [
    (4, SignificantDigits(4)), (None, None), (DecimalPlaces(2), DecimalPlaces(2)),
])
def test_digits_settings(digits, rounding):
    assert rounding_of(digits) == rounding


def test_the_old_int_decimal_places_still_means_decimal_places():
    from derivations.derivation import DecimalPlaces as OldPlaces

    assert rounding_of(OldPlaces(4)) == DecimalPlaces(4)
    assert to_latex(Rational(1, 8), digits=OldPlaces(2)) == "0.13"
    assert to_latex(Rational(2, 3) * 10, digits=OldPlaces(2)) == "6.67"


@pytest.mark.parametrize("value, digits, text", [
    (Rational(1, 8), 2, "0.13"),        # half rounds away from zero
    (Rational(-1, 8), 2, "-0.13"),
    (Rational(1, 8), 3, "0.125"),       # exact: no padding
    (Rational(2, 3), 4, "0.6667"),
    (Rational(1, 2), 4, "0.5"),
    (Rational(9995, 10000), 3, "1.00"),  # rounding carries into a new digit; zeros show precision
    (Integer(2468), 2, "2468"),          # integers stay exact
])
def test_positional_cases(value, digits, text):
    assert to_latex(value, digits=digits) == text


def test_tiny_and_huge_numbers_use_powers_of_ten():
    assert to_latex(Rational(1, 30000), digits=2) == r"3.3 \times 10^{-5}"
    assert to_latex(Rational(10**9, 7), digits=3) == r"1.43 \times 10^{8}"
    assert to_latex(Rational(-1, 400000), digits=DecimalPlaces(4)) == r"-2.5 \times 10^{-6}"
    assert to_latex(Rational(-1, 300000), digits=DecimalPlaces(4)) == r"-3.333 \times 10^{-6}"


def test_floats_round_from_their_decimal_value():
    assert to_latex(Float(0.1), digits=4) == "0.1"
    assert to_latex(Float("0.59983"), digits=4) == "0.5998"
    assert to_latex(Float("-0.40021"), digits=3) == "-0.400"


def test_exact_mode_is_sympys_printing():
    assert to_latex(Rational(1, 3)) == r"\frac{1}{3}"
    assert to_latex(x / 3) == r"\frac{x}{3}"


def test_coefficients_and_arguments_are_rounded():
    assert to_latex(Rational(2, 3) * sigmoid(Rational(3, 10)), digits=3) == r"0.667 \sigma\left(0.3\right)"
    assert to_latex(-Rational(1, 3) * x, digits=2) == r"- 0.33 x"
    assert to_latex(Rational(1, 3) * (x + sigmoid(x)), digits=2).startswith("0.33")


def test_symbolic_constants_stay_exact():
    out = to_latex(sqrt(2) / 2 + pi, digits=3)
    assert r"\sqrt{2}" in out and r"\pi" in out and "1.41" not in out and "3.14" not in out


def test_matrices_print_as_bmatrix():
    assert to_latex(Matrix([[1, Rational(1, 3)]]), digits=2) == r"\begin{bmatrix}1 & 0.33\end{bmatrix}"


def test_unevaluated_one_over_b_prints_as_a_fraction():
    b = 1 + exp(-x)
    assert to_latex(Mul(S.One, Pow(b, -1, evaluate=False), evaluate=False)) == r"\frac{1}{1 + e^{- x}}"


@pytest.mark.parametrize("expr, needle", [
    (sigmoid(x), r"\sigma\left(x\right)"),
    (relu(x), r"\operatorname{ReLU}"),
    (leaky_relu(x), r"\left(x\right)"),
    (elu(x), r"\left(x\right)"),
    (softplus(x), r"\left(x\right)"),
    (swish(x), r"\operatorname{swish}"),
    (gelu(x), r"\operatorname{GELU}"),
    (binary_step(x), r"\operatorname{step}"),
    (sigmoid(x) ** 2, r"\sigma^{2}\left(x\right)"),
    (tanh(x) ** 2, r"\tanh^{2}"),
])
def test_our_functions_keep_their_latex(expr, needle):
    assert needle in to_latex(expr, digits=3)
    assert needle in to_latex(expr)


@pytest.mark.parametrize("digits, expected", [
    (None, r"2 \cdot 0 + \left(- \frac{3}{2}\right) \cdot 1 + 3"),
    (4, r"2 \cdot 0 + \left(-1.5\right) \cdot 1 + 3"),
])
def test_products_written_out_keep_every_factor_in_the_written_order(digits, expected):
    # as worked exercises write w_11 x_1 + w_12 x_2 + b before evaluating it
    terms = [Mul(Integer(2), S.Zero, evaluate=False), Mul(Rational(-3, 2), S.One, evaluate=False), Integer(3)]
    from sympy import Add

    assert to_latex(Add(*terms, evaluate=False), digits=digits) == expected
    assert to_latex(Mul(Integer(2), x + 1, Integer(-3), evaluate=False)) == r"2 \cdot \left(x + 1\right) \cdot \left(-3\right)"


def test_a_sum_kept_as_written_keeps_its_order_and_signs():
    from sympy import Add

    a, b = Symbol("a"), Symbol("b")
    assert to_latex(Add(b, a, evaluate=False)) == "b + a"
    assert to_latex(Add(b, -1, evaluate=False)) == "b - 1"
    assert to_latex(b + a) == "a + b"  # an evaluated sum prints as SymPy orders it


@pytest.mark.parametrize("expr, expected", [
    ("L_z", r"\frac{\partial L}{\partial z_{j}}"),
    ("sigma_x", r"\frac{d}{d x} \sigma\left(x\right)"),
    ("sum_x", r"\frac{\partial}{\partial x} \left(x^{2} + y\right)"),
    ("delta", r"\delta_{kj}"),
])
def test_derivatives_and_kronecker_delta_in_course_notation(expr, expected):
    from sympy import Derivative, IndexedBase, KroneckerDelta

    z, j, k, y = IndexedBase("z"), Symbol("j"), Symbol("k"), Symbol("y")
    built = {"L_z": Derivative(Symbol("L"), z[j]), "sigma_x": Derivative(sigmoid(x), x),
             "sum_x": Derivative(x ** 2 + y, x), "delta": KroneckerDelta(k, j, evaluate=False)}[expr]
    assert to_latex(built) == expected
