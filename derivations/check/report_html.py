r"""The checker's report as one HTML page: readable offline, no JavaScript, inline CSS.

Each document is a table of its steps: source line, verdict (a colour per
verdict from :class:`~derivations.vocabulary.Verdict`, class
``verdict-<name>``), the claim as MathML, and under it the notes (detail,
slip, counterexample), whose ``$LaTeX$`` is MathML too (latex2mathml, as
the sheets do).  LaTeX that latex2mathml cannot convert is shown as escaped
text.  Then a summary, and a warning for a document in which nothing could
be checked.

>>> from derivations.check import check_text
>>> page = html_report([check_text("$$x + x = 2x = 3x$$", path="a.md")])
>>> "<math" in page and 'class="verdict-wrong"' in page and "\\frac" not in page
True
"""

from __future__ import annotations

import html
import re

from ..vocabulary import Verdict
from .report_json import REPORTED, counts, reported
from .report_text import nothing_checked, step_notes, summary

__all__ = ["html_report", "mathml", "prose_html", "summary"]

#: claims longer than this are shown as text (latex2mathml is slow and deep on huge input)
MAX_MATHML_CHARS = 2000
MAX_TEXT_CHARS = 4000

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; font-family: monospace; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
td.line { font-family: monospace; color: #666; width: 4em; }
td.verdict { font-weight: bold; width: 7em; }
td.claim > math { font-size: 1.15em; }
.claim-text { font-family: monospace; white-space: pre-wrap; word-break: break-all; }
.note { color: #444; font-size: 0.92em; margin-top: 0.2em; }
.slip { font-style: italic; }
.summary { margin-top: 0.6em; }
.error { color: #b71c1c; font-weight: bold; }
.warning { font-weight: bold; }
""" + "".join(
    f"tr.verdict-{v.value} td.verdict, span.verdict-{v.value} {{ color: color-mix(in srgb, {v.colour} 70%, black); }}\n"
    f"tr.verdict-{v.value} {{ background: color-mix(in srgb, {v.colour} 10%, white); }}\n"
    for v in REPORTED) + "tr.verdict-wrong td.verdict { text-transform: uppercase; }\n"


def mathml(latex: str) -> str:
    """MathML for ``latex``, or the escaped text when it is too long or latex2mathml fails."""
    if len(latex) <= MAX_MATHML_CHARS:
        try:
            from latex2mathml.converter import convert

            out = convert(latex)
            if out.startswith("<math") and "<mi>&amp;</mi>" not in out:
                return out
        except Exception:  # latex2mathml raises many kinds (and RecursionError) on input it does not know
            pass
    shown = latex if len(latex) <= MAX_TEXT_CHARS else latex[:MAX_TEXT_CHARS] + " …"
    return f'<span class="claim-text">{html.escape(shown)}</span>'


_MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$", re.S)


def prose_html(text: str) -> str:
    """Prose with ``$LaTeX$`` as HTML: the text escaped, the math as MathML."""
    out, last = [], 0
    for m in _MATH.finditer(text):
        out.append(html.escape(text[last:m.start()].replace(r"\$", "$"), quote=False))
        out.append(mathml(m.group(1)))
        last = m.end()
    out.append(html.escape(text[last:].replace(r"\$", "$"), quote=False))
    return "".join(out)


def _verdict_cell(step) -> str:
    v = reported(step.verdict)
    follows = getattr(step, "follows", None)
    label = f"follows line {follows}" if v is Verdict.FOLLOWS and follows is not None else v.value
    return f'<td class="verdict">{html.escape(label)}</td>'


def _step_row(step) -> str:
    v = reported(step.verdict)
    notes = "".join(f'<div class="note{" slip" if kind == "slip" else ""}">{prose_html(text)}</div>'
                    for kind, text in step_notes(step))
    return (f'<tr class="verdict-{v.value}"><td class="line">{step.line}</td>{_verdict_cell(step)}'
            f'<td class="claim">{mathml(step.claim)}{notes}</td></tr>')


def _badges(counted: dict) -> str:
    return ", ".join(f'<span class="verdict-{v}">{n} {v}</span>' for v, n in counted.items() if n)


def _file_section(report) -> str:
    rows = "\n".join(_step_row(s) for s in report.steps)
    first = report.first_wrong_line
    tail = f'; <span class="error">first wrong step on line {first}</span>' if first is not None else ""
    warning = nothing_checked(report)
    warning_html = f'<p class="warning verdict-unchecked">{html.escape(warning)}</p>' if warning else ""
    table = (f"<table><thead><tr><th>line</th><th>verdict</th><th>step</th></tr></thead>\n"
             f"<tbody>\n{rows}\n</tbody></table>\n") if report.steps else ""
    return (f"<section><h2>{html.escape(report.path)}</h2>\n{table}"
            f'<p class="summary">{len(report.steps)} steps: {_badges(counts(report)) or "none"}{tail}</p>'
            f"{warning_html}</section>")


def _unreadable_section(item: dict) -> str:
    return (f"<section><h2>{html.escape(str(item.get('path', '')))}</h2>"
            f'<p class="error">cannot be read: {html.escape(str(item.get("error", "")))}</p></section>')


def html_report(reports, unreadable=(), *, title: str = "Derivation check") -> str:
    """One self-contained HTML page for the reports (and files that could not be read)."""
    total = {v.value: 0 for v in REPORTED}
    for r in reports:
        for v, n in counts(r).items():
            total[v] += n
    body = "\n".join([_file_section(r) for r in reports] + [_unreadable_section(u) for u in unreadable])
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style></head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n"
            f"<p>{len(reports)} document(s), {sum(total.values())} steps: {_badges(total) or 'none'}"
            f"{f'; {len(unreadable)} unreadable' if unreadable else ''}</p>\n"
            f"{body}\n</body></html>\n")
