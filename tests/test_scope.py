"""What is in scope: families whose entries are decorated names, and sums the engine cannot read.

Expected values are built with SymPy's constructors from what the notation means.
"""

from __future__ import annotations

import pytest
from sympy import Integer, Symbol

from derivations.check.scope import Scope, ScopeError, _substitute_indices
from derivations.parse.latex import parse_expression

k = Symbol("k", real=True)


@pytest.mark.parametrize("text, value, expected", [
    (r"w_{k}^{T} x", Integer(2), r"w_{2}^{T}"),         # a transposed row of a family
    (r"W_{jk}^{[1]} x", Integer(3), r"W_{j3}^{[1]}"),  # a layer's weight with one index put in
    (r"z_{k}' x", Integer(1), r"z'_{1}"),
    (r"w_{k}^{T} x", Symbol("j", integer=True), r"w_{j}^{T}"),
])
def test_family_indices_are_put_into_decorated_names(text, value, expected):
    names = {s.name for s in _substitute_indices(parse_expression(text), {k: value}).free_symbols}
    assert names == {expected, "x"}


def test_a_sum_over_entries_it_cannot_see_as_entries_is_refused():
    """s_j = w_j^T x inside \\sum_j: w_j^T is a name SymPy would take for a constant of the sum."""
    scope = Scope()
    scope.define_family("s", (k,), parse_expression(r"w_{k}^{T} x"))
    total = parse_expression(r"\sum_{j=1}^{K} e^{s_j}")
    from derivations.check.names import survey
    from derivations.parse.documents import read_text

    names = survey(read_text(r"$$s_k = w_k^T x$$" "\n\n" r"$$\sum_{j=1}^{K} e^{s_j} = 1$$"))
    with pytest.raises(ScopeError, match="index"):
        scope.resolve(names.normalise(total))


def test_a_sum_with_number_bounds_is_written_out_with_its_index_put_in():
    scope = Scope()
    scope.define_family("s", (k,), parse_expression(r"2 x_{k}"))
    for i, value in enumerate((1, 2, 3), 1):
        scope.bind(Symbol(f"x_{{{i}}}", real=True), Integer(value))
    assert scope.resolve(parse_expression(r"\sum_{j=1}^{3} s_j")).doit() == 12
