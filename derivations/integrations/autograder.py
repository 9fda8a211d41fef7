r"""The files of a Gradescope autograder: ``setup.sh``, ``run_autograder``, the rubric and the package.

Gradescope builds an image from the autograder zip (its files at the root):
``setup.sh`` runs once, as root, on Ubuntu (choose the 22.04 base image or later:
Python 3.10+); ``run_autograder`` runs for every submission, with the student's
files in ``/autograder/submission``, and must write
``/autograder/results/results.json``.  :func:`write_autograder` writes both,
the rubric, and a copy of this package that ``setup.sh`` installs with pip into
a virtual environment (or a pip requirement of your choice, ``package=``).

Both scripts take their root from ``AUTOGRADER_ROOT`` (default ``/autograder``),
so they can be tried on a folder laid out the same way; ``DERIVATIONS_SKIP_APT=1``
skips the ``apt-get`` step of ``setup.sh``.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "ag"
>>> rubric = out.parent / "rubric.toml"
>>> _ = rubric.write_text('[[question]]\nname = "Q1"\nheading = "Question 1"\npoints = 2\n')
>>> sorted(p.name for p in write_autograder(rubric, out))
['derivations-src', 'rubric.toml', 'run_autograder', 'setup.sh']
"""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import zipfile
from pathlib import Path

from .gradescope import load_rubric

__all__ = ["write_autograder", "SETUP_SH", "RUN_AUTOGRADER", "package_source", "zip_folder"]

VENDOR = "derivations-src"

SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu 22.04 or later).
# It installs derivations with pip into a virtual environment that run_autograder uses.
set -euo pipefail
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
if [ -z "${{DERIVATIONS_SKIP_APT:-}}" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends python3 python3-pip python3-venv
fi
python3 -m venv --system-site-packages "$ROOT/venv"
"$ROOT/venv/bin/python" -m pip install --quiet --disable-pip-version-check {package}
"$ROOT/venv/bin/python" -m derivations --version
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Gradescope runs this for every submission: the student's files are in $ROOT/submission, and
# $ROOT/results/results.json gets the score (see `derivations grade --help`).
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
PYTHON="${{DERIVATIONS_PYTHON:-$ROOT/venv/bin/python}}"
RESULTS="$ROOT/results/results.json"
mkdir -p "$ROOT/results"
cd "$ROOT" || exit 0
rm -f "$RESULTS"
timeout {timeout} "$PYTHON" -m derivations grade "$ROOT/submission" --format gradescope \
  --rubric "$ROOT/source/rubric.toml" --out "$RESULTS" \
  --step-seconds {step_seconds} --document-seconds {document_seconds}
status=$?
if [ ! -s "$RESULTS" ]; then
  # the checker itself did not finish (killed, out of time or memory): a score and a reason, never nothing
  printf '%s\n' "{{\"score\": 0.0, \"output\": \"The autograder could not check this submission (exit status $status). The course staff will grade it by hand.\", \"tests\": []}}" > "$RESULTS"
fi
exit 0
"""


def package_source() -> tuple[Path, str]:
    """The folder of this package and the ``[project]`` dependencies to install it with (TOML text)."""
    import derivations

    package = Path(derivations.__file__).resolve().parent
    checkout = package.parent / "pyproject.toml"
    if checkout.is_file():  # a source checkout: its own dependency list
        try:
            import tomllib
        except ModuleNotFoundError:  # pragma: no cover - Python 3.10
            import tomli as tomllib  # type: ignore[no-redef]
        project = tomllib.loads(checkout.read_text(encoding="utf-8")).get("project", {})
        dependencies = project.get("dependencies", [])
    else:  # an installed package: its metadata, without the extras
        from importlib.metadata import PackageNotFoundError, requires

        try:
            dependencies = [r for r in (requires("derivations") or []) if "extra ==" not in r]
        except PackageNotFoundError:
            raise RuntimeError("cannot find the dependencies of derivations; pass package= (a pip requirement)") \
                from None
    listed = ",\n".join(f"    {_toml_string(d)}" for d in dependencies)
    return package, listed


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _vendor(target: Path) -> None:
    from .. import __version__

    package, dependencies = package_source()
    shutil.copytree(package, target / "derivations",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    (target / "pyproject.toml").write_text(f"""[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "derivations"
version = "{__version__}"
requires-python = ">=3.10"
dependencies = [
{dependencies}
]

[project.scripts]
derivations = "derivations.cli:main"

[tool.setuptools.packages.find]
include = ["derivations*"]

[tool.setuptools.package-data]
"*" = ["*.lark", "*.toml", "*.css"]
""", encoding="utf-8")


def write_autograder(rubric, out, *, package: str | None = None, step_seconds: float = 5.0,
                     document_seconds: float = 120.0, timeout_seconds: int = 540) -> list[Path]:
    """Write the autograder into the folder ``out``; returns the paths written (the top level).

    The rubric is read first, so a broken rubric fails here (:class:`RubricError`), not in front of
    students.  ``package`` is a pip requirement to install instead of the copy of this package.
    """
    load_rubric(rubric)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    target = out / "rubric.toml"
    shutil.copyfile(rubric, target)
    written.append(target)
    if package is None:
        vendor = out / VENDOR
        if vendor.exists():
            shutil.rmtree(vendor)
        _vendor(vendor)
        written.append(vendor)
        spec = f'"$ROOT/source/{VENDOR}"'
    else:
        spec = shlex.quote(package)
    scripts = {"setup.sh": SETUP_SH.format(package=spec),
               "run_autograder": RUN_AUTOGRADER.format(timeout=int(timeout_seconds), step_seconds=f"{step_seconds:g}",
                                                       document_seconds=f"{document_seconds:g}")}
    for name, text in scripts.items():
        path = out / name
        path.write_text(text, encoding="utf-8", newline="\n")
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        written.append(path)
    return written


def zip_folder(folder, target) -> Path:
    """The autograder zip Gradescope asks for: the folder's files at the root of the archive."""
    folder, target = Path(folder), Path(target)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                path = Path(root) / name
                if path.resolve() == target.resolve():
                    continue
                info = zipfile.ZipInfo.from_file(path, path.relative_to(folder).as_posix())
                with open(path, "rb") as f:
                    archive.writestr(info, f.read(), zipfile.ZIP_DEFLATED)
    return target
