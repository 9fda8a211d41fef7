r"""Per-student variants: the same exercises with new numbers, answer keys, question and solution sheets.

What may change is the file's ``[problem.vary]`` table (or each kind's
default, :mod:`.vary`); what a variant must keep (the teaching point, no ties)
is :mod:`.variant_rules`.  Everything comes from one ``random.Random(seed)``;
files are written only after every variant has been generated, solved and
rendered, so an error writes nothing, and the same seed gives the same bytes.

For each variant ``variant-NN`` the output holds ``variant-NN.toml`` (the
problem file), ``variant-NN-questions.{tex,md,html}`` (the data and what to
compute), ``variant-NN-solutions.{tex,md,html}`` (the worked solutions) and,
where pdfLaTeX is installed, both as PDF; ``answers.json`` and ``answers.csv``
hold the key of all variants.

>>> from sympy import Rational
>>> toml_value(Rational(3, 2)), toml_value(Rational(1, 3)), toml_value([[1, Rational(-1, 2)]])
('1.5', '"1/3"', '[[1, -0.5]]')
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from sympy import Basic

from ..numbers import DecimalPlaces
from .answers import CSV_HEADER, csv_rows, problem_json
from .errors import ProblemError, ProblemFileError
from .loader import Problem, load
from .variant_rules import poor, randomize, retitle
from .vary import default_vary

__all__ = ["make_variants", "write_variants", "render_files", "toml_text", "toml_value", "Bundle",
           "question_derivation", "SHEET_FORMATS"]

MAX_TRIES = 400
SHEET_FORMATS = ("tex", "md", "html")


@dataclass
class Bundle:
    """Generated variants: ``[(name, [(problem, solution), ...]), ...]`` and where they came from."""

    source: str
    seed: int
    variants: list


def _solve(problem: Problem):
    from . import solve
    return solve(problem)


def make_variants(path, *, count: int, seed: int, allow_degenerate: bool = False,
                  max_tries: int = MAX_TRIES) -> Bundle:
    """Load and check the file, then make ``count`` variants; raises ProblemFileError on any problem."""
    problems = load(path)
    errors, sources = [], {}
    for p in problems:  # the original must be solvable too
        try:
            sources[p.id] = _solve(p)
        except ProblemError as exc:
            exc.path = exc.path or str(path)
            errors.append(exc)
    if errors:
        raise ProblemFileError(errors)
    rng = random.Random(seed)
    width = max(2, len(str(count)))
    variants = []
    for v in range(1, count + 1):
        solved = []
        for p in problems:
            vary = p.vary if p.vary is not None else default_vary(p.kind)
            reason = "no numbers could be drawn"
            for _ in range(max_tries):
                spec = randomize(p.kind, p.spec, vary, rng)
                title = p.title
                if hasattr(spec, "sizes") and spec.sizes != p.spec.sizes and title:
                    title = retitle(title, p.spec.sizes, spec.sizes)
                q = replace(p, spec=spec, title=title, line=None, vary=None)
                try:
                    s = _solve(q)
                except ProblemError as exc:
                    reason = str(exc)
                    continue
                reason = None if allow_degenerate else poor(p.kind, sources[p.id], s)
                if reason is None:
                    break
            else:
                raise ProblemFileError([ProblemError(
                    f"found no variant that keeps the exercise in {max_tries} tries (last: {reason}); widen "
                    "the ranges in [problem.vary], or use --allow-degenerate", problem=p.id, path=str(path),
                    line=p.line)])
            solved.append((q, s))
        variants.append((f"variant-{v:0{width}d}", solved))
    return Bundle(os.path.basename(str(path)), seed, variants)


# -- TOML ------------------------------------------------------------------------------------------
def _string(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out) + '"'


def toml_value(value) -> str:
    """A value as TOML: exact decimals for terminating numbers, "p/q" text for other fractions."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Basic) and value.is_Rational:
        if value.is_Integer:
            return str(int(value))
        printed = DecimalPlaces(30).printed(value)
        if printed.exact:
            return printed.text()
        return _string(f"{value.p}/{value.q}")
    raise TypeError(f"cannot write {value!r} as TOML")


