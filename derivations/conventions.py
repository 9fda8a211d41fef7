"""The value a derivative takes at a kink, where it does not exist classically.

ReLU, leaky ReLU, PReLU and ELU (with alpha != 1) have a left and a right
derivative at 0 that differ.  Frameworks pick a value: PyTorch and TensorFlow
use the left one (ReLU'(0) = 0).  We do the same by default, and let the user
choose:

>>> from derivations import relu, derivative_at_zero
>>> from sympy import Symbol, S
>>> x = Symbol('x')
>>> relu(x).diff(x).subs(x, 0)
0
>>> with derivative_at_zero("right"):
...     relu(x).diff(x).subs(x, 0)
1

The accepted names are ``"left"`` (0 for ReLU), ``"right"`` (1), ``"mean"``
(1/2) and ``"undefined"`` (nan); the numbers 0, 1 and 1/2 are read as left,
right and mean.
"""

from __future__ import annotations

import contextlib
import threading

from sympy import Rational, S, nan

CONVENTIONS = ("left", "right", "mean", "undefined")

_state = threading.local()


def _normalise(value) -> str:
    if isinstance(value, str):
        if value not in CONVENTIONS:
            raise ValueError(
                f"unknown convention {value!r}; choose one of {', '.join(CONVENTIONS)} or 0, 1, 1/2"
            )
        return value
    numbers = {S.Zero: "left", S.One: "right", Rational(1, 2): "mean"}
    try:
        key = Rational(str(value)) if isinstance(value, float) else S(value) if isinstance(value, int) else value
    except (TypeError, ValueError):
        key = None
    try:
        found = numbers.get(key)
    except TypeError:  # unhashable (a list, a dict): not a convention
        found = None
    if found is not None:
        return found
    raise ValueError(f"unknown convention {value!r}; choose one of {', '.join(CONVENTIONS)} or 0, 1, 1/2")


def get_convention() -> str:
    """The convention in force in this thread (``"left"`` unless changed)."""
    return getattr(_state, "value", "left")


def set_convention(value) -> None:
    """Set the convention for this thread; see the module docstring."""
    _state.value = _normalise(value)


@contextlib.contextmanager
def derivative_at_zero(value):
    """Use a convention inside a ``with`` block, then restore the previous one."""
    previous = get_convention()
    set_convention(value)
    try:
        yield
    finally:
        _state.value = previous


def value_at_kink(left, right):
    """The derivative at a kink whose one-sided derivatives are ``left`` and ``right``."""
    convention = get_convention()
    if left == right:
        return left
    if convention == "left":
        return left
    if convention == "right":
        return right
    if convention == "mean":
        return (left + right) / 2
    return nan
