"""``derivations grade DIR``: check every submission in a folder, one row per file (CSV or JSON).

Exit status: 0 every file read and something checked in each; 1 a file could
not be read or checked (its row says why); 2 a usage error; 3 every file
read, but in some nothing could be checked (or the folder has no files).
Output formats come from :data:`derivations.check.grading.ROW_FORMATS`.
"""

from __future__ import annotations

import os
import sys

from ..check import Limits
from ..check.grading import ROW_FORMATS
from .check_cmd import add_limit_arguments


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "grade", help="check every submission in a folder (CSV/JSON, in parallel)",
        description="Check every submission under DIR (recursively: .md .markdown .txt .tex .ipynb) in "
                    "parallel worker processes and write one row per file: path, status (checked, nothing "
                    "checked, unreadable, error), the numbers of proved, verified, wrong, follows (an error "
                    "carried forward, counted once at its wrong step) and unchecked steps, the first wrong line, "
                    "an error (why a file could not be read or checked) and the seconds taken. Files of other "
                    "types (.pdf, .docx, images, ...) are listed as unreadable with the reason.",
        epilog="Exit status: 0 every file read and something checked in each; 1 a file could not be read or "
               "checked; 2 a usage error; 3 every file read, but in some nothing could be checked (or no files).")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--out", metavar="REPORT", help="where to write the report (default: standard output)")
    p.add_argument("--format", choices=[*sorted(ROW_FORMATS), "gradescope"], default="csv",
                   help="csv (default) or json: one row per file; gradescope: DIR is one student's submission "
                        "and the report is Gradescope's results.json, scored from --rubric")
    p.add_argument("--json", dest="format", action="store_const", const="json", help="the same as --format json")
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
    from ..check.grading import exit_status, find_other_files, find_submissions, grade_folder

    if not os.path.isdir(args.folder):
        print(f"derivations grade: {args.folder}: not a folder", file=sys.stderr)
        return 2
    total = len(find_submissions(args.folder))
    if not total and not find_other_files(args.folder):
        print(f"derivations grade: {args.folder}: no files found", file=sys.stderr)
    limits = Limits(step_seconds=args.step_seconds, document_seconds=args.document_seconds)
    advance, bar = _progress(total)
    with bar:
        rows = grade_folder(args.folder, limits=limits, jobs=args.jobs, progress=advance)
    text = ROW_FORMATS[args.format](rows)
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8", newline="") as out:
                out.write(text)
        except OSError as exc:
            print(f"derivations grade: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    for r in rows:
        if r.error:
            print(f"derivations grade: {r.path}: {r.status}: {r.error}", file=sys.stderr)
        elif r.status != "checked":
            print(f"derivations grade: {r.path}: {r.status}", file=sys.stderr)
    wrong = sum(1 for r in rows if r.wrong)
    bad = sum(1 for r in rows if r.error)
    empty = sum(1 for r in rows if r.status == "nothing checked")
    print(f"derivations grade: {len(rows)} files, {wrong} with a wrong step, {empty} with nothing checked, "
          f"{bad} not read or checked", file=sys.stderr)
    return exit_status(rows)
