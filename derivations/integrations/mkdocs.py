r"""MkDocs and Python-Markdown: derivations and worked exercises in fenced blocks, checked at build time.

In ``mkdocs.yml``::

    plugins:
      - derivations            # file:line in messages, the stylesheet; math: auto | arithmatex | mathml
    markdown_extensions:
      - pymdownx.arithmatex:   # the math set-up of MkDocs Material (MathJax or KaTeX)
          generic: true

In a page, the same two blocks as the Sphinx extension::

    ```derivation sigmoid-derivative
    ```

    ```derivation
    :title: The derivative of the sigmoid
    \frac{d}{dx}\sigma(x)
    = \frac{e^{-x}}{(1 + e^{-x})^2}   && quotient rule
    = \sigma(x)\,(1 - \sigma(x))       && algebra
    ```

    ```exercise exercises.toml
    :id: two-layer
    ```

(``{derivation}`` with braces, as MyST writes it, is read too, so a page moves between
Jupyter Book and MkDocs unchanged.)  The author's steps are checked by our
checker: a wrong step is a warning naming the page's file and line, so
``mkdocs build --strict`` fails; an unchecked step is an info message.

Math comes out in one of two forms (``math``):

* ``arithmatex``: ``$$\begin{aligned} ... $$`` blocks that ``pymdownx.arithmatex``
  turns into its ``<div class="arithmatex">\[...\]</div>``, for the MathJax or
  KaTeX of a Material site;
* ``mathml``: MathML written into the page, and *every* arithmatex formula of
  the page converted to MathML too, so the site opens offline with no script;
* ``auto`` (the default): ``arithmatex`` when that extension is loaded, else ``mathml``.

Without MkDocs, ``markdown.Markdown(extensions=[DerivationsExtension()])`` works
the same (messages then name the ``source`` given in the config, or ``<page>``).

>>> import markdown
>>> page = markdown.markdown("```derivation\n\\sigma(0)\n= \\frac{1}{2}\n```", extensions=[DerivationsExtension()])
>>> "<math" in page and "v-proved" in page
True
"""

from __future__ import annotations

import html
import logging
import os
import re
from dataclasses import dataclass

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .blocks import Block, BlockError, author_block, catalog_block, exercise_block, relative_path, render_block
from .mathml import MathError, fallback_html, page_math

__all__ = ["DerivationsExtension", "DerivationsPlugin", "makeExtension", "Source"]

log = logging.getLogger("mkdocs.plugins.derivations")

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<brace>\{)?(?P<kind>derivation|exercise)"
                   r"(?(brace)\})(?:[ \t]+(?P<argument>[^`\n]*?))?[ \t]*$")
_ANY_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_ARITHMATEX = re.compile(r'<(?P<tag>div|span) class="arithmatex">(?P<math>.*?)</(?P=tag)>', re.S)
_WRAPS = ((r"\(", r"\)"), (r"\[", r"\]"), ("$$", "$$"), ("$", "$"))
CSS_FILE = "assets/derivations.css"


@dataclass
class Source:
    """The page being converted: its name in messages, its folder, and the lines taken by front matter."""

    name: str = "<page>"
    folder: str = "."
    offset: int = 0


def _css() -> str:
    from ..render.html import CHAIN_CSS

    return CHAIN_CSS + (".derivations { overflow-x: auto; }\n"
                        ".derivations table.chain td { border: none; }\n"
                        ".math-source { color: #cf222e; }\n")


