r"""What is in scope while a document is read: values, definitions, functions, families, unknowns.

A name is bound by a definition (``z_1 = w_{11}x_1 + b_1``, ``L = \frac12(t - y)^2``)
or a given value (``x_1 = 1``); a function by ``f(x) = ...``; an indexed family by
``p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}`` (which defines p_1, p_2, ...).  A later
definition replaces the earlier one.  :meth:`Scope.resolve` replaces names by what
they stand for, recursively, lazily (a name may be defined after a formula that uses
it); inside a derivative ``d/du`` the variable ``u`` is kept, the derivative taken
with everything else substituted, and u's own value put in afterwards.

A name that is never defined but whose derivative is taken (J, L, h in
``\frac{\partial J}{\partial h}\frac{\partial h}{\partial w}``) is an unknown function
of what the document says it depends on: J(h(w)); its derivative is an unknown
derivative, never 0.  With bar notation, ``\bar{v}`` is ∂L/∂v.

>>> from sympy import Symbol, Derivative, Rational
>>> t, y = Symbol('t'), Symbol('y')
>>> s = Scope()
>>> s.bind(t, 1); s.bind(y, Rational(1, 2)); s.bind(Symbol('L'), (t - y) ** 2 / 2)
>>> s.resolve(Derivative(Symbol('L'), y)).doit()
-1/2
>>> u = Scope(edges={"J": {"h", "w"}, "h": {"w"}})
>>> J, h, w = Symbol('J', real=True), Symbol('h', real=True), Symbol('w', real=True)
>>> u.resolve(Derivative(J, w)).doit()
Derivative(J(h(w)), h(w))*Derivative(h(w), w)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

from sympy import (
    Abs,
    Add,
    Basic,
    Derivative,
    Function,
    Indexed,
    Integer,
    KroneckerDelta,
    Lambda,
    Mul,
    Product,
    S,
    Subs,
    Sum,
    Symbol,
    cosh,
    exp,
    log,
    sinh,
    tanh,
)
from sympy.core.function import AppliedUndef
from sympy.core.sympify import sympify
from sympy.matrices import MatrixBase

from .. import functions
from ..parse.latex_calculus import mentions_index
from ..parse.latex_symbols import _toggle_transpose

MAX_DEPTH = 60
#: functions a vector is put into entry by entry (σ(z), ReLU(z), e^z of a vector z)
_ELEMENTWISE = (functions.sigmoid, functions.softplus, functions.binary_step, functions.relu, functions.leaky_relu,
                functions.elu, functions.swish, functions.gelu, tanh, exp, log, sinh, cosh, Abs)


class ScopeError(ValueError):
    """A definition that refers to itself, or resolution too deep."""


class Scope:
    """Bindings of names, functions and families; unknown dependent names; the adjoint loss.

    ``edges`` maps a name to the names whose derivative of it the document takes
    (``\\partial J/\\partial h``: J -> h).  An undefined name with edges is an unknown
    function of the ones it depends on *directly*: those not reached through another
    (by an edge or by a definition), so ``\\partial J/\\partial w``,
    ``\\partial J/\\partial h`` and ``\\partial h/\\partial w`` read J(h(w)).
    """

    def __init__(self, edges: Mapping[str, set[str] | tuple[str, ...]] | None = None,
                 adjoint_loss: str | None = None):
        self.values: dict = {}
        self.functions: dict[str, Lambda] = {}
        self.overrides: dict[type, Lambda] = {}
        self.families: dict[str, tuple[tuple[Symbol, ...], Basic]] = {}
        self.edges: dict[str, set[str]] = {k: set(v) for k, v in (edges or {}).items()}
        self.adjoint_loss = adjoint_loss
        self.facts: dict[str, tuple] = {}   # base -> (the total of its sum, the sum's upper bound or None)
        self.distinct: set[frozenset] = set()   # index letters said to differ (i ≠ j)
        self.assumed: dict = {}                 # x -> x with a sign assumption (x > 0 said for it)
        self.derivative_point: dict = {}        # names whose values derivatives are taken at (before an update)

    def copy(self) -> Scope:
        other = Scope(self.edges, self.adjoint_loss)
        other.facts = dict(self.facts)
        other.distinct = set(self.distinct)
        other.assumed = dict(self.assumed)
        other.derivative_point = dict(self.derivative_point)
        other.values = dict(self.values)
        other.functions = dict(self.functions)
        other.overrides = dict(self.overrides)
        other.families = dict(self.families)
        return other

    # -- binding ----------------------------------------------------------------------
    def bind(self, name, value) -> None:
        self.values[name] = value if isinstance(value, Basic) else sympify(value, strict=True)

    def unbind(self, name) -> None:
        self.values.pop(name, None)

    def define_function(self, name: str, params, body) -> None:
        self.functions[name] = Lambda(tuple(params), body)

    def override(self, function_class: type, params, body) -> None:
        """A built-in function (σ, tanh) redefined by the document: ``\\sigma(x) = \\max(0, x)``."""
        self.overrides[function_class] = Lambda(tuple(params), body)

    def define_family(self, base: str, indices: tuple[Symbol, ...], body) -> None:
        """``p_i = …`` defines ``p_j`` for every j: ``base`` p, ``indices`` (i,)."""
        self.families[base] = (tuple(indices), body)

    def is_bound(self, name) -> bool:
        return name in self.values

    def bound_names(self) -> set[str]:
        return {s.name for s in self.values if isinstance(s, Symbol)}

    def add_fact(self, base: str, value, upper=None) -> None:
        """``\\sum_{k=1}^{n} y_k = 1`` (or "y is one-hot"): the sum of the family ``base`` from 1 to ``upper``
        is ``value`` (``upper`` None: any sum to a count, n or K, the whole family)."""
        self.facts[base] = (value, upper)

    # -- resolving ----------------------------------------------------------------------
    def resolve(self, expr, keep=frozenset(), depth: int = 0):
        """expr with bound names, families, adjoints and defined functions replaced, recursively."""
        out = self._resolve(expr, keep, depth)
        if depth == 0 and hasattr(out, "has") and out.has(Sum, Product):
            out = self._numeric_sums(out, keep)
        if depth == 0 and hasattr(out, "has") and out.has(Sum) and (
                self.facts or out.has(KroneckerDelta) or _derivative_of_family(out)):
            out = _apply_facts(out, self.facts)
        if depth == 0 and self.assumed and hasattr(out, "xreplace"):
            out = out.xreplace(self.assumed)
        if depth == 0 and self.distinct and hasattr(out, "has") and (
                out.has(KroneckerDelta) or _derivative_of_family(out)):
            out = _distinct_indices(out, self.distinct)
        return out

    def _numeric_sums(self, expr, keep):
        """Sums and products with number bounds (``\\sum_{k=1}^{3}``, or K = 3 given) written out term by term,
        and the entries they bring (z_1, z_2, z_3) resolved: given values, family entries."""
        def short(e):
            limits = e.limits
            return all(getattr(lo, "is_Integer", False) and getattr(hi, "is_Integer", False) and 0 <= hi - lo < 50
                       for _, lo, hi in limits)

        found = [e for e in expr.atoms(Sum, Product) if short(e)]
        if not found:
            return expr
        try:
            out = expr.xreplace({e: e.doit() for e in found})
        except Exception:  # a sum SymPy cannot write out: keep it
            return expr
        return self._resolve(out, keep, 1) if out != expr else expr

    def _resolve(self, expr, keep=frozenset(), depth: int = 0):
        if depth > MAX_DEPTH:
            raise ScopeError("definitions refer to each other too deeply (or to themselves)")
        if isinstance(expr, Derivative):
            return self._derivative(expr, keep, depth)
        if isinstance(expr, Subs):
            inner = self._resolve(expr.expr, keep | set(expr.variables), depth + 1)
            points = [self._resolve(p, keep, depth + 1) for p in expr.point]
            return Subs(inner, expr.variables, points)
        if isinstance(expr, AppliedUndef) and expr.func.__name__ in self.functions:
            return self._apply(self.functions[expr.func.__name__], expr, keep, depth)
        if isinstance(expr, AppliedUndef) and self._family_function(expr.func.__name__) is not None:
            return self._apply(self._family_function(expr.func.__name__), expr, keep, depth)
        if type(expr) in self.overrides:
            return self._apply(self.overrides[type(expr)], expr, keep, depth)
        if isinstance(expr, Symbol):
            return self._symbol(expr, keep, depth)
        if isinstance(expr, Indexed):
            if expr.base in keep:   # a derivative by one entry of the family: all its entries stay names
                return expr
            if expr in self.values and expr not in keep:
                return self._resolve(self.values[expr], keep, depth + 1)
            entry = self._family_entry(str(expr.base.label), expr.indices)
            if entry is not None and expr not in keep:
                return self._resolve(entry, keep, depth + 1)
            indices = [self._resolve(i, keep, depth + 1) for i in expr.indices]
            return expr.base[tuple(indices)] if indices != list(expr.indices) else expr
        if not expr.args:
            return expr
        if isinstance(expr, (Sum, Product)):
            keep = keep | set(expr.variables)
        args = [self._resolve(a, keep, depth + 1) for a in expr.args]
        if all(a is b for a, b in zip(args, expr.args)):
            return expr
        if isinstance(expr, (Sum, Product)):
            for v in expr.variables:   # w_{j}^{T} from s_j = w_j^T x: SymPy would take it for a constant of the sum
                stray = mentions_index(args[0], v.name)
                if stray:
                    return self._written_out(expr.func(*args), keep - set(expr.variables), depth, stray, v)
        if args and isinstance(args[0], MatrixBase) and isinstance(expr, _ELEMENTWISE) \
                and not any(isinstance(a, MatrixBase) for a in args[1:]):
            return args[0].applyfunc(lambda e: expr.func(e, *args[1:]))   # σ(z^{[1]}) of a vector: entrywise
        return expr.func(*args)

    def _written_out(self, total, keep, depth, stray, index):
        """A sum whose terms name their index (x_{j} from s_j = 2x_j): with number bounds, written out term
        by term with each index put into the names (x_1, x_2, …); otherwise not readable."""
        ranges = []
        for v, lo, hi in total.limits:
            if not (getattr(lo, "is_Integer", False) and getattr(hi, "is_Integer", False) and 0 <= hi - lo < 50):
                raise ScopeError(f"${stray}$ depends on the index ${index.name}$ of a sum in a way not supported")
            ranges.append((v, range(int(lo), int(hi) + 1)))
        terms = []
        for values in itertools.product(*(r for _, r in ranges)):
            point = {v: Integer(i) for (v, _), i in zip(ranges, values)}
            terms.append(self._resolve(_substitute_indices(total.function, point), keep, depth + 1))
        return Add(*terms) if isinstance(total, Sum) else Mul(*terms)

    def _apply(self, lam: Lambda, expr, keep, depth):
        args = [self._resolve(a, keep, depth + 1) for a in expr.args]
        if len(args) != len(lam.variables):
            raise ScopeError(f"{expr.func} takes {len(lam.variables)} argument(s), got {len(args)}")
        return self._resolve(lam(*args), keep, depth + 1)

    def _symbol(self, expr: Symbol, keep, depth):
        if expr in keep:
            return expr
        if expr in self.values:
            value = self.values[expr]
            if expr.is_commutative and not getattr(value, "is_commutative", True):
                raise ScopeError(f"{expr} stands for a matrix or vector but is used as a number here")
            return self._resolve(value, keep, depth + 1)
        from .names import base_and_index

        bi = base_and_index(expr.name)
        if bi is not None:
            entry = self._family_entry(bi[0], _index_values(bi[1]))
            if entry is not None:
                return self._resolve(entry, keep, depth + 1)
        adjoint = self._adjoint(expr)
        if adjoint is not None:
            return self._resolve(adjoint, keep, depth + 1)
        transposed = self._transposed(expr, keep, depth)
        if transposed is not None:
            return transposed
        primed = self._primed(expr, keep, depth)
        if primed is not None:
            return primed
        deps = self.dependencies(expr.name)
        if deps:
            args = [self._resolve(Symbol(d, real=True), keep, depth + 1) for d in deps]
            return Function(expr.name)(*args)
        return expr

    def _transposed(self, expr: Symbol, keep, depth):
        """``W^{T}`` where W stands for a matrix written out: that matrix transposed."""
        if expr.is_commutative or not expr.name.endswith("T}"):
            return None
        base = _toggle_transpose(expr.name)
        for name in (Symbol(base, commutative=False), Symbol(base, real=True)):
            if name in self.values and name not in keep:
                value = self._resolve(self.values[name], keep, depth + 1)
                return value.T if isinstance(value, MatrixBase) else None
        return None

    def transposes_a_bound_matrix(self, expr) -> bool:
        """True when ``expr`` is ``W^{T}`` with W bound: a claim about W, not a new name."""
        return isinstance(expr, Symbol) and self._transposed(expr, frozenset(), 0) is not None

    def dependencies(self, name: str) -> tuple[str, ...]:
        """What the undefined ``name`` depends on directly (empty when it is bound, or its edges loop)."""
        direct = self.edges.get(name)
        if not direct or name in self.bound_names() or name in self._reach(name):
            return ()
        kept = [d for d in direct if not any(d in self._reach(o) for o in direct if o != d)]
        return tuple(sorted(kept))

    def _reach(self, name: str) -> set[str]:
        """Every name ``name`` depends on, through the derivatives written and the definitions in scope."""
        by_name = {s.name: v for s, v in self.values.items() if isinstance(s, Symbol)}
        out: set[str] = set()
        todo = [name]
        while todo:
            n = todo.pop()
            nexts = set(self.edges.get(n, ()))
            if n in by_name:
                nexts |= {getattr(s, "name", str(s)) for s in getattr(by_name[n], "free_symbols", ())}
            for m in nexts - out:
                out.add(m)
                todo.append(m)
        return out

    def _derivative(self, expr: Derivative, keep, depth):
        if self.derivative_point:   # taken where the names had their earlier values
            at = self.copy()
            at.derivative_point = {}
            at.values.update(self.derivative_point)
            return at._derivative(expr, keep, depth)
        variables = set(expr.variables) | {v.base for v in expr.variables if isinstance(v, Indexed)}
        inner = self._resolve(expr.expr, keep | variables, depth + 1)
        if any(isinstance(v, Indexed) for v in variables) and inner.has(Sum, Product):
            inner = self._numeric_sums(inner, keep | variables)   # z_1 must be seen among the z_k of a sum
        result = Derivative(inner, *expr.variable_count)
        values = {}
        for v in expr.variables:
            if v in keep:
                continue
            resolved = self._resolve(v, keep, depth + 1)
            if resolved != v:
                values[v] = resolved
        return result.subs(values) if values else result

    def _family_entry(self, base: str, indices):
        family = self.families.get(base)
        if family is None:
            return None
        letters, body = family
        if len(letters) != len(indices) or any(i is None for i in indices):
            return None
        return _substitute_indices(body, dict(zip(letters, indices)))

    def _family_function(self, name: str):
        from .names import base_and_index

        bi = base_and_index(name)
        if bi is None:
            return None
        for defined, lam in self.functions.items():
            di = base_and_index(defined)
            if di and di[0] == bi[0] and len(di[1]) == len(bi[1]) and di[1] != bi[1]:
                letters = [Symbol(c, integer=True, positive=True) for c in di[1]]
                values = _index_values(bi[1])
                if None in values:
                    return None
                body = _substitute_indices(lam.expr, dict(zip(letters, values)))
                return Lambda(lam.variables, body)
        return None

    def _primed(self, expr: Symbol, keep, depth):
        """``u'`` for a name u defined as a formula in one variable (``u = x^2``): its derivative, ``2x``."""
        name = expr.name
        primes = len(name) - len(name.rstrip("'"))
        if not primes:
            return None
        base = next((s for s in self.values if isinstance(s, Symbol) and s.name == name[:-primes]), None)
        if base is None:
            return None
        value = self._resolve(base, keep, depth + 1)
        free = [s for s in getattr(value, "free_symbols", ()) if isinstance(s, Symbol)]
        if len(free) != 1:
            return None
        return Derivative(value, (free[0], primes))

    def _adjoint(self, expr: Symbol):
        if self.adjoint_loss is None or not expr.name.startswith(r"\bar{"):
            return None
        from .names import _bar_base

        base = _bar_base(expr.name)
        if base is None:
            return None
        loss = Symbol(self.adjoint_loss, real=True)
        if base == self.adjoint_loss:
            return Derivative(loss, loss)
        return Derivative(loss, Symbol(base, real=True))

    def depends_on(self, expr, name) -> bool:
        """True when expr, with every definition substituted except ``name``, contains ``name``."""
        # given numbers are kept as names: w x_1 with x_1 = 0 still depends on w (its derivative is 0)
        givens = {s for s, v in self.values.items() if getattr(v, "is_number", False) and isinstance(s, Symbol)}
        resolved = self.resolve(expr, frozenset({name}) | givens)
        if isinstance(name, Indexed):  # z_j inside a sum over z_k: the term k = j
            return any(a.base == name.base for a in resolved.atoms(Indexed))
        return name in resolved.free_symbols or any(name in a.free_symbols for a in resolved.atoms(AppliedUndef))


