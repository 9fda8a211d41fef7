"""Time the default sheet, `derivations sheet`: catalog and exercises checked, plots, tex + html + md, the PDF.

    python3 benchmarks/bench_sheet.py            # from the repository root
    python3 benchmarks/bench_sheet.py --repeat 3 # the best of three runs of each phase

Each phase is timed on its own (wall clock), then the whole command as a user
runs it, in a fresh process (imports included).  Goal: the whole default sheet
in under 10 s on 2 cores.  The figures in the README come from this script.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _best(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each phase; the best is shown")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    t0 = time.perf_counter()
    import matplotlib  # noqa: F401  (imports are part of a cold run; shown separately)
    import sympy  # noqa: F401

    from derivations import catalog
    from derivations.render.plots import default_plots, write_plots
    from derivations.sheet import (
        DEFAULT_EXERCISES,
        DEFAULT_TITLE,
        Section,
        Sheet,
        compile_pdf,
        find_latex,
        load_exercises,
    )

    print(f"imports: {time.perf_counter() - t0:.2f} s")
    seconds, items = _best(catalog.all_entries, args.repeat)
    steps = sum(1 for d in items for _ in d.all_steps())
    print(f"catalog built and checked ({len(items)} derivations, {steps} steps): {seconds:.2f} s")
    seconds, worked = _best(lambda: load_exercises(DEFAULT_EXERCISES), args.repeat)
    steps = sum(1 for d in worked for _ in d.all_steps())
    print(f"exercises solved and checked ({len(worked)} problems, {steps} steps): {seconds:.2f} s")
    sheet = Sheet(DEFAULT_TITLE, [Section("Identities, proved step by step", items), Section("Worked exercises", worked)],
                  plots=default_plots())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for fmt in ("tex", "html", "md"):
            seconds, _ = _best(lambda f=fmt: sheet.render(f), args.repeat)
            print(f"render {fmt}: {seconds:.2f} s")
        seconds, _ = _best(lambda: write_plots(out / "plots", sheet.plots), args.repeat)
        print(f"{len(sheet.plots)} plots, svg + pdf: {seconds:.2f} s")
        engine = find_latex()
        if engine is None:
            print("pdf: skipped (no pdflatex or lualatex on PATH)")
        else:
            source = sheet.render("tex")
            seconds, _ = _best(lambda: compile_pdf(source, out / "sheet.pdf", resources=out / "plots"), args.repeat)
            print(f"pdf ({engine}, two runs): {seconds:.2f} s")
        command = [sys.executable, "-m", "derivations", "sheet", "--out", str(out / "cli"), "-q"]
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        seconds, done = _best(lambda: subprocess.run(command, env=env, cwd=ROOT, timeout=600), args.repeat)
        if done.returncode != 0:
            print(f"`derivations sheet` failed with exit status {done.returncode}")
            return 1
        print(f"`derivations sheet` (everything, with the PDF, a fresh process): {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
