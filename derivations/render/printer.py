"""The LaTeX printer every output format starts from.

:class:`SheetLatexPrinter` is SymPy's ``LatexPrinter`` with two changes:

* ``digits``: when set, rational and floating numbers are printed as decimals
  rounded to that many significant digits (half away from zero), trailing
  zeros kept when the value was rounded so the reader sees the precision;
  integers and symbolic constants (``pi``, ``sqrt(2)``) stay exact;
* matrices print as ``bmatrix``, which LaTeX (amsmath), latex2mathml, KaTeX
  and MathJax all understand.

Our activation functions keep their own ``_latex`` (``\\sigma``,
``\\operatorname{ReLU}``): the printer dispatches to them as SymPy's does.

>>> from sympy import Rational, Symbol, Float
>>> from derivations import sigmoid
>>> to_latex(Rational(1, 3), digits=4), to_latex(Rational(3, 10), digits=4)
('0.3333', '0.3')
>>> to_latex(sigmoid(Rational(3, 10)) * Rational(2, 3), digits=3)
'0.667 \\\\sigma\\\\left(0.3\\\\right)'
>>> to_latex(Float("1.5e-9"), digits=3), to_latex(Rational(2, 3) / 10**9, digits=3)
('1.5 \\\\cdot 10^{-9}', '6.67 \\\\cdot 10^{-10}')
>>> to_latex(Rational(1, 3))
'\\\\frac{1}{3}'
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal
from functools import lru_cache

from sympy import Derivative, Float, Integer, Mul, Rational, S
from sympy.core.numbers import Number
from sympy.printing.latex import LatexPrinter

from ..derivation import DecimalPlaces

__all__ = ["SheetLatexPrinter", "to_latex", "format_number", "RELATION_LATEX"]

#: relation name (as in :data:`derivations.derivation.RELATIONS`) -> LaTeX
RELATION_LATEX = {"=": "=", "<=": r"\le", "<": "<", ">=": r"\ge", ">": ">", "approx": r"\approx"}


def _as_decimal(value) -> Decimal:
    """The exact decimal of a SymPy Float's shortest repr, or of an Integer."""
    if isinstance(value, Float):
        from mpmath.libmp import to_str
        from mpmath.libmp.libmpf import prec_to_dps

        return Decimal(to_str(value._mpf_, prec_to_dps(value._prec) + 1, strip_zeros=True))
    return Decimal(int(value))


def format_number(value, digits: int) -> tuple[str, int | None, bool]:
    """Round ``value`` (a SymPy Rational or Float) to ``digits`` significant digits.

    Returns ``(mantissa, exponent, exact)``: the value is ``mantissa * 10**exponent``
    (``exponent`` None for plain positional notation) and ``exact`` says whether
    no rounding happened.

    >>> format_number(Rational(1, 8), 2)
    ('0.13', None, False)
    >>> format_number(Rational(1, 8), 3)
    ('0.125', None, True)
    >>> format_number(Rational(-2468), 2)
    ('-2468', None, True)
    >>> format_number(Rational(1, 30000), 2)
    ('3.3', -5, False)
    """
    if isinstance(digits, DecimalPlaces):
        return _format_places(value, int(digits))
    if digits < 1:
        raise ValueError(f"digits must be at least 1, got {digits}")
    value = S(value)
    if isinstance(value, Integer):
        return str(int(value)), None, True
    ctx = Context(prec=digits, rounding=ROUND_HALF_UP)
    if isinstance(value, Float):
        exact_decimal = _as_decimal(value)
        rounded = ctx.plus(exact_decimal)
        exact = rounded == exact_decimal
    elif isinstance(value, Rational):
        rounded = ctx.divide(Decimal(int(value.p)), Decimal(int(value.q)))
        exact = Rational(str(rounded)) == value
    else:
        raise TypeError(f"not a rational or floating number: {value!r}")
    if rounded.is_zero():
        return "0", None, exact
    if exact:
        rounded = rounded.normalize()
    adjusted = rounded.adjusted()  # exponent of the leading digit
    if -4 <= adjusted < 6:
        return format(rounded, "f"), None, exact
    mantissa = rounded.scaleb(-adjusted)
    return format(mantissa, "f"), adjusted, exact


