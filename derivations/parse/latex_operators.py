r"""Vector operations the course notation writes that SymPy has no plain form for.

* :class:`hadamard` is ``a \odot b``, the element-wise product: of explicit matrices
  it is computed, of scalars it is the product; otherwise it stays unevaluated with
  its arguments in a canonical order (it commutes), so ``a \odot b`` and ``b \odot a``
  are the same object.
* :class:`norm` is ``\|x\|`` (``\|x\|_2``; ``p`` = 1, 2 or oo): of an explicit vector it
  is computed, of a real scalar it is ``|x|``.
* :class:`diag` is ``\operatorname{diag}(s)``: of an explicit vector, the diagonal matrix.
* :func:`indicator_of` is ``\mathbb{1}(k = y)``: a Kronecker delta for ``=``, a step for an order.

>>> from sympy import ImmutableMatrix, Symbol
>>> a, b = Symbol("a", commutative=False), Symbol("b", commutative=False)
>>> hadamard(a, b) == hadamard(b, a), hadamard(ImmutableMatrix([1, 2]), ImmutableMatrix([3, 4]))
(True, Matrix([
[3],
[8]]))
>>> norm(ImmutableMatrix([3, 4])), norm(Symbol("x", real=True))
(5, Abs(x))
>>> k, y = Symbol("k", integer=True), Symbol("y", integer=True)
>>> indicator_of(k, "=", y), indicator_of(k, "!=", 3)
(KroneckerDelta(k, y), 1 - KroneckerDelta(3, k))
>>> diag(ImmutableMatrix([1, 2]))
Matrix([
[1, 0],
[0, 2]])
"""

from __future__ import annotations

from sympy import Abs, Function, ImmutableMatrix, Integer, KroneckerDelta, Max, Mul, Piecewise, S, oo, sqrt
from sympy.core.sorting import default_sort_key
from sympy.matrices import MatrixBase

from ..vocabulary import Relation

__all__ = ["hadamard", "norm", "diag", "indicator_of"]


class hadamard(Function):  # noqa: N801 - SymPy functions are lower-case
    """The element-wise product ``a ⊙ b ⊙ ...``."""

    @classmethod
    def eval(cls, *args):
        if len(args) < 2:
            return args[0] if args else None
        flat = []
        for arg in args:
            flat.extend(arg.args if isinstance(arg, hadamard) else (arg,))
        matrices = [a for a in flat if isinstance(a, MatrixBase)]
        if len(matrices) == len(flat):
            shape = matrices[0].shape
            if any(m.shape != shape for m in matrices):
                raise ValueError("an element-wise product of matrices of different shapes")
            out = matrices[0]
            for m in matrices[1:]:
                out = out.multiply_elementwise(m)
            return ImmutableMatrix(out)
        scalars = [a for a in flat if not isinstance(a, MatrixBase) and a.is_commutative]
        rest = [a for a in flat if a not in scalars]
        if scalars:
            factor = Mul(*scalars)
            if not rest:
                return factor
            return factor * (rest[0] if len(rest) == 1 else cls(*rest))
        ordered = sorted(rest, key=default_sort_key)
        if ordered != list(args):
            return cls(*ordered)
        return None

    def _latex(self, printer, exp=None):
        body = r" \odot ".join(printer.parenthesize(a, 50) for a in self.args)
        return body if exp is None else rf"\left({body}\right)^{{{exp}}}"


class norm(Function):  # noqa: N801
    """``\\|x\\|_p`` with ``p`` 2 by default (also 1 and oo)."""

    nargs = (1, 2)

    @classmethod
    def eval(cls, x, p=None):
        if p is not None and p == 2:
            return cls(x)       # the 2-norm is the norm: one spelling
        p = Integer(2) if p is None else p
        if p not in (1, 2, oo):
            return None
        if isinstance(x, MatrixBase):
            entries = list(x)
            if p == 1:
                return sum((Abs(v) for v in entries), S.Zero)
            if p == oo:
                return Max(*(Abs(v) for v in entries))
            return sqrt(sum((Abs(v) ** 2 for v in entries), S.Zero))
        if x.is_commutative and x.is_real:
            return Abs(x)
        return None

    def _latex(self, printer, exp=None):
        x = self.args[0]
        sub = "" if len(self.args) == 1 or self.args[1] == 2 else "_{" + printer._print(self.args[1]) + "}"
        body = rf"\left\|{printer._print(x)}\right\|{sub}"
        return body if exp is None else rf"{body}^{{{exp}}}"


class diag(Function):  # noqa: N801
    """``\\operatorname{diag}(s)``: the diagonal matrix with the entries of ``s``."""

    nargs = 1
    is_commutative = False

    @classmethod
    def eval(cls, s):
        if isinstance(s, MatrixBase):
            if 1 not in s.shape:
                raise ValueError("diag of a matrix that is not a vector")
            entries = list(s)
            n = len(entries)
            return ImmutableMatrix(n, n, lambda i, j: entries[i] if i == j else 0)
        return None

    def _latex(self, printer, exp=None):
        body = rf"\operatorname{{diag}}\left({printer._print(self.args[0])}\right)"
        return body if exp is None else rf"{body}^{{{exp}}}"


_ORDERS = {Relation.LT: lambda a, b: a < b, Relation.LE: lambda a, b: a <= b,
           Relation.GT: lambda a, b: a > b, Relation.GE: lambda a, b: a >= b}


def indicator_of(a, relation, b):
    """``\\mathbb{1}(a \\mathrel{R} b)``: 1 where the relation holds, else 0; None for a relation it has none for."""
    r = Relation.of(relation)
    if r is Relation.EQ:
        return KroneckerDelta(a, b)
    if r is Relation.NE:
        return 1 - KroneckerDelta(a, b)
    if r in _ORDERS:
        return Piecewise((Integer(1), _ORDERS[r](a, b)), (Integer(0), True))
    return None
