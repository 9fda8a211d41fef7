r"""Shapes of matrix expressions written with non-commutative symbols.

A non-commutative symbol ``S`` (a matrix or a vector) has rows ``R_S`` and
columns ``C_S``.  A product makes the columns of each factor the rows of the
next, a sum makes its terms' shapes equal, a power makes its base square, a
symbol and its transpose (``B`` and ``B^{T}``, ``W^{[1]}`` and ``W^{[1]T}``)
have swapped shapes, and the two sides of an equality have one shape; a
scalar added to or set equal to a matrix makes it 1×1.  These constraints
join dimensions into classes (union-find); given shapes fix some classes to
numbers or to named dimensions.

:func:`layout` returns the classes, and :func:`assignments` the sizes to try
for the free ones: every combination of 1, 2 and 3 in which no symbol whose
shape was not given is 1×1 (a non-commutative symbol is a vector or a matrix,
never a scalar), the smallest first.

>>> from sympy import Symbol
>>> A, B = Symbol('A', commutative=False), Symbol('B', commutative=False)
>>> lay = layout(A * B, B * A)
>>> len(lay.free), [sorted(set(sizes.values())) for sizes in assignments(lay)]
(1, [[2], [3]])
>>> w, wT, x = (Symbol(n, commutative=False) for n in ('w', 'w^{T}', 'x'))
>>> lay = layout(wT * x, 5, {'w': (3, 1)})
>>> lay.shape_of(x), lay.side_shape()
((3, 1), (1, 1))
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from sympy import Add, MatrixBase, Mul, Pow, Symbol, sympify

SIZES = (1, 2, 3)
MAX_ASSIGNMENTS = 27


class ShapeConflict(ValueError):
    """The shapes cannot fit: a product or sum of incompatible shapes, or two sizes for one dimension."""


class Unsupported(ValueError):
    """The expression holds something whose shape is not known (a function of a matrix, say)."""


def twin_name(name: str) -> str:
    """The name of the transpose of the symbol ``name`` (as the parser names it)."""
    from ..parse.latex_symbols import _toggle_transpose

    return _toggle_transpose(name)


@dataclass
class Layout:
    """Dimension classes of the symbols of an equality; see the module docstring."""

    parent: dict = field(default_factory=dict)
    size: dict = field(default_factory=dict)          # root -> int
    symbols: dict = field(default_factory=dict)       # Symbol -> (row node, column node)
    given: set = field(default_factory=set)           # symbols whose shape was given in full
    twins: dict = field(default_factory=dict)         # Symbol -> its transpose Symbol (both ways)
    side: tuple | None = None                         # the sides' shape, or None for scalars
    free: list = field(default_factory=list)          # roots without a size

    def find(self, node):
        self.parent.setdefault(node, node)
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        sa, sb = self.size.get(ra), self.size.get(rb)
        if sa is not None and sb is not None and sa != sb:
            raise ShapeConflict(f"a dimension would be both {sa} and {sb}")
        self.parent[rb] = ra
        if sa is None and sb is not None:
            self.size[ra] = sb
        self.size.pop(rb, None)

    def fix(self, node, size: int) -> None:
        root = self.find(node)
        if self.size.get(root, size) != size:
            raise ShapeConflict(f"a dimension would be both {self.size[root]} and {size}")
        self.size[root] = size

    def shape_of(self, symbol, sizes: dict | None = None):
        """(rows, columns) of a symbol: numbers where known, else the class roots."""
        rows, cols = self.symbols[symbol]
        return tuple(self._size(n, sizes) for n in (rows, cols))

    def side_shape(self, sizes: dict | None = None):
        """(rows, columns) of the two sides, or None when they are scalars."""
        return None if self.side is None else tuple(self._size(n, sizes) for n in self.side)

    def _size(self, node, sizes):
        root = self.find(node)
        if root in self.size:
            return self.size[root]
        return sizes[root] if sizes is not None else root


def _nodes_for(lay: Layout, symbol):
    if symbol not in lay.symbols:
        lay.symbols[symbol] = (("rows", symbol), ("cols", symbol))
    return lay.symbols[symbol]


def _shape(lay: Layout, expr):
    """The shape of expr as (row node, column node), or None for a scalar."""
    if isinstance(expr, MatrixBase):  # an explicit matrix of scalars: its shape is fixed
        if any(not e.is_commutative for e in expr):
            raise Unsupported("a matrix whose entries are matrices")
        nodes = (("explicit rows", len(lay.parent)), ("explicit cols", len(lay.parent)))
        lay.fix(nodes[0], expr.shape[0])
        lay.fix(nodes[1], expr.shape[1])
        return nodes
    if expr.is_commutative:
        return None
    if isinstance(expr, Symbol):
        return _nodes_for(lay, expr)
    if isinstance(expr, Mul):
        _, factors = expr.args_cnc()
        shapes = [s for s in (_shape(lay, f) for f in factors) if s is not None]
        if not shapes:
            return None
        for left, right in zip(shapes, shapes[1:]):
            lay.union(left[1], right[0])
        return shapes[0][0], shapes[-1][1]
    if isinstance(expr, Add):
        shapes = [_shape(lay, t) for t in expr.args]
        matrices = [s for s in shapes if s is not None]
        first = matrices[0]
        for other in matrices[1:]:
            lay.union(first[0], other[0])
            lay.union(first[1], other[1])
        if len(matrices) < len(shapes):  # a scalar term: only a 1x1 matrix can take it
            lay.fix(first[0], 1)
            lay.fix(first[1], 1)
        return first
    if isinstance(expr, Pow) and expr.exp.is_Integer:
        base = _shape(lay, expr.base)
        if base is not None and expr.exp != 1:
            lay.union(base[0], base[1])
        return base
    raise Unsupported(f"the shape of {expr} is not known")


def validate(shapes) -> dict:
    """``shapes`` checked: a mapping of names to (rows, columns), each an int >= 1, a name or None.

    >>> validate({"W": (4, 3), "x": ("n", 1), "b": (None, 1)})
    {'W': (4, 3), 'x': ('n', 1), 'b': (None, 1)}
    >>> validate({"W": (0, 3)})
    Traceback (most recent call last):
    ...
    ValueError: the shape of W must be (rows, columns), each an int >= 1, a name or None, not (0, 3)
    """
    if not hasattr(shapes, "items"):
        raise TypeError("shapes maps names to (rows, columns)")
    checked = {}
    for name, shape in shapes.items():
        ok = isinstance(name, str) and isinstance(shape, (tuple, list)) and len(shape) == 2 and all(
            size is None or isinstance(size, str) or (isinstance(size, int) and not isinstance(size, bool)
                                                      and size >= 1) for size in shape)
        if not ok:
            raise ValueError(f"the shape of {name} must be (rows, columns), each an int >= 1, a name or None, "
                             f"not {shape!r}")
        checked[name] = tuple(shape)
    return checked


def _given(lay: Layout, shapes) -> None:
    for symbol in list(lay.symbols):
        shape = shapes.get(symbol.name)
        if shape is None:  # the shape of its transpose, given
            flipped = shapes.get(twin_name(symbol.name))
            shape = None if flipped is None else tuple(reversed(tuple(flipped)))
        if shape is None:
            continue
        for node, size in zip(lay.symbols[symbol], shape):
            if isinstance(size, int):
                lay.fix(node, size)
            elif isinstance(size, str):
                lay.union(node, ("named", size))
        if all(isinstance(size, int) for size in shape):
            lay.given.add(symbol)


def layout(a, b, shapes=None) -> Layout:
    """The dimension classes of ``a = b``; raises ShapeConflict or Unsupported.

    ``shapes`` maps a symbol's name to (rows, columns); a size is an int, a
    name (the same name is the same size, as ``("n", 1)``) or None (unknown).
    """
    lay = Layout()
    a, b = sympify(a), sympify(b)
    sa, sb = _shape(lay, a), _shape(lay, b)
    by_name = {s.name: s for s in lay.symbols}
    for symbol in list(lay.symbols):
        twin = by_name.get(twin_name(symbol.name))
        if twin is not None and twin != symbol:
            lay.twins[symbol], lay.twins[twin] = twin, symbol
            (r, c), (tr, tc) = lay.symbols[symbol], lay.symbols[twin]
            lay.union(r, tc)
            lay.union(c, tr)
    if shapes:
        _given(lay, shapes)
        for symbol, twin in lay.twins.items():
            if twin in lay.given:
                lay.given.add(symbol)
    if sa is not None and sb is not None:
        lay.union(sa[0], sb[0])
        lay.union(sa[1], sb[1])
    elif sa is not None or sb is not None:  # a matrix equal to a scalar: 1x1
        only = sa if sa is not None else sb
        lay.fix(only[0], 1)
        lay.fix(only[1], 1)
    lay.side = sa if sa is not None else sb
    roots = {lay.find(n) for nodes in lay.symbols.values() for n in nodes}
    lay.free = sorted((r for r in roots if r not in lay.size), key=str)
    return lay


def forced_scalar(lay: Layout) -> bool:
    """True when the sides are 1×1 whatever sizes the free dimensions take."""
    if lay.side is None:
        return True
    return all(lay.size.get(lay.find(n)) == 1 for n in lay.side)


def assignments(lay: Layout) -> list[dict]:
    """Sizes for the free classes to try: no symbol of unknown shape 1×1; fewest entries first."""
    combos = itertools.product(SIZES, repeat=len(lay.free))
    if len(SIZES) ** len(lay.free) > 4 * MAX_ASSIGNMENTS:
        combos = itertools.product((1, 3), repeat=min(len(lay.free), 12))
    found = []
    for combo in combos:
        sizes = dict(zip(lay.free, combo + (3,) * (len(lay.free) - len(combo))))
        if any(lay.shape_of(s, sizes) == (1, 1) for s in lay.symbols if s not in lay.given):
            continue
        found.append(sizes)
        if len(found) >= 4 * MAX_ASSIGNMENTS:
            break
    found.sort(key=lambda sizes: (sum(r * c for r, c in (lay.shape_of(s, sizes) for s in lay.symbols)),
                                  tuple(sizes.values())))
    return found[:MAX_ASSIGNMENTS]
