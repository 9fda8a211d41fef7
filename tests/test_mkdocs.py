"""The MkDocs plugin and the Markdown extension: the example site with the real `mkdocs build --strict`."""

from __future__ import annotations

import logging
import re
import shutil

import pytest
from site_tools import (
    EXAMPLES,
    assert_rendered_as_math,
    browser_page,
    in_ci,
    launch,
    need,
    plant,
    rendered_math,
    run,
)

SITE = EXAMPLES / "mkdocs-notes"


@pytest.fixture(scope="module", autouse=True)
def tools():
    need("markdown", "the mkdocs extra installs Markdown")
    need("pymdownx.arithmatex", "the mkdocs extra installs pymdown-extensions")


def markdown(text: str, **config) -> str:
    import markdown as md

    from derivations.integrations.mkdocs import DerivationsExtension

    return md.markdown(text, extensions=["pymdownx.arithmatex", "admonition", DerivationsExtension(**config)],
                       extension_configs={"pymdownx.arithmatex": {"generic": True}})


# --- the Markdown extension ---------------------------------------------------------------------------

SOFTPLUS = "\n".join([
    "# Notes", "",
    "```derivation",
    ":title: Softplus",
    r"\frac{d}{dx}\ln(1 + e^{x})",
    r"= \frac{e^{x}}{1 + e^{x}}  && chain rule",
    r"= \sigma(x)",
    "```", "",
])


def test_arithmatex_form_for_mathjax_and_katex():
    page = markdown(SOFTPLUS + "Inline $x^2$.\n", math="arithmatex")
    # what pymdownx.arithmatex (generic) writes, and MkDocs Material's MathJax/KaTeX set-up reads
    block = re.search(r'<div class="arithmatex">\\\[(.*?)\\\]</div>', page, re.S)
    assert block and r"\begin{aligned}" in block.group(1) and r"\text{chain rule}" in block.group(1)
    assert r'<span class="arithmatex">\(x^2\)</span>' in page
    assert "<math" not in page and "<h3" in page


def test_mathml_form_converts_the_page_math_too():
    page = markdown(SOFTPLUS + "Inline $x^2$ and\n\n$$\n\\frac{a}{b}\n$$\n", math="mathml")
    assert '<table class="chain">' in page and page.count("<math") > 5
    assert "\\(" not in page and "\\[" not in page and "$" not in page
    assert re.search(r'<span class="arithmatex"><math [^>]*display="inline"', page)
    assert re.search(r'<div class="arithmatex"><math [^>]*display="block"', page)
    assert "<style>" in page  # the extension alone styles the chain (the plugin serves a file)


def test_auto_is_arithmatex_when_loaded_else_mathml():
    import markdown as md

    from derivations.integrations.mkdocs import DerivationsExtension

    alone = md.markdown(SOFTPLUS, extensions=[DerivationsExtension()])
    assert '<table class="chain">' in alone and "<math" in alone
    assert r"\begin{aligned}" in markdown(SOFTPLUS)


def test_fences_inside_other_code_blocks_are_left_alone():
    text = "````markdown\n```derivation sigmoid-derivative\n```\n````\n"
    page = markdown(text)
    assert "sigmoid-derivative" in page and "<table" not in page and "aligned" not in page


@pytest.mark.parametrize("opener", ["```derivation", "~~~derivation", "```{derivation}", "````derivation"])
def test_fence_spellings(opener):
    closer = opener[0] * (4 if opener.startswith("````") else 3)
    page = markdown(f"{opener}\n\\sigma(0)\n= \\frac{{1}}{{2}}\n{closer}\n", math="mathml")
    assert '<table class="chain">' in page and "v-proved" in page


def test_inside_an_admonition():
    text = "!!! note\n\n    ```derivation\n    \\sigma(0)\n    = \\frac{1}{2}\n    ```\n"
    page = markdown(text, math="mathml")
    assert re.search(r'<div class="admonition note">.*<table class="chain">', page, re.S), page


def test_wrong_step_is_a_warning_at_the_page_line(caplog):
    text = SOFTPLUS.replace(r"= \sigma(x)", r"= \sigma(-x)")
    expected = text.split("\n").index(r"= \sigma(-x)") + 1
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.derivations"):
        markdown(text, source="docs/notes.md")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith(f"docs/notes.md:{expected}: wrong step"), warnings
    assert "at x = " in warnings[0]


def test_unchecked_step_is_information(caplog):
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.derivations"):
        markdown("```derivation\n\\sigma(0)\n= \\mathfrak{q}\\oint\n```\n")
    levels = [(r.levelno, r.getMessage()) for r in caplog.records]
    assert [lv for lv, _ in levels] == [logging.INFO] and "<page>:3: unchecked step" in levels[0][1]


