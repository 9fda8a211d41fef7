"""Approximations: decide(a, b, "approx", tolerance=...) on huge and tiny magnitudes, exactly enough.

Each expected verdict is decided here first by mpmath at 80 digits; the
values a refutation reports always print differently.
"""

from __future__ import annotations

import mpmath
import pytest
from sympy import E, Float, Rational, S, exp

from derivations.equivalence import decide
from derivations.functions import sigmoid


def mp_sigmoid(v):
    return 1 / (1 + mpmath.exp(-v))


CASES = [
    # (a, its mpmath value, written value, tolerance: half a unit of the last written digit)
    (sigmoid(100), lambda: mp_sigmoid(100), S(1), Rational(1, 2)),
    (sigmoid(100), lambda: mp_sigmoid(100), Rational(99, 100), Rational(1, 200)),
    (sigmoid(10), lambda: mp_sigmoid(10), S(1), Rational(1, 2)),
    (sigmoid(10), lambda: mp_sigmoid(10), Float("0.99995"), Rational(5, 10 ** 6)),
    (sigmoid(10), lambda: mp_sigmoid(10), Float("0.9999"), Rational(5, 10 ** 5)),
    (sigmoid(2), lambda: mp_sigmoid(2), Rational(88, 100), Rational(5, 1000)),  # 88%
    (sigmoid(2), lambda: mp_sigmoid(2), Rational(89, 100), Rational(5, 1000)),
    (E ** 7, lambda: mpmath.e ** 7, S(1097), Rational(1, 2)),
    (E ** 7, lambda: mpmath.e ** 7, S(1096), Rational(1, 2)),
    (Rational(1, 4) ** 10, lambda: mpmath.mpf(1) / 4 ** 10, Float("9.5e-7"), Rational(5, 10 ** 9)),
    (Rational(1, 4) ** 10, lambda: mpmath.mpf(1) / 4 ** 10, Float("9.6e-7"), Rational(5, 10 ** 9)),
    (exp(-50), lambda: mpmath.exp(-50), Float("1.9e-22"), Rational(5, 10 ** 24)),
    (exp(-50), lambda: mpmath.exp(-50), Float("2.0e-22"), Rational(5, 10 ** 24)),
    (sigmoid(100), lambda: mp_sigmoid(100), S(1), Rational(1, 10 ** 45)),      # 1 - 3.7e-44: refuted
    (sigmoid(1000), lambda: mp_sigmoid(1000), S(1), Rational(1, 10 ** 500)),  # beyond 50 digits: refuted
    (sigmoid(1000), lambda: mp_sigmoid(1000), S(1), Rational(1, 10 ** 30)),
]


@pytest.mark.parametrize("a, oracle, written, tolerance", CASES)
def test_approximations(a, oracle, written, tolerance):
    with mpmath.workdps(600):
        gap = abs(oracle() - mpmath.mpf(str(written.evalf(30))))
        expected = "verified" if gap <= mpmath.mpf(tolerance.p) / tolerance.q else "wrong"
    evidence = decide(a, written, "approx", tolerance=tolerance)
    assert evidence.verdict == expected, evidence.describe()
    if expected == "wrong":
        shown = [str(v) for v in evidence.values]
        assert shown[0] != shown[1], evidence.values  # never "1.000000000 vs 1.000000000"


def test_the_default_tolerance_is_relative():
    assert decide(E ** 7, Float("1096.6331584284585992637202382881"), "approx").verdict == "verified"
    assert decide(E ** 7, Float("1096.6331"), "approx").verdict == "wrong"
