"""Time limits: a policy that ``except Exception``, a bare ``except:`` once, a gc callback or a busy
machine cannot swallow, in the main thread (SIGALRM) and in other threads (the watchdog)."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import time

import pytest

from derivations.engine.limits import TimeLimitExceeded, check_deadline, time_limit
from derivations.equivalence import decide

SLACK = 2.0  # seconds past the limit a loaded machine may take to deliver the exception


def _in_thread(work, timeout=30.0):
    """Run work() in a thread; (its result or exception, seconds)."""
    out = {}

    def run():
        started = time.monotonic()
        try:
            out["result"] = work()
        except BaseException as exc:  # noqa: BLE001 - the test inspects it
            out["error"] = exc
        out["seconds"] = time.monotonic() - started

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "the time limit did not stop the thread"
    return out


def _busy_swallowing(swallow_once: bool, seconds: float = 0.3):
    """Spin inside a limit; an `except Exception` around the work, and maybe one bare except."""
    swallowed = 0
    with time_limit(seconds):
        while True:
            try:
                try:
                    sum(range(1000))
                except Exception:  # what SymPy does in places: must not stop the limit
                    pass
            except BaseException:
                if not swallow_once or swallowed:
                    raise
                swallowed += 1  # a bare except swallows it once: the limit fires again


def test_the_exception_is_not_an_exception():
    assert issubclass(TimeLimitExceeded, BaseException) and not issubclass(TimeLimitExceeded, Exception)


@pytest.mark.parametrize("swallow_once", [False, True])
def test_main_thread_limit_survives_except_exception_and_one_bare_except(swallow_once):
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded):
        _busy_swallowing(swallow_once)
    assert time.monotonic() - started < 0.3 + SLACK


@pytest.mark.parametrize("swallow_once", [False, True])
def test_thread_limit_survives_except_exception_and_one_bare_except(swallow_once):
    out = _in_thread(lambda: _busy_swallowing(swallow_once))
    assert isinstance(out.get("error"), TimeLimitExceeded), out
    assert out["seconds"] < 0.3 + SLACK


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the discarded exception
def test_thread_limit_survives_a_gc_callback_that_swallows_it():
    """A gc callback runs Python code whose exceptions the interpreter discards (hypothesis has one)."""
    calls = []

    def callback(phase, info):
        calls.append(phase)
        sum(range(50))

    def churn():
        kept = []
        with time_limit(0.3):
            while True:  # containers kept alive: the cyclic collector runs, and so does the callback
                kept.append([])
                if len(kept) > 20_000:
                    kept.clear()

    gc.callbacks.append(callback)
    try:
        out = _in_thread(churn)
    finally:
        gc.callbacks.remove(callback)
    assert calls, "the collector never ran"
    assert isinstance(out.get("error"), TimeLimitExceeded), out
    assert out["seconds"] < 0.3 + SLACK


def test_nothing_is_raised_after_a_thread_leaves_its_block():
    """Blocks that end right at their deadline: a pending exception is cleared, never raised later."""
    def work():
        ended = 0
        for _ in range(200):
            try:
                with time_limit(0.002):
                    deadline = time.monotonic() + 0.002
                    while time.monotonic() < deadline:
                        pass
            except TimeLimitExceeded:
                ended += 1
            for _ in range(2000):  # plenty of instructions where a late exception would surface
                pass
        time.sleep(0.5)  # the watchdog's repeat period: nothing may arrive now
        return ended

    out = _in_thread(work)
    assert "error" not in out, out.get("error")


def test_nested_limits_in_a_thread():
    def work():
        try:
            with time_limit(5.0):
                with time_limit(0.2):
                    while True:
                        pass
        except TimeLimitExceeded:
            inner = time.monotonic()
        with time_limit(5.0):  # the outer limit is not spent: this block runs to its end
            time.sleep(0.3)
            check_deadline()
        return inner

    out = _in_thread(work)
    assert "error" not in out, out.get("error")


def test_decide_ends_a_heavy_step_in_a_thread():
    from sympy import Symbol

    x = Symbol("x")

    def work():
        with time_limit(1.0):
            return decide((x + 1) ** 1000 * (x - 1) ** 1000, (x ** 2 - 1) ** 1000 + 1)

    out = _in_thread(work)
    assert out["seconds"] < 1.0 + SLACK + 2
    evidence = out.get("result")
    assert evidence is None or evidence.verdict in ("wrong", "unknown"), evidence


@pytest.mark.slow
def test_thread_limits_hold_with_two_busy_cores():
    """The hostile thread case under load: two other processes keep both cores busy."""
    from derivations.check import Limits, check_text

    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        document = ("Intro.\n\n$$1 + 1 = 2$$\n\n$$(x+1)^{1000}(x-1)^{1000} = (x^2-1)^{1000} + 1$$\n\n"
                    "$$2 + 2 = 5$$\n")
        limits = Limits(step_seconds=1.0, document_seconds=3.0)
        for _ in range(3):
            out = _in_thread(lambda: check_text(document, limits=limits), timeout=60)
            assert "error" not in out, out.get("error")
            assert out["seconds"] < limits.document_seconds + 8, out["seconds"]
    finally:
        for p in busy:
            p.kill()
            p.wait()
