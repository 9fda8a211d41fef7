"""Fuzzing the checker: random LaTeX and mutated corpus documents.

Whatever the text, no exception escapes ``check_text`` (a whole-file
``DocumentError`` is the one allowed outcome besides a report), every step
gets one of the four verdicts, and the time limits hold.
"""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derivations.check import Limits, check_text
from derivations.check.report_html import html_report
from derivations.check.report_text import plain_report
from derivations.parse.documents import DocumentError

CORPUS = Path(__file__).parent / "corpus"
DOCUMENTS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt", ".tex", ".ipynb"))
FORMAT = {".md": "markdown", ".txt": "markdown", ".tex": "latex", ".ipynb": "notebook"}
LIMITS = Limits(step_seconds=0.5, document_seconds=2.0)
MARGIN = 4.0
VERDICTS = {"proved", "verified", "wrong", "follows", "unchecked"}

TOKENS = [r"\frac{", "}", "{", "^", "_", r"\sigma", "(", ")", "=", r"\approx", r"\left(", r"\right)", "$$", "$",
          r"\\", "&", "\n", "\n\n", " ", "+", "-", r"\cdot", r"\tanh", r"\ln", "e^{", "x", "z", "w_{1}", r"\max(0,",
          ",", "0.5", "1", "2", "3", "10", "a", "b", r"\begin{aligned}", r"\end{aligned}", r"\text{if }", "'",
          r"\partial", "d", r"\sum_{i=1}^{n}", r"\operatorname{ReLU}", "[", "]", r"\quad", r"\le", "<"]

SETTINGS = settings(max_examples=80, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def checked(text: str, format: str = "markdown"):
    started = time.monotonic()
    try:
        report = check_text(text, format=format, limits=LIMITS)
    except DocumentError as exc:  # a whole-file error, with a message
        assert str(exc)
        return None
    assert time.monotonic() - started < LIMITS.document_seconds + MARGIN
    for s in report.steps:
        assert s.verdict in VERDICTS
        assert isinstance(s.line, int) and s.line >= 1
        assert isinstance(s.detail, str)
    plain_report(report)  # the reports render whatever the steps hold
    html_report([report])
    return report


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_random_latex_tokens(tokens):
    checked("".join(tokens))


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_random_latex_in_display_math(tokens):
    checked("$$" + "".join(tokens) + "$$\n\n$$1 + 1 = 2$$\n")


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_random_latex_as_a_tex_document(tokens):
    checked("\\begin{align*}\n" + "".join(tokens) + "\n\\end{align*}\n", format="latex")


def _mutate(text: str, data) -> str:
    ops = data.draw(st.lists(st.sampled_from(["delete", "duplicate", "swap", "delete line", "duplicate line",
                                               "swap lines"]), min_size=1, max_size=4))
    for op in ops:
        if not text:
            break
        if op.endswith("line") or op.endswith("lines"):
            lines = text.split("\n")
            i = data.draw(st.integers(0, len(lines) - 1))
            j = data.draw(st.integers(0, len(lines) - 1))
            if op == "delete line":
                del lines[i]
            elif op == "duplicate line":
                lines.insert(i, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            i = data.draw(st.integers(0, len(text) - 1))
            j = data.draw(st.integers(0, len(text) - 1))
            n = data.draw(st.integers(1, 8))
            if op == "delete":
                text = text[:i] + text[i + n:]
            elif op == "duplicate":
                text = text[:i] + text[i:i + n] + text[i:]
            else:
                chars = list(text)
                chars[i], chars[j] = chars[j], chars[i]
                text = "".join(chars)
    return text


@SETTINGS
@given(path=st.sampled_from(DOCUMENTS), data=st.data())
def test_mutated_corpus_documents(path, data):
    text = path.read_text(encoding="utf-8")
    checked(_mutate(text, data), FORMAT[path.suffix])
