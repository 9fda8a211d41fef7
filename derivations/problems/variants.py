"""Per-student variants: same exercises, new nice numbers, and one answer key.

Each kind module supplies ``randomize(spec, rng)`` (new numbers, same
structure), ``degenerate(solution)`` (why numbers make a poor exercise: a unit
saturated at the shown digits, a gradient that rounds to 0, a tie, ...) and
``fields_of(spec)`` (for writing TOML).  Everything comes from one
``random.Random(seed)``; files are written only after every variant has been
generated and solved, so an error writes nothing.  The same seed gives the same
bytes.

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
from dataclasses import dataclass, replace

from sympy import Basic

from .answers import CSV_HEADER, csv_rows, problem_json
from .errors import ProblemError, ProblemFileError
from .loader import Problem, load
from .rounding import is_terminating, short_decimal

__all__ = ["make_variants", "write_variants", "toml_text", "toml_value", "Bundle"]

MAX_TRIES = 400


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
    from .kinds import KINDS

    problems = load(path)
    errors = []
    for p in problems:  # the original must be solvable too
        try:
            _solve(p)
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
            kind = KINDS[p.kind]
            for _ in range(max_tries):
                q = replace(p, spec=kind.randomize(p.spec, rng), line=None)
                try:
                    s = _solve(q)
                except ProblemError:
                    continue
                if allow_degenerate or kind.degenerate(s) is None:
                    break
            else:
                raise ProblemFileError([ProblemError(
                    f"found no non-degenerate numbers in {max_tries} tries (saturated units or gradients that "
                    f"round to 0 at {p.digits} decimal places); use --allow-degenerate or more digits",
                    problem=p.id, path=str(path), line=p.line)])
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
    """A value as TOML: short decimals for exact numbers, "p/q" text for other fractions."""
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
        if is_terminating(value, 30):
            return short_decimal(value)
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
        lines.append(f"digits = {p.digits}")
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


# -- writing ---------------------------------------------------------------------------------------
def render_files(bundle: Bundle) -> dict[str, str]:
    """File name -> text of every file to write (variant files, answers.json, answers.csv)."""
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
            writer.writerows(csv_rows(name, entry["id"], entry["answers"]))
    files["answers.json"] = json.dumps(key, indent=2, sort_keys=True) + "\n"
    files["answers.csv"] = buffer.getvalue()
    return files


def write_variants(bundle: Bundle, out) -> list[str]:
    """Write every file into ``out`` (created if missing); returns the paths written."""
    files = render_files(bundle)  # everything is rendered before the first write
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
    return written
