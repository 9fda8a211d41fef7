"""Time limits that work wherever the engine runs, and that ``except Exception`` cannot swallow.

:class:`TimeLimitExceeded` derives from :class:`BaseException` (like
math-verify's ``TimeoutException``): SymPy's own ``except Exception`` clauses
let it through, and so does every handler in this project that is not written
for it.  Code that must end a step cleanly catches it by name.

In the main thread :func:`time_limit` uses ``SIGALRM`` (``setitimer``), which
interrupts long SymPy computations.  Other threads cannot receive signals, so
there a watchdog thread raises the exception *in* the limited thread
(``PyThreadState_SetAsyncExc``), at its next Python instruction.  In both cases
the exception is raised again every :data:`REPEAT_SECONDS` until the block is
left, so one swallowed by a bare ``except:`` (or inside a finalizer or a gc
callback, where Python discards exceptions) does not end the limit.
:func:`check_deadline` lets cooperative code stop itself between steps.

>>> with time_limit(1.0):
...     x = sum(range(10))
>>> issubclass(TimeLimitExceeded, Exception)
False
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import signal
import sys
import threading
import time


class TimeLimitExceeded(BaseException):
    """Raised when a computation runs past its time limit (a BaseException: not swallowed by ``except Exception``)."""


_deadline = threading.local()

#: after the limit, the exception is raised again this often until the block is left
REPEAT_SECONDS = 0.2
#: how soon the watchdog tries again when the thread is in code that discards exceptions
RETRY_SECONDS = 0.002


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


def can_interrupt() -> bool:
    """True when a limit can interrupt any computation: always in CPython (signals in the main
    thread, the watchdog elsewhere); elsewhere only in the main thread."""
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        return True
    return _ASYNC is not None


def _async_setters():
    """(raise in thread, clear pending) from the C API, or None outside CPython."""
    try:
        api = ctypes.pythonapi
        # separate prototypes: setting argtypes on ctypes.pythonapi's own object would change it for everyone
        raise_in = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(
            ("PyThreadState_SetAsyncExc", api))
        clear = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
            ("PyThreadState_SetAsyncExc", api))
    except (AttributeError, OSError, ValueError):  # pragma: no cover - not CPython
        return None
    return raise_in, clear


_ASYNC = _async_setters()


def _discards_exceptions(frame) -> bool:
    """True when frame runs inside a gc callback or a finalizer, where Python discards exceptions.

    A thread busy in the cyclic collector gives up the GIL only inside such
    callbacks (hypothesis registers one), so an exception set then would land
    there every time.
    """
    codes = {getattr(getattr(cb, "__func__", cb), "__code__", None) for cb in gc.callbacks}
    depth = 0
    while frame is not None and depth < 256:
        code = frame.f_code
        if code in codes or code.co_name == "__del__":
            return True
        frame, depth = frame.f_back, depth + 1
    return False


class _Watchdog:
    """One daemon thread that raises TimeLimitExceeded in threads whose deadline has passed.

    ``blocks`` maps a thread id to the stack of its open limits, each
    ``(deadline, token)``; the innermost deadline (already the smallest)
    rules.  Everything is done under ``lock``, so the exception is never set
    after the limited thread has left its block: leaving removes the block and
    clears a pending exception under the same lock.  The exception is not set
    while the thread runs code that discards exceptions (a gc callback, a
    finalizer); one discarded all the same (reported to
    ``sys.unraisablehook``) is set again at once.
    """

    def __init__(self, raise_in, clear):
        self._raise_in, self._clear = raise_in, clear
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.blocks: dict[int, list] = {}
        self.fired: dict[int, float] = {}
        self.thread: threading.Thread | None = None

    def push(self, tid: int, deadline: float, token) -> None:
        with self.lock:
            self.blocks.setdefault(tid, []).append((deadline, token))
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="derivations-time-limits", daemon=True)
                self.thread.start()
            if sys.unraisablehook is not self._unraisable:
                self._previous_hook, sys.unraisablehook = sys.unraisablehook, self._unraisable
            self.changed.notify()

    def _unraisable(self, unraisable) -> None:
        """A time limit discarded (in a gc callback, a finalizer): set it again now, print nothing."""
        if isinstance(unraisable.exc_value, TimeLimitExceeded) or unraisable.exc_type is TimeLimitExceeded:
            with self.lock:
                tid = threading.get_ident()
                if tid in self.blocks:
                    self.fired[tid] = time.monotonic() - REPEAT_SECONDS + RETRY_SECONDS
                    self.changed.notify()
            return
        (self._previous_hook or sys.__unraisablehook__)(unraisable)

    _previous_hook = None

    def pop(self, tid: int, token) -> None:
        """Remove the block ``token``, and any exception set for it but not yet raised."""
        while True:
            try:
                with self.lock:
                    stack = self.blocks.get(tid, [])
                    for i in range(len(stack) - 1, -1, -1):
                        if stack[i][1] is token:
                            del stack[i]
                            break
                    if not stack:
                        self.blocks.pop(tid, None)
                    self.fired.pop(tid, None)
                    self._clear(tid, None)
                    if not self.blocks and sys.unraisablehook is self._unraisable:
                        sys.unraisablehook = self._previous_hook or sys.__unraisablehook__
                return
            except TimeLimitExceeded:  # set just before we took the lock: cleared now, try again
                continue

    def _run(self) -> None:  # pragma: no cover - runs in the watchdog thread
        with self.lock:
            while True:
                now = time.monotonic()
                wake = None
                frames = None
                for tid, stack in self.blocks.items():
                    deadline = stack[-1][0]
                    if now >= deadline:
                        last = self.fired.get(tid)
                        if last is None or now - last >= REPEAT_SECONDS:
                            frames = sys._current_frames() if frames is None else frames
                            if _discards_exceptions(frames.get(tid)):
                                due = now + RETRY_SECONDS  # it would be discarded: try again soon
                                wake = due if wake is None else min(wake, due)
                                continue
                            self._raise_in(tid, TimeLimitExceeded)
                            self.fired[tid] = last = now
                        due = last + REPEAT_SECONDS
                    else:
                        due = deadline
                    wake = due if wake is None else min(wake, due)
                frames = None  # no other thread's frames kept alive while waiting
                self.changed.wait(None if wake is None else max(wake - now, 1e-3))


_WATCHDOG = _Watchdog(*_ASYNC) if _ASYNC is not None else None


@contextlib.contextmanager
def _watched(deadline: float):
    tid, token = threading.get_ident(), object()
    try:
        _WATCHDOG.push(tid, deadline, token)
        yield
    finally:
        _WATCHDOG.pop(tid, token)


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise :class:`TimeLimitExceeded` inside the block after ``seconds``."""
    if seconds is None or seconds <= 0:
        yield
        return
    previous_deadline = getattr(_deadline, "value", None)
    new_deadline = time.monotonic() + seconds
    _deadline.value = new_deadline if previous_deadline is None else min(previous_deadline, new_deadline)
    in_main = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not in_main:
        try:
            if _WATCHDOG is None:  # pragma: no cover - not CPython: cooperative checks only
                yield
            else:
                with _watched(_deadline.value):
                    yield
        finally:
            _deadline.value = previous_deadline
        return
    old_handler = signal.signal(signal.SIGALRM, _on_alarm)
    remaining = max(_deadline.value - time.monotonic(), 1e-3)
    # the alarm repeats: a swallowed alarm must not end the limit
    signal.setitimer(signal.ITIMER_REAL, remaining, REPEAT_SECONDS)
    try:
        yield
    finally:
        _disarm()
        signal.signal(signal.SIGALRM, old_handler)
        _deadline.value = previous_deadline
        if previous_deadline is not None:  # an outer limit is still running: re-arm what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(previous_deadline - time.monotonic(), 1e-3), REPEAT_SECONDS)