def _index_values(sub: str):
    from sympy import Integer

    parts = sub.split(",") if "," in sub else list(sub)
    out = []
    for p in parts:
        if p.isdigit():
            out.append(Integer(int(p)))
        elif len(p) == 1 and p.isalpha():
            out.append(Symbol(p, integer=True, positive=True))
        else:
            out.append(None)
    return out


#: a name with a subscript of letters and digits, and what is written around it
_SUBSCRIPTED = re.compile(r"^(?P<base>(?:[A-Za-z]|\\[A-Za-z]+(?:\{[A-Za-z]+\})?)'*)_\{(?P<sub>[A-Za-z0-9]+(?:,[A-Za-z0-9]+)*)\}"
                          r"(?P<rest>(?:\^\{[^{}]*\}|')*)$")


def _substitute_indices(body, values: dict):
    """``body`` with index letters replaced: in Indexed entries, in names ``z_{i}``, and as symbols."""
    letters = {str(k): v for k, v in values.items()}
    mapping = {}
    for s in body.free_symbols:
        if isinstance(s, Symbol):
            if s.name in letters:
                mapping[s] = letters[s.name]
                continue
            m = _SUBSCRIPTED.match(s.name)   # z_{i}, and decorated: w_{k}^{T}, W_{jk}^{[1]}, \mathbf{w}_{k}
            if m is not None:
                sub = m.group("sub")
                parts = sub.split(",") if "," in sub else list(sub)
                if any(p in letters for p in parts):
                    new = [str(letters[p]) if p in letters else p for p in parts]
                    joined = ",".join(new) if "," in sub or any(len(x) > 1 for x in new) else "".join(new)
                    mapping[s] = Symbol(f"{m.group('base')}_{{{joined}}}{m.group('rest')}", **s.assumptions0)
    out = body.xreplace(mapping) if mapping else body
    for k, v in values.items():
        out = out.subs(k, v)
        out = out.subs(Symbol(str(k), real=True), v)
    return out


