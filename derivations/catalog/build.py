"""Small helpers for writing catalog derivations concisely.

>>> from sympy import Symbol
>>> d = chain("x-demo", "A demo", Symbol('x'), (Symbol('x') + 0, "add zero"))
>>> len(d.steps)
1
"""

from __future__ import annotations

from sympy import Add, Derivative, Dummy, Mul, Pow, Subs, Symbol

from ..derivation import Derivation, Step

x = Symbol("x", real=True)


def chain(id: str, title: str, start, *steps, statement: str = "", assumptions: str = "", notes: str = "",
          parts=()) -> Derivation:
    """A derivation from ``start`` through ``steps``: tuples (expr, why) or (expr, why, relation)."""
    made = [Step(s[0], s[1], s[2] if len(s) > 2 else "=") for s in steps]
    return Derivation(id, title, start, made, assumptions=assumptions, statement=statement, notes=notes,
                      parts=list(parts))


def plus(*terms):
    """A sum kept as written (SymPy would otherwise reorder and combine it)."""
    return Add(*terms, evaluate=False)


def times(*factors):
    """A product kept as written."""
    return Mul(*factors, evaluate=False)


def over(numerator, denominator):
    """A fraction kept as written."""
    return Mul(numerator, Pow(denominator, -1, evaluate=False), evaluate=False)


def prime(f, at):
    """f'(at) for a one-argument function class f, as the derivative at a point."""
    u = Dummy("u", real=True)
    return Subs(Derivative(f(u), u), u, at)


def d(expr, var=x):
    """The unevaluated derivative d/dvar expr."""
    return Derivative(expr, var)
