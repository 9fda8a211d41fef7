"""Every corpus document (and the two samples) gets its expected verdicts, line by line.

Each ``tests/corpus/NAME.expected`` lists, per source line, the verdicts of the
steps whose right-hand side is on that line (``-`` for a line with definitions
only).  The floor is tested separately and first: a right step is never called
wrong and a wrong step is never called anything but wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.check import check_file

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = sorted(CORPUS.glob("*.expected"))


def _document(expected: Path) -> Path:
    found = [p for p in CORPUS.glob(expected.stem + ".*") if p.suffix != ".expected"]
    assert len(found) == 1, f"{expected.name}: one document of that name expected, found {found}"
    return found[0]


def read_expected(path: Path) -> dict[int, list[str]]:
    out = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        line, verdicts, *_ = raw.split("\t")
        out[int(line)] = [] if verdicts.strip() == "-" else verdicts.split()
    return out


def verdicts_by_line(document: Path) -> dict[int, list[str]]:
    got: dict[int, list[str]] = {}
    for step in check_file(document).steps:
        got.setdefault(step.line, []).append(step.verdict)
    return got


def test_the_corpus_is_big_enough():
    assert len(EXPECTED) >= 30
    assert {"backprop.expected", "softplus.expected"} <= {p.name for p in EXPECTED}


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.stem)
def test_floor_never_wrong_for_right_and_always_wrong_for_wrong(expected):
    want, got = read_expected(expected), verdicts_by_line(_document(expected))
    for line, verdicts in want.items():
        found = got.get(line, [])
        if "wrong" in verdicts or "wrong" in found:
            assert len(found) == len(verdicts), (line, verdicts, found)
            for w, g in zip(verdicts, found):
                assert (w == "wrong") == (g == "wrong"), (expected.stem, line, verdicts, found)


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.stem)
def test_expected_verdicts(expected):
    want, got = read_expected(expected), verdicts_by_line(_document(expected))
    mismatches = {line: (verdicts, got.get(line, [])) for line, verdicts in want.items()
                  if got.get(line, []) != verdicts}
    extra = {line: found for line, found in got.items() if line not in want}
    assert not mismatches and not extra, f"{expected.stem}: expected vs got {mismatches}; steps on unlisted lines {extra}"
