"""Numbers as written: the number scanner, the written digits a judge reads, and declarations.

Expected values are worked out by hand from the written digits (value, half a unit of
the last digit), never taken from the code under test.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Integer, Rational, Symbol

from derivations.parse import ParseError, parse_expression
from derivations.parse.latex import Annotation, parse_annotation, written_numbers
from derivations.parse.latex_numbers import scan_number


# ---------------------------------------------------------------- the scanner, per decimal mark
@pytest.mark.parametrize("text, mark, digits, ambiguous", [
    ("0.6225", ".", "0.6225", False),
    ("0.6225", ",", "0.6225", False),
    ("0.6225", None, "0.6225", False),
    ("100.480", ".", "100.480", False),
    ("100.480", ",", "100480", False),
    ("100.480", None, "100.480", True),
    ("1.000", None, "1.000", True),
    ("12.5", None, "12.5", False),
    ("1234.567", None, "1234.567", False),       # four digits before: no thousands group
    ("0{,}8", ".", "0.8", False),
    ("0{,}8", None, "0.8", False),
    ("1{,}000", ".", "1000", False),
    ("1{,}000", ",", "1.000", False),
    ("1{,}000", None, "1.000", True),
    ("0,8", ",", "0.8", False),
    ("0,8", None, "0.8", True),
    ("1.000,5", ",", "1000.5", False),
    ("1.000,5", None, "1000.5", False),
    ("1,000.5", None, "1000.5", False),
    ("1.000.000", ",", "1000000", False),
    (".5", ".", ".5", False),
])
def test_scan_number(text, mark, digits, ambiguous):
    found = scan_number(text, 0, mark)
    assert found.end == len(text)
    assert found.digits == digits
    assert (found.ambiguous is not None) == ambiguous


@pytest.mark.parametrize("text, mark, end", [
    ("0,8", ".", 1),          # a bare comma is never part of a number in an English document
    ("0,1,2", ",", 1),        # a list, not a number
    ("2. x", ".", 1),         # a full stop
    ("3.x", ".", 1),
])
def test_scan_number_stops(text, mark, end):
    assert scan_number(text, 0, mark).end == end


@pytest.mark.parametrize("text, mark", [("1.2.3", "."), ("1{,}000{,}00", "."), ("1.000.000", "."),
                                         ("1.00,5", ",")])
def test_scan_number_refuses_what_is_no_number(text, mark):
    with pytest.raises(ParseError):
        scan_number(text, 0, mark)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10 ** 9), st.integers(0, 10 ** 6), st.sampled_from([".", ",", None]))
def test_any_decimal_written_with_its_mark_reads_exactly(whole, frac, mark):
    """Oracle: the decimal built from its digits.  Written with the document's mark it is
    that decimal; with the mark unknown, only digits that could be a thousands group
    (1-3 digits not starting with 0, then exactly 3) are refused."""
    digits = f"{whole}.{frac}"
    value = Rational(digits)
    text = digits.replace(".", ",") if mark == "," else digits
    grouped = 1 <= len(str(whole)) <= 3 and str(whole)[0] != "0" and len(str(frac)) == 3
    if mark is None and grouped:
        with pytest.raises(ParseError) as info:
            parse_expression(text, decimal_mark=mark)
        assert info.value.kind == "ambiguous"
    else:
        assert parse_expression(text, decimal_mark=mark) == value


# ---------------------------------------------------------------- written numbers
def _written(text, **kw):
    return [(text[a:b], w.value, w.half_unit, w.form) for a, b, w in written_numbers(text, **kw)]


@pytest.mark.parametrize("text, expected", [
    ("0.6225", [("0.6225", Rational(6225, 10 ** 4), Rational(1, 20000), "decimal")]),
    (r"-0.125 \cdot 0.6225", [("-0.125", Rational(-1, 8), Rational(1, 2000), "decimal"),
                              ("0.6225", Rational(249, 400), Rational(1, 20000), "decimal")]),
    ("a - 0.5", [("0.5", Rational(1, 2), Rational(1, 20), "decimal")]),       # a subtraction
    (r"e^{-0.3775}", [("-0.3775", Rational(-3775, 10 ** 4), Rational(1, 20000), "decimal")]),
    (r"98.9\%", [(r"98.9\%", Rational(989, 1000), Rational(1, 2000), "percent")]),
    (r"4.5 \times 10^{-5}", [(r"4.5 \times 10^{-5}", Rational(45, 10 ** 6), Rational(5, 10 ** 7), "scientific")]),
    (r"1.2 \cdot 10^{3}", [(r"1.2 \cdot 10^{3}", Integer(1200), Integer(50), "scientific")]),
    ("9.5e-7", [("9.5e-7", Rational(95, 10 ** 8), Rational(5, 10 ** 9), "scientific")]),
    ("1097", [("1097", Integer(1097), Rational(1, 2), "integer")]),
    ("w_{11} x_1 + b^{[1]}", []),                                              # indices are not values
    (r"\sum_{k=1}^{10} z_k", []),
    (r"\frac12", [("1", Integer(1), Rational(1, 2), "integer"), ("2", Integer(2), Rational(1, 2), "integer")]),
    (r"h^{(1)} = 0.25^{10}", [("0.25", Rational(1, 4), Rational(1, 200), "decimal"),
                              ("10", Integer(10), Rational(1, 2), "integer")]),
])
def test_written_numbers(text, expected):
    assert _written(text) == expected


def test_written_numbers_follow_the_decimal_mark():
    assert _written("0,8 + 100.480", decimal_mark=",") == [
        ("0,8", Rational(4, 5), Rational(1, 20), "decimal"),
        ("100.480", Integer(100480), Rational(1, 2), "integer")]
    # two readings: left out (the parser refuses the number, so the step is unchecked)
    assert _written("100.480", decimal_mark=None) == []
    assert written_numbers(r"\frac{") == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 999), st.integers(0, 9999)), min_size=1, max_size=5))
def test_written_numbers_find_every_decimal_of_a_sum(pairs):
    """Oracle: the decimals that were put into the text, in order."""
    numbers = [f"{a}.{b}" for a, b in pairs]
    text = " + ".join(numbers)
    assert [w.value for _, _, w in written_numbers(text)] == [Rational(n) for n in numbers]
    assert [text[a:b] for a, b, _ in written_numbers(text)] == numbers


# ---------------------------------------------------------------- declarations
N, M = Symbol("n", real=True), Symbol("m", real=True)


@pytest.mark.parametrize("text, names, domain, shape", [
    (r"x \in \mathbb{R}", ("x",), "real", ()),
    (r"x \in \mathbb{R}^{n}", ("x",), "real", (N,)),
    (r"x \in \mathbb{R}^n", ("x",), "real", (N,)),
    (r"W^{[1]} \in \mathbb{R}^{4 \times 3}", ("W^{[1]}",), "real", (Integer(4), Integer(3))),
    (r"W \in \mathbb{R}^{n \times m}", ("W",), "real", (N, M)),
    (r"X \in \mathbb{R}^{n_0 \times m}", ("X",), "real", (Symbol("n_{0}", real=True), M)),
    (r"x, y \in \mathbb{R}", ("x", "y"), "real", ()),
    (r"n \in \mathbb{N}", ("n",), "natural", ()),
    (r"k \in \mathbb{Z}", ("k",), "integer", ()),
    (r"\eta \in \mathbb{R}_{>0}", (r"\eta",), "positive", ()),
    (r"\alpha \in \mathbb{R}^+", (r"\alpha",), "positive", ()),
    (r"y \in \{0, 1\}", ("y",), "binary", ()),
    (r"\mathbf{y} \in \{0, 1\}^K", (r"\mathbf{y}",), "binary", (Symbol("K", real=True),)),
    ("x ∈ ℝ^n", ("x",), "real", (N,)),
    (r"x \in \R^{3}", ("x",), "real", (Integer(3),)),
])
def test_annotations(text, names, domain, shape):
    a = parse_annotation(text)
    assert isinstance(a, Annotation)
    assert (a.names, a.domain, a.shape) == (names, domain, shape)


def test_annotation_details():
    m = parse_annotation(r"W \in \mathbb{R}^{4 \times 3}")
    assert (m.rows, m.cols, m.is_array) == (4, 3, True)
    v = parse_annotation(r"x \in \mathbb{R}^{n}")
    assert (v.rows, v.cols, v.is_array) == (N, 1, True)
    scalar = parse_annotation(r"t \in \mathbb{R}")
    assert (scalar.rows, scalar.is_array) == (None, False)
    r = parse_annotation(r"i \in \{1, \dots, K\}")
    assert (r.domain, r.low, r.high) == ("integer", 1, Symbol("K", real=True))
    p = parse_annotation(r"p \in [0, 1)")
    assert (p.domain, p.low, p.high, p.open) == ("interval", 0, 1, "high")
    o = parse_annotation(r"p \in (0, 1)")
    assert o.open == "both"
    c = parse_annotation(r"c \in \{-1, 1\}")
    assert (c.domain, c.values) == ("set", (-1, 1))
    n0 = parse_annotation(r"n \in \mathbb{N}_0")
    assert (n0.domain, n0.low) == ("integer", 0)


@pytest.mark.parametrize("text", ["x = 1", r"x \notin A", r"\in \mathbb{R}", r"x \in", r"x \in \mathbb{R}^{",
                                  r"x \in A", r"1 \in \mathbb{R}", r"x \in \mathbb{R} + 1"])
def test_not_annotations(text):
    assert parse_annotation(text) is None


def test_the_expression_parser_points_to_parse_annotation():
    with pytest.raises(ParseError) as info:
        parse_expression(r"W \in \mathbb{R}^{4 \times 1}")
    assert info.value.kind == "annotation"
