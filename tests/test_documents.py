"""The document reader: math found in Markdown, LaTeX and notebooks, cut into chains with lines.

Expected chains are written by hand from the input text (the oracle is the
reader of the test, not the code); lines are counted in the input.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from derivations.parse.documents import (
    DocumentError,
    Prose,
    read_document,
    read_text,
)

CORPUS = Path(__file__).parent / "corpus"
SAMPLES = Path("/work/shared/samples")


def chains(src: str, fmt: str = "markdown"):
    """Each chain as a list of (relation, text, line)."""
    return [[(p.relation, p.text, p.line) for p in c.parts] for c in read_text(src, fmt).chains()]


def one(text, line=1):
    return (None, text, line)


# ------------------------------------------------------------------ display, inline, continuation

@pytest.mark.parametrize("src, expected", [
    ("$$a = b$$", [[one("a"), ("=", "b", 1)]]),
    ("$$\na = b\n= c\n$$", [[one("a", 2), ("=", "b", 2), ("=", "c", 3)]]),
    (r"\[ f(x) \approx 2 \]", [[one("f(x)"), ("approx", "2", 1)]]),
    ("$$\\begin{aligned} a &= b \\\\ &= c \\end{aligned}$$", [[one("a"), ("=", "b", 1), ("=", "c", 1)]]),
    ("\\begin{align*}\nx &= 1 + 1 \\\\\n  &= 2\n\\end{align*}", [[one("x", 2), ("=", "1 + 1", 2), ("=", "2", 3)]]),
    ("$$\\begin{equation} y = 2 \\end{equation}$$", [[one("y"), ("=", "2", 1)]]),
    ("\\begin{gather}\na = 1 \\\\\nb = 2\n\\end{gather}", [[one("a", 2), ("=", "1", 2)], [one("b", 3), ("=", "2", 3)]]),
    ("Given $x = 1$ here.", [[one("x"), ("=", "1", 1)]]),
    ("Costs \\$5, and $\\sigma$ is notation.", []),
    ("```\n$$a = b$$\n```\n$$c = d$$", [[one("c", 4), ("=", "d", 4)]]),
    # a block starting with '=' continues the previous chain, even across prose
    ("$$s = 1 + 1$$\n\nsome words\n\n$$= 2$$", [[one("s"), ("=", "1 + 1", 1), ("=", "2", 5)]]),
    # inline '$= ...$' alone continues the display chain
    ("$$a = b$$\n\n $= c$ \n", [[one("a"), ("=", "b", 1), ("=", "c", 3)]]),
    # a display block without relation can be continued
    ("$$\\frac{d}{dx}x^2$$\n$$= 2x$$", [[one("\\frac{d}{dx}x^2"), ("=", "2x", 2)]]),
    # a row that carries on the expression of the previous row
    ("\\begin{align*}\nL &= a \\\\\n&\\quad + b \\\\\n&= c\n\\end{align*}",
     [[one("L", 2), ("=", "a + b", 2), ("=", "c", 4)]]),
])
def test_math_is_found(src, expected):
    assert chains(src) == expected


@pytest.mark.parametrize("src, rels", [
    (r"$$a = b \approx c \simeq d$$", ["=", "approx", "approx"]),
    (r"$$a \le b \leq c < d$$", ["<=", "<=", "<"]),
    (r"$$a \ge b \geq c > d$$", [">=", ">=", ">"]),
    (r"$$a \neq b \ne c$$", ["!=", "!="]),
    (r"$$a := b$$", [":="]),
    (r"$$a <= b >= c$$", ["<=", ">="]),
])
def test_relations(src, rels):
    (c,) = chains(src)
    assert [r for r, _, _ in c[1:]] == rels


@pytest.mark.parametrize("src, parts", [
    (r"$$f(x) = \begin{cases} 1 & x > 0 \\ 0 & x \leq 0 \end{cases}$$",
     ["f(x)", r"\begin{cases} 1 & x > 0 \\ 0 & x \leq 0 \end{cases}"]),
    (r"$$g = \{ a = 1 \}$$", ["g", r"\{ a = 1 \}"]),
    (r"$$\left< x \right> = 2$$", [r"\left< x \right>", "2"]),
    (r"$$h = \frac{a < b}{2}$$", ["h", r"\frac{a < b}{2}"]),
])
def test_nothing_inside_groups_is_split(src, parts):
    (c,) = chains(src)
    assert [t for _, t, _ in c] == parts


# ------------------------------------------------------------------ several statements on a line

@pytest.mark.parametrize("src, expected", [
    (r"$$a = 1 \quad b = 2$$", [["a", "1"], ["b", "2"]]),
    (r"$$a = 1 \qquad b = 2$$", [["a", "1"], ["b", "2"]]),
    (r"$$a = 1; b = 2$$", [["a", "1"], ["b", "2"]]),
    (r"$x_1 = 1, x_2 = 0$", [["x_1", "1"], ["x_2", "0"]]),
    (r"$$w_{j1}, w_{j2} = 1$$", [["w_{j1}", "1"], ["w_{j2}", "1"]]),
    (r"$$\max(0, z) = z$$", [[r"\max(0, z)", "z"]]),
    (r"$$f(x, y) = x, \quad g = 2$$", [["f(x, y)", "x"], ["g", "2"]]),
    (r"$$x = 1, 2, 3$$", [["x", "1, 2, 3"]]),
    (r"$$a = b \quad = c$$", [["a", "b", "c"]]),
    (r"$$A = \begin{bmatrix} 1, 2 \end{bmatrix}$$", [["A", r"\begin{bmatrix} 1, 2 \end{bmatrix}"]]),
    (r"$$a = 1 \Rightarrow b = 2$$", [["a", "1"], ["b", "2"]]),
    (r"$$a = 1 \implies b = 2 \iff c = 3$$", [["a", "1"], ["b", "2"], ["c", "3"]]),
    (r"$$\therefore a = 1$$", [["a", "1"]]),
    (r"$$x = 1 \text{ or } x = -1$$", [["x", "1"], ["x", "-1"]]),
    (r"$$x = 1 \text{and} y = 2$$", [["x", "1"], ["y", "2"]]),
    (r"$$y = f(z) \text{ where } z = 2$$", [["y", "f(z)"], ["z", "2"]]),
    (r"$$a &= 1 & b &= 2$$", [["a", "1"], ["b", "2"]]),
])
def test_statements(src, expected):
    assert [[t for _, t, _ in c] for c in chains(src)] == expected


def test_two_interleaved_columns():
    src = "$$z = a + b \\qquad y = g(z)$$\n$$= 1 + 2 \\qquad = g(3)$$\n$$= 3 \\qquad = 5$$"
    assert chains(src) == [
        [one("z"), ("=", "a + b", 1), ("=", "1 + 2", 2), ("=", "3", 3)],
        [one("y"), ("=", "g(z)", 1), ("=", "g(3)", 2), ("=", "5", 3)],
    ]


def test_condition_after_statement():
    (c,) = read_text(r"$$\text{ReLU}'(z) = 1 \text{ for } z > 0$$").chains()
    assert [p.text for p in c.parts] == [r"\text{ReLU}'(z)", "1"]
    assert c.parts[-1].condition == "z > 0"


# ------------------------------------------------------------------ noise and numbers

@pytest.mark.parametrize("src, parts, tag", [
    (r"$$y = 2 \tag{5}$$", ["y", "2"], "5"),
    (r"$$y = 0.5(1)$$", ["y", "0.5(1)"], None),          # multiplication, not a number
    (r"$$y = 0.5 (1)$$", ["y", "0.5 (1)"], None),        # one space: still math
    (r"$$y = 0.5  (1)$$", ["y", "0.5"], "1"),             # two spaces: equation number
    (r"$$y = 0.5 \quad (1)$$", ["y", "0.5"], "1"),
    (r"$$y = 0.5 \qquad (12)$$", ["y", "0.5"], "12"),
    (r"$$4. L = 2$$", ["L", "2"], None),
    (r"$$5. \sigma(z) = 2$$", [r"\sigma(z)", "2"], None),
    (r"$$4. \quad \sigma(0.5) \approx 0.6225$$", [r"\sigma(0.5)", "0.6225"], None),
    (r"$$(a) L = 2$$", ["L", "2"], None),
    (r"$$a) L = 2$$", ["L", "2"], None),
    (r"$$4.5 = x$$", ["4.5", "x"], None),
    (r"$$\text{let } z = 3$$", ["z", "3"], None),
    (r"$$\text{where } z = 3$$", ["z", "3"], None),
    (r"$$**L = 2**$$", ["L", "2"], None),
    (r"$$- z_1 = 0.5$$", ["z_1", "0.5"], None),
    (r"$$- \frac{\partial L}{\partial y} = t - y$$", [r"- \frac{\partial L}{\partial y}", "t - y"], None),
    (r"$$-x = 2$$", ["-x", "2"], None),
    (r"$$y = 3.$$", ["y", "3"], None),
    (r"$$y = 3,$$", ["y", "3"], None),
    (r"$$\displaystyle y = \frac{1}{2}$$", ["y", r"\frac{1}{2}"], None),
    (r"$$y = 2 \nonumber \label{eq:y}$$", ["y", "2"], None),
    (r"$$y = x \quad \text{(chain rule)}$$", ["y", "x"], None),
    (r"$$\operatorname{ReLU}'(0) = \text{undefined}$$", [r"\operatorname{ReLU}'(0)", r"\text{undefined}"], None),
    (r"$$a &lt; b$$", ["a", "b"], None),
])
def test_cleaning(src, parts, tag):
    (c,) = read_text(src).chains()
    assert [p.text for p in c.parts] == parts
    assert c.tag == tag


def test_block_holding_only_an_equation_number_tags_the_chain_before():
    (c,) = read_text("$$y = 2$$\n\n$$(3)$$").chains()
    assert c.tag == "3" and [p.text for p in c.parts] == ["y", "2"]


def test_duplicated_display_line_is_read_once():
    src = "$$h = \\sigma(1)$$\n\n$$h = \\sigma(1)$$\n\n$$= 0.7311$$"
    assert chains(src) == [[one("h"), ("=", r"\sigma(1)", 1), ("=", "0.7311", 5)]]


def test_repeated_line_after_prose_is_kept_as_its_own_chain():
    src = "$$a = 1$$\n\nagain:\n\n$$a = 1$$"
    assert chains(src) == [[one("a"), ("=", "1", 1)], [one("a", 5), ("=", "1", 5)]]


# ------------------------------------------------------------------ unreadable parts never stop the rest

@pytest.mark.parametrize("src, line, words", [
    ("$$a = b\n\nmore $x = 1$\n\n$$c = d$$", 1, "never closed"),
    ("text\n\\begin{align*}\na &= b\n\n$$c = d$$", 2, "no \\end{align*}"),
    ("\\[ a = b\n\n$$c = d$$", 1, "never closed"),
    ("$$= 3$$\n\n$$c = d$$", 1, "no chain comes before"),
    ("$$a = = b$$\n\n$$c = d$$", 1, "nothing on one side"),
    ("$$\\frac{1}{2 = 3$$\n\n$$c = d$$", 1, "unbalanced"),
])
def test_unreadable_is_reported_and_the_rest_is_read(src, line, words):
    doc = read_text(src)
    (bad,) = doc.unreadable()
    assert bad.line == line and words in bad.reason
    assert ["c", "d"] in [[p.text for p in c.parts] for c in doc.chains()]


def test_prose_is_kept_between_math():
    doc = read_text("# Title\n\nShow that $a = b$.\n\n$$a = b$$\n\nDone.")
    kinds = [type(i).__name__ for i in doc.items]
    assert kinds == ["Prose", "Prose", "Chain", "Chain", "Prose"]
    assert [(i.text, i.line) for i in doc.items if isinstance(i, Prose)] == [
        ("# Title", 1), ("Show that $a = b$.", 3), ("Done.", 7)]


# ------------------------------------------------------------------ LaTeX files

TEX = r"""\documentclass{article}
\usepackage{amsmath} % $p = q$ in a comment
\begin{document}
We show $\tanh(x) = 2\sigma(2x) - 1$. % not $c = d$
\begin{align*}
2\sigma(2x) - 1 &= \frac{2}{1 + e^{-2x}} - 1 \\ % comment
  &= \tanh(x) \label{eq:t}
