"""Time to solve and check worked exercises, and to render them.

1. ``examples/exercises.toml`` (or FILE): each problem solved with every displayed step checked, its answers
   as floats and its text; and the whole file.
2. Random networks of 4 layers of 8 units (8 inputs) with two-decimal weights, for every activation and loss,
   in the vectorised and the scalar layout: solve + check, and rendering as tex, md and html.

Run: python3 benchmarks/bench_problems.py [FILE.toml] [--repeat N] [--skip-networks]
"""

from __future__ import annotations

import argparse
import pathlib
import random
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from derivations.problems import load, loads, solve  # noqa: E402
from derivations.problems.answers import problem_json  # noqa: E402
from derivations.problems.text import render_solution  # noqa: E402

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "swish", "gelu", "linear"]
LOSSES = {"half-squared-error": "sigmoid", "squared-error": "tanh", "binary-cross-entropy": "sigmoid",
          "cross-entropy": "softmax"}


def network_toml(rng: random.Random, hidden: str, loss: str, layers: int = 4, width: int = 8,
                 layout: str | None = None) -> str:
    """A random network exercise: two-decimal weights in [-1, 1], inputs in [-2, 2]."""
    def num(lo, hi):
        return f"{rng.randint(lo * 100, hi * 100) / 100:.2f}"
    out_act = LOSSES[loss]
    lines = ["[[problem]]", 'id = "net"', 'kind = "network"',
             f"input = [{', '.join(num(-2, 2) for _ in range(width))}]"]
    n_out = width if loss == "cross-entropy" else min(width, 3)
    if loss == "cross-entropy":
        lines.append(f"true_class = {rng.randint(1, n_out)}")
    elif loss == "binary-cross-entropy":
        lines.append(f"target = [{', '.join(str(rng.randint(0, 1)) for _ in range(n_out))}]")
    else:
        lines.append(f"target = [{', '.join(num(-1, 1) for _ in range(n_out))}]")
    lines += [f'loss = "{loss}"', "learning_rate = 0.1"]
    if layout:
        lines.append(f'layout = "{layout}"')
    fan_in = width
    for l in range(layers):
        units = n_out if l == layers - 1 else width
        act = out_act if l == layers - 1 else hidden
        lines += ["[[problem.layer]]",
                  "weights = [" + ", ".join("[" + ", ".join(num(-1, 1) for _ in range(fan_in)) + "]"
                                            for _ in range(units)) + "]",
                  f"bias = [{', '.join(num(-1, 1) for _ in range(units))}]", f'activation = "{act}"']
        fan_in = units
    return "\n".join(lines) + "\n"


def bench_file(path: str, repeat: int) -> None:
    t0 = time.perf_counter()
    problems = load(path)
    load_time = time.perf_counter() - t0
    print(f"{'problem':<22} {'kind':<20} {'solve+check ms':>15} {'json ms':>8} {'text ms':>8} {'steps':>6}")
    total = load_time
    for p in problems:
        best = None
        for _ in range(repeat):
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
        print(f"{p.id:<22} {p.kind:<20} {best[0] * 1e3:15.1f} {best[1] * 1e3:8.1f} {best[2] * 1e3:8.1f} {steps:6d}")
    print(f"load {load_time * 1e3:.1f} ms; whole file (best of {repeat} per problem) {total * 1e3:.1f} ms\n")


def bench_networks() -> None:
    from derivations.render import render

    print("4 layers of 8 units, 8 inputs, two-decimal weights (seconds)")
    print(f"{'hidden':<11} {'loss':<21} {'layout':<7} {'solve+check':>11} {'tex':>6} {'md':>6} {'html':>6} "
          f"{'steps':>6}")
    worst = 0.0
    for hidden in HIDDEN:
        for loss in LOSSES:
            for layout in ("vector", "scalar"):
                rng = random.Random(f"{hidden}/{loss}")
                [p] = loads(network_toml(rng, hidden, loss, layout=layout))
                a = time.perf_counter()
                s = solve(p)
                b = time.perf_counter()
                times = []
                for fmt in ("tex", "md", "html"):
                    c = time.perf_counter()
                    render(s.derivation, fmt)
                    times.append(time.perf_counter() - c)
                steps = len(list(s.derivation.all_steps()))
                worst = max(worst, b - a)
                print(f"{hidden:<11} {loss:<21} {layout:<7} {b - a:11.2f} {times[0]:6.2f} {times[1]:6.2f} "
                      f"{times[2]:6.2f} {steps:6d}", flush=True)
    print(f"slowest solve+check: {worst:.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", default=str(pathlib.Path(__file__).resolve().parent.parent
                                                       / "examples" / "exercises.toml"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-networks", action="store_true")
    args = parser.parse_args()
    bench_file(args.file, args.repeat)
    if not args.skip_networks:
        bench_networks()
    return 0


if __name__ == "__main__":
    sys.exit(main())
