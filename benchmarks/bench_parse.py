"""Median parse time per expression: derivations.parse vs SymPy's parse_latex_lark.

    python3 benchmarks/bench_parse.py [--repeat N]

Prints one row per expression (our median, SymPy's median or the error it raised) and
the median over all expressions.  SymPy's Lark parser is optional: it needs ``lark``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from derivations.parse import ParseError, parse_expression  # noqa: E402

EXPRESSIONS = [
    r"\frac{1}{1 + e^{-x}}",
    r"2\sigma(2x) - 1",
    r"\sigma(x)(1 - \sigma(x))",
    r"\frac{e^{x}}{1 + e^{x}} \cdot \frac{e^{-x}}{e^{-x}}",
    r"\frac{1}{e^{-x} + 1}",
    r"1 - \frac{1}{1 + e^{x}}",
    r"\ln(1 + e^{x})",
    r"\frac{1}{1 + e^{x}} \cdot e^{x}",
    r"\frac{e^x - e^{-x}}{e^x + e^{-x}}",
    r"1 - \tanh^2(z)",
    r"\max(0, z)",
    r"\max(0.01z, z)",
    r"w_{11}x_1 + w_{12}x_2 + b_1",
    r"0.5(1) - 1(0) + 0",
    r"\sigma(v_1 h_1 + v_2 h_2 + c)",
    r"\frac{1}{2}(1 - 0.5)^2",
    r"-(t - y)",
    r"-0.5 \cdot 0.25",
    r"\delta v_1 h_1 (1 - h_1) x_1",
    r"-0.125 \cdot 1 \cdot 0.2350 \cdot 1",
    r"v_1 - 0.1 \cdot (-0.0778)",
    r"-0.4002(0.5998(1 - 0.5998))",
    r"\frac{d}{dx}\sigma(x)",
    r"\frac{\partial L}{\partial w_{11}}",
    r"\sigma'(x)",
    r"x \cdot \sigma(\beta x)",
    r"\frac{e^{z_1}}{e^{z_1} + e^{z_2}}",
    r"W^{[2]}W^{[1]}x + W^{[2]}b^{[1]} + b^{[2]}",
    r"\operatorname{ReLU}(z)",
    r"\begin{cases} 1 & z > 0 \\ 0 & z < 0 \end{cases}",
    r"\sqrt{x^2 + 1}",
    r"\frac{1}{4}",
]


def median_time(fn, text: str, repeat: int) -> float:
    fn(text)  # warm caches once
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sympy_lark():
    try:
        from sympy.parsing.latex import parse_latex_lark
    except ImportError:
        return None
    try:
        parse_latex_lark("x")
    except Exception:  # lark missing or broken
        return None
    return parse_latex_lark


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=50, help="timed runs per expression")
    args = ap.parse_args(argv)
    theirs = sympy_lark()
    ours_all, theirs_all = [], []
    print(f"{'expression':55} {'ours ms':>9} {'sympy-lark ms':>14}")
    for text in EXPRESSIONS:
        try:
            ours = median_time(parse_expression, text, args.repeat)
            ours_all.append(ours)
            ours_cell = f"{ours * 1e3:9.3f}"
        except ParseError as exc:
            ours_cell = f"{'error':>9}  ({exc})"
        cell = "n/a"
        if theirs is not None:
            try:
                t = median_time(theirs, text, max(3, args.repeat // 10))
                theirs_all.append(t)
                cell = f"{t * 1e3:14.3f}"
            except Exception as exc:  # SymPy's parser rejects some of our notation
                cell = f"{'error':>14} ({type(exc).__name__})"
        print(f"{text[:55]:55} {ours_cell} {cell}")
    print()
    print(f"median over {len(ours_all)} expressions: ours {statistics.median(ours_all) * 1e3:.3f} ms"
          + (f", sympy-lark {statistics.median(theirs_all) * 1e3:.3f} ms over {len(theirs_all)}"
             if theirs_all else ", sympy-lark unavailable"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
