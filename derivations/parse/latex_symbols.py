r"""Symbols of network notation: canonical names, scalar/matrix typing, transposition.

A symbol's name is LaTeX in one canonical spelling, so printing it round-trips and two
spellings of one quantity meet: base, primes, subscript, superscript index, in that
order.  ``w'_1`` and ``w_1'`` are both ``w'_{1}``; ``w^{(1)}_{1,1}`` is ``w_{1,1}^{(1)}``.

Typing (when ``matrices`` is on): capital W, X, Z, A are matrices, lower-case x, b, z, a
with a bracketed layer index and no subscript are vectors (``a^{[1]}_2`` is a unit of
that vector, a scalar), bold and arrowed letters (``\mathbf{x}``, ``\boldsymbol\theta``,
``\bm{x}``, ``\vec{w}``) are vectors, and anything transposed is a matrix or vector.  Matrices and
vectors are non-commutative Symbols; scalars are real Symbols.  A transpose is its own
non-commutative Symbol whose name carries the T: ``W^{[1]T}``.

>>> p = SymbolParts("W"); p.sup = "[1]"; p.transpose = True
>>> s = make_symbol(p, matrices=True); s, s.is_commutative
(W^{[1]T}, False)
>>> transpose(s)
W^{[1]}
"""

from __future__ import annotations

from sympy import Add, Mul, Pow, Symbol
from sympy.matrices import MatrixBase

from .latex_tables import MATRIX_LETTERS, VECTOR_LETTERS


class SymbolParts:
    """The pieces of a written symbol; ``letter`` is the innermost letter (for typing)."""

    __slots__ = ("base", "letter", "primes", "sub", "sup", "transpose", "vector")

    def __init__(self, base: str, letter: str | None = None):
        self.base = base
        self.letter = base if letter is None else letter
        self.primes = 0
        self.sub = ""
        self.sup = ""
        self.transpose = False
        self.vector = False      # bold or arrowed: a vector by its typography

    def name(self, primes: bool = True, transpose: bool = True) -> str:
        out = self.base + ("'" * self.primes if primes else "")
        transposed = self.transpose and transpose
        if self.sub:
            out += "_{" + self.sub + "}"
        if self.sup or transposed:
            out += "^{" + self.sup + ("T" if transposed else "") + "}"
        return out

    @property
    def plain(self) -> bool:
        """No index, prime or transpose: a bare letter or decorated letter."""
        return not (self.primes or self.sub or self.sup or self.transpose)


def is_array(parts: SymbolParts) -> bool:
    """Is this written symbol a matrix or vector (under the course's conventions)?"""
    if parts.transpose or parts.vector or parts.letter in MATRIX_LETTERS:
        return True
    return parts.letter in VECTOR_LETTERS and parts.sup.startswith("[") and not parts.sub


def make_symbol(parts: SymbolParts, *, matrices: bool, arrays=frozenset()) -> Symbol:
    """The Symbol for ``parts``; names in ``arrays`` are matrices or vectors too."""
    name = parts.name()
    if matrices and (is_array(parts) or name in arrays):
        return Symbol(name, commutative=False)
    return Symbol(name, real=True)


def _toggle_transpose(name: str) -> str:
    if name.endswith("T}"):
        head = name[:-2]
        return head[:-2] if head.endswith("^{") else head + "}"
    at = name.rfind("^{")
    if name.endswith("}") and at > name.rfind("_{"):
        return name[:-1] + "T}"
    return name + "^{T}"


def transpose(expr):
    """The transpose of an expression of scalars, matrix symbols and explicit matrices.

    Scalars (commutative) are their own transpose; (AB)^T = B^T A^T.  Returns None when
    the expression holds something else (a function of a matrix, say).
    """
    if isinstance(expr, MatrixBase):
        return expr.T
    if expr.is_commutative:
        return expr
    if isinstance(expr, Symbol):
        return Symbol(_toggle_transpose(expr.name), commutative=False)
    if expr.is_Mul:
        scalars, factors = expr.args_cnc()
        flipped = [transpose(f) for f in reversed(factors)]
        if any(f is None for f in flipped):
            return None
        return Mul(*scalars) * Mul(*flipped)
    if expr.is_Add:
        terms = [transpose(a) for a in expr.args]
        return None if any(t is None for t in terms) else Add(*terms)
    if expr.is_Pow and expr.exp.is_Integer:
        base = transpose(expr.base)
        return None if base is None else Pow(base, expr.exp)
    return None
