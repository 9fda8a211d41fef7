"""Time to solve examples/exercises.toml: each problem (solve + answers as floats + text) and the total.

Run: python3 benchmarks/bench_problems.py [FILE.toml] [--repeat N]
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from derivations.problems import load, solve  # noqa: E402
from derivations.problems.answers import problem_json  # noqa: E402
from derivations.problems.text import render_solution  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", default=str(pathlib.Path(__file__).resolve().parent.parent
                                                       / "examples" / "exercises.toml"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    t0 = time.perf_counter()
    problems = load(args.file)
    load_time = time.perf_counter() - t0
    print(f"{'problem':<22} {'kind':<20} {'solve ms':>9} {'json ms':>8} {'text ms':>8} {'steps':>6}")
    total = load_time
    for p in problems:
        best = None
        for _ in range(args.repeat):
            from derivations.problems import rounding
            rounding._CACHE.clear()  # measure cold numeric evaluation each time
            a = time.perf_counter()
            s = solve(p)
            b = time.perf_counter()
            problem_json(s)
            c = time.perf_counter()
            render_solution(s)
            d = time.perf_counter()
            run = (b - a, c - b, d - c)
            best = run if best is None or sum(run) < sum(best) else best
        steps = len(list(s.derivation.all_steps()))
        total += sum(best)
        print(f"{p.id:<22} {p.kind:<20} {best[0] * 1e3:9.1f} {best[1] * 1e3:8.1f} {best[2] * 1e3:8.1f} {steps:6d}")
    print(f"load {load_time * 1e3:.1f} ms; total (best of {args.repeat} per problem) {total * 1e3:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
