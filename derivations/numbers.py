r"""Numbers: how an exact value is rounded and printed, and what written digits stand for.

Two halves of one idea, in one place:

* a :class:`Rounding` (:class:`DecimalPlaces` or :class:`SignificantDigits`)
  turns an exact value into a :class:`Printed` number: its text, its LaTeX,
  and whether it is exact or rounded.  ``solve``, the sheets, the checker's
  messages and the JSON all print through it, so one value prints the same
  everywhere;
* :func:`read_number` turns a number as written (``0.6225``, ``98.9\%``,
  ``4.5 \times 10^{-5}``, ``9.5e-7``, ``1097``) into a :class:`Written`: its
  exact value and the half unit of its last written digit, the tolerance the
  digits imply.  ``Written.rounding`` is the rounding that produced it, so a
  checker can say "0.99995 rounds to 1.00, not 0.99".

Values are exact SymPy numbers (Rationals, or expressions such as σ(3/2) that
evaluate to a real number); rounding is half away from zero, on the exact
value.

>>> from sympy import Rational
>>> DecimalPlaces(4).text(Rational(2, 3)), DecimalPlaces(4).text(Rational(3, 2)), DecimalPlaces(2).text(Rational(1, 8))
('0.6667', '1.5', '0.13')
>>> SignificantDigits(3).text(Rational(1, 8)), SignificantDigits(2).latex(Rational(1, 30000))
('0.125', '3.3 \\times 10^{-5}')
>>> DecimalPlaces(4).printed(Rational(1809, 10**7)).latex()
'1.809 \\times 10^{-4}'
>>> w = read_number(r"4.5 \times 10^{-5}"); w.value, w.half_unit
(9/200000, 1/2000000)
>>> read_number("98.9\\%").value, read_number("1097").half_unit, read_number("x") is None
(989/1000, 1/2, True)
>>> read_number("0.6225").rounding
DecimalPlaces(4)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from sympy import Float, Rational, S, floor

__all__ = ["Rounding", "DecimalPlaces", "SignificantDigits", "Printed", "Written",
           "read_number", "exact_decimal", "to_float", "evaluate"]

#: digits SymPy evaluates to before a value is rounded (far more than any sheet prints)
EVALF_DIGITS = 40


def evaluate(value, digits: int = EVALF_DIGITS) -> Float:
    """The real number ``value`` to ``digits`` significant digits; ValueError when it is not one."""
    value = S(value)
    if value.is_Rational:
        return Float(value, digits)
    number = value.evalf(digits)
    if not number.is_Number:
        number = value.doit().evalf(digits)
    if not (number.is_Number and number.is_real is not False and number.is_finite is not False):
        raise ValueError(f"not a real number: {value}")
    return number


def exact_decimal(value, digits: int = EVALF_DIGITS) -> Decimal:
    """A Decimal of the value: exact for a terminating rational, else to ``digits`` digits and more."""
    value = S(value)
    with localcontext() as ctx:
        ctx.prec = max(digits + 20, 60)
        if value.is_Integer:
            return Decimal(int(value))
        if value.is_Rational:
            return Decimal(int(value.p)) / Decimal(int(value.q))
        number = evaluate(value, digits + 20)
        from mpmath.libmp import to_str

        return Decimal(to_str(number._mpf_, digits + 20, strip_zeros=True))


def to_float(value) -> float:
    """A float at full double precision (evaluated exactly first, then rounded once)."""
    value = S(value)
    if value.is_Rational:
        return float(Fraction(int(value.p), int(value.q)))
    return float(evaluate(value, 30))


@dataclass(frozen=True)
class Printed:
    """A number as printed: ``mantissa`` × 10^``exponent`` (``exponent`` None: positional).

    ``exact`` says whether the printed number equals the value; ``value`` is
    the printed number itself, exactly.
    """

    mantissa: str
    exponent: int | None
    exact: bool
    value: Rational

    def text(self) -> str:
        """Plain text: ``0.8176``, ``1.809e-4``."""
        return self.mantissa if self.exponent is None else f"{self.mantissa}e{self.exponent}"

    def latex(self) -> str:
        r"""LaTeX: ``0.8176``, ``1.809 \times 10^{-4}``."""
        return self.mantissa if self.exponent is None else rf"{self.mantissa} \times 10^{{{self.exponent}}}"

    def unicode(self) -> str:
        """For the terminal: ``1.809 × 10⁻⁴``."""
        if self.exponent is None:
            return self.mantissa
        return f"{self.mantissa} × 10{str(self.exponent).translate(_SUPERSCRIPTS)}"

    @property
    def relation(self) -> str:
        """``=`` before an exact value, ``approx`` before a rounded one."""
        return "=" if self.exact else "approx"

    def __str__(self) -> str:
        return self.text()


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


class Rounding:
    """How computed values are rounded for print: :class:`DecimalPlaces` or :class:`SignificantDigits`."""

    count: int

    def printed(self, value) -> Printed:  # pragma: no cover - abstract
        raise NotImplementedError

    def text(self, value) -> str:
        return self.printed(value).text()

    def latex(self, value) -> str:
        return self.printed(value).latex()

    def round(self, value) -> Rational:
        """The printed value, exactly."""
        return self.printed(value).value

    def describe(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def half_unit(self, value) -> Rational:
        """Half a unit of the last printed digit of ``value``: how far the printed number may be off."""
        p = self.printed(value)
        places = len(p.mantissa.partition(".")[2])
        unit = Rational(1, 10 ** places) * (Rational(10) ** p.exponent if p.exponent else 1)
        return unit / 2


@dataclass(frozen=True)
class DecimalPlaces(Rounding):
    """Round to ``count`` decimal places, as exercises are printed ("to 4 decimal places").

    An exact value with no more places is printed as it is (``1.5``, not
    ``1.5000``).  A nonzero value that would show fewer than two significant
    digits is printed in scientific notation with ``count`` significant
    digits, so a small gradient never looks like ``0.0002`` or ``0``.

    >>> from sympy import Rational
    >>> [DecimalPlaces(4).text(v) for v in (Rational(2998, 5000), Rational(-1, 400000), 0, Rational(-5, 10**5))]
    ['0.5996', '-2.5e-6', '0', '-5e-5']
    """

    count: int

    def __post_init__(self):
        if not isinstance(self.count, int) or isinstance(self.count, bool) or self.count < 0:
            raise ValueError(f"decimal places must be a whole number >= 0, got {self.count!r}")

    def __repr__(self):
        return f"DecimalPlaces({self.count})"

    def describe(self) -> str:
        return f"{self.count} decimal place{'s' if self.count != 1 else ''}"

    def printed(self, value) -> Printed:
        value = S(value)
        if value.is_Integer:
            return Printed(str(int(value)), None, True, value)
        exact = exact_decimal(value)
        with localcontext() as ctx:
            ctx.prec = 80
            rounded = exact.quantize(Decimal(1).scaleb(-self.count), rounding=ROUND_HALF_UP)
        is_exact = value.is_Rational and Rational(str(rounded)) == value
        if is_exact:
            rounded = rounded.normalize()
            return Printed(_positional(rounded), None, True, Rational(str(rounded)))
        significant = len(str(abs(rounded)).replace(".", "").lstrip("0"))
        if significant < 2 and value != 0:
            return SignificantDigits(max(self.count, 1)).printed(value, scientific=True)
        return Printed(_positional(rounded), None, False, Rational(str(rounded)))


@dataclass(frozen=True)
class SignificantDigits(Rounding):
    """Round to ``count`` significant digits; scientific notation outside 10⁻⁴ ≤ |x| < 10⁶.

    Trailing zeros of a rounded value are kept (``1.000``) so the reader sees
    the precision; an exact value is printed without them (``0.125``).

    >>> from sympy import Rational
    >>> [SignificantDigits(4).text(v) for v in (Rational(1, 3), Rational(-2468), Rational(19999, 20000), 10**7 + 1)]
    ['0.3333', '-2468', '1.000', '1.000e7']
    """

    count: int

    def __post_init__(self):
        if not isinstance(self.count, int) or isinstance(self.count, bool) or self.count < 1:
            raise ValueError(f"significant digits must be a whole number >= 1, got {self.count!r}")

    def __repr__(self):
        return f"SignificantDigits({self.count})"

    def describe(self) -> str:
        return f"{self.count} significant digit{'s' if self.count != 1 else ''}"

    def printed(self, value, *, scientific: bool = False) -> Printed:
        value = S(value)
        exact = exact_decimal(value, self.count + 20)
        if exact.is_zero():
            return Printed("0", None, value == 0, S.Zero)
        with localcontext() as ctx:
            ctx.prec = self.count
            ctx.rounding = ROUND_HALF_UP
            rounded = +exact
        is_exact = value.is_Rational and Rational(str(rounded)) == value
        if value.is_Integer and abs(value) < 10 ** 6 and not scientific:
            return Printed(str(int(value)), None, True, value)
        if is_exact:
            rounded = rounded.normalize()
        adjusted = rounded.adjusted()
        if -4 <= adjusted < 6 and not scientific:
            text = _positional(rounded)
            return Printed(text, None, is_exact, Rational(text))
        mantissa = _positional(rounded.scaleb(-adjusted))
        return Printed(mantissa, adjusted, is_exact, Rational(mantissa) * Rational(10) ** adjusted)


def _positional(d: Decimal) -> str:
    text = format(d, "f")
    if text.startswith("-") and Decimal(text) == 0:
        text = text[1:]
    return text


# ----------------------------------------------------------------------------- written numbers


@dataclass(frozen=True)
class Written:
    """A number as someone wrote it: its exact value and what its digits allow.

    ``half_unit`` is half a unit of the last written digit (``0.6225``: 1/20000;
    ``1097``: 1/2; ``98.9\\%``: 1/2000; ``4.5 \\times 10^{-5}``: 5/10⁷).
    ``trailing_zeros`` counts the zeros at the end of an integer (``1100``: 2),
    which may or may not be significant.  ``form`` is ``integer``, ``decimal``,
    ``percent`` or ``scientific``.
    """

    value: Rational
    half_unit: Rational
    significant: int
    form: str
    trailing_zeros: int = 0
    text: str = ""

    @property
    def rounding(self) -> Rounding:
        """The rounding that gives a number written this way (for messages: "rounds to …")."""
        if self.form == "scientific":
            return SignificantDigits(max(self.significant, 1))
        places = 0
        unit = self.half_unit * 2 * (100 if self.form == "percent" else 1)
        while unit < 1:
            unit *= 10
            places += 1
        return DecimalPlaces(places)

    def admits(self, value, *, slack=Rational(1, 10 ** 12)) -> bool:
        """True when ``value`` rounds to this number (within half a unit of its last digit)."""
        gap = abs(evaluate(S(value) - self.value, 30))
        return bool(gap <= self.half_unit * (1 + slack))

    def is_rounding_of(self, value) -> bool:
        """True when ``value`` rounded at the unit of the last written digit is exactly this number.

        Stricter than :meth:`admits` at the boundary, and the same rule the
        printers use: a value exactly half a unit away rounds away from zero,
        so 1/8 rounds to ``0.13``, never to ``0.12``.

        >>> from sympy import Rational
        >>> read_number("0.13").is_rounding_of(Rational(1, 8)), read_number("0.12").is_rounding_of(Rational(1, 8))
        (True, False)
        """
        unit = self.half_unit * 2
        quotient = S(value) / unit
        if not quotient.is_Rational:
            quotient = evaluate(quotient, EVALF_DIGITS + 10)
        nearest = int(floor(abs(quotient) + S.Half))
        return bool((nearest if quotient >= 0 else -nearest) * unit == self.value)

    def shown(self, value) -> str:
        """``value`` printed with the digits of this number and two more (for "x, not y" messages)."""
        r = self.rounding
        wider = DecimalPlaces(r.count + 2) if isinstance(r, DecimalPlaces) else SignificantDigits(r.count + 2)
        scale = 100 if self.form == "percent" else 1
        text = wider.text(S(value) * scale)
        return text + ("\\%" if self.form == "percent" else "")


_SIGN = r"(?P<sign>[-+−]?)\s*"
_MANTISSA = r"(?P<whole>\d+)(?:\.(?P<frac>\d*))?|\.(?P<frac2>\d+)"
_EXPONENT = (r"(?:\s*(?:\\times|\\cdot|\*|×|·)\s*10\s*\^\s*(?:\{\s*(?P<e1>[-+−]?\s*\d+)\s*\}|(?P<e2>[-+−]?\d))"
             r"|[eE](?P<e3>[-+]?\d+))?")
_PERCENT = r"\s*(?P<percent>\\%|%)?"
_NUMBER = re.compile(rf"^\s*{_SIGN}(?:{_MANTISSA}){_EXPONENT}{_PERCENT}\s*$")


def read_number(text: str) -> Written | None:
    r"""The number that ``text`` is, exactly as written, or None when it is not one plain number.

    Accepts a sign, digits with a decimal point, ``\%``, and a power of ten
    (``\times 10^{-5}``, ``\cdot 10^{3}``, ``e-7``).  Decimal commas and
    thousands separators are the document reader's business: it knows the
    document's language.

    >>> [read_number(t).value for t in ("-0.125", "2.", ".5", r"1.2 \cdot 10^{3}", "9.5e-7")]
    [-1/8, 2, 1/2, 1200, 19/20000000]
    >>> read_number("0.50").significant, read_number("1100").trailing_zeros, read_number("0.0171").significant
    (2, 2, 3)
    """
    if not isinstance(text, str) or len(text) > 200:
        return None
    m = _NUMBER.match(text)
    if not m:
        return None
    whole = m.group("whole") or "0"
    frac = m.group("frac") if m.group("frac") is not None else (m.group("frac2") or "")
    exponent_text = m.group("e1") or m.group("e2") or m.group("e3")
    exponent = int(exponent_text.replace("−", "-").replace(" ", "")) if exponent_text else 0
    negative = m.group("sign") in ("-", "−")
    value = Rational(f"{whole}.{frac}") if frac else Rational(whole)
    half = Rational(1, 2 * 10 ** len(frac))
    digits = (whole + frac).lstrip("0") or "0"
    trailing = 0
    if exponent_text:
        form = "scientific"
        value, half = value * Rational(10) ** exponent, half * Rational(10) ** exponent
    elif m.group("percent"):
        form = "percent"
        value, half = value / 100, half / 100
    elif frac or m.group("frac") is not None:
        form = "decimal"
    else:
        form = "integer"
        trailing = len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
    if exponent_text and m.group("percent"):
        return None
    return Written(-value if negative else value, half, len(digits), form, trailing, text.strip())
