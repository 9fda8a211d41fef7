r"""Gradescope: one student's submission checked, scored from a rubric, written as ``results.json``.

``derivations grade DIR --format gradescope --rubric rubric.toml`` reads every
document in DIR (Gradescope puts the student's files in ``/autograder/submission``)
and writes the ``results.json`` of Gradescope's autograder specification: the
total ``score``, and one test per rubric question (or, without a rubric, one per
chain) with ``name``, ``score``, ``max_score`` and an ``output`` that names the
first wrong step, its counterexample and the likely slip.

A rubric is TOML the instructor writes::

    title = "Homework 3"
    wrong_step = 1          # points lost per wrong step (default 1)
    unchecked_step = 0      # points lost per step the checker could not read or decide (default 0)
    visibility = "after_due_date"   # optional, Gradescope's visibility of the results

    [[question]]
    name = "1. The derivative of the sigmoid"
    heading = "Question 1"  # its steps: from a heading holding these words to the next question's heading
    points = 4

    [[question]]
    name = "2. tanh through the sigmoid"
    start = '\tanh(x)'      # or: the chain that starts with this expression (compared as mathematics)
    answer = '2\sigma(2x) - 1'  # optional: the result the derivation must write (this expression, or number)
    points = 3
    wrong_step = 3          # all or nothing

A question scores ``points - wrong_step * (wrong steps) - unchecked_step *
(unchecked steps)``, at least 0; a question whose ``answer`` is never written (a
side that is that expression, up to the order of terms and factors, or that number
within the rounding of the written digits) scores 0 (or loses ``missing_answer``
points when that is given); a question
not found in the submission scores 0 and says what was looked for.  An error
carried forward costs once: a step the checker reports as ``follows`` (right
from the student's own earlier wrong value) costs nothing, and each step is
judged against the student's previous side, so one slip is one wrong step.

**Without a rubric** every chain with a step is a test worth 1 point: 1 when
no step of it is wrong, 0 otherwise; unchecked steps cost nothing and are
listed for the grader.

A submission that cannot be read (no document, not text, too large, a file
the checker fails on) gets its score, 0 for what could not be read, and an
explanation in ``output``, never a crash.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "hw.md").write_text("# Question 1\n\n$$\\sigma(0) = \\frac{1}{2} = 0.6$$\n")
>>> rubric = loads_rubric('[[question]]\nname = "Q1"\nheading = "Question 1"\npoints = 2\n')
>>> results = grade_submission(folder, rubric)
>>> results["score"], [(t["name"], t["score"], t["max_score"]) for t in results["tests"]]
(1.0, [('Q1', 1.0, 2.0)])
>>> validate_results(results)
[]
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from ..vocabulary import Verdict

__all__ = ["Question", "Rubric", "RubricError", "load_rubric", "loads_rubric", "default_rubric",
           "grade_submission", "results_json", "validate_results", "run_command", "RESULTS_SCHEMA", "VISIBILITIES",
           "SUFFIXES"]

#: Gradescope's visibility settings
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
#: the documents read from a submission folder (as ``derivations grade``)
SUFFIXES = (".md", ".markdown", ".txt", ".tex", ".ipynb")
_QUESTION_KEYS = {"name", "points", "heading", "start", "answer", "wrong_step", "unchecked_step",
                  "missing_answer", "visibility", "number"}
_TOP_KEYS = {"title", "question", "wrong_step", "unchecked_step", "visibility", "stdout_visibility"}
_HEADING_MD = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_HEADING_BOLD = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*[:.]?\s*$")
_HEADING_TEX = re.compile(r"^\s*\\(?:section|subsection|subsubsection|paragraph|textbf)\*?\{(.+?)\}")
_HEADING_WORD = re.compile(r"^\s*((?:question|problem|exercise|aufgabe|exercice|ejercicio|part|q)\s*\(?\d+[a-z]?\)?"
                           r"(?=[\s.:)]|$).*)$", re.I)
_JSON_STRING = re.compile(r'^\s*("(?:[^"\\]|\\.)*")\s*,?\s*$')
_SCORE_DIGITS = 4
_FRACTION = re.compile(r"-?\s*\\[dt]?frac\s*\{\s*\d+\s*\}\s*\{\s*\d+\s*\}")


class RubricError(ValueError):
    """A rubric that cannot be used: the message names the file, and the question."""


@dataclass
class Question:
    """One question of a rubric: how it is found in a submission, and its points."""

    name: str
    points: float
    heading: str | None = None
    start: str | None = None
    answer: str | None = None
    wrong_step: float = 1.0
    unchecked_step: float = 0.0
    missing_answer: float | None = None
    visibility: str | None = None
    number: str | None = None


@dataclass
class Rubric:
    title: str = ""
    questions: list[Question] = field(default_factory=list)
    visibility: str | None = None
    stdout_visibility: str | None = None
    per_chain: bool = False  # the default rubric: one test per chain, 1 point each


def default_rubric() -> Rubric:
    """No rubric: every chain with a step is a test worth 1 point (lost on any wrong step)."""
    return Rubric(title="", per_chain=True)


def _number(value, where: str, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RubricError(f"{where}: {name} must be a number, not {value!r}")
    if value < 0:
        raise RubricError(f"{where}: {name} must not be negative, got {value}")
    return float(value)


def _visibility(value, where: str, name: str) -> str | None:
    if value is None:
        return None
    if value not in VISIBILITIES:
        raise RubricError(f"{where}: {name} must be one of {', '.join(VISIBILITIES)}, not {value!r}")
    return value


def _math(text, where: str, name: str) -> str:
    from ..parse.latex import ParseError, parse_expression

    if not isinstance(text, str) or not text.strip():
        raise RubricError(f"{where}: {name} must be LaTeX in a string")
    try:
        parse_expression(text)
    except ParseError as exc:
        raise RubricError(f"{where}: {name} {text!r} cannot be read: {exc}") from None
    return text


def loads_rubric(text: str, path: str = "<rubric>") -> Rubric:
    """A rubric from TOML text; raises :class:`RubricError` with what to fix."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RubricError(f"{path}: not valid TOML: {exc}") from None
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise RubricError(f"{path}: unknown key {sorted(unknown)[0]!r}; the keys are {', '.join(sorted(_TOP_KEYS))}")
    defaults = {"wrong_step": _number(data.get("wrong_step", 1), path, "wrong_step"),
                "unchecked_step": _number(data.get("unchecked_step", 0), path, "unchecked_step")}
    rubric = Rubric(title=str(data.get("title", "")),
                    visibility=_visibility(data.get("visibility"), path, "visibility"),
                    stdout_visibility=_visibility(data.get("stdout_visibility"), path, "stdout_visibility"))
    raw_questions = data.get("question", [])
    if not isinstance(raw_questions, list) or not raw_questions:
        raise RubricError(f"{path}: no [[question]]; write one table per question (name, points, heading or start)")
    for i, q in enumerate(raw_questions, start=1):
        where = f"{path}: question {i}"
        if not isinstance(q, dict):
            raise RubricError(f"{where}: write it as a [[question]] table")
        unknown = set(q) - _QUESTION_KEYS
        if unknown:
            raise RubricError(f"{where}: unknown key {sorted(unknown)[0]!r}; a question takes "
                              + ", ".join(sorted(_QUESTION_KEYS)))
        name = str(q.get("name") or q.get("heading") or f"Question {i}")
        where = f"{path}: question {name!r}"
        if "points" not in q:
            raise RubricError(f"{where}: give its points (points = 4)")
        if not q.get("heading") and not q.get("start"):
            raise RubricError(f"{where}: say how to find it: heading = \"Question {i}\" or start = '\\sigma(x)'")
        if q.get("heading") is not None and (not isinstance(q["heading"], str) or not q["heading"].strip()):
            raise RubricError(f"{where}: heading must be the words of the question's heading, in a string")
        rubric.questions.append(Question(
            name=name,
            points=_number(q["points"], where, "points"),
            heading=q.get("heading"),
            start=_math(q["start"], where, "start") if q.get("start") is not None else None,
            answer=_math(q["answer"], where, "answer") if q.get("answer") is not None else None,
            wrong_step=_number(q.get("wrong_step", defaults["wrong_step"]), where, "wrong_step"),
            unchecked_step=_number(q.get("unchecked_step", defaults["unchecked_step"]), where, "unchecked_step"),
            missing_answer=(_number(q["missing_answer"], where, "missing_answer")
                            if q.get("missing_answer") is not None else None),
            visibility=_visibility(q.get("visibility"), where, "visibility"),
            number=str(q["number"]) if q.get("number") is not None else None,
        ))
    return rubric


