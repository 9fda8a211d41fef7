"""``derivations grade DIR``: check every submission in a folder, one row per file (CSV or JSON)."""

from __future__ import annotations

import os
import sys

from ..check import Limits
from .check_cmd import add_limit_arguments


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "grade", help="check every submission in a folder (CSV/JSON, in parallel)",
        description="Check every submission under DIR (recursively: .md .markdown .txt .tex .ipynb) in "
                    "parallel worker processes and write one row per file: path, the numbers of proved, "
                    "verified, wrong and unchecked steps, the first wrong line, an error (a file that cannot "
                    "be read or checked) and the seconds taken. Exit status 0 when every file was read and "
                    "checked, 1 when a file has an error, 2 on a usage error.")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--out", metavar="REPORT.csv", help="where to write the report (default: standard output)")
    p.add_argument("--json", action="store_true", help="write JSON instead of CSV")
    p.add_argument("--format", choices=("csv", "json", "gradescope"), default=None,
                   help="csv (default), json, or gradescope: DIR is one student's submission and the report is "
                        "Gradescope's results.json, scored from --rubric")
    p.add_argument("--rubric", metavar="RUBRIC.toml",
                   help="with --format gradescope: points per question (without one, 1 point per chain)")
    p.add_argument("--jobs", type=_jobs, default=None, help="worker processes (default: the number of cores)")
    add_limit_arguments(p)
    p.set_defaults(func=run)


def _jobs(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _progress(total: int):
    """(callback, context manager): a rich progress bar on stderr, or nothing when not a terminal."""
    import contextlib

    if not total or not sys.stderr.isatty():
        return None, contextlib.nullcontext()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.fields[last]}", style="dim"), console=Console(stderr=True), transient=False)
    task = bar.add_task("grade", total=total, last="")

    def advance(row):
        bar.update(task, advance=1, last=row.path[-40:])

    return advance, bar


def run(args) -> int:
    if args.format == "gradescope":
        from ..integrations.gradescope import run_command

        return run_command(args)
    args.json = args.json or args.format == "json"
    from ..check.grading import find_submissions, grade_paths, rows_csv, rows_json

    if not os.path.isdir(args.folder):
        print(f"derivations grade: {args.folder}: not a folder", file=sys.stderr)
        return 2
    paths = find_submissions(args.folder)
    if not paths:
        print(f"derivations grade: {args.folder}: no submissions (.md .markdown .txt .tex .ipynb) found",
              file=sys.stderr)
    limits = Limits(step_seconds=args.step_seconds, document_seconds=args.document_seconds)
    advance, bar = _progress(len(paths))
    with bar:
        rows = grade_paths(paths, root=args.folder, limits=limits, jobs=args.jobs, progress=advance)
    text = rows_json(rows) + "\n" if args.json else rows_csv(rows)
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8", newline="") as out:
                out.write(text)
        except OSError as exc:
            print(f"derivations grade: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    errors = [r for r in rows if r.error]
    for r in errors:
        print(f"derivations grade: {r.path}: {r.error}", file=sys.stderr)
    wrong = sum(1 for r in rows if r.wrong)
    print(f"derivations grade: {len(rows)} files, {wrong} with a wrong step, {len(errors)} with an error",
          file=sys.stderr)
    return 1 if errors else 0