class DerivationsExtension(Extension):
    """The ``derivation`` and ``exercise`` fences for Python-Markdown (and so for MkDocs)."""

    def __init__(self, **kwargs):
        self.config = {
            "math": ["auto", "auto, arithmatex (for MathJax/KaTeX via pymdownx.arithmatex) or mathml (offline)"],
            "check": [True, "check the author's derivations (a wrong step is a warning)"],
            "step_seconds": [5.0, "the checker's time limit per step, in seconds"],
            "heading_level": [3, "the heading level of a titled block"],
            "inline_css": [True, "put the chain stylesheet in the page (the MkDocs plugin serves a file instead)"],
            "source": ["<page>", "the page's name in messages"],
            "base_dir": [".", "the folder that exercise paths are relative to"],
        }
        super().__init__(**kwargs)
        self.page: Source | None = None  # set by the MkDocs plugin for each page

    def current(self) -> Source:
        return self.page or Source(self.getConfig("source"), self.getConfig("base_dir"))

    def extendMarkdown(self, md):
        md.registerExtension(self)
        # before fenced_code / superfences (25) and the HTML block reader (20), after whitespace clean-up (30)
        md.preprocessors.register(BlockPreprocessor(md, self), "derivations", 28)
        # after the stashed HTML is put back (30), so arithmatex fences of superfences are seen too
        md.postprocessors.register(MathMLPostprocessor(md, self), "derivations-mathml", 25)

    def math_mode(self, md) -> str:
        mode = str(self.getConfig("math")).lower()
        if mode not in ("auto", "arithmatex", "mathml"):
            raise ValueError(f"derivations: math must be auto, arithmatex or mathml, not {mode!r}")
        if mode == "auto":
            has = "arithmatex-inline" in md.inlinePatterns or "arithmatex-block" in md.parser.blockprocessors
            return "arithmatex" if has else "mathml"
        return mode


