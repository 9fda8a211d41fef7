r"""Reverse-mode differentiation of an exact value: the reference every chain-rule line is checked against.

A worked backward pass writes each δ and each gradient with a textbook
formula (``\delta^{[1]}_1 = (w^{[2]}_{11}\delta^{[2]}_1)\,a^{[1]}_1(1 - a^{[1]}_1)``).
:func:`adjoints` differentiates the loss itself, node by node of its formula
graph, with the derivative of each elementary operation, at 200 bits; it shares
nothing with those formulas, so agreement is evidence that the formula is right.

>>> from fractions import Fraction
>>> from derivations.problems.exact import Real
>>> from derivations.problems.written import Call, Name, Power, Product
>>> w = Real.of(Fraction(2), given=True)
>>> z = Real(Product.of(Name("w", "w", w), Name("x", "x", Real.of(Fraction(3), given=True))))
>>> L = Real(Power(Call("sigma", Name("z", "z", z)), 2))
>>> g = adjoints(L)
>>> import mpmath
>>> with mpmath.workdps(60):
...     s = 1 / (1 + mpmath.exp(-6))
...     abs(g[w] - 2 * s * s * (1 - s) * 3) < 1e-50
True
"""

from __future__ import annotations

from mpmath import mp

from .exact import Real, ends, precision
from .written import Call, Const, Exp, Frac, Matrix, Name, Node, Num, Power, Product, Sum, _kink

__all__ = ["adjoints", "BITS"]

BITS = 200


def _reals_in(node: Node):
    for n in node.walk():
        if isinstance(n, Name) and isinstance(n.real, Real):
            yield n.real
        elif isinstance(n, Num) and n.real.formula is not None:
            yield n.real


def _order(root: Real) -> list[Real]:
    """Every Real the root depends on, each after the ones it depends on (iteratively, no recursion limit)."""
    seen, order = set(), []
    stack = [(root, False)]
    while stack:
        real, expanded = stack.pop()
        if expanded:
            order.append(real)
            continue
        if id(real) in seen:
            continue
        seen.add(id(real))
        stack.append((real, True))
        if real.formula is not None:
            for child in _reals_in(real.formula):
                if id(child) not in seen:
                    stack.append((child, False))
    return order


def _mid(real: Real):
    lo, hi = ends(real.interval(BITS))
    return (lo + hi) / 2


def _value(node: Node, cache: dict):
    hit = cache.get(id(node))
    if hit is not None:
        return hit
    if isinstance(node, (Name, Num)):
        v = _mid(node.real)
    elif isinstance(node, Const):
        v = +mp.pi
    elif isinstance(node, Sum):
        v = mp.zero
        for sign, n in node.terms:
            v = v - _value(n, cache) if sign == "-" else v + _value(n, cache)
    elif isinstance(node, Product):
        v = mp.one
        for f in node.factors:
            v = v * _value(f, cache)
    elif isinstance(node, Frac):
        v = _value(node.num, cache) / _value(node.den, cache)
    elif isinstance(node, Power):
        v = _value(node.base, cache) ** node.exponent
    elif isinstance(node, Exp):
        v = mp.exp(_value(node.arg, cache))
    elif isinstance(node, Call):
        v = _function(node.key, _value(node.arg, cache), node.parameter)
    else:
        raise TypeError(f"cannot differentiate through {type(node).__name__}")
    cache[id(node)] = v
    return v


def _p(q):
    return mp.mpf(q.numerator) / q.denominator


def _sig(x):
    return 1 / (1 + mp.exp(-x))


def _function(key, x, p):
    if key == "sigma":
        return _sig(x)
    if key == "tanh":
        return mp.tanh(x)
    if key == "relu":
        return x if x > 0 else mp.zero
    if key == "leaky_relu":
        return x if x >= 0 else _p(p) * x
    if key == "elu":
        return x if x >= 0 else _p(p) * mp.expm1(x)
    if key == "softplus":
        return mp.log(1 + mp.exp(x))
    if key == "swish":
        return x * _sig(_p(p) * x)
    if key == "gelu":
        return x * mp.ncdf(x)
    if key == "ln":
        return mp.log(x)
    if key == "Phi":
        return mp.ncdf(x)
    if key == "sqrt":
        return mp.sqrt(x)
    if key == "step":
        return mp.one if x >= 0 else mp.zero
    raise TypeError(f"no derivative of {key} in a loss")


def _slope(key, x, p):
    """The derivative of the elementary function ``key`` at x (kinks by the convention in force)."""
    from fractions import Fraction
    if key == "sigma":
        s = _sig(x)
        return s * (1 - s)
    if key == "tanh":
        return 1 - mp.tanh(x) ** 2
    if key in ("relu", "leaky_relu", "elu"):
        left = Fraction(0) if key == "relu" else p
        if x > 0:
            return mp.one
        if x == 0:
            return _p(_kink(left, Fraction(1)))
        return mp.zero if key == "relu" else _p(p) if key == "leaky_relu" else _p(p) * mp.exp(x)
    if key == "softplus":
        return _sig(x)
    if key == "swish":
        b = _p(p)
        s = _sig(b * x)
        return s + b * x * s * (1 - s)
    if key == "gelu":
        return mp.ncdf(x) + x * mp.npdf(x)
    if key == "ln":
        return 1 / x
    if key == "Phi":
        return mp.npdf(x)
    if key == "sqrt":
        return 1 / (2 * mp.sqrt(x))
    if key == "step":
        return mp.zero
    raise TypeError(f"no derivative of {key}")


def _backward(node: Node, adjoint, cache: dict, into: dict):
    """Add ``adjoint`` times the derivative of ``node`` to every Real it contains."""
    if isinstance(node, (Name, Num)):
        if isinstance(node.real, Real):
            into[node.real] = into.get(node.real, mp.zero) + adjoint
        return
    if isinstance(node, Const):
        return
    if isinstance(node, Sum):
        for sign, n in node.terms:
            _backward(n, -adjoint if sign == "-" else adjoint, cache, into)
    elif isinstance(node, Product):
        values = [_value(f, cache) for f in node.factors]
        for i, f in enumerate(node.factors):
            rest = mp.one
            for j, v in enumerate(values):
                if j != i:
                    rest *= v
            _backward(f, adjoint * rest, cache, into)
    elif isinstance(node, Frac):
        n, d = _value(node.num, cache), _value(node.den, cache)
        _backward(node.num, adjoint / d, cache, into)
        _backward(node.den, -adjoint * n / d ** 2, cache, into)
    elif isinstance(node, Power):
        b = _value(node.base, cache)
        _backward(node.base, adjoint * node.exponent * b ** (node.exponent - 1), cache, into)
    elif isinstance(node, Exp):
        _backward(node.arg, adjoint * _value(node, cache), cache, into)
    elif isinstance(node, Call):
        _backward(node.arg, adjoint * _slope(node.key, _value(node.arg, cache), node.parameter), cache, into)
    elif isinstance(node, Matrix):
        raise TypeError("a loss is a number, not a matrix")
    else:
        raise TypeError(f"cannot differentiate through {type(node).__name__}")


def adjoints(loss: Real) -> dict[Real, object]:
    """∂loss/∂r for every Real r the loss depends on (its inputs, weights and intermediate values), at 200 bits."""
    with precision(BITS):
        order = _order(loss)
        cache: dict = {}
        adjoint: dict = {loss: mp.one}
        for real in reversed(order):
            a = adjoint.get(real)
            if a is None or real.formula is None:
                continue
            _backward(real.formula, a, cache, adjoint)
        return adjoint
