"""The equivalence engine: is ``a <relation> b``, and how do we know?

:func:`decide` answers with :class:`~derivations.derivation.Evidence`:

* **proved** by a decision procedure: substitution of the definitions and the
  exp-rational procedure (``cancel``), sums in closed form, regions for
  piecewise functions, the calculus rules with unknown functions treated as
  opaque quantities, non-commutative expansion (and transposition of 1×1
  products) for matrices, or, as a last resort under a time limit,
  ``simplify``;
* **verified** when 50-digit evaluation at many points agrees (with concrete
  functions for unknown ones, random matrices of every fitting shape) but no
  procedure proved it;
* **wrong** with a counterexample: a point that fits every name's kind
  (integers for integer symbols and bounds, matrices of fitting shapes, named
  concrete functions for unknown ones) and both values there;
* **unknown** when neither is possible.

"Proved" never comes from floats.  What each name is arrives in the SymPy
objects: ``Symbol(real=True)`` a real variable, ``Symbol(integer=True,
positive=True)`` a count or an index, a non-commutative Symbol a matrix or
vector (its transpose the symbol named with ``^{T}``; sizes in ``shapes``), an
undefined ``Function('J')(h(w))`` a dependent quantity, an ``IndexedBase`` a
family whose every entry is its own number.

>>> from sympy import Symbol, tanh
>>> from derivations import sigmoid
>>> x = Symbol('x', real=True)
>>> decide(tanh(x), 2 * sigmoid(2 * x) - 1).method
'exp-rational'
>>> e = decide(sigmoid(x).diff(x), sigmoid(x) * (1 + sigmoid(x)))
>>> e.verdict, e.point
('wrong', {'x': 1})
>>> from sympy import Derivative, Function
>>> J, h = Function('J'), Function('h')
>>> decide(Derivative(J(h(x)), x), Derivative(J(h(x)), h(x)) * Derivative(h(x), x)).verdict
'proved'
>>> decide(Derivative(J(h(x)), x), 5 * Derivative(J(h(x)), h(x))).describe()
'wrong (unknown functions): the two sides differ; with J = h^{2}, h = 3 x at x = 1: 18 vs 30'
"""

from __future__ import annotations

from sympy import (
    Basic,
    Derivative,
    MatrixBase,
    MatrixSymbol,
    Mul,
    Piecewise,
    Product,
    Rational,
    S,
    Sum,
    piecewise_fold,
    simplify,
)
from sympy.core.sympify import SympifyError, sympify

from .derivation import PROVED, UNKNOWN, VERIFIED, WRONG, Evidence
from .engine import exp_rational, matrices, piecewise, sampling, unknowns
from .engine import shapes as shape_rules
from .engine.limits import TimeLimitExceeded, check_deadline, time_limit
from .engine.normalize import bind_sum_variables, exact_decimals, realise, to_definitions

SIMPLIFY_SECONDS = 2.0
#: working precision (bits) an approximation's difference may take to resolve: about 900 digits
APPROX_BITS = 3000
ORDER = {"<=": ">=", "<": ">", ">=": "<=", ">": "<"}


def _as_sympy(value):
    if isinstance(value, Basic):
        return value
    try:
        return sympify(value, strict=True)  # numbers and containers only; strings are refused
    except SympifyError as exc:
        raise TypeError(f"decide() takes SymPy expressions or numbers, not {type(value).__name__}") from exc


