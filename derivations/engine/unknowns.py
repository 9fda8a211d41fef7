r"""Calculus with unknown functions: ``J(h(w))``, its derivatives, and the rules that relate them.

A dependent quantity that the document never defines (J, L, h, ŷ) arrives as
an undefined function applied to what it depends on, ``Function('J')(h(w))``.
Its derivative is an unknown derivative, never 0.

* **Proof.**  The derivatives are expanded by SymPy (``doit``: chain, product
  and quotient rules), and every unknown that is left (a function
  application, a derivative, a ``Subs``) becomes an opaque real symbol.  If
  the difference of the two sides is then identically zero (the exp-rational
  procedure), it is zero whatever the unknown functions are: a proof.
* **Refutation.**  Concrete functions from a small fixed family (polynomials
  and exponentials with small integer coefficients) are put in for the
  unknowns, in a few deterministic combinations, and the sides are compared at
  points.  A difference is a counterexample that names the functions
  (``with J = h^{2}, h = 3 w at w = 1``).
* Agreement on every combination without a proof is *verified* at most.

>>> from sympy import Derivative, Function, Symbol
>>> w = Symbol('w', real=True)
>>> J, h = Function('J'), Function('h')
>>> chain = Derivative(J(h(w)), h(w)) * Derivative(h(w), w)
>>> cancels(Derivative(J(h(w)), w) - chain)
True
>>> cancels(Derivative(J(h(w)), w) - 5 * Derivative(J(h(w)), h(w)))
False
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Derivative, Dummy, Indexed, Lambda, Subs, Symbol, exp, latex
from sympy.core.function import AppliedUndef

from . import exp_rational
from .limits import TimeLimitExceeded

#: names the parser gives to functions it knows but does not define: not arbitrary functions
NOT_ARBITRARY = frozenset({"softmax"})

_U = Symbol("u")
#: concrete functions of one argument, in the order they are tried
FAMILY = (_U ** 2, 3 * _U, exp(_U), _U ** 3 + 2 * _U, 2 * _U ** 2 - _U + 1, exp(2 * _U) + _U)
TRIALS = 4
_GENERIC = ("u", "v", "s", "t", "p", "q")


def has_unknowns(expr) -> bool:
    """True when expr holds an undefined function (applied, or inside a derivative)."""
    return expr.has(AppliedUndef)


def opaque(expr):
    """expr with every unknown (application, derivative, Subs) replaced by an opaque real symbol.

    Equal unknowns get the same symbol; the outermost unknown is replaced as a whole.
    """
    atoms = expr.atoms(AppliedUndef, Derivative, Subs)
    if not atoms:
        return expr
    mapping = {a: Dummy(f"unknown_{i}", real=True) for i, a in enumerate(sorted(atoms, key=str))}
    return expr.xreplace(mapping)


def cancels(diff) -> bool:
    """True when diff is zero whatever the unknown functions are (after the calculus rules)."""
    if diff == 0:
        return True
    expanded = diff.doit() if diff.has(Derivative, Subs) else diff
    return exp_rational.is_zero(opaque(expanded))


def independent_derivative(expr) -> str | None:
    """A reason when expr takes d/dv of something that, as written, does not contain v.

    ``Derivative(J, w)`` with J a bare name is 0 to SymPy; a document that
    writes it means that J depends on w.  Constants (``d/dx 3``) are fine.
    """
    if not expr.has(Derivative):
        return None
    for d in expr.atoms(Derivative):
        inner = d.expr
        if not (inner.free_symbols or inner.has(AppliedUndef)):
            continue
        for v in d.variables:
            if not _depends(inner, v):
                return (f"{latex(inner)} does not depend on {latex(v)} as written; "
                        "if it does, its derivative is unknown")
    return None


def _depends(inner, v) -> bool:
    """Does inner mention v?  For an entry z_i of a family, any entry z_k counts (k may equal i)."""
    if isinstance(v, Indexed):
        return any(e.base == v.base for e in inner.atoms(Indexed))
    return inner.has(v)


@dataclass
class Unknown:
    """One unknown function: its SymPy class, arity and how a counterexample names it."""

    func: object
    arity: int
    key: str            # "J", or "J(u)" when the arguments are not names
    variables: tuple    # the display variables, one per argument


def _display_name(arg) -> str | None:
    if isinstance(arg, Symbol):
        return arg.name
    if isinstance(arg, AppliedUndef):
        return arg.func.__name__
    return None


def unknown_functions(*exprs) -> list[Unknown] | None:
    """The unknown functions of exprs, sorted by name; None when one has two arities."""
    applications: dict = {}
    for e in exprs:
        for a in e.atoms(AppliedUndef):
            applications.setdefault(a.func, set()).add(a.args)
    found = []
    for func in sorted(applications, key=lambda f: f.__name__):
        arities = {len(args) for args in applications[func]}
        if len(arities) != 1:
            return None
        arity = arities.pop()
        names = None
        if len(applications[func]) == 1:
            (args,) = applications[func]
            shown = tuple(_display_name(a) for a in args)
            if all(shown) and len(set(shown)) == len(shown):
                names = shown
        if names is None:
            names = _GENERIC[:arity] if arity <= len(_GENERIC) else tuple(f"u_{i}" for i in range(arity))
            key = f"{func.__name__}({', '.join(names)})"
        else:
            key = func.__name__
        found.append(Unknown(func, arity, key, names))
    return found


def concrete(unknown: Unknown, trial: int, position: int):
    """The concrete function put in for ``unknown`` in ``trial`` (a Lambda), deterministic."""
    variables = [Dummy(n) for n in unknown.variables]
    start = trial + position
    body = sum((FAMILY[(start + i) % len(FAMILY)].xreplace({_U: v}) for i, v in enumerate(variables)),
               start=0)
    if len(variables) >= 2:
        body += variables[0] * variables[1]  # mixed partial derivatives are not zero
    return Lambda(tuple(variables), body)


def shown(unknown: Unknown, function) -> str:
    """The LaTeX of a concrete function in the names the document uses (``h^{2}``, ``3 w``)."""
    names = {v: Symbol(n) for v, n in zip(function.variables, unknown.variables)}
    return latex(function.expr.xreplace(names))


def substitute(expr, chosen: dict):
    """expr with the concrete functions put in and the derivatives taken, or None when stuck.

    A function that is a derivative's variable (``d/dh(w)``) is put in only
    after the functions differentiated with respect to it.
    """
    for _ in range(len(chosen) + 2):
        applied = expr.atoms(AppliedUndef)
        if not applied:
            return expr
        blocked = set()
        for d in expr.atoms(Derivative):
            for v in d.variables:
                blocked |= {f.func for f in v.atoms(AppliedUndef)}
        ready = {a.func for a in applied if a.func in chosen} - blocked
        if not ready:
            return None
        expr = expr.replace(lambda e: isinstance(e, AppliedUndef) and e.func in ready,
                            lambda e: chosen[e.func](*e.args))
        expr = expr.doit()
    return None if expr.has(AppliedUndef) else expr


@dataclass
class Trials:
    """What the concrete functions showed: 'wrong' (with the counterexample), 'verified' or 'unknown'."""

    verdict: str
    detail: str
    point: dict | None = None
    values: tuple | None = None
    functions: dict | None = None


def _whole_point(point: dict, a, b) -> dict:
    """The point with a value for every variable of the sides as written (one the concrete
    functions made irrelevant gets a simple value), so the counterexample can be evaluated."""
    from . import sampling

    found = sampling.kinds(a, b)
    full = dict(point)
    for position, symbol in enumerate(found.reals):
        full.setdefault(symbol.name, sampling._value_for(symbol, None, 0, position))
    for symbol in found.counts + found.indices:
        full.setdefault(symbol.name, sampling._count_value(symbol, None, 0))
    return full


def compare_with_concrete_functions(a, b, relation: str, *, names=None, samples: int = 6) -> Trials:
    """Put concrete functions in for the unknowns of a and b and compare the sides at points."""
    from . import sampling

    unknowns = unknown_functions(a, b)
    if unknowns is None:
        return Trials("unknown", "an unknown function is applied with different numbers of arguments")
    if not unknowns:
        return Trials("unknown", "no unknown function")
    arbitrary = not any(u.func.__name__ in NOT_ARBITRARY for u in unknowns)
    agreed = 0
    for trial in range(TRIALS):
        chosen = {u.func: concrete(u, trial, i) for i, u in enumerate(unknowns)}
        try:
            ca, cb = substitute(a, chosen), substitute(b, chosen)
        except TimeLimitExceeded:
            raise
        except Exception:
            ca = cb = None
        if ca is None or cb is None:
            continue
        result = sampling.compare(ca, cb, relation, samples=samples, names=names)
        if result.verdict == "wrong":
            if not arbitrary:
                return Trials("unknown", "a function the parser knows by name is not defined here")
            functions = {u.key: shown(u, chosen[u.func]) for u in unknowns}
            return Trials("wrong", result.detail, _whole_point(result.point, a, b), result.values, functions)
        if result.verdict == "verified":
            agreed += 1
    if agreed == TRIALS:
        listed = ", ".join(u.func.__name__ for u in unknowns)
        return Trials("verified", f"equal for {TRIALS} choices of the unknown functions {listed} "
                                  f"at {samples} points each (not proved)")
    return Trials("unknown", "the sides could not be evaluated with concrete functions")
