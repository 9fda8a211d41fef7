"""``derivations list`` and ``derivations prove ID``: the catalog from the command line."""

from __future__ import annotations

import json
import sys

from sympy import sstr

from .. import catalog
from ..derivation import PROVED

RELATION_TEXT = {"=": "=", "<=": "<=", "<": "<", ">=": ">=", ">": ">", "approx": "~"}


def register(subparsers) -> None:
    p = subparsers.add_parser("list", help="list the catalog's identities",
                              description="List the ids and titles of the catalog's derivations.")
    p.add_argument("--json", action="store_true", help='print a JSON list of {"id", "title", "topic"}')
    p.set_defaults(func=run_list)

    p = subparsers.add_parser(
        "prove", help="prove a catalog identity step by step",
        description="Print the derivation ID with every step's justification and the engine's verdict. "
                    "Exit status 0 only when every step is proved; 1 when a step is not; 2 for an unknown id.")
    p.add_argument("ids", nargs="+", metavar="ID", help="catalog id(s), see `derivations list`")
    p.add_argument("--format", choices=["text", "latex"], default="text",
                   help="text (default) or a LaTeX align* block")
    p.set_defaults(func=run_prove)


def run_list(args) -> int:
    found = catalog.entries()
    if args.json:
        print(json.dumps([{"id": e.id, "title": e.title, "topic": e.topic} for e in found], indent=2,
                         ensure_ascii=False))
        return 0
    width = max(len(e.id) for e in found)
    for e in found:
        print(f"{e.id:<{width}}  {e.title}")
    return 0


def _text(d) -> str:
    lines = [f"{d.id}: {d.title}"]
    if d.statement:
        lines.append(f"Statement: {d.statement}")
    if d.assumptions:
        lines.append(f"Assumptions: {d.assumptions}")
    lines.append("")
    lines.append(f"    {sstr(d.start)}")
    for step in d.steps:
        ev = step.evidence
        lines.append(f"  {RELATION_TEXT[step.relation]} {sstr(step.expr)}")
        lines.append(f"      because {step.why}")
        lines.append(f"      [{ev.verdict}: {ev.method}{'; ' + ev.detail if ev.detail else ''}]")
    for part in d.parts:
        lines.append("")
        lines.append(_text(part))
    return "\n".join(lines)


def run_prove(args) -> int:
    derivations = []
    for wanted in args.ids:
        try:
            derivations.append(catalog.get(wanted))
        except catalog.UnknownEntry as exc:
            print(f"derivations prove: {exc}", file=sys.stderr)
            return 2
    for d in derivations:
        if args.format == "latex":
            from ..render.latex import derivation_latex

            print(derivation_latex(d))
        else:
            print(_text(d))
            print()
    unproved = [s for d in derivations for s in d.all_steps() if s.evidence.verdict != PROVED]
    if unproved:
        print(f"{len(unproved)} step(s) not proved", file=sys.stderr)
        return 1
    return 0
