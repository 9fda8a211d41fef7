"""``derivations autograder RUBRIC --out DIR``: the setup.sh and run_autograder of a Gradescope autograder."""

from __future__ import annotations

import sys

from .check_cmd import add_limit_arguments


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "autograder", help="write a Gradescope autograder (setup.sh, run_autograder) for a rubric",
        description="Write into DIR the files of a Gradescope autograder: setup.sh (run once on Gradescope's "
                    "Ubuntu image: installs this package with pip into a virtual environment), run_autograder "
                    "(run for each submission: checks /autograder/submission and writes "
                    "/autograder/results/results.json, scored from the rubric), the rubric, and a copy of this "
                    "package to install. Upload the zip of DIR's contents (--zip) as the autograder. Both "
                    "scripts take their root from AUTOGRADER_ROOT (default /autograder), to try them locally.")
    p.add_argument("rubric", metavar="RUBRIC.toml", help="the rubric: points per question (see `grade --help`)")
    p.add_argument("--out", metavar="DIR", required=True, help="the folder to write the autograder into")
    p.add_argument("--zip", metavar="FILE.zip", help="also write the zip to upload to Gradescope")
    p.add_argument("--package", metavar="REQUIREMENT",
                   help="a pip requirement to install instead of the bundled copy of this package "
                        "(e.g. 'derivations==0.1.0' or a git URL)")
    add_limit_arguments(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..integrations.autograder import write_autograder, zip_folder
    from ..integrations.gradescope import RubricError

    try:
        written = write_autograder(args.rubric, args.out, package=args.package, step_seconds=args.step_seconds,
                                   document_seconds=args.document_seconds)
        if args.zip:
            zip_folder(args.out, args.zip)
    except RubricError as exc:
        print(f"derivations autograder: {exc}", file=sys.stderr)
        return 2
    except (OSError, RuntimeError) as exc:
        print(f"derivations autograder: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    if args.zip:
        print(args.zip)
    return 0
