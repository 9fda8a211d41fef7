r"""What every name in a document stands for: a survey of the whole document before any verdict.

A checker must know what a name is before it judges a step (SCOPE.md, "What a
name stands for").  :func:`survey` reads every chain of a document once and
collects the evidence:

* **functions**: heads ``f(x) = …``, ``\phi(u) = …``, ``f_k(x) = …``;
* **integer indices and counts**: a sum's or product's index and its bounds
  (``\sum_{i=1}^{n}``: i and n), names declared ``\in \mathbb{N}``;
* **vectors and matrices**: a transpose (``w^T``, ``x^\top``), bold or an arrow
  (``\mathbf{x}``, ``\vec{w}``), a declaration ``\in \mathbb{R}^{m \times n}``
  (with its shape), a ``bmatrix`` value, the course's matrix letters, and capital
  letters multiplied with a matrix in the same chain;
* **indexed families**: a base that carries a summation index (``z_k`` in
  ``\sum_k e^{z_k}``): ``z_1`` and ``z[1]`` are then one quantity;
* **dependent quantities**: a name whose derivative is taken
  (``\frac{\partial J}{\partial h}``) depends on the variable; undefined, it is an
  unknown function of what it depends on, never a constant;
* **adjoints**: when the document uses bar notation (``\bar{L} = 1``, or
  ``\bar{y} = \frac{\partial L}{\partial y}``), ``\bar{v}`` is ∂L/∂v.

:meth:`Names.normalise` applies the kinds to a parsed expression.

>>> from derivations.parse.documents import read_text
>>> doc = read_text(r"$$\sum_{i=1}^{n} i = \frac{n(n+1)}{2}$$" "\n\n"
...                 r"$$\frac{\partial J}{\partial w} = \frac{\partial J}{\partial h}\frac{\partial h}{\partial w}$$")
>>> names = survey(doc)
>>> sorted(names.counts), {k: sorted(v) for k, v in sorted(names.edges.items())}
(['i', 'n'], {'J': ['h', 'w'], 'h': ['w']})
>>> names.dependencies("J"), names.dependencies("h")
(('h',), ('w',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sympy import Derivative, Dummy, Indexed, IndexedBase, Integer, KroneckerDelta, Product, Sum, Symbol
from sympy.core.function import AppliedUndef
from sympy.matrices import MatrixBase

from ..parse.latex import ParseError, function_head, parse_expression
from ..parse.latex_tables import DEFAULT_FUNCTION_LETTERS

__all__ = ["HEADING", "INDEX_LETTERS", "Names", "base_and_index", "survey"]

#: a heading that opens a new scope: Markdown # to ###, LaTeX \section and \subsection, or a line that opens a
#: numbered problem (deeper headings are parts of one problem: "#### Forward pass")
HEADING = re.compile(r"(?m)^\s{0,3}(#{1,3}\s|\\(?:sub)?section\*?\{|"
                     r"\*\*\s*(?:Problem|Question|Exercise|Task|Part|Aufgabe|Exercice|Ejercicio|Esercizio|"
                     r"Zadanie|Opgave|Uppgift)\b|(?:Problem|Question|Exercise|Task|Aufgabe|Exercice|Ejercicio|"
                     r"Esercizio|Zadanie)\s+\d)")

#: letters that index a family when written as a subscript (p_i, w_{jk}, y_c); A, B, o1 are labels
INDEX_LETTERS = frozenset("ijklmnc")

_BOLD = re.compile(r"^\\(?:mathbf|boldsymbol|bm|vec)\{")
_INDEXED_NAME = re.compile(r"^(?P<base>[A-Za-z]|\\[A-Za-z]+(?:\{[A-Za-z]+\})?)_\{(?P<sub>[A-Za-z0-9]+(?:,[A-Za-z0-9]+)*)\}$")


def base_and_index(name: str) -> tuple[str, str] | None:
    """``('z', '1')`` for ``z_{1}``, ``('w', 'jk')`` for ``w_{jk}``; None for other names."""
    m = _INDEXED_NAME.match(name)
    return (m.group("base"), m.group("sub")) if m else None


@dataclass
class Names:
    """The kinds of a document's names (see the module docstring)."""

    functions: set[str] = field(default_factory=set)
    variables: set[str] = field(default_factory=set)
    words: frozenset = frozenset()          # multi-letter names the document uses (net, out)
    decimal_mark: str | None = "."
    counts: set[str] = field(default_factory=set)
    arrays_by_section: dict[int, set[str]] = field(default_factory=dict)
    section: int = 0                        # the section (heading) being read: vectors are a section's
    shapes: dict[str, tuple] = field(default_factory=dict)
    indexed: set[str] = field(default_factory=set)
    edges: dict[str, set[str]] = field(default_factory=dict)
    adjoint_loss: str | None = None
    bars: set[str] = field(default_factory=set)
    quantities: set[str] = field(default_factory=set)   # names a derivative is taken by (∂J/∂h: h)
    evidence: dict[str, set[str]] = field(default_factory=dict)
    upper_bounds: set[str] = field(default_factory=set)   # the names sums run up to (K in \sum_{k=1}^{K})
    n_written: bool = False                 # the letter n appears in the math (else n is only a sum's default)
    sum_count: str | None = None            # what a sum written without bounds runs up to (see survey)
    subscripts: set[tuple[str, str]] = field(default_factory=set)   # (base, letter) of the names p_y written

    def note(self, name: str, why: str) -> None:
        self.evidence.setdefault(name, set()).add(why)

    # -- dependencies --------------------------------------------------------------
    def reach(self, name: str, seen=None) -> set[str]:
        """Every name ``name`` depends on through the derivatives written (transitively)."""
        seen = set() if seen is None else seen
        out = set()
        for dep in self.edges.get(name, ()):
            if dep in seen:
                continue
            seen.add(dep)
            out.add(dep)
            out |= self.reach(dep, seen)
        return out

    def dependencies(self, name: str) -> tuple[str, ...]:
        """What ``name`` depends on directly: the derivatives written, less what one reaches through another.

        ``\\partial J/\\partial w`` with ``\\partial J/\\partial h`` and ``\\partial h/\\partial w`` reads
        J(h(w)): w is reached through h, so J depends on h alone.
        """
        direct = self.edges.get(name, set())
        kept = [d for d in direct if not any(d in self.reach(o) for o in direct if o != d)]
        return tuple(sorted(kept))

    def circular(self, name: str) -> bool:
        return name in self.reach(name)

    # -- parsing with the kinds -----------------------------------------------------
    @property
    def arrays(self) -> set[str]:
        """The vectors and matrices of the current section (a sheet's x is a vector in one item only)."""
        return self.arrays_by_section.setdefault(self.section, set())

    def normalise(self, expr):
        """``expr`` with the kinds applied: counts as positive integers, family entries unified.

        ``z_{1}`` becomes ``z[1]`` when z is an indexed family of the document; a bare
        function letter whose derivative is written (``\\frac{\\partial h}{\\partial w}``,
        read by the parser as h(w)) is the name h.
        """
        if not hasattr(expr, "free_symbols"):
            return expr
        mapping = {}
        symbols = set(expr.free_symbols)
        if expr.has(Derivative):  # a derivative's variable is not among its free symbols when nothing depends on it
            for d in expr.atoms(Derivative):
                symbols.update(v for v in d.variables if isinstance(v, Symbol))
        for s in symbols:
            if not isinstance(s, Symbol):
                continue
            if s.name == "n" and self.sum_count:   # \sum_j with no bounds: over the document's K entries
                mapping[s] = Symbol(self.sum_count, integer=True, positive=True)
                continue
            if s.name in self.counts and not s.is_integer:
                mapping[s] = Symbol(s.name, integer=True, positive=True)
                continue
            bi = base_and_index(s.name)
            if bi and bi[0] in self.indexed and s.is_commutative:
                base, sub = bi
                parts = sub.split(",") if "," in sub else list(sub)
                if all(p.isdigit() or p in self.counts or p in INDEX_LETTERS for p in parts):
                    index = [Integer(int(p)) if p.isdigit() else Symbol(p, integer=True, positive=True)
                             for p in parts]
                    mapping[s] = IndexedBase(base, real=True)[tuple(index)]
        if expr.has(Indexed):
            for a in expr.atoms(Indexed):
                if str(a.base.label) == r"\delta" and len(a.indices) == 2:
                    mapping[a] = KroneckerDelta(*a.indices)
        if expr.has(KroneckerDelta):   # \mathbb{1}(k = y): the letters compared are indices
            for d in expr.atoms(KroneckerDelta):
                for a in d.args:
                    if isinstance(a, Symbol) and not a.is_integer and a.name in INDEX_LETTERS | self.counts:
                        mapping[a] = Symbol(a.name, integer=True, positive=True)
        for s in symbols:
            bi = base_and_index(s.name) if isinstance(s, Symbol) else None
            if bi and bi[0] == r"\delta" and len(bi[1]) == 2 and bi[1].isalpha():
                mapping[s] = KroneckerDelta(*(Symbol(c, integer=True, positive=True) for c in bi[1]))
        if expr.has(Derivative):
            for d in expr.atoms(Derivative):
                inner = d.expr
                if isinstance(inner, AppliedUndef) and inner.func.__name__ in self.quantities \
                        and inner.func.__name__ not in self.functions and len(inner.args) == 1 \
                        and inner.args[0] in d.variables and not isinstance(inner.args[0], Dummy):
                    mapping[d] = Derivative(Symbol(inner.func.__name__, real=True), *d.variable_count)
        out = expr.xreplace(mapping) if mapping else expr
        return _one_index_symbol(out)


