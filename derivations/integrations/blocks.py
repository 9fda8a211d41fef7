r"""Derivation and exercise blocks in course notes, whatever tool builds the notes.

A *block* is what an author writes in a page: a ``derivation`` block names a
catalog entry or holds the author's own derivation (LaTeX, one link per line),
an ``exercise`` block names a problem file.  The Sphinx and MkDocs integrations
hand the block's argument, options and lines to this module and get back a
:class:`Block`: the derivations to render, and the :class:`Finding`\ s (a wrong
or unchecked step of the author's, a bad option) to report at a line.

An author's derivation, one link per line; ``&&`` starts the justification::

    \frac{d}{dx}\sigma(x)
    = \frac{e^{-x}}{(1 + e^{-x})^2}                    && quotient rule
    = \sigma(x)\,(1 - \sigma(x))                        && $\frac{e^{-x}}{1 + e^{-x}} = 1 - \sigma(x)$

A line that does not start with a relation starts a new chain; a chain whose
first side is a new name (``f(x) = x^2``) defines it, as in a student's
document.  The steps are checked by the same checker as student work
(:func:`derivations.check.check`); each is shown as written.

>>> block = author_block([r"\sigma(0)", r"= \frac{1}{1 + e^{0}} && definition", r"= 0.6"], {}, first_line=10)
>>> [(f.line, f.level) for f in block.findings]
[(12, 'warning')]
>>> print(block.findings[0].message)
wrong step '\frac{1}{1 + e^{0}} = 0.6': \frac{1}{1 + e^{0}} is 0.5000000000, not 0.6000000000; likely slip: ...
>>> "align*" in render_block(block, "tex") and "<math" in render_block(block, "html")
True
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from sympy import Symbol

from ..derivation import VERDICTS, Derivation, Evidence, Step
from ..vocabulary import Relation, Verdict

__all__ = ["Finding", "Block", "BlockError", "Written", "parse_options", "split_option_lines",
           "catalog_block", "author_block", "exercise_block", "render_block", "OPTION_NAMES"]

#: the options a block takes (``:name: value`` lines at its top, or directive options)
OPTION_NAMES = ("title", "verdicts", "justifications", "id")
_TRUE = {"show", "shown", "true", "yes", "on", "1", ""}
_FALSE = {"hide", "hidden", "false", "no", "off", "0", "none"}
_OPTION_LINE = re.compile(r"^\s*:([A-Za-z_-]+):(?:\s+(.*?))?\s*$")
_STEP_RELATIONS = {"=", "<=", "<", ">=", ">", "approx"}  # what a displayed Step may hold
# "wrong (counterexample): the two sides differ; ..." -> verdict, method, detail
_DESCRIBED = re.compile(r"^(\w+) \(([^)]*)\)(?:: (.*))?$", re.S)


class BlockError(ValueError):
    """A block that cannot be built (unknown catalog id, unreadable problem file, bad option)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Finding:
    """Something to tell the author at ``line`` of the page (0: the block's own line)."""

    line: int
    level: str  # "warning" (a wrong step: the strict build fails) or "info" (an unchecked step)
    message: str
    kind: str = "wrong"


@dataclass
class Options:
    title: str | None = None
    verdicts: bool = True
    justifications: bool = True
    id: str | None = None


@dataclass
class Block:
    """What a block shows: derivations, each with or without its heading, and what to report."""

    derivations: list[Derivation]
    options: Options
    findings: list[Finding] = field(default_factory=list)
    headings: bool = True


class Written(Symbol):
    r"""An expression shown exactly as the author wrote it: its LaTeX *is* the text.

    >>> from derivations.render import to_latex
    >>> to_latex(Written(r"\frac{d}{dx}\sigma(x)"))
    '\\frac{d}{dx}\\sigma(x)'
    """

    def _latex(self, printer, *args, **kwargs) -> str:
        return self.name


def _switch(name: str, value: str) -> bool:
    word = (value or "").strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise BlockError(f"option :{name}: takes show or hide (or true/false), not {value!r}")


def parse_options(raw: dict[str, str | None]) -> Options:
    """Options from ``{name: text}``; unknown names and bad values raise :class:`BlockError`.

    >>> parse_options({"title": "Sigmoid", "verdicts": "hide"})
    Options(title='Sigmoid', verdicts=False, justifications=True, id=None)
    """
    options = Options()
    for name, value in raw.items():
        key = name.strip().lower().replace("-", "_")
        if key == "title":
            options.title = (value or "").strip() or None
        elif key in ("verdicts", "justifications"):
            setattr(options, key, _switch(key, value or ""))
        elif key in ("id", "problem"):
            options.id = (value or "").strip() or None
        else:
            raise BlockError(f"unknown option :{name}:; the options are " + ", ".join(f":{o}:" for o in OPTION_NAMES))
    return options


