"""The LaTeX printer: rounding to significant digits, our functions' LaTeX kept."""

from fractions import Fraction
from math import floor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Float, Integer, Matrix, Mul, Pow, Rational, S, Symbol, exp, pi, sqrt, tanh

from derivations import binary_step, elu, gelu, leaky_relu, relu, sigmoid, softplus, swish
from derivations.render.printer import format_number, to_latex

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


def shown_value(mantissa: str, exponent) -> Fraction:
    return Fraction(mantissa) * (Fraction(10) ** exponent if exponent is not None else 1)


@settings(max_examples=300, deadline=None)
@given(st.fractions(min_value=-10**8, max_value=10**8).filter(lambda f: f.denominator <= 10**6),
       st.integers(min_value=1, max_value=8))
def test_rational_rounding_matches_integer_oracle(value, digits):
    mantissa, exponent, exact = format_number(Rational(value.numerator, value.denominator), digits)
    expected = oracle_round(value, digits) if value.denominator != 1 else value
    assert shown_value(mantissa, exponent) == expected
    assert exact == (expected == value)


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
    assert to_latex(Rational(1, 30000), digits=2) == r"3.3 \cdot 10^{-5}"
    assert to_latex(Rational(10**9, 7), digits=3) == r"1.43 \cdot 10^{8}"


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
    (None, r"- \frac{3}{2} \cdot 1 + 2 \cdot 0 + 3"),
    (4, r"-1.5 \cdot 1 + 2 \cdot 0 + 3"),
])
def test_products_written_out_keep_every_factor(digits, expected):
    # as worked exercises write w*x + b before evaluating it
    terms = [Mul(Rational(-3, 2), S.One, evaluate=False), Mul(Integer(2), S.Zero, evaluate=False), Integer(3)]
    from sympy import Add

    assert to_latex(Add(*terms, evaluate=False), digits=digits) == expected
    assert to_latex(Mul(Integer(2), x + 1, Integer(-3), evaluate=False)) == r"2 \cdot \left(x + 1\right) \cdot \left(-3\right)"
