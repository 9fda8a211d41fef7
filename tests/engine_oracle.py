"""An independent numeric oracle for the engine's tests: mpmath evaluation from first principles.

Nothing here calls the engine.  Unknown functions are evaluated through
concrete functions given as LaTeX (read by the parser, then evaluated here),
derivatives numerically (``mpmath.diff``), sums and products by loops,
entries of families from the point, matrices by plain integer arithmetic on
lists of lists.
"""

from __future__ import annotations

import re

import mpmath
from sympy import (
    Add,
    Derivative,
    Indexed,
    MatrixBase,
    Mul,
    Pow,
    Product,
    S,
    Subs,
    Sum,
    Symbol,
    exp,
    factorial,
    log,
)
from sympy.core.function import AppliedUndef

from derivations.functions import sigmoid
from derivations.parse.latex import parse_expression


def _mp_number(value):
    value = S(value)
    if value.is_Rational:
        return mpmath.mpf(value.p) / value.q
    return mpmath.mpf(str(value.evalf(40)))


FUNCTIONS = {
    exp: mpmath.exp,
    log: mpmath.log,
    sigmoid: lambda v: 1 / (1 + mpmath.exp(-v)),
    factorial: lambda v: mpmath.factorial(v),
}


class Oracle:
    """Evaluate SymPy trees with mpmath; ``env`` maps names (str) and atoms to numbers."""

    def __init__(self, env: dict, functions: dict | None = None):
        self.env = env
        self.functions = functions or {}

    def value(self, expr, env=None):
        env = self.env if env is None else env
        if expr in env:
            return env[expr]
        if isinstance(expr, Symbol):
            return env[expr.name]
        if isinstance(expr, Indexed):
            indices = [int(self.value(i, env)) for i in expr.indices]
            return env[f"{expr.base}_{{{','.join(map(str, indices))}}}"]
        if expr.is_Number or expr is S.Pi or expr is S.Exp1:
            return _mp_number(expr)
        if isinstance(expr, Add):
            return mpmath.fsum(self.value(a, env) for a in expr.args)
        if isinstance(expr, Mul):
            result = mpmath.mpf(1)
            for a in expr.args:
                result *= self.value(a, env)
            return result
        if isinstance(expr, Pow):
            return self.value(expr.base, env) ** self.value(expr.exp, env)
        if isinstance(expr, AppliedUndef):
            return self.functions[expr.func.__name__](*[self.value(a, env) for a in expr.args])
        if isinstance(expr, Derivative):
            (v, n), = expr.variable_count
            at = self.value(v, env)
            return mpmath.diff(lambda t: self.value(expr.expr, {**env, self._key(v): t}), at, n)
        if isinstance(expr, Subs):
            inner = dict(env)
            for u, p in zip(expr.variables, expr.point):
                inner[self._key(u)] = self.value(p, env)
            return self.value(expr.expr, inner)
        if isinstance(expr, (Sum, Product)):
            (k, lo, hi), = expr.limits
            lo, hi = int(self.value(lo, env)), int(self.value(hi, env))
            terms = [self.value(expr.function, {**env, k.name: mpmath.mpf(j)}) for j in range(lo, hi + 1)]
            if isinstance(expr, Sum):
                return mpmath.fsum(terms)
            result = mpmath.mpf(1)
            for t in terms:
                result *= t
            return result
        if type(expr) in FUNCTIONS:
            return FUNCTIONS[type(expr)](*[self.value(a, env) for a in expr.args])
        raise NotImplementedError(f"{type(expr).__name__}: {expr}")

    @staticmethod
    def _key(v):
        return v.name if isinstance(v, Symbol) else v


def concrete_functions(functions: dict[str, str], *exprs) -> dict:
    """mpmath callables for the engine's named concrete functions ({"J": "h^{2}"}), read from their LaTeX.

    A key ``J`` takes its variable names from J's application in the claim
    (``J(h(w))``: the variable is h); a key ``J(u, v)`` names them itself.
    """
    applications: dict = {}
    for e in exprs:
        for a in e.atoms(AppliedUndef):
            shown = [v.name if isinstance(v, Symbol) else getattr(v.func, "__name__", "?") for v in a.args]
            applications.setdefault(a.func.__name__, []).append(shown)
    made = {}
    for key, latex in functions.items():
        m = re.fullmatch(r"(.+)\((.+)\)", key)
        if m:
            name, variables = m.group(1), [v.strip() for v in m.group(2).split(",")]
        else:
            name = key
            used = {s.name for s in parse_expression(latex).free_symbols}
            # the application whose argument names the function's LaTeX uses (not a bound u of a Subs)
            variables = next((v for v in applications[name] if used <= set(v)), applications[name][0])
        body = parse_expression(latex, variables=variables)

        def call(*values, body=body, variables=variables):
            return Oracle(dict(zip(variables, values))).value(body)

        made[name] = call
    return made


def point_env(point: dict) -> dict:
    """The engine's counterexample point as the oracle's environment (names -> mpf)."""
    return {name: _mp_number(value) for name, value in point.items() if not isinstance(value, MatrixBase)}


def differ(va, vb, digits: int = 20) -> bool:
    scale = max(mpmath.mpf(1), abs(va), abs(vb))
    return abs(va - vb) > mpmath.mpf(10) ** -digits * scale


# --- matrices: plain integer arithmetic on lists of lists --------------------------------------

def mat_mul(p, q):
    assert len(p[0]) == len(q), "shapes do not fit"
    return [[sum(p[i][k] * q[k][j] for k in range(len(q))) for j in range(len(q[0]))] for i in range(len(p))]


def mat_add(p, q):
    assert len(p) == len(q) and len(p[0]) == len(q[0]), "shapes do not fit"
    return [[p[i][j] + q[i][j] for j in range(len(p[0]))] for i in range(len(p))]


def mat_scale(c, p):
    return [[c * v for v in row] for row in p]


def mat_transpose(p):
    return [list(col) for col in zip(*p)]


def mat_value(expr, env: dict):
    """A sum/product/power of non-commutative symbols with integer coefficients, as lists of lists."""
    if isinstance(expr, Symbol) and not expr.is_commutative:
        return env[expr.name]
    if expr.is_Integer:
        return int(expr)
    if isinstance(expr, Add):
        parts = [mat_value(a, env) for a in expr.args]
        total = parts[0]
        for p in parts[1:]:
            total = mat_add(total, p)
        return total
    if isinstance(expr, Mul):
        result = None
        scalar = 1
        for a in expr.args:
            v = mat_value(a, env)
            if isinstance(v, int):
                scalar *= v
            else:
                result = v if result is None else mat_mul(result, v)
        return mat_scale(scalar, result)
    if isinstance(expr, Pow) and expr.exp.is_Integer and expr.exp > 0:
        base = mat_value(expr.base, env)
        result = base
        for _ in range(int(expr.exp) - 1):
            result = mat_mul(result, base)
        return result
    raise NotImplementedError(f"{type(expr).__name__}: {expr}")


def as_lists(matrix) -> list:
    return [[int(matrix[i, j]) for j in range(matrix.shape[1])] for i in range(matrix.shape[0])]
