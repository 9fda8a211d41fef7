"""Benchmark: proving the catalog, and the engine against plain simplify, step by step.

Run:  python3 benchmarks/bench_catalog.py

Prints the time to build and prove the whole catalog, then, for every step of
every entry, the engine's time and verdict next to ``sympy.simplify(a - b) == 0``
(each under the same time limit) and how many steps each decided.
"""

from __future__ import annotations

import statistics
import sys
import time

from sympy import MatrixBase, MatrixExpr, S, simplify

from derivations import decide
from derivations.catalog import build, get, ids
from derivations.engine.limits import TimeLimitExceeded, time_limit

LIMIT = 10.0


def timed(fn):
    start = time.perf_counter()
    try:
        with time_limit(LIMIT):
            result = fn()
    except TimeLimitExceeded:
        result = "timeout"
    except Exception as exc:  # simplify raises on some matrix expressions
        result = f"error: {type(exc).__name__}"
    return time.perf_counter() - start, result


def plain_simplify(a, b):
    diff = S(a) - S(b)
    if isinstance(diff, (MatrixBase, MatrixExpr)):
        diff = diff.doit()
        if isinstance(diff, MatrixBase):
            return all(simplify(e) == 0 for e in diff)
        return simplify(diff.expand()) == 0 if hasattr(diff, "expand") else False
    return simplify(diff.doit()) == 0


def main() -> int:
    start = time.perf_counter()
    entries = [get(i) for i in ids()]
    whole = time.perf_counter() - start
    steps = sum(len(list(d.all_steps())) for d in entries)
    print(f"catalog: {len(entries)} entries, {steps} steps, built and proved in {whole:.2f} s")
    print()
    print(f"{'entry':42s} {'step':>4s} {'engine ms':>10s} {'verdict':>9s} {'simplify ms':>12s} {'simplify':>9s}")
    ours, theirs, ours_decided, theirs_decided, total = [], [], 0, 0, 0
    for i in ids():
        d = build(i)
        for chain in (d, *d.parts):
            for k, (previous, step) in enumerate(chain.links(), 1):
                t1, ev = timed(lambda: decide(previous, step.expr, step.relation))
                verdict = ev.verdict if hasattr(ev, "verdict") else str(ev)
                if step.relation == "=":
                    t2, res = timed(lambda: plain_simplify(previous, step.expr))
                    shown = "proved" if res is True else "no" if res is False else str(res)[:9]
                    theirs.append(t2)
                    theirs_decided += res is True
                else:
                    t2, shown = float("nan"), "n/a (<=)"
                ours.append(t1)
                ours_decided += verdict == "proved"
                total += 1
                print(f"{i[:42]:42s} {k:4d} {t1 * 1e3:10.1f} {verdict:>9s} {t2 * 1e3:12.1f} {shown:>9s}")
    print()
    print(f"engine:   proved {ours_decided}/{total} steps, median {statistics.median(ours) * 1e3:.1f} ms, "
          f"total {sum(ours):.2f} s")
    print(f"simplify: proved {theirs_decided}/{len(theirs)} equality steps, median "
          f"{statistics.median(theirs) * 1e3:.1f} ms, total {sum(theirs):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
