"""softmax, log-softmax and cross-entropy against direct mpmath computation."""

from __future__ import annotations

import random

import mpmath
import pytest
from sympy import Add, ImmutableMatrix, Matrix, Rational, Symbol, symbols, together

from derivations.vectors import cross_entropy, log_softmax, softmax, softmax_component


def _mpf(r):
    r = Rational(r)
    return mpmath.mpf(r.p) / r.q


def _ref_softmax(values):
    """Direct e^{z_i} / sum e^{z_k}; mpmath numbers never overflow."""
    zs = [_mpf(v) for v in values]
    total = mpmath.fsum(mpmath.exp(z) for z in zs)
    return [mpmath.exp(z) / total for z in zs]


def _to_mpf(value, dps):
    assert value.is_Float or value.is_Rational, value
    with mpmath.workdps(dps):
        return mpmath.mpf(value._to_mpmath(mpmath.mp.prec)) if value.is_Float else _mpf(value)


def _logit_vectors(seed=3, count=10):
    rng = random.Random(seed)
    vectors = [[1000, 999], [-1000, 1000], [0, 0], [1, 2, 3], [Rational(1, 2), Rational(-7, 3), 5, 0]]
    for _ in range(count):
        n = rng.randint(1, 6)
        vectors.append([Rational(rng.randint(-3000, 3000), rng.choice([1, 7, 10])) for _ in range(n)])
    return vectors


@pytest.mark.parametrize("logits", _logit_vectors())
def test_softmax_matches_direct_computation(logits):
    got = softmax(logits)
    assert isinstance(got, ImmutableMatrix) and got.shape == (len(logits), 1)
    with mpmath.workdps(60):
        want = _ref_softmax(logits)
        for entry, w in zip(got, want):
            value = _to_mpf(entry.evalf(50), 60)
            assert abs(value - w) <= mpmath.mpf(10) ** -48 * abs(w), (logits, entry, w)


@pytest.mark.parametrize("logits", _logit_vectors(seed=8, count=6))
def test_softmax_of_numbers_sums_to_one_exactly(logits):
    assert together(Add(*softmax(logits))) == 1


@pytest.mark.parametrize("logits", _logit_vectors(seed=9, count=6))
def test_log_softmax_matches_direct_computation(logits):
    got = log_softmax(logits)
    with mpmath.workdps(60):
        want = [mpmath.log(p) for p in _ref_softmax(logits)]
        for entry, w in zip(got, want):
            value = _to_mpf(entry.evalf(50), 60)
            assert abs(value - w) <= mpmath.mpf(10) ** -45 * max(1, abs(w)), (logits, entry, w)


def test_softmax_of_symbols_and_of_a_column_matrix():
    z1, z2 = symbols("z1 z2")
    s = softmax(Matrix([z1, z2]))
    assert s[0].subs({z1: 0, z2: 0}) == Rational(1, 2)
    point = {z1: Rational(3, 7), z2: Rational(-2, 5)}
    with mpmath.workdps(40):
        want = _ref_softmax([point[z1], point[z2]])
        assert abs(_to_mpf(s[1].subs(point).evalf(35), 40) - want[1]) < mpmath.mpf(10) ** -33


@pytest.mark.parametrize("seed", range(6))
def test_cross_entropy_matches_direct_formula(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 5)
    logits = [Rational(rng.randint(-50, 50), 7) for _ in range(n)]
    target = [Rational(rng.randint(0, 4), 4) for _ in range(n)]
    p = softmax(logits)
    got = cross_entropy(target, p)
    with mpmath.workdps(60):
        probabilities = _ref_softmax(logits)
        want = -mpmath.fsum(_mpf(y) * mpmath.log(q) for y, q in zip(target, probabilities))
        value = got.evalf(50)
        if want == 0:
            assert value == 0
        else:
            assert abs(_to_mpf(value, 60) - want) <= mpmath.mpf(10) ** -45 * max(1, abs(want))


def test_cross_entropy_of_one_hot_target_is_minus_log_of_that_probability():
    got = cross_entropy([0, 1], [Rational(1, 4), Rational(3, 4)])
    with mpmath.workdps(40):
        assert abs(_to_mpf(got.evalf(35), 40) + mpmath.log(mpmath.mpf(3) / 4)) < mpmath.mpf(10) ** -33


def test_softmax_component_evaluates_to_the_entry():
    from sympy import IndexedBase

    z = IndexedBase("z")
    i = Symbol("i", integer=True, positive=True)
    component = softmax_component(z, i, 3)
    values = {z[1]: Rational(1, 3), z[2]: Rational(-2), z[3]: Rational(5, 2)}
    concrete = component.subs(i, 2).doit().subs(values)
    with mpmath.workdps(40):
        want = _ref_softmax([values[z[1]], values[z[2]], values[z[3]]])[1]
        assert abs(_to_mpf(concrete.evalf(35), 40) - want) < mpmath.mpf(10) ** -33 * want


@pytest.mark.parametrize("call", [
    lambda: softmax([]), lambda: log_softmax([]), lambda: cross_entropy([], []),
    lambda: cross_entropy([1, 0], [1]), lambda: cross_entropy([1], [Rational(1, 2), Rational(1, 2)]),
])
def test_bad_vectors_raise_value_error(call):
    with pytest.raises(ValueError):
        call()


def test_strings_are_never_parsed():
    with pytest.raises((TypeError, ValueError)):
        softmax("12")
    with pytest.raises((TypeError, ValueError)):
        softmax(["exp(1)", "2"])


def test_softmax_is_shift_invariant_numerically():
    logits = [Rational(3, 2), Rational(-1, 3), 4]
    shifted = [v + 100 for v in logits]
    with mpmath.workdps(60):
        for a, b in zip(softmax(logits), softmax(shifted)):
            assert abs(_to_mpf(a.evalf(50), 60) - _to_mpf(b.evalf(50), 60)) < mpmath.mpf(10) ** -48
    assert softmax([7])[0] == 1
