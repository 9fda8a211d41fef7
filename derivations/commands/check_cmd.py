"""``derivations check FILE...``: the verdict on every step of student submissions.

Exit status (README, "Checking student derivations"): 0 when every file was
read, something in each was checked and no step is wrong; 1 when a step is
wrong; 2 on a usage error or a file that cannot be read; 3 when no step is
wrong but in some file nothing could be checked (no step found, or every
step unchecked), which is not a clean pass.  The first that applies, in the
order 2, 1, 3, 0.
"""

from __future__ import annotations

import sys

from ..check import Limits, check_file
from ..check.report_json import reports_json
from ..check.report_text import print_report, wants_colour
from ..parse.documents import DocumentError

#: exit statuses of ``derivations check``
EXIT_CLEAN, EXIT_WRONG, EXIT_UNREADABLE, EXIT_NOTHING_CHECKED = 0, 1, 2, 3


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check", help="check every step of student derivations",
        description="Read submissions (Markdown .md/.txt, LaTeX .tex, notebooks .ipynb), check every step of "
                    "every chain, and print each step with its source line and verdict: proved, verified, "
                    "wrong, follows (right given the student's own earlier wrong value: the error counted "
                    "once) or unchecked, with the likely slip of a wrong step.",
        epilog="Exit status: 0 every file read, something checked in each, no step wrong; 1 a step is wrong; "
               "2 a usage error or a file that cannot be read; 3 no step wrong, but in some file nothing could "
               "be checked (no step found, or every step unchecked). When several apply: 2, then 1, then 3.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the JSON report")
    p.add_argument("--html", metavar="REPORT.html", help="also write an HTML report (MathML, no JavaScript)")
    p.add_argument("--no-color", "--no-colour", dest="no_color", action="store_true",
                   help="plain text even on a terminal")
    add_limit_arguments(p)
    p.set_defaults(func=run)


def add_limit_arguments(p) -> None:
    """--step-seconds and --document-seconds, with the defaults of :class:`Limits` (check and grade)."""
    default = Limits()
    p.add_argument("--step-seconds", type=_positive, default=default.step_seconds,
                   help=f"time limit per step (default {default.step_seconds:g})")
    p.add_argument("--document-seconds", type=_positive, default=default.document_seconds,
                   help=f"time limit per document (default {default.document_seconds:g})")


def _positive(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text!r}")
    return value


def _read_and_check(path: str, limits: Limits):
    """(report, None) or (None, reason) for one file; never raises for a bad file."""
    try:
        return check_file(path, limits=limits), None
    except (DocumentError, OSError, UnicodeError) as exc:
        return None, str(exc) or type(exc).__name__
    except (RecursionError, MemoryError) as exc:
        return None, f"the document could not be checked ({type(exc).__name__})"


def run(args) -> int:
    limits = Limits(step_seconds=args.step_seconds, document_seconds=args.document_seconds)
    reports, unreadable = [], []
    colour = not args.json and wants_colour(sys.stdout, args.no_color)
    for path in args.files:
        report, error = _read_and_check(path, limits)
        if report is None:
            unreadable.append({"path": path, "error": error})
            print(f"derivations check: {path}: {error}", file=sys.stderr)
            continue
        reports.append(report)
        if not args.json:
            print_report(report, sys.stdout, colour=colour)
    status = exit_status(reports, unreadable)
    if args.json:
        print(reports_json(reports, unreadable, exit_status=status))
    if args.html:
        from ..check.report_html import html_report

        try:
            with open(args.html, "w", encoding="utf-8") as out:
                out.write(html_report(reports, unreadable))
        except OSError as exc:
            print(f"derivations check: cannot write {args.html}: {exc}", file=sys.stderr)
            return 2
    for report in reports:
        if not report.checked and args.json:
            print(f"derivations check: {report.path}: nothing could be checked", file=sys.stderr)
    return status


def exit_status(reports, unreadable=()) -> int:
    """The documented exit status for these reports (see the module docstring)."""
    if unreadable:
        return EXIT_UNREADABLE
    if any(s.verdict == "wrong" for r in reports for s in r.steps):
        return EXIT_WRONG
    if any(not r.checked for r in reports):
        return EXIT_NOTHING_CHECKED
    return EXIT_CLEAN
