"""Written digits: which numbers the judge reads as roundings, and the rule at exactly half a unit.

The oracle is Python's Fraction arithmetic (round half away from zero, written
out here independently) and mpmath for irrational values.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import mpmath
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import E, Rational, exp, pi

from derivations.check import rounding
from derivations.functions import sigmoid
from derivations.numbers import read_number

mpmath.mp.dps = 50


def oracle_rounds_to(value: Fraction, written: Fraction, unit: Fraction) -> bool:
    """value rounded half away from zero to a multiple of unit is written (Fractions only)."""
    q = abs(value) / unit
    n = math.floor(q + Fraction(1, 2))
    return (n if value >= 0 else -n) * unit == written


def fraction(x) -> Fraction:
    return Fraction(int(x.p), int(x.q))


# ---- what a whole side stands for ------------------------------------------------------------

@pytest.mark.parametrize("text, relation, other, half_unit", [
    ("0.6225", "=", None, Rational(1, 20000)),
    ("0.6225", "approx", None, Rational(1, 20000)),
    ("-0.0778", "=", None, Rational(1, 20000)),
    ("{0.5}", "=", None, Rational(1, 20)),
    (r"88\%", "approx", None, Rational(1, 200)),
    (r"98.9\%", "=", None, Rational(1, 2000)),
    (r"9.5 \times 10^{-7}", "approx", None, Rational(1, 2 * 10**8)),
    (r"4.5 \times 10^{-5}", "=", None, Rational(1, 2 * 10**6)),
    ("9.5e-7", "approx", None, Rational(1, 2 * 10**8)),
    ("1097", "approx", None, Rational(1, 2)),
    ("1", "approx", None, Rational(1, 2)),
    ("0", "approx", None, Rational(1, 2)),
    ("1100", "approx", None, Rational(50)),       # trailing zeros may be roundings after \approx
    ("20000", "approx", None, Rational(5000)),
    ("1097", "=", exp(7), Rational(1, 2)),         # the exact value needs many digits: a rounding
    ("1", "=", sigmoid(10), Rational(1, 20)),      # a one-digit integer after "=" claims closeness
    ("333", "=", Rational(1000, 3), Rational(1, 2)),
    ("62", "=", Rational(6225, 100), Rational(1, 2)),
    ("1100", "=", exp(7), Rational(1, 2)),         # after '=', every written zero counts
    ("1", "=", Rational(6, 5), None),              # 1.2 is short to write: '= 1' is not its rounding
    ("0", "=", Rational(1, 8), None),
    ("2468", "=", None, None),
    ("x", "approx", None, None),
    (r"0.5 \cdot 2", "=", None, None),
    ("1", "<=", sigmoid(10), None),
])
def test_reading(text, relation, other, half_unit):
    w = rounding.reading(text, relation, other)
    assert (w.half_unit if w is not None else None) == half_unit


@pytest.mark.parametrize("value, short", [
    (Rational(6, 5), True), (Rational(1, 8), True), (Rational(625, 1000), True), (Rational(2468), False),
    (Rational(1, 3), False), (Rational(6225, 10000), False), (exp(7), False), (pi, False), (Rational(7), True),
])
def test_short(value, short):
    assert rounding.short(value) is short


# ---- numbers inside an expression ------------------------------------------------------------

@pytest.mark.parametrize("text, rounded", [
    (r"-0.125 \cdot 0.6225", ["0.125", "0.6225"]),
    (r"0.5(1)", []),
    (r"0.25^{10}", []),
    (r"1 - 0.0171", ["0.0171"]),
    (r"0.2350 + x_1", ["0.2350"]),
    (r"w_{11} \cdot 0.5 + 2.5 \times 10^{-3}", ["0.0025"]),
    (r"62.25\% \cdot 2", ["0.6225"]),
    (r"12.5\% + 1", []),
    (r"\frac{0.6225}{2}", ["0.6225"]),
])
def test_rounded_numbers(text, rounded):
    found = rounding.rounded_numbers(text)
    assert [str(n.written.value.evalf(8)).rstrip("0").rstrip(".") for n in found] == \
        [str(Rational(r).evalf(8)).rstrip("0").rstrip(".") for r in rounded]
    for n in found:  # the span holds the digits, so pushing them moves the number by half a unit
        moved = [m for m in rounding.written_numbers(rounding.moved(text, n)) if m.start == n.start]
        assert len(moved) == 1 and abs(moved[0].written.value - n.written.value) == n.written.half_unit


# ---- exactly at half a unit ------------------------------------------------------------------

FORMS = st.sampled_from(["decimal", "percent", "scientific", "integer"])


def written_text(mantissa: int, places: int, form: str, exponent: int) -> str:
    digits = str(abs(mantissa)).rjust(places + 1, "0")
    body = digits if places == 0 else f"{digits[:-places]}.{digits[-places:]}"
    sign = "-" if mantissa < 0 else ""
    if form == "percent":
        return rf"{sign}{body}\%"
    if form == "scientific":
        return rf"{sign}{body} \times 10^{{{exponent}}}"
    return sign + (str(abs(mantissa)) if form == "integer" else body)


@settings(max_examples=300, deadline=None)
@given(mantissa=st.integers(-99999, 99999), places=st.integers(0, 5), form=FORMS, exponent=st.integers(-9, 3),
       offset=st.sampled_from([Fraction(-1, 2), Fraction(1, 2), Fraction(-499, 1000), Fraction(499, 1000),
                               Fraction(-501, 1000), Fraction(501, 1000), Fraction(0)]))
def test_boundaries_at_half_a_unit(mantissa, places, form, exponent, offset):
    places = 0 if form == "integer" else places
    text = written_text(mantissa, places, form, exponent)
    w = read_number(text)
    assert w is not None, text
    scale = {"percent": Fraction(1, 100), "scientific": Fraction(10) ** exponent}.get(form, Fraction(1))
    unit = Fraction(1, 10 ** places) * scale
    written = Fraction(mantissa, 10 ** places) * scale
    assert fraction(w.value) == written and fraction(w.half_unit) * 2 == unit
    value = written + offset * unit
    assert w.is_rounding_of(Rational(value.numerator, value.denominator)) == oracle_rounds_to(value, written, unit)


@pytest.mark.parametrize("text, value, rounds", [
    ("1", sigmoid(100), True), ("1", sigmoid(10), True), ("0.99", sigmoid(10), False),
    ("1.00", sigmoid(10), True), ("1097", exp(7), True), ("1096", exp(7), False),
    (r"88\%", sigmoid(2), True), (r"89\%", sigmoid(2), False), (r"88.08\%", sigmoid(2), True),
    (r"9.5 \times 10^{-7}", Rational(1, 4) ** 10, True), (r"9.6 \times 10^{-7}", Rational(1, 4) ** 10, False),
    (r"4.5 \times 10^{-5}", exp(-10), True), ("2.718", E, True), ("2.719", E, False), ("3.14", pi, True),
])
def test_irrational_values_against_mpmath(text, value, rounds):
    w = read_number(text)
    v = mpmath.mpf(str(value.evalf(60)))
    unit = fraction(w.half_unit * 2)
    steps = fraction(w.value) / unit  # the written number in units of its last digit: an integer
    assert steps.denominator == 1
    n = mpmath.floor(abs(v) * unit.denominator / unit.numerator + mpmath.mpf(1) / 2) * mpmath.sign(v)
    oracle = int(n) == steps.numerator
    assert w.is_rounding_of(value) is rounds, (text, value)
    assert bool(oracle) is rounds, (text, value)


# ---- messages --------------------------------------------------------------------------------

@pytest.mark.parametrize("value, text, message", [
    (sigmoid(10), "0.99", "$0.99995$ rounds to $1.00$, not $0.99$"),
    (exp(7), "1096", "$1096.63$ rounds to $1097$, not $1096$"),
    (sigmoid(2), r"89\%", r"$88.08\%$ rounds to $88\%$, not $89\%$"),
    (Rational(1, 4) ** 10, r"9.4 \times 10^{-7}", r"$9.537 \times 10^{-7}$ rounds to $9.5 \times 10^{-7}$, "
                                                  r"not $9.4 \times 10^{-7}$"),
    (Rational(1, 8), "0.12", "$0.125$ rounds to $0.13$, not $0.12$"),
    (sigmoid(100), "0.99", "$1.00000000$ rounds to $1.00$, not $0.99$"),
])
def test_rounds_message(value, text, message):
    assert rounding.rounds_message(value, read_number(text)) == message


@settings(max_examples=200, deadline=None)
@given(a=st.fractions(min_value=-1000, max_value=1000), b=st.fractions(min_value=-1000, max_value=1000))
def test_distinct_never_shows_two_different_values_alike(a, b):
    ta, tb = rounding.distinct(Rational(a.numerator, a.denominator), Rational(b.numerator, b.denominator))
    assert (ta == tb) == (a == b)
    for text, exact in ((ta, a), (tb, b)):  # each shown value is the value rounded, never a different number
        shown = read_number(re.sub(r" \\; .*", "", text))
        assert shown is not None and abs(fraction(shown.value) - exact) <= fraction(shown.half_unit)


@pytest.mark.parametrize("text, expected", [
    (r"2.5 \times 10^{-3} + 12.5\% - x_1", [(Rational(1, 400), 0, 3), (Rational(1, 8), 21, 25)]),
    (r"w_{11} x_1 + 0.5", [(Rational(1, 2), 13, 16)]),
    (r"\sigma(0.6225)", [(Rational(249, 400), 7, 13)]),
    ("x1.5", []),
])
def test_written_numbers_adapter(text, expected):
    assert [(n.written.value, n.start, n.end) for n in rounding.written_numbers(text)] == expected
