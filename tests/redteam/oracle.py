"""An oracle for the red-team steps that shares no code with ``derivations``.

Run it at 50 digits (``build.py`` does, with ``mpmath.workdps(50)``); it sets no global precision.

Every function returns ``(truth, evidence)`` with truth ``"true"``, ``"false"`` or
``"undecidable"``: mpmath at 50 digits at fixed random points, exact fractions,
random integer matrices, concrete functions put in for unknown ones.  A case whose
oracle cannot tell (a difference too close to call) raises, so no truth is guessed.
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import mpmath as mp

_TOL = mp.mpf(10) ** -25
_GAP = mp.mpf(10) ** -12


class Ambiguous(Exception):
    """The oracle cannot decide the case (a bad case, not a checker failure)."""


# -- the functions of the course, written independently ---------------------------------------------

def sig(x):
    return 1 / (1 + mp.exp(-x))


def dsig(x):
    return sig(x) * (1 - sig(x))


def tanh(x):
    return mp.tanh(x)


def relu(x):
    return x if x > 0 else mp.mpf(0)


def softplus(x):
    return mp.log(1 + mp.exp(x))


def Phi(x):
    return (1 + mp.erf(x / mp.sqrt(2))) / 2


def phi(x):
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def leaky(x, a=mp.mpf("0.01")):
    return x if x > 0 else a * x


def elu(x, a=mp.mpf(1)):
    return x if x > 0 else a * (mp.exp(x) - 1)


def step(x):
    return mp.mpf(1) if x >= 0 else mp.mpf(0)


def d(f, x):
    """Derivative by mpmath's high-precision differentiation."""
    return mp.diff(f, x)


def num(text: str):
    """A decimal as written ('0,5' and '0{,}5' are 0.5), exactly."""
    return mp.mpf(text.replace("{,}", ".").replace(",", "."))


# -- the oracles -------------------------------------------------------------------------------------

def _close(a, b) -> bool:
    return abs(a - b) <= _TOL * (1 + abs(a) + abs(b))


def _far(a, b) -> bool:
    return abs(a - b) > _GAP * (1 + abs(a) + abs(b))


def _points(n, lo, hi, seed, where):
    rng = random.Random(seed)
    out = []
    for _ in range(4000):
        p = [mp.mpf(rng.uniform(lo, hi)) for _ in range(n)]
        if where is None or where(*p):
            out.append(p)
        if len(out) == 14:
            return out
    raise Ambiguous("no admissible points")


def real(lhs, rhs, n=1, lo=-3, hi=3, where=None, seed=7):
    """An identity in n real variables, tested at 14 random points."""
    for p in _points(n, lo, hi, seed, where):
        a, b = lhs(*p), rhs(*p)
        if _far(a, b):
            return "false", f"real: differ at {[mp.nstr(v, 6) for v in p]}: {mp.nstr(a, 8)} vs {mp.nstr(b, 8)}"
        if not _close(a, b):
            raise Ambiguous(f"too close to call at {p}")
    return "true", f"real: equal to 25 digits at 14 random points in [{lo}, {hi}]^{n}"


def ints(lhs, rhs, n=1, lo=1, hi=8, ranges=None):
    """An identity in n integers, tested on the whole grid [lo, hi]^n (or ``ranges``) with exact fractions."""
    grid = [range(a, b + 1) for a, b in ranges] if ranges else [range(lo, hi + 1)] * n
    for p in itertools.product(*grid):
        a, b = Fraction(lhs(*p)), Fraction(rhs(*p))
        if a != b:
            return "false", f"ints: differ at {p}: {a} vs {b}"
    where = ranges if ranges else f"[{lo}, {hi}]^{n}"
    return "true", f"ints: equal on every integer point of {where}"


def exact(a, b):
    """Two numbers (Fractions, ints or mpf at 50 digits)."""
    if isinstance(a, (int, Fraction)) and isinstance(b, (int, Fraction)):
        ok = Fraction(a) == Fraction(b)
        return ("true" if ok else "false"), f"exact: {a} vs {b}"
    a, b = mp.mpf(a) if not isinstance(a, Fraction) else mp.mpf(a.numerator) / a.denominator, \
        mp.mpf(b) if not isinstance(b, Fraction) else mp.mpf(b.numerator) / b.denominator
    if _close(a, b):
        return "true", f"exact: {mp.nstr(a, 12)} = {mp.nstr(b, 12)}"
    if _far(a, b):
        return "false", f"exact: {mp.nstr(a, 12)} vs {mp.nstr(b, 12)}"
    raise Ambiguous("too close to call")