def decide(a, b, relation: str = "=", *, samples: int = 12, simplify_seconds: float = SIMPLIFY_SECONDS,
           tolerance=None, shapes=None) -> Evidence:
    """Decide ``a <relation> b``; ``relation`` is one of = <= < >= > approx.

    For ``approx``, ``tolerance`` is the largest allowed ``|a - b|`` (default
    1e-9 relative); both sides must be constants.  ``shapes`` maps the name of
    a non-commutative symbol to its (rows, columns): a size is an int, a name
    shared by equal sizes (``("n", 1)`` for a vector) or None; a transpose's
    shape follows from its symbol's.
    """
    a, b = _as_sympy(a), _as_sympy(b)
    if relation not in ("=", "approx", *ORDER):
        raise ValueError(f"unknown relation {relation!r}")
    if shapes is not None:
        shapes = shape_rules.validate(shapes)
    if relation == "=" and getattr(a, "is_Rational", False) and getattr(b, "is_Rational", False):
        # two exact rationals: arithmetic decides at once
        if a == b:
            return Evidence(PROVED, "arithmetic", "equal exact numbers")
        return Evidence(WRONG, "arithmetic", f"{a} is not {b}", {}, (a, b))
    try:
        if relation == "approx":
            return _approx(a, b, tolerance)
        for side in (a, b):
            reason = unknowns.independent_derivative(side)
            if reason:
                return Evidence(UNKNOWN, "dependency", reason)
        if matrices.is_matrix_expression(a) or matrices.is_matrix_expression(b):
            return _matrices(a, b, relation, samples=samples, simplify_seconds=simplify_seconds, shapes=shapes)
        if relation == "=":
            return _equal(a, b, samples=samples, simplify_seconds=simplify_seconds)
        return _inequality(a, b, relation, samples=samples)
    except TimeLimitExceeded:
        return Evidence(UNKNOWN, "time limit", "the engine ran out of time on this step")
    except RecursionError:
        return Evidence(UNKNOWN, "too deep", "the expression is nested too deeply to decide")
    except Exception as exc:  # a SymPy internal error on odd input: undecided, never a traceback
        return Evidence(UNKNOWN, "error", f"the engine could not decide this step ({type(exc).__name__}: {exc})")


def _prepared_sides(a, b):
    return to_definitions(realise(exact_decimals(a))), to_definitions(realise(exact_decimals(b)))


def _prepared(a, b):
    na, nb = _prepared_sides(a, b)
    return na.expr, nb.expr, na.kinks or nb.kinks


def _condition_variable(expr):
    """The one variable the piecewise conditions of expr depend on, if there is one."""
    symbols = set()
    for pw in expr.atoms(Piecewise):
        for _, cond in pw.args:
            symbols |= cond.free_symbols
    return symbols.pop() if len(symbols) == 1 else None


def _symbolic_zero(diff, kinks):
    """(method, detail) when diff is proved identically zero, else None."""
    if diff == 0:
        return "substitution", "identical after substituting the definitions"
    if diff.has(Piecewise):
        x = _condition_variable(diff)
        if x is not None:
            ok, how = piecewise.decide_regions(diff, x, skip_breakpoints=kinks)
            if ok:
                return "cases", how
        return None
    if exp_rational.is_zero(diff):
        return "exp-rational", "rational in exponentials of the variables; cancels to 0"
    return None


def _sampled(a, b, relation, samples, names=None):
    result = sampling.compare(a, b, relation, samples=samples, names=names)
    if result.verdict == "wrong":
        return Evidence(WRONG, "counterexample", "the two sides differ" if relation == "=" else
                        f"{relation} fails", result.point, result.values)
    if result.verdict == "verified":
        return Evidence(VERIFIED, "random points", result.detail)
    return Evidence(UNKNOWN, "random points", result.detail)


def _at_kinks(ea, eb, diff, sides):
    """None when the values at the kinks fit a convention, else WRONG or UNKNOWN evidence.

    The regions are proved equal with the breakpoints left out; at a kink a
    derivative may take its left or right value or their mean, nothing else.
    """
    x = _condition_variable(diff)
    status, info = piecewise.check_kinks(ea, eb, x, sides)
    if status == "ok":
        return None
    if status == "wrong":
        p, va, vb = info
        if any(sides):
            detail = (f"at the kink {x} = {p} no convention (left or right derivative, or their mean) "
                      "gives the other side")
        else:
            detail = f"the sides differ at {x} = {p}, where the cases meet"
        return Evidence(WRONG, "cases", detail, {str(x): p}, (va, vb))
    return Evidence(UNKNOWN, "cases", "equal away from the kinks; the values at a kink were not decided")


def _on_boundaries(ea, eb):
    """A counterexample on the boundary of a case (a line like x = 0, or x = y), or None."""
    free = ea.free_symbols | eb.free_symbols
    for point in piecewise.boundary_points(piecewise_fold(ea - eb)):
        full = {**{s: S.Half for s in free}, **point}  # symbols not in any condition: a fixed value
        try:
            va, vb = ea.xreplace(full), eb.xreplace(full)
        except Exception:
            continue
        if piecewise.clearly_different(va, vb):
            return Evidence(WRONG, "cases", "the sides differ on the boundary of a case",
                            {str(k): v for k, v in full.items()}, (va, vb))
    return None


