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
    Add,
    Basic,
    Identity,
    ImmutableMatrix,
    Integer,
    Inverse,
    MatAdd,
    MatMul,
    MatPow,
    MatrixBase,
    MatrixExpr,
    MatrixSymbol,
    Mul,
    Poly,
    Pow,
    S,
    Symbol,
    Transpose,
    ZeroMatrix,
    expand,
)
from sympy.matrices.expressions.matexpr import MatrixElement

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
            value = mapping.setdefault(m, ImmutableMatrix(rows, cols, [rng.randint(-5, 5) for _ in range(rows * cols)]))
            mapping.setdefault(m.xreplace(dims), value)  # the same matrix once its symbolic shape is fixed
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


_LINEAR_NODES = (Add, Mul, MatAdd, MatMul, Transpose, Inverse)


def _has_matrix_content(expr) -> bool:
    if isinstance(expr, (MatrixExpr, MatrixBase)):
        return True
    return isinstance(expr, Basic) and (not expr.is_commutative or bool(expr.atoms(MatrixSymbol)))


def evaluable(expr) -> bool:
    """True when random matrices can be put into expr: only sums, products, integer powers,
    transposes and inverses touch a matrix.  sigmoid(A), exp(A), A**(1/2) cannot be
    evaluated entrywise honestly (and exp of a 3x3 integer matrix takes SymPy minutes)."""
    if not _has_matrix_content(expr) or isinstance(expr, (MatrixSymbol, Symbol, Identity, ZeroMatrix)):
        return True
    if isinstance(expr, MatrixBase):
        return all(not _has_matrix_content(e) for e in expr)
    if isinstance(expr, (Pow, MatPow)):
        return expr.exp.is_Integer is True and evaluable(expr.base)
    if isinstance(expr, _LINEAR_NODES):
        return all(evaluable(arg) for arg in expr.args)
    return False


def _entries_agree(p, q) -> str:
    """'equal', 'differ' or 'unknown' for two entries holding numbers only."""
    from .sampling import _accurate_difference

    d = expand(p - q)
    if d == 0:
        return "equal"
    if not d.is_number:
        # entries of matrices left generic: a nonzero polynomial in them is a nonzero function
        try:
            poly = Poly(d, *sorted(d.atoms(MatrixElement, Symbol), key=str))
            if poly.domain.is_ZZ or poly.domain.is_QQ:
                return "differ" if not poly.is_zero else "equal"
        except Exception:
            pass
        return "unknown"  # an undefined function or a symbol is left: nothing to compare
    accurate = _accurate_difference(p, q)
    if accurate is not None and accurate != 0:
        return "differ"
    v = d.evalf(50)
    return "equal" if v.is_Float or v.is_Rational and v == 0 else "unknown"


def _values_compare(va, vb) -> str:
    if isinstance(va, MatrixBase) and isinstance(vb, MatrixBase):
        if va.shape != vb.shape:
            return "differ"
        found = [_entries_agree(p, q) for p, q in zip(va, vb)]
    elif isinstance(va, MatrixBase) != isinstance(vb, MatrixBase):
        return "equal" if _is_zero_matrix(va) and _is_zero_matrix(vb) else "differ"
    else:
        found = [_entries_agree(va, vb)]
    if "differ" in found:
        return "differ"
    return "unknown" if "unknown" in found else "equal"


def compare_on_random_matrices(a, b, *, trials: int = 3, seed: int = 7):
    """('wrong', substitution, value of a, value of b), ('equal', ...) or ('unknown', ...).

    'unknown' when the sides cannot be evaluated on matrices (a function of a
    matrix, a singular inverse, shapes that do not fit): never counted as equal.
    """
    if not (evaluable(a) and evaluable(b)):
        return "unknown", None, None, None
    rng = random.Random(seed)
    verdict = "equal"
    for _ in range(trials):
        dims, mapping = _substitution([a, b], rng)
        try:
            va, vb = _evaluate(a, dims, mapping), _evaluate(b, dims, mapping)
            found = _values_compare(va, vb)
        except Exception:
            return "unknown", None, None, None
        if found == "differ":
            return "wrong", mapping, va, vb
        if found == "unknown":
            verdict = "unknown"
    return verdict, None, None, None


def differ_on_random_matrices(a, b, *, trials: int = 3, seed: int = 7):
    """A counterexample (substitution, value of a, value of b), or None when none was found."""
    verdict, mapping, va, vb = compare_on_random_matrices(a, b, trials=trials, seed=seed)
    return (mapping, va, vb) if verdict == "wrong" else None