def _half_unit(written: str):
    w = written.replace("{,}", ".").replace(",", ".").replace(r"\%", "%").strip()
    pct = w.endswith("%")
    w = w.rstrip("%")
    if "e" in w:
        mant, ex = w.split("e")
        places = len(mant.split(".")[1]) if "." in mant else 0
        value, half = mp.mpf(w), mp.mpf(10) ** (int(ex) - places) / 2
    else:
        places = len(w.split(".")[1]) if "." in w else 0
        value, half = mp.mpf(w), mp.mpf(10) ** (-places) / 2
    if pct:
        value, half = value / 100, half / 100
    return value, half


def rounds(value, written: str):
    """The value rounds to the written number: within half a unit of its last digit.

    ``written`` uses plain forms: '0.6225', '0,6225', '88%', '9.5e-7'.
    """
    value = mp.mpf(value)
    w, half = _half_unit(written)
    gap = abs(value - w)
    if abs(gap - half) < _TOL:
        raise Ambiguous("a tie")
    ok = gap < half
    return ("true" if ok else "false"), f"rounds: {mp.nstr(value, 10)} {'->' if ok else 'does not round to'} {written}"


def _matrix(rng, rows, cols):
    return mp.matrix([[rng.randint(-4, 4) for _ in range(cols)] for _ in range(rows)])


def mats(pair, shapes, trials=6, seed=3):
    """``pair(*matrices) -> (lhs, rhs)`` on random integer matrices of the given shapes, exactly."""
    rng = random.Random(seed)
    for _ in range(trials):
        ms = [_matrix(rng, r, c) for r, c in shapes]
        try:
            a, b = pair(*ms)
        except ValueError:  # mpmath: the shapes of a product or sum do not fit
            return "false", f"mats: one side is undefined for matrices of shapes {shapes}"
        a, b = (x if isinstance(x, mp.matrix) else mp.matrix([[x]]) for x in (a, b))
        if a.rows != b.rows or a.cols != b.cols:
            return "false", f"mats: shapes {a.rows}x{a.cols} and {b.rows}x{b.cols} differ"
        if any(a[i, j] != b[i, j] for i in range(a.rows) for j in range(a.cols)):
            return "false", f"mats: differ on random integer matrices of shapes {shapes}"
    return "true", f"mats: equal on {trials} random integer matrices of shapes {shapes}"


_FAMILY = [
    lambda t: t ** 3 + t, lambda t: mp.sin(t) + 2 * t, lambda t: mp.exp(t / 2), lambda t: t ** 2 + 1,
    lambda t: 3 * t - 1, lambda t: mp.log(1 + t * t),
]


def funcs(lhs, rhs, k, n=1, seed=11):
    """Unknown functions: ``lhs(fs, *pts)`` and ``rhs(fs, *pts)`` with k concrete functions put in."""
    rng = random.Random(seed)
    for trial in range(10):
        fs = [_FAMILY[rng.randrange(len(_FAMILY))] for _ in range(k)]
        p = [mp.mpf(rng.uniform(-1.5, 1.5)) for _ in range(n)]
        a, b = lhs(fs, *p), rhs(fs, *p)
        if _far(a, b):
            return "false", f"funcs: with concrete functions (trial {trial}) at {[mp.nstr(v, 5) for v in p]}: " \
                            f"{mp.nstr(a, 8)} vs {mp.nstr(b, 8)}"
        if not _close(a, b):
            raise Ambiguous("too close to call")
    return "true", "funcs: equal for 10 choices of concrete functions and points"


def holds(pred, n=1, lo=-3, hi=3, where=None, seed=5):
    """An inequality (a predicate) at 14 random points."""
    for p in _points(n, lo, hi, seed, where):
        if not pred(*p):
            return "false", f"holds: fails at {[mp.nstr(v, 6) for v in p]}"
    return "true", f"holds: at 14 random points in [{lo}, {hi}]^{n}"


def undecidable(why: str):
    return "undecidable", f"undecidable: {why}"