def _one_index_symbol(expr):
    """The index i of ``p_i`` and the i of ``i = j`` in the same expression are one integer symbol."""
    if not hasattr(expr, "atoms") or not expr.has(Indexed):
        return expr
    indices = {i.name: i for a in expr.atoms(Indexed) for i in a.indices if isinstance(i, Symbol)}
    mapping = {s: indices[s.name] for s in expr.free_symbols
               if isinstance(s, Symbol) and s.name in indices and s != indices[s.name] and s.is_commutative}
    return expr.xreplace(mapping) if mapping else expr


def _parse(text: str, names: Names):
    try:
        return parse_expression(text, functions={f: True for f in names.functions}, arrays=names.arrays,
                                variables=names.variables, names=names.words, decimal_mark=names.decimal_mark)
    except (ParseError, RecursionError, ArithmeticError, ValueError, TypeError, KeyError, IndexError,
            AttributeError, NotImplementedError, MemoryError):
        return None


def _name(expr) -> str | None:
    if isinstance(expr, Symbol):
        return expr.name
    if isinstance(expr, AppliedUndef) and len(expr.args) == 1:
        return expr.func.__name__
    if isinstance(expr, Indexed):
        return str(expr.base.label)
    return None


def _collect(expr, names: Names) -> None:
    """Evidence from one parsed side."""
    for a in expr.atoms(Indexed):
        for i in a.indices:
            if isinstance(i, Symbol) and len(i.name) == 1:
                names.subscripts.add((str(a.base.label), i.name))
    for s in expr.free_symbols:
        if isinstance(s, Symbol):
            bi = base_and_index(s.name)
            if bi is not None and len(bi[1]) == 1 and bi[1].isalpha():
                names.subscripts.add(bi)
            base = _bar_base(s.name)
            if base is not None:
                names.bars.add(base)
            if not s.is_commutative:
                names.arrays.add(s.name)
                base = _untransposed(s.name)
                if base != s.name:
                    names.arrays.add(base)
                    names.note(base, "transposed")
            elif _BOLD.match(s.name):
                names.arrays.add(s.name)
                names.note(s.name, "bold or arrow")
    for d in expr.atoms(Derivative):
        target = _name(d.expr)
        if target is None or target in names.functions or (isinstance(d.expr, AppliedUndef) and (
                target not in DEFAULT_FUNCTION_LETTERS or any(isinstance(a, Dummy) for a in d.expr.args))):
            continue  # the derivative of a function (f'(x), a defined one), not of a quantity
        for v in d.variables:
            var = _name(v) if not isinstance(v, Dummy) else None
            if var is not None:
                names.quantities.add(var)
            if var is not None and var != target:
                names.edges.setdefault(target, set()).add(var)
                names.note(target, "derivative taken")
    for s in expr.atoms(Sum, Product):
        for limit in s.limits:
            names.counts.add(limit[0].name)
            if isinstance(limit[2], Symbol):
                names.upper_bounds.add(limit[2].name)
            for bound in limit[1:]:
                for b in getattr(bound, "free_symbols", ()):
                    if isinstance(b, Symbol) and b.is_commutative:
                        names.counts.add(b.name)
                        names.note(b.name, "a bound of a sum")
        for entry in s.atoms(Indexed):
            names.indexed.add(str(entry.base.label))