def _constants_differ(a, b):
    """Evidence that two constant expressions differ, when 50-digit values clearly do."""
    result = sampling.compare(a, b, "=", samples=1)
    if result.verdict != WRONG:
        return None
    return Evidence(WRONG, "counterexample", "the two sides differ", result.point or {}, result.values)


def _with_unknowns(ea, eb, relation, *, names, samples, simplify_seconds=0.0):
    """Evidence for sides that hold unknown functions (see :mod:`.engine.unknowns`)."""
    if relation == "=":
        if unknowns.cancels(ea - eb):
            return Evidence(PROVED, "unknown functions", "the derivatives expand by the chain, product and "
                            "quotient rules; with each unknown function and derivative as an opaque "
                            "quantity the difference cancels")
    else:
        gap = eb - ea if relation in ("<=", "<") else ea - eb
        try:
            if not gap.has(Piecewise) and _nonnegative(unknowns.opaque(gap), relation in ("<", ">")):
                return Evidence(PROVED, "sign", "the difference is a product of squares and positive factors, "
                                "whatever the unknown functions are")
        except (TypeError, ValueError, NotImplementedError):
            pass
    found = unknowns.compare_with_concrete_functions(ea, eb, relation, names=names)
    if found.verdict == WRONG:
        return Evidence(WRONG, "unknown functions", "the two sides differ" if relation == "=" else
                        f"{relation} fails", found.point, found.values, functions=found.functions)
    if found.verdict == VERIFIED and relation == "=" and simplify_seconds > 0:
        try:
            with time_limit(simplify_seconds):
                if simplify(unknowns.opaque(ea - eb)) == 0:
                    return Evidence(PROVED, "simplify", "SymPy's simplify reduces the difference to 0, "
                                    "whatever the unknown functions are")
        except TimeLimitExceeded:
            check_deadline()  # an outer limit that has passed still ends the step
        except Exception:
            pass
    return Evidence(VERIFIED if found.verdict == VERIFIED else UNKNOWN, "unknown functions", found.detail)


MAX_CONVENTION_CHOICES = 27


def _kink_choices(a, b):
    """For each f'(p) written at a kink of f (ReLU'(0)): the conventional values (left, right, mean).

    Returns a list of (the written Subs, its values), or [] when there is none.
    """
    from sympy import Subs

    found = []
    for s in sorted((a.atoms(Subs) | b.atoms(Subs)), key=str):
        if len(s.variables) != 1 or not s.point[0].is_number or not isinstance(s.expr, Derivative):
            continue
        t, p = s.variables[0], s.point[0]
        derivative = to_definitions(realise(s.expr)).expr
        t = next((v for v in derivative.free_symbols if v.name == t.name), t)
        if not derivative.has(Piecewise):
            continue
        values = piecewise.values_at_kink(derivative, t, p)
        if values:
            found.append((s, values))
    return found


def _prime(s) -> str:
    """f'(p) for Subs(Derivative(f(t), t), t, p), as a reader writes it."""
    inner = s.expr.expr
    name = type(inner).__name__ if inner.args and inner.args[0] == s.variables[0] else str(inner)
    return f"{name}{chr(39) * s.expr.derivative_count}({s.point[0]})"


def _at_a_kink_by_convention(a, b, samples):
    """PROVED when some convention for the derivatives written at kinks makes a = b, else None."""
    import itertools

    choices = _kink_choices(a, b)
    if not choices:
        return None
    combos = itertools.product(*(values for _, values in choices))
    for combo in itertools.islice(combos, MAX_CONVENTION_CHOICES):
        mapping = {s: v for (s, _), v in zip(choices, combo)}
        evidence = _equal(a.xreplace(mapping), b.xreplace(mapping), samples=samples, simplify_seconds=0)
        if evidence.verdict == PROVED:
            shown = ", ".join(f"{_prime(s)} = {v}" for s, v in mapping.items())
            return Evidence(PROVED, "convention at a kink", "the derivative at a kink is a convention (its left "
                            f"or right value, or their mean): with {shown} the sides are equal")
    return None