def load_rubric(path) -> Rubric:
    """Read a rubric file (see the module's documentation for the format)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise RubricError(f"{path}: cannot read the rubric: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise RubricError(f"{path}: the rubric is not UTF-8 text") from None
    return loads_rubric(text, str(path))


# --------------------------------------------------------------------------- reading the submission

@dataclass
class _Chain:
    file: str
    start: str
    first_line: int
    steps: list  # StepReport
    sides: list[str]


@dataclass
class _File:
    name: str
    chains: list[_Chain] = field(default_factory=list)
    headings: list = field(default_factory=list)  # _Heading
    error: str = ""
    loose: list = field(default_factory=list)  # steps of no chain (unreadable lines)


_TEX_LEVELS = {"section": 1, "subsection": 2, "subsubsection": 3, "paragraph": 4}
#: the level of a heading that is only bold text or a line starting "Question 2"
WEAK = 7


@dataclass(frozen=True)
class _Heading:
    line: int
    text: str
    level: int     # 1-6 for Markdown and LaTeX sectioning, WEAK for bold lines and "Question 2." lines
    numbered: bool  # "Question 2", "Problem 3(a)", "Q4": the start of a question


def _heading_of(line: str, fmt: str) -> tuple[str, int] | None:
    """``(text, level)`` when the line is a heading."""
    m = _HEADING_TEX.match(line)
    if m:
        command = re.match(r"\\(\w+)", line.strip())
        return m.group(1), _TEX_LEVELS.get(command.group(1) if command else "", WEAK)
    if fmt != "latex":
        m = _HEADING_MD.match(line)
        if m:
            return m.group(1), len(line.lstrip()) - len(line.lstrip().lstrip("#"))
        m = _HEADING_BOLD.match(line)
        if m:
            return m.group(1), WEAK
    m = _HEADING_WORD.match(line)
    return (m.group(1), WEAK) if m and len(line) < 200 else None


def _headings(text: str, fmt: str) -> list[_Heading]:
    """Every heading-like line; notebook lines are the lines of the JSON file."""
    out = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw
        if fmt == "notebook":
            m = _JSON_STRING.match(raw)
            if not m:
                continue
            try:
                line = json.loads(m.group(1))
            except ValueError:
                continue
            if not isinstance(line, str):
                continue
            line = line.rstrip("\n")
        found = _heading_of(line, "latex" if fmt == "latex" else "markdown")
        if found:
            heading = " ".join(found[0].split())
            out.append(_Heading(number, heading, found[1], bool(_HEADING_WORD.match(heading))))
    return out


def _read(path: Path, shown: str, limits) -> _File:
    from ..check import check
    from ..engine.limits import TimeLimitExceeded, time_limit
    from ..parse.documents import DocumentError, read_document

    result = _File(shown)
    try:
        with time_limit(limits.document_seconds + 2.0):
            doc = read_document(path)
            report = check(doc, limits)
    except DocumentError as exc:
        result.error = str(exc).replace(str(path), shown)
        return result
    except TimeLimitExceeded:
        result.error = f"{shown}: checking took longer than the limit of {limits.document_seconds:g} s"
        return result
    except (MemoryError, RecursionError) as exc:
        result.error = f"{shown}: too large or too deeply nested to check ({type(exc).__name__})"
        return result
    except Exception as exc:  # a checker bug costs this file, with a reason, never the whole result
        result.error = f"{shown}: the checker failed on this file ({type(exc).__name__}: {exc})"[:300]
        return result
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    except OSError:
        text = ""
    result.headings = _headings(text, doc.format)
    pending = list(report.steps)
    for chain in doc.chains():
        steps = []
        for before, part in zip(chain.parts, chain.parts[1:]):
            found = next((r for r in pending if r.line == part.line and r.lhs == before.text
                          and r.rhs == part.text), None)
            if found is not None:
                pending.remove(found)
                steps.append(found)
        result.chains.append(_Chain(shown, chain.parts[0].text, chain.parts[0].line, steps,
                                    [p.text for p in chain.parts]))
    result.loose = pending
    return result


def _submission_files(folder: Path) -> tuple[list[Path], list[str]]:
    """The documents to check (sorted), and the names of the other files (to say what was found)."""
    documents, others = [], []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__MACOSX")))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            (documents if name.lower().endswith(SUFFIXES) else others).append(path)
    return documents, [str(p.relative_to(folder)) for p in others]


# --------------------------------------------------------------------------- matching questions

def _normal(text: str) -> str:
    return re.sub(r"\\left|\\right|\\[,;:! ]|\s+", "", text)


def _equal(a: str, b: str, seconds: float = 2.0) -> bool:
    """Two LaTeX expressions that are the same mathematics (proved or verified by the engine)."""
    if _normal(a) == _normal(b):
        return True
    from ..engine.limits import TimeLimitExceeded, time_limit
    from ..equivalence import decide
    from ..parse.latex import ParseError, parse_expression

    try:
        with time_limit(seconds):
            return Verdict.of(decide(parse_expression(a), parse_expression(b)).verdict).accepted
    except (ParseError, TimeLimitExceeded, ArithmeticError, ValueError, TypeError, RecursionError,
            AttributeError, NotImplementedError):
        return False


def _reaches(side: str, answer: str) -> bool:
    """Does the student's side state the expected result: the same expression, or the same number?

    Not "equal as mathematics": every side of a right chain equals its start, so the answer must be
    *written*: a side that is the answer's expression (up to the order of sums and products), or a
    number that is the answer's value within the rounding of the digits written on either side.
    """
    if _normal(side) == _normal(answer):
        return True
    from ..numbers import read_number
    from ..parse.latex import ParseError, parse_expression

    try:
        got, want = parse_expression(side), parse_expression(answer)
    except (ParseError, ValueError, TypeError, RecursionError):
        return False
    if getattr(want, "is_number", False):  # a number: only a number written as one states it
        if read_number(side) is None and not _FRACTION.fullmatch(side.strip()):
            return False
        try:
            if _equal(side, answer):
                return True
            written_side, written_answer = read_number(side), read_number(answer)
            return bool((written_side and written_side.admits(want))
                        or (written_answer and written_answer.admits(got)))
        except (TypeError, ValueError, ArithmeticError):
            return False
    return got == want  # SymPy's canonical order: 2\sigma(2x) - 1 is -1 + 2\sigma(2x)


def _word_pattern(words: str) -> re.Pattern:
    body = r"\s+".join(re.escape(w) for w in words.split())
    return re.compile(r"(?<![A-Za-z0-9])" + body + r"(?![A-Za-z0-9])", re.I)


def _regions(files: list[_File], rubric: Rubric) -> dict[int, tuple[str, int, int]]:
    """Question index -> (file, first line, last line) of the part of a document under its heading.

    The part ends before the next question's heading, or before the next heading of the same or a
    higher level that is a section heading or starts another numbered question ("Question 2"), so
    "### Part (a)" or "**Solution**" inside a question stays in it.
    """
    found: dict[int, tuple[_File, _Heading]] = {}
    for index, q in enumerate(rubric.questions):
        if not q.heading:
            continue
        pattern = _word_pattern(q.heading)
        for f in files:
            hit = next((h for h in f.headings if pattern.search(h.text)), None)
            if hit is not None:
                found[index] = (f, hit)
                break
    starts = {(f.name, h.line) for f, h in found.values()}
    regions = {}
    for index, (f, heading) in found.items():
        end = 10**9
        for other in f.headings:
            if other.line <= heading.line:
                continue
            if (f.name, other.line) in starts or (other.level <= heading.level
                                                  and (other.level < WEAK or other.numbered)):
                end = other.line - 1
                break
        regions[index] = (f.name, heading.line, end)
    return regions


# --------------------------------------------------------------------------- scoring

def _round(value: float) -> float:
    return round(float(value), _SCORE_DIGITS) + 0.0


def _describe(step) -> list[str]:
    relation = {"=": "=", "approx": r"\approx", "<=": r"\le", ">=": r"\ge", "!=": r"\ne"}.get(step.relation,
                                                                                             step.relation)
    lines = [f"  {step.lhs} {relation} {step.rhs}", f"  {step.detail}"]
    counterexample = step.counterexample or {}
    if counterexample.get("point") and " at " not in step.detail:
        at = ", ".join(f"{k} = {v}" for k, v in counterexample["point"].items())
        lines.append(f"  counterexample: at {at}: {counterexample.get('left')} vs {counterexample.get('right')}")
    if counterexample.get("correct_value") and "correct" not in step.detail and ", not " not in step.detail:
        lines.append(f"  the correct value: {counterexample['correct_value']}")
    if step.slip:
        lines.append(f"  {step.slip}")
    return lines


def _tally(steps) -> dict[str, int]:
    out = {"proved": 0, "verified": 0, "wrong": 0, "follows": 0, "unchecked": 0}
    for s in steps:
        out[Verdict.of(s.verdict).reported.value] += 1
    return out


def _score_steps(steps: list[tuple[str, object]], points: float, wrong_step: float, unchecked_step: float,
                 answer_note: str | None, answer_penalty: float) -> tuple[float, list[str]]:
    """Score and output lines for the steps ``(file, StepReport)`` of one test."""
    tally = _tally(s for _, s in steps)
    counted = ", ".join(f"{n} {v}" for v, n in tally.items() if n)
    out = [f"{len(steps)} step{'s' if len(steps) != 1 else ''} checked: {counted}."]
    wrong = [(f, s) for f, s in steps if Verdict.of(s.verdict) is Verdict.WRONG]
    unchecked = [(f, s) for f, s in steps if not Verdict.of(s.verdict).decided]
    if wrong:
        f, s = wrong[0]
        out.append(f"First wrong step, {f} line {s.line}:")
        out += _describe(s)
        for f, s in wrong[1:]:
            out.append(f"Also wrong: {f} line {s.line}: {s.lhs} ... {s.rhs}")
    follows = tally["follows"]
    if follows:
        out.append(f"{follows} later step{'s' if follows != 1 else ''} follow{'s' if follows == 1 else ''} "
                   "correctly from an earlier mistake (error carried forward: no further points lost).")
    if unchecked:
        out.append("Not checked (for the grader to look at):")
        out += [f"  {f} line {s.line}: {s.detail}" for f, s in unchecked[:10]]
        if len(unchecked) > 10:
            out.append(f"  ... and {len(unchecked) - 10} more")
    score = points - wrong_step * len(wrong) - unchecked_step * len(unchecked)
    lost = []
    if wrong and wrong_step:
        lost.append(f"{len(wrong)} wrong x {wrong_step:g}")
    if unchecked and unchecked_step:
        lost.append(f"{len(unchecked)} unchecked x {unchecked_step:g}")
    if answer_note:
        out.append(answer_note)
        score = min(score, points - answer_penalty)
        lost.append(f"answer not reached: {answer_penalty:g}")
    score = max(0.0, score)
    out.append(f"Score: {_round(score):g} of {points:g}" + (f" (lost: {'; '.join(lost)})." if lost else "."))
    return _round(score), out


def _question_test(index: int, q: Question, files: list[_File], regions) -> dict:
    chains: list[_Chain] = []
    looked = []
    located = True
    if q.heading:
        looked.append(f"a heading with {q.heading!r}")
        region = regions.get(index)
        located = region is not None
        if region:
            name, first, last = region
            f = next(f for f in files if f.name == name)
            chains = [c for c in f.chains if first <= c.first_line <= last]
    else:
        chains = [c for f in files for c in f.chains]
    if q.start:
        looked.append(f"a chain starting with {q.start}")
        chains = [c for c in chains if _equal(c.start, q.start)]  # every chain from it: a definition, its values
        located = located and bool(chains)
    test = {"name": q.name, "max_score": _round(q.points)}
    if q.number:
        test["number"] = q.number
    if q.visibility:
        test["visibility"] = q.visibility
    steps = [(c.file, s) for c in chains for s in c.steps]
    if not chains or not steps:
        readable = [f for f in files if not f.error]
        reason = "no readable document in the submission" if not readable else \
            ("found, but with no step to check" if located else "not found")
        test.update(score=0.0, output=f"{reason.capitalize()}: looked for {' and '.join(looked)}.\n"
                                      f"Score: 0 of {q.points:g}.")
        return test
    answer_note, penalty = None, q.points if q.missing_answer is None else q.missing_answer
    if q.answer and not any(_reaches(side, q.answer) for c in chains for side in c.sides):
        answer_note = f"The expected result {q.answer} is not reached by this question's derivation."
    score, out = _score_steps(steps, q.points, q.wrong_step, q.unchecked_step, answer_note, penalty)
    test.update(score=score, output="\n".join(out))
    return test


def _chain_tests(files: list[_File]) -> list[dict]:
    tests = []
    for f in files:
        for c in f.chains:
            if not c.steps:
                continue
            start = c.start if len(c.start) <= 60 else c.start[:57] + "..."
            score, out = _score_steps([(c.file, s) for s in c.steps], 1.0, 1.0, 0.0, None, 0.0)
            tests.append({"name": f"{c.file} line {c.first_line}: {start}", "score": score, "max_score": 1.0,
                          "output": "\n".join(out)})
    return tests


def grade_submission(folder, rubric: Rubric | None = None, *, limits=None) -> dict:
    """The ``results.json`` object for the submission in ``folder`` (never raises on a bad submission)."""
    from ..check import Limits

    started = time.monotonic()
    rubric = rubric or default_rubric()
    limits = limits or Limits()
    folder = Path(folder)
    notes = []
    if not folder.is_dir():
        documents, others = [], []
        notes.append(f"The submission folder {folder} does not exist.")
    else:
        documents, others = _submission_files(folder)
    files = [_read(p, str(p.relative_to(folder)), limits) for p in documents]
    readable = [f for f in files if not f.error]
    if not documents:
        kinds = ", ".join(SUFFIXES)
        notes.append(f"No document to check: the submission has no {kinds} file"
                     + (f" (it has {', '.join(others[:10])})." if others else "."))
    for f in files:
        if f.error:
            notes.append(f"Could not read {f.error}")
    if rubric.per_chain:
        tests = _chain_tests(readable)
        if readable and not tests:
            notes.append("No step to check was found: write each derivation as a chain of equalities in "
                         "display math ($$ ... $$), one link per line or block.")
    else:
        regions = _regions(readable, rubric)
        tests = [_question_test(i, q, readable, regions) for i, q in enumerate(rubric.questions)]
    score = _round(sum(t["score"] for t in tests))
    maximum = sum(t["max_score"] for t in tests)
    total = sum(_tally(s for c in f.chains for s in c.steps)["wrong"] for f in readable)
    summary = [f"{rubric.title}: " if rubric.title else ""]
    summary[0] += f"{score:g} of {maximum:g} points" if tests else "0 points"
    summary[0] += f"; {len(readable)} document{'s' if len(readable) != 1 else ''} checked, " \
                  f"{total} wrong step{'s' if total != 1 else ''}."
    results: dict = {"score": score, "execution_time": int(round(time.monotonic() - started)),
                     "output": "\n".join(summary + notes), "tests": tests}
    if rubric.visibility:
        results["visibility"] = rubric.visibility
    if rubric.stdout_visibility:
        results["stdout_visibility"] = rubric.stdout_visibility
    results["extra_data"] = {"derivations": {"files": [f.name for f in files],
                                             "unreadable": [f.name for f in files if f.error]}}
    return results


def results_json(results: dict) -> str:
    return json.dumps(results, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- the documented format

_VISIBILITY = {"type": "string", "enum": list(VISIBILITIES)}
_FORMAT = {"type": "string", "enum": ["text", "html", "simple_format", "md", "ansi"]}
#: ``results.json`` as Gradescope's autograder specification documents it (field names and types)
RESULTS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "score": {"type": "number"},
        "execution_time": {"type": "number"},
        "output": {"type": "string"},
        "output_format": _FORMAT,
        "test_output_format": _FORMAT,
        "test_name_format": _FORMAT,
        "visibility": _VISIBILITY,
        "stdout_visibility": _VISIBILITY,
        "extra_data": {"type": "object"},
        "tests": {"type": "array", "items": {
            "type": "object",
            "properties": {
                "score": {"type": "number"},
                "max_score": {"type": "number"},
                "status": {"type": "string", "enum": ["passed", "failed"]},
                "name": {"type": "string"},
                "name_format": _FORMAT,
                "number": {"type": "string"},
                "output": {"type": "string"},
                "output_format": _FORMAT,
                "tags": {"type": "array", "items": {"type": "string"}},
                "visibility": _VISIBILITY,
                "extra_data": {"type": "object"},
            },
            "additionalProperties": False,
        }},
        "leaderboard": {"type": "array", "items": {
            "type": "object", "required": ["name", "value"],
            "properties": {"name": {"type": "string"}, "value": {"type": ["number", "string"]},
                           "order": {"type": "string", "enum": ["asc", "desc"]}},
        }},
    },
    "additionalProperties": False,
    "anyOf": [{"required": ["score"]}, {"required": ["tests"]}],
}


def validate_results(results: dict) -> list[str]:
    """What in ``results`` breaks the documented format (empty when none); a small checker of the schema.

    >>> validate_results({"tests": [{"name": "Q1", "score": "2"}]})
    ["tests[0].score: expected number, got '2'"]
    """
    errors: list[str] = []
    _check(results, RESULTS_SCHEMA, "", errors)
    if "score" not in results and not all("score" in t for t in results.get("tests", [])):
        errors.append("score: required at the top level unless every test has one")
    return errors


_TYPES = {"object": dict, "array": list, "string": str, "number": (int, float)}


def _check(value, schema: dict, where: str, errors: list[str]) -> None:
    kinds = schema.get("type")
    if kinds:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        ok = any(isinstance(value, _TYPES[k]) and not (k == "number" and isinstance(value, bool)) for k in kinds)
        if not ok:
            errors.append(f"{where or 'results'}: expected {' or '.join(kinds)}, got {value!r}"[:200])
            return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} is not one of {', '.join(schema['enum'])}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}.{key}: required".lstrip("."))
        for key, item in value.items():
            if key in properties:
                _check(item, properties[key], f"{where}.{key}".lstrip("."), errors)
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}.{key}: not a field of the format".lstrip("."))
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            _check(item, schema["items"], f"{where}[{i}]", errors)


def run_command(args) -> int:
    """``derivations grade DIR --format gradescope [--rubric R] [--out results.json]``.

    Exit status 0 when every document was read and checked, 1 when one could not be (results.json is
    written either way), 2 on a usage error (no such folder, a broken rubric).
    """
    import sys

    from ..check import Limits

    if not os.path.isdir(args.folder):
        print(f"derivations grade: {args.folder}: not a folder", file=sys.stderr)
        return 2
    try:
        rubric = load_rubric(args.rubric) if args.rubric else None
    except RubricError as exc:
        print(f"derivations grade: {exc}", file=sys.stderr)
        return 2
    limits = Limits(step_seconds=args.step_seconds, document_seconds=args.document_seconds)
    results = grade_submission(args.folder, rubric, limits=limits)
    text = results_json(results)
    if args.out:
        try:
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"derivations grade: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    unreadable = results["extra_data"]["derivations"]["unreadable"]
    print(f"derivations grade: {results['score']:g} of {sum(t['max_score'] for t in results['tests']):g} points"
          + (f"; could not read {', '.join(unreadable)}" if unreadable else ""), file=sys.stderr)
    return 1 if unreadable else 0
