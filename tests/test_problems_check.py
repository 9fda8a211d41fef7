"""Every displayed step of every worked exercise is checked as displayed: proved or verified, and fast.

The checker must not be vacuous: a printed number changed in its last digit, a
rounded number after "=", a wrong formula, a wrong rounding are each refuted.
"""

from __future__ import annotations

import pathlib
import time
import zlib
from fractions import Fraction

import pytest
from test_problems_network import ACTIVATIONS, LOSSES, network_for, to_toml

from derivations.numbers import DecimalPlaces
from derivations.problems import load, loads, solve
from derivations.problems.checking import check
from derivations.problems.exact import Real
from derivations.problems.worked import WorkedStep
from derivations.problems.written import Call, Matrix, Name, Num, Product, Sum

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples" / "exercises.toml"
D4 = DecimalPlaces(4)


def unsound(derivation):
    return [(part_id, step.expr.text()[:80], step.evidence.describe())
            for part_id, step in _steps(derivation)
            if step.evidence is None or step.evidence.verdict not in ("proved", "verified")]


def _steps(derivation):
    for _, step in derivation.links():
        yield derivation.id, step
    for part in derivation.parts:
        yield from _steps(part)


@pytest.mark.parametrize("problem", load(EXAMPLES), ids=lambda p: p.id)
def test_every_example_step_is_proved_or_verified(problem):
    derivation = solve(problem).derivation
    assert not unsound(derivation)
    again = derivation.check()   # checking again (as the sheet or a notebook may) gives the same verdicts
    assert not unsound(again)
    if problem.kind != "shapes":
        assert list(derivation.all_steps())


def test_the_whole_example_file_in_about_a_second():
    start = time.perf_counter()
    solutions = [solve(p) for p in load(EXAMPLES)]
    elapsed = time.perf_counter() - start
    assert len(solutions) == 8
    assert elapsed < 2.5, f"{elapsed:.2f} s"


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_random_network_steps_are_sound(activation, loss):
    net = network_for(zlib.crc32(f"check/{activation}/{loss}".encode()), activation, loss,
                      depth=(3, 4), width=8, per_unit=100)
    for layout in ("scalar", "vector"):
        [problem] = loads(to_toml(net, layout=layout))
        start = time.perf_counter()
        derivation = solve(problem).derivation
        assert time.perf_counter() - start < 3
        assert not unsound(derivation), layout


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_softmax_output_with_squared_error_is_sound(activation):
    net = network_for(zlib.crc32(f"softmax-se/{activation}".encode()), activation, "half-squared-error",
                      out_act="softmax", depth=(2, 3), width=5, per_unit=100)
    [problem] = loads(to_toml(net))
    assert not unsound(solve(problem).derivation)


# -- the checker refutes what is wrong -------------------------------------------------------------
def _sigma_sum():
    """0.5 · σ(1.5) + 1, its display with σ(1.5) printed, and its exact value."""
    a = Real(Call("sigma", Num.given(Fraction(3, 2))))
    shown = Sum.of(Product.of(Num.given(Fraction(1, 2)), Num(a, D4)), Num.integer(1))
    exact = Real(Sum.of(Product.of(Num.given(Fraction(1, 2)), Name("a", "a", a)), Num.integer(1)))
    return a, shown, exact


def test_a_right_rounded_step_is_verified():
    _, shown, exact = _sigma_sum()
    evidence = check(shown, Num(exact, D4), "approx", "evaluate", D4)
    assert (evidence.verdict, Num(exact, D4).latex()) == ("verified", "1.4088")


@pytest.mark.parametrize("printed", ["1.4087", "1.4089", "1.409", "1.4"])
def test_a_wrong_last_digit_is_wrong(printed):
    _, shown, _ = _sigma_sum()
    assert check(shown, Num.given(Fraction(printed)), "approx", "evaluate", D4).verdict == "wrong"


def test_a_rounded_number_after_equals_is_wrong_unless_the_printed_arithmetic_is_exact():
    a, shown, exact = _sigma_sum()
    assert check(shown, Num(exact, D4), "=", "evaluate", D4).verdict == "verified"   # 0.5 · 0.8176 + 1 = 1.4088
    triple = Real(Product.of(Num.integer(3), Name("a", "a", a)))
    shown3 = Product.of(Num.integer(3), Num(a, D4))
    assert Num(triple, D4).latex() == "2.4527"                                      # 3 · 0.8176 = 2.4528
    assert check(shown3, Num(triple, D4), "=", "evaluate", D4).verdict == "wrong"
    assert check(shown3, Num(triple, D4), "approx", "evaluate", D4).verdict == "verified"