def _summed(a, b, diff) -> bool:
    """True when the sides held sums or products that the normalisation evaluated in closed form."""
    return (a.has(Sum, Product) or b.has(Sum, Product)) and not diff.has(Sum, Product)


def _equal(a, b, *, samples, simplify_seconds):
    names = sampling.kinds(bind_sum_variables(a), bind_sum_variables(b))
    na, nb = _prepared_sides(a, b)
    ea, eb, kinks = na.expr, nb.expr, na.kinks or nb.kinks
    if unknowns.has_unknowns(ea) or unknowns.has_unknowns(eb):
        return _with_unknowns(ea, eb, "=", names=names, samples=samples, simplify_seconds=simplify_seconds)
    diff = ea - eb
    if diff != 0 and not diff.free_symbols and not kinks:
        # two constants: a clear numeric difference refutes at once, before any algebra
        refuted = _constants_differ(ea, eb)
        if refuted is not None:
            return refuted
    found = _symbolic_zero(diff, kinks)
    if found and found[0] == "cases" and kinks:
        refuted = _at_kinks(ea, eb, diff, (na.kinks, nb.kinks))
        if refuted is not None:
            return refuted
    if found:
        if found[0] != "cases" and _summed(a, b, diff):
            return Evidence(PROVED, "summation", "the sums and products evaluate in closed form and the "
                            "difference cancels")
        return Evidence(PROVED, *found)
    if diff.has(Piecewise) and _condition_variable(diff) is not None:
        # a difference at a single point, where the cases meet, is invisible to random points
        refuted = _at_kinks(ea, eb, diff, (na.kinks, nb.kinks))
        if refuted is not None and refuted.verdict == WRONG:
            return refuted
    evidence = _sampled(ea, eb, "=", samples, names)
    if evidence.verdict == VERIFIED and not kinks and diff.has(Piecewise):
        refuted = _on_boundaries(ea, eb)
        if refuted is not None:
            return refuted
    if evidence.verdict != PROVED and kinks:
        by_convention = _at_a_kink_by_convention(a, b, samples)
        if by_convention is not None:
            return by_convention
    if evidence.verdict == WRONG and kinks:
        # a difference only at a kink is a matter of convention: look again away from it
        if _kink_choices(a, b):
            evidence.detail += " (at a kink; no convention, left or right derivative or their mean, gives it)"
        else:
            evidence.detail += " (one side is the derivative of a kinked function)"
    if evidence.verdict == WRONG or simplify_seconds <= 0:
        return evidence
    try:
        with time_limit(simplify_seconds):
            if simplify(diff) == 0:
                return Evidence(PROVED, "simplify", "SymPy's simplify reduces the difference to 0")
    except TimeLimitExceeded:
        check_deadline()  # an outer limit that has passed still ends the step
    except Exception:
        pass
    return evidence


def _factor_bound(small, big):
    """f_1 f_2 ... f_k <= c from 0 <= f_i <= c^(1/k) for every factor (c a positive number)."""
    if not (isinstance(small, Mul) and big.is_number and big.is_positive):
        return None
    coeff, factors = small.as_coeff_mul()
    if len(factors) < 2 or not coeff.is_positive:
        return None
    bound = (big / coeff) ** Rational(1, len(factors))
    if not bound.is_Rational:
        return None
    for f in factors:
        if decide(f, S.Zero, ">=").verdict != PROVED or decide(f, bound, "<=").verdict != PROVED:
            return None
    return Evidence(PROVED, "monotonicity of products",
                    f"each of the {len(factors)} factors is nonnegative and at most {bound}")


def _product_bound(a, b, relation):
    """prod f <= prod g over the same range, from 0 <= f <= g (monotonicity of products)."""
    if relation not in ("<=", ">="):
        return None
    small, big = (a, b) if relation == "<=" else (b, a)
    if isinstance(small, Mul):
        return _factor_bound(small, big)
    if not (isinstance(a, Product) and isinstance(b, Product) and a.limits == b.limits):
        return None
    nonnegative = decide(small.function, S.Zero, ">=")
    below = decide(small.function, big.function, "<=")
    if nonnegative.verdict == PROVED and below.verdict == PROVED:
        return Evidence(PROVED, "monotonicity of products",
                        "every factor is nonnegative and at most the matching factor")
    return None


