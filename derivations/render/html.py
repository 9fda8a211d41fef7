r"""HTML pages with MathML: readable offline, no JavaScript, inline CSS.

Each expression is converted from our LaTeX by latex2mathml on its own, and a
chain is laid out as a table, one step a row (left side, relation, right side,
justification, verdict), because latex2mathml handles ``align`` poorly.  A side
wider than its room continues on rows of its own (:mod:`.breaking`), so a page
needs no horizontal scrolling at 1024 px; the justification column has a fixed
width and wraps.  Fractions keep the size of the text around them and scripts
stay at least 12 px high (the CSS below).

>>> from sympy import Symbol, exp
>>> from derivations import Derivation, Step, sigmoid
>>> x = Symbol('x')
>>> d = Derivation("s", "sigma", start=sigmoid(x), steps=[Step(1 / (1 + exp(-x)), "definition")])
>>> page = derivation_html(d)
>>> "<mfrac>" in page and '<td class="why">definition</td>' in page
True
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from latex2mathml.converter import convert

from .latex import VERDICT_LEGEND, Layout, conventions_text
from .model import (
    Row,
    definitions,
    digits_of,
    issues,
    label,
    lhs_room,
    names_its_chain,
    note_for,
    own_lhs_lines,
    part_paths,
    rows,
)
from .registry import Format, register_format
from .text import html_text

__all__ = ["math_html", "chain_html", "derivation_html", "document_html", "fragment_html", "HtmlFormat", "CSS",
           "CHAIN_CSS", "HtmlLayout"]

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
ET.register_namespace("", MATHML_NS)

VERDICT_COLOURS = {
    "proved": "#1a7f37", "verified": "#0969da", "wrong": "#cf222e", "unknown": "#9a6700",
    "unchecked": "#6e7781",
}

PAGE_CSS = """
body { font-family: "DejaVu Serif", Georgia, serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1f2328; background: #fff; }
h1, h2, h3, h4, h5 { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; line-height: 1.3; }
h2 { border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2.5rem; }
p.meta { color: #57606a; }
figure { display: inline-block; width: 47%; margin: .5rem 1%; vertical-align: top; }
figure img { width: 100%; height: auto; }
figcaption { font-size: .9em; color: #57606a; }
"""

#: rules for derivation fragments (one rule a line: notebooks scope them to a wrapper)
CHAIN_CSS = """
math { font-family: "Latin Modern Math", "STIX Two Math", "DejaVu Math TeX Gyre", math; font-size: 1.15em; }
mfrac > * { math-depth: add(0); }
:is(msub, msup, msubsup, munder, mover, munderover) > :not(:first-child) :is(msub, msup, msubsup, munder, mover, munderover) > :not(:first-child), :is(msub, msup, msubsup, munder, mover, munderover) > :not(:first-child):is(msub, msup, msubsup, munder, mover, munderover) > :not(:first-child) { math-depth: add(0); }
table.chain { border-collapse: collapse; margin: .8rem 0; max-width: 100%; }
table.chain td { padding: .25rem .4rem; vertical-align: baseline; }
table.chain math { math-style: normal; }
table.chain td.lhs { text-align: right; }
table.chain td.rel { text-align: center; }
table.chain td.rhs { text-align: left; }
table.chain td.wide { text-align: left; }
table.chain td.why { color: #57606a; padding-left: 1rem; width: 15rem; min-width: 15rem; max-width: 15rem; }
table.chain td.verdict { font-family: "DejaVu Sans", sans-serif; font-size: .78em; white-space: nowrap; width: 5.5rem; }
table.chain tr.wrong td { background: #ffebe9; }
table.chain tr.more td { padding-top: 0; }
math[display="block"] { margin: 0; }
.verdict span { border: 1px solid currentColor; border-radius: .6rem; padding: 0 .45rem; }
""" + "".join(
    f".v-{name} {{ color: {colour}; }}\n" for name, colour in VERDICT_COLOURS.items()
) + """
ul.issues { color: #cf222e; }
"""

CSS = PAGE_CSS + CHAIN_CSS


class HtmlLayout(Layout):
    """The room of a chain's math in an HTML page: 60 rem of text, 15 rem for the justification,
    5.5 rem for the verdict and the cells' padding; math is 1.15 times the text, so about 29 em of it."""

    line = 29.0
    safety = 1.2


QUAD = "\\quad "


def math_html(latex: str, *, display: str = "inline") -> str:
    """MathML for one LaTeX expression (inline; the chain's CSS gives it display style).

    Brackets sized by ``\\left``/``\\right`` around nothing tall keep the size of the text
    (``σ(x)``, not the spaced-out ``σ ( x )`` of a stretched glyph).
    """
    return tidy_mathml(convert(latex, display=display))


_TALL = {f"{{{MATHML_NS}}}{tag}" for tag in ("mfrac", "munderover", "munder", "mover", "mtable", "msqrt", "mroot")}


_OPERATORS = {"log", "ln", "exp", "sin", "cos", "tan", "tanh", "sinh", "cosh", "max", "min", "det", "erf", "diag"}


def _opens_with_bracket(element) -> bool:
    while element.tag == f"{{{MATHML_NS}}}mrow" and len(element):
        element = element[0]
    return element.tag == f"{{{MATHML_NS}}}mo" and (element.text or "") in "([{" or len(element) == 0 and \
        element.tag == f"{{{MATHML_NS}}}mrow"


def _operator_spacing(root) -> None:
    """A thin space around ``log``, ``exp``, ... next to other symbols, as TeX sets it (``y_k \\log p_k``)."""
    for parent in root.iter():
        kids = list(parent)
        for i, kid in enumerate(kids):
            if kid.tag not in (f"{{{MATHML_NS}}}mi", f"{{{MATHML_NS}}}mo") or (kid.text or "") not in _OPERATORS:
                continue
            after = kids[i + 1] if i + 1 < len(kids) else None
            before = kids[i - 1] if i else None
            position = list(parent).index(kid)
            if after is not None and not _opens_with_bracket(after):
                parent.insert(position + 1, ET.Element(f"{{{MATHML_NS}}}mspace", {"width": "0.167em"}))
            if before is not None and before.tag != f"{{{MATHML_NS}}}mo":
                parent.insert(position, ET.Element(f"{{{MATHML_NS}}}mspace", {"width": "0.167em"}))


def tidy_mathml(markup: str) -> str:
    """Fences that enclose nothing tall do not stretch; fences never add space of their own;
    operator names get their thin spaces."""
    if 'stretchy="true"' not in markup and not any(f">{op}<" in markup for op in _OPERATORS):
        return markup
    root = ET.fromstring(markup)
    _operator_spacing(root)
    for row in root.iter(f"{{{MATHML_NS}}}mrow"):
        kids = list(row)
        if len(kids) < 2 or kids[0].tag != f"{{{MATHML_NS}}}mo" or kids[0].get("fence") != "true":
            continue
        tall = any(e.tag in _TALL for k in kids[1:-1] for e in k.iter())
        for fence in (kids[0], kids[-1]):
            if fence.tag == f"{{{MATHML_NS}}}mo" and fence.get("fence") == "true":
                fence.set("lspace", "0em")
                fence.set("rspace", "0em")
                if not tall:
                    fence.set("stretchy", "false")
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


def _why_cells(row: Row, verdicts: bool, span: int) -> list[str]:
    rowspan = f' rowspan="{span}"' if span > 1 else ""
    cells = [f'<td class="why"{rowspan}>{html_text(row.why)}</td>']
    if verdicts:
        title = f' title="{html.escape(row.detail)}"' if row.detail else ""
        cells.append(f'<td class="verdict v-{row.verdict}"{title}{rowspan}><span>{row.verdict}</span></td>')
    return cells


def chain_html(derivation, *, verdicts: bool = True, digits=None, layout: Layout | None = None) -> str:
    """The chain as a ``<table class="chain">``, one step a row (and a row for each line it continues on)."""
    layout = layout or HtmlLayout()
    table = rows(derivation, digits=digits)
    out: list[str] = []
    def wide_rows(parts):
        return [f'<tr class="lhs-line"><td class="wide" colspan="3">{math_html((QUAD if i else "") + p)}</td></tr>'
                for i, p in enumerate(parts)]

    own = own_lhs_lines(table[0], layout)
    if own:
        out += wide_rows(own)
    if not table[0].relation:
        return '<table class="chain">\n' + "\n".join(out) + "\n</table>"
    lhs = "" if own else (table[0].lhs or "")
    room = layout.line - lhs_room(table[0], own, layout)
    for row in table:
        parts = row.rhs_after_relation(room, room - layout.safety, layout.safety)
        cls = f' class="{row.verdict}"' if row.verdict == "wrong" else ""
        first_lhs = math_html(lhs) if row.index == 1 and lhs else ""
        cells = [f'<td class="lhs">{first_lhs}</td>', f'<td class="rel">{math_html(row.relation)}</td>',
                 f'<td class="rhs">{math_html(parts[0])}</td>'] + _why_cells(row, verdicts, len(parts))
        out.append(f"<tr{cls}>" + "".join(cells) + "</tr>")
        for more in parts[1:]:
            cls_more = ' class="more wrong"' if row.verdict == "wrong" else ' class="more"'
            line = math_html(QUAD + more)
            out.append(f'<tr{cls_more}><td class="lhs"></td><td class="rel"></td><td class="rhs">{line}</td></tr>')
    return '<table class="chain">\n' + "\n".join(out) + "\n</table>"


def derivation_html(derivation, *, level: int = 3, verdicts: bool = True, digits=None,
                    path: list[str] | None = None, layout: Layout | None = None, label_prefix: str = "") -> str:
    """A derivation as a ``<section>``: heading, statement, chain, issues, notes and parts.

    The section's ``id`` is the derivation's id (``problem.part`` for a part), unique per problem.
    """
    inherited, digits = digits, digits_of(derivation, digits)
    path = path or [derivation.id]
    h = f"h{min(level, 6)}"
    ident = label_prefix + label(path)[len("item:"):]  # the problem's id, then its parts': problem.part
    out = [f'<section id="{html.escape(ident)}">']
    if not names_its_chain(derivation, inherited):
        out.append(f"<{h}>{html_text(derivation.title)}</{h}>")
    if derivation.statement:
        out.append(f"<p>{html_text(derivation.statement)}</p>")
    if derivation.assumptions:
        out.append(f"<p><em>Assumptions:</em> {html_text(derivation.assumptions)}</p>")
    note = note_for(derivation, inherited)
    if note:
        out.append(f'<p class="meta">{html_text(note)}</p>')
    defined = definitions(derivation, digits=digits)
    if defined:
        out.append('<p class="where">where</p>\n<table class="chain where">\n' + "\n".join(
            f'<tr><td class="lhs">{math_html(name)}</td><td class="rel">{math_html("=")}</td>'
            f'<td class="rhs">{math_html(value)}</td></tr>' for name, value in defined) + "\n</table>")
    if derivation.steps or (not derivation.parts and derivation.start is not None):
        # a bare start above parts would be an unlabelled answer; a part with no start has no chain
        out.append(chain_html(derivation, verdicts=verdicts, digits=digits, layout=layout))
    found = [r for r in issues(rows(derivation, digits=digits)) if r.detail or r.verdict == "wrong"]
    if verdicts and found:
        out.append('<ul class="issues">' + "".join(
            f"<li>Step {r.index} is <strong>{r.verdict}</strong>"
            + (f": {html.escape(r.detail)}" if r.detail else ".") + "</li>" for r in found) + "</ul>")
    if derivation.notes:
        out.append(f"<p><em>Note:</em> {html_text(derivation.notes)}</p>")
    for part, sub in zip(derivation.parts, part_paths(derivation, path)):
        out.append(derivation_html(part, level=level + 1, verdicts=verdicts, digits=digits, path=sub,
                                   layout=layout, label_prefix=label_prefix))
    out.append("</section>")
    return "\n".join(out)


def _body(sheet, *, plots_dir: str, verdicts: bool, level: int, label_prefix: str) -> list[str]:
    """Items at heading ``level``; with several sections, each section's title one level above."""
    out = []
    several = len([s for s in sheet.sections if s.items]) > 1
    above = f"h{max(level - 1, 1)}"
    for section in sheet.sections:
        if not section.items:
            continue
        if several:
            out.append(f"<{above}>{html_text(section.title)}</{above}>")
        for item in section.items:
            out.append(derivation_html(item, level=level, verdicts=verdicts, label_prefix=label_prefix))
    if sheet.plots:
        out.append(f"<{above}>Activation functions and their derivatives</{above}>")
        for spec in sheet.plots:
            src = html.escape(f"{plots_dir}/{spec.name}.svg")
            out.append(f'<figure><img src="{src}" alt="{html.escape(spec.title)}">'
                       f"<figcaption>{html_text(spec.caption)}</figcaption></figure>")
    return out


def document_html(sheet, *, plots_dir: str = "plots", verdicts: bool = True) -> str:
    """A complete HTML page for a :class:`derivations.sheet.Sheet`."""
    title = html.escape(sheet.title)
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{title}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<h1>{html_text(sheet.title)}</h1>", f'<p class="meta">{html_text(sheet.intro or conventions_text())}</p>']
    if verdicts:
        legend = " ".join(f'<span class="v-{v}">{v}</span>' for v in VERDICT_COLOURS)
        out.append(f'<p class="meta">{html.escape(VERDICT_LEGEND.split(":")[0])}: {legend}.</p>')
    out += _body(sheet, plots_dir=plots_dir, verdicts=verdicts, level=3, label_prefix="")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def fragment_html(sheet, *, plots_dir: str = "plots", verdicts: bool = True, level: int = 2,
                  label_prefix: str = "", css: bool = True) -> str:
    """The page's body without ``<html>``/``<head>``: a ``<div class="derivations">`` for course notes.

    ``level`` is the heading level of each item (``<h2>``).

    ``css`` adds the chain's style rules, scoped to the ``div`` so they leave the host page alone.
    """
    from .notebook import scoped_css

    out = ['<div class="derivations">']
    if css:
        out.append(f"<style>{scoped_css('.derivations')}</style>")
    out += _body(sheet, plots_dir=plots_dir, verdicts=verdicts, level=level, label_prefix=label_prefix)
    out.append("</div>")
    return "\n".join(out) + "\n"


@register_format("html")
class HtmlFormat(Format):
    """HTML with MathML: ``derivation`` gives a ``<section>``, ``document`` a full page,
    ``fragment`` a ``<div>`` to embed."""

    extension = "html"

    def derivation(self, derivation, **options) -> str:
        return derivation_html(derivation, **options)

    def document(self, sheet, **options) -> str:
        return document_html(sheet, **options)

    def fragment(self, sheet, **options) -> str:
        return fragment_html(sheet, **options)
