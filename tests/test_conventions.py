"""The derivative-at-a-kink conventions: names, numbers, scope and threads."""

from __future__ import annotations

import threading

import pytest
from sympy import Rational, S, Symbol, nan

from derivations.conventions import (
    CONVENTIONS,
    derivative_at_zero,
    get_convention,
    set_convention,
    value_at_kink,
)

LEFT, RIGHT = Rational(1, 10), S(3)  # one-sided slopes of a made-up kink


@pytest.mark.parametrize("convention, expected", [
    ("left", LEFT), ("right", RIGHT), ("mean", (LEFT + RIGHT) / 2), ("undefined", nan),
    (0, LEFT), (1, RIGHT), (Rational(1, 2), (LEFT + RIGHT) / 2), (0.5, (LEFT + RIGHT) / 2), (S.Zero, LEFT),
])
def test_value_at_kink(convention, expected):
    with derivative_at_zero(convention):
        got = value_at_kink(LEFT, RIGHT)
    assert got is nan if expected is nan else got == expected


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_no_kink_when_both_sides_agree(convention):
    with derivative_at_zero(convention):
        assert value_at_kink(S(2), S(2)) == 2


def test_default_is_left_like_pytorch():
    seen = []
    thread = threading.Thread(target=lambda: seen.append(get_convention()))
    thread.start()
    thread.join()
    assert seen == ["left"]


def test_convention_is_per_thread():
    seen = []
    with derivative_at_zero("mean"):
        thread = threading.Thread(target=lambda: seen.append(value_at_kink(S.Zero, S.One)))
        thread.start()
        thread.join()
        assert value_at_kink(S.Zero, S.One) == S.Half
    assert seen == [S.Zero]


@pytest.mark.parametrize("bad", ["middle", "LEFT", 2, 0.25, Rational(2, 3), None, [], Symbol("x")])
def test_unknown_conventions_are_refused(bad):
    before = get_convention()
    with pytest.raises(ValueError):
        set_convention(bad)
    assert get_convention() == before