\end{align*}
\begin{equation}
\sigma(0) = \frac{1}{2}
\end{equation}
\begin{multline}
a = b + c \\
+ d
\end{multline}
The cost is 5\% here, $$u = v$$ and \[ w = 1 \]
\end{document}
$$ignored = 1$$
"""


def test_latex_document():
    assert chains(TEX, "latex") == [
        [one(r"\tanh(x)", 4), ("=", r"2\sigma(2x) - 1", 4)],
        [one(r"2\sigma(2x) - 1", 6), ("=", r"\frac{2}{1 + e^{-2x}} - 1", 6), ("=", r"\tanh(x)", 7)],
        [one(r"\sigma(0)", 10), ("=", r"\frac{1}{2}", 10)],
        [one("a", 13), ("=", "b + c + d", 13)],
        [one("u", 16), ("=", "v", 16)],
        [one("w", 16), ("=", "1", 16)],
    ]


# ------------------------------------------------------------------ notebooks

def _notebook(cells, indent=1):
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=indent)


def _json_line(raw: str, literal: str) -> int:
    """Oracle: the 1-based line of the file where a JSON string literal is written."""
    at = raw.index(json.dumps(literal))
    return raw[:at].count("\n") + 1


def test_notebook_lines_are_lines_of_the_json_file():
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Q1\n", "\n", "$$a = b$$\n", "\n", "$$= c$$"]},
        {"cell_type": "code", "metadata": {}, "source": ["$$x = 1$$\n"], "outputs": [], "execution_count": None},
        {"cell_type": "markdown", "metadata": {}, "source": "$$u = v$$\n\n$$= w$$"},
    ]
    raw = _notebook(cells)
    (c1, c2) = chains(raw, "notebook")
    assert c1 == [one("a", _json_line(raw, "$$a = b$$\n")), ("=", "b", _json_line(raw, "$$a = b$$\n")),
                  ("=", "c", _json_line(raw, "$$= c$$"))]
    single = _json_line(raw, "$$u = v$$\n\n$$= w$$")
    assert c2 == [one("u", single), ("=", "v", single), ("=", "w", single)]


def test_notebook_on_one_line_still_reads():
    raw = _notebook([{"cell_type": "markdown", "metadata": {}, "source": ["$$a = b$$\n", "$$= c$$"]}], indent=None)
    assert [[t for _, t, _ in c] for c in chains(raw, "notebook")] == [["a", "b", "c"]]


@pytest.mark.parametrize("raw, words", [
    ("{not json", "JSON error at line 1"),
    ("[1, 2]", "not an object"),
    ('{"metadata": {}}', "no list of 'cells'"),
])
def test_bad_notebooks(raw, words):
    with pytest.raises(DocumentError, match=words):
        read_text(raw, "notebook")


# ------------------------------------------------------------------ files

def test_unreadable_files(tmp_path):
    binary = tmp_path / "a.md"
    binary.write_bytes(b"$$a = b$$\x00\x01")
    latin = tmp_path / "b.md"
    latin.write_bytes("$$a = b$$\ncaf\u00e9".encode("latin-1"))
    big = tmp_path / "c.md"
    big.write_text("$$a = b$$\n" * 20)
    odd = tmp_path / "d.docx"
    odd.write_text("x")
    with pytest.raises(DocumentError, match="binary"):
        read_document(binary)
    with pytest.raises(DocumentError, match="not UTF-8 text .*line 2"):
        read_document(latin)
    with pytest.raises(DocumentError, match="too large"):
        read_document(big, max_bytes=100)
    with pytest.raises(DocumentError, match="unknown file type"):
        read_document(odd)
    with pytest.raises(DocumentError, match="cannot read"):
        read_document(tmp_path / "missing.md")
    with pytest.raises(DocumentError, match="unknown format"):
        read_text("x", "docx")


def test_crlf_and_bom(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"\xef\xbb\xbfintro\r\n\r\n$$a = b$$\r\n")
    assert [[(p.text, p.line) for p in c.parts] for c in read_document(f).chains()] == [[("a", 3), ("b", 3)]]


# ------------------------------------------------------------------ the two samples

def _sample(name):
    p = SAMPLES / name
    return p if p.exists() else CORPUS / name


def test_softplus_sample():
    doc = read_document(_sample("softplus.md"))
    got = [[(p.relation, p.line) for p in c.parts] for c in doc.chains()]
    assert got == [
        [(None, 7), ("=", 7)],
        [(None, 9), ("=", 9), ("=", 9), ("=", 11), ("=", 11), ("=", 11)],       # line 11 continues line 9
        [(None, 13), ("=", 13)],                                                # the claim, inline
        [(None, 15), ("=", 15), ("=", 17), ("=", 17), ("=", 19), ("=", 21)],    # inline '$= ...$' continues
        [(None, 23), ("=", 23)],                                                # x = 2
        [(None, 23), ("=", 23), ("approx", 23)],
        [(None, 23), ("=", 23), ("approx", 23)],
        [(None, 25), ("approx", 25)],                                           # '4. \quad' dropped
        [(None, 25), ("approx", 25)],
    ]
    assert doc.chains()[1].tag == "2" and doc.chains()[1].parts[-1].text == r"\sigma(x)"
    assert doc.chains()[3].parts[-1].text == r"1 - \sigma(x)"


def test_backprop_sample():
    doc = read_document(_sample("backprop.md"))
    cs = doc.chains()
    givens = [c for c in cs if c.kind == "inline"]
    assert [c.parts[0].text for c in givens] == ["x_1", "x_2", "t", "w_{11}", "w_{12}", "w_{21}", "w_{22}",
                                                 "b_1", "b_2", "v_1", "v_2", "c", "L"]
    display = [[p.text for p in c.parts] for c in cs if c.kind == "display"]
    assert display[0] == ["z_1", "w_{11}x_1 + w_{12}x_2 + b_1", "0.5(1) - 1(0) + 0", "0.5"]
    assert display[1] == ["z_2", "w_{21}x_1 + w_{22}x_2 + b_2", "1 + 0 - 0.5", "0.5"]
    assert [c.parts[0].line for c in cs if c.kind == "display"] == [7, 7, 9, 9, 11, 13, 17, 19, 21, 23, 25]


# ------------------------------------------------------------------ the corpus against the reader

CORPUS_DOCS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt", ".tex", ".ipynb"))


# Corpus documents the reader does not read line for line as their .expected lists them yet (issue 9).
READER_PENDING = {"tex_align_rows"}


def _corpus_params():
    """Corpus documents; those in READER_PENDING are xfail (the list must end empty)."""
    return [pytest.param(p, id=p.name, marks=[pytest.mark.xfail(strict=False, reason="READER_PENDING (issue 9)")]
                         if p.stem in READER_PENDING else []) for p in CORPUS_DOCS]


def _expected(doc: Path):
    rows = []
    for raw in (doc.with_suffix(".expected")).read_text().splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        line, verdicts, why = raw.split("\t")
        rows.append((int(line), verdicts.split(), why))
    return rows


def test_corpus_is_large_and_covers_every_format():
    assert len(CORPUS_DOCS) >= 30
    assert {p.suffix for p in CORPUS_DOCS} == {".md", ".txt", ".tex", ".ipynb"}
    assert all(p.with_suffix(".expected").exists() for p in CORPUS_DOCS)


@pytest.mark.parametrize("path", _corpus_params())
def test_corpus_document_reads_and_matches_its_expected_lines(path):
    doc = read_document(path)
    assert not doc.unreadable(), doc.unreadable()
    rhs: dict[int, int] = {}      # steps whose right-hand side is on a line
    starts: dict[int, int] = {}   # chains whose first link ends on a line (may be definitions)
    for c in doc.chains():
        for i, p in enumerate(c.parts[1:], start=1):
            rhs[p.line] = rhs.get(p.line, 0) + 1
            if i == 1:
                starts[p.line] = starts.get(p.line, 0) + 1
    for line, verdicts, why in _expected(path):
        if verdicts == ["-"] and "duplicate" in why:
            continue   # a block repeated by the conversion is read once: its line has no chain
        assert line in rhs, f"{path.name}:{line}: no relation found on this line ({why})"
        assert set(verdicts) <= {"proved", "verified", "wrong", "follows", "unchecked", "-"}
        if verdicts == ["-"]:
            continue
        # every right-hand side is a step except the first links that are definitions
        assert rhs[line] - starts.get(line, 0) <= len(verdicts) <= rhs[line], (path.name, line)
    expected_lines = {line for line, _, _ in _expected(path)}
    assert set(rhs) <= expected_lines, f"{path.name}: lines with steps but no expectation: {set(rhs) - expected_lines}"
