"""Hostile documents: clear per-step or per-file errors within the time limits, never a crash.

Each hostile statement sits between a good step (``1 + 1 = 2``, proved) and a
wrong one (``2 + 2 = 5``, wrong: 2 + 2 is 4), which must still be checked.
The hostile step may only get a verdict that its truth allows (decided here
independently): a false claim is unchecked or wrong, a true one unchecked,
proved or verified; claims that cannot be read are unchecked.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from derivations.check import Limits, check_text
from derivations.cli import main
from derivations.parse.documents import DocumentError

LIMITS = Limits(step_seconds=2.0, document_seconds=20.0)
MARGIN = 6.0  # start-up, parsing and the diagnosis of the wrong step after the limit
VERDICTS = {"proved", "verified", "wrong", "follows", "unchecked"}
MARKER = Path("/tmp/derivations_hostile_marker")
PAYLOAD = f"__import__('os').system('touch {MARKER}')"

UNREADABLE = {"unchecked"}
FALSE = {"unchecked", "wrong"}
TRUE = {"unchecked", "proved", "verified"}

BIG_SUM = "+".join(f"\\sigma({k}x)^{{{k}}} e^{{{k}x}}" for k in range(1, 60))

# name -> (display math of the hostile statement, allowed verdicts of its steps)
CASES = {
    "exponent tower": ("10^{10^{10^{10}}} = 5", UNREADABLE),
    "exponent tower of e": ("e^{e^{e^{e^{10}}}} = 5", FALSE),
    "10,000 nested brackets": ("(" * 10_000 + "x" + ")" * 10_000 + " = x", UNREADABLE),
    "10,000 nested left-right": ("\\left(" * 10_000 + "x" + "\\right)" * 10_000 + " = x", UNREADABLE),
    "10,000 nested braces": ("{" * 10_000 + "x" + "}" * 10_000 + " = x", UNREADABLE),
    "nested fractions": ("\\frac{1}{" * 3_000 + "x" + "}" * 3_000 + " = x", UNREADABLE),
    # applied to a number, so it is a claim (with a name parameter it would define a function called "import")
    "operatorname import": ("\\operatorname{__import__}(2) = 1", UNREADABLE),
    "operatorname eval payload": (f"\\operatorname{{eval}}({PAYLOAD}) = 1", UNREADABLE),
    # a leading \text{...} is prose to the reader, and "= 1" continues the chain before it: 2 = 1, false
    "text payload": (f"\\text{{{PAYLOAD}}} = 1", FALSE),
    "text payload in a sum": (f"x + \\text{{{PAYLOAD}}} = 1", UNREADABLE),
    "python payload": (f"{PAYLOAD} = 0", UNREADABLE),
    "unclosed braces": ("\\frac{1}{2 = 0.5", UNREADABLE),
    "huge power": ("(x+1)^{100000} = x", UNREADABLE),
    "large power, false": ("(x+1)^{1000}(x-1)^{1000} = (x^2-1)^{1000} + 1", FALSE),
    "derivative of a huge expression": (f"\\frac{{d}}{{dx}}\\left({BIG_SUM}\\right) = 0", FALSE),
    "tower of e^x": ("e^{e^{e^{e^{x}}}} = e^{x}", FALSE),
    "100,000-character line": ("+".join(["x"] * 50_000) + " = 50000x", TRUE),
    "chain of 5,000 equals": (" = ".join(["x"] * 5_000), TRUE),
    "huge number": ("10^{999} \\cdot 10^{999} = 10^{1998}", TRUE),
    "division by zero": ("\\frac{1}{0} = 1", FALSE),
    "log of zero": ("\\ln(0) = 1", FALSE),
}


def document(math: str) -> str:
    return f"Intro.\n\n$$1 + 1 = 2$$\n\n$${math}$$\n\n$$2 + 2 = 5$$\n"


def _check_good_steps_around(report):
    first, last = report.steps[0], report.steps[-1]
    assert (first.line, first.claim, first.verdict) == (3, "1 + 1 = 2", "proved")
    assert (last.line, last.claim, last.verdict) == (7, "2 + 2 = 5", "wrong")


@pytest.fixture(autouse=True)
def no_marker():
    MARKER.unlink(missing_ok=True)
    yield
    assert not MARKER.exists(), "student text was executed"


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_statement(name):
    math, allowed = CASES[name]
    started = time.monotonic()
    report = check_text(document(math), limits=LIMITS)
    elapsed = time.monotonic() - started
    assert elapsed < LIMITS.document_seconds + MARGIN
    assert all(s.verdict in VERDICTS for s in report.steps)
    _check_good_steps_around(report)
    hostile = report.steps[1:-1]
    assert hostile, "the hostile statement gave no step"
    for s in hostile:
        assert s.line == 5
        assert s.verdict in allowed, (s.verdict, s.detail[:200])
        if s.verdict == "unchecked":
            assert s.detail  # a reason is given


def test_hostile_steps_that_cannot_be_read_say_why():
    report = check_text(document("(x+1)^{100000} = x"), limits=LIMITS)
    assert "too large" in report.steps[1].detail
    report = check_text(document("(" * 10_000 + "x" + ")" * 10_000 + " = x"), limits=LIMITS)
    assert "longer than" in report.steps[1].detail
    report = check_text(document("(" * 2_000 + "x" + ")" * 2_000 + " = x"), limits=LIMITS)
    assert "nested" in report.steps[1].detail


@pytest.mark.parametrize("text", [
    pytest.param("\x00\x01\x02 binary \x00 junk $$x = x$$", id="nul-bytes"),
    pytest.param("$$x = x$$\n" * 800_000, id="tens-of-MB"),
])
def test_whole_file_errors_are_document_errors(text):
    started = time.monotonic()
    with pytest.raises(DocumentError) as info:
        check_text(text, limits=LIMITS)
    assert str(info.value) and time.monotonic() - started < 5


def test_binary_junk_without_nul_bytes():
    import random

    rng = random.Random(7)
    junk = "".join(chr(rng.choice([rng.randint(1, 0x2FF), rng.randint(0x1F300, 0x1F5FF)])) for _ in range(20_000))
    report = check_text(document("1 = 1") + junk + "\n$$" + junk[:500] + "$$\n", limits=LIMITS)
    assert all(s.verdict in VERDICTS for s in report.steps)
    assert report.steps[0].verdict == "proved"


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    quick = {k: v for k, v in CASES.items() if k not in ("derivative of a huge expression", "large power, false")}
    (folder / "all.md").write_text("".join(document(m) for m, _ in quick.values()), encoding="utf-8")
    (folder / "binary.md").write_bytes(bytes(range(256)) * 100)
    with open(folder / "huge.md", "w", encoding="utf-8") as f:  # 30 MB, above the 5 MB limit
        f.write("$$x = x$$\n" * 3_000_000)
    return folder


def test_cli_in_process(hostile_files, capsys):
    status = main(["check", "--step-seconds", "2", "--document-seconds", "60", str(hostile_files / "all.md"),
                   str(hostile_files / "binary.md"), str(hostile_files / "huge.md")])
    out, err = capsys.readouterr()
    assert status == 2  # two files cannot be read
    assert "binary.md" in err and "huge.md" in err and "too large" in err
    assert "Traceback" not in err + out
    assert "1 + 1 = 2" in out and "2 + 2 = 5" in out


def test_cli_subprocess_no_traceback(hostile_files):
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "derivations", "check", "--json", "--step-seconds", "2",
                           "--document-seconds", "60", str(hostile_files / "all.md"), str(hostile_files / "huge.md"),
                           str(hostile_files / "binary.md")],
                          capture_output=True, text=True, timeout=180, cwd=Path(__file__).parent.parent)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "Error:" not in proc.stderr.replace("DocumentError", "")
    import json

    files = json.loads(proc.stdout)["files"]
    steps = files[0]["steps"]
    assert steps and all(s["verdict"] in VERDICTS for s in steps)
    assert sum(s["claim"] == "2 + 2 = 5" and s["verdict"] == "wrong" for s in steps) == len(CASES) - 2
    assert time.monotonic() - started < 120


SLOW = {
    "derivative of a huge expression": f"\\frac{{d}}{{dx}}\\left({BIG_SUM}\\right) = 0",
    "large powers": "(x+1)^{1000}(x-1)^{1000} = (x^2-1)^{1000} + 1",
    "large powers, other order": "(x+1)^{1000} = (x+2)^{999}",
}


@pytest.mark.parametrize("name", list(SLOW))
def test_time_limits_hold_in_a_thread(name):
    """No SIGALRM outside the main thread: the cooperative deadline must still stop the engine."""
    limits = Limits(step_seconds=1.0, document_seconds=3.0)
    result = {}

    def work():
        try:
            result["report"] = check_text(document(SLOW[name]), limits=limits)
        except BaseException as exc:  # noqa: BLE001 - reported below
            result["error"] = exc

    started = time.monotonic()
    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(limits.document_seconds + 30)
    elapsed = time.monotonic() - started
    assert not worker.is_alive(), "the check ignored its time limit in a thread"
    assert "error" not in result, result.get("error")
    assert elapsed < limits.document_seconds + MARGIN, elapsed
    report = result["report"]
    assert report.steps[0].verdict == "proved"
    assert all(s.verdict in FALSE for s in report.steps[1:-1])
    assert report.steps[-1].verdict in ("wrong", "unchecked")  # unchecked when the document limit is spent


def test_thread_limit_leaves_no_tracer_behind():
    def work():
        check_text(document("(x+1)^{1000} = (x+2)^{999}"), limits=Limits(0.5, 2.0))
        result.append(sys.gettrace())

    result = []
    t = threading.Thread(target=work)
    t.start()
    t.join(30)
    assert result == [None]
