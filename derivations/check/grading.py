"""Batch grading: check every submission in a folder, in parallel, one row per file.

Every file under the folder gets a row (hidden files and folders aside): a
file of a type ``grade`` cannot read (``.pdf``, ``.docx``, an image, ...)
gets its row with the reason, never a silent skip.  A row's ``status`` is

* ``checked``: read, and at least one step decided;
* ``nothing checked``: read, but no step was found or every step is unchecked;
* ``unreadable``: the file cannot be read (its type, binary content, encoding, size);
* ``error``: reading or checking failed (a time limit, a dying worker, a checker bug).

A step that ``follows`` (right given the student's own earlier wrong value)
is counted in ``follows``, not in ``wrong``: an error carried forward counts
once.

Files are checked in worker processes (each in its own main thread, so the
``SIGALRM`` time limits interrupt SymPy), a few files per task.  Nothing one
file does can cost the others their rows:

* a file that cannot be read, or that makes the checker fail, gets an
  ``error`` in its row;
* a task that outlives its wall-clock guard (``document_seconds`` per file
  plus a margin) or whose worker dies (killed, out of memory) has its pool
  recycled, and its files are checked again one by one in a fresh worker;
  a file that times out or kills a worker on its own gets the error
  ``"time limit"`` or ``"the worker process died ..."``.

The output formats are in :data:`ROW_FORMATS` (``csv``, ``json``); another
format registers a function ``rows -> text`` there and ``grade --format``
offers it.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.md").write_text("$$1 + 1 = 2 = 3$$\\n")
>>> _ = (folder / "b.pdf").write_bytes(b"%PDF-1.4")
>>> [(r.path, r.status, r.proved, r.wrong, r.first_wrong_line) for r in grade_folder(folder, jobs=1)]
[('a.md', 'checked', 1, 1, 1), ('b.pdf', 'unreadable', 0, 0, None)]
"""

from __future__ import annotations

import concurrent.futures as cf
import csv
import io
import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .document import Limits

SUFFIXES = (".md", ".markdown", ".txt", ".tex", ".ipynb")
#: seconds a task may run past its files' document limits before the parent gives up on it
MARGIN_SECONDS = 10.0
#: address-space limit of a worker, so a runaway computation raises MemoryError there
DEFAULT_MEMORY_MB = 4096

#: row statuses (see the module docstring)
CHECKED, NOTHING_CHECKED, UNREADABLE, ERROR = "checked", "nothing checked", "unreadable", "error"

_KNOWN_TYPES = {
    (".pdf",): "a PDF document",
    (".docx", ".doc", ".odt", ".rtf", ".pages"): "a word-processor document",
    (".png", ".jpg", ".jpeg", ".gif", ".heic", ".webp", ".bmp", ".tif", ".tiff"): "an image",
    (".zip", ".tar", ".gz", ".tgz", ".7z", ".rar"): "an archive",
    (".pptx", ".ppt", ".key", ".odp"): "a slide deck",
}


@dataclass
class GradeRow:
    """One submission's result (``error`` says why a file was not read or checked)."""

    path: str
    status: str = CHECKED
    proved: int = 0
    verified: int = 0
    wrong: int = 0
    follows: int = 0
    unchecked: int = 0
    first_wrong_line: int | None = None
    error: str = ""
    seconds: float = 0.0

    @property
    def steps(self) -> int:
        return self.proved + self.verified + self.wrong + self.follows + self.unchecked


COLUMNS = [f.name for f in fields(GradeRow)]


def unreadable_reason(path) -> str | None:
    """Why ``grade`` does not read this file (None for a submission type it reads).

    >>> unreadable_reason("hw.pdf")
    'a PDF document: grade reads .md .markdown .txt .tex .ipynb; convert it to one of them'
    >>> unreadable_reason("hw.md") is None
    True
    """
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES:
        return None
    kind = next((name for suffixes, name in _KNOWN_TYPES.items() if suffix in suffixes),
                f"not a submission type ({suffix or 'no extension'})")
    return f"{kind}: grade reads {' '.join(SUFFIXES)}; convert it to one of them"


def _walk(root) -> list[Path]:
    root = Path(root)
    found = []
    for folder, dirs, files in os.walk(root):  # does not follow symbolic links to folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder) / name for name in sorted(files) if not name.startswith("."))
    return found


def find_submissions(root) -> list[Path]:
    """Every submission under ``root`` (recursively), sorted; hidden folders and files are skipped."""
    return [p for p in _walk(root) if unreadable_reason(p) is None]


def find_other_files(root) -> list[tuple[Path, str]]:
    """Every other (not hidden) file under ``root``, with the reason ``grade`` does not read it."""
    return [(p, reason) for p in _walk(root) if (reason := unreadable_reason(p)) is not None]


def row_of(report, shown: str) -> GradeRow:
    """A checked document's row: its steps counted per verdict (a ``follows`` step is not a wrong one)."""
    counts = report.counts()
    return GradeRow(shown, CHECKED if report.checked else NOTHING_CHECKED, counts["proved"], counts["verified"],
                    counts["wrong"], counts["follows"], counts["unchecked"], report.first_wrong_line)


