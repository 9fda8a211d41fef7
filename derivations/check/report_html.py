"""The checker's report as one HTML page: readable offline, no JavaScript, inline CSS.

Each document is a table of its steps: source line, verdict (a colour per
verdict, class ``verdict-<name>``), the claim as MathML (from its LaTeX with
latex2mathml; escaped text when that fails) and the diagnosis; then a summary.

>>> from derivations.check import check_text
>>> page = html_report([check_text("$$x + x = 2x = 3x$$", path="a.md")])
>>> "<math" in page and 'class="verdict-wrong"' in page
True
"""

from __future__ import annotations

import html

from .report_text import VERDICTS, step_notes, summary

#: claims longer than this are shown as text (latex2mathml is slow and deep on huge input)
MAX_MATHML_CHARS = 2000
MAX_TEXT_CHARS = 4000

COLOURS = {"proved": ("#1b5e20", "#e8f5e9"), "verified": ("#006064", "#e0f7fa"),
           "wrong": ("#b71c1c", "#ffebee"), "unchecked": ("#8d6e00", "#fff8e1")}

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; font-family: monospace; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
td.line { font-family: monospace; color: #666; width: 4em; }
td.verdict { font-weight: bold; width: 6em; }
.claim-text { font-family: monospace; white-space: pre-wrap; word-break: break-all; }
.note { color: #444; font-size: 0.92em; }
.slip { font-style: italic; }
.summary { margin-top: 0.6em; }
.error { color: #b71c1c; font-weight: bold; }
""" + "".join(f"tr.verdict-{v} td.verdict, span.verdict-{v} {{ color: {fg}; }}\n"
               f"tr.verdict-{v} {{ background: {bg}; }}\n" for v, (fg, bg) in COLOURS.items()) \
    + "tr.verdict-wrong td.verdict { text-transform: uppercase; }\n"


def mathml(latex: str) -> str:
    """MathML for ``latex``, or the escaped text when it is too long or latex2mathml fails."""
    if len(latex) <= MAX_MATHML_CHARS:
        try:
            from latex2mathml.converter import convert

            out = convert(latex)
            if out.startswith("<math"):
                return out
        except Exception:  # latex2mathml raises many kinds (and RecursionError) on input it does not know
            pass
    shown = latex if len(latex) <= MAX_TEXT_CHARS else latex[:MAX_TEXT_CHARS] + " …"
    return f'<span class="claim-text">{html.escape(shown)}</span>'


def _step_row(step) -> str:
    v = step.verdict if step.verdict in VERDICTS else "unchecked"
    notes = "".join(
        f'<div class="note{" slip" if n.startswith("likely slip") else ""}">{html.escape(n)}</div>'
        for n in step_notes(step))
    return (f'<tr class="verdict-{v}"><td class="line">{step.line}</td>'
            f'<td class="verdict">{html.escape(step.verdict)}</td>'
            f'<td class="claim">{mathml(step.claim)}{notes}</td></tr>')


def _file_section(report) -> str:
    counts = report.counts()
    rows = "\n".join(_step_row(s) for s in report.steps)
    badges = ", ".join(f'<span class="verdict-{v}">{n} {v}</span>' for v, n in counts.items() if n)
    first = report.first_wrong_line
    tail = f'; <span class="error">first wrong step on line {first}</span>' if first is not None else ""
    return (f"<section><h2>{html.escape(report.path)}</h2>\n"
            f"<table><thead><tr><th>line</th><th>verdict</th><th>step</th></tr></thead>\n"
            f"<tbody>\n{rows}\n</tbody></table>\n"
            f'<p class="summary">{len(report.steps)} steps: {badges or "none"}{tail}</p></section>')


def _unreadable_section(item: dict) -> str:
    return (f"<section><h2>{html.escape(str(item.get('path', '')))}</h2>"
            f'<p class="error">cannot be read: {html.escape(str(item.get("error", "")))}</p></section>')


def html_report(reports, unreadable=(), *, title: str = "Derivation check") -> str:
    """One self-contained HTML page for the reports (and files that could not be read)."""
    total = {v: 0 for v in VERDICTS}
    for r in reports:
        for v, n in r.counts().items():
            total[v] = total.get(v, 0) + n
    overall = ", ".join(f'<span class="verdict-{v}">{n} {v}</span>' for v, n in total.items() if n)
    body = "\n".join([_file_section(r) for r in reports] + [_unreadable_section(u) for u in unreadable])
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style></head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n"
            f"<p>{len(reports)} document(s), {sum(total.values())} steps: {overall or 'none'}"
            f"{f'; {len(unreadable)} unreadable' if unreadable else ''}</p>\n"
            f"{body}\n</body></html>\n")


__all__ = ["html_report", "mathml", "summary"]
