r"""The checker's report for a terminal: plain text, or in colour with rich.

One step a line (source line, verdict, claim); under a step that is not
proved, its notes: the detail, the line an error is carried forward from,
the likely slip, any other note, and the counterexample when the detail does
not already give it.  Notes are prose with LaTeX between ``$`` signs (the
JSON form); a terminal shows the LaTeX without the dollars.  Then a summary
per file, and a warning when nothing in the file could be checked.  The
plain form is what pipes and files get (and what tests compare);
:func:`print_report` picks colour only for a terminal.

>>> from derivations.check import check_text
>>> print(plain_report(check_text("$$1 + 1 = 2 = 3$$", path="a.md")))
a.md
  line    1  proved     1 + 1 = 2
  line    1  WRONG      2 = 3
                        2 is not 3
  2 steps: 1 proved, 1 wrong
  first wrong step on line 1
>>> print(plain_report(check_text("no math here", path="b.md")))
b.md
  0 steps: none
  nothing could be checked: no step was found
"""

from __future__ import annotations

import re
from typing import TextIO

from ..vocabulary import Verdict
from .report_json import REPORTED, counts, file_status, reported

__all__ = ["MARK", "INDENT", "plain_math", "slip_text", "step_notes", "summary", "nothing_checked", "plain_report",
           "rich_report", "print_report", "wants_colour"]

#: the verdict column: nine characters wide
MARK = {v: (v.label if v is Verdict.WRONG else v.value).ljust(9)[:9] for v in REPORTED}
INDENT = " " * 24  # under the claim: "  line NNNN  " + a verdict mark and two spaces

_DOLLAR = re.compile(r"(?<!\\)\$")


def plain_math(text: str) -> str:
    """Prose with ``$LaTeX$`` as a terminal shows it: the LaTeX without the dollars."""
    return _DOLLAR.sub("", text).replace(r"\$", "$")


def slip_text(step) -> str:
    """``likely slip: …`` for a step with a slip (prose with ``$LaTeX$``), else ''."""
    slip = getattr(step, "slip", "") or ""
    if not slip or slip.startswith("likely slip"):
        return slip
    return f"likely slip: {slip}"


def step_notes(step) -> list[tuple[str, str]]:
    """``(kind, prose)`` pairs shown under a step: detail, follows, slip, note, counterexample.

    ``kind`` is ``detail``, ``follows``, ``slip``, ``note`` or ``counterexample``;
    ``prose`` has its math between ``$`` signs.  Reports made before a field
    existed still work (``getattr`` defaults).
    """
    notes = []
    verdict = reported(step.verdict)
    if verdict is not Verdict.PROVED and step.detail:
        notes.append(("detail", step.detail))
    follows = getattr(step, "follows", None)
    if verdict is Verdict.FOLLOWS and follows is not None:
        notes.append(("follows", f"follows from the wrong step on line {follows}: the error is counted there, once"))
    slip = slip_text(step)
    if slip:
        notes.append(("slip", slip))
    note = getattr(step, "note", "") or ""
    if note:
        notes.append(("note", note))
    example = getattr(step, "counterexample", None)
    if example and example.get("point"):
        at = ", ".join(f"{k} = {v}" for k, v in example["point"].items())
        if at not in (step.detail or ""):
            values = f": the left side is ${example['left']}$, the right side ${example['right']}$" \
                if "left" in example else ""
            notes.append(("counterexample", f"counterexample: at ${at}${values}"))
    return notes


def summary(report) -> str:
    """``21 steps: 14 proved, 5 verified, 2 wrong``."""
    parts = ", ".join(f"{n} {v}" for v, n in counts(report).items() if n)
    return f"{len(report.steps)} steps: {parts or 'none'}"


def nothing_checked(report) -> str | None:
    """The warning for a document in which nothing could be checked, else None."""
    if file_status(report) == "checked":
        return None
    if not report.steps:
        return "nothing could be checked: no step was found"
    return f"nothing could be checked: all {len(report.steps)} steps are unchecked"


def plain_report(report) -> str:
    """The report of one file as plain text (no colour, no markup)."""
    lines = [report.path]
    for s in report.steps:
        lines.append(f"  line {s.line:>4}  {MARK[reported(s.verdict)]}  {s.claim}")
        lines.extend(INDENT + plain_math(text) for _, text in step_notes(s))
    lines.append("  " + summary(report))
    warning = nothing_checked(report)
    if warning:
        lines.append("  " + warning)
    if report.first_wrong_line is not None:
        lines.append(f"  first wrong step on line {report.first_wrong_line}")
    return "\n".join(lines)


def _style(verdict: Verdict) -> str:
    return f"bold {verdict.colour}" if verdict is Verdict.WRONG else verdict.colour


def rich_report(report):
    """The report of one file as a rich renderable (a Group of Text lines)."""
    from rich.console import Group
    from rich.text import Text

    rows = [Text(report.path, style="bold underline")]
    for s in report.steps:
        verdict = reported(s.verdict)
        row = Text("  line ")
        row.append(f"{s.line:>4}", style="dim")
        row.append("  ")
        row.append(MARK[verdict], style=_style(verdict))
        row.append("  ")
        row.append(s.claim)  # Text.append never interprets markup, so a claim's [ ] are safe
        rows.append(row)
        for kind, text in step_notes(s):
            rows.append(Text(INDENT + plain_math(text), style="italic" if kind == "slip" else "dim"))
    line = Text("  ")
    line.append(f"{len(report.steps)} steps: ")
    shown = [(v, n) for v, n in counts(report).items() if n]
    for i, (v, n) in enumerate(shown):
        line.append(f"{n} {v}", style=_style(Verdict.of(v)))
        if i < len(shown) - 1:
            line.append(", ")
    if not shown:
        line.append("none")
    rows.append(line)
    warning = nothing_checked(report)
    if warning:
        rows.append(Text("  " + warning, style=f"bold {Verdict.UNCHECKED.colour}"))
    if report.first_wrong_line is not None:
        rows.append(Text(f"  first wrong step on line {report.first_wrong_line}", style=_style(Verdict.WRONG)))
    return Group(*rows)


def wants_colour(stream: TextIO, no_color: bool = False) -> bool:
    """Colour only for a terminal, and never with --no-color or NO_COLOR set."""
    import os

    if no_color or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):
        return False


def print_report(report, stream: TextIO, *, colour: bool) -> None:
    """Print one file's report to ``stream``, in colour when ``colour``."""
    if not colour:
        print(plain_report(report), file=stream)
        return
    from rich.console import Console

    Console(file=stream, force_terminal=True, highlight=False, soft_wrap=True).print(rich_report(report))
