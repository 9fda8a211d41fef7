r"""A Sphinx extension: derivations and worked exercises in course notes, checked at build time.

In ``conf.py``::

    extensions = ["derivations.sphinx"]          # with "myst_parser" for Markdown pages

Two directives, the same in reST and MyST:

* ``derivation``: a catalog entry (```{derivation} sigmoid-derivative```), or
  the author's own derivation in its content, one link per line::

      ```{derivation}
      :title: The derivative of the sigmoid
      \frac{d}{dx}\sigma(x)
      = \frac{e^{-x}}{(1 + e^{-x})^2}   && quotient rule
      = \sigma(x)\,(1 - \sigma(x))       && algebra
      ```

  Options: ``:title:``, ``:justifications: show|hide``, ``:verdicts: show|hide``.
* ``exercise``: a problem file (TOML, the path relative to the page) rendered as
  its worked solution; ``:id:`` picks one problem of the file.  (Also under the
  name ``derivation-exercise``, for sites where another extension owns ``exercise``.)

The author's derivations are checked when the notes are built: a wrong step is a
warning at the page's file and line, with the counterexample and the likely slip,
so ``sphinx-build -W`` fails; an unchecked step is an info message.

HTML gets MathML (from the same LaTeX), so pages open offline with no script;
the extension also registers a ``mathml`` math renderer that does the same for
the page's own ``$...$`` and ``.. math::`` (it is chosen when no other renderer
than MathJax is loaded; set ``html_math_renderer = "mathjax"`` to keep MathJax).
The LaTeX builder gets our LaTeX (``align*``), so ``make latexpdf`` works.

Configuration: ``derivations_check`` (default True), ``derivations_step_seconds``
(the checker's limit per step), ``derivations_heading_level`` (HTML heading of a
titled block, default 4).
"""

from __future__ import annotations

import os

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, is_directive_registered

from .. import __version__
from .blocks import Block, BlockError, author_block, catalog_block, exercise_block, relative_path, render_block
from .mathml import MathError, fallback_html, page_math

__all__ = ["setup", "DerivationDirective", "ExerciseDirective"]

logger = logging.getLogger(__name__)

CSS_FILE = "derivations.css"
_OPTIONS = {"title": directives.unchanged, "verdicts": directives.unchanged,
            "justifications": directives.unchanged}


class _BlockDirective(SphinxDirective):
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = dict(_OPTIONS)

    def _location(self, line: int | None = None) -> str:
        source, directive_line = self.get_source_info()
        return f"{source}:{line or directive_line}"

    def _first_content_line(self) -> int:
        """The file line of the first content line.

        docutils gives ``content_offset`` as the 0-based line of the first content line; MyST gives the
        number of option lines between the directive's line and its content.
        """
        if type(self.state_machine).__module__.startswith("myst_parser"):
            return self.lineno + self.content_offset + 1
        return self.content_offset + 1

    def _report(self, block: Block) -> None:
        for finding in block.findings:
            where = self._location(finding.line or None)
            if finding.level == "warning":
                logger.warning(finding.message, location=where, type="derivations", subtype=finding.kind)
            else:
                logger.info(finding.message, location=where)

    def _nodes(self, block: Block) -> list[nodes.Node]:
        level = self.config.derivations_heading_level
        container = nodes.container(classes=["derivations"])
        container += nodes.raw("", render_block(block, "html", level=level), format="html")
        container += nodes.raw("", render_block(block, "tex", level=4), format="latex")
        container += nodes.raw("", render_block(block, "md", level=level), format="text")
        self.set_source_info(container)
        return [container]

    def _failed(self, exc: BlockError) -> list[nodes.Node]:
        logger.warning(f"{self.name}: {exc}", location=self._location(exc.line or None), type="derivations",
                       subtype="block")
        return []


class DerivationDirective(_BlockDirective):
    """``derivation``: a catalog entry by id, or the author's own derivation in the content."""

    def run(self) -> list[nodes.Node]:
        try:
            if self.arguments:
                if self.content:
                    raise BlockError("give either a catalog id or a derivation in the content, not both")
                block = catalog_block(self.arguments[0], self.options)
            else:
                from ..check import Limits

                limits = Limits(step_seconds=self.config.derivations_step_seconds)
                block = author_block(list(self.content), self.options, limits=limits,
                                     path=self.get_source_info()[0], first_line=self._first_content_line())
                if not self.config.derivations_check:
                    block.findings = [f for f in block.findings if f.kind == "unreadable"]
        except BlockError as exc:
            return self._failed(exc)
        self._report(block)
        return self._nodes(block)


class ExerciseDirective(_BlockDirective):
    """``exercise``: the worked solution of a problem file (TOML), the path relative to the page."""

    required_arguments = 1
    optional_arguments = 0
    has_content = False
    option_spec = {**_OPTIONS, "id": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        source = self.get_source_info()[0]
        path = relative_path(self.arguments[0], os.path.dirname(os.path.abspath(source)))
        self.env.note_dependency(path)
        try:
            block = exercise_block(path, self.options)
        except BlockError as exc:
            return self._failed(exc)
        self._report(block)
        return self._nodes(block)


# --------------------------------------------------------------------------- the page's own math

def _math(self, latex: str, display: bool) -> str:
    try:
        return page_math(latex, display=display)
    except MathError as exc:
        logger.warning(f"{exc}: {latex[:80]!r}", location=self._derivations_node, type="derivations",
                       subtype="math")
        return fallback_html(latex, display=display)


def html_visit_math(self, node: nodes.math) -> None:
    self._derivations_node = node
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(_math(self, node.astext(), False))
    self.body.append("</span>")
    raise nodes.SkipNode


def html_visit_displaymath(self, node: nodes.math_block) -> None:
    from sphinx.locale import _
    from sphinx.util.math import get_node_equation_number

    self._derivations_node = node
    self.body.append(self.starttag(node, "div", CLASS="math notranslate"))
    if node.get("number"):
        self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    parts = [p for p in node.astext().split("\n\n") if p.strip()] or [""]
    for part in parts:
        self.body.append(_math(self, part, True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


# --------------------------------------------------------------------------- wiring

def _config_inited(app, config) -> None:
    chosen = config.html_math_renderer
    others = [name for name in app.registry.html_inline_math_renderers if name not in ("mathjax", "mathml")]
    if chosen == "mathml" or (chosen is None and not others):
        app.add_html_math_renderer("mathml", (html_visit_math, None), (html_visit_displaymath, None))


def _write_css(app, exception) -> None:
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    from ..render.html import CHAIN_CSS

    static = os.path.join(app.outdir, "_static")
    os.makedirs(static, exist_ok=True)
    extra = (".derivations section h4, .derivations section h5 { margin-top: 1rem; }\n"
             ".derivations table.chain { overflow-x: auto; display: block; max-width: 100%; }\n"
             ".math-source { color: #cf222e; }\n")
    with open(os.path.join(static, CSS_FILE), "w", encoding="utf-8") as out:
        out.write(CHAIN_CSS + extra)


def setup(app):
    app.add_config_value("derivations_check", True, "env", types=[bool])
    app.add_config_value("derivations_step_seconds", 5.0, "env", types=[float, int])
    app.add_config_value("derivations_heading_level", 4, "html", types=[int])
    app.add_directive("derivation", DerivationDirective)
    app.add_directive("derivation-exercise", ExerciseDirective)
    if not is_directive_registered("exercise"):
        app.add_directive("exercise", ExerciseDirective)
    app.add_css_file(CSS_FILE)
    app.connect("config-inited", _config_inited)
    app.connect("build-finished", _write_css)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}