def toml_text(problems, header: str = "") -> str:
    """A problem file for ``problems`` (what :func:`derivations.problems.load` reads back)."""
    from .kinds import KINDS

    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    for p in problems:
        if lines:
            lines.append("")
        lines.append("[[problem]]")
        lines.append(f"id = {_string(p.id)}")
        lines.append(f"kind = {_string(p.kind)}")
        if p.title:
            lines.append(f"title = {_string(p.title)}")
        if p.statement:
            lines.append(f"statement = {_string(p.statement)}")
        lines.append(f"digits = {p.digits.count}")
        tables = []
        for key, value in KINDS[p.kind].fields_of(p.spec):
            if key == "layer":
                tables = value
            else:
                lines.append(f"{key} = {toml_value(value)}")
        for table in tables:
            lines.append("")
            lines.append("[[problem.layer]]")
            lines.extend(f"{key} = {toml_value(value)}" for key, value in table)
    return "\n".join(lines) + "\n"


# -- sheets ----------------------------------------------------------------------------------------
def question_derivation(solution):
    """What a student is given: the title, the statement and the data (no worked steps)."""
    from .worked import WorkedDerivation

    d = solution.derivation
    given = [part for part in d.parts if part.id.endswith(".given")]
    return WorkedDerivation(id=d.id, title=d.title, start=None, statement=d.statement, parts=given,
                            rounding=d.rounding)


def _sheets(name: str, bundle: Bundle, solved, formats) -> dict[str, str]:
    from ..render import render_document
    from ..sheet import Section, Sheet

    label = f"{bundle.source}, {name.replace('-', ' ')} (seed {bundle.seed})"
    questions = Sheet(title=f"Exercises: {label}", sections=[Section("Exercises",
                                                                     [question_derivation(s) for _, s in solved])],
                      intro="Work every exercise; give numbers rounded as each exercise says.")
    solutions = Sheet(title=f"Solutions: {label}", sections=[Section("Solutions", [s.derivation for _, s in solved])],
                      intro="The worked solutions, every step checked as printed.")
    out = {}
    for kind, sheet in (("questions", questions), ("solutions", solutions)):
        for fmt in formats:
            out[f"{name}-{kind}.{fmt}"] = render_document(sheet, fmt, verdicts=False)
    return out


def render_files(bundle: Bundle, *, sheets=SHEET_FORMATS) -> dict[str, str]:
    """File name -> text of every text file to write (problem files, sheets, answers.json, answers.csv)."""
    files: dict[str, str] = {}
    key = {"source": bundle.source, "seed": bundle.seed, "variants": []}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for name, solved in bundle.variants:
        header = (f"Variant {name.split('-')[-1]} of {bundle.source} (seed {bundle.seed}), "
                  f"written by `derivations variants`.\nSolve with: derivations solve {name}.toml")
        files[f"{name}.toml"] = toml_text([p for p, _ in solved], header)
        entries = [problem_json(s) for _, s in solved]
        key["variants"].append({"file": f"{name}.toml", "problems": entries})
        for entry in entries:
            writer.writerows(csv_rows(name, entry["id"], entry["answers"], entry["printed"]))
        if sheets:
            files.update(_sheets(name, bundle, solved, sheets))
    files["answers.json"] = json.dumps(key, indent=2, sort_keys=True) + "\n"
    files["answers.csv"] = buffer.getvalue()
    return files


def _pdfs(files: dict[str, str]) -> dict[str, bytes]:
    """The PDF of every LaTeX sheet (pdfLaTeX or LuaLaTeX; none when neither is installed)."""
    from ..sheet import compile_pdf, find_latex

    if find_latex() is None:
        return {}
    out = {}
    with tempfile.TemporaryDirectory(prefix="derivations-variants-") as tmp:
        for name, text in files.items():
            if name.endswith(".tex"):
                target = Path(tmp) / (name[:-4] + ".pdf")
                compile_pdf(text, target)
                out[target.name] = target.read_bytes()
    return out


def write_variants(bundle: Bundle, out, *, sheets=SHEET_FORMATS, pdf: bool = True) -> list[str]:
    """Write every file into ``out`` (created if missing); returns the paths written."""
    files = render_files(bundle, sheets=sheets)  # everything is rendered before the first write
    binary = {}
    if pdf and "tex" in sheets:
        from ..sheet import SheetError
        try:
            binary = _pdfs(files)
        except SheetError as exc:
            raise ProblemFileError([ProblemError(f"cannot make the PDF sheets: {exc}", path=str(out))]) from None
    try:
        os.makedirs(out, exist_ok=True)
    except OSError as exc:
        raise ProblemFileError([ProblemError(f"cannot create the output directory: {exc.strerror}",
                                             path=str(out))]) from None
    written = []
    for name in sorted(files):
        target = os.path.join(out, name)
        with open(target, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(files[name])
        written.append(target)
    for name in sorted(binary):
        target = os.path.join(out, name)
        with open(target, "wb") as fh:
            fh.write(binary[name])
        written.append(target)
    return written