#: how long SymPy's assumptions may look for the sign of a gap (they can take minutes on long products)
SIGN_SECONDS = 0.5


def _positive_coefficients(rational, strict: bool) -> bool:
    """A quick certificate: numerator and denominator are polynomials with coefficients of one sign
    in symbols that are all positive."""
    from sympy import Poly, fraction

    if not all(s.is_positive for s in rational.free_symbols):
        return False
    signs = []
    for part in fraction(rational):
        try:
            coefficients = Poly(part, *sorted(part.free_symbols, key=str)).coeffs() if part.free_symbols \
                else [part]
        except Exception:
            return False
        if not all(c.is_Rational for c in coefficients) or not coefficients:
            return False
        if all(c > 0 for c in coefficients):
            signs.append(1)
        elif all(c < 0 for c in coefficients):
            signs.append(-1)
        else:
            return False
    return signs[0] == signs[1]


def _nonnegative(expr, strict: bool) -> bool:
    """True when expr is proved >= 0 (> 0 when strict) in its rational form, else False."""
    rational = exp_rational.to_rational(expr)
    if rational.is_Rational:
        return bool(rational > 0) if strict else bool(rational >= 0)
    if _positive_coefficients(rational, strict):
        return True
    from sympy import factor

    try:
        with time_limit(SIGN_SECONDS):
            for candidate in (rational, factor(rational)):
                if (candidate.is_positive if strict else candidate.is_nonnegative):
                    return True
    except TimeLimitExceeded:
        check_deadline()  # an outer limit that has passed still ends the step
    return False


def _inequality(a, b, relation, *, samples):
    found = _product_bound(a, b, relation)
    if found:
        return found
    names = sampling.kinds(bind_sum_variables(a), bind_sum_variables(b))
    ea, eb, kinks = _prepared(a, b)
    if unknowns.has_unknowns(ea) or unknowns.has_unknowns(eb):
        return _with_unknowns(ea, eb, relation, names=names, samples=samples)
    gap = eb - ea if relation in ("<=", "<") else ea - eb  # must be >= 0 (> 0 when strict)
    strict = relation in ("<", ">")
    try:
        if not gap.has(Piecewise) and _nonnegative(gap, strict):
            return Evidence(PROVED, "sign", "the difference is a product of squares and positive factors")
    except (TypeError, ValueError, NotImplementedError):
        pass
    found = _at_special_points(ea, eb, gap, strict, relation)
    if found is not None:
        return found
    sampled = _sampled(ea, eb, relation, samples, names)
    if sampled.verdict == VERIFIED:   # points are no proof: σ'(x) < 1/4 holds at every random point but not at 0
        return Evidence(UNKNOWN, "random points", f"{sampled.detail}, and at 0, ±1/2, ±1, ±2; not proved")
    return sampled


_SPECIAL = (S.Zero, S.Half, -S.Half, S.One, -S.One, S(2), S(-2))


def _at_special_points(ea, eb, gap, strict, relation):
    """A counterexample at 0, ±1/2, ±1, ±2 (every name the same value), where a bound is often reached."""
    free = sorted(gap.free_symbols, key=str)
    if not free or any(not s.is_commutative for s in free):
        return None
    for v in _SPECIAL:
        point = {s: v for s in free}
        if any(s.is_positive and not v.is_positive or s.is_negative and not v.is_negative
               or s.is_nonnegative and v.is_negative or s.is_integer and not v.is_integer for s in free):
            continue   # outside what the names are
        try:
            g = gap.xreplace(point).doit()
            value = g.evalf(30) if not g.is_Rational else g
        except Exception:  # not a number there: no evidence
            continue
        if not value.is_real:
            continue
        if value < 0 or strict and value == 0:
            try:
                va, vb = sampling.shown_apart(ea.xreplace(point).evalf(50), eb.xreplace(point).evalf(50))
            except Exception:  # the values only word the counterexample
                continue
            return Evidence(WRONG, "counterexample", f"{relation} fails", {str(s): v for s, v in point.items()},
                            (va, vb))
    return None


