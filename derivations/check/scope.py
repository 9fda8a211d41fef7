"""What is in scope while a document is read: given values, defined names and functions.

A name is bound by a definition (``z_1 = w_{11}x_1 + b_1``, ``L = \\frac12(t - y)^2``)
or a given value (``x_1 = 1``); a function by ``f(x) = ...``.  A later
definition of a name replaces the earlier one.  :meth:`Scope.resolve` replaces
names by what they stand for, recursively; inside a derivative ``d/du`` the
variable ``u`` is kept, the derivative taken with everything else substituted,
and u's own value put in afterwards.

>>> from sympy import Symbol, Derivative, Rational
>>> t, y = Symbol('t'), Symbol('y')
>>> s = Scope()
>>> s.bind(t, 1); s.bind(y, Rational(1, 2)); s.bind(Symbol('L'), (t - y) ** 2 / 2)
>>> s.resolve(Derivative(Symbol('L'), y)).doit()
-1/2
"""

from __future__ import annotations

from sympy import Basic, Derivative, Function, Lambda, Product, Subs, Sum, Symbol
from sympy.core.function import AppliedUndef
from sympy.core.sympify import sympify

MAX_DEPTH = 60


class ScopeError(ValueError):
    """A definition that refers to itself, or resolution too deep."""


class Scope:
    def __init__(self):
        self.values: dict = {}
        self.functions: dict[str, Lambda] = {}

    def copy(self) -> Scope:
        other = Scope()
        other.values = dict(self.values)
        other.functions = dict(self.functions)
        return other

    def bind(self, name, value) -> None:
        self.values[name] = value if isinstance(value, Basic) else sympify(value, strict=True)

    def define_function(self, name: str, params, body) -> None:
        self.functions[name] = Lambda(tuple(params), body)

    def is_bound(self, name) -> bool:
        return name in self.values

    def resolve(self, expr, keep=frozenset(), depth: int = 0):
        """expr with bound names and defined functions replaced, recursively."""
        if depth > MAX_DEPTH:
            raise ScopeError("definitions refer to each other too deeply (or to themselves)")
        if isinstance(expr, Derivative):
            variables = set(expr.variables)
            inner = self.resolve(expr.expr, keep | variables, depth + 1)
            result = Derivative(inner, *expr.variable_count)
            values = {v: self.resolve(self.values[v], keep, depth + 1)
                      for v in expr.variables if v in self.values and v not in keep}
            return result.subs(values) if values else result
        if isinstance(expr, Subs):
            inner = self.resolve(expr.expr, keep | set(expr.variables), depth + 1)
            points = [self.resolve(p, keep, depth + 1) for p in expr.point]
            return Subs(inner, expr.variables, points)
        if isinstance(expr, AppliedUndef) and expr.func.__name__ in self.functions:
            args = [self.resolve(a, keep, depth + 1) for a in expr.args]
            lam = self.functions[expr.func.__name__]
            if len(args) != len(lam.variables):
                raise ScopeError(f"{expr.func.__name__} takes {len(lam.variables)} argument(s), got {len(args)}")
            return self.resolve(lam(*args), keep, depth + 1)
        if isinstance(expr, Symbol):
            if expr in self.values and expr not in keep:
                value = self.values[expr]
                if expr.is_commutative and not getattr(value, "is_commutative", True):
                    raise ScopeError(f"{expr} stands for a matrix or vector but is used as a number here")
                return self.resolve(value, keep, depth + 1)
            return expr
        if not expr.args:
            return expr
        if isinstance(expr, (Sum, Product)):
            keep = keep | set(expr.variables)
        args = [self.resolve(a, keep, depth + 1) for a in expr.args]
        if all(a is b for a, b in zip(args, expr.args)):
            return expr
        return expr.func(*args)

    def depends_on(self, expr, name) -> bool:
        """True when expr, with every definition substituted except ``name``, contains ``name``."""
        return name in self.resolve(expr, frozenset({name})).free_symbols


def undefined_functions(expr) -> set[str]:
    return {f.func.__name__ for f in expr.atoms(AppliedUndef)}


__all__ = ["Scope", "ScopeError", "undefined_functions", "Function"]
