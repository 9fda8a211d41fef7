"""The checker's report for a terminal: plain text, or in colour with rich.

One step a line (source line, verdict, claim); under a step that is not
proved, its detail and, for a wrong step, the likely slip and the
counterexample; then a summary per file.  The plain form is what pipes and
files get (and what tests compare); :func:`print_report` picks colour only
for a terminal.

>>> from derivations.check import check_text
>>> print(plain_report(check_text("$$1 + 1 = 2 = 3$$", path="a.md")))
a.md
  line    1  proved    1 + 1 = 2
  line    1  WRONG     2 = 3
                       2 is 2.000000000, not 3.000000000
  2 steps: 1 proved, 1 wrong
  first wrong step on line 1
"""

from __future__ import annotations

from typing import TextIO

VERDICTS = ("proved", "verified", "wrong", "unchecked")
MARK = {"proved": "proved  ", "verified": "verified", "wrong": "WRONG   ", "unchecked": "unchecked"}
STYLE = {"proved": "green", "verified": "cyan", "wrong": "bold red", "unchecked": "yellow"}
INDENT = " " * 23  # under the claim: "  line NNNN  " + a verdict mark and two spaces


def step_notes(step) -> list[str]:
    """The lines shown under a step: detail (unless proved), likely slip, counterexample.

    Works with reports made before the diagnosis fields existed (``getattr`` defaults).
    """
    notes = []
    if step.verdict != "proved" and step.detail:
        notes.append(step.detail)
    slip = getattr(step, "slip", "") or ""
    if slip:
        notes.append(slip)
    example = getattr(step, "counterexample", None)
    if example and example.get("point"):
        at = ", ".join(f"{k} = {v}" for k, v in example["point"].items())
        if at and at not in step.detail:
            notes.append(f"counterexample: at {at}")
    return notes


def summary(report) -> str:
    """``21 steps: 14 proved, 5 verified, 2 wrong``."""
    counts = report.counts()
    parts = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    return f"{len(report.steps)} steps: {parts or 'none'}"


def plain_report(report) -> str:
    """The report of one file as plain text (no colour, no markup)."""
    lines = [report.path]
    for s in report.steps:
        lines.append(f"  line {s.line:>4}  {MARK.get(s.verdict, s.verdict)}  {s.claim}")
        lines.extend(INDENT + note for note in step_notes(s))
    lines.append("  " + summary(report))
    if report.first_wrong_line is not None:
        lines.append(f"  first wrong step on line {report.first_wrong_line}")
    return "\n".join(lines)


def rich_report(report):
    """The report of one file as a rich renderable (a Group of Text lines)."""
    from rich.console import Group
    from rich.text import Text

    rows = [Text(report.path, style="bold underline")]
    for s in report.steps:
        row = Text("  line ")
        row.append(f"{s.line:>4}", style="dim")
        row.append("  ")
        row.append(MARK.get(s.verdict, s.verdict), style=STYLE.get(s.verdict, ""))
        row.append("  ")
        row.append(s.claim)  # Text.append never interprets markup, so a claim's [ ] are safe
        rows.append(row)
        for note in step_notes(s):
            rows.append(Text(INDENT + note, style="italic" if note.startswith("likely slip") else "dim"))
    line = Text("  ")
    counts = report.counts()
    line.append(f"{len(report.steps)} steps: ")
    shown = [(v, n) for v, n in counts.items() if n]
    for i, (v, n) in enumerate(shown):
        line.append(f"{n} {v}", style=STYLE.get(v, ""))
        if i < len(shown) - 1:
            line.append(", ")
    if not shown:
        line.append("none")
    rows.append(line)
    if report.first_wrong_line is not None:
        rows.append(Text(f"  first wrong step on line {report.first_wrong_line}", style="bold red"))
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
