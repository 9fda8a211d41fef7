r"""A generated soundness suite for the checker (issue 9, "Tests").

Each family below builds steps in course notation from a random generator: true steps
(from the library's functions and rules, and from the kinds of names of SCOPE.md) and
their mutations (the slips students make: a sign, a dropped factor, a missing chain-rule
factor, an off-by-one bound, a swapped order, a wrong rounding).  The truth of every
generated step is computed by an independent oracle in this file (mpmath at 30 digits,
exact fractions, random integer matrices, concrete functions for unknown ones; the precision is
set locally, never globally), never by the checker.  The properties:

* a true step is never called wrong;
* a false step is never proved or verified.

Seeds are fixed (``derandomize=True``); no shrinking, so a failing run stays fast and its
message shows the generated document.  ``PENDING`` names the families the checker does not
pass yet (``xfail(strict=False)``); the list must end empty.  ``python3 tests/test_soundness.py``
prints, per family, how many of 200 generated cases break each property.
"""

from __future__ import annotations

import random
import sys
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

import mpmath as mp
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from derivations.check import check_text

ACCEPTED = {"proved", "verified"}
# hypothesis imports libcst to explain a failure of an xfail test; its deprecation noise is not ours
pytestmark = pytest.mark.filterwarnings("ignore:mypy_extensions.TypedDict is deprecated")

# Families the checker does not pass yet (issue 9).  Must end empty.
PENDING: set[str] = set()


# -- an independent oracle -------------------------------------------------------------------------

def sig(x):
    return 1 / (1 + mp.exp(-x))


def close(a, b) -> bool:
    return abs(a - b) <= mp.mpf(10) ** -18 * (1 + abs(a) + abs(b))


def identity(lhs, rhs, n=1, seed=0, lo=-2.5, hi=2.5) -> bool | None:
    """True/False for an identity in n reals at 8 points; None when too close to call."""
    rng = random.Random(seed)
    for _ in range(8):
        p = [mp.mpf(rng.uniform(lo, hi)) for _ in range(n)]
        a, b = lhs(*p), rhs(*p)
        if not close(a, b):
            return False if abs(a - b) > mp.mpf(10) ** -8 * (1 + abs(a)) else None
    return True


def written(value, places: int) -> str:
    """The value rounded to ``places`` decimals, as a person writes it (trailing zeros kept)."""
    q = Decimal(1).scaleb(-places) if places else Decimal(1)
    return str(Decimal(mp.nstr(value, 40, strip_zeros=False)).quantize(q, rounding=ROUND_HALF_EVEN))


def near_tie(value, places: int) -> bool:
    scaled = mp.mpf(value) * mp.mpf(10) ** places
    return abs(scaled - mp.floor(scaled) - mp.mpf("0.5")) < mp.mpf("0.02")


# -- running the checker ---------------------------------------------------------------------------

def verdict_on_last_line(text: str) -> str:
    line = text.count("\n") + 1
    found = [str(s.verdict) for s in check_text(text).steps if s.line == line]
    return found[-1] if found else "none"


def judge(text: str, truth: bool):
    got = verdict_on_last_line(text)
    if truth:
        assert got != "wrong", f"a true step called wrong:\n{text}"
    else:
        assert got not in ACCEPTED, f"a false step called {got}:\n{text}"


# -- the families: each returns (text, truth) from a random generator ------------------------------

LOSSES = ["J", "L", "E", "C"]
INNER = ["h", "u", "a", "z", "v", "q", "s", "g"]
PARAMS = ["w", "\\theta", "b", "w_1"]
FUNCS = [  # (f, f') as concrete functions for unknown ones
    (lambda t: t ** 3 + t, lambda t: 3 * t ** 2 + 1), (lambda t: mp.sin(t) + 2 * t, lambda t: mp.cos(t) + 2),
    (lambda t: mp.exp(t / 2), lambda t: mp.exp(t / 2) / 2), (lambda t: 3 * t - 1, lambda t: mp.mpf(3)),
    (lambda t: t ** 2 + 1, lambda t: 2 * t),
]


def _partial(top: str, bottom: str) -> str:
    return f"\\frac{{\\partial {top}}}{{\\partial {bottom}}}"


