"""Worked solutions as text for the terminal: each chain a line per step, math in Unicode.

>>> from derivations.problems import loads, solve
>>> [p] = loads('[[problem]]\\nid = "c"\\nkind = "parameters"\\nsizes = [2, 3, 1]\\n')
>>> print(render_solution(solve(p)))  # doctest: +ELLIPSIS
Problem c (parameters): Parameters of a 2 → 3 → 1 network
...
  Layer 1 (2 → 3)
  P⁽¹⁾ = n₀·n₁ + n₁    [W⁽¹⁾ is n₁ × n₀, b⁽¹⁾ has n₁ entries]
      = 2·3 + 3
      = 9
...
"""

from __future__ import annotations

from .notation import terminal

__all__ = ["render_solution", "render_text", "chain_lines"]

_RELATIONS = {"=": "=", "<=": "≤", "<": "<", ">=": "≥", ">": ">", "approx": "≈"}


def chain_lines(part, indent: str = "  ") -> list[str]:
    """A chain: its start, then one line per step with the justification in brackets."""
    lines = []
    if part.title and part.start is not None and terminal(part.title) != part.start.text():
        lines.append(indent + terminal(part.title))
    if part.statement:
        lines.append(indent + terminal(part.statement))
    if part.start is None:
        return lines
    head = indent + part.start.text() + " "
    pad = " " * (len(head) - len(indent) - 1)
    first = True
    for step in part.steps:
        why = f"    [{terminal(step.why)}]" if step.why else ""
        prefix = head if first else indent + pad
        lines.append(f"{prefix}{_RELATIONS[step.relation]} {step.expr.text()}{why}")
        first = False
    if not part.steps:
        lines.append(head.rstrip())
    return lines


def _section_lines(section, depth: int) -> list[str]:
    out = []
    if section.start is None:
        out.append("")
        out.append(terminal(section.title))
        if section.statement:
            out.append("  " + terminal(section.statement))
        for part in section.parts:
            out.extend(_section_lines(part, depth + 1))
        if section.notes:
            out.append("  " + terminal(section.notes))
    else:
        out.extend(chain_lines(section))
    return out


def render_solution(solution) -> str:
    """The whole worked solution of one problem as text."""
    d = solution.derivation
    out = [f"Problem {solution.problem.id} ({solution.problem.kind}): {terminal(d.title)}"]
    if d.statement:
        out.append(terminal(d.statement))
    if d.notes:
        out.append(terminal(d.notes))
    for part in d.parts:
        out.extend(_section_lines(part, 1))
    return "\n".join(out)


def render_text(solutions) -> str:
    return "\n\n".join(render_solution(s) for s in solutions) + "\n"
