"""Matrix identities: non-commutative expansion, and checks on random matrices.

Two kinds of matrix expression come in: SymPy ``MatrixSymbol`` expressions
(the catalog's linear layers, with shapes) and non-commutative ``Symbol``s
(the document reader's ``W^{[2]}``, ``x^{[0]}``, without shapes).  Both are
expanded without commuting factors; a zero difference is a proof.  Otherwise
random integer matrices are substituted (consistent shapes, or square 3x3 for
shape-less symbols) and the sides compared exactly: a difference there is a
counterexample.

>>> from sympy import MatrixSymbol
>>> W1, W2 = MatrixSymbol('W1', 3, 2), MatrixSymbol('W2', 4, 3)
>>> x, b1, b2 = MatrixSymbol('x', 2, 1), MatrixSymbol('b1', 3, 1), MatrixSymbol('b2', 4, 1)
>>> expansion_is_zero(W2 * (W1 * x + b1) + b2, W2 * W1 * x + (W2 * b1 + b2))
True
>>> differ_on_random_matrices(W2 * W1 * x, W2 * W1 * x) is None
True
"""

from __future__ import annotations

import random

from sympy import (
    Basic, ImmutableMatrix, Integer, MatrixBase, MatrixExpr, MatrixSymbol, S, Symbol, ZeroMatrix, expand,
)

SQUARE = 3


def is_matrix_expression(expr) -> bool:
    """True for MatrixExpr trees, explicit matrices, and non-commutative symbol products."""
    if isinstance(expr, (MatrixExpr, MatrixBase)):
        return True
    return isinstance(expr, Basic) and not expr.is_commutative


def _is_zero_matrix(expr) -> bool:
    if isinstance(expr, ZeroMatrix) or expr == 0:
        return True
    if isinstance(expr, MatrixBase):
        return all(e == 0 for e in expr)
    return False


def expansion_is_zero(a, b) -> bool:
    """True when a - b expands to zero without commuting any factors."""
    try:
        if isinstance(a, MatrixExpr) or isinstance(b, MatrixExpr):
            if getattr(a, "shape", None) != getattr(b, "shape", None):
                return False
            return _is_zero_matrix((a - b).expand().doit())
        return _is_zero_matrix(expand(a - b))
    except Exception:  # shapes that do not fit, or an expression SymPy cannot expand
        return False


def _dimension_values(exprs, rng):
    dims = set()
    for e in exprs:
        for m in e.atoms(MatrixSymbol):
            dims.update(d for d in m.shape if not d.is_number)
    return {d: Integer(rng.randint(1, 4)) for d in sorted(dims, key=str)}


def _substitution(exprs, rng):
    dims = _dimension_values(exprs, rng)
    mapping = {}
    for e in exprs:
        for m in sorted(e.atoms(MatrixSymbol), key=str):
            rows, cols = (int(S(d).xreplace(dims)) for d in m.shape)
            mapping.setdefault(m, ImmutableMatrix(rows, cols, [rng.randint(-5, 5) for _ in range(rows * cols)]))
        for s in sorted(e.free_symbols, key=str):
            if isinstance(s, Symbol) and not s.is_commutative:
                mapping.setdefault(s, ImmutableMatrix(SQUARE, SQUARE, [rng.randint(-5, 5) for _ in range(SQUARE ** 2)]))
            elif isinstance(s, Symbol) and s not in dims:
                mapping.setdefault(s, Integer(rng.randint(-5, 5)))
    return dims, mapping


def _evaluate(expr, dims, mapping):
    if isinstance(expr, MatrixBase):
        return expr.xreplace(mapping).applyfunc(lambda v: v.xreplace(mapping))
    value = expr.xreplace(dims).xreplace(mapping)
    if hasattr(value, "doit"):
        value = value.doit()
    if isinstance(value, MatrixExpr) and not isinstance(value, MatrixBase):
        value = value.as_explicit()
    if not isinstance(value, MatrixBase):
        value = expand(value)
    return value


def differ_on_random_matrices(a, b, *, trials: int = 3, seed: int = 7):
    """A counterexample (substitution, value of a, value of b), or None when equal on every trial."""
    rng = random.Random(seed)
    for _ in range(trials):
        dims, mapping = _substitution([a, b], rng)
        try:
            va, vb = _evaluate(a, dims, mapping), _evaluate(b, dims, mapping)
        except Exception:
            return None
        if isinstance(va, MatrixBase) and isinstance(vb, MatrixBase):
            if va.shape != vb.shape or any(expand(p - q) != 0 for p, q in zip(va, vb)):
                return mapping, va, vb
        elif isinstance(va, MatrixBase) != isinstance(vb, MatrixBase):
            if not (_is_zero_matrix(va) and _is_zero_matrix(vb)):
                return mapping, va, vb
        elif expand(va - vb) != 0:
            return mapping, va, vb
    return None
