"""Matrix identities: non-commutative expansion, and checks on random matrices.

Two kinds of matrix expression come in: SymPy ``MatrixSymbol`` expressions
(the catalog's linear layers, with shapes) and non-commutative ``Symbol``s
(the document reader's ``W^{[2]}``, ``x^{[0]}``, ``B^{T}``, with shapes where
the document gives them).  Both are expanded without commuting factors; a
zero difference is a proof.  Otherwise random integer matrices are put in and
the sides compared exactly.

For non-commutative symbols (:func:`decide_symbols`) the shapes come from
:mod:`.shapes`: a name and its transpose get a random matrix and its
transpose, every symbol a matrix or a vector (never a scalar), and the sizes
left free are tried in every combination that fits.  A step is wrong only
when it fails for every shape that fits (``w^T x = x^T w`` holds for vectors
and fails for square matrices: when the shapes are not given it is
undecided); at shapes given in full, matrices of symbolic entries prove it.

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
from dataclasses import dataclass

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

from . import shapes as shape_rules

SQUARE = 3
#: random draws of matrices for each assignment of sizes
DRAWS = 2
#: the largest matrix filled with symbolic entries for a proof
MAX_SYMBOLIC_ENTRIES = 36


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
                mapping.setdefault(s, _constant_vector(s, SQUARE, SQUARE) or ImmutableMatrix(
                    SQUARE, SQUARE, [rng.randint(-5, 5) for _ in range(SQUARE ** 2)]))
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


# --- non-commutative symbols with shapes --------------------------------------------------------

@dataclass
class Found:
    """The outcome of :func:`decide_symbols`."""

    verdict: str           # "proved", "verified", "wrong" or "unknown"
    method: str
    detail: str
    point: dict | None = None
    values: tuple | None = None


class _NotEvaluable(ValueError):
    pass


def _matmul(p, q):
    if isinstance(p, MatrixBase) and isinstance(q, MatrixBase):
        if p.shape[1] != q.shape[0]:
            raise _NotEvaluable("shapes do not fit")
        return p * q
    return p * q


def _value(expr, env: dict, scalars: dict):
    """expr with matrices for its symbols, by explicit matrix arithmetic (a scalar or a matrix)."""
    if expr in env:
        return env[expr]
    if isinstance(expr, MatrixBase):
        return ImmutableMatrix(expr.xreplace(scalars))
    if expr.is_commutative:
        return expr.xreplace(scalars)
    if isinstance(expr, Mul):
        commuting, factors = expr.args_cnc()
        result = Mul(*commuting).xreplace(scalars)
        product = None
        for f in factors:
            v = _value(f, env, scalars)
            product = v if product is None else _matmul(product, v)
        return product if result == 1 else result * product
    if isinstance(expr, Add):
        terms = [_value(t, env, scalars) for t in expr.args]
        shapes = {t.shape for t in terms if isinstance(t, MatrixBase)}
        if len(shapes) > 1:
            raise _NotEvaluable("a sum of matrices of different shapes")
        if shapes and any(not isinstance(t, MatrixBase) for t in terms):
            if shapes != {(1, 1)}:
                raise _NotEvaluable("a scalar added to a matrix")
            terms = [t if isinstance(t, MatrixBase) else ImmutableMatrix([[t]]) for t in terms]
        total = terms[0]
        for t in terms[1:]:
            total = total + t
        return total
    if isinstance(expr, Pow) and expr.exp.is_Integer:
        base = _value(expr.base, env, scalars)
        if not isinstance(base, MatrixBase):
            return base ** expr.exp
        if base.shape[0] != base.shape[1]:
            raise _NotEvaluable("a power of a matrix that is not square")
        if expr.exp < 0 and base.det() == 0:
            raise _NotEvaluable("the inverse of a singular matrix")
        return ImmutableMatrix(base ** int(expr.exp))
    raise _NotEvaluable(f"cannot put matrices into {expr}")


def _as_matrix(v):
    return v if isinstance(v, MatrixBase) else ImmutableMatrix([[v]])


def _differ(va, vb) -> str:
    return _values_compare(_as_matrix(va), _as_matrix(vb))


def _constant_vector(symbol, rows: int, cols: int):
    r"""``\mathbf{0}`` and ``\mathbf{1}``: the zeros and the ones of the shape, never a random matrix."""
    digit = {r"\mathbf{0}": 0, r"\mathbf{1}": 1}.get(symbol.name)
    return None if digit is None else ImmutableMatrix(rows, cols, [digit] * (rows * cols))


def _symbols_at(lay, sizes, fill):
    """Each non-commutative symbol's matrix (its twin gets the transpose), from ``fill(symbol, rows, cols)``."""
    env = {}
    for symbol in sorted(lay.symbols, key=lambda s: s.name):
        if symbol in env:
            continue
        rows, cols = lay.shape_of(symbol, sizes)
        env[symbol] = _constant_vector(symbol, rows, cols)
        if env[symbol] is None:
            env[symbol] = fill(symbol, rows, cols)
        twin = lay.twins.get(symbol)
        if twin is not None:
            env[twin] = env[symbol].T
    return env


def _scalars(a, b, rng):
    from .sampling import _value_for

    symbols = sorted((s for s in (a.free_symbols | b.free_symbols) if isinstance(s, Symbol) and s.is_commutative),
                     key=lambda s: s.name)
    return {s: _value_for(s, rng, None) for s in symbols}


