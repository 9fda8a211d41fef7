"""Step, Derivation and Evidence: the one data structure everything shares.

A derivation is a chain ``start R1 e1 R2 e2 ...``: each :class:`Step` holds the
new expression, the relation to the previous one (``=``, ``<=``, ...) and a
justification in words.  The catalog builds derivations, the problem solver
builds them, the document reader builds them from a student's text; the one
equivalence engine checks them; one printer per format renders them.

>>> from sympy import Symbol, exp
>>> from derivations import sigmoid
>>> x = Symbol('x')
>>> d = Derivation("demo", "sigma at 0", start=sigmoid(0), steps=[Step(1 / (1 + exp(0)), "definition")])
>>> d.check().all_proved
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import numbers as _numbers
from .vocabulary import Relation, Verdict

PROVED, VERIFIED, WRONG, UNKNOWN, UNCHECKED = "proved", "verified", "wrong", "unknown", "unchecked"
VERDICTS = tuple(v.value for v in Verdict)

#: the relations a step may have (a definition ``:=`` is not a step)
RELATIONS = tuple(r.value for r in Relation if r.checked and r is not Relation.NE)


class DecimalPlaces(int, _numbers.Rounding):
    """Deprecated: use :class:`derivations.numbers.DecimalPlaces`.

    A thin alias kept while the printers still take ``digits`` as an ``int``:
    it is an ``int`` (so code that only passes ``digits`` along needs no
    change) and a :class:`derivations.numbers.Rounding` that prints exactly as
    ``numbers.DecimalPlaces`` does.

    >>> from sympy import Rational
    >>> d = DecimalPlaces(2)
    >>> d + 0, d.text(Rational(1, 8)), d.describe(), d.rounding
    (2, '0.13', '2 decimal places', DecimalPlaces(2))
    """

    @property
    def count(self) -> int:
        return int(self)

    @property
    def rounding(self) -> _numbers.DecimalPlaces:
        """The same rounding as the number module's type."""
        return _numbers.DecimalPlaces(int(self))

    def printed(self, value):
        return self.rounding.printed(value)

    def describe(self) -> str:
        return self.rounding.describe()

    def __repr__(self):
        return f"DecimalPlaces({int(self)})"

    def __str__(self):
        return str(int(self))


@dataclass
class Evidence:
    """What the engine found: a verdict, how, and (when wrong) where.

    ``point`` maps names to the values of a counterexample (an entry of an
    indexed family is named ``z_{1}``; a matrix is a SymPy matrix) and
    ``values`` holds both sides there (numbers or strings of numbers).
    ``functions`` names the concrete functions a counterexample put in for
    unknown ones: name -> LaTeX of the function in its argument's name
    (``{"J": "h^{2}", "h": "3 w"}``); a key ``"J(u)"`` when the argument is not
    a name.

    >>> Evidence("wrong", "unknown functions", "the two sides differ", {"w": 1}, (18, 30),
    ...          functions={"J": "h^{2}", "h": "3 w"}).describe()
    'wrong (unknown functions): the two sides differ; with J = h^{2}, h = 3 w at w = 1: 18 vs 30'
    """

    verdict: str
    method: str
    detail: str = ""
    point: dict[str, Any] | None = None
    values: tuple[Any, Any] | None = None
    functions: dict[str, str] | None = None

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")

    def describe(self) -> str:
        """One line for people: the verdict, the method and the counterexample."""
        text = f"{self.verdict} ({self.method})"
        if self.detail:
            text += f": {self.detail}"
        if self.point is not None and self.values is not None:
            where = []
            if self.functions:
                where.append("with " + ", ".join(f"{k} = {v}" for k, v in self.functions.items()))
            if self.point or not self.functions:
                where.append("at " + (", ".join(f"{k} = {v}" for k, v in self.point.items()) or "the given values"))
            text += f"; {' '.join(where)}: {self.values[0]} vs {self.values[1]}"
        return text

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"verdict": self.verdict, "method": self.method, "detail": self.detail}
        if self.point is not None:
            out["point"] = {k: str(v) for k, v in self.point.items()}
        if self.values is not None:
            out["values"] = [str(v) for v in self.values]
        if self.functions:
            out["functions"] = dict(self.functions)
        return out


@dataclass
class Step:
    """One link of a chain: ``previous <relation> expr``, because ``why``."""

    expr: Any
    why: str
    relation: str = "="
    evidence: Evidence | None = None
    line: int | None = None
    source: str = ""   # the expression as written, for a step read from a document

    def __post_init__(self):
        if self.relation not in RELATIONS:
            raise ValueError(f"unknown relation {self.relation!r}; use one of {RELATIONS}")


@dataclass
class Derivation:
    """An ordered chain of justified steps from ``start``, under ``assumptions``.

    ``assumptions`` is text for readers (the symbols themselves carry SymPy
    assumptions such as ``positive=True``); ``digits`` is how printers round
    the SymPy numbers of the steps: a :class:`derivations.numbers.Rounding`
    (an ``int`` means significant digits, the old :class:`DecimalPlaces`
    decimal places; None: exact).  ``start`` is None for a derivation without
    a chain of its own (a worked problem, or a section of one: heading,
    statement, notes and parts only).  Worked exercises print their own
    numbers (:mod:`derivations.problems.written`) and leave ``digits`` None.
    """

    id: str
    title: str
    start: Any
    steps: list[Step] = field(default_factory=list)
    assumptions: str = ""
    statement: str = ""
    digits: _numbers.Rounding | int | None = None
    notes: str = ""
    parts: list[Derivation] = field(default_factory=list)

    def _repr_html_(self):
        from .render.notebook import html_repr

        return html_repr(self)

    def _repr_latex_(self):
        from .render.notebook import latex_repr

        return latex_repr(self)

    @property
    def end(self):
        return self.steps[-1].expr if self.steps else self.start

    def links(self):
        """Pairs (previous expression, step) in order."""
        previous = self.start
        for step in self.steps:
            yield previous, step
            previous = step.expr

    def check(self, **options) -> Derivation:
        """Give every step (and every part) evidence from the engine; returns self."""
        from .equivalence import decide

        for previous, step in self.links():
            step.evidence = decide(previous, step.expr, step.relation, **options)
        for part in self.parts:
            part.check(**options)
        return self

    def all_steps(self):
        """Every step, of this chain and its parts, in order."""
        for _, step in self.links():
            yield step
        for part in self.parts:
            yield from part.all_steps()

    @property
    def all_proved(self) -> bool:
        steps = list(self.all_steps())
        return bool(steps) and all(s.evidence is not None and s.evidence.verdict == PROVED for s in steps)

    @property
    def sound(self) -> bool:
        """True when no step is wrong or unknown (each proved or verified)."""
        steps = list(self.all_steps())
        return bool(steps) and all(
            s.evidence is not None and s.evidence.verdict in (PROVED, VERIFIED) for s in steps
        )
