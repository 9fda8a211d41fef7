"""The committed sheets in output/ are up to date: regenerate and compare.

When this fails, run `derivations sheet --format tex,html,md` at the top of
the repository (or `derivations sheet`, which also makes output/sheet.pdf) and
commit output/.
"""

from pathlib import Path

import pytest

from derivations.sheet import collect

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "output"
HINT = "output/ is out of date: run `derivations sheet` at the repository root and commit output/"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.chdir(ROOT)  # examples/exercises.toml is found relative to the root
    out = tmp_path_factory.mktemp("output")
    collect().write(out, ["tex", "html", "md"])
    return out


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.mark.parametrize("name", ["sheet.tex", "sheet.html", "sheet.md"])
@pytest.mark.slow
def test_committed_sheet_is_current(fresh, name):
    assert (OUTPUT / name).is_file(), HINT
    assert (OUTPUT / name).read_text(encoding="utf-8") == (fresh / name).read_text(encoding="utf-8"), HINT


@pytest.mark.slow
def test_committed_plots_are_current(fresh):
    new = {p.name: p for p in (fresh / "plots").iterdir()}
    old = {p.name: p for p in (OUTPUT / "plots").iterdir()} if (OUTPUT / "plots").is_dir() else {}
    assert sorted(old) == sorted(new), HINT
    stale = [n for n in sorted(new) if n.endswith(".svg") and old[n].read_bytes() != new[n].read_bytes()]
    assert not stale, f"{HINT} (stale plots: {', '.join(stale)})"
