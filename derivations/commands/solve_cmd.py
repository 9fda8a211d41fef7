"""``derivations solve FILE.toml``: worked solutions as text, as a LaTeX/Markdown/HTML fragment, or as JSON."""

from __future__ import annotations

import json
import sys

FORMATS = ("text", "latex", "md", "html")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "solve", help="work numeric exercises from a TOML problem file",
        description="Solve every problem of a TOML file step by step (exact arithmetic; numbers are "
                    "rounded only when printed, every displayed step checked as printed). Exit status 2 "
                    "when the file has errors.")
    p.add_argument("file", help="problem file (TOML with [[problem]] tables)")
    p.add_argument("--json", action="store_true",
                   help='print {"problems": [{"id", "kind", "rounding", "answers", "printed"}]}: answers as '
                        "full-precision floats, and as printed on the sheets")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text (the terminal, default), or a fragment without preamble to paste into course "
                        "notes: latex, md or html")
    p.add_argument("--verdicts", action="store_true", help="show each step's verdict in a latex/md/html fragment")
    p.add_argument("--id", action="append", dest="ids", metavar="ID", help="solve only this problem (repeatable)")
    p.set_defaults(func=run)


def fragment(solutions, fmt: str, *, verdicts: bool = False) -> str:
    """The worked solutions as a fragment for course notes, through the render module's entry point."""
    from ..render import render

    key = {"latex": "tex"}.get(fmt, fmt)
    return "\n\n".join(render(s.derivation, key, verdicts=verdicts) for s in solutions) + "\n"


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
    elif args.format != "text":
        sys.stdout.write(fragment(solutions, args.format, verdicts=args.verdicts))
    else:
        sys.stdout.write(render_text(solutions))
    return 0
