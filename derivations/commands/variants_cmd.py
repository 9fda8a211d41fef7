"""``derivations variants FILE.toml --count N --seed S --out DIR``: per-student problems, sheets and keys."""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "variants", help="write per-student variants of a problem file, their sheets and an answer key",
        description="Write one problem file per student with new numbers on the source's grids (the same "
                    "exercise: structure, scale and teaching point kept; what may vary is the file's "
                    "[problem.vary] table), a questions-only sheet and a solution sheet per variant (tex, md, "
                    "html, and PDF where pdfLaTeX is installed), and the answer key as answers.csv and "
                    "answers.json. The same seed gives byte-identical files. The whole input is validated "
                    "before anything is written; exit status 2 on errors.")
    p.add_argument("file", help="problem file (TOML)")
    p.add_argument("--count", type=int, required=True, metavar="N", help="number of variants (students)")
    p.add_argument("--seed", type=int, required=True, metavar="S", help="random seed")
    p.add_argument("--out", required=True, metavar="DIR", help="directory to write into (created if missing)")
    p.add_argument("--sheets", default="tex,md,html", metavar="FORMATS",
                   help="sheet formats per variant, comma-separated (tex, md, html; empty for none)")
    p.add_argument("--no-pdf", action="store_true", help="do not compile the LaTeX sheets to PDF")
    p.add_argument("--allow-degenerate", action="store_true",
                   help="accept variants that lose the teaching point (a dead unit revived, a tie, ...)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..problems import ProblemError, ProblemFileError
    from ..problems.variants import SHEET_FORMATS, make_variants, write_variants

    try:
        if args.count < 1:
            raise ProblemFileError([ProblemError(f"--count must be at least 1, found {args.count}")])
        sheets = tuple(f.strip() for f in args.sheets.split(",") if f.strip())
        unknown = [f for f in sheets if f not in SHEET_FORMATS]
        if unknown:
            raise ProblemFileError([ProblemError(f"unknown sheet format {unknown[0]!r}; use tex, md, html")])
        bundle = make_variants(args.file, count=args.count, seed=args.seed,
                               allow_degenerate=args.allow_degenerate)
        files = write_variants(bundle, args.out, sheets=sheets, pdf=not args.no_pdf)
    except ProblemFileError as exc:
        for error in exc.errors:
            print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote {len(files)} files to {args.out}", file=sys.stderr)
    return 0