def split_option_lines(lines: list[str]) -> tuple[dict[str, str], int]:
    r"""``:name: value`` lines at the top of a block: ``(options, number of lines they take)``.

    >>> split_option_lines([":title: Sigmoid", ":verdicts: hide", r"\sigma(0)"])
    ({'title': 'Sigmoid', 'verdicts': 'hide'}, 2)
    """
    options: dict[str, str] = {}
    used = 0
    for line in lines:
        m = _OPTION_LINE.match(line)
        if not m:
            break
        options[m.group(1)] = m.group(2) or ""
        used += 1
    return options, used


def _without_justifications(d: Derivation) -> Derivation:
    for step in d.steps:
        step.why = ""
    for part in d.parts:
        _without_justifications(part)
    return d


def _titled(d: Derivation, options: Options) -> Derivation:
    if options.title:
        d.title = options.title
    return _without_justifications(d) if not options.justifications else d


# --------------------------------------------------------------------------- catalog

def catalog_block(name: str, raw_options: dict[str, str | None] | None = None) -> Block:
    """The catalog entry ``name``, every step checked by the engine.

    A step of ours that is not proved or verified is a warning: the catalog
    promises every step, so that is a bug to hear about.
    """
    from ..catalog import UnknownEntry, get

    options = parse_options(raw_options or {})
    try:
        d = get(name.strip())
    except UnknownEntry as exc:
        raise BlockError(str(exc)) from None
    findings = [Finding(0, "warning", f"catalog entry {d.id!r}: step {i} is {s.evidence.verdict}: "
                        f"{s.evidence.describe()}", kind="catalog")
                for i, s in enumerate(d.all_steps(), start=1)
                if s.evidence is None or not Verdict.of(s.evidence.verdict).accepted]
    return Block([_titled(d, options)], options, findings)


# --------------------------------------------------------------------------- exercise

def exercise_block(path: str, raw_options: dict[str, str | None] | None = None) -> Block:
    """The worked solution of the problem(s) in the TOML file ``path`` (``:id:`` picks one)."""
    from ..problems import ProblemError, ProblemFileError, load, solve

    options = parse_options(raw_options or {})
    if not os.path.isfile(path):
        raise BlockError(f"cannot read the problem file {path}: no such file")
    try:
        problems = load(path)
    except ProblemFileError as exc:  # its messages name the file and line
        raise BlockError(str(exc)) from None
    except OSError as exc:
        raise BlockError(f"cannot read the problem file {path}: {exc.strerror or exc}") from None
    except (ProblemError, ValueError) as exc:
        raise BlockError(f"problem file {path}: {exc}") from None
    if options.id:
        chosen = [p for p in problems if p.id == options.id]
        if not chosen:
            ids = ", ".join(p.id for p in problems) or "none"
            raise BlockError(f"no problem with id {options.id!r} in {path} (its problems: {ids})")
    else:
        chosen = problems
    if not chosen:
        raise BlockError(f"{path} holds no [[problem]]")
    derivations, findings = [], []
    for problem in chosen:
        try:
            d = solve(problem).derivation.check()
        except (ProblemError, ValueError, ArithmeticError) as exc:
            raise BlockError(f"problem {problem.id!r} in {path} cannot be solved: {exc}") from None
        findings += [Finding(0, "warning", f"problem {problem.id!r}: step {i} of its solution is "
                             f"{s.evidence.verdict}: {s.evidence.describe()}", kind="exercise")
                     for i, s in enumerate(d.all_steps(), start=1)
                     if s.evidence is None or not Verdict.of(s.evidence.verdict).accepted]
        derivations.append(_titled(d, options))
    return Block(derivations, options, findings)


# --------------------------------------------------------------------------- the author's own

def _split_line(line: str) -> tuple[str, str]:
    """``(math, justification)`` of one line; ``&&`` opens the justification, ``&`` and ``\\\\`` go."""
    line = line.strip()
    if line.endswith(r"\\"):  # an align row's end, pasted from LaTeX
        line = line[:-2].rstrip()
    math, _, why = line.partition("&&")
    math = math.strip()
    if math.startswith("&"):
        math = math[1:].lstrip()
    math = re.sub(r"(?<!\\)&", " ", math)  # an align column marker inside the line
    return math, why.strip()


def _evidence(report) -> Evidence:
    """The checker's verdict of one step as the renderers' Evidence."""
    verdict = Verdict.of(report.verdict).reported
    method, detail = "checker", report.detail or ""
    m = _DESCRIBED.match(detail)
    if m and m.group(1) == verdict.value:
        method, detail = m.group(2), m.group(3) or ""
    if report.slip:
        detail = f"{detail}; {report.slip}" if detail else report.slip
    shown = verdict.value if verdict.value in VERDICTS else "unchecked"  # e.g. follows: the renderers' five
    return Evidence(shown, method, detail)


