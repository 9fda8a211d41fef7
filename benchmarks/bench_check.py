"""Benchmark: our checker against math-verify and SymPy's parse_latex_lark + simplify.

Run:  python3 -m pip install -e '.[bench]' && python3 benchmarks/bench_check.py

The step pairs are the steps of every corpus document (tests/corpus/*.expected
gives the expected verdict of each).  Each pair goes through

* our checker, in its document (givens and definitions in scope), timed per step;
* math-verify: ``verify(parse("$lhs$"), parse("$rhs$"))``;
* SymPy: ``parse_latex_lark`` of both sides, then ``simplify(a - b) == 0``
  (5 s limit per step),

and counts how often each agrees with the expected verdict (for the two
alternatives: True agrees with proved/verified, False with wrong, an error
with unchecked).  Then our parse time per expression over every side.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_corpus import _document, read_expected  # noqa: E402

from derivations.check import check_file  # noqa: E402
from derivations.engine.limits import TimeLimitExceeded, time_limit  # noqa: E402
from derivations.parse.latex import parse_expression  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def collect():
    """(lhs, rhs, expected verdict, our verdict, our seconds) for every corpus step."""
    pairs = []
    for expected_path in sorted(CORPUS.glob("*.expected")):
        want = read_expected(expected_path)
        report = check_file(_document(expected_path))
        by_line: dict[int, list] = {}
        for step in report.steps:
            by_line.setdefault(step.line, []).append(step)
        for line, verdicts in want.items():
            steps = by_line.get(line, [])
            for verdict, step in zip(verdicts, steps):
                pairs.append((step.lhs, step.rhs, verdict, step.verdict, step.seconds))
    return pairs


def agrees(expected: str, answer) -> bool:
    if answer is True:
        return expected in ("proved", "verified")
    if answer is False:
        return expected == "wrong"
    return expected == "unchecked"


def run_math_verify(lhs, rhs):
    from math_verify import parse, verify

    try:
        return bool(verify(parse(f"${lhs}$"), parse(f"${rhs}$")))
    except Exception:
        return None


def run_sympy(lhs, rhs):
    from sympy import simplify
    from sympy.parsing.latex import parse_latex_lark

    try:
        with time_limit(5.0):
            a, b = parse_latex_lark(lhs), parse_latex_lark(rhs)
            return bool(simplify(a - b) == 0)
    except (TimeLimitExceeded, Exception):
        return None


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main() -> int:
    pairs = collect()
    n = len(pairs)
    rows = [("derivations (ours)", sum(agrees(e, True if o in ("proved", "verified") else False if o == "wrong"
                                                else None) for _, _, e, o, _ in pairs),
             statistics.median(t for *_, t in pairs))]
    for name, fn in (("math-verify", run_math_verify), ("parse_latex_lark + simplify", run_sympy)):
        try:
            results = [timed(fn, lhs, rhs) for lhs, rhs, *_ in pairs]
        except ImportError as exc:
            print(f"{name}: not installed ({exc})")
            continue
        rows.append((name, sum(agrees(e, r) for (_, r), (_, _, e, _, _) in zip(results, pairs)),
                     statistics.median(t for t, _ in results)))
    print(f"{n} steps from {len(list(CORPUS.glob('*.expected')))} corpus documents\n")
    print(f"{'checker':30s} {'agree':>12s} {'median ms/step':>15s}")
    for name, agree, median in rows:
        print(f"{name:30s} {agree:5d}/{n:<5d} {100 * agree / n:5.1f}% {median * 1e3:9.2f}")
    exact = sum(o == e for _, _, e, o, _ in pairs)
    print(f"\nours, the exact expected verdict (proved vs verified vs unchecked): {exact}/{n}")

    sides = [s for lhs, rhs, *_ in pairs for s in (lhs, rhs)]
    times = []
    for text in sides:
        start = time.perf_counter()
        try:
            parse_expression(text)
        except Exception:
            pass
        times.append(time.perf_counter() - start)
    print(f"our parser: {len(sides)} expressions, median {statistics.median(times) * 1e3:.3f} ms, "
          f"max {max(times) * 1e3:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
