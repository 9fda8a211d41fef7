"""softmax, parameters, shapes, dead-relu and vanishing-gradient exercises against direct computation."""

from __future__ import annotations

import random

import mpmath
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.problems import loads, solve
from derivations.problems.answers import json_value


def one(text):
    [p] = loads(text)
    return json_value(solve(p).answers), solve(p)


@pytest.mark.parametrize("logits,true_class", [
    (["2", "1", "0.1"], 1), (["0", "0"], 2), (["-3.5", "2.25", "2.5", "0"], 4), (["10", "-10"], 2), (["1"], 1),
])
def test_softmax_against_mpmath(logits, true_class):
    answers, _ = one(f'[[problem]]\nid = "s"\nkind = "softmax"\nlogits = [{", ".join(logits)}]\n'
                     f"true_class = {true_class}\n")
    with mpmath.workdps(50):
        z = [mpmath.mpf(v) for v in logits]
        e = [mpmath.exp(v) for v in z]
        p = [v / sum(e) for v in e]
        loss = -mpmath.log(p[true_class - 1])
    for got, want in zip(answers["probabilities"], p):
        assert abs(got - float(want)) <= 1e-15
    assert abs(answers["loss"] - float(loss)) <= 1e-12 * max(1, float(loss))
    assert answers["predicted"] == max(range(len(z)), key=lambda i: (z[i], -i)) + 1   # classes from 1
    assert answers["true_class"] == true_class


def test_softmax_with_target_distribution():
    answers, _ = one('[[problem]]\nid = "s"\nkind = "softmax"\nlogits = [1, 2]\ntarget = [0.25, 0.75]\n')
    with mpmath.workdps(50):
        p = [mpmath.exp(1) / (mpmath.exp(1) + mpmath.exp(2)), mpmath.exp(2) / (mpmath.exp(1) + mpmath.exp(2))]
        loss = -(mpmath.mpf("0.25") * mpmath.log(p[0]) + mpmath.mpf("0.75") * mpmath.log(p[1]))
    assert abs(answers["loss"] - float(loss)) <= 1e-12


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 100), min_size=2, max_size=7))
def test_parameter_counts_closed_formula(sizes):
    answers, _ = one(f'[[problem]]\nid = "c"\nkind = "parameters"\nsizes = {sizes}\n')
    want = [sizes[l - 1] * sizes[l] + sizes[l] for l in range(1, len(sizes))]
    assert [p["total"] for p in answers["per_layer"]] == want
    assert [p["weights"] for p in answers["per_layer"]] == [sizes[l - 1] * sizes[l] for l in range(1, len(sizes))]
    assert answers["total"] == sum(want)


def test_parameter_count_of_the_course_example():
    answers, _ = one('[[problem]]\nid = "c"\nkind = "parameters"\nsizes = [6, 32, 32, 32, 4]\n')
    assert answers["total"] == 6 * 32 + 32 + 2 * (32 * 32 + 32) + 32 * 4 + 4


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(1, 50), min_size=2, max_size=6), st.integers(1, 500))
def test_shapes(sizes, m):
    answers, _ = one(f'[[problem]]\nid = "s"\nkind = "shapes"\nsizes = {sizes}\nexamples = {m}\n')
    assert answers["X"] == [sizes[0], m]
    for l, layer in enumerate(answers["layers"], 1):
        assert layer == {"W": [sizes[l], sizes[l - 1]], "b": [sizes[l], 1], "Z": [sizes[l], m], "A": [sizes[l], m]}


def _toml_matrix(rows):
    return "[" + ", ".join("[" + ", ".join(str(v) for v in r) + "]" for r in rows) + "]"


