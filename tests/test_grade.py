"""Batch grading: rows per file, CSV/JSON, bad files, dying and hanging workers.

The expected counts of wrong steps come from the hand-written
``tests/corpus/*.expected`` oracle files.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from derivations.check import Limits
from derivations.check.grading import (
    COLUMNS,
    GradeRow,
    find_other_files,
    find_submissions,
    grade_file,
    grade_folder,
    grade_paths,
    rows_csv,
    rows_json,
)
from derivations.cli import main

CORPUS = Path(__file__).parent / "corpus"
FAST = Limits(step_seconds=2.0, document_seconds=20.0)


def oracle(name: str) -> tuple[int, int | None]:
    """(number of wrong steps, first wrong line) from the .expected file."""
    wrong, first = 0, None
    for raw in (CORPUS / f"{name}.expected").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            line, verdicts, *_ = raw.split("\t")
            n = verdicts.split().count("wrong")
            wrong += n
            if n and first is None:
                first = int(line)
    return wrong, first


@pytest.fixture()
def folder(tmp_path):
    shutil.copy(CORPUS / "backprop.md", tmp_path / "alice.md")
    (tmp_path / "group" / "deep").mkdir(parents=True)
    shutil.copy(CORPUS / "softplus.md", tmp_path / "group" / "deep" / "bob.markdown")
    shutil.copy(CORPUS / "param_count_slip.txt", tmp_path / "group" / "carol.txt")
    shutil.copy(CORPUS / "mse_loss.tex", tmp_path / "group" / "dave.tex")
    shutil.copy(CORPUS / "notebook_softmax.ipynb", tmp_path / "erin.ipynb")
    (tmp_path / "junk.md").write_bytes(b"\x00\xff\xfe binary junk \x00")
    (tmp_path / "latin1.txt").write_bytes("$$x = \xe9$$".encode("latin-1"))
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # not a submission
    (tmp_path / "alice.expected").write_text("13\twrong\n", encoding="utf-8")  # not a submission
    (tmp_path / ".hidden.md").write_text("$$1 = 2$$", encoding="utf-8")
    return tmp_path


def test_find_submissions(folder):
    found = [p.relative_to(folder).as_posix() for p in find_submissions(folder)]
    assert found == ["alice.md", "empty.md", "erin.ipynb", "junk.md", "latin1.txt", "group/carol.txt",
                     "group/dave.tex", "group/deep/bob.markdown"]
    others = {p.relative_to(folder).as_posix(): reason for p, reason in find_other_files(folder)}
    assert set(others) == {"alice.expected", "notes.pdf"}  # listed, never skipped silently; hidden files are
    assert others["notes.pdf"].startswith("a PDF document") and ".md" in others["notes.pdf"]


def test_grade_folder_rows(folder):
    seen = []
    rows = grade_folder(folder, limits=FAST, jobs=2, chunk_size=2, progress=seen.append)
    by_path = {r.path: r for r in rows}
    graded = [p.relative_to(folder).as_posix() for p in find_submissions(folder)]
    assert sorted(r.path for r in seen) == sorted(graded)  # progress once per file checked
    for path, name in [("alice.md", "backprop"), ("group/deep/bob.markdown", "softplus"),
                       ("group/carol.txt", "param_count_slip"), ("group/dave.tex", "mse_loss"),
                       ("erin.ipynb", "notebook_softmax")]:
        row = by_path[path]
        wrong, first = oracle(name)
        assert row.error == "" and row.wrong == wrong and row.first_wrong_line == first, row
        assert row.steps > 0
        assert row.status == "checked"
    assert "binary" in by_path["junk.md"].error and by_path["junk.md"].steps == 0
    assert by_path["junk.md"].status == by_path["latin1.txt"].status == "unreadable"
    assert "UTF-8" in by_path["latin1.txt"].error
    assert by_path["empty.md"] == GradeRow("empty.md", "nothing checked", seconds=by_path["empty.md"].seconds)
    assert by_path["notes.pdf"].status == "unreadable" and "PDF" in by_path["notes.pdf"].error
    assert by_path["alice.expected"].status == "unreadable" and ".expected" in by_path["alice.expected"].error
    assert ".hidden.md" not in by_path and len(rows) == 10


def test_csv_and_json_forms():
    rows = [GradeRow("a.md", "checked", 3, 1, 1, 2, 0, 7, "", 0.5),
            GradeRow("b, \"c\".md", "unreadable", error="too large")]
    table = list(csv.reader(io.StringIO(rows_csv(rows))))
    assert table[0] == COLUMNS == ["path", "status", "proved", "verified", "wrong", "follows", "unchecked",
                                   "first_wrong_line", "error", "seconds"]
    assert table[1] == ["a.md", "checked", "3", "1", "1", "2", "0", "7", "", "0.5"]
    assert table[2][0] == 'b, "c".md' and table[2][COLUMNS.index("first_wrong_line")] == ""
    data = json.loads(rows_json(rows))
    assert [f["path"] for f in data["files"]] == ["a.md", 'b, "c".md']
    assert data["summary"]["errors"] == 1 and data["summary"]["wrong"] == 1 and data["summary"]["follows"] == 2
    assert data["summary"]["unreadable"] == 1 and data["summary"]["checked"] == 1


def test_grade_command_csv(folder, tmp_path_factory, capsys):
    out = tmp_path_factory.mktemp("out") / "report.csv"
    status = main(["grade", str(folder), "--out", str(out), "--jobs", "2", "--step-seconds", "2",
                   "--document-seconds", "20"])
    _, err = capsys.readouterr()
    assert status == 1  # four files could not be read
    assert "junk.md" in err and "notes.pdf" in err and "Traceback" not in err
    table = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(table) == 10
    alice = next(r for r in table if r["path"] == "alice.md")
    assert (int(alice["wrong"]), int(alice["first_wrong_line"])) == oracle("backprop")


def test_grade_command_json_to_stdout(tmp_path, capsys):
    shutil.copy(CORPUS / "softplus.md", tmp_path / "s.md")
    status = main(["grade", str(tmp_path), "--json", "--jobs", "1"])
    out, _ = capsys.readouterr()
    assert status == 0  # every file was read
    (row,) = json.loads(out)["files"]
    assert (row["wrong"], row["first_wrong_line"]) == oracle("softplus")


@pytest.mark.parametrize("argv", [["grade", "/no/such/folder"], ["grade"], ["grade", ".", "--jobs", "0"]])
def test_grade_usage_errors(capsys, argv):
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


# -- workers that die or hang (module-level checkers, so the workers can import them) --------------

def killing_checker(path, limits, shown):
    if Path(path).name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    return grade_file(path, limits, shown)


def hanging_checker(path, limits, shown):
    if Path(path).name.startswith("hang"):
        while True:  # no time limit here: only the parent's wall-clock guard can stop it
            time.sleep(0.05)
    return grade_file(path, limits, shown)


def _submissions(tmp_path, bad: str) -> list[Path]:
    names = ["a.md", "b.md", f"{bad}.md", "c.md", "d.md", "e.md"]
    for n in names:
        shutil.copy(CORPUS / "param_count_slip.txt", tmp_path / n)
    return [tmp_path / n for n in names]


def test_a_worker_that_dies_loses_no_other_row(tmp_path):
    paths = _submissions(tmp_path, "crash")
    rows = grade_paths(paths, root=tmp_path, limits=FAST, jobs=2, chunk_size=2, checker=killing_checker)
    assert [r.path for r in rows] == [p.name for p in paths]
    wrong, first = oracle("param_count_slip")
    for r in rows:
        if r.path == "crash.md":
            assert "worker process died" in r.error
        else:
            assert r.error == "" and (r.wrong, r.first_wrong_line) == (wrong, first), r


def test_a_hanging_file_gets_time_limit_and_the_rest_are_graded(tmp_path):
    paths = _submissions(tmp_path, "hang")
    limits = Limits(step_seconds=0.5, document_seconds=0.5)
    started = time.monotonic()
    rows = grade_paths(paths, root=tmp_path, limits=limits, jobs=2, chunk_size=2, margin=1.0,
                       checker=hanging_checker)
    elapsed = time.monotonic() - started
    by_path = {r.path: r for r in rows}
    assert by_path["hang.md"].error == "time limit"
    assert all(r.error == "" and r.steps > 0 for p, r in by_path.items() if p != "hang.md"), rows
    # guard per chunk (2 files) then alone: 2 * (0.5 + 2) + 1 and 1 * (0.5 + 2) + 1, plus start-up
    assert elapsed < 30