def chain_rule(rng: random.Random):
    """dJ/dw through k unknown intermediate names; mutations drop, scale, invert or double a factor."""
    k = rng.randint(1, 3)
    names = [rng.choice(LOSSES)] + rng.sample(INNER, k) + [rng.choice(PARAMS)]
    factors = [(names[i], names[i + 1]) for i in range(len(names) - 1)]
    kind = rng.choice(["true", "true", "commuted", "identity_factor", "drop", "scale", "invert", "double"])
    used = list(factors)
    coefficient = 1
    if kind == "commuted":
        rng.shuffle(used)
    elif kind == "identity_factor":
        used.insert(rng.randrange(len(used) + 1), (names[1], names[1]))
    elif kind == "drop":
        used.pop(rng.randrange(len(used)))
        if not used:
            used = [(names[0], names[0])]
    elif kind == "scale":
        coefficient = rng.choice([2, 3, 5])
    elif kind == "invert":
        i = rng.randrange(len(used))
        used[i] = used[i][::-1]
    elif kind == "double":
        used.insert(0, used[rng.randrange(len(used))])
    rhs = ("" if coefficient == 1 else str(coefficient)) + "".join(_partial(a, b) for a, b in used)
    text = f"$${_partial(names[0], names[-1])} = {rhs}$$"

    # oracle: concrete functions for every link, the left side by numerical differentiation
    chosen = [FUNCS[rng.randrange(len(FUNCS))] for _ in factors]

    def values(w):  # value of every name, from the parameter up
        vals = {names[-1]: w}
        for (top, bottom), (f, _) in zip(reversed(factors), reversed(chosen)):
            vals[top] = f(vals[bottom])
        return vals

    def local(top, bottom, vals):
        if top == bottom:
            return mp.mpf(1)
        for (t_, b_), (_, fp) in zip(factors, chosen):
            if (t_, b_) == (top, bottom):
                return fp(vals[bottom])
            if (t_, b_) == (bottom, top):
                return 1 / fp(vals[top])
        raise AssertionError

    def lhs(w):
        return mp.diff(lambda s: values(s)[names[0]], w)

    def rhs_value(w):
        vals = values(w)
        out = mp.mpf(coefficient)
        for a, b in used:
            out *= local(a, b, vals)
        return out

    truth = identity(lhs, rhs_value, lo=-1, hi=1, seed=rng.randrange(10 ** 6))
    return text, truth


def symbolic_sum(rng: random.Random):
    """sum_{i=lo}^{hi} (a i + b), sum i^2 or a geometric sum, with a closed form; mutated bounds or forms."""
    index = rng.choice(["i", "j", "k"])
    count = rng.choice(["n", "m", "N", "K"])
    form = rng.choice(["linear", "square", "geometric"])
    mutation = rng.choice(["none", "none", "upper", "lower", "closed"])
    lo, hi = 1, count
    lo_val, hi_off = 1, 0
    if form == "linear":
        a, b = rng.choice([1, 2, 3, -1]), rng.choice([0, 1, 2, -3])
        term = f"({a if a != 1 else ''}{index} {'+' if b >= 0 else '-'} {abs(b)})" if b else f"{a if a != 1 else ''}{index}"
        term = term.replace("-1" + index, "-" + index)

        def value(n):
            return Fraction(a * n * (n + 1), 2) + b * n
        closed = f"\\frac{{{a if a != 1 else ''}{count}({count}+1)}}{{2}}".replace("{-1" + count, "{-" + count)
        closed += f" {'+' if b > 0 else '-'} {abs(b)}{count}" if b else ""
        wrong_closed = closed.replace(f"({count}+1)", f"({count}-1)")

        def wrong(n):
            return Fraction(a * n * (n - 1), 2) + b * n

        def term_value(i):
            return a * i + b
    elif form == "square":
        term = f"{index}^2"

        def value(n):
            return Fraction(n * (n + 1) * (2 * n + 1), 6)
        closed = f"\\frac{{{count}({count}+1)(2{count}+1)}}{{6}}"
        wrong_closed = f"\\frac{{{count}({count}+1)(2{count}-1)}}{{6}}"

        def wrong(n):
            return Fraction(n * (n + 1) * (2 * n - 1), 6)

        def term_value(i):
            return i * i
    else:
        r = rng.choice([2, 3, 5])
        term = f"{r}^{{{index}}}"
        lo, lo_val, hi, hi_off = 0, 0, f"{count}-1", -1

        def value(n):
            return Fraction(r ** n - 1, r - 1)
        closed = f"\\frac{{{r}^{{{count}}} - 1}}{{{r - 1}}}" if r != 2 else f"2^{{{count}}} - 1"
        wrong_closed = closed.replace(f"^{{{count}}}", f"^{{{count}+1}}")

        def wrong(n):
            return Fraction(r ** (n + 1) - 1, r - 1)

        def term_value(i):
            return r ** i
    if mutation == "upper":
        hi, hi_off = (f"{count}+1", hi_off + 1) if hi_off == 0 else (count, 0)
    elif mutation == "lower":
        lo, lo_val = (0, 0) if lo_val == 1 else (1, 1)
    rhs = wrong_closed if mutation == "closed" else closed
    text = f"$$\\sum_{{{index}={lo}}}^{{{hi}}} {term} = {rhs}$$"
    claimed = wrong if mutation == "closed" else value
    truth = all(sum(Fraction(term_value(i)) for i in range(lo_val, n + hi_off + 1)) == claimed(n) for n in range(1, 8))
    return text, truth


