"""The document reader on the layout of real documents (SCOPE.md, "Documents that come in").

Expected chains are written by hand from the input text; lines are counted in it.
"""

from __future__ import annotations

import pytest

from derivations.parse.documents import read_text
from derivations.vocabulary import Relation


def chains(src: str, fmt: str = "markdown"):
    """Each chain as a list of (relation, text, line)."""
    return [[(p.relation, p.text, p.line) for p in c.parts] for c in read_text(src, fmt).chains()]


def texts(src: str, fmt: str = "markdown"):
    return [[p.text for p in c.parts] for c in read_text(src, fmt).chains()]


def one(text, line=1):
    return (None, text, line)


EQ, APPROX, DEFINE = Relation.EQ, Relation.APPROX, Relation.DEFINE


# ------------------------------------------------------------------ relations: one vocabulary
@pytest.mark.parametrize("src, rels", [
    (r"$$0.5 \approxeq 0.5$$", [APPROX]),
    (r"$$a \fallingdotseq b$$", [APPROX]),
    ("$$a ≈ b ≤ c ≥ d ≠ e$$", [APPROX, Relation.LE, Relation.GE, Relation.NE]),
    (r"$$W_1 := W_1 - \eta g$$", [DEFINE]),
    (r"$$a \coloneqq b$$", [DEFINE]),
    (r"$$a \triangleq b$$", [DEFINE]),
    (r"$$a =: b$$", [DEFINE]),
    (r"$$a \stackrel{\text{def}}{=} b$$", [DEFINE]),
    (r"$$f'(x) \overset{!}{=} 0$$", [DEFINE]),               # imposed, not claimed
    (r"$$a \overset{\text{(chain rule)}}{=} b$$", [EQ]),
    (r"$$y \sim 0.5$$", [APPROX]),
])
def test_every_relation_spelling_makes_a_step(src, rels):
    (c,) = chains(src)
    assert [r for r, _, _ in c[1:]] == rels
    assert all(isinstance(r, Relation) for r, _, _ in c[1:])


def test_sim_before_a_distribution_is_not_a_relation():
    # x ~ N(0, 1) says how x is distributed: no step
    (c,) = read_text(r"$$x \sim \mathcal{N}(0, 1)$$").chains()
    assert len(c.parts) == 1


