"""Matrices and vectors as non-commutative symbols: transposes tied to their symbols, shapes that fit.

``(AB)^T = B^T A^T`` is proved for any letters and ``A^T B^T`` refuted; a name
and its transpose get a random matrix and its transpose; a non-commutative
symbol is never a scalar; a step is wrong only when it fails for every shape
that fits, and ``w^T x = x^T w`` is proved when w and x are vectors.  Every
counterexample is evaluated again here with integer lists of lists.
"""

from __future__ import annotations

import pytest
from engine_oracle import as_lists, mat_transpose, mat_value
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy import ImmutableMatrix, Mul, Symbol

from derivations.equivalence import decide
from derivations.parse.latex import parse_expression
from derivations.parse.latex_symbols import _toggle_transpose, transpose


def nc(*names):
    return [Symbol(name, commutative=False) for name in names]


A, B, C, AT, BT, CT = nc("A", "B", "C", "A^{T}", "B^{T}", "C^{T}")
W1, W2, W1T = nc("W^{[1]}", "W^{[2]}", "W^{[1]T}")
w, x, wT, xT, v = nc("w", "x", "w^{T}", "x^{T}", "v")
eta = Symbol(r"\eta", real=True)


def assert_refuted(a, b, evidence):
    """The matrices of the counterexample fit, respect transposes, and separate the sides."""
    assert evidence.verdict == "wrong", (a, b, evidence.describe())
    env = {name: as_lists(value) for name, value in evidence.point.items() if isinstance(value, ImmutableMatrix)}
    scalars = {Symbol(name, real=True): value for name, value in evidence.point.items()
               if not isinstance(value, ImmutableMatrix)}
    for name, value in env.items():
        assert len(value) * len(value[0]) > 1, f"{name} was given a 1x1 matrix"
        twin = _toggle_transpose(name)
        if twin in env:
            assert env[twin] == mat_transpose(value), f"{twin} is not the transpose of {name}"
    va, vb = mat_value(a.xreplace(scalars), env), mat_value(b.xreplace(scalars), env)
    assert va != vb, (evidence.describe(), va, vb)


PROVED = [
    ("transpose of a product", BT * AT, BT * AT),
    ("(AB)^T from the parser", parse_expression("(AB)^T", matrices=True, arrays=["A", "B"]), BT * AT),
    ("(ABC)^T", parse_expression("(ABC)^T", matrices=True, arrays=["A", "B", "C"]), CT * BT * AT),
    ("distributive", A * (B + C), A * B + A * C),
    ("square of a sum", (A + B) ** 2, A ** 2 + A * B + B * A + B ** 2),
    ("scalars commute with matrices", eta * A * B, A * eta * B),
    ("layers collapse", W2 * (W1 * x + v), W2 * W1 * x + W2 * v),
]


@pytest.mark.parametrize("name, a, b", PROVED, ids=[p[0] for p in PROVED])
def test_matrix_identities_are_proved(name, a, b):
    for p, q in ((a, b), (b, a)):
        evidence = decide(p, q)
        assert evidence.verdict == "proved", (name, evidence.describe())


WRONG = [
    ("transpose not reversed", parse_expression("(AB)^T", matrices=True, arrays=["A", "B"]), AT * BT),
    ("AB = BA", A * B, B * A),
    ("A(B + C) = AB + CA", A * (B + C), A * B + C * A),
    ("square of a sum, commuted", (A + B) ** 2, A ** 2 + 2 * A * B + B ** 2),
    ("layers swapped", W2 * W1 * x, W1 * W2 * x),
    ("transpose of a layer", W1T * W2, W2 * W1T),
]


@pytest.mark.parametrize("name, a, b", WRONG, ids=[w_[0] for w_ in WRONG])
def test_false_matrix_identities_are_wrong_on_fitting_matrices(name, a, b):
    for p, q in ((a, b), (b, a)):
        assert_refuted(p, q, decide(p, q))


def test_a_name_and_its_transpose_get_a_matrix_and_its_transpose():
    evidence = decide(A * AT, AT * A)
    assert_refuted(A * AT, AT * A, evidence)
    assert evidence.point["A^{T}"] == evidence.point["A"].T


def test_a_scalar_read_as_a_scalar_next_to_its_matrix_transpose_is_undecided():
    B_scalar = Symbol("B", real=True)
    evidence = decide(B_scalar * AT, AT * BT)
    assert evidence.verdict == "unknown", evidence.describe()


@pytest.mark.parametrize("shapes, verdict", [
    (None, "unknown"),                                      # vectors or matrices: not known
    ({"w": (3, 1), "x": (3, 1)}, "proved"),                # column vectors: a 1x1 equals its transpose
    ({"w": ("n", 1), "x": ("n", 1)}, "proved"),             # any length
    ({"w^{T}": (1, 4), "x": (4, 1)}, "proved"),            # the transpose's shape given
    ({"w": (3, 2), "x": (3, 2)}, "wrong"),                 # matrices: w^T x is 2x2 and not symmetric
])
def test_inner_products_of_vectors(shapes, verdict):
    evidence = decide(wT * x, xT * w, shapes=shapes)
    assert evidence.verdict == verdict, evidence.describe()
    if verdict == "wrong":
        assert_refuted(wT * x, xT * w, evidence)