def _untransposed(name: str) -> str:
    from ..parse.latex_symbols import _toggle_transpose

    return _toggle_transpose(name) if name.endswith("T}") else name


_LATIN = re.compile(r"^[A-Za-z](?:'*)(?:_\{[^}]*\})?(?:\^\{[^}]*\})?$")


def _capital(name: str) -> bool:
    m = re.match(r"^([A-Z])(?:'*)(?:_\{[^}]*\})?(?:\^\{[^}]*\})?$", name)
    return bool(m)


def survey(doc, *, extra_functions=()) -> Names:
    """Read every chain of ``doc`` once and gather what its names are."""
    context = getattr(doc, "context", None)
    names = Names(functions=set(extra_functions))
    if context is not None:
        names.variables |= set(context.variables)
        names.words = frozenset(context.names)
        names.decimal_mark = context.decimal_mark
    chains = doc.chains()
    for chain in chains:
        if len(chain.parts) > 1:
            head = function_head(chain.parts[0].text, names=names.words)
            if head:
                names.functions.add(head.name)
            if chain.parts[0].text.strip() == "e" and chain.parts[1].relation in ("=", ":="):
                names.variables.add("e")   # "e = t - y": a name, not Euler's number
    for item in doc.items:   # "$\\bar{v}$ denotes the derivative of $L$ with respect to $v$"
        if type(item).__name__ == "Prose" and r"\bar" in item.text and _DERIVATIVE_WORDS.search(item.text):
            loss = _named_loss(item.text)
            if loss:
                names.adjoint_loss = names.adjoint_loss or loss
    for item in doc.items:
        kind = type(item).__name__
        if kind == "Prose":
            names.n_written = names.n_written or any(_WRITTEN_N.search(m) for m in _INLINE_MATH.findall(item.text))
        if kind == "Prose" and HEADING.search(item.text):
            names.section += 1
        elif kind == "Declaration":
            _declare(item.annotation, names)
        elif kind == "Chain":
            sides = []
            for part in item.parts:
                names.n_written = names.n_written or bool(_WRITTEN_N.search(part.text))
                _text_evidence(part.text, names)
                sides.append(_parse(part.text, names))
            for expr in sides:
                if expr is not None and hasattr(expr, "free_symbols"):
                    _collect(expr, names)
            _chain_evidence(item, sides, names)
            _capitals_with_matrices([sides], names)
    names.section = 0
    for base, letter in sorted(names.subscripts):   # p_y beside p_k or \sum_k p_k: y is an index (a class label)
        others = any((base, i) in names.subscripts for i in INDEX_LETTERS - {letter})
        if others and letter in INDEX_LETTERS and base not in names.arrays:
            names.indexed.add(base)   # x_i beside x_j: entries of one family, which may be the same entry
        family = base in names.indexed or others
        if family and letter not in names.counts:
            names.counts.add(letter)
            names.note(letter, "an index of a family")
    bounds = names.upper_bounds - {"n"}
    if not names.n_written and len(bounds) == 1:
        # a sum written without bounds (\sum_j) runs over all entries: as far as the document's other sums
        names.sum_count = bounds.pop()
    if names.adjoint_loss:  # with bar notation, \bar{v} is the derivative of the loss by v
        for v in names.bars - {names.adjoint_loss}:
            names.edges.setdefault(names.adjoint_loss, set()).add(v)
    return names


