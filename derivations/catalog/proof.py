r"""A catalog proof written as a textbook writes it: with names that stand for definitions, and hypotheses.

Textbooks write ``\frac{\partial L}{\partial z_j}`` with ``L`` and ``p_k``
defined once (``p_k = e^{z_k}/\sum_m e^{z_m}``), sums over the classes with
``j`` one of them, and use a stated hypothesis (``\sum_k y_k = 1``) in a step.
A :class:`Proof` carries both:

* ``where``: definitions, ``{L: -Sum(...)}`` for a name, ``{p: Lambda(k, ...)}``
  for an indexed family ``p_k``; the engine sees every name replaced by what it
  stands for, the reader sees the names;
* ``given``: substitutions that the stated assumptions justify, such as
  ``{n: j + r}`` (``j`` is one of the ``n`` classes: ``n = j + r`` with an
  integer ``r >= 0``) or ``{Sum(y[k], (k, 1, n)): 1}``; a step that needed one
  says so in its evidence.

Proving a step for every ``j`` and ``r >= 0`` is proving it for every
``1 <= j <= n``; a substitution that holds under the assumptions can only turn
true steps into true steps, so "proved" keeps its meaning: proved under the
assumptions the sheet states.

>>> from sympy import IndexedBase, Lambda, Symbol, exp, symbols
>>> z, p = IndexedBase("z", real=True), IndexedBase("p")
>>> j = Symbol("j", integer=True, positive=True)
>>> proof = Proof("demo", "demo", start=p[j] * 2, steps=[], where={p: Lambda(j, exp(z[j]))})
>>> proof.expand(p[j] * 2)
2*exp(z[j])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sympy import Basic, Indexed, IndexedBase, Lambda

from ..derivation import Derivation, Evidence
from ..render.printer import to_latex

__all__ = ["Proof", "definition_text"]


@dataclass
class Proof(Derivation):
    """A :class:`~derivations.derivation.Derivation` with definitions (``where``) and hypotheses (``given``)."""

    where: dict = field(default_factory=dict)
    given: dict = field(default_factory=dict)
    #: hypotheses used by one step only: step number (1-based) -> substitutions, applied after ``given``
    given_at: dict = field(default_factory=dict)

    def definitions(self) -> list[tuple[object, object]]:
        """``(name, what it stands for)`` for each definition, in order: ``(p[k], e^{z_k}/...)``, ``(L, ...)``."""
        out = []
        for name, definition in self.where.items():
            if isinstance(definition, Lambda):
                variables = definition.variables
                out.append((name[variables] if len(variables) > 1 else name[variables[0]], definition.expr))
            else:
                out.append((name, definition))
        return out

    def expand(self, expr):
        """``expr`` with every defined name replaced by its definition (repeatedly: definitions may use names)."""
        if not isinstance(expr, Basic) or not self.where:
            return expr
        names = {k: v for k, v in self.where.items() if not isinstance(k, IndexedBase)}
        families = {k: v for k, v in self.where.items() if isinstance(k, IndexedBase)}
        for _ in range(8):
            before = expr
            if names:
                expr = expr.xreplace(names)
            if families and expr.has(*families):
                expr = expr.replace(lambda e: isinstance(e, Indexed) and e.base in families,
                                    lambda e: families[e.base](*e.indices))
            if expr == before:
                break
        return expr

    def hypothesise(self, expr, used: set | None = None, step: int | None = None):
        """``expr`` under the hypotheses (``given``, then those of ``step``, in order);
        ``used`` collects those that changed it."""
        hypotheses = {**self.given, **self.given_at.get(step, {})}
        if not isinstance(expr, Basic) or not hypotheses:
            return expr
        for old, new in hypotheses.items():
            changed = expr.subs(old, new)  # a derivative with respect to ``old`` becomes one at the point ``new``
            if changed != expr and used is not None:
                used.add(old)
            expr = changed
        return expr

    def decide(self, previous, expr, relation: str = "=", *, step: int | None = None, **options) -> Evidence:
        """The engine's verdict on one step (number ``step``), with the definitions substituted and the
        hypotheses applied."""
        from ..equivalence import decide

        used: set = set()
        a = self.hypothesise(self.expand(previous), used, step)
        b = self.hypothesise(self.expand(expr), used, step)
        evidence = decide(a, b, relation, **options)
        hypotheses = {**self.given, **self.given_at.get(step, {})}
        facts = [old for old in hypotheses if old in used and not getattr(old, "is_Atom", False)]
        if facts and evidence.verdict in ("proved", "verified"):
            stated = "; ".join(f"{to_latex(old)} = {to_latex(hypotheses[old])}" for old in facts)
            evidence.detail = (evidence.detail + "; " if evidence.detail else "") + f"using {stated}"
        return evidence

    def check(self, **options) -> Proof:
        for number, (previous, step) in enumerate(self.links(), 1):
            step.evidence = self.decide(previous, step.expr, step.relation, step=number, **options)
        for part in self.parts:
            part.check(**options)
        return self


def definition_text(name, definition) -> str:
    r"""``$p_{k} = \frac{e^{z_{k}}}{…}$`` for a definition in ``where`` (for the sheet's assumptions)."""
    if isinstance(definition, Lambda):
        variables = definition.variables
        return f"${to_latex(name[variables] if len(variables) > 1 else name[variables[0]])} = {to_latex(definition.expr)}$"
    return f"${to_latex(name)} = {to_latex(definition)}$"
