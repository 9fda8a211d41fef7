"""Check a whole document: every link of every chain, in order, with givens in scope.

A chain whose first side is a new name (``z_1 = ...``) or a new function
(``s(x) = ...``) defines it: that first link is not a step, the links after
it are.  Givens in inline math (``$x_1 = 1, x_2 = 0$``) or prose
(``z_A = 7``) bind names for what follows.  A line that cannot be parsed gives
an *unchecked* step with its reason, and the rest is still checked.  Each step
is compared with the student's own previous side, so one slip is reported once.

>>> from derivations.parse.documents import read_text
>>> report = check(read_text("$$s(x) = x^2$$\\n\\n$$s'(x) = 2x = 3x$$\\n"))
>>> [(s.line, s.verdict) for s in report.steps]
[(3, 'proved'), (3, 'wrong')]
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from sympy import Function, Symbol
from sympy.core.function import AppliedUndef

from ..derivation import UNCHECKED, VERDICTS, WRONG
from ..engine.limits import TimeLimitExceeded, time_limit
from ..parse.documents import Chain, Document, Prose, Unreadable
from ..parse.latex import ParseError, parse_expression
from ..vocabulary import Relation
from .diagnose import diagnose
from .judge import Judgement, Side, judge
from .scope import Scope

_FUNCTION_HEAD = re.compile(r"^\s*([A-Za-z]|\\[A-Za-z]+|\\operatorname\{\w+\}|\\mathrm\{\w+\})\s*"
                            r"(?:\\left)?\(\s*([A-Za-z](?:_\{?\w+\}?)?)\s*(?:\\right)?\)\s*$")
# a given in prose names an indexed quantity (z_A = 7, w_{11} = 0.5); "at x = 0" is not a given
_PROSE_GIVEN = re.compile(r"(?<![\w\\$])([A-Za-z]_\{?[A-Za-z0-9,]+\}?)\s*=\s*(-?\d+(?:\.\d+)?)(?![\w.])")


def _decoration(name: str) -> str:
    """The indices of a symbol's name: '_{1}' for 'h_{1}', '^{[2]}' for 'a^{[2]}'."""
    m = re.match(r"^(\\[A-Za-z]+|[A-Za-z])('*)(.*)$", name)
    return m.group(3) if m else ""


@dataclass
class StepReport:
    """One step as reported.  ``detail``, ``slip`` and ``note`` are prose with ``$LaTeX$``;
    ``counterexample`` is the judge's (LaTeX strings); ``follows`` is the line of the earlier
    wrong step a ``follows`` verdict carries forward (see :mod:`.report_json`)."""

    line: int
    claim: str
    verdict: str
    detail: str
    expected: object = None
    lhs: str = ""
    rhs: str = ""
    relation: str = "="
    seconds: float = 0.0
    slip: str = ""
    counterexample: dict | None = None
    slip_kind: str = ""
    note: str = ""
    follows: int | None = None

    def as_dict(self) -> dict:
        from .report_json import step_json

        return step_json(self)


@dataclass
class FileReport:
    path: str
    steps: list[StepReport] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        """Steps per reported verdict: proved, verified, wrong, follows, unchecked."""
        from .report_json import counts

        return counts(self)

    @property
    def checked(self) -> bool:
        """False when nothing could be checked (no step, or every step unchecked)."""
        from .report_json import file_status

        return file_status(self) == "checked"

    @property
    def first_wrong_line(self) -> int | None:
        return next((s.line for s in self.steps if s.verdict == WRONG), None)

    def as_dict(self) -> dict:
        from .report_json import file_json

        return file_json(self)


@dataclass
class Limits:
    step_seconds: float = 5.0
    document_seconds: float = 120.0