def _matrices(a, b, relation, *, samples, simplify_seconds=SIMPLIFY_SECONDS, shapes=None):
    if relation != "=":
        return Evidence(UNKNOWN, "matrices", "only equalities of matrices are decided")
    if isinstance(a, MatrixBase) and isinstance(b, MatrixBase):
        return _entrywise(a, b, samples, simplify_seconds)
    if not (a.atoms(MatrixSymbol) or b.atoms(MatrixSymbol)):
        found = matrices.decide_symbols(a, b, shapes=shapes)
        return Evidence(found.verdict, found.method, found.detail, found.point, found.values)
    if matrices.expansion_is_zero(a, b):
        return Evidence(PROVED, "non-commutative expansion", "both sides expand to the same products")
    verdict, mapping, va, vb = matrices.compare_on_random_matrices(a, b)
    if verdict == "wrong":
        point = {str(k): v for k, v in mapping.items()}
        return Evidence(WRONG, "counterexample", "the sides differ on random matrices", point, (va, vb))
    if verdict == "unknown":
        return Evidence(UNKNOWN, "random matrices", "the sides cannot be evaluated on random matrices")
    return Evidence(VERIFIED, "random matrices", "equal on random integer matrices")


def _entrywise(a, b, samples, simplify_seconds=SIMPLIFY_SECONDS):
    if a.shape != b.shape:
        return Evidence(WRONG, "shapes", f"shapes differ: {a.shape} and {b.shape}")
    verdicts = []
    for index, (p, q) in enumerate(zip(a, b)):
        ev = _equal(p, q, samples=samples, simplify_seconds=simplify_seconds)
        if ev.verdict == WRONG:
            row, col = divmod(index, a.shape[1])
            ev.detail = f"entry ({row + 1}, {col + 1}): {ev.detail}"
            return ev
        verdicts.append(ev)
    if all(v.verdict == PROVED for v in verdicts):
        methods = sorted({v.method for v in verdicts})
        return Evidence(PROVED, "entrywise", "every entry: " + ", ".join(methods))
    if all(v.verdict in (PROVED, VERIFIED) for v in verdicts):
        return Evidence(VERIFIED, "entrywise", "every entry proved or verified")
    return Evidence(UNKNOWN, "entrywise", "some entries undecided")


def _approx(a, b, tolerance):
    """|a - b| <= tolerance for two numbers, from their difference at 50 digits (or exactly).

    The difference is evaluated as one expression, so σ(1000) ≈ 1 within
    10^-500 is refuted although both sides print as 1 to 50 digits; when a
    difference cannot be resolved at all it only confirms tolerances above
    the 50-digit noise.
    """
    ea, eb, _ = _prepared(a, b)
    if ea.free_symbols or eb.free_symbols:
        return Evidence(UNKNOWN, "approximation", "an approximation needs numbers on both sides")
    va, vb = ea.evalf(sampling.DIGITS), eb.evalf(sampling.DIGITS)
    if not (va.is_number and vb.is_number and va.is_real and vb.is_real):
        return Evidence(UNKNOWN, "approximation", "a side is not a real number")
    scale = max(S.One, abs(va), abs(vb))
    if tolerance is None:
        tolerance = S(10) ** -9 * scale
    tolerance = S(tolerance)
    difference = sampling._accurate_difference(ea, eb, maxn=APPROX_BITS)
    if difference is None:  # equal to 50 digits, the difference not resolved
        if tolerance >= S(10) ** -(sampling.DIGITS - 5) * scale:
            return Evidence(VERIFIED, "rounding", f"equal to {sampling.DIGITS} digits, within {tolerance.evalf(3)}")
        return Evidence(UNKNOWN, "rounding", f"equal to {sampling.DIGITS} digits; a tolerance of "
                        f"{tolerance.evalf(3)} cannot be confirmed")
    gap = abs(difference)
    if gap <= tolerance:
        return Evidence(VERIFIED, "rounding", f"differ by {gap.evalf(3)}, within {tolerance.evalf(3)}")
    return Evidence(WRONG, "rounding", f"differ by {gap.evalf(3)}, more than {tolerance.evalf(3)}",
                    {}, sampling.shown_apart(va, vb, ea, eb))