def grade_file(path: str, limits: Limits, shown: str | None = None) -> GradeRow:
    """Check one file and count its verdicts; every failure becomes the row's error."""
    from ..engine.limits import TimeLimitExceeded, time_limit
    from ..parse.documents import DocumentError
    from . import check_file

    row = GradeRow(shown or str(path))
    started = time.monotonic()
    try:
        with time_limit(limits.document_seconds + 2.0):  # reading the file counts too
            report = check_file(path, limits=limits)
        row = row_of(report, row.path)
    except DocumentError as exc:
        row.status, row.error = UNREADABLE, str(exc)
    except TimeLimitExceeded:
        row.status, row.error = ERROR, "time limit"
    except MemoryError:
        row.status, row.error = ERROR, "out of memory"
    except RecursionError:
        row.status, row.error = ERROR, "nested too deeply"
    except Exception as exc:  # a checker bug must cost one row, not the batch
        row.status, row.error = ERROR, f"checker failed: {type(exc).__name__}: {exc}"[:300]
    row.seconds = round(time.monotonic() - started, 3)
    return row


def _grade_chunk(items: list[tuple[str, str]], limits: Limits, checker: Callable) -> list[GradeRow]:
    return [checker(path, limits, shown) for path, shown in items]


def _worker_setup(memory_mb: int | None) -> None:
    import warnings

    warnings.simplefilter("ignore")
    if memory_mb:
        try:
            import resource

            limit = memory_mb * 1024 * 1024
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ImportError, ValueError, OSError):
            pass


def _context():
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["derivations.check", "derivations.check.grading"])
        return ctx
    return multiprocessing.get_context()


class _Pool:
    """A ProcessPoolExecutor that can be thrown away with its workers (on a hang or a crash)."""

    def __init__(self, workers: int, memory_mb: int | None):
        self.workers, self.memory_mb = workers, memory_mb
        self.executor = None

    def get(self) -> cf.ProcessPoolExecutor:
        if self.executor is None:
            self.executor = cf.ProcessPoolExecutor(self.workers, mp_context=_context(),
                                                   initializer=_worker_setup, initargs=(self.memory_mb,))
        return self.executor

    def recycle(self) -> None:
        """Kill the workers (they may be stuck) and start afresh on the next :meth:`get`."""
        executor, self.executor = self.executor, None
        if executor is None:
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())
        for p in processes:
            try:
                p.kill()
            except (OSError, AttributeError, ValueError):
                pass
        try:
            executor.shutdown(wait=False, cancel_futures=True)
        except Exception:  # a broken executor may complain while shutting down
            pass
        for p in processes:
            try:
                p.join(5)
            except (OSError, AttributeError, ValueError, AssertionError):
                pass


def _guard(n_files: int, limits: Limits, margin: float = MARGIN_SECONDS) -> float:
    return n_files * (limits.document_seconds + 2.0) + margin


def _run_chunks(pool: _Pool, chunks: list[list[tuple[str, str]]], limits: Limits, checker, jobs: int,
                done: Callable[[GradeRow], None], margin: float) -> list[tuple[str, str]]:
    """Run chunks, at most ``jobs`` at once; return the files of the chunks that failed."""
    failed: list[tuple[str, str]] = []
    queue = list(reversed(chunks))
    running: dict = {}  # future -> (chunk, deadline)
    while queue or running:
        while queue and len(running) < jobs:
            chunk = queue.pop()
            try:
                future = pool.get().submit(_grade_chunk, chunk, limits, checker)
            except (cf.process.BrokenProcessPool, RuntimeError):
                pool.recycle()
                failed.extend(chunk)
                continue
            running[future] = (chunk, time.monotonic() + _guard(len(chunk), limits, margin))
        if not running:
            continue
        finished, _ = cf.wait(running, timeout=0.5, return_when=cf.FIRST_COMPLETED)
        broken = False
        for future in finished:
            chunk, _ = running.pop(future)
            try:
                for row in future.result():
                    done(row)
            except Exception:  # BrokenProcessPool, or a result that could not be sent back
                failed.extend(chunk)
                broken = True
        late = [f for f, (_, deadline) in running.items() if time.monotonic() > deadline]
        if broken or late:
            # the pool is dead or stuck: everything still running goes back to be checked one by one
            for future in list(running):
                chunk, _ = running.pop(future)
                if future.done() and not future.exception():
                    for row in future.result():
                        done(row)
                else:
                    failed.extend(chunk)
            pool.recycle()
    return failed


def _run_one_by_one(pool: _Pool, items: list[tuple[str, str]], limits: Limits, checker,
                    done: Callable[[GradeRow], None], margin: float) -> None:
    """Each file alone in a single worker, so a file that kills it or hangs is the one to blame."""
    for path, shown in items:
        try:
            future = pool.get().submit(_grade_chunk, [(path, shown)], limits, checker)
            done(future.result(timeout=_guard(1, limits, margin))[0])
        except cf.TimeoutError:
            pool.recycle()
            done(GradeRow(shown, ERROR, error="time limit", seconds=round(_guard(1, limits, margin), 3)))
        except cf.process.BrokenProcessPool as exc:
            pool.recycle()
            done(GradeRow(shown, ERROR, error=f"the worker process died while checking this file ({exc or 'killed'})"))
        except Exception as exc:  # the row could not be sent back (e.g. not picklable)
            pool.recycle()
            done(GradeRow(shown, ERROR, error=f"checking failed: {type(exc).__name__}"))


