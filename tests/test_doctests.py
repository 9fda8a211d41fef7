"""Run the examples in the docstrings of every module under ``derivations/``.

Plain ``python3 -m pytest`` collects this file, so the documented examples stay true.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import derivations


def _module_names():
    names = [derivations.__name__]
    for info in pkgutil.walk_packages(derivations.__path__, prefix=derivations.__name__ + "."):
        if not info.name.endswith(".__main__"):  # importing __main__ would run the CLI
            names.append(info.name)
    return sorted(names)


MODULES = _module_names()
#: what the optional integrations import (the extras [sphinx] and [mkdocs]; the test extra has them all)
OPTIONAL = {"sphinx", "docutils", "myst_parser", "markdown", "mkdocs", "pymdownx"}


def test_every_module_is_found():
    assert {"derivations.functions", "derivations.equivalence", "derivations.engine.exp_rational"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] in OPTIONAL:
            pytest.skip(f"{name} needs {exc.name}, from an optional extra")
        raise
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, name, globs=dict(vars(module))):
        if test.examples:
            runner.run(test, out=lambda text: print(text, end=""))
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name} (see output)"