LETTERS = list("ABCDGHKMNPQRSUVW")


def _random_matrix(rng, n=3):
    return mp.matrix([[rng.randint(-3, 3) for _ in range(n)] for _ in range(n)])


def transpose(rng: random.Random):
    """(L1 ... Lk)^T for any letters; mutations keep the order, drop a transpose or swap two factors."""
    k = rng.randint(2, 4)
    letters = rng.sample(LETTERS, k)
    mark = rng.choice(["^T", "^\\top", "^{T}"])
    kind = rng.choice(["true", "true", "kept", "missing", "swapped"])
    order = list(reversed(letters))
    transposed = [True] * k
    if kind == "kept":
        order = list(letters)
    elif kind == "missing":
        transposed[rng.randrange(k)] = False
    elif kind == "swapped":
        i = rng.randrange(k - 1)
        order[i], order[i + 1] = order[i + 1], order[i]
    rhs = " ".join(f"{x}{mark if t else ''}" for x, t in zip(order, transposed))
    declared = rng.random() < 0.5
    context = f"Let ${', '.join(letters)} \\in \\mathbb{{R}}^{{3 \\times 3}}$.\n\n" if declared else ""
    text = f"{context}$$({''.join(letters)}){mark} = {rhs}$$"
    truth = True
    for _ in range(4):
        mats = {x: _random_matrix(rng) for x in letters}
        left = mats[letters[0]]
        for x in letters[1:]:
            left = left * mats[x]
        left = left.T
        right = None
        for x, t in zip(order, transposed):
            m = mats[x].T if t else mats[x]
            right = m if right is None else right * m
        if any(left[i, j] != right[i, j] for i in range(3) for j in range(3)):
            truth = False
            break
    return text, truth


APPROX_FUNCS = [
    ("\\sigma({a})", lambda a: sig(a)), ("\\tanh({a})", lambda a: mp.tanh(a)), ("e^{{{a}}}", lambda a: mp.exp(a)),
    ("\\ln(1 + e^{{{a}}})", lambda a: mp.log(1 + mp.exp(a))), ("1 - \\sigma({a})", lambda a: 1 - sig(a)),
]