def grade_paths(paths: Iterable, *, root=None, limits: Limits | None = None, jobs: int | None = None,
                chunk_size: int | None = None, progress: Callable[[GradeRow], None] | None = None,
                memory_mb: int | None = DEFAULT_MEMORY_MB, margin: float = MARGIN_SECONDS,
                checker: Callable = grade_file) -> list[GradeRow]:
    """Grade the files; rows come back in the order of ``paths``.

    ``jobs`` worker processes (default: the number of cores) take ``chunk_size``
    files a task; ``progress(row)`` is called as each row arrives; ``checker``
    (a module-level function ``(path, limits, shown) -> GradeRow``) is for tests.  A task
    that runs ``margin`` seconds past its files' document limits is stopped.
    """
    limits = limits or Limits()
    items = []
    for p in paths:
        shown = str(p)
        if root is not None:
            try:
                shown = str(Path(p).relative_to(root))
            except ValueError:
                pass
        items.append((str(p), shown))
    if not items:
        return []
    jobs = max(1, jobs or os.cpu_count() or 1)
    if chunk_size is None:
        chunk_size = max(1, min(8, len(items) // (jobs * 4)))
    rows: dict[str, GradeRow] = {}

    def done(row: GradeRow) -> None:
        rows[row.path] = row
        if progress:
            progress(row)

    chunks = [items[i:i + chunk_size] for i in range(0, len(items), chunk_size)]
    pool = _Pool(jobs, memory_mb)
    try:
        failed = _run_chunks(pool, chunks, limits, checker, jobs, done, margin)
        pool.recycle()
        if failed:
            single = _Pool(1, memory_mb)
            try:
                _run_one_by_one(single, [i for i in failed if i[1] not in rows], limits, checker, done, margin)
            finally:
                single.recycle()
    finally:
        pool.recycle()
    return [rows.get(shown) or GradeRow(shown, ERROR, error="not checked") for _, shown in items]


def _shown(path, root) -> str:
    try:
        return str(Path(path).relative_to(root))
    except ValueError:
        return str(path)


def grade_folder(root, **options) -> list[GradeRow]:
    """A row for every file under ``root``, in folder order: submissions graded (see
    :func:`grade_paths` for the options), other files listed as unreadable with the reason."""
    graded = {r.path: r for r in grade_paths(find_submissions(root), root=root, **options)}
    others = {_shown(p, root): GradeRow(_shown(p, root), UNREADABLE, error=reason)
              for p, reason in find_other_files(root)}
    return [graded.get(key) or others[key] for key in (_shown(p, root) for p in _walk(root))
            if key in graded or key in others]


def rows_csv(rows: list[GradeRow]) -> str:
    """The rows as CSV with a header line (an empty first_wrong_line when nothing is wrong)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow(["" if v is None else v for v in (getattr(r, c) for c in COLUMNS)])
    return out.getvalue()


def summary(rows: list[GradeRow]) -> dict:
    """Totals over the rows: files, files per status, files with a wrong step, steps per verdict."""
    out = {"files": len(rows), "errors": sum(1 for r in rows if r.error),
           "with_wrong_steps": sum(1 for r in rows if r.wrong)}
    for status in (CHECKED, NOTHING_CHECKED, UNREADABLE, ERROR):
        out[status.replace(" ", "_")] = sum(1 for r in rows if r.status == status)
    for v in ("proved", "verified", "wrong", "follows", "unchecked"):
        out[v] = sum(getattr(r, v) for r in rows)
    return out


def rows_json(rows: list[GradeRow]) -> str:
    """``{"files": [row, ...], "summary": {...}}`` as indented JSON."""
    return json.dumps({"files": [asdict(r) for r in rows], "summary": summary(rows)}, indent=2,
                      ensure_ascii=False) + "\n"


#: output formats of ``grade``: name -> function(rows) -> text.  Add a format here and ``--format`` offers it.
ROW_FORMATS: dict[str, Callable[[list[GradeRow]], str]] = {"csv": rows_csv, "json": rows_json}


def exit_status(rows: list[GradeRow]) -> int:
    """0: every file read and checked; 1: a file could not be read or checked; 3: every file read, but in
    some (or in an empty folder) nothing could be checked.  (2, a usage error, is the command's.)"""
    if any(r.status in (UNREADABLE, ERROR) for r in rows):
        return 1
    if not rows or any(r.status == NOTHING_CHECKED for r in rows):
        return 3
    return 0


__all__ = ["GradeRow", "COLUMNS", "ROW_FORMATS", "row_of", "find_submissions", "find_other_files", "unreadable_reason",
           "grade_file", "grade_paths", "grade_folder", "rows_csv", "rows_json", "summary", "exit_status",
           "CHECKED", "NOTHING_CHECKED", "UNREADABLE", "ERROR"]