class _Checker:
    def __init__(self, doc: Document, limits: Limits):
        self.doc = doc
        self.limits = limits
        self.scope = Scope()
        self.report = FileReport(doc.path)
        self.started = time.monotonic()

    # -- parsing -----------------------------------------------------------------
    def _functions(self) -> dict:
        return {name: True for name in self.scope.functions}

    def _variables(self) -> list[str]:
        return [s.name for s in self.scope.values if isinstance(s, Symbol)]

    def parse(self, text: str, extra_functions=()):
        functions = self._functions()
        functions.update({f: True for f in extra_functions})
        arrays = [s.name for s in self.scope.values if isinstance(s, Symbol) and not s.is_commutative]
        return parse_expression(text, functions=functions, variables=self._variables(), arrays=arrays)

    # -- the document ------------------------------------------------------------
    def run(self) -> FileReport:
        for item in self.doc.items:
            if isinstance(item, Unreadable):
                self.report.errors.append({"line": item.line, "reason": item.reason})
                self._add(item.line, item.text.strip()[:200], UNCHECKED, item.reason)
            elif isinstance(item, Prose):
                self._prose(item)
            elif isinstance(item, Chain):
                self._chain(item)
        self.report.seconds = time.monotonic() - self.started
        return self.report

    def _add(self, line, claim, verdict, detail, expected=None, **sides):
        assert verdict in VERDICTS
        self.report.steps.append(StepReport(line, claim, str(verdict), detail, expected, **sides))

    def _prose(self, item: Prose):
        for m in _PROSE_GIVEN.finditer(item.text):
            try:
                name = self.parse(m.group(1))
                value = self.parse(m.group(2))
            except ParseError:
                continue
            if isinstance(name, Symbol):
                self.scope.bind(name, value)

    def _definition(self, chain: Chain, sides) -> int:
        """Bind what the chain defines; return the index of the first side that starts a step."""
        if len(sides) < 2 or sides[0] is None or sides[1] is None or chain.parts[1].relation != "=":
            return 0
        head, value = sides[0].expr, sides[1].expr
        if isinstance(head, AppliedUndef) and head.func.__name__ in self._pending_functions:
            params = head.args
            if all(isinstance(p, Symbol) for p in params) and not value.has(head.func):
                self.scope.define_function(head.func.__name__, params, value)
                return 1
            return 0
        if isinstance(head, Symbol) and head not in value.free_symbols:
            bound = self.scope.is_bound(head)
            given_again = bound and len(sides) == 2 and getattr(value, "is_number", False) \
                and getattr(self.scope.values[head], "is_number", False)
            if not bound or given_again:
                if head.is_commutative and not value.is_commutative:
                    # h = W^{[1]}x + b^{[1]} makes h a vector: from now on it is read as one
                    head = Symbol(head.name, commutative=False)
                self.scope.bind(head, self._with_dependency(head, value))
                return 1
        return 0

    def _with_dependency(self, head: Symbol, value):
        """``h_1 = \\sigma(0.5)`` right after ``z_1 = ... = 0.5``: read as \\sigma(z_1).

        A student who writes a unit's activation of a number means the activation
        of the unit's pre-activation; the number alone would lose that h_1 depends
        on the weights.  The name is taken only when exactly one earlier name
        with the same index (the part after the letter) was defined by a formula
        and has exactly that value; the value is unchanged either way.
        """
        decoration = _decoration(head.name)
        if not decoration:
            return value
        applied = [f for f in value.atoms(Function) if len(f.args) == 1 and f.args[0].is_number]
        mapping = {}
        for f in applied:
            candidates = []
            for name, definition in self.scope.values.items():
                if (isinstance(name, Symbol) and name != head and _decoration(name.name) == decoration
                        and not getattr(definition, "is_number", True)):
                    try:
                        if self.scope.resolve(name) == f.args[0]:
                            candidates.append(name)
                    except Exception:
                        continue
            if len(candidates) == 1:
                mapping[f] = f.func(candidates[0])
        return value.xreplace(mapping) if mapping else value

    def _chain(self, chain: Chain):
        self._pending_functions = set()
        first = chain.parts[0].text
        m = _FUNCTION_HEAD.match(first)
        if m and len(chain.parts) > 1 and m.group(1) not in self.scope.functions and len(m.group(1)) == 1:
            self._pending_functions.add(m.group(1))
        sides: list[Side | None] = []
        errors: list[str | None] = []
        for part in chain.parts:
            try:
                sides.append(Side(part.text, self.parse(part.text, self._pending_functions)))
                errors.append(None)
            except ParseError as exc:
                sides.append(None)
                errors.append(str(exc))
            except (RecursionError, ArithmeticError, MemoryError, ValueError, TypeError, KeyError, IndexError,
                    AttributeError, NotImplementedError) as exc:  # a parser failure: unreadable, never a crash
                sides.append(None)
                errors.append(f"the expression could not be read ({type(exc).__name__})")
        start = self._definition(chain, sides)
        first_wrong = None
        for k in range(start + 1, len(chain.parts)):
            part, before = chain.parts[k], chain.parts[k - 1]
            claim = f"{before.text} {_relation_latex(part.relation)} {part.text}"
            where = dict(lhs=before.text, rhs=part.text, relation=part.relation or "=")
            if sides[k - 1] is None or sides[k] is None:
                bad = k if sides[k] is None else k - 1
                self._add(part.line, claim, UNCHECKED, f"line {chain.parts[bad].line}: cannot read "
                          f"{chain.parts[bad].text!r}: {errors[bad]}", **where)
                continue
            started = time.perf_counter()
            j = self._judge(sides[k - 1], sides[k], part.relation)
            extra = {}
            if j.verdict == WRONG:
                extra = self._diagnose(chain, sides, start, k, first_wrong)
                first_wrong = first_wrong or part.line
            self._add(part.line, claim, j.verdict, j.detail, j.expected, seconds=time.perf_counter() - started,
                      counterexample=j.counterexample if j.verdict == WRONG else None, **extra, **where)

    def _remaining(self) -> float:
        return self.limits.document_seconds - (time.monotonic() - self.started)

    def _judge(self, previous: Side, current: Side, relation: str) -> Judgement:
        remaining = self._remaining()
        if remaining <= 0:
            return Judgement(UNCHECKED, "the document's time limit was reached before this step")
        try:
            with time_limit(min(self.limits.step_seconds, remaining)):
                return judge(previous, current, relation, self.scope,
                             reparse=lambda text: self.parse(text, self._pending_functions))
        except TimeLimitExceeded:
            return Judgement(UNCHECKED, f"time limit of {self.limits.step_seconds:g} s for a step exceeded")
        except RecursionError:
            return Judgement(UNCHECKED, "the expression is nested too deeply to check")
        except (ArithmeticError, MemoryError, ValueError, TypeError, KeyError, IndexError, AttributeError,
                NotImplementedError) as exc:  # an engine failure on hostile input: unchecked, never a crash
            return Judgement(UNCHECKED, f"the engine could not check this step ({type(exc).__name__})")

    def _diagnose(self, chain: Chain, sides, start: int, k: int, first_wrong) -> dict:
        """The likely slip of the wrong step k, and whether the chain's result is right after all."""
        previous, current = sides[k - 1], sides[k]
        notes = []
        try:
            with time_limit(min(self.limits.step_seconds, max(self._remaining(), 0.1))):
                origin = sides[start]
                if first_wrong is not None and origin is not None and k - 1 > start and \
                        judge(origin, current, "=", self.scope).verdict in ("proved", "verified"):
                    notes.append(f"${current.text}$ equals the start of the chain, ${origin.text}$ "
                                 f"(line {chain.parts[start].line}): the result is right, but the chain is "
                                 f"broken at line {first_wrong}")
                else:
                    slip = diagnose(previous, current, self.scope, relation=chain.parts[k].relation or "=")
                    if slip is not None:
                        return {"slip": slip.text, "slip_kind": slip.kind}
        except (TimeLimitExceeded, RecursionError):
            pass
        except Exception:  # a diagnosis is a bonus: never let it cost the verdict
            pass
        return {"note": "; ".join(notes)}


def _relation_latex(relation) -> str:
    try:
        return Relation.of(relation or "=").latex
    except ValueError:
        return str(relation)


def check(doc: Document, limits: Limits | None = None) -> FileReport:
    """Check every step of a read document."""
    return _Checker(doc, limits or Limits()).run()