_WRITTEN_N = re.compile(r"(?<![A-Za-z\\])n(?![A-Za-z])")
_INLINE_MATH = re.compile(r"(?<!\\)\$([^$]+)\$")
_NAME_TEXT = r"(\\(?:mathbf|boldsymbol|bm|vec)\s*\{?\\?[A-Za-z]+\}?|\\[A-Za-z]+|[A-Za-z])(_\{[^{}]*\}|_[A-Za-z0-9])?"
_AFTER_TRANSPOSE = re.compile(r"\^\s*(?:\{\s*)?(?:T|\\top|\\intercal|\\mathsf\{T\})\s*\}?\s*(?:\\,)?\s*" + _NAME_TEXT)
_AROUND_ODOT = re.compile(_NAME_TEXT + r"\s*\\odot\s*" + _NAME_TEXT)


def _text_evidence(text: str, names: Names) -> None:
    """Names written right after a transpose (``w^T x``) or around ``\\odot`` are vectors."""
    for m in _AFTER_TRANSPOSE.finditer(text):
        _note_written(m.group(1) + (m.group(2) or ""), names, "multiplied with a transpose")
    for m in _AROUND_ODOT.finditer(text):
        _note_written(m.group(1) + (m.group(2) or ""), names, "an operand of \\odot")
        _note_written(m.group(3) + (m.group(4) or ""), names, "an operand of \\odot")