def _message(report) -> str:
    relation = Relation.of(report.relation or "=").latex if Relation.known(report.relation or "=") else "="
    text = f"{report.verdict} step '{report.lhs} {relation} {report.rhs}': {report.detail}"
    if report.slip:
        text += f"; {report.slip}"
    return text


def author_block(lines: list[str], raw_options: dict[str, str | None] | None = None, *, limits=None,
                 path: str = "<block>", first_line: int = 1) -> Block:
    """The author's derivation in ``lines``, checked; ``first_line`` is the page line of ``lines[0]``.

    ``:name: value`` lines at the top are options (as in a MkDocs fence); a
    Sphinx directive passes its options in ``raw_options`` and its content as
    ``lines``.  Findings, and the lines named in their messages, are lines of the page.
    """
    from ..check import Limits, check
    from ..parse.documents import DocumentError, read_text

    top, skip = split_option_lines(lines)
    options = parse_options({**(raw_options or {}), **top})
    maths, whys = [], []
    for line in lines[skip:]:
        math, why = _split_line(line)
        maths.append(math)
        whys.append(why)
    if not any(maths):
        raise BlockError("the derivation is empty: write its start on the first line, then one link a line "
                         r"(= \sigma(x)(1 - \sigma(x)))")
    # one display block per line, on its line of the page, so the checker's lines are the page's lines
    pad = max(first_line, 1) - 1
    text = "\n" * pad + "\n".join(f"$${m}$$" if m else "" for m in [""] * skip + maths)
    try:
        doc = read_text(text, "markdown", path)
    except DocumentError as exc:
        raise BlockError(str(exc)) from None
    report = check(doc, limits or Limits())
    pending = list(report.steps)
    derivations, findings = [], []
    for item in doc.unreadable():
        findings.append(Finding(item.line, "warning", f"cannot read this line: {item.reason}", kind="unreadable"))
    for chain in doc.chains():
        parts = chain.parts
        d = Derivation(id="", title="", start=Written(parts[0].text))
        for before, part in zip(parts, parts[1:]):
            relation = Relation.of(part.relation or "=").value
            if relation not in _STEP_RELATIONS:
                raise BlockError(f"a derivation cannot show the relation "
                                 f"{Relation.of(relation).latex}; use =, \\approx, \\le, <, \\ge or >", part.line)
            found = next((r for r in pending if r.line == part.line and r.lhs == before.text
                          and r.rhs == part.text), None)
            if found is None:  # the chain's first link defines a name: not a step
                evidence = Evidence("unchecked", "definition", "a definition introduces a name; it is not a step")
            else:
                pending.remove(found)
                evidence = _evidence(found)
                verdict = Verdict.of(found.verdict)
                if verdict in (Verdict.WRONG, Verdict.FOLLOWS):
                    findings.append(Finding(found.line, "warning", _message(found), kind=verdict.value))
                elif not verdict.accepted:
                    findings.append(Finding(found.line, "info", _message(found), kind="unchecked"))
            why = whys[part.line - pad - 1 - skip] if options.justifications else ""
            d.steps.append(Step(Written(part.text), why, relation=relation, evidence=evidence, line=part.line))
        derivations.append(d)
    if options.title and derivations:
        derivations[0].title = options.title
        derivations[0].id = "derivation-" + (re.sub(r"[^a-z0-9]+", "-", options.title.lower()).strip("-") or "untitled")
    findings.sort(key=lambda f: f.line)
    return Block(derivations, options, findings, headings=bool(options.title))


# --------------------------------------------------------------------------- rendering

def render_block(block: Block, fmt: str, *, level: int = 3) -> str:
    """The block in format ``fmt`` (``html``, ``tex`` or ``md``), to embed in a page.

    A titled derivation is rendered whole by :func:`derivations.render.render`
    (heading at ``level``, statement, chain, notes, parts); an untitled one of
    the author's is its chain alone.
    """
    from ..render import get_format, render

    fmt = get_format(fmt).name
    out = []
    for i, d in enumerate(block.derivations):
        if block.headings and (i == 0 or d.title):
            out.append(render(d, fmt, level=level, verdicts=block.options.verdicts))
        else:
            definitions_only = all(s.evidence is not None and s.evidence.method == "definition" for s in d.steps)
            out.append(_chain(d, fmt, block.options.verdicts and not definitions_only))
    return "\n\n".join(out)


def _chain(d: Derivation, fmt: str, verdicts: bool) -> str:
    if fmt == "html":
        from ..render.html import chain_html

        return chain_html(d, verdicts=verdicts)
    if fmt == "tex":
        from ..render.latex import align

        return align(d, verdicts=verdicts)
    from ..render.markdown import chain_markdown

    return chain_markdown(d, verdicts=verdicts)


def relative_path(path: str, base_dir: str) -> str:
    """``path`` as written in a page, relative to the page's folder (absolute paths stay)."""
    return path if os.path.isabs(path) else os.path.normpath(os.path.join(base_dir, path))
