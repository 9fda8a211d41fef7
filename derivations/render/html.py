"""HTML pages with MathML: readable offline, no JavaScript, inline CSS.

Each expression is converted from our LaTeX by latex2mathml on its own, and a
chain is laid out as a table, one step a row (left side, relation, right side,
justification, verdict), because latex2mathml handles ``align`` poorly.

>>> from sympy import Symbol, exp
>>> from derivations import Derivation, Step, sigmoid
>>> x = Symbol('x')
>>> d = Derivation("s", "sigma", start=sigmoid(x), steps=[Step(1 / (1 + exp(-x)), "definition")])
>>> page = derivation_html(d)
>>> "<mfrac>" in page and "<td class=\\"why\\">definition</td>" in page
True
"""

from __future__ import annotations

import html

from latex2mathml.converter import convert

from .latex import conventions_text
from .model import Row, digits_of, issues, rows
from .registry import Format, register_format
from .text import html_text

__all__ = ["math_html", "chain_html", "derivation_html", "document_html", "HtmlFormat", "CSS", "CHAIN_CSS"]

VERDICT_COLOURS = {
    "proved": "#1a7f37", "verified": "#0969da", "wrong": "#cf222e", "unknown": "#9a6700",
    "unchecked": "#6e7781",
}

PAGE_CSS = """
body { font-family: "DejaVu Serif", Georgia, serif; max-width: 58rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1f2328; background: #fff; }
h1, h2, h3, h4 { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; line-height: 1.25; }
h2 { border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2.5rem; }
p.meta { color: #57606a; }
figure { display: inline-block; width: 47%; margin: .5rem 1%; vertical-align: top; }
figure img { width: 100%; height: auto; }
figcaption { font-size: .9em; color: #57606a; }
"""

#: rules for derivation fragments (one rule a line: notebooks scope them to a wrapper)
CHAIN_CSS = """
table.chain { border-collapse: collapse; margin: .8rem 0; }
table.chain td { padding: .25rem .4rem; vertical-align: middle; }
table.chain td.lhs { text-align: right; }
table.chain td.rel { text-align: center; }
table.chain td.rhs { text-align: left; }
table.chain td.why { color: #57606a; font-size: .92em; padding-left: 1.5rem; max-width: 18rem; }
table.chain td.verdict { font-family: "DejaVu Sans", sans-serif; font-size: .78em; white-space: nowrap; }
table.chain tr.wrong td { background: #ffebe9; }
math[display="block"] { margin: 0; }
.verdict span { border: 1px solid currentColor; border-radius: .6rem; padding: 0 .45rem; }
""" + "".join(
    f".v-{name} {{ color: {colour}; }}\n" for name, colour in VERDICT_COLOURS.items()
) + """
ul.issues { color: #cf222e; }
"""

CSS = PAGE_CSS + CHAIN_CSS


def math_html(latex: str, *, display: str = "block") -> str:
    """MathML for one LaTeX expression."""
    return convert(latex, display=display)


def _row_html(row: Row, verdicts: bool) -> str:
    cls = f' class="{row.verdict}"' if row.verdict == "wrong" else ""
    lhs = math_html(row.lhs) if row.lhs else ""
    cells = [f'<td class="lhs">{lhs}</td>']
    if row.relation:
        cells.append(f'<td class="rel">{math_html(row.relation)}</td>')
        cells.append(f'<td class="rhs">{math_html(row.rhs)}</td>')
        cells.append(f'<td class="why">{html_text(row.why)}</td>')
        if verdicts:
            title = f' title="{html.escape(row.detail)}"' if row.detail else ""
            cells.append(f'<td class="verdict v-{row.verdict}"{title}><span>{row.verdict}</span></td>')
    return f"<tr{cls}>" + "".join(cells) + "</tr>"


def chain_html(derivation, *, verdicts: bool = True, digits: int | None = None) -> str:
    """The chain as a ``<table class="chain">``, one step a row."""
    body = "\n".join(_row_html(r, verdicts) for r in rows(derivation, digits=digits))
    return f'<table class="chain">\n{body}\n</table>'


def derivation_html(derivation, *, level: int = 3, verdicts: bool = True, digits: int | None = None) -> str:
    """A derivation as a ``<section>``: heading, statement, chain, issues, notes and parts."""
    inherited, digits = digits, digits_of(derivation, digits)
    h = f"h{min(level, 6)}"
    out = [f'<section id="{html.escape(derivation.id)}">',
           f"<{h}>{html_text(derivation.title)}</{h}>"]
    if derivation.statement:
        out.append(f"<p>{html_text(derivation.statement)}</p>")
    if derivation.assumptions:
        out.append(f"<p><em>Assumptions:</em> {html_text(derivation.assumptions)}</p>")
    if derivation.digits is not None and derivation.digits != inherited:  # say it once, not per part
        out.append(f'<p class="meta">Numbers are shown rounded to {derivation.digits} significant digits; '
                   "every computation used exact values.</p>")
    out.append(chain_html(derivation, verdicts=verdicts, digits=digits))
    found = [r for r in issues(rows(derivation, digits=digits)) if r.detail or r.verdict == "wrong"]
    if verdicts and found:
        out.append('<ul class="issues">' + "".join(
            f"<li>Step {r.index} is <strong>{r.verdict}</strong>"
            + (f": {html.escape(r.detail)}" if r.detail else ".") + "</li>" for r in found) + "</ul>")
    if derivation.notes:
        out.append(f"<p><em>Note:</em> {html_text(derivation.notes)}</p>")
    for part in derivation.parts:
        out.append(derivation_html(part, level=level + 1, verdicts=verdicts, digits=digits))
    out.append("</section>")
    return "\n".join(out)


def document_html(sheet, *, plots_dir: str = "plots", verdicts: bool = True) -> str:
    """A complete HTML page for a :class:`derivations.sheet.Sheet`."""
    title = html.escape(sheet.title)
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{title}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<h1>{title}</h1>", f'<p class="meta">{html_text(sheet.intro or conventions_text())}</p>']
    if verdicts:
        legend = " ".join(f'<span class="v-{v}">{v}</span>' for v in VERDICT_COLOURS)
        out.append(f'<p class="meta">Verdicts: {legend}.</p>')
    for section in sheet.sections:
        if not section.items:
            continue
        if len(sheet.sections) > 1:
            out.append(f"<h2>{html_text(section.title)}</h2>")
        for item in section.items:
            out.append(derivation_html(item, level=3, verdicts=verdicts))
    if sheet.plots:
        out.append("<h2>Activation functions and their derivatives</h2>")
        for spec in sheet.plots:
            src = html.escape(f"{plots_dir}/{spec.name}.svg")
            out.append(f'<figure><img src="{src}" alt="{html.escape(spec.title)}">'
                       f"<figcaption>{html.escape(spec.caption)}</figcaption></figure>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


@register_format("html")
class HtmlFormat(Format):
    """HTML with MathML: ``derivation`` gives a ``<section>``, ``document`` a full page."""

    extension = "html"

    def derivation(self, derivation, **options) -> str:
        return derivation_html(derivation, **options)

    def document(self, sheet, **options) -> str:
        return document_html(sheet, **options)