@pytest.mark.parametrize("seed", range(6))
def test_dead_relu_units_against_direct_check(seed):
    rng = random.Random(seed)
    n_in, units, examples = rng.randint(1, 3), rng.randint(2, 4), rng.randint(1, 4)
    x = [[rng.randint(-4, 4) / 2 for _ in range(n_in)] for _ in range(examples)]
    w = [[rng.randint(-4, 4) / 2 for _ in range(n_in)] for _ in range(units)]
    b = [rng.randint(-4, 4) / 2 for _ in range(units)]
    answers, solution = one(f'[[problem]]\nid = "d"\nkind = "dead-relu"\ninputs = {_toml_matrix(x)}\n'
                            f"weights = {_toml_matrix(w)}\nbias = {b}\n")
    z = [[sum(wk * xk for wk, xk in zip(w[j], xi)) + b[j] for xi in x] for j in range(units)]
    dead = [j + 1 for j in range(units) if all(v <= 0 for v in z[j])]   # units counted from 1
    assert answers["dead_units"] == dead
    assert answers["pre_activations"] == z  # halves: exact in binary floating point
    # for a dead unit, every weight gradient is 0 in every example, whatever the upstream gradient:
    # the central difference of ReLU(w.x + b) in each weight is 0
    h = 1e-6
    for j in (d - 1 for d in dead):
        for xi in x:
            for k in range(n_in):
                up = max(0.0, sum((w[j][q] + (h if q == k else 0)) * xi[q] for q in range(n_in)) + b[j])
                down = max(0.0, sum((w[j][q] - (h if q == k else 0)) * xi[q] for q in range(n_in)) + b[j])
                if all(v < -1e-3 for v in z[j]):
                    assert up == down == 0
    # each dead unit shows every weight's and its bias's gradient, summed over the examples, ending in 0
    gradient_chains = [c for section in solution.derivation.parts for c in section.parts if ".d" in c.id]
    assert len(gradient_chains) == len(dead) * (n_in + 1)
    assert all(c.steps[-1].expr.latex() == "0" and c.steps[-1].relation == "=" for c in gradient_chains)
    for j in dead:   # the notes say which units are dead
        assert f"Unit {j} is dead" in next(s.notes for s in solution.derivation.parts if s.id.endswith(f"unit{j}"))


@pytest.mark.parametrize("activation,bound", [("sigmoid", mpmath.mpf(1) / 4), ("tanh", 1), ("softplus", 1),
                                              ("gelu", None), ("swish", None)])
def test_vanishing_product_against_mpmath(activation, bound):
    zs = ["0.5", "-1", "2", "0", "1.5"]
    answers, _ = one(f'[[problem]]\nid = "v"\nkind = "vanishing-gradient"\nactivation = "{activation}"\n'
                     f"pre_activations = [{', '.join(zs)}]\n")
    with mpmath.workdps(50):
        f = {"sigmoid": lambda z: 1 / (1 + mpmath.exp(-z)), "tanh": mpmath.tanh,
             "softplus": lambda z: mpmath.log(1 + mpmath.exp(z)), "gelu": lambda z: z * mpmath.ncdf(z),
             "swish": lambda z: z / (1 + mpmath.exp(-z))}[activation]
        ders = [mpmath.diff(f, mpmath.mpf(z)) for z in zs]
        product = mpmath.fprod(ders)
    for got, want in zip(answers["derivatives"], ders):
        assert abs(got - float(want)) <= 1e-12
    assert abs(answers["product"] - float(product)) <= 1e-12 * abs(float(product))
    if bound is None:
        assert answers["bound"] is None
    else:
        assert answers["bound"] == float(mpmath.mpf(bound) ** len(zs))
        assert answers["product"] <= answers["bound"]


def test_vanishing_with_weights():
    answers, _ = one('[[problem]]\nid = "v"\nkind = "vanishing-gradient"\nactivation = "sigmoid"\n'
                     "pre_activations = [1, -2]\nweights = [2, -0.5]\n")
    with mpmath.workdps(50):
        s = lambda z: 1 / (1 + mpmath.exp(-z))  # noqa: E731
        want = 2 * s(1) * (1 - s(1)) * mpmath.mpf("-0.5") * s(-2) * (1 - s(-2))
    assert abs(answers["product"] - float(want)) <= 1e-15
    assert answers["bound"] == pytest.approx(2 * 0.5 / 16, abs=1e-15)