def _apply_facts(expr, facts: dict):
    """Sums of a family with a known total replaced by it, after pulling out what does not depend on the index.

    ``-\\sum_k y_k(\\delta_{kj} - p_j)`` with Σ y_k = 1 becomes ``p_j - y_j``; an index j of
    a family is taken to lie in 1..n.
    """
    from sympy import Piecewise, expand
    from sympy.simplify.simplify import factor_sum

    def known(sum_):
        if len(sum_.limits) != 1:
            return None
        k, lower, upper = sum_.limits[0]
        f = sum_.function
        if lower == 1 and isinstance(f, Indexed) and f.indices == (k,) and str(f.base.label) in facts:
            total, stated = facts[str(f.base.label)]
            if upper == stated or stated is None and isinstance(upper, Symbol):   # Σ_{k=1}^{n-1} is not the sum
                return total
        return None

    try:
        out = expand(expand(expr.doit()).doit())
        out = out.replace(lambda e: isinstance(e, Sum), lambda e: factor_sum(e))
        out = out.replace(lambda e: isinstance(e, Sum) and known(e) is not None, known)
        out = out.replace(lambda e: isinstance(e, Piecewise) and len(e.args) == 2 and e.args[1].cond is S.true
                          and _index_in_range(e.args[0].cond), lambda e: e.args[0].expr)
    except Exception:  # the facts are a help: never lose the expression
        return expr
    return out


