"""Batch grading: check every submission in a folder, in parallel, one row per file.

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

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.md").write_text("$$1 + 1 = 2 = 3$$\\n")
>>> [(r.path, r.proved, r.wrong, r.first_wrong_line) for r in grade_folder(folder, jobs=1)]
[('a.md', 1, 1, 1)]
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


@dataclass
class GradeRow:
    """One submission's result (``error`` is empty when the file was read and checked)."""

    path: str
    proved: int = 0
    verified: int = 0
    wrong: int = 0
    unchecked: int = 0
    first_wrong_line: int | None = None
    error: str = ""
    seconds: float = 0.0

    @property
    def steps(self) -> int:
        return self.proved + self.verified + self.wrong + self.unchecked


COLUMNS = [f.name for f in fields(GradeRow)]


def find_submissions(root) -> list[Path]:
    """Every submission under ``root`` (recursively), sorted; hidden folders and files are skipped."""
    root = Path(root)
    found = []
    for folder, dirs, files in os.walk(root):  # does not follow symbolic links to folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                found.append(Path(folder) / name)
    return found


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
        counts = report.counts()
        row.proved, row.verified = counts["proved"], counts["verified"]
        row.wrong, row.unchecked = counts["wrong"], counts["unchecked"]
        row.first_wrong_line = report.first_wrong_line
    except DocumentError as exc:
        row.error = str(exc)
    except TimeLimitExceeded:
        row.error = "time limit"
    except MemoryError:
        row.error = "out of memory"
    except RecursionError:
        row.error = "nested too deeply"
    except Exception as exc:  # a checker bug must cost one row, not the batch
        row.error = f"checker failed: {type(exc).__name__}: {exc}"[:300]
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
            done(GradeRow(shown, error="time limit", seconds=round(_guard(1, limits, margin), 3)))
        except cf.process.BrokenProcessPool as exc:
            pool.recycle()
            done(GradeRow(shown, error=f"the worker process died while checking this file ({exc or 'killed'})"))
        except Exception as exc:  # the row could not be sent back (e.g. not picklable)
            pool.recycle()
            done(GradeRow(shown, error=f"checking failed: {type(exc).__name__}"))


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
    return [rows.get(shown) or GradeRow(shown, error="not checked") for _, shown in items]


def grade_folder(root, **options) -> list[GradeRow]:
    """Grade every submission under ``root`` (see :func:`grade_paths` for the options)."""
    return grade_paths(find_submissions(root), root=root, **options)


def rows_csv(rows: list[GradeRow]) -> str:
    """The rows as CSV with a header line (an empty first_wrong_line when nothing is wrong)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow(["" if v is None else v for v in (getattr(r, c) for c in COLUMNS)])
    return out.getvalue()


def rows_json(rows: list[GradeRow]) -> str:
    """``{"files": [row, ...], "summary": {...}}`` as indented JSON."""
    summary = {"files": len(rows), "errors": sum(1 for r in rows if r.error),
               "with_wrong_steps": sum(1 for r in rows if r.wrong)}
    for v in ("proved", "verified", "wrong", "unchecked"):
        summary[v] = sum(getattr(r, v) for r in rows)
    return json.dumps({"files": [asdict(r) for r in rows], "summary": summary}, indent=2, ensure_ascii=False)


__all__ = ["GradeRow", "COLUMNS", "find_submissions", "grade_file", "grade_paths", "grade_folder",
           "rows_csv", "rows_json"]