def _note_written(written: str, names: Names, why: str) -> None:
    try:
        expr = parse_expression(written, matrices=False)
    except (ParseError, RecursionError, ValueError, TypeError):
        return
    if isinstance(expr, Symbol) and not expr.name.startswith("\\frac"):
        if expr.name in names.counts or expr.name in {"e", "d"}:
            return
        names.arrays.add(expr.name)
        names.note(expr.name, why)


def _declare(note, names: Names) -> None:
    """A declaration (:func:`derivations.parse.latex.parse_annotation`): integers, or vectors and matrices."""
    for n in note.names:
        if note.domain in ("natural", "integer") and not note.shape:
            names.counts.add(n)
            names.note(n, "declared an integer")
        elif note.is_array:
            names.arrays.add(n)
            rows, cols = note.rows, note.cols
            names.shapes[n] = (_size(rows), _size(cols))
            names.note(n, "declared a vector or matrix")


def _size(n):
    """A declared size as the engine takes it: an int, a name, or None."""
    if n is None:
        return None
    if getattr(n, "is_Integer", False):
        return int(n)
    return str(n)


def _chain_evidence(chain, sides, names: Names) -> None:
    if len(sides) < 2 or sides[0] is None or sides[1] is None:
        return
    head, value = sides[0], sides[1]
    if isinstance(head, Symbol) and isinstance(value, MatrixBase) and value.shape != (1, 1):
        names.arrays.add(head.name)
        names.shapes.setdefault(head.name, value.shape)
        names.note(head.name, "a matrix value")
    if isinstance(head, Symbol) and head.name.startswith(r"\bar{"):
        loss = _bar_base(head.name)
        if value == 1 and loss:
            names.adjoint_loss = loss
        elif isinstance(value, Derivative) and loss and _name(value.variables[0]) == loss:
            names.adjoint_loss = names.adjoint_loss or _name(value.expr)


_DERIVATIVE_WORDS = re.compile(r"(?i)derivative|gradient|adjoint|Ableitung|dérivée|derivada|derivata|pochodn|"
                               r"производн|导数|偏导|\\partial")
_LOSS_NAMES = ("L", "E", "J", r"\mathcal{L}", r"\ell", "C", r"\mathcal{E}")


def _named_loss(text: str) -> str | None:
    """The loss a prose definition of bar notation names: the first loss-like inline name (L, E, J, ...)."""
    for m in re.finditer(r"(?<!\\)\$([^$]+)\$", text):
        name = m.group(1).strip()
        if name in _LOSS_NAMES:
            return name
    return None


def _bar_base(name: str) -> str | None:
    m = re.match(r"^\\bar\{(.+)\}$", name)
    return m.group(1) if m else None


def _capitals_with_matrices(parsed, names: Names) -> None:
    """Capital letters in a chain that holds a matrix are matrices too (``A(B + C) = AB + AC``).

    Counts and names whose derivative is taken (a loss L, J) stay scalars.
    """
    scalar_like = set(names.counts) | set(names.edges)
    for sides in parsed:
        exprs = [e for e in sides if e is not None and hasattr(e, "free_symbols")]
        if not any(not s.is_commutative for e in exprs for s in e.free_symbols):
            continue
        for e in exprs:
            for s in e.free_symbols:
                if isinstance(s, Symbol) and s.is_commutative and _capital(s.name) \
                        and s.name not in scalar_like:
                    names.arrays.add(s.name)
                    names.note(s.name, "a capital letter beside a matrix")
            for s in _beside_a_matrix(e):
                if s.name not in scalar_like:
                    names.arrays.add(s.name)
                    names.note(s.name, "multiplied with or added to a matrix product")


def _beside_a_matrix(expr) -> set:
    """Latin letters that are factors of a product with a matrix (``W_1 x``) or terms added to one (``+ b_1``)."""
    from sympy import Add, Mul

    out = set()
    for node in [expr, *expr.atoms(Add, Mul)] if hasattr(expr, "atoms") else ():
        if not isinstance(node, (Add, Mul)) or node.is_commutative:
            continue
        for arg in node.args:
            if isinstance(arg, Symbol) and arg.is_commutative and _LATIN.match(arg.name):
                out.add(arg)
    return out