def _distinct_indices(expr, distinct: set):
    """Kronecker deltas of indices said to differ (``i \\ne j``) are 0; derivatives are taken first."""
    try:
        out = expr.doit()
    except Exception:  # the condition is a help: never lose the expression
        return expr
    return out.replace(lambda e: isinstance(e, KroneckerDelta) and frozenset(
        str(a) for a in e.args) in distinct, lambda e: S.Zero)


def _derivative_of_family(expr) -> bool:
    return any(isinstance(v, Indexed) for d in expr.atoms(Derivative) for v in d.variables)


def _index_in_range(cond) -> bool:
    """``j <= n``, ``1 <= j`` or both, for positive integer symbols j, n: the range of a family's index."""
    from sympy import And, Ge, Gt, Le, Lt

    def positive_integer_symbol(e):
        return isinstance(e, Symbol) and e.is_integer and e.is_positive

    def in_range(c):
        if isinstance(c, (Ge, Gt)):
            c = (Le if isinstance(c, Ge) else Lt)(c.rhs, c.lhs)
        if isinstance(c, Le):
            small, big = c.lhs, c.rhs
            return (positive_integer_symbol(small) and positive_integer_symbol(big)) or (
                small == 1 and positive_integer_symbol(big))
        return False

    parts = cond.args if isinstance(cond, And) else (cond,)
    return all(in_range(c) for c in parts)


def undefined_functions(expr) -> set[str]:
    return {f.func.__name__ for f in expr.atoms(AppliedUndef)}


__all__ = ["Scope", "ScopeError", "undefined_functions"]
