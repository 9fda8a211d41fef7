"""What the integration tests share: the real tools, a browser with no network, planting a wrong step.

A tool that is absent skips its tests on a developer's machine; in CI (``CI`` set, where ``.ci/run``
installs everything) an absent tool fails them instead, so a broken install step cannot hide.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
# LaTeX a reader must never see in a rendered page
RAW_LATEX = re.compile(r"\\(?:frac|sigma|tanh|left|right|begin|end|cdot|ln|text|operatorname)\b")


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def need(module: str, why: str):
    """Import ``module``, or skip (fail in CI) when it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError:
        if in_ci():
            pytest.fail(f"{module} is missing in CI: {why}")
        pytest.skip(f"{module} is not installed ({why})")


def need_program(name: str, why: str) -> str:
    path = shutil.which(name)
    if path is None:
        if in_ci():
            pytest.fail(f"{name} is missing in CI: {why}")
        pytest.skip(f"{name} is not installed ({why})")
    return path


def env() -> dict:
    """The environment for subprocesses: this checkout's package first on the path."""
    out = dict(os.environ)
    out["PYTHONPATH"] = str(ROOT) + (os.pathsep + out["PYTHONPATH"] if out.get("PYTHONPATH") else "")
    out["NO_MKDOCS_2_WARNING"] = "1"
    return out


def run(args, cwd=None, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args] if args[0] == "-m" else args, cwd=cwd, env=env(), text=True,
                          capture_output=True, timeout=timeout)


def plant(path: Path, old: str, new: str) -> int:
    """Replace the one line holding ``old`` by the same line with ``new``; return its (1-based) line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if old in line]
    assert len(hits) == 1, f"{old!r} is on {len(hits)} lines of {path}"
    lines[hits[0]] = lines[hits[0]].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return hits[0] + 1


def browser_page(playwright, browser):
    """A tab that refuses every request that is not for a local file, and records them."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.blocked = []

    def route(r):
        if r.request.url.startswith(("file:", "data:", "about:")):
            r.continue_()
        else:
            page.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return page


def launch(sync_api):
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if in_ci():
            pytest.fail("chromium is missing in CI")
        pytest.skip("chromium is not installed (CI installs Debian's chromium)")
    p = sync_api.sync_playwright().start()
    browser = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                                args=LAUNCH_ARGS)
    return p, browser


def rendered_math(page) -> dict:
    """What the browser shows of the derivation blocks: visible text, and the boxes of their math."""
    return page.evaluate("""() => {
        const blocks = Array.from(document.querySelectorAll('.derivations'));
        const maths = blocks.flatMap(b => Array.from(b.querySelectorAll('math')));
        const boxes = maths.map(m => { const r = m.getBoundingClientRect(); return [r.width, r.height]; });
        const fractions = blocks.flatMap(b => Array.from(b.querySelectorAll('mfrac'))).map(f => {
            const [num, den] = f.children; const a = num.getBoundingClientRect(), c = den.getBoundingClientRect();
            return [a.bottom, c.top, a.height, c.height];
        });
        return {text: document.body.innerText, blocks: blocks.length, maths: maths.length, boxes, fractions,
                allMath: document.querySelectorAll('math').length};
    }""")


def assert_rendered_as_math(shown: dict, *, blocks: int) -> None:
    assert shown["blocks"] >= blocks, shown["blocks"]
    assert shown["maths"] > 10
    assert all(w > 0 and h > 0 for w, h in shown["boxes"]), "a formula has no box: not rendered"
    assert shown["fractions"], "no fraction was rendered"
    for num_bottom, den_top, num_h, den_h in shown["fractions"]:
        assert num_h > 0 and den_h > 0 and num_bottom <= den_top + 1.0  # numerator above denominator
    leak = RAW_LATEX.search(shown["text"])
    assert leak is None, shown["text"][max(0, leak.start() - 60):leak.end() + 60]


def chromium():
    """Body of a ``browser`` fixture: Debian's headless Chromium, closed afterwards (``yield from chromium()``)."""
    p, browser = launch(need("playwright.sync_api", "HTML is checked in a real browser"))
    try:
        yield browser
    finally:
        browser.close()
        p.stop()
