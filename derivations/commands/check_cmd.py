"""``derivations check FILE...``: the verdict on every step of student submissions."""

from __future__ import annotations

import json
import sys

from ..check import Limits, check_file
from ..parse.documents import DocumentError

MARK = {"proved": "proved  ", "verified": "verified", "wrong": "WRONG   ", "unchecked": "unchecked"}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check", help="check every step of student derivations",
        description="Read submissions (Markdown .md/.txt, LaTeX .tex, notebooks .ipynb), check every step of "
                    "every chain, and print each step with its source line and verdict: proved, verified, "
                    "wrong or unchecked. Exit status 0 when no step is wrong, 1 when one is, 2 on a usage "
                    "error or an unreadable file.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the JSON report")
    p.add_argument("--step-seconds", type=float, default=5.0, help="time limit per step (default 5)")
    p.add_argument("--document-seconds", type=float, default=120.0, help="time limit per document (default 120)")
    p.set_defaults(func=run)


def _print_text(report) -> None:
    print(report.path)
    for s in report.steps:
        print(f"  line {s.line:>4}  {MARK.get(s.verdict, s.verdict)}  {s.claim}")
        if s.verdict != "proved" and s.detail:
            print(f"                       {s.detail}")
    counts = report.counts()
    summary = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    print(f"  {len(report.steps)} steps: {summary or 'none'}")
    if report.first_wrong_line is not None:
        print(f"  first wrong step on line {report.first_wrong_line}")


def run(args) -> int:
    limits = Limits(step_seconds=args.step_seconds, document_seconds=args.document_seconds)
    reports, unreadable = [], []
    for path in args.files:
        try:
            reports.append(check_file(path, limits=limits))
        except (DocumentError, OSError) as exc:
            unreadable.append({"path": path, "error": str(exc)})
            print(f"derivations check: {path}: {exc}", file=sys.stderr)
    if args.json:
        files = [r.as_dict() for r in reports] + [{"path": u["path"], "steps": [], "error": u["error"]}
                                                  for u in unreadable]
        print(json.dumps({"files": files}, indent=2, ensure_ascii=False))
    else:
        for r in reports:
            _print_text(r)
    if unreadable:
        return 2
    return 1 if any(s.verdict == "wrong" for r in reports for s in r.steps) else 0