def _format_places(value, places: int) -> tuple[str, int | None, bool]:
    """Round to ``places`` decimal places (half away from zero), as exercises are printed.

    >>> _format_places(Rational(1, 8), 2), _format_places(Rational(2998, 5000), 4)
    (('0.13', None, False), ('0.5996', None, True))
    >>> _format_places(Rational(3, 2), 4), _format_places(Rational(2, 3), 4)
    (('1.5', None, True), ('0.6667', None, False))
    """
    value = S(value)
    if isinstance(value, Integer):
        return str(int(value)), None, True
    exact_decimal = _as_decimal(value) if isinstance(value, Float) else \
        Context(prec=60).divide(Decimal(int(value.p)), Decimal(int(value.q)))
    rounded = exact_decimal.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    exact = Rational(str(rounded)) == value if isinstance(value, Rational) else rounded == exact_decimal
    if rounded.is_zero() and not exact and value != 0:
        # too small for the places: show significant digits instead of a bare 0
        return format_number(value, max(places, 1))
    if exact:  # an exact value is printed as it is: 1.5, not 1.5000
        rounded = rounded.normalize()
    return format(rounded, "f"), None, exact


class SheetLatexPrinter(LatexPrinter):
    """SymPy's LaTeX printer with rounded numbers (``digits``) and ``bmatrix``."""

    printmethod = "_latex"
    _default_settings = {**LatexPrinter._default_settings, "digits": None,
                         "mat_str": "bmatrix", "mat_delim": ""}

    @property
    def digits(self) -> int | None:
        return self._settings.get("digits")

    def _number(self, value) -> str:
        mantissa, exponent, _ = format_number(value, self.digits)
        if exponent is None:
            return mantissa
        return rf"{mantissa} \cdot 10^{{{exponent}}}"

    def _print_Float(self, expr):
        if self.digits is None or not expr.is_finite:
            return super()._print_Float(expr)
        return self._number(expr)

    def _print_Rational(self, expr):
        if self.digits is None or isinstance(expr, Integer):
            return super()._print_Rational(expr)
        return self._number(expr)

    def _factor(self, factor, *, first: bool) -> str:
        text = self._print(factor)
        negative_number = isinstance(factor, Number) and factor < 0
        if factor.is_Add or (negative_number and not first) or (factor.is_Mul and text.startswith("-")):
            return rf"\left({text}\right)"
        return text

    def _print_Subs(self, expr):
        """f'(a) for the derivative of one of our one-argument functions at a point."""
        inner, (u,), (point,) = expr.expr, expr.variables, expr.point
        if isinstance(inner, Derivative) and inner.variables == (u,) and len(inner.expr.args) == 1 \
                and inner.expr.args[0] == u and hasattr(inner.expr.func, "latex_name"):
            return inner.expr.func.latex_name + "'" + r"\left(" + self._print(point) + r"\right)"
        return super()._print_Subs(expr)

    def _print_Indexed(self, expr):
        """z_{i}, as people write it (SymPy prints {z}_{i})."""
        indices = ",".join(self._print(i) for i in expr.indices)
        return f"{self._print(expr.base.label)}_{{{indices}}}"

    def _print_Mul(self, expr):
        if not isinstance(expr, Mul):  # SymPy's _print_Pow hands b**-1 to _print_Mul
            return super()._print_Mul(expr)
        args = expr.args
        if len(args) == 2 and args[0] is S.One and args[1].is_Pow and args[1].exp is S.NegativeOne:
            # an unevaluated 1 * b**-1, written by hand to show the fraction 1/b
            return r"\frac{1}{%s}" % self._print(args[1].base)
        if any(isinstance(a, Number) for a in args[1:]) or args[0] is S.One:
            # a product kept as written, e.g. (-3/2)*1: show every factor, joined by \cdot
            return r" \cdot ".join(self._factor(a, first=(i == 0)) for i, a in enumerate(args))
        if self.digits is not None:
            coeff, rest = expr.as_coeff_Mul()
            if isinstance(coeff, Number) and not isinstance(coeff, Integer) and coeff.is_finite \
                    and rest is not S.One:
                sign = "- " if coeff < 0 else ""
                head = self._number(abs(coeff))
                body = self._print(rest)
                if rest.is_Add or body.lstrip().startswith("-"):
                    # 0.1 times a product that prints with a sign: 0.1 \left(- 1.5 x\right), never 0.1 - 1.5 x
                    body = rf"\left({body}\right)"
                elif body.lstrip()[:1].isdigit():  # 0.1 \cdot 3 x, never the ambiguous 0.1 3 x
                    return rf"{sign}{head} \cdot {body}"
                return f"{sign}{head} {body}"
        return super()._print_Mul(expr)


@lru_cache(maxsize=4096, typed=True)
def _cached_latex(expr, digits):
    return SheetLatexPrinter({"digits": digits}).doprint(expr)


def to_latex(expr, *, digits: int | None = None) -> str:
    """LaTeX for ``expr``; numbers rounded to ``digits`` significant digits when given.

    Results are cached by expression (every format prints the same expressions).
    """
    try:
        return _cached_latex(expr, digits)
    except TypeError:  # unhashable (a mutable Matrix)
        return SheetLatexPrinter({"digits": digits}).doprint(expr)
