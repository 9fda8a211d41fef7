"""Read problem files (TOML) into validated problems with exact numbers.

Decimals are read exactly (``parse_float=Decimal``, so 0.1 is 1/10); text where
a number belongs, wrong matrix shapes, unknown activations or losses and
missing fields are reported with the file, line, problem id and field.  Every
problem in a file is validated; all errors are raised together.

>>> problems = loads('''
... [[problem]]
... id = "count"
... kind = "parameters"
... sizes = [6, 32, 32, 32, 4]
... ''')
>>> problems[0].id, problems[0].spec.sizes
('count', [6, 32, 32, 32, 4])
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from sympy import Integer, Rational

from ..numbers import DecimalPlaces
from .errors import ProblemError, ProblemFileError

__all__ = ["Problem", "Fields", "load", "loads", "exact", "COMMON_FIELDS", "DEFAULT_DIGITS"]

DEFAULT_DIGITS = 4
COMMON_FIELDS = ("id", "kind", "digits", "title", "statement", "vary")
_FRACTION = re.compile(r"^\s*([+-]?\d+)\s*/\s*(\d+)\s*$")


def exact(value) -> Rational:
    """A SymPy Rational from an int, a Decimal or a Fraction (never from a float or text).

    >>> exact(Decimal("0.1")), exact(Fraction(1, 3)), exact(7)
    (1/10, 1/3, 7)
    """
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, int):
        return Integer(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("must be a finite number")
        return Rational(str(value))
    if isinstance(value, Fraction):
        return Rational(value.numerator, value.denominator)
    raise TypeError(f"not an exact number: {value!r}")


@dataclass
class Problem:
    """One validated exercise: its id, kind, rounding (``digits`` decimal places) and kind-specific ``spec``.

    ``vary`` is the file's ``[problem.vary]`` table (what per-student variants may change), as read.
    """

    id: str
    kind: str
    spec: Any
    digits: DecimalPlaces = DecimalPlaces(DEFAULT_DIGITS)
    title: str = ""
    statement: str = ""
    line: int | None = None
    vary: Any = None


class _Locator:
    """Line numbers of ``[[problem]]`` sections, their ``[[problem.X]]`` sub-tables and keys."""

    _HEADER = re.compile(r"^\s*\[\[\s*problem\s*(?:\.\s*([A-Za-z0-9_-]+)\s*)?\]\]")

    def __init__(self, text: str):
        self.lines = text.splitlines()
        # problems[k] = (line index, {subtable name: [line index, ...]})
        self.problems: list[tuple[int, dict[str, list[int]]]] = []
        for i, line in enumerate(self.lines):
            m = self._HEADER.match(line)
            if not m:
                continue
            if m.group(1) is None:
                self.problems.append((i, {}))
            elif self.problems:
                self.problems[-1][1].setdefault(m.group(1), []).append(i)

    _TABLE = re.compile(r"^\s*\[{1,2}\s*[A-Za-z_\"'][A-Za-z0-9_\-.\"' ]*\]{1,2}\s*(#.*)?$")

    def _section_end(self, start: int) -> int:
        for i in range(start + 1, len(self.lines)):
            if self._TABLE.match(self.lines[i]):
                return i
        return len(self.lines)

    def line(self, problem: int, table: tuple[str, int] | None = None, key: str | None = None) -> int | None:
        """1-based line of a key (or of the section header when the key is not found)."""
        if problem >= len(self.problems):
            return None
        start, tables = self.problems[problem]
        if table is not None:
            starts = tables.get(table[0], [])
            if table[1] >= len(starts):
                return start + 1
            start = starts[table[1]]
        if key is not None:
            pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
            for i in range(start + 1, self._section_end(start)):
                if pattern.match(self.lines[i]):
                    return i + 1
        return start + 1


class Fields:
    """Typed, checked access to one TOML table of a problem; errors name id, field and line."""

    def __init__(self, raw: dict, *, problem: str, locate, prefix: str = "", table=None, path=None):
        if not isinstance(raw, dict):
            raise ProblemError("must be a table", problem=problem, field=prefix.rstrip(".") or None,
                               line=locate(table, None), path=path)
        self.raw = raw
        self.problem = problem
        self.prefix = prefix
        self._locate = locate
        self._table = table
        self.path = path
        self.used: set[str] = set()

    # -- errors -------------------------------------------------------------------------------
    def error(self, key: str | None, message: str) -> ProblemError:
        return ProblemError(message, problem=self.problem,
                            field=(self.prefix + key) if key else (self.prefix.rstrip(".") or None),
                            line=self._locate(self._table, key), path=self.path)

    def has(self, key: str) -> bool:
        return key in self.raw

    def get(self, key: str, default: Any = ...) -> Any:
        self.used.add(key)
        if key not in self.raw:
            if default is ...:
                raise self.error(key, "is missing")
            return default
        return self.raw[key]

    # -- typed readers ---------------------------------------------------------------------------
    def _number(self, key: str, value, what: str = "a number") -> Rational:
        if isinstance(value, str):
            m = _FRACTION.match(value)
            if m and int(m.group(2)) != 0:
                return Rational(int(m.group(1)), int(m.group(2)))
            raise self.error(key, f"expected {what}, found text {value!r}")
        if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)):
            raise self.error(key, f"expected {what}, found {_describe(value)}")
        try:
            return exact(value)
        except (TypeError, ValueError) as exc:
            raise self.error(key, f"expected {what}: {exc}") from None

    def number(self, key: str, default: Any = ..., *, positive=False, nonnegative=False) -> Rational:
        value = self.get(key, default)
        if value is default and default is not ...:
            return default
        n = self._number(key, value)
        if positive and not n > 0:
            raise self.error(key, f"must be positive, found {_show(value)}")
        if nonnegative and n < 0:
            raise self.error(key, f"must not be negative, found {_show(value)}")
        return n

    def integer(self, key: str, default: Any = ..., *, minimum: int | None = None,
                maximum: int | None = None) -> int:
        value = self.get(key, default)
        if value is default and default is not ...:
            return default
        return self._integer(key, value, minimum, maximum)

    def _integer(self, key, value, minimum=None, maximum=None, what="a whole number") -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str):
                raise self.error(key, f"expected {what}, found text {value!r}")
            raise self.error(key, f"expected {what}, found {_describe(value)}")
        if minimum is not None and value < minimum:
            raise self.error(key, f"must be at least {minimum}, found {value}")
        if maximum is not None and value > maximum:
            raise self.error(key, f"must be at most {maximum}, found {value}")
        return value

    def class_number(self, key: str, classes: int) -> int:
        """A class number, counted from 1 (a 0 gets a message saying so)."""
        value = self.get(key)
        if value == 0 and not isinstance(value, bool):
            raise self.error(key, f"classes are numbered from 1 to {classes}; found 0 (the first class is 1)")
        return self._integer(key, value, 1, classes)

    def integers(self, key: str, *, minimum: int | None = None, min_length: int = 1) -> list[int]:
        value = self.get(key)
        if not isinstance(value, list):
            raise self.error(key, f"expected a list of whole numbers, found {_describe(value)}")
        if len(value) < min_length:
            raise self.error(key, f"needs at least {min_length} entries, found {len(value)}")
        return [self._integer(key, v, minimum, None, "whole numbers") for v in value]

    def vector(self, key: str, length: int | None = None, default: Any = ...,
               what: str | None = None) -> list[Rational]:
        value = self.get(key, default)
        if value is default and default is not ...:
            return default
        if not isinstance(value, list):
            raise self.error(key, f"expected a list of numbers, found {_describe(value)}")
        if length is not None and len(value) != length:
            raise self.error(key, f"expected {length} {'number' if length == 1 else 'numbers'}"
                                  f"{' (' + what + ')' if what else ''}, found {len(value)}")
        if not value:
            raise self.error(key, "must not be empty")
        return [self._number(key, v, "numbers") for v in value]

    def matrix(self, key: str, rows: int | None = None, cols: int | None = None,
               what: str | None = None) -> list[list[Rational]]:
        value = self.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(r, list) for r in value):
            raise self.error(key, f"expected a matrix (a list of rows, each a list of numbers), "
                                  f"found {_describe(value)}")
        shape = f"{len(value)} x {len(value[0])}"
        if any(len(r) != len(value[0]) for r in value):
            raise self.error(key, "rows have different lengths: " + ", ".join(str(len(r)) for r in value))
        want_rows = rows if rows is not None else len(value)
        want_cols = cols if cols is not None else len(value[0])
        if (len(value), len(value[0])) != (want_rows, want_cols) or not value[0]:
            raise self.error(key, f"expected shape {want_rows} x {want_cols}"
                                  f"{' (' + what + ')' if what else ''}, found {shape}")
        return [[self._number(key, v, "numbers") for v in row] for row in value]

    def text(self, key: str, default: Any = ..., choices=None) -> str:
        value = self.get(key, default)
        if value is default and default is not ...:
            return default
        if not isinstance(value, str):
            raise self.error(key, f"expected text, found {_describe(value)}")
        if choices is not None and value not in choices:
            raise self.error(key, f"unknown value {value!r}; choose one of {', '.join(choices)}")
        return value

    def tables(self, key: str, min_count: int = 1) -> list[Fields]:
        value = self.get(key)
        if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
            raise self.error(key, f"expected [[problem.{key}]] tables, found {_describe(value)}")
        if len(value) < min_count:
            raise self.error(key, f"needs at least {min_count} [[problem.{key}]] table(s)")
        return [Fields(t, problem=self.problem, locate=self._locate, prefix=f"{key}[{i + 1}].",
                       table=(key, i), path=self.path) for i, t in enumerate(value)]

    def finish(self, allowed) -> None:
        """Reject keys nobody read: a typo must not be ignored silently."""
        unknown = sorted(set(self.raw) - set(allowed) - self.used)
        if unknown:
            close = difflib.get_close_matches(unknown[0], list(allowed), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise self.error(unknown[0], f"unknown field; {hint}known fields here: " + ", ".join(sorted(allowed)))


def _describe(value) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (int, Decimal)):
        return f"the number {value}"
    return type(value).__name__


def _show(value) -> str:
    return str(value)


def loads(text: str, path: str | None = None) -> list[Problem]:
    """Problems from TOML text; raises :class:`ProblemFileError` listing every error."""
    from . import kinds

    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ProblemFileError([ProblemError(f"invalid TOML: {exc}", path=path,
                                             line=getattr(exc, "lineno", None))]) from None
    locator = _Locator(text)
    raw_problems = data.get("problem")
    if not isinstance(raw_problems, list) or not raw_problems or not all(isinstance(p, dict) for p in raw_problems):
        raise ProblemFileError([ProblemError("no problems: write each one as a [[problem]] table",
                                             path=path)])
    problems, errors, seen = [], [], {}
    for k, raw in enumerate(raw_problems):
        pid = raw.get("id") if isinstance(raw.get("id"), str) and raw.get("id") else f"#{k + 1}"

        def locate(table, key, k=k):
            return locator.line(k, table, key)

        f = Fields(raw, problem=pid, locate=locate, path=path)
        try:
            f.text("id")
            if not pid.strip():
                raise f.error("id", "must not be empty")
            if pid in seen:
                raise f.error("id", f"duplicate id (also problem number {seen[pid]})")
            seen[pid] = k + 1
            kind = f.text("kind", choices=tuple(kinds.KINDS))
            digits = f.integer("digits", DEFAULT_DIGITS, minimum=0, maximum=15)
            title = f.text("title", "")
            statement = f.text("statement", "")
            module = kinds.KINDS[kind]
            f.finish(COMMON_FIELDS + tuple(module.FIELDS))  # typos first: "learning_rat" before "missing"
            spec = module.parse(f)
            vary = None
            if f.has("vary"):
                from .vary import read_vary
                vary = read_vary(f, kind, spec)
            f.finish(COMMON_FIELDS + tuple(module.FIELDS))
            problems.append(Problem(pid, kind, spec, DecimalPlaces(digits), title, statement, locator.line(k),
                                    vary))
        except ProblemError as exc:
            errors.append(exc)
    if errors:
        raise ProblemFileError(errors)
    return problems


def load(path) -> list[Problem]:
    """Problems from a TOML file (see :func:`loads`)."""
    name = str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise ProblemFileError([ProblemError(f"cannot read the file: {exc.strerror}", path=name)]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProblemFileError([ProblemError(f"not UTF-8 text (byte {exc.start})", path=name)]) from None
    return loads(text, path=name)
