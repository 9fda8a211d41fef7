"""The ``derivations`` command: a thin layer over the library.

Each subcommand lives in its own module under ``derivations/commands/`` with a
``register(subparsers)`` function that adds its parser and sets ``func``; the
function returns the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: subcommand modules, in the order ``--help`` lists them
COMMAND_MODULES = [
    "derivations.commands.solve_cmd",
    "derivations.commands.variants_cmd",
    "derivations.commands.catalog_cmd",
    "derivations.commands.check_cmd",
    "derivations.commands.grade_cmd",
    "derivations.commands.autograder_cmd",
    "derivations.commands.sheet_cmd",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="derivations",
        description="Symbolic derivations and proofs for the mathematics of neural networks.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"derivations {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on a usage error, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
