"""``derivations solve FILE.toml``: worked solutions as text, or answers as JSON (``--json``)."""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "solve", help="work numeric exercises from a TOML problem file",
        description="Solve every problem of a TOML file step by step (exact arithmetic; numbers are "
                    "rounded only when printed). Exit status 2 when the file has errors.")
    p.add_argument("file", help="problem file (TOML with [[problem]] tables)")
    p.add_argument("--json", action="store_true",
                   help='print {"problems": [{"id", "kind", "answers"}]} with full-precision floats')
    p.add_argument("--id", action="append", dest="ids", metavar="ID", help="solve only this problem (repeatable)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..problems import ProblemError, ProblemFileError, load, solve
    from ..problems.answers import problem_json
    from ..problems.text import render_text

    try:
        problems = load(args.file)
        if args.ids:
            known = {p.id for p in problems}
            missing = [i for i in args.ids if i not in known]
            if missing:
                raise ProblemFileError([ProblemError(f"no problem with id {m!r}; the file has "
                                                     f"{', '.join(sorted(known))}", path=args.file)
                                        for m in missing])
            problems = [p for p in problems if p.id in args.ids]
        solutions = []
        for p in problems:
            try:
                solutions.append(solve(p))
            except ProblemError as exc:
                exc.path = exc.path or args.file
                raise ProblemFileError([exc]) from None
    except ProblemFileError as exc:
        for error in exc.errors:
            print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        json.dump({"problems": [problem_json(s) for s in solutions]}, sys.stdout, indent=2, sort_keys=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(solutions))
    return 0
