"""Time limits that work wherever the engine runs.

In the main thread :func:`time_limit` uses ``SIGALRM`` (``setitimer``), which
interrupts long SymPy computations.  In other threads signals cannot be used,
so the limit becomes a deadline that cooperative code polls with
:func:`check_deadline`, and that a trace function (``sys.settrace``, this
thread only, called on every Python function call) enforces inside SymPy code
that never polls; worker processes run their own main thread and get the
real alarm.

>>> with time_limit(1.0):
...     x = sum(range(10))
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time


class TimeLimitExceeded(Exception):
    """Raised when a computation runs past its time limit."""


_deadline = threading.local()

#: after the limit, the alarm fires again this often until the block is left
REPEAT_SECONDS = 0.2
_GENERATOR_FLAGS = 0x20 | 0x80 | 0x200  # CO_GENERATOR, CO_COROUTINE, CO_ASYNC_GENERATOR


def _on_alarm(signum, frame):  # pragma: no cover - timing dependent
    raise TimeLimitExceeded("time limit exceeded")


def _disarm() -> None:
    """Stop the alarm, even when it fires once more while being stopped."""
    while True:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
            return
        except TimeLimitExceeded:
            continue


def check_deadline() -> None:
    """Raise :class:`TimeLimitExceeded` when this thread's deadline has passed."""
    deadline = getattr(_deadline, "value", None)
    if deadline is not None and time.monotonic() > deadline:
        raise TimeLimitExceeded("time limit exceeded")


def _deadline_tracer(frame, event, arg):
    """Trace function for threads: raise at the first Python call after the deadline.

    CPython removes a trace function that raises, so the exception fires once;
    :func:`time_limit` puts back the trace function it found on exit.
    """
    deadline = getattr(_deadline, "value", None)
    if deadline is not None and time.monotonic() > deadline:
        code = frame.f_code
        # not in generators or finalizers: an exception there is swallowed, and the tracer with it
        if not code.co_flags & _GENERATOR_FLAGS and code.co_name != "__del__":
            raise TimeLimitExceeded("time limit exceeded")
    return None


def can_interrupt() -> bool:
    """True when a limit can interrupt any computation (main thread, signals available)."""
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise :class:`TimeLimitExceeded` inside the block after ``seconds``."""
    if seconds is None or seconds <= 0:
        yield
        return
    previous_deadline = getattr(_deadline, "value", None)
    new_deadline = time.monotonic() + seconds
    _deadline.value = new_deadline if previous_deadline is None else min(previous_deadline, new_deadline)
    if not can_interrupt():
        previous_tracer = sys.gettrace()
        if previous_tracer is None or previous_tracer is _deadline_tracer:
            sys.settrace(_deadline_tracer)  # a debugger's or coverage's tracer is left alone
        try:
            yield
        finally:
            sys.settrace(previous_tracer)
            _deadline.value = previous_deadline
        return
    old_handler = signal.signal(signal.SIGALRM, _on_alarm)
    remaining = max(_deadline.value - time.monotonic(), 1e-3)
    # the alarm repeats: SymPy catches Exception in places, and a swallowed alarm must not end the limit
    signal.setitimer(signal.ITIMER_REAL, remaining, REPEAT_SECONDS)
    try:
        yield
    finally:
        _disarm()
        signal.signal(signal.SIGALRM, old_handler)
        _deadline.value = previous_deadline
        if previous_deadline is not None:  # an outer limit is still running: re-arm what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(previous_deadline - time.monotonic(), 1e-3), REPEAT_SECONDS)
