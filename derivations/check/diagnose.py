"""The likely slip behind a wrong step: small edits of the previous expression.

For ``previous = current`` refuted, we try edits of ``previous`` as the student
wrote it (a sign flipped, a factor dropped, an exponent or argument changed, a
term lost or duplicated, matrix factors swapped) and of its value (a decimal
point slipped, a wrong rounding) and report the first edit that gives
``current``.  An edit "gives" current when the engine proves or verifies it
equal (for numbers: within the rounding of the digits written), so a named
slip is itself checked.

>>> from sympy import Symbol, exp
>>> x = Symbol('x', real=True)
>>> find_slip(exp(-2 * x) + 1, exp(-x) + 1)
'e^{- 2 x} written as e^{- x}'
>>> find_slip(x * (1 - x) / 2, x * (1 - x))
'factor \\\\frac{1}{2} dropped'
"""

from __future__ import annotations

from sympy import Add, Integer, Mul, Pow, Rational, S, exp, latex
from sympy.core.function import AppliedUndef

from ..engine import sampling
from ..engine.limits import TimeLimitExceeded, check_deadline
from ..engine.normalize import realise, to_definitions

MAX_CANDIDATES = 80
FACTORS = [(Integer(2), "doubled"), (Rational(1, 2), "halved"), (Integer(10), "\u00d710: a decimal point slipped"),
           (Rational(1, 10), "\u00f710: a decimal point slipped"), (Integer(100), "\u00d7100: a decimal point slipped"),
           (Rational(1, 100), "\u00f7100: a decimal point slipped")]


def _tex(expr) -> str:
    try:
        return latex(expr)
    except Exception:
        return str(expr)


def _nodes(expr):
    """Every sub-expression, outermost first."""
    yield expr
    for arg in getattr(expr, "args", ()):
        yield from _nodes(arg)


def _replace_node(expr, node, new):
    return expr.xreplace({node: new})


def candidates(previous):
    """(description, edited expression) pairs, most telling first."""
    out = [("sign flipped", -previous)]
    for node in _nodes(previous):
        if isinstance(node, exp):
            a = node.args[0]
            for new_arg in (a / 2, 2 * a, -a, a + 1, a - 1):
                out.append((f"{_tex(node)} written as {_tex(exp(new_arg))}", _replace_node(previous, node, exp(new_arg))))
        elif isinstance(node, Add) and len(node.args) > 1:
            for term in node.args:
                rest = Add(*[t for t in node.args if t is not term])
                out.append((f"term {_tex(term)} lost", _replace_node(previous, node, rest)))
                out.append((f"sign of the term {_tex(term)} flipped", _replace_node(previous, node, rest - term)))
                out.append((f"term {_tex(term)} counted twice", _replace_node(previous, node, node + term)))
        elif isinstance(node, Mul):
            factors = node.args
            noncommutative = [f for f in factors if not f.is_commutative]
            for f in factors:
                if f in (S.NegativeOne,):
                    continue
                rest = Mul(*[g for g in factors if g is not f])
                out.append((f"factor {_tex(f)} dropped", _replace_node(previous, node, rest)))
            if len(noncommutative) >= 2:
                commutative = Mul(*[f for f in factors if f.is_commutative])
                for i in range(len(noncommutative) - 1):
                    swapped = list(noncommutative)
                    swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
                    new = commutative * Mul(*swapped)
                    out.append((f"matrix factors in the wrong order: {_tex(Mul(*swapped))}",
                                _replace_node(previous, node, new)))
        elif isinstance(node, Pow) and node.exp.is_Integer and node.exp not in (-1,):
            n = node.exp
            for m in (n + 1, n - 1, -n, 2 * n):
                if m != 0:
                    out.append((f"exponent of {_tex(node)} changed to {m}", _replace_node(previous, node, node.base ** m)))
        elif isinstance(node, Pow) and node.exp == -1:
            out.append((f"denominator {_tex(node.base)} dropped", _replace_node(previous, node, S.One)))
        elif isinstance(node, AppliedUndef) or (hasattr(node, "func") and len(getattr(node, "args", ())) == 1
                                                 and node.func.__module__.startswith("derivations")):
            a = node.args[0]
            for new_arg in (-a, 2 * a, a / 2):
                out.append((f"argument of {_tex(node)} changed to {_tex(new_arg)}",
                            _replace_node(previous, node, node.func(new_arg))))
    for k, name in FACTORS:
        out.append((f"the value {name}" if "slipped" in name else f"the result {name}", k * previous))
    seen, unique = set(), []
    for description, candidate in out:
        if candidate in seen or candidate == previous:
            continue
        seen.add(candidate)
        unique.append((description, candidate))
    return unique[:MAX_CANDIDATES]


def _same(a, b, allowance) -> bool:
    """a equals b: within ``allowance`` for numbers, by sampling otherwise."""
    a, b = to_definitions(realise(a)).expr, to_definitions(realise(b)).expr
    if a.is_number and b.is_number:
        try:
            gap = abs((a - b).evalf(30))
            return bool(gap <= allowance + S(10) ** -25 * max(S.One, abs(b.evalf(30))))
        except TypeError:
            return False
    return sampling.compare(a, b, "=", samples=6).verdict == "verified"


def find_slip(previous, current, *, resolve=lambda e: e, allowance=S.Zero) -> str:
    """The first edit of ``previous`` that gives ``current``, described; '' when none does.

    ``resolve`` puts the givens and definitions in (both sides are written
    with the student's names); ``allowance`` is the rounding the current side's
    digits allow.
    """
    target = resolve(current)
    try:
        for description, candidate in candidates(previous):
            check_deadline()
            try:
                if _same(resolve(candidate), target, allowance):
                    return description
            except TimeLimitExceeded:
                raise
            except Exception:
                continue
    except TimeLimitExceeded:
        return ""
    return ""


def rounding_slip(value, written_text: str) -> str:
    """'wrong rounding' when a written decimal is one unit of its last place away from the right rounding."""
    from .rounding import bare_literal

    lit = bare_literal(written_text)
    if lit is None or not getattr(value, "is_number", False):
        return ""
    exact = value.evalf(30)
    gap = abs(exact - lit.value)
    if lit.half_unit < gap <= 3 * lit.half_unit:
        places = len(written_text.strip().split(".")[1]) if "." in written_text else 0
        right = round(float(exact), places)
        return f"wrong rounding: {float(exact):.{places + 3}f} rounds to {right:.{places}f}, not {written_text.strip()}"
    return ""
