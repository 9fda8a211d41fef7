"""The number module against an independent oracle: Fraction arithmetic and mpmath."""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Rational, exp

from derivations.numbers import DecimalPlaces, SignificantDigits, read_number


def _half_up(q: Fraction) -> int:
    """Round a Fraction to an integer, half away from zero (the oracle)."""
    n = abs(q)
    whole, rest = divmod(n.numerator, n.denominator)
    if 2 * rest >= n.denominator:
        whole += 1
    return whole if q >= 0 else -whole


fractions = st.fractions(min_value=-10**6, max_value=10**6, max_denominator=10**6)


@settings(max_examples=400, deadline=None)
@given(fractions, st.integers(0, 6))
def test_decimal_places_round_half_away_from_zero(q, places):
    printed = DecimalPlaces(places).printed(Rational(q.numerator, q.denominator))
    if printed.exponent is not None:  # too small for the places: significant digits instead
        assert abs(q) < Fraction(2, 10 ** places) * 10
        return
    expected = Fraction(_half_up(q * 10 ** places), 10 ** places)
    assert Fraction(printed.mantissa) == expected
    assert printed.exact == (expected == q)
    assert len(printed.mantissa.partition(".")[2]) <= places


@settings(max_examples=400, deadline=None)
@given(fractions.filter(lambda q: q != 0), st.integers(1, 8))
def test_significant_digits_within_half_a_unit(q, digits):
    printed = SignificantDigits(digits).printed(Rational(q.numerator, q.denominator))
    value = Fraction(printed.mantissa) * Fraction(10) ** (printed.exponent or 0)
    # the leading digit's place, by the oracle
    lead = 0
    while Fraction(10) ** (lead + 1) <= abs(q):
        lead += 1
    while Fraction(10) ** lead > abs(q):
        lead -= 1
    unit = Fraction(10) ** (lead - digits + 1)
    assert abs(value - q) <= unit / 2 or abs(value) == Fraction(10) ** (lead + 1)  # 9.99.. rounds up a place
    assert printed.exact == (value == q)


def test_irrational_values_round_by_their_exact_value():
    s = 1 / (1 + exp(-Rational(3, 2)))
    oracle = mpmath.mpf(1) / (1 + mpmath.exp(mpmath.mpf(-1.5)))
    assert DecimalPlaces(4).text(s) == mpmath.nstr(oracle, 4, strip_zeros=False)[:6] == "0.8176"
    assert not DecimalPlaces(4).printed(s).exact


@pytest.mark.parametrize("text, value, half_unit, form", [
    ("0.6225", Fraction(6225, 10000), Fraction(1, 20000), "decimal"),
    ("-0.0778", Fraction(-778, 10000), Fraction(1, 20000), "decimal"),
    ("1097", Fraction(1097), Fraction(1, 2), "integer"),
    ("98.9\\%", Fraction(989, 1000), Fraction(1, 2000), "percent"),
    ("88%", Fraction(88, 100), Fraction(1, 200), "percent"),
    (r"4.5 \times 10^{-5}", Fraction(45, 10 ** 6), Fraction(5, 10 ** 7), "scientific"),
    (r"9.5 \cdot 10^{-7}", Fraction(95, 10 ** 8), Fraction(5, 10 ** 9), "scientific"),
    ("9.5e-7", Fraction(95, 10 ** 8), Fraction(5, 10 ** 9), "scientific"),
    (r"3 \times 10^{4}", Fraction(30000), Fraction(5000), "scientific"),
])
def test_read_number(text, value, half_unit, form):
    w = read_number(text)
    assert (Fraction(w.value.p, w.value.q), Fraction(w.half_unit.p, w.half_unit.q), w.form) == (value, half_unit, form)


@pytest.mark.parametrize("text", ["x", "1/2", "0.5x", "1.2.3", "10^{-5}", "e^7", "", "--1", "1e", r"\frac{1}{2}"])
def test_not_one_plain_number(text):
    assert read_number(text) is None


def test_written_admits_and_shows():
    sigma10 = 1 / (1 + exp(-10))
    assert read_number("1").admits(sigma10) and read_number("1.0000").admits(sigma10)
    assert not read_number("0.99").admits(sigma10)
    assert read_number("0.99").shown(sigma10) == "1.0000"
    assert read_number("1097").admits(exp(7)) and not read_number("1096").admits(exp(7))
    assert read_number(r"9.5 \times 10^{-7}").admits(Rational(1, 4) ** 10)
    assert read_number("88\\%").admits(1 / (1 + exp(-2)))
    assert read_number("0.6225").rounding == DecimalPlaces(4)
    assert read_number("9.5e-7").rounding == SignificantDigits(2)


def test_bad_roundings_are_refused():
    for bad in (-1, 1.5, True, "4"):
        with pytest.raises(ValueError):
            DecimalPlaces(bad)
    with pytest.raises(ValueError):
        SignificantDigits(0)
