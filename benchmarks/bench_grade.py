"""Benchmark: batch grading of 1,000 generated submissions (about 10 steps each).

Run:  python3 benchmarks/bench_grade.py [--files 1000] [--jobs N] [--profile]

Each submission is one of three kinds, its numbers drawn from a seeded RNG:
a forward pass (pre-activations, sigmoid activations rounded to 4 places, the
squared-error loss), a derivative chain (d/dx of sigma(ax), tanh(ax) or
softplus(ax) by the chain rule, then its value at a point) or a softmax (three
logits, exponentials, probabilities, their sum).  About one in five has one
slip (a sign flipped, a digit changed, a factor dropped); the generator knows
which, so the grader's wrong-step counts are checked against it.

Prints the wall time, files per second and the peak resident memory of this
process (``RUSAGE_SELF``) and of the workers (each reports its own
``RUSAGE_SELF`` with its rows: they are children of the forkserver, so
``RUSAGE_CHILDREN`` of this process does not see them).  ``--profile`` profiles
one worker's share serially (cProfile) and prints the top functions.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from derivations.check import Limits  # noqa: E402
from derivations.check.grading import COLUMNS, GradeRow, find_submissions, grade_file, grade_paths  # noqa: E402


def sig(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def fmt(v: float, places: int = 4) -> str:
    return f"{v:.{places}f}"


def forward_pass(rng: random.Random, slip: bool) -> str:
    x1, x2 = rng.choice([0, 1, 2]), rng.choice([0, 1, -1])
    w = [rng.choice([-1, -0.5, 0.5, 1, 1.5, 2]) for _ in range(4)]
    b1, b2 = rng.choice([0, 0.5, -0.5]), rng.choice([0, 1, -1])
    v1, v2, c, t = rng.choice([0.5, 1, -1]), rng.choice([0.5, 1, 2]), rng.choice([0, 0.5]), 1
    z1, z2 = w[0] * x1 + w[1] * x2 + b1, w[2] * x1 + w[3] * x2 + b2
    h1, h2 = round(sig(z1), 4), round(sig(z2), 4)
    y_in = v1 * h1 + v2 * h2 + c
    y = round(sig(y_in), 4)
    loss = 0.5 * (t - y) ** 2
    lines = [f"Given $x_1 = {x1}, x_2 = {x2}$ and $t = {t}$.", "",
             f"$$z_1 = {w[0]} \\cdot {x1} + {w[1]} \\cdot ({x2}) + {b1} = {w[0] * x1} + {w[1] * x2} + {b1} "
             f"= {fmt(z1, 2)}$$", "",
             f"$$z_2 = {w[2]} \\cdot {x1} + {w[3]} \\cdot ({x2}) + {b2} = {w[2] * x1} + {w[3] * x2} + {b2} "
             f"= {fmt(z2, 2)}$$", "",
             f"$$h_1 = \\sigma({fmt(z1, 2)}) \\approx {fmt(h1)}$$", "",
             f"$$h_2 = \\sigma({fmt(z2, 2)}) \\approx {fmt(h2)}$$", "",
             f"$$y_{{in}} = {v1} \\cdot {fmt(h1)} + {v2} \\cdot {fmt(h2)} + {c} = {fmt(y_in)}$$", "",
             f"$$y = \\sigma({fmt(y_in)}) \\approx {fmt(y)}$$", "",
             f"$$L = \\frac{{1}}{{2}}({t} - {fmt(y)})^2 = {fmt(loss, 6)}$$", "",
             f"$$\\frac{{\\partial L}}{{\\partial y}} = -({t} - {fmt(y)}) = {fmt(y - t)}$$", ""]
    if slip:  # the loss without the 1/2, or z_1 with a flipped sign
        if rng.random() < 0.5:
            lines[-4] = f"$$L = \\frac{{1}}{{2}}({t} - {fmt(y)})^2 = {fmt(2 * loss + 0.01, 6)}$$"
        else:
            lines[2] = f"$$z_1 = {w[0]} \\cdot {x1} + {w[1]} \\cdot ({x2}) + {b1} = {fmt(-z1 - 1, 2)}$$"
    return "\n".join(lines)


def derivative_chain(rng: random.Random, slip: bool) -> str:
    a = rng.randint(2, 9)
    p = rng.choice([0, 1, -1, 2])
    kind = rng.choice(["sigma", "tanh", "softplus"])
    if kind == "sigma":
        f = f"\\sigma({a}x)"
        steps = [f"\\sigma'({a}x) \\cdot {a}", f"{a}\\sigma({a}x)(1 - \\sigma({a}x))",
                 f"\\frac{{{a} e^{{-{a}x}}}}{{(1 + e^{{-{a}x}})^2}}"]
        value = a * sig(a * p) * (1 - sig(a * p))
    elif kind == "tanh":
        f = f"\\tanh({a}x)"
        steps = [f"(1 - \\tanh^2({a}x)) \\cdot {a}", f"{a} - {a}\\tanh^2({a}x)",
                 f"{a}(1 - \\tanh({a}x))(1 + \\tanh({a}x))"]
        value = a * (1 - math.tanh(a * p) ** 2)
    else:
        f = f"\\ln(1 + e^{{{a}x}})"
        steps = [f"\\frac{{1}}{{1 + e^{{{a}x}}}} \\cdot {a} e^{{{a}x}}", f"\\frac{{{a} e^{{{a}x}}}}{{1 + e^{{{a}x}}}}",
                 f"{a}\\sigma({a}x)"]
        value = a * sig(a * p)
    if slip:  # a dropped factor or a flipped sign in the middle step
        steps[1] = steps[1].replace(f"{a}", "", 1) if rng.random() < 0.5 else "-" + steps[1]
    steps = [f"\\frac{{d}}{{dx}} {f}"] + steps
    chain = " \\\\\n&= ".join(steps)
    return "\n".join([f"Let $f(x) = {f}$.", "", "$$\\begin{aligned}", f"f'(x) &= {chain}", "\\end{aligned}$$",
                      "", f"At $x = {p}$:", "", f"$$f'({p}) \\approx {value:.4f}$$", "",
                      f"$$f({p}) \\approx {fmt(eval_f(kind, a, p))}$$", ""])


def eval_f(kind: str, a: int, p: float) -> float:
    return {"sigma": sig(a * p), "tanh": math.tanh(a * p), "softplus": math.log1p(math.exp(a * p))}[kind]


def softmax(rng: random.Random, slip: bool) -> str:
    z = [rng.choice([-1, 0, 0.5, 1, 2, 3]) for _ in range(3)]
    e = [math.exp(v) for v in z]
    total = sum(e)
    p = [v / total for v in e]
    lines = [f"Logits $z_1 = {z[0]}, z_2 = {z[1]}, z_3 = {z[2]}$.", ""]
    for i in range(3):
        lines += [f"$$p_{i + 1} = \\frac{{e^{{{z[i]}}}}}{{e^{{{z[0]}}} + e^{{{z[1]}}} + e^{{{z[2]}}}}} "
                  f"\\approx {fmt(p[i])}$$", ""]
    lines += [f"$$e^{{{z[0]}}} + e^{{{z[1]}}} + e^{{{z[2]}}} \\approx {total:.3f}$$", "",
              f"$$p_1 + p_2 + p_3 = {fmt(p[0])} + {fmt(p[1])} + {fmt(p[2])} \\approx 1$$", "",
              f"$$-\\ln(p_1) \\approx {fmt(-math.log(p[0]))}$$", "",
              f"$$p_1 - 1 \\approx {fmt(p[0] - 1)}$$", "",
              f"$$\\frac{{p_1}}{{p_2}} = e^{{{z[0]} - ({z[1]})}} \\approx {p[0] / p[1]:.4f}$$", ""]
    if slip:  # a probability with the wrong logit on top
        lines[2] = (f"$$p_1 = \\frac{{e^{{{z[0]}}}}}{{e^{{{z[0]}}} + e^{{{z[1]}}} + e^{{{z[2]}}}}} "
                    f"\\approx {fmt(p[0] + 0.05)}$$")
    return "\n".join(lines)


KINDS = [forward_pass, derivative_chain, softmax]


class BenchRow(GradeRow):
    """A row that also carries the peak memory of the worker that made it."""

    peak_mb: float = 0.0


def measured_checker(path, limits, shown):
    row = grade_file(path, limits, shown)
    out = BenchRow(**{k: getattr(row, k) for k in COLUMNS})
    out.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def generate(folder: Path, n: int, seed: int = 2024) -> set[str]:
    """Write n submissions; return the names of those with a slip."""
    rng = random.Random(seed)
    slipped = set()
    for i in range(n):
        slip = rng.random() < 0.2
        kind = KINDS[i % len(KINDS)]
        name = f"student_{i:04d}_{kind.__name__}.md"
        (folder / name).write_text(kind(rng, slip), encoding="utf-8")
        if slip:
            slipped.add(name)
    return slipped


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--profile", action="store_true", help="profile 60 files serially with cProfile")
    args = ap.parse_args()
    limits = Limits(step_seconds=5.0, document_seconds=60.0)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        slipped = generate(folder, args.files)
        paths = find_submissions(folder)
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            started = time.perf_counter()
            profiler.enable()
            for p in paths[:60]:
                grade_file(str(p), limits)
            profiler.disable()
            print(f"profile: 60 files serially in {time.perf_counter() - started:.1f} s")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
            return
        started = time.perf_counter()
        rows = grade_paths(paths, root=folder, limits=limits, jobs=args.jobs, checker=measured_checker)
        wall = time.perf_counter() - started
    steps = sum(r.steps for r in rows)
    totals = {v: sum(getattr(r, v) for r in rows) for v in ("proved", "verified", "wrong", "unchecked")}
    caught = sum(1 for r in rows if r.path in slipped and r.wrong)
    false_alarms = sum(1 for r in rows if r.path not in slipped and r.wrong)
    errors = sum(1 for r in rows if r.error)
    slowest = max(rows, key=lambda r: r.seconds)
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    worker_mb = max((getattr(r, "peak_mb", 0.0) for r in rows), default=0.0)
    print(f"{len(rows)} files, {steps} steps ({steps / max(len(rows), 1):.1f} per file), jobs={args.jobs or os.cpu_count()}")
    print(f"wall time: {wall:.1f} s ({len(rows) / wall:.1f} files/s)")
    print("verdicts: " + ", ".join(f"{n} {v}" for v, n in totals.items()))
    print(f"slips: {len(slipped)} planted, {caught} files caught with a wrong step; "
          f"{false_alarms} files without a planted slip have a wrong step; {errors} errors")
    print(f"slowest file: {slowest.path} {slowest.seconds:.2f} s")
    print(f"peak memory (ru_maxrss): parent {self_mb:.0f} MB, largest worker {worker_mb:.0f} MB "
          f"(RUSAGE_CHILDREN {children_mb:.0f} MB: workers are the forkserver's children, not ours)")


if __name__ == "__main__":
    main()