def test_given_shapes_prove_with_symbolic_entries():
    # 1x1 matrices commute: true at the shapes given, false for any larger square
    evidence = decide(A * B, B * A, shapes={"A": (1, 1), "B": (1, 1)})
    assert evidence.verdict == "proved" and evidence.method == "symbolic entries", evidence.describe()
    assert decide(A * B, B * A, shapes={"A": (2, 2), "B": (2, 2)}).verdict == "wrong"
    # a quadratic form equals its transpose's
    evidence = decide(xT * A * x, xT * AT * x, shapes={"x": (2, 1)})
    assert evidence.verdict == "proved", evidence.describe()
    evidence = decide(xT * A * x, xT * AT * x, shapes={"x": (3, 1), "A": (3, 3)})
    assert evidence.verdict == "proved", evidence.describe()


def test_shapes_that_do_not_fit_are_undecided():
    evidence = decide(A * B, B * A, shapes={"A": (2, 3), "B": (2, 3)})
    assert evidence.verdict == "unknown" and "shapes" in evidence.method


def test_a_vector_equal_to_a_scalar_is_one_by_one():
    # w^T x = x^T w + 0 against a scalar side: both 1x1 when equated to a number
    assert decide(wT * x - xT * w, 0).verdict == "proved"


@pytest.mark.parametrize("shapes, error", [
    ([("A", (2, 2))], TypeError),
    ({"A": (2,)}, ValueError),
    ({"A": (0, 2)}, ValueError),
    ({"A": (2.5, 2)}, ValueError),
    ({"A": (True, 2)}, ValueError),
])
def test_shapes_are_validated(shapes, error):
    with pytest.raises(error):
        decide(A, A, shapes=shapes)


# --- generated: words of letters, transposed by the rule, against random integer matrices ----------

SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
LETTERS = ["A", "B", "C", "W^{[1]}", "W^{[2]}", "M"]


@st.composite
def transposed_words(draw):
    """(claim, the rule's transpose, true?) for the transpose of a product of letters."""
    letters = draw(st.lists(st.sampled_from(LETTERS), min_size=2, max_size=4))
    factors = [Symbol(name, commutative=False) for name in letters]
    product = Mul(*factors)
    rule = Mul(*[Symbol(_toggle_transpose(f.name), commutative=False) for f in reversed(factors)])
    mutation = draw(st.sampled_from(["none", "not reversed", "one untransposed", "rotated"]))
    if mutation == "none":
        claim = rule
    elif mutation == "not reversed":
        claim = Mul(*[Symbol(_toggle_transpose(f.name), commutative=False) for f in factors])
    elif mutation == "one untransposed":
        kept = draw(st.integers(0, len(factors) - 1))
        claim = Mul(*[f if i == kept else Symbol(_toggle_transpose(f.name), commutative=False)
                      for i, f in enumerate(reversed(factors))])
    else:
        transposed = [Symbol(_toggle_transpose(f.name), commutative=False) for f in reversed(factors)]
        claim = Mul(*(transposed[1:] + transposed[:1]))
    return transpose(product), claim


def _square_truth(a, b, seed=3):
    """Are a and b equal for random 3x3 integer matrices (each twin the transpose)? Plain arithmetic."""
    import random

    rng = random.Random(seed)
    env = {}
    for s in sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name):
        base = s.name if not s.name.endswith("T}") else _toggle_transpose(s.name)
        if base not in env:
            env[base] = [[rng.randint(-5, 5) for _ in range(3)] for _ in range(3)]
            env[_toggle_transpose(base)] = mat_transpose(env[base])
    return mat_value(a, env) == mat_value(b, env)


@SETTINGS
@given(transposed_words())
def test_generated_transposes_of_products(case):
    left, claim = case
    true = _square_truth(left, claim) and _square_truth(left, claim, seed=11)
    for p, q in ((left, claim), (claim, left)):
        evidence = decide(p, q)
        if true:
            assert evidence.verdict in ("proved", "verified"), evidence.describe()
        else:
            assert evidence.verdict not in ("proved", "verified"), evidence.describe()
            if evidence.verdict == "wrong":
                assert_refuted(p, q, evidence)


@st.composite
def words(draw):
    """Two products of the same letters in (maybe) different orders, with sums mixed in."""
    letters = draw(st.lists(st.sampled_from(["A", "B", "C"]), min_size=2, max_size=4))
    factors = [Symbol(name, commutative=False) for name in letters]
    order = draw(st.permutations(range(len(factors))))
    extra = draw(st.sampled_from([None, "A", "B"]))
    left, right = Mul(*factors), Mul(*[factors[i] for i in order])
    if extra:
        e = Symbol(extra, commutative=False)
        left, right = left + e * e, right + e * e
    return left, right


@SETTINGS
@given(words())
def test_generated_reorderings(case):
    left, right = case
    true = _square_truth(left, right) and _square_truth(left, right, seed=11)
    evidence = decide(left, right)
    if true:
        assert evidence.verdict in ("proved", "verified"), evidence.describe()
    else:  # a reordering fails for every shape that fits (the seeds here are fixed)
        assert_refuted(left, right, evidence)