@pytest.mark.parametrize("text, message", [
    ("```derivation sigmoid-derivatve\n```\n", "did you mean sigmoid-derivative"),
    ("```exercise\n```\n", "names its problem file"),
    ("```exercise nowhere.toml\n```\n", "no such file"),
    ("```derivation\n:verdicts: maybe\nx\n= x\n```\n", "takes show or hide"),
    ("```derivation sigmoid-derivative\nx = x\n```\n", "not both"),
])
def test_a_bad_block_says_what_to_fix(caplog, text, message):
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.derivations"):
        page = markdown(text)
    [warning] = [r.getMessage() for r in caplog.records]
    assert message in warning and warning.startswith("<page>:"), warning
    assert "derivations-error" in page


# --- the real MkDocs --------------------------------------------------------------------------------

def _mkdocs():
    need("mkdocs", "the mkdocs extra installs MkDocs")
    need("material", "the test extra installs mkdocs-material (the example site's theme)")
    from importlib.metadata import entry_points

    if not [e for e in entry_points(group="mkdocs.plugins") if e.name == "derivations"]:
        if in_ci():
            pytest.fail("the derivations MkDocs plugin is not registered: pip install -e . registers it")
        pytest.skip("the derivations MkDocs plugin is not registered (pip install -e . registers its entry point)")


def build(config, out):
    return run(["-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    _mkdocs()
    out = tmp_path_factory.mktemp("mkdocs") / "site"
    result = build(SITE / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    return out, result


@pytest.mark.slow
def test_example_builds_strict(site):
    out, result = site
    assert "WARNING" not in result.stderr, result.stderr
    assert (out / "index.html").is_file() and (out / "backprop" / "index.html").is_file()
    assert (out / "assets" / "derivations.css").is_file()


@pytest.mark.slow
def test_example_loads_nothing_from_the_network(site):
    out, _ = site
    for page in (out / "index.html", out / "backprop" / "index.html"):
        text = page.read_text(encoding="utf-8")
        sources = re.findall(r'<(?:script|link|img)\b[^>]*(?:src|href)="([^"]+)"', text)
        remote = [s for s in sources if re.match(r"(?:https?:)?//", s)]
        assert sources and not remote, remote
        assert "derivations.css" in text


@pytest.mark.slow
def test_example_rendered_in_chromium_offline(site, tmp_path):
    sync_api = need("playwright.sync_api", "the test extra installs playwright")
    out, _ = site
    p, browser = launch(sync_api)
    try:
        for page_path, blocks in ((out / "index.html", 3), (out / "backprop" / "index.html", 2)):
            page = browser_page(p, browser)
            page.goto(page_path.as_uri())
            shown = rendered_math(page)
            assert_rendered_as_math(shown, blocks=blocks)
            assert shown["allMath"] > shown["maths"]  # the prose's math is MathML too
            assert page.blocked == [], page.blocked
            page.screenshot(path=str(tmp_path / (page_path.parent.name + ".png")), full_page=True)
            page.close()
    finally:
        browser.close()
        p.stop()


def _copy(tmp_path):
    copy = tmp_path / "notes"
    shutil.copytree(SITE, copy, ignore=shutil.ignore_patterns("site"))
    return copy


@pytest.mark.slow
def test_a_planted_wrong_step_fails_the_strict_build_at_its_file_and_line(tmp_path):
    _mkdocs()
    copy = _copy(tmp_path)
    line = plant(copy / "docs" / "index.md", r"= \frac{1}{2} \cdot \frac{1}{2}", r"= \frac{1}{2} \cdot \frac{1}{3}")
    result = build(copy / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    found = [w for w in result.stderr.splitlines() if f"index.md:{line}: wrong step" in w]
    assert len(found) == 1 and "WARNING" in found[0], result.stderr
    assert "docs/index.md" in found[0]
    assert "Aborted" in result.stdout + result.stderr


@pytest.mark.slow
def test_front_matter_keeps_the_line_numbers(tmp_path):
    _mkdocs()
    copy = _copy(tmp_path)
    page = copy / "docs" / "index.md"
    page.write_text("---\ntitle: Week 3\ndescription: with front matter\n---\n" + page.read_text(encoding="utf-8"))
    line = plant(page, r"= \sigma(x)                             && the definition",
                 r"= \sigma(2x)                             && the definition")
    result = build(copy / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert f"index.md:{line}: wrong step" in result.stderr, result.stderr


@pytest.mark.slow
def test_arithmatex_site_for_material_mathjax(tmp_path):
    _mkdocs()
    copy = _copy(tmp_path)
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("math: mathml", "math: arithmatex"))
    result = build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert page.count('<div class="arithmatex">\\[') >= 4 and "\\begin{aligned}" in page
    assert "<math" not in page


def test_the_extension_by_its_registered_name():
    from importlib.metadata import entry_points

    import markdown as md

    if not [e for e in entry_points(group="markdown.extensions") if e.name == "derivations"]:
        if in_ci():
            pytest.fail("the derivations Markdown extension is not registered: pip install -e . registers it")
        pytest.skip("the derivations Markdown extension is not registered (pip install -e .)")
    page = md.markdown("```derivation sigmoid-symmetry\n```\n", extensions=["derivations"])
    assert '<table class="chain">' in page and "v-proved" in page
