"""The Markdown sheet read back by the checker: every step comes back proved or verified.

Every step the sheet prints was proved or verified when it was made; the
checker reads only the printed LaTeX, with no access to our objects, and must
agree.
"""

from pathlib import Path

from derivations.check import check_file

SHEET = Path(__file__).resolve().parent.parent / "output" / "sheet.md"


def test_sheet_read_back_has_no_wrong_step():
    report = check_file(SHEET)
    counts = report.counts()
    wrong = [(s.line, s.claim, s.detail) for s in report.steps if s.verdict == "wrong"]
    assert not wrong, wrong[:3]
    unchecked = [(s.line, s.claim, s.detail) for s in report.steps if s.verdict == "unchecked"]
    assert not unchecked, unchecked[:3]
    assert counts["proved"] + counts["verified"] == len(report.steps) > 200, counts