# ------------------------------------------------------------------ environments and rows
@pytest.mark.parametrize("src, expected", [
    ("\\begin{eqnarray}\na &=& b + 1 \\\\\n &=& c\n\\end{eqnarray}",
     [[one("a", 2), (EQ, "b + 1", 2), (EQ, "c", 3)]]),
    ("\\begin{eqnarray*}\nE &=& \\frac{1}{2}(t - y)^2 \\nonumber \\\\\n &=& 0.5\n\\end{eqnarray*}",
     [[one("E", 2), (EQ, r"\frac{1}{2}(t - y)^2", 2), (EQ, "0.5", 3)]]),
    # an align row that ends in &= has its right side on the next row
    ("\\begin{align*}\nL &= \\\\\n &\\frac{1}{2}(t - y)^2 \\\\\n &= 0.5\n\\end{align*}",
     [[one("L", 2), (EQ, r"\frac{1}{2}(t - y)^2", 3), (EQ, "0.5", 4)]]),
    ("$$\\begin{aligned} L &= \\\\ & a + b \\end{aligned}$$", [[one("L"), (EQ, "a + b", 1)]]),
    ("\\begin{align}\n\\frac{\\partial E}{\\partial w} &\\approx \\\\\n& 0.25\n\\end{align}",
     [[one(r"\frac{\partial E}{\partial w}", 2), (APPROX, "0.25", 3)]]),
    # a $$ block with a blank line inside
    ("$$\na = b\n\n= c\n$$", [[one("a", 2), (EQ, "b", 2), (EQ, "c", 4)]]),
    ("$$\n\\begin{aligned}\nz &= 1 + 1 \\\\\n\n&= 2\n\\end{aligned}\n$$",
     [[one("z", 3), (EQ, "1 + 1", 3), (EQ, "2", 5)]]),
    # kramdown
    ("We get \\\\[ x = 1 + 1 \\\\] and \\\\( y = 2 \\\\) here.",
     [[one("x"), (EQ, "1 + 1", 1)], [one("y"), (EQ, "2", 1)]]),
    ("\\\\[\n\\sigma(0) = \\frac{1}{2}\n\\\\]", [[one(r"\sigma(0)", 2), (EQ, r"\frac{1}{2}", 2)]]),
    # IEEEeqnarray
    ("\\begin{IEEEeqnarray}{rCl}\na & = & b \\\\\n & = & c\n\\end{IEEEeqnarray}",
     [[one("a", 2), (EQ, "b", 2), (EQ, "c", 3)]]),
    # a bare cases block in Markdown is math
    ("\\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}",
     [[one(r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}")]]),
])
def test_environments_and_rows(src, expected):
    assert chains(src) == expected


def test_latex_eqnarray_and_align_rows():
    src = ("\\documentclass{article}\n\\begin{document}\n\\begin{eqnarray}\n"
           "\\sigma'(x) &=& \\frac{e^{-x}}{(1 + e^{-x})^2} \\\\\n &=& \\sigma(x)(1 - \\sigma(x))\n"
           "\\end{eqnarray}\n\\end{document}\n")
    assert chains(src, "latex") == [[one(r"\sigma'(x)", 4), (EQ, r"\frac{e^{-x}}{(1 + e^{-x})^2}", 4),
                                     (EQ, r"\sigma(x)(1 - \sigma(x))", 5)]]


# ------------------------------------------------------------------ Markdown around the math
@pytest.mark.parametrize("src, expected", [
    # a blockquote marker is never "greater than"
    ("> We have\n> $$\n> z = 2 + 1\n> $$", [[one("z", 3), (EQ, "2 + 1", 3)]]),
    ("> $$a = b$$\n>\n> $$= c$$", [[one("a"), (EQ, "b", 1), (EQ, "c", 3)]]),
    ("> > nested $x = 1$", [[one("x"), (EQ, "1", 1)]]),
    ("> quoted: $a > 0$", [[one("a"), (Relation.GT, "0", 1)]]),
    # a '>' inside a display opened outside a quote is math
    ("$$\nz\n> 0\n$$", [[one("z", 2), (Relation.GT, "0", 3)]]),
    # headings and bold
    ("## 1. $\\sigma'(0) = 0.25$", [[one(r"\sigma'(0)"), (EQ, "0.25", 1)]]),
    ("**Answer:** $$y = 2$$", [[one("y"), (EQ, "2", 1)]]),
    ("$$**y = 2**$$", [[one("y"), (EQ, "2", 1)]]),
])
def test_markdown_around_the_math(src, expected):
    assert chains(src) == expected


def test_a_bullet_dash_that_slipped_into_the_math():
    (c,) = read_text("- $-e^{z_A} = e^7$").chains()
    first = c.parts[0]
    assert first.text == "e^{z_A}" and first.variants == ("-e^{z_A}",)
    # a list item whose math has no leading dash is untouched
    (d,) = read_text("- $e^{z_A} = e^7$").chains()
    assert d.parts[0].text == "e^{z_A}" and d.parts[0].variants == ()
    # a minus with a space after it is a minus sign in the math
    (e,) = read_text("- $- x = 1$").chains()
    assert e.parts[0].variants == ()
    # no bullet: the minus is the student's
    (f,) = read_text("So $-e^{z_A} = -e^7$.").chains()
    assert f.parts[0].text == "-e^{z_A}" and f.parts[0].variants == ()


@pytest.mark.parametrize("src, expected", [
    (r"$$\boxed{\sigma'(x) = \sigma(x)(1 - \sigma(x))}$$", [[r"\sigma'(x)", r"\sigma(x)(1 - \sigma(x))"]]),
    (r"$$\textcolor{red}{a = b}$$", [["a", "b"]]),
    (r"$${\color{red} a = b}$$", [["a", "b"]]),
    (r"$$a = \underbrace{b + c}_{\text{both}} = d$$", [["a", "b + c", "d"]]),
    (r"$$\blacksquare$$", [[]]),
    (r"$$x = 1 \quad \blacksquare$$", [["x", "1"]]),
])
def test_decorations_are_looked_through(src, expected):
    got = texts(src)
    assert got == [e for e in expected if e]


@pytest.mark.parametrize("src, expected", [
    (r"$$h^{(1)} = \text{ReLU}(a^{(1)}), \quad a^{(1)} = w x$$",
     [["h^{(1)}", r"\text{ReLU}(a^{(1)})"], ["a^{(1)}", "w x"]]),
    (r"$$y = f(z) \text{ wobei } z = 2$$", [["y", "f(z)"], ["z", "2"]]),
    (r"$$a = 1 \text{ und } b = 2$$", [["a", "1"], ["b", "2"]]),
    (r"$$a = 1 \text{ donc } b = 2$$", [["a", "1"], ["b", "2"]]),
    (r"$$w = 0,5 \quad b = 1$$", [["w", "0,5"], ["b", "1"]]),       # a decimal comma is no separator
    (r"$$x_1 = 1, x_2 = 0$$", [["x_1", "1"], ["x_2", "0"]]),
])
def test_statements_on_one_line(src, expected):
    assert texts(src) == expected


def test_conditions():
    (c,) = read_text(r"$$\forall x \in \mathbb{R}: \sigma(-x) = 1 - \sigma(x)$$").chains()
    assert [p.text for p in c.parts] == [r"\sigma(-x)", r"1 - \sigma(x)"]
    assert c.parts[-1].condition == r"x \in \mathbb{R}"
    (d,) = read_text(r"$$\sigma(-x) = 1 - \sigma(x) \quad \forall x$$").chains()
    assert d.parts[-1].condition == "x"
    (e,) = read_text(r"$$f(x) = 1 \text{ falls } x > 0$$").chains()
    assert e.parts[-1].condition == "x > 0"


# ------------------------------------------------------------------ declarations
def test_declarations_are_items():
    doc = read_text("Let $x \\in \\mathbb{R}^n$ and $y \\in \\{0, 1\\}$.\n\n"
                    "$$W^{[1]} \\in \\mathbb{R}^{4 \\times 3}, \\quad z = W^{[1]} x$$\n")
    decls = doc.declarations()
    assert [(d.text, d.line, d.kind) for d in decls] == [
        (r"x \in \mathbb{R}^n", 1, "inline"), (r"y \in \{0, 1\}", 1, "inline"),
        (r"W^{[1]} \in \mathbb{R}^{4 \times 3}", 3, "display")]
    assert decls[2].annotation.shape == (4, 3) and decls[1].annotation.domain == "binary"
    assert texts("$$W \\in \\mathbb{R}^{4 \\times 3}, \\quad z = Wx$$") == [["z", "Wx"]]


def test_an_unreadable_membership_is_reported():
    doc = read_text(r"$$x \in S_{\text{odd}} + 1$$")
    (bad,) = doc.unreadable()
    assert "\\in" in bad.reason


# ------------------------------------------------------------------ honest silence
@pytest.mark.parametrize("src, line, words", [
    ("$x = 1 and more", 1, "never closed"),
    ("text $\\sigma(x) is here", 1, "never closed"),
    ("\\\\[ a = b\n\n$$c = d$$", 1, "never closed"),
    ("$$\\begin{tabular}{c} a = b \\end{tabular}$$\n\n$$c = d$$", 1, "tabular"),
])
def test_what_cannot_be_read_is_reported(src, line, words):
    doc = read_text(src)
    bad = doc.unreadable()
    assert len(bad) == 1, bad
    assert bad[0].line == line and words in bad[0].reason, bad[0]
    assert ["c", "d"] in texts(src) or "c = d" not in src


@pytest.mark.parametrize("src, line", [
    ("net_h1 = w1*i1 + w2*i2 + b1 = 0.3775\n\n$$c = d$$", 1),
    ("Intro.\n\nWe know that σ(0) = 0.5.\n\n$$c = d$$", 3),
    ("= 0.5 \\cdot 2", 1),
])
def test_math_without_delimiters_is_reported(src, line):
    doc = read_text(src)
    (item,) = doc.undelimited()
    assert item.line == line and "outside" in item.reason


@pytest.mark.parametrize("src", [
    "Costs $5 and $10 today.",              # dollars, not math
    "The price is $5.",
    "See https://example.org/?a=b for more.",
    "Title\n=====",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "A comment column: $$a = b \\quad \\text{(chain rule)}$$",
])
def test_no_false_reports(src):
    doc = read_text(src)
    assert doc.unreadable() == [] and doc.undelimited() == []


# ------------------------------------------------------------------ what the document says about its notation
@pytest.mark.parametrize("src, language, mark", [
    ("We see that $\\sigma(0) = 0.5$ and then the value is $w = 0.25$.", "en", "."),
    ("Wir sehen, dass $\\sigma(0) = 0,5$ ist und die Ableitung ist $0,25$.", "de", ","),
    ("Wir sehen, dass $\\sigma(0) = 0.5$ ist und die Ableitung ist $0.25$.", "de", "."),
    ("Wir sehen, dass die Summe $100.480$ ist und der Wert $2$ für die Aufgabe.", "de", None),
    ("Wir sehen, dass $\\sigma(0) = 0{,}5$ ist und $w = 0.25$ mit der Rate.", "de", None),  # both
    ("On a $\\sigma(0) = 0,5$ et donc la dérivée est $0,25$ pour le cas.", "fr", ","),
    ("Tenemos $x = 0,5$ y entonces el valor es $0,25$ para la red.", "es", ","),
    ("The values are $\\max(0,1) = 1$ and $f(2) = 3$ so the answer is clear.", "en", "."),
    ("$$x = 2$$", None, "."),
])
def test_language_and_decimal_mark(src, language, mark):
    context = read_text(src).context
    assert (context.language, context.decimal_mark) == (language, mark)


def test_names_and_variables_of_the_document():
    doc = read_text("$$net_{h1} = w_1 i_1 + b_1$$ and $$\\text{out}_{o1} = \\sigma(net_{o1})$$ "
                    "and $$dW^{[1]} = dZ^{[1]} X^T$$ and $$ax_1 = 2$$")
    assert doc.context.names == frozenset({"net", "out", "dW", "dZ"})
    assert read_text("The error $e$ is defined as $e = t - y$.").context.variables == {"e"}
    assert read_text("where $e$ denotes the error").context.variables == {"e"}
    assert read_text("Here $e$ is Euler's number and $e^0 = 1$.").context.variables == frozenset()
    assert read_text("$$e \\approx 2.718$$").context.variables == frozenset()
    options = doc.context.parse_options()
    assert set(options) == {"decimal_mark", "names", "variables"}


def test_a_german_sheet_reads_with_its_decimal_comma():
    from derivations.parse import parse_expression

    doc = read_text("Gegeben ist die Eingabe mit dem Gewicht. Wir rechnen die Summe und die Aktivierung:\n\n"
                    "$$net = 0,5 \\cdot 2 + 0,1 = 1,1$$\n\n$$\\sigma(1,1) \\approx 0,75$$\n")
    assert doc.context.decimal_mark == ","
    values = [parse_expression(p.text, **doc.context.parse_options()) for c in doc.chains() for p in c.parts[1:]]
    from sympy import Rational

    from derivations.functions import sigmoid
    assert values == [Rational(11, 10), Rational(11, 10), Rational(3, 4)]
    assert parse_expression(doc.chains()[1].parts[0].text, **doc.context.parse_options()) == sigmoid(Rational(11, 10))


def test_item_types():
    doc = read_text("x\n\n$x \\in \\mathbb{R}$\n\n$$a = b$$\n\n$$= $$")
    assert [type(i).__name__ for i in doc.items] == ["Prose", "Prose", "Declaration", "Chain", "Unreadable"]
    odd = read_text("x = 2 + 1 is what we get")
    assert [type(i).__name__ for i in odd.items] == ["Prose", "UndelimitedMath"]
