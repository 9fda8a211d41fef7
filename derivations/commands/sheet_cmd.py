"""``derivations sheet``: write solution sheets as LaTeX, PDF, HTML and Markdown."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

DESCRIPTION = """\
Render solution sheets: catalog identities proved step by step and worked
numeric exercises, with plots of every activation function and its derivative.

Each ITEM is a catalog id (see `derivations list`) or an exercise file
(FILE.toml).  With no ITEM (or with --all) the whole catalog is rendered,
followed by the exercises of examples/exercises.toml when that file exists,
and the plots.

Files written into --out (default: output/):
  sheet.tex   LaTeX document (article, amsmath, amssymb, graphicx)
  sheet.pdf   compiled from sheet.tex by pdflatex or lualatex, when installed
  sheet.html  HTML page with MathML; no JavaScript, readable offline
  sheet.md    Markdown with $$ blocks for MathJax/KaTeX (Jupyter Book, MkDocs, Quarto)
  plots/      NAME.svg (for HTML and Markdown) and NAME.pdf (for LaTeX)

--fragment writes the text formats without preamble or title, to \\input or
include into course notes (LaTeX: sections with
align* blocks, needing amsmath; HTML: a <div class="derivations"> with its CSS
scoped to it; Markdown: headings and $$ blocks).  --no-verdicts leaves out the
verdict labels (proved, verified, ...).

Exit status: 0 when everything was written, 1 when a file could not be made
(for example LaTeX failed), 2 for a usage error (unknown id, bad format).
"""

EXAMPLES = """\
examples:
  derivations sheet                                   everything into output/
  derivations sheet sigmoid-derivative --format html --out /tmp/s
  derivations sheet examples/exercises.toml --format tex,pdf
  derivations sheet --all --format md --no-plots
  derivations sheet softmax-jacobian --format tex --fragment --no-verdicts --out notes/
"""

ALL_FORMATS = ("tex", "pdf", "html", "md")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "sheet", help="write solution sheets (LaTeX, PDF, HTML with MathML, Markdown)",
        description=DESCRIPTION, epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("items", nargs="*", metavar="ITEM", help="catalog id or exercise FILE.toml")
    p.add_argument("--all", action="store_true", dest="everything",
                   help="the whole catalog and examples/exercises.toml, plus any ITEMs")
    p.add_argument("--out", default="output", metavar="DIR", help="output directory (default: output)")
    p.add_argument("--format", default=None, metavar="LIST",
                   help="comma-separated formats from tex, pdf, html, md (default: all; pdf is "
                        "skipped with a note when no LaTeX is installed)")
    p.add_argument("--plots", action=argparse.BooleanOptionalAction, default=None,
                   help="include the plots (default: with the full sheet only)")
    p.add_argument("--title", default=None, help="the sheet's title")
    p.add_argument("--latex", choices=("pdflatex", "lualatex"), default=None,
                   help="LaTeX engine for the PDF (default: pdflatex, else lualatex)")
    p.add_argument("--timeout", type=float, default=180, metavar="SECONDS",
                   help="time limit for each LaTeX run (default: 180)")
    p.add_argument("--fragment", action="store_true",
                   help="write tex, html and md without preamble, to embed in course notes (no pdf)")
    p.add_argument("--verdicts", action=argparse.BooleanOptionalAction, default=True,
                   help="show each step's verdict label (default: yes)")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    p.set_defaults(func=run)


def _formats(text: str | None) -> tuple[list[str], bool]:
    """The requested formats and whether they were given explicitly."""
    if text is None:
        return list(ALL_FORMATS), False
    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    aliases = {"latex": "tex", "markdown": "md", "htm": "html"}
    wanted = [aliases.get(f, f) for f in wanted]
    unknown = [f for f in wanted if f not in ALL_FORMATS]
    if unknown or not wanted:
        raise ValueError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(ALL_FORMATS)}")
    return list(dict.fromkeys(wanted)), True


def run(args) -> int:
    from ..sheet import DEFAULT_TITLE, SheetError, collect, find_latex

    err = sys.stderr
    try:
        formats, explicit = _formats(args.format)
    except ValueError as exc:
        print(f"derivations sheet: {exc}", file=err)
        return 2
    if args.fragment:
        if "pdf" in formats and explicit:
            print("derivations sheet: a fragment has no preamble and cannot become a PDF; "
                  "leave pdf out of --format", file=err)
            return 2
        if "pdf" in formats:
            formats.remove("pdf")
    if "pdf" in formats and find_latex(args.latex) is None:
        if explicit:
            print(f"derivations sheet: cannot make a PDF: {args.latex or 'pdflatex or lualatex'} is not "
                  "installed; install TeX Live or leave pdf out of --format", file=err)
            return 2
        formats.remove("pdf")
        if not args.quiet:
            print("derivations sheet: no LaTeX installed, skipping the PDF", file=err)
    started = time.perf_counter()
    try:
        sheet = collect(args.items, everything=args.everything, plots=args.plots,
                        title=args.title or DEFAULT_TITLE)
    except SheetError as exc:
        print(f"derivations sheet: {exc}", file=err)
        return 2
    if not sheet.items and not sheet.plots:
        print("derivations sheet: nothing to render", file=err)
        return 2
    try:
        written = _write(sheet, Path(args.out), formats, args)
    except SheetError as exc:
        print(f"derivations sheet: {exc}", file=err)
        return 1
    if not args.quiet:
        elapsed = time.perf_counter() - started
        names = ", ".join(str(p) for p in written if p.parent == Path(args.out))
        print(f"wrote {names} ({len(sheet.items)} derivations, {len(sheet.plots)} plots) in {elapsed:.1f} s")
    return 0


def _write(sheet, out: Path, formats: list[str], args):
    """Write the sheet, with a progress bar on a terminal when there is much to do."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    total = sheet.work_units(formats)
    enabled = console.is_terminal and not args.quiet and total >= 5
    with Progress(TextColumn("[bold]sheet[/]"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TextColumn("{task.description}"), TimeElapsedColumn(), console=console,
                  disable=not enabled, transient=True) as progress:
        task = progress.add_task("", total=total)
        return sheet.write(out, formats, latex=args.latex, timeout=args.timeout, fragment=args.fragment,
                           verdicts=args.verdicts,
                           on_progress=lambda label: progress.update(task, advance=1, description=label))
