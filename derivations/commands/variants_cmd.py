"""``derivations variants FILE.toml --count N --seed S --out DIR``: per-student problem files and keys."""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "variants", help="write randomised per-student variants of a problem file and an answer key",
        description="Write one problem file per student with new nice numbers (same structure), and the "
                    "answer key as answers.csv and answers.json. The same seed gives byte-identical files. "
                    "The whole input is validated before anything is written; exit status 2 on errors.")
    p.add_argument("file", help="problem file (TOML)")
    p.add_argument("--count", type=int, required=True, metavar="N", help="number of variants (students)")
    p.add_argument("--seed", type=int, required=True, metavar="S", help="random seed")
    p.add_argument("--out", required=True, metavar="DIR", help="directory to write into (created if missing)")
    p.add_argument("--allow-degenerate", action="store_true",
                   help="accept saturated units, gradients that round to 0 and other degenerate numbers")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..problems import ProblemError, ProblemFileError
    from ..problems.variants import make_variants, write_variants

    try:
        if args.count < 1:
            raise ProblemFileError([ProblemError(f"--count must be at least 1, found {args.count}")])
        bundle = make_variants(args.file, count=args.count, seed=args.seed,
                               allow_degenerate=args.allow_degenerate)
        files = write_variants(bundle, args.out)
    except ProblemFileError as exc:
        for error in exc.errors:
            print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote {len(files)} files to {args.out}", file=sys.stderr)
    return 0