def approximation(rng: random.Random):
    """f(a) \\approx its value as a decimal, a percentage or in scientific notation; mutations slip a digit."""
    latex, f = APPROX_FUNCS[rng.randrange(len(APPROX_FUNCS))]
    a = Fraction(rng.randint(-12, 12), 2)
    a_text = str(float(a)).rstrip("0").rstrip(".") if a.denominator != 1 else str(a.numerator)
    value = f(mp.mpf(a.numerator) / a.denominator)
    if abs(value) < mp.mpf(10) ** -6:  # tanh(0) = 0 has no leading digit
        return None
    form = rng.choice(["decimal", "percent", "scientific", "e"])
    mutation = rng.choice(["none", "none", "up", "down", "power"])
    if form in ("scientific", "e"):
        exponent = int(mp.floor(mp.log10(abs(value))))
        digits = rng.randint(1, 3)
        mantissa = value / mp.mpf(10) ** exponent
        if near_tie(mantissa, digits - 1):
            return None
        m = Decimal(written(mantissa, digits - 1))
        if mutation in ("up", "down"):
            m += (1 if mutation == "up" else -1) * Decimal(1).scaleb(-(digits - 1))
        shown_exp = exponent + (1 if mutation == "power" else 0)
        number = f"{m} \\times 10^{{{shown_exp}}}" if form == "scientific" else f"{m}e{shown_exp}"
        claimed, half = mp.mpf(str(m)) * mp.mpf(10) ** shown_exp, mp.mpf(10) ** (shown_exp - digits + 1) / 2
    else:
        scale = 100 if form == "percent" else 1
        places = rng.randint(0, 4)
        shown = value * scale
        if near_tie(shown, places):
            return None
        m = Decimal(written(shown, places))
        if m == 0:  # "approx 0" has no written digit to judge
            return None
        if mutation in ("up", "down"):
            m += (1 if mutation == "up" else -1) * Decimal(1).scaleb(-places)
        if mutation == "power":
            m *= 10
        number = f"{m}\\%" if form == "percent" else f"{m}"
        claimed, half = mp.mpf(str(m)) / scale, mp.mpf(10) ** -places / 2 / scale
    text = f"$${latex.format(a=a_text)} \\approx {number}$$"
    return text, abs(value - claimed) < half


REDEF = [  # (latex of f, f, latex of f', f')
    ("\\sigma(x)", sig, "\\sigma(x)(1 - \\sigma(x))", lambda x: sig(x) * (1 - sig(x))),
    ("\\tanh(x)", mp.tanh, "1 - \\tanh^2(x)", lambda x: 1 - mp.tanh(x) ** 2),
    ("x^2", lambda x: x ** 2, "2x", lambda x: 2 * x),
    ("e^{x}", mp.exp, "e^{x}", mp.exp),
    ("\\ln(1 + e^{x})", lambda x: mp.log(1 + mp.exp(x)), "\\sigma(x)", sig),
    ("2x + 1", lambda x: 2 * x + 1, "2", lambda x: mp.mpf(2)),
    ("x^3", lambda x: x ** 3, "3x^2", lambda x: 3 * x ** 2),
]


def redefinition(rng: random.Random):
    """f defined, then defined anew (a table row, a new section): claims after it hold for the new f."""
    old, new = rng.sample(REDEF, 2)
    name = rng.choice(["f", "g", "\\phi"])
    glue = rng.choice(["\n\nNext row:\n\n", "\n\n## Part 2\n\n", "\n\nNow redefine it:\n\n"])
    context = f"$${name}(x) = {old[0]}$${glue}$${name}(x) = {new[0]}$$\n\n"
    which = rng.choice(["new", "new", "old"])
    derivative_latex, derivative = (new[2], new[3]) if which == "new" else (old[2], old[3])
    text = f"{context}$${name}'(x) = {derivative_latex}$$"
    return text, identity(lambda x: mp.diff(new[1], x), derivative, seed=rng.randrange(10 ** 6))