class BlockPreprocessor(Preprocessor):
    """Replaces each ``derivation``/``exercise`` fence by its rendering and reports its findings."""

    def __init__(self, md, extension: DerivationsExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        self.styled = False
        i = 0
        while i < len(lines):
            m = _OPEN.match(lines[i])
            if m is None:
                other = _ANY_FENCE.match(lines[i])
                if other:  # another fenced block: copy it whole, a derivation fence inside is an example
                    end = self._closing(lines, i + 1, other.group(1))
                    out.extend(lines[i:end + 1])
                    i = end + 1
                    continue
                out.append(lines[i])
                i += 1
                continue
            end = self._closing(lines, i + 1, m.group("fence"))
            indent = m.group("indent")
            body = [line[len(indent):] if line.startswith(indent) else line.lstrip() for line in lines[i + 1:end]]
            rendered = self._block(m.group("kind"), (m.group("argument") or "").strip(), body, i + 2)
            out.append("")
            out.extend(indent + line if line else "" for line in rendered.split("\n"))
            out.append("")
            i = end + 1
        return out

    @staticmethod
    def _closing(lines: list[str], start: int, fence: str) -> int:
        closer = re.compile(r"^[ \t]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        for j in range(start, len(lines)):
            if closer.match(lines[j]):
                return j
        return len(lines)  # unclosed: the block runs to the end of the page, as in CommonMark

    def _block(self, kind: str, argument: str, body: list[str], first: int) -> str:
        """``first``: the line (1-based) of the block's first line, in the text Python-Markdown was given."""
        ext = self.extension
        source = ext.current()
        first += source.offset  # the lines MkDocs took off the page (front matter)
        fence = first - 1
        try:
            if kind == "exercise":
                if not argument:
                    raise BlockError("an exercise block names its problem file: ```exercise exercises.toml")
                from .blocks import split_option_lines

                options, used = split_option_lines(body)
                if any(b.strip() for b in body[used:]):
                    raise BlockError("an exercise block holds only options (:id: ...); the problem is in the file",
                                     first + used)
                block = exercise_block(relative_path(argument, source.folder), options)
            elif argument:
                from .blocks import split_option_lines

                options, used = split_option_lines(body)
                if any(b.strip() for b in body[used:]):
                    raise BlockError("give either a catalog id or a derivation in the block, not both", first + used)
                block = catalog_block(argument, options)
            else:
                from ..check import Limits

                block = author_block(body, {}, limits=Limits(step_seconds=float(ext.getConfig("step_seconds"))),
                                     path=source.name, first_line=first)
                if not ext.getConfig("check"):
                    block.findings = [f for f in block.findings if f.kind == "unreadable"]
        except BlockError as exc:
            log.warning(f"{source.name}:{exc.line or fence}: {kind}: {exc}")
            return f'<p class="derivations-error"><strong>{kind}:</strong> {html.escape(str(exc))}</p>'
        for finding in block.findings:
            where = f"{source.name}:{finding.line or fence}"
            (log.warning if finding.level == "warning" else log.info)(f"{where}: {finding.message}")
        return self._render(block)

    def _render(self, block: Block) -> str:
        level = int(self.extension.getConfig("heading_level"))
        if self.extension.math_mode(self.md) == "arithmatex":
            return render_block(block, "md", level=level)
        page = render_block(block, "html", level=level)
        if self.extension.getConfig("inline_css") and not self.styled:
            page = f"<style>{_css()}</style>\n{page}"
            self.styled = True
        return self.md.htmlStash.store(f'<div class="derivations">\n{page}\n</div>')


class MathMLPostprocessor(Postprocessor):
    """In ``math: mathml``, every arithmatex formula of the page becomes MathML."""

    def __init__(self, md, extension: DerivationsExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        if str(self.extension.getConfig("math")).lower() != "mathml":
            return text

        def convert(m: re.Match) -> str:
            latex = html.unescape(m.group("math")).strip()
            for left, right in _WRAPS:
                if latex.startswith(left) and latex.endswith(right) and len(latex) >= len(left) + len(right):
                    latex = latex[len(left):len(latex) - len(right)].strip()
                    break
            display = m.group("tag") == "div"
            try:
                math = page_math(latex, display=display)
            except MathError as exc:
                log.warning(f"{self.extension.current().name}: {exc}: {latex[:80]!r}")
                math = fallback_html(latex, display=display)
            return f'<{m.group("tag")} class="arithmatex">{math}</{m.group("tag")}>'

        return _ARITHMATEX.sub(convert, text)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    return DerivationsExtension(**kwargs)


# --------------------------------------------------------------------------- the MkDocs plugin

try:
    from mkdocs.config import config_options as _opt
    from mkdocs.config.base import Config as _Config
    from mkdocs.plugins import BasePlugin as _BasePlugin
except ImportError:  # Python-Markdown without MkDocs: the extension alone
    DerivationsPlugin = None  # type: ignore[assignment,misc]
else:
    class _PluginConfig(_Config):
        math = _opt.Choice(("auto", "arithmatex", "mathml"), default="auto")
        check = _opt.Type(bool, default=True)
        step_seconds = _opt.Type((int, float), default=5.0)
        heading_level = _opt.Type(int, default=3)

    class DerivationsPlugin(_BasePlugin[_PluginConfig]):  # type: ignore[no-redef]
        """``plugins: [derivations]``: the extension, with each page's file and line in messages."""

        def on_config(self, config):
            ours = ("derivations", "derivations.integrations.mkdocs")
            config.markdown_extensions = [e for e in config.markdown_extensions
                                          if not (isinstance(e, str) and e in ours)
                                          and not isinstance(e, DerivationsExtension)]
            self.extension = DerivationsExtension(math=self.config.math, check=self.config.check,
                                                  step_seconds=float(self.config.step_seconds),
                                                  heading_level=self.config.heading_level, inline_css=False)
            config.markdown_extensions.append(self.extension)
            if CSS_FILE not in config.extra_css:
                config.extra_css.append(CSS_FILE)
            return config

        def on_page_markdown(self, markdown, page, config, files):
            path = page.file.abs_src_path or page.file.src_path
            offset = 0
            try:
                with open(path, encoding="utf-8-sig") as f:
                    raw = f.read().replace("\r\n", "\n")
                if raw.endswith(markdown) and markdown:
                    offset = raw[:len(raw) - len(markdown)].count("\n")  # front matter taken off by MkDocs
            except OSError:
                pass
            name = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
            self.extension.page = Source(name, os.path.dirname(path), offset)
            return markdown

        def on_page_content(self, html_text, page, config, files):
            self.extension.page = None
            return html_text

        def on_post_build(self, config):
            target = os.path.join(config.site_dir, CSS_FILE)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as out:
                out.write(_css())
