r"""Worked chains: a quantity, its formula, the numbers put in, its value, each link checked as displayed.

The shared :class:`~derivations.derivation.Derivation` carries them to the
printers.  Here:

* a :class:`WorkedStep` is a ``Step`` whose ``expr`` is a written node
  (:mod:`.written`) and which knows its ``rule`` (what is checked,
  :mod:`.checking`) and, for a chain-rule formula, the ``reference`` value of
  the derivative;
* a :class:`WorkedDerivation` checks its own steps with :func:`.checking.check`
  (exact arithmetic and rigorous bounds; the engine only for identities such
  as the definition of σ), so ``check()`` is fast and sound for every size;
* :class:`Chain` builds one quantity's chain: ``Chain(name).define(formula)
  .substitute().value(real)``; relations are chosen from what is printed
  (``≈`` as soon as a rounded number appears), and a step that would change
  nothing is left out;
* :func:`section` groups chains under a heading: a derivation without a chain
  of its own (``start`` is None).

Justifications (``why``) are prose with math in ``$...$`` in course notation.

>>> from fractions import Fraction
>>> from derivations.numbers import DecimalPlaces
>>> from derivations.problems.exact import Real
>>> from derivations.problems.notation import quantity, weight, bias
>>> from derivations.problems.written import Name, Product, Sum
>>> d4 = DecimalPlaces(4)
>>> w, x, b = (Real.of(Fraction(v), given=True) for v in ("-1.5", "1", "3"))
>>> formula = Sum.of(Product.of(weight(1, 1, 2, w), quantity("a", 0, 2, real=x)), bias(1, 1, b))
>>> z = Real(formula)
>>> part = Chain(quantity("z", 1, 1, real=z), d4).define(formula).substitute().value(z).build("z", "z")
>>> [(s.relation, s.expr.latex(), s.evidence.verdict) for s in part.steps]
[('=', 'w^{[1]}_{12} x_2 + b^{[1]}_1', 'proved'), ('=', '(-1.5) \\cdot 1 + 3', 'proved'), ('=', '1.5', 'proved')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..derivation import Derivation, Step
from .checking import check
from .written import Node, Num, substitute

__all__ = ["WorkedStep", "WorkedDerivation", "Chain", "section"]


@dataclass
class WorkedStep(Step):
    """A displayed step of a worked exercise: ``expr`` is a written node; ``rule`` says how it is checked."""

    rule: str = "evaluate"
    reference: Any = None


@dataclass
class WorkedDerivation(Derivation):
    """A worked exercise, or one of its sections or chains; ``rounding`` is how its numbers are printed."""

    rounding: Any = None

    def check(self, **options) -> WorkedDerivation:
        """Check every displayed step as displayed (see :mod:`.checking`); returns self."""
        for previous, step in self.links():
            if isinstance(step, WorkedStep):
                step.evidence = check(previous, step.expr, step.relation, step.rule, self.rounding, step.reference)
        for part in self.parts:
            part.check(**options)
        return self


def _has_rounded(node: Node) -> bool:
    return any(isinstance(n, Num) and not n.exact for n in node.walk())


class Chain:
    """Builds the chain of one quantity; see the module docstring."""

    def __init__(self, start: Node, rounding):
        self.start, self.rounding = start, rounding
        self.steps: list[WorkedStep] = []

    @property
    def last(self) -> Node:
        return self.steps[-1].expr if self.steps else self.start

    def add(self, expr: Node, why: str = "", *, rule: str = "evaluate", relation: str | None = None,
            reference=None) -> Chain:
        if expr.latex() == self.last.latex():  # a step that changes nothing is not written
            return self
        if relation is None:
            relation = "="
            if rule in ("substitute", "evaluate") and _has_rounded(expr):
                relation = "approx"
            elif rule in ("substitute", "evaluate") and _has_rounded(self.last):
                before, after = self.last.rational(literal=True), expr.rational(literal=True)
                relation = "=" if before is not None and before == after else "approx"
        self.steps.append(WorkedStep(expr, why, relation, rule=rule, reference=reference))
        return self

    def define(self, formula: Node, why: str = "", *, rule: str = "definition", reference=None) -> Chain:
        return self.add(formula, why, rule=rule if reference is None else "derivative", reference=reference)

    def substitute(self, why: str = "") -> Chain:
        """The last expression with every name replaced by its number (given numbers exact, others rounded)."""
        return self.add(substitute(self.last, self.number), why, rule="substitute")

    def number(self, real) -> Num:
        return Num(real, self.rounding)

    def value(self, real, why: str = "") -> Chain:
        """End with the value of ``real`` (a Real, or rows of Reals for a matrix)."""
        if isinstance(real, list):
            from .written import Matrix
            return self.add(Matrix([[self.number(r) for r in row] for row in real]), why)
        return self.add(self.number(real), why)

    def build(self, id: str, title: str, *, statement: str = "", notes: str = "") -> WorkedDerivation:
        d = WorkedDerivation(id=id, title=title, start=self.start, steps=list(self.steps), statement=statement,
                             notes=notes, rounding=self.rounding)
        return d.check()


def section(id: str, title: str, parts, *, statement: str = "", notes: str = "", rounding=None) -> WorkedDerivation:
    """A heading over chains: a derivation without a chain of its own (``start`` None)."""
    return WorkedDerivation(id=id, title=title, start=None, statement=statement, notes=notes,
                            parts=list(parts), rounding=rounding)

