"""``derivations check FILE...``: the verdict on every step of student submissions."""

from __future__ import annotations

import json
import sys

from ..check import Limits, check_file
from ..check.report_text import print_report, wants_colour
from ..parse.documents import DocumentError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check", help="check every step of student derivations",
        description="Read submissions (Markdown .md/.txt, LaTeX .tex, notebooks .ipynb), check every step of "
                    "every chain, and print each step with its source line and verdict: proved, verified, "
                    "wrong or unchecked, with the likely slip of a wrong step. Exit status 0 when no step is "
                    "wrong, 1 when one is, 2 on a usage error or an unreadable file.")
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
    if args.json:
        files = [r.as_dict() for r in reports] + [{"path": u["path"], "steps": [], "error": u["error"]}
                                                  for u in unreadable]
        print(json.dumps({"files": files}, indent=2, ensure_ascii=False))
    if args.html:
        from ..check.report_html import html_report

        try:
            with open(args.html, "w", encoding="utf-8") as out:
                out.write(html_report(reports, unreadable))
        except OSError as exc:
            print(f"derivations check: cannot write {args.html}: {exc}", file=sys.stderr)
            return 2
    if unreadable:
        return 2
    return 1 if any(s.verdict == "wrong" for r in reports for s in r.steps) else 0
