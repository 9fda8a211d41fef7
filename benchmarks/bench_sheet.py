"""Time to render the whole catalog as a sheet: tex + html + md with plots, then the PDF.

    python3 benchmarks/bench_sheet.py

Checking the catalog (the equivalence engine) is timed apart from rendering.
Goal: tex + html + md with plots in under 5 s.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    t0 = time.perf_counter()
    import matplotlib  # noqa: F401  (imports are part of a cold run; shown separately)
    import sympy  # noqa: F401

    from derivations.catalog import all_entries
    from derivations.render.plots import default_plots
    from derivations.sheet import DEFAULT_TITLE, Section, Sheet, find_latex

    t1 = time.perf_counter()
    items = all_entries()
    t2 = time.perf_counter()
    sheet = Sheet(DEFAULT_TITLE, [Section("Identities, proved step by step", items)], plots=default_plots())
    steps = sum(1 for d in items for _ in d.all_steps())
    print(f"imports: {t1 - t0:.2f} s; checking the catalog ({len(items)} derivations, {steps} steps): {t2 - t1:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t3 = time.perf_counter()
        sheet.write(out, ["tex", "html", "md"])
        t4 = time.perf_counter()
        print(f"tex + html + md with {len(sheet.plots)} plots (svg + pdf): {t4 - t3:.2f} s")
        engine = find_latex()
        if engine is None:
            print("pdf: skipped (no pdflatex or lualatex on PATH)")
            return 0
        t5 = time.perf_counter()
        sheet.write(out, ["pdf"])
        t6 = time.perf_counter()
        pages = (out / "sheet.pdf").stat().st_size
        print(f"pdf ({engine}, two runs, with the 10 PDF plots redrawn): {t6 - t5:.2f} s; {pages} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