def forward_pass(rng: random.Random):
    """z = w1 x1 + w2 x2 + b with the givens put in, then a = f(z) rounded; the judged link may carry a slip."""
    halves = [Fraction(k, 2) for k in range(-4, 5)]
    w1, w2, b = (rng.choice(halves) for _ in range(3))
    x1, x2 = rng.choice([Fraction(v) for v in (-1, 0, 1, 2)]), rng.choice([Fraction(1, 2), Fraction(1), Fraction(-2)])

    def plain(q: Fraction) -> str:
        return str(float(q)).rstrip("0").rstrip(".") if q.denominator != 1 else str(q.numerator)

    def term(q: Fraction) -> str:
        return f"({plain(q)})" if q < 0 else plain(q)
    z = w1 * x1 + w2 * x2 + b
    context = f"Given $x_1 = {plain(x1)}$, $x_2 = {plain(x2)}$, $w_1 = {plain(w1)}$, $w_2 = {plain(w2)}$ and $b = {plain(b)}$.\n\n"
    numbers = f"{term(w1)} \\cdot {term(x1)} + {term(w2)} \\cdot {term(x2)} + {term(b)}"
    z_line = f"$$z = w_1 x_1 + w_2 x_2 + b = {numbers} = {plain(z)}$$"
    slip = rng.choice(["none", "none", "sign", "arithmetic", "rounding"])
    if slip == "sign":  # the substitution flips the sign of a non-zero term: the last link is wrong
        if w1 * x1 == 0:
            return None
        slipped = f"{term(-w1)} \\cdot {term(x1)} + {term(w2)} \\cdot {term(x2)} + {term(b)}"
        return context + f"$$z = w_1 x_1 + w_2 x_2 + b = {slipped}$$", False
    if slip == "arithmetic":
        return context + f"$$z = w_1 x_1 + w_2 x_2 + b = {numbers} = {plain(z + Fraction(1, 2))}$$", False
    if rng.random() < 0.4:
        return context + z_line, True
    activation, f = rng.choice([("\\sigma", sig), ("\\tanh", mp.tanh)])
    value = f(mp.mpf(z.numerator) / z.denominator)
    places = rng.randint(2, 4)
    if near_tie(value, places):
        return None
    rounded = Decimal(written(value, places)) + (Decimal(1).scaleb(-places) if slip == "rounding" else 0)
    truth = abs(value - mp.mpf(str(rounded))) < mp.mpf(10) ** -places / 2
    return context + z_line + "\n\n" + f"$$a = {activation}(z) \\approx {rounded}$$", truth


IDENTITIES = [  # (lhs, rhs, f, g) in the argument u = p x + q
    ("\\sigma(-({u}))", "1 - \\sigma({u})", lambda u: sig(-u), lambda u: 1 - sig(u)),
    ("\\tanh({u})", "2\\sigma(2({u})) - 1", lambda u: mp.tanh(u), lambda u: 2 * sig(2 * u) - 1),
    ("\\sigma({u})\\sigma(-({u}))", "\\sigma({u})(1 - \\sigma({u}))", lambda u: sig(u) * sig(-u), lambda u: sig(u) * (1 - sig(u))),
    ("\\ln(1 + e^{{{u}}}) - \\ln(1 + e^{{-({u})}})", "{u}", lambda u: mp.log(1 + mp.exp(u)) - mp.log(1 + mp.exp(-u)), lambda u: u),
    ("1 - \\tanh^2({u})", "\\frac{{4}}{{(e^{{{u}}} + e^{{-({u})}})^2}}", lambda u: 1 - mp.tanh(u) ** 2, lambda u: 4 / (mp.exp(u) + mp.exp(-u)) ** 2),
]
MUTANTS = [  # the same identities with a slip
    ("\\sigma(-({u}))", "\\sigma({u}) - 1", lambda u: sig(-u), lambda u: sig(u) - 1),
    ("\\tanh({u})", "2\\sigma({u}) - 1", lambda u: mp.tanh(u), lambda u: 2 * sig(u) - 1),
    ("\\sigma({u})\\sigma(-({u}))", "\\sigma({u})(1 + \\sigma({u}))", lambda u: sig(u) * sig(-u), lambda u: sig(u) * (1 + sig(u))),
    ("\\ln(1 + e^{{{u}}}) - \\ln(1 + e^{{-({u})}})", "-({u})", lambda u: mp.log(1 + mp.exp(u)) - mp.log(1 + mp.exp(-u)), lambda u: -u),
    ("1 - \\tanh^2({u})", "\\frac{{2}}{{(e^{{{u}}} + e^{{-({u})}})^2}}", lambda u: 1 - mp.tanh(u) ** 2, lambda u: 2 / (mp.exp(u) + mp.exp(-u)) ** 2),
]


