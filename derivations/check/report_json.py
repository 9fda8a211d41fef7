r"""The checker's report as JSON: one documented form per field (README, "check --json").

Every value is a JSON number, a LaTeX string, or prose whose math is LaTeX
between ``$`` signs; each field always has the same one of these forms:

======================  ========================================================================
field                   form
======================  ========================================================================
``line``                integer: the 1-based source line of the step's right side
``claim``               LaTeX: ``lhs relation rhs`` as written
``lhs``, ``rhs``        LaTeX as written
``relation``            ``=``, ``approx``, ``<=``, ``<``, ``>=``, ``>`` or ``!=``
``verdict``             ``proved``, ``verified``, ``wrong``, ``follows`` or ``unchecked``
``detail``              prose with ``$LaTeX$``: why
``slip``                prose with ``$LaTeX$``, or null: the likely slip of a wrong step
``slip_kind``           string (a key of :data:`derivations.check.diagnose.KINDS`), or null
``note``                prose with ``$LaTeX$``, or null: anything else a grader should know
``counterexample``      null, or ``{"point": {name: LaTeX}, "left": LaTeX, "right": LaTeX}``
``correct_value``       number (a double), or null: the right value of a wrong step between numbers
``follows``             integer or null: for ``follows``, the line of the earlier wrong step
======================  ========================================================================

A step that ``follows`` is right given the student's own earlier wrong
value: the error is counted once, at the line ``follows`` names.

>>> from derivations.check import check_text
>>> data = file_json(check_text("$$1 + 1 = 2 = 3$$", path="a.md"))
>>> data["status"], data["summary"]["wrong"], data["steps"][1]["correct_value"]
('checked', 1, 2.0)
"""

from __future__ import annotations

import json

from ..numbers import to_float
from ..vocabulary import Verdict

__all__ = ["step_json", "file_json", "reports_json", "REPORTED", "file_status", "counts"]

#: the verdicts a report shows, in order (the engine's "unknown" is shown as unchecked)
REPORTED = (Verdict.PROVED, Verdict.VERIFIED, Verdict.WRONG, Verdict.FOLLOWS, Verdict.UNCHECKED)


def reported(verdict) -> Verdict:
    try:
        return Verdict.of(verdict).reported
    except ValueError:
        return Verdict.UNCHECKED


def counts(report) -> dict[str, int]:
    """Steps per reported verdict (every key present)."""
    out = {v.value: 0 for v in REPORTED}
    for s in report.steps:
        out[reported(s.verdict).value] += 1
    return out


def file_status(report) -> str:
    """``checked`` when some step was decided, ``nothing checked`` otherwise (no step, or all unchecked)."""
    return "checked" if any(reported(s.verdict).decided for s in report.steps) else "nothing checked"


def _number(value):
    if value is None:
        return None
    try:
        number = to_float(value)
    except (TypeError, ValueError, ArithmeticError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def _or_none(text):
    return text if text else None


def step_json(step) -> dict:
    """One step as the documented JSON object."""
    follows = getattr(step, "follows", None)
    return {
        "line": step.line, "claim": step.claim, "lhs": step.lhs, "relation": str(step.relation),
        "rhs": step.rhs, "verdict": reported(step.verdict).value, "detail": step.detail,
        "slip": _or_none(getattr(step, "slip", "")), "slip_kind": _or_none(getattr(step, "slip_kind", "")),
        "note": _or_none(getattr(step, "note", "")), "counterexample": step.counterexample or None,
        "correct_value": _number(step.expected), "follows": follows if isinstance(follows, int) else None,
    }


def file_json(report) -> dict:
    """One checked document: its steps, lines that could not be read, a summary and a status."""
    summary = {"steps": len(report.steps), **counts(report)}
    return {"path": report.path, "status": file_status(report), "steps": [step_json(s) for s in report.steps],
            "errors": list(report.errors), "summary": summary}


def unreadable_json(path: str, error: str) -> dict:
    """A file that could not be read at all."""
    return {"path": path, "status": "unreadable", "error": error, "steps": [], "errors": [],
            "summary": {"steps": 0, **{v.value: 0 for v in REPORTED}}}


def reports_json(reports, unreadable=(), *, exit_status: int | None = None) -> str:
    """``{"files": [...], "summary": {...}}`` for the reports and the files that could not be read."""
    files = [file_json(r) for r in reports] + [unreadable_json(u["path"], u["error"]) for u in unreadable]
    total = {"files": len(files), "steps": sum(f["summary"]["steps"] for f in files)}
    for v in REPORTED:
        total[v.value] = sum(f["summary"][v.value] for f in files)
    total["nothing_checked"] = sum(1 for f in files if f["status"] == "nothing checked")
    total["unreadable"] = sum(1 for f in files if f["status"] == "unreadable")
    if exit_status is not None:
        total["exit_status"] = exit_status
    return json.dumps({"files": files, "summary": total}, indent=2, ensure_ascii=False)
