"""Solution sheets: which derivations to print, and writing them in every format.

A :class:`Sheet` is a title, sections of derivations (catalog identities,
worked exercises, checked student work) and the plots to show.
:func:`collect` builds one from command-line style specs: catalog ids and
exercise files (``.toml``); with none, the whole catalog, the exercises in
``examples/exercises.toml`` when present, and every plot.

>>> from sympy import Symbol, exp
>>> from derivations import Derivation, Step, sigmoid
>>> x = Symbol('x')
>>> d = Derivation("s", "sigma", start=sigmoid(x), steps=[Step(1 / (1 + exp(-x)), "definition")])
>>> sheet = Sheet("Demo", [Section("Identities", [d])])
>>> "\\\\begin{align*}" in sheet.render("tex") and sheet.items == [d]
True
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .derivation import Derivation
from .render import get_format
from .render.notebook import RichDisplayMixin, html_repr, latex_repr
from .render.plots import PlotSpec, default_plots, write_plots

__all__ = ["Sheet", "Section", "SheetError", "collect", "load_exercises", "DEFAULT_TITLE",
           "DEFAULT_EXERCISES", "TEXT_FORMATS", "compile_pdf", "find_latex", "LatexError"]

DEFAULT_TITLE = "The mathematics of neural networks: solution sheet"
#: the worked exercises a full sheet includes, relative to the working directory
DEFAULT_EXERCISES = Path("examples") / "exercises.toml"
#: formats written as text by :meth:`Sheet.write` (``pdf`` is compiled from ``tex``)
TEXT_FORMATS = ("tex", "html", "md")


class SheetError(ValueError):
    """A sheet cannot be collected or written; the message says what to fix."""


@dataclass
class Section:
    """A titled group of derivations."""

    title: str
    items: list[Derivation] = field(default_factory=list)


@dataclass
class Sheet(RichDisplayMixin):
    """A solution sheet: sections of derivations and the plots to show."""

    title: str = DEFAULT_TITLE
    sections: list[Section] = field(default_factory=list)
    plots: list[PlotSpec] = field(default_factory=list)
    intro: str = ""

    @property
    def items(self) -> list[Derivation]:
        return [d for s in self.sections for d in s.items]

    def render(self, fmt: str = "tex", *, fragment: bool = False, **options) -> str:
        """The whole sheet as one document in format ``fmt`` (tex, html, md).

        ``fragment`` gives it without preamble or page furniture, to embed in
        course notes (:func:`derivations.render.fragment`); ``verdicts=False``
        leaves the verdict labels out.
        """
        fmt_ = get_format(fmt)
        return fmt_.fragment(self, **options) if fragment else fmt_.document(self, **options)

    def _display_html(self) -> str:
        return "\n".join(html_repr(d) for d in self.items)

    def _display_latex(self) -> str:
        return "\n\n".join(latex_repr(d) for d in self.items)

    def write(self, directory, formats: Iterable[str] = TEXT_FORMATS, *, name: str = "sheet",
              on_progress: Callable[[str], None] | None = None, latex: str | None = None,
              timeout: float = 180, fragment: bool = False, verdicts: bool = True) -> list[Path]:
        """Write ``name.<ext>`` for each format into ``directory`` (plots into ``directory/plots``).

        ``pdf`` compiles the LaTeX with ``latex`` (default: pdflatex, else
        lualatex; :class:`SheetError` when none is installed).  ``fragment``
        writes the text formats without preamble (no pdf); ``verdicts=False``
        leaves the verdict labels out.  ``on_progress(label)`` is called after
        each unit of work.  Returns the paths written.
        """
        formats = _normalise_formats(formats)
        if fragment and "pdf" in formats:
            raise SheetError("a fragment has no preamble and cannot be compiled to a PDF; "
                             "leave pdf out of the formats or drop --fragment")
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        progress = on_progress or (lambda label: None)
        written: list[Path] = []
        if self.plots:
            plot_formats = tuple(f for f, needed in (("svg", {"html", "md"}), ("pdf", {"tex", "pdf"}))
                                 if needed & set(formats))
            written += write_plots(directory / "plots", self.plots, formats=plot_formats,
                                   on_done=lambda p: progress(f"plot {p.name}"))
        tex_source = None
        for fmt in formats:
            if fmt == "pdf":
                continue
            text = self.render(fmt, fragment=fragment, verdicts=verdicts)
            if fmt == "tex":
                tex_source = text
            path = directory / f"{name}.{get_format(fmt).extension}"
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(path)
            progress(path.name)
        if "pdf" in formats:
            source = tex_source if tex_source is not None else self.render("tex", verdicts=verdicts)
            pdf = compile_pdf(source, directory / f"{name}.pdf",
                              resources=directory / "plots" if self.plots else None,
                              engine=latex, timeout=timeout)
            written.append(pdf)
            progress(pdf.name)
        return written

    def work_units(self, formats: Iterable[str]) -> int:
        """How many times :meth:`write` will call ``on_progress`` (for progress bars)."""
        formats = _normalise_formats(formats)
        plot_files = len(self.plots) * (bool({"html", "md"} & set(formats)) + bool({"tex", "pdf"} & set(formats)))
        return plot_files + len(formats)


def _normalise_formats(formats: Iterable[str]) -> list[str]:
    out: list[str] = []
    for fmt in formats:
        fmt = fmt.strip().lower()
        if not fmt:
            continue
        key = "pdf" if fmt == "pdf" else get_format(fmt).name  # raises ValueError on unknown
        if key not in out:
            out.append(key)
    if not out:
        raise SheetError("no output format given; use some of tex, pdf, html, md")
    return out


# --- LaTeX to PDF -----------------------------------------------------------------------------

class LatexError(SheetError):
    """LaTeX failed; ``log`` holds its log file."""

    def __init__(self, message: str, log: str = ""):
        super().__init__(message)
        self.log = log


ENGINES = ("pdflatex", "lualatex")


def find_latex(preferred: str | None = None) -> str | None:
    """The LaTeX engine to use: ``preferred`` if on PATH, else pdflatex, else lualatex, else None."""
    for engine in ([preferred] if preferred else ENGINES):
        if engine and shutil.which(engine):
            return engine
    return None


def _first_error(log: str) -> str:
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("!"):
            return " ".join(l.strip() for l in lines[i:i + 3])
    return "see the log"


def compile_pdf(source: str, target, *, resources=None, engine: str | None = None,
                timeout: float = 180, log_target=None) -> Path:
    """Compile LaTeX ``source`` to the PDF ``target``, in a temporary directory.

    ``resources`` (a directory, e.g. the plots) is copied next to the source
    under its own name.  The engine runs twice (for references), with
    ``-interaction=nonstopmode -halt-on-error`` and a time limit.  Raises
    :class:`LatexError` with the first error of the log on failure.
    ``log_target``, when given, receives a copy of the final log.
    """
    chosen = find_latex(engine)
    if chosen is None:
        wanted = engine or " or ".join(ENGINES)
        raise SheetError(f"cannot make a PDF: {wanted} is not installed (install TeX Live, "
                         "e.g. texlive-latex-recommended and lmodern, or leave pdf out of --format)")
    target = Path(target)
    with tempfile.TemporaryDirectory(prefix="derivations-latex-") as tmp:
        work = Path(tmp)
        (work / "sheet.tex").write_text(source, encoding="utf-8")
        if resources is not None:
            shutil.copytree(resources, work / Path(resources).name)
        command = [chosen, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "sheet.tex"]
        log = ""
        for _ in range(2):
            try:
                result = subprocess.run(command, cwd=work, capture_output=True, timeout=timeout,
                                        stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                raise LatexError(f"{chosen} took longer than {timeout:g} s and was stopped") from None
            log_path = work / "sheet.log"
            log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
            if result.returncode != 0:
                raise LatexError(f"{chosen} failed: {_first_error(log)}", log)
        pdf = work / "sheet.pdf"
        if not pdf.exists():
            raise LatexError(f"{chosen} wrote no PDF", log)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)
        if log_target is not None:
            Path(log_target).write_text(log, encoding="utf-8")
    return target


# --- collecting the items ---------------------------------------------------------------------

def load_exercises(path) -> list[Derivation]:
    """The worked exercises of a problem file (``derivations.problems``), as checked derivations."""
    path = Path(path)
    if not path.is_file():
        raise SheetError(f"{path}: no such exercise file")
    from . import problems

    try:
        solved = [problems.solve(p) for p in problems.load(path)]
    except (ValueError, OSError) as exc:  # the problems module reports line and column
        raise SheetError(str(exc)) from None
    derivations = [s.derivation for s in solved]
    for d in derivations:
        if any(step.evidence is None for step in d.all_steps()):
            d.check()
    return derivations


def _catalog():
    from . import catalog

    return catalog


def collect(specs: Sequence[str] = (), *, everything: bool = False, exercises=DEFAULT_EXERCISES,
            plots: bool | None = None, title: str = DEFAULT_TITLE) -> Sheet:
    """The sheet for ``specs``: catalog ids and ``.toml`` exercise files, in the order given.

    With no specs (or ``everything``): the whole catalog, then ``exercises``
    when that file exists.  ``plots`` defaults to True for a full sheet and
    False for a selection.
    """
    catalog = _catalog()
    identities: list[Derivation] = []
    worked: list[Derivation] = []
    full = everything or not specs
    if full:
        identities = catalog.all_entries()
        if exercises is not None and Path(exercises).is_file():
            worked = load_exercises(exercises)
    seen = {d.id for d in identities + worked}
    for spec in specs:
        if spec.endswith(".toml") or Path(spec).is_file():
            for d in load_exercises(spec):
                if d.id not in seen:
                    worked.append(d)
                    seen.add(d.id)
        elif spec not in seen:
            try:
                identities.append(catalog.get(spec))
            except KeyError as exc:
                raise SheetError(str(exc)) from None
            seen.add(spec)
    sections = [s for s in (Section("Identities, proved step by step", identities),
                            Section("Worked exercises", worked)) if s.items]
    show_plots = full if plots is None else plots
    return Sheet(title=title, sections=sections, plots=default_plots() if show_plots else [])