def activation_identity(rng: random.Random):
    """A library identity at an affine argument p x + q, or its mutation; and d/dx sigma(p x + q)."""
    p, q = rng.choice([1, 2, 3, -1, -2]), rng.choice([0, 1, -1, 2])
    u = (f"{p}x" if p not in (1, -1) else ("x" if p == 1 else "-x")) + (f" + {q}" if q > 0 else f" - {-q}" if q < 0 else "")

    def arg(x):
        return p * x + q
    if rng.random() < 0.3:  # the chain rule inside: d/dx sigma(u) = p sigma(u)(1 - sigma(u)), or without p
        with_factor = rng.random() < 0.5 or p == 1
        factor = "" if not with_factor or p == 1 else (f"{p}" if p != -1 else "-")
        text = f"$$\\frac{{d}}{{dx}}\\sigma({u}) = {factor}\\sigma({u})(1 - \\sigma({u}))$$"
        coefficient = p if with_factor else 1
        return text, identity(lambda x: mp.diff(lambda t: sig(arg(t)), x), lambda x: coefficient * sig(arg(x)) * (1 - sig(arg(x))),
                              seed=rng.randrange(10 ** 6))
    table = IDENTITIES if rng.random() < 0.6 else MUTANTS
    lhs, rhs, f, g = table[rng.randrange(len(table))]
    text = f"$${lhs.format(u=u)} = {rhs.format(u=u)}$$"
    return text, identity(lambda x: f(arg(x)), lambda x: g(arg(x)), seed=rng.randrange(10 ** 6))


FAMILIES = {
    "chain_rule": chain_rule, "symbolic_sum": symbolic_sum, "transpose": transpose, "approximation": approximation,
    "redefinition": redefinition, "forward_pass": forward_pass, "activation_identity": activation_identity,
}


# -- the tests -------------------------------------------------------------------------------------

# cases per run for each family, sized so the whole file stays under a minute (the checker's cost
# per step differs by family: about 5 ms for a forward pass, 150 ms for a redefinition)
BUDGET = {"chain_rule": 600, "symbolic_sum": 150, "transpose": 300, "approximation": 500, "redefinition": 80,
          "forward_pass": 600, "activation_identity": 120}


def _family_test(name: str, examples: int):
    @settings(derandomize=True, max_examples=examples, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(rng=st.randoms(use_true_random=False))
    def test(rng):
        with mp.workdps(30):
            made = FAMILIES[name](rng)
        if made is None or made[1] is None:  # a near tie, or an oracle that cannot call it: no case
            return
        judge(*made)

    test.__name__ = test.__qualname__ = f"test_{name}_true_never_wrong_false_never_accepted"
    test.__doc__ = f"{FAMILIES[name].__doc__} ({examples} cases, fixed seed)"
    if name in PENDING:
        test = pytest.mark.xfail(strict=False, reason="PENDING family (issue 9)")(test)
    return test


for _name, _examples in BUDGET.items():
    globals()[f"test_{_name}_true_never_wrong_false_never_accepted"] = _family_test(_name, _examples)


def test_every_family_has_a_budget():
    assert set(BUDGET) == set(FAMILIES) and PENDING <= set(FAMILIES)


def test_the_oracle_tells_mutations_apart():
    """Each family yields both truths, so the suite tests both promises."""
    for name, make in FAMILIES.items():
        rng = random.Random(1)
        with mp.workdps(30):
            truths = [m[1] for m in (make(rng) for _ in range(80)) if m is not None and m[1] is not None]
        assert truths.count(True) >= 15 and truths.count(False) >= 10, (name, truths.count(True), truths.count(False))


if __name__ == "__main__":  # the yardstick: python3 tests/test_soundness.py [cases per family]
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    for name, make in FAMILIES.items():
        rng = random.Random(2024)
        counts = {"true": 0, "false": 0, "true_called_wrong": 0, "false_accepted": 0}
        example = {}
        for _ in range(n):
            with mp.workdps(30):
                made = make(rng)
            if made is None or made[1] is None:
                continue
            text, truth = made
            got = verdict_on_last_line(text)
            counts["true" if truth else "false"] += 1
            if truth and got == "wrong":
                counts["true_called_wrong"] += 1
                example.setdefault("true_called_wrong", text)
            if not truth and got in ACCEPTED:
                counts["false_accepted"] += 1
                example.setdefault("false_accepted", text)
        print(f"{name:20} {counts}")
        for kind, text in example.items():
            print(f"    e.g. {kind}: {text!r}")