def test_a_number_that_does_not_stand_for_its_quantity_is_wrong():
    a, shown, exact = _sigma_sum()
    other = Real(Call("sigma", Num.given(Fraction(8, 5))))          # σ(1.6), not σ(1.5)
    substituted = Sum.of(Product.of(Num.given(Fraction(1, 2)), Num(other, D4)), Num.integer(1))
    formula = Sum.of(Product.of(Num.given(Fraction(1, 2)), Name("a", "a", a)), Num.integer(1))
    assert check(formula, substituted, "approx", "substitute", D4).verdict == "wrong"
    assert check(formula, shown, "approx", "substitute", D4).verdict == "verified"


def test_a_reordered_or_changed_formula_is_not_a_substitution():
    w, x, b = (Real.of(Fraction(v), given=True) for v in ("2", "-1.5", "3"))
    formula = Sum.of(Product.of(Name("w", "w", w), Name("x", "x", x)), Name("b", "b", b))
    right = Sum.of(Product.of(Num(w), Num(x)), Num(b))
    swapped = Sum.of(Num(b), Product.of(Num(w), Num(x)))
    minus = Sum([("+", Product.of(Num(w), Num(x))), ("-", Num(b))])
    assert check(formula, right, "=", "substitute", D4).verdict == "proved"
    assert check(formula, swapped, "=", "substitute", D4).verdict == "wrong"
    assert check(formula, minus, "=", "substitute", D4).verdict == "wrong"


def test_a_wrong_chain_rule_formula_is_wrong():
    # the reference is the derivative from reverse-mode differentiation; a formula with another value is wrong
    a = Real(Call("sigma", Num.given(Fraction(1, 2))))
    name = Name("a", "a", a)
    right = Product.of(name, Sum([("+", Num.integer(1)), ("-", name)]))         # σ'(z) = a(1 - a)
    wrong = Product.of(name, Sum([("+", Num.integer(1)), ("+", name)]))         # a(1 + a)
    import mpmath
    with mpmath.workdps(60):
        s = 1 / (1 + mpmath.exp(-mpmath.mpf(1) / 2))
        reference = s * (1 - s)
    delta = Name(r"\delta", "δ", Real(right))
    assert check(delta, right, "=", "derivative", D4, reference).verdict == "verified"
    assert check(delta, wrong, "=", "derivative", D4, reference).verdict == "wrong"


def test_a_matrix_entry_with_the_wrong_rounding_is_wrong():
    rows = [[Real(Call("sigma", Num.given(Fraction(k))))] for k in (0, 1, 2)]
    name = Name("a", "a", rows)
    right = Matrix([[Num(r[0], D4)] for r in rows])
    wrong = Matrix([[Num(rows[0][0], D4)], [Num.given(Fraction("0.7311"))], [Num(rows[2][0], D4)]])
    assert check(name, right, "approx", "evaluate", D4).verdict == "verified"
    assert check(name, wrong, "approx", "evaluate", D4).verdict == "wrong"   # σ(1) is not exactly 0.7311


def test_identity_steps_go_to_the_engine():
    z = Num.given(Fraction(3, 2))
    sigma = Call("sigma", z)
    definition = Sum.of(Num.integer(1))   # placeholder replaced below
    from derivations.problems.written import Exp, Frac
    definition = Frac(Num.integer(1), Sum.of(Num.integer(1), Exp(Sum.minus(z))))
    assert check(sigma, definition, "=", "identity", D4).verdict == "proved"
    wrong = Frac(Num.integer(1), Sum.of(Num.integer(1), Exp(z)))
    assert check(sigma, wrong, "=", "identity", D4).verdict == "wrong"


def test_worked_steps_carry_their_rule():
    [p] = load(EXAMPLES)[:1]
    steps = list(solve(p).derivation.all_steps())
    assert all(isinstance(s, WorkedStep) for s in steps)
    assert {s.rule for s in steps} >= {"given", "definition", "derivative", "substitute", "evaluate", "identity"}