def _describe_sizes(lay, sizes) -> str:
    shown = []
    for symbol in sorted(lay.symbols, key=lambda s: s.name):
        if lay.twins.get(symbol) is not None and lay.twins[symbol].name < symbol.name:
            continue
        rows, cols = lay.shape_of(symbol, sizes)
        shown.append(f"{symbol.name}: {rows}×{cols}")
    return ", ".join(shown)


def _transposed_monomials(expr):
    """expr with each product replaced by the smaller of it and its transpose (valid for 1×1 products)."""
    from ..parse.latex_symbols import transpose

    terms = []
    for term in Add.make_args(expand(expr)):
        flipped = transpose(term)
        terms.append(term if flipped is None else min(term, flipped, key=str))
    return Add(*terms)


def _symbolic_proof(a, b, lay) -> Found | None:
    """A proof when the sides are equal for matrices of symbolic entries at the given shapes."""
    if lay.free:
        return None
    sizes: dict = {}
    if any(r * c > MAX_SYMBOLIC_ENTRIES for r, c in (lay.shape_of(s, sizes) for s in lay.symbols)):
        return None

    def symbolic(symbol, rows, cols):
        return ImmutableMatrix(rows, cols, lambda i, j: Symbol(f"{symbol.name}_{{{i + 1}{j + 1}}}"))

    env = _symbols_at(lay, sizes, symbolic)
    try:
        va, vb = _value(a, env, {}), _value(b, env, {})
    except _NotEvaluable:
        return None
    difference = _as_matrix(va) - _as_matrix(vb) if isinstance(va, MatrixBase) or isinstance(vb, MatrixBase) \
        else ImmutableMatrix([[va - vb]])
    if all(expand(e) == 0 for e in difference):
        return Found("proved", "symbolic entries", "equal entry by entry for matrices of symbolic entries "
                     f"at the given shapes ({_describe_sizes(lay, sizes)})")
    return None


def _mixed_kinds(a, b) -> str | None:
    """A reason when a name is a scalar but its transpose a matrix (products already commuted)."""
    symbols = [s for s in (a.free_symbols | b.free_symbols) if isinstance(s, Symbol)]
    matrices = {s.name for s in symbols if not s.is_commutative}
    for s in symbols:
        if s.is_commutative and shape_rules.twin_name(s.name) in matrices:
            return f"{s.name} is read as a scalar but {shape_rules.twin_name(s.name)} as a matrix"
    return None


def decide_symbols(a, b, *, shapes=None, seed: int = 7) -> Found:
    """Decide ``a = b`` for non-commutative symbols (matrices and vectors); see the module docstring."""
    mixed = _mixed_kinds(a, b)
    if mixed:
        return Found("unknown", "matrices", mixed)
    if expansion_is_zero(a, b):
        return Found("proved", "non-commutative expansion", "both sides expand to the same products")
    if not (evaluable(a) and evaluable(b)):
        return Found("unknown", "random matrices", "the sides cannot be evaluated on matrices")
    try:
        lay = shape_rules.layout(a, b, shapes)
    except shape_rules.ShapeConflict as exc:
        return Found("unknown", "shapes", f"the shapes do not fit ({exc})")
    except shape_rules.Unsupported as exc:
        return Found("unknown", "shapes", str(exc))
    if shape_rules.forced_scalar(lay) and expand(_transposed_monomials(a) - _transposed_monomials(b)) == 0:
        return Found("proved", "transposition", "the sides are 1×1, and a 1×1 product equals its transpose")
    proof = _symbolic_proof(a, b, lay)
    if proof is not None:
        return proof
    candidates = shape_rules.assignments(lay)
    if not candidates:
        return Found("unknown", "shapes", "no sizes fit the shapes (a matrix or vector would be 1×1)")
    rng = random.Random(seed)
    refuted, held, undecided = [], [], 0
    for sizes in candidates:
        outcome = _at_sizes(a, b, lay, sizes, rng)
        if outcome is None:
            undecided += 1
        elif outcome[0] == "differ":
            refuted.append((sizes, outcome))
        else:
            held.append(sizes)
    if refuted and not held and not undecided:
        sizes, (_, env, va, vb) = refuted[0]
        point = {str(k): v for k, v in sorted(env.items(), key=lambda kv: str(kv[0]))}
        where = "for every shape that fits" if len(candidates) > 1 else f"at {_describe_sizes(lay, sizes)}"
        return Found("wrong", "counterexample", f"the sides differ on random matrices {where}; "
                     f"here {_describe_sizes(lay, sizes)}", point, (va, vb))
    if held and not refuted and not undecided:
        return Found("verified", "random matrices", f"equal on random integer matrices for "
                     f"{len(candidates)} assignment(s) of shapes")
    if refuted and held:
        return Found("unknown", "shapes", f"holds for some shapes ({_describe_sizes(lay, held[0])}) and not "
                     f"for others ({_describe_sizes(lay, refuted[0][0])}); the shapes are not known")
    return Found("unknown", "random matrices", "the sides cannot be evaluated on random matrices")


def _at_sizes(a, b, lay, sizes, rng):
    """('differ', env, va, vb) or ('equal',) for random matrices at ``sizes``; None when undecided."""
    for _ in range(DRAWS):
        env = _symbols_at(lay, sizes, lambda s, r, c: ImmutableMatrix(r, c, [rng.randint(-5, 5)
                                                                          for _ in range(r * c)]))
        scalars = _scalars(a, b, rng)
        try:
            va, vb = _value(a, env, scalars), _value(b, env, scalars)
            found = _differ(va, vb)
        except (_NotEvaluable, ValueError, TypeError, ZeroDivisionError):
            return None
        if found == "differ":
            return "differ", {**env, **scalars}, va, vb
        if found == "unknown":
            return None
    return ("equal",)
