"""The Markdown sheet read back by the checker: nothing we publish is ever called wrong.

Every step the sheet prints was proved or verified when it was made, so the
checker, reading the printed LaTeX with no access to our objects, must never
find a wrong step; most steps must come back proved.
"""

from pathlib import Path

from derivations.check import check_file

SHEET = Path(__file__).resolve().parent.parent / "output" / "sheet.md"


def test_sheet_read_back_has_no_wrong_step():
    report = check_file(SHEET)
    counts = report.counts()
    wrong = [(s.line, s.claim, s.detail) for s in report.steps if s.verdict == "wrong"]
    assert not wrong, wrong[:3]
    assert counts["proved"] + counts["verified"] >= 0.85 * len(report.steps), counts
