"""Documents written in the styles of real course notes, blog posts and homework solutions.

The documents are our own, written the way public material is (a step-by-step backprop
blog post, a German exercise sheet with decimal commas, a softmax derivation in
``split``, a LaTeX homework with ``eqnarray``, a converted PDF, a kramdown post, French
notes).  What each must read to is written by hand from the text.
"""

from __future__ import annotations

import json

from sympy import Rational

from derivations.functions import sigmoid
from derivations.parse import parse_expression
from derivations.parse.documents import read_text
from derivations.vocabulary import Relation


def table(doc):
    return [[(p.relation, p.text, p.line) for p in c.parts] for c in doc.chains()]


def read_all(doc):
    """Every part parsed with the document's own context; any ParseError is a test failure."""
    opts = doc.context.parse_options()
    return [[parse_expression(p.text, **opts) for p in c.parts] for c in doc.chains()]


EQ, APPROX = Relation.EQ, Relation.APPROX

BLOG = r"""# A worked backpropagation example

The total net input for $h_1$ is computed first:

\\[ \text{net}_{h1} = w_1 \cdot i_1 + w_2 \cdot i_2 + b_1 \cdot 1 \\]

\\[ \text{net}_{h1} = 0.15 \cdot 0.05 + 0.2 \cdot 0.1 + 0.35 \cdot 1 = 0.3775 \\]

Then we squash it with the logistic function:

\\[ \text{out}_{h1} = \frac{1}{1+e^{-\text{net}_{h1}}} = \frac{1}{1+e^{-0.3775}} = 0.593269992 \\]

The error of the first output is

$$
E_{o1} = \frac{1}{2}(target_{o1} - out_{o1})^{2} = \frac{1}{2}(0.01 - 0.75136507)^{2} = 0.274811083
$$

and by the chain rule

$$\frac{\partial E_{total}}{\partial w_5} = \frac{\partial E_{total}}{\partial out_{o1}} \cdot \frac{\partial out_{o1}}{\partial net_{o1}} \cdot \frac{\partial net_{o1}}{\partial w_5}$$
"""


def test_a_blog_post_with_word_names():
    doc = read_text(BLOG)
    assert doc.unreadable() == []
    assert doc.context.names >= {"net", "out", "target"}
    got = table(doc)
    assert got[0] == [(None, r"\text{net}_{h1}", 5), (EQ, r"w_1 \cdot i_1 + w_2 \cdot i_2 + b_1 \cdot 1", 5)]
    assert [t for _, t, _ in got[1]] == [r"\text{net}_{h1}", r"0.15 \cdot 0.05 + 0.2 \cdot 0.1 + 0.35 \cdot 1",
                                         "0.3775"]
    assert [line for _, _, line in got[3]] == [16, 16, 16, 16]
    values = read_all(doc)
    net = values[0][0]
    assert net.is_Symbol and net.name == r"\mathrm{net}_{h1}"           # one name, not n·e·t
    assert values[1][0] == net and values[1][1] == Rational(3775, 10000)  # 0.0075 + 0.02 + 0.35
    assert values[2][1].free_symbols == {net}
    chain_rule = values[4]
    assert len(chain_rule) == 2 and all(d.is_Derivative for d in chain_rule[1].args)


GERMAN = r"""## Aufgabe 2: Vorwärtsdurchlauf

Gegeben sind die Gewichte $w_1 = 0{,}5$ und $w_2 = -1{,}5$ sowie die Eingaben $x_1 = 2$ und $x_2 = 1$.
Wir berechnen die Netzeingabe und die Aktivierung des Neurons:

$$z = w_1 x_1 + w_2 x_2 = 0{,}5 \cdot 2 + (-1{,}5) \cdot 1 = -0{,}5$$

$$a = \sigma(z) = \frac{1}{1 + e^{0{,}5}} \approx 0{,}3775$$

Die Ableitung der ReLU ist
$$\text{ReLU}'(z) = \begin{cases} 1 & \text{falls } z > 0 \\ 0 & \text{sonst} \end{cases}$$

> Hinweis: Für $z = 0$ ist die Ableitung nicht definiert.
"""


def test_a_german_exercise_sheet_with_decimal_commas():
    doc = read_text(GERMAN)
    assert (doc.context.language, doc.context.decimal_mark) == ("de", ",")
    assert doc.unreadable() == []
    values = read_all(doc)
    givens = values[:4]
    assert givens == [[parse_expression("w_1"), Rational(1, 2)], [parse_expression("w_2"), Rational(-3, 2)],
                      [parse_expression("x_1"), 2], [parse_expression("x_2"), 1]]
    z_chain = values[4]
    assert z_chain[2] == Rational(1, 2) * 2 + Rational(-3, 2) and z_chain[3] == Rational(-1, 2)
    a_chain = values[5]
    assert a_chain[2] == 1 / (1 + parse_expression("e^{0.5}"))
    assert a_chain[3] == Rational(3775, 10000)
    relu_prime = values[6][1]
    assert relu_prime.subs(parse_expression("z"), 2) == 1 and relu_prime.subs(parse_expression("z"), -2) == 0
    # the blockquote's inline math is a given for one sentence, found with its line
    assert table(doc)[-1] == [(None, "z", 13), (EQ, "0", 13)]


SOFTMAX = r"""For one example the loss is $L = -\sum_k y_k \log p_k$ with $p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}$.

\begin{equation}
\begin{split}
\frac{\partial L}{\partial z_i} &= -\sum_k y_k \frac{\partial \log p_k}{\partial z_i} \\
&= -\sum_k y_k (\delta_{ik} - p_i) \\
&= p_i \sum_k y_k - y_i \\
&= p_i - y_i
\end{split}
\end{equation}
since $\sum_k y_k = 1$ for a one-hot $y$. $\blacksquare$
"""


def test_a_softmax_derivation_in_split():
    doc = read_text(SOFTMAX)
    assert doc.unreadable() == []
    got = table(doc)
    assert [t for _, t, _ in got[0]] == ["L", r"-\sum_k y_k \log p_k"]
    derivation = got[2]
    assert [line for _, _, line in derivation] == [5, 5, 6, 7, 8]
    assert derivation[-1] == (EQ, "p_i - y_i", 8)
    assert got[3] == [(None, r"\sum_k y_k", 11), (EQ, "1", 11)]


HOMEWORK = r"""\documentclass{article}
\usepackage{amsmath}
\begin{document}
\section*{Problem 1}
Show that $\tanh(x) = 2\sigma(2x) - 1$.
\begin{eqnarray*}
2\sigma(2x) - 1 &=& \frac{2}{1 + e^{-2x}} - 1 \\
&=& \frac{1 - e^{-2x}}{1 + e^{-2x}} \\
&=& \tanh(x) \qquad \blacksquare
\end{eqnarray*}
\section*{Problem 2}
With $W^{[1]} \in \mathbb{R}^{4 \times 3}$ and $x \in \mathbb{R}^{3}$:
\begin{align}
z^{[1]} &= W^{[1]} x + b^{[1]} \\
\boxed{a^{[1]} = \sigma(z^{[1]})}
\end{align}
\end{document}
"""


def test_a_latex_homework():
    doc = read_text(HOMEWORK, "latex")
    assert doc.unreadable() == []
    got = table(doc)
    assert got[0] == [(None, r"\tanh(x)", 5), (EQ, r"2\sigma(2x) - 1", 5)]
    assert got[1] == [(None, r"2\sigma(2x) - 1", 7), (EQ, r"\frac{2}{1 + e^{-2x}} - 1", 7),
                      (EQ, r"\frac{1 - e^{-2x}}{1 + e^{-2x}}", 8), (EQ, r"\tanh(x)", 9)]
    assert [(d.annotation.names, d.annotation.shape, d.line) for d in doc.declarations()] == [
        (("W^{[1]}",), (4, 3), 12), (("x",), (3,), 12)]
    assert got[2] == [(None, "z^{[1]}", 14), (EQ, "W^{[1]} x + b^{[1]}", 14)]
    assert got[3] == [(None, "a^{[1]}", 15), (EQ, r"\sigma(z^{[1]})", 15)]


CONVERTED = r"""**Question 3.** Softmax with logits $z_A = 7, z_B = 1$.

- $-e^{z_A} = e^7$
- $e^{z_B} = e^1$

$$4. p_A = \frac{e^7}{e^7 + e^1} \approx 0.9975$$

$$(1)$$

> Note: the probabilities sum to 1, so $p_B \approx 0.0025$.

L = -log(p_A) = 0.0025
"""


def test_a_converted_pdf():
    doc = read_text(CONVERTED)
    got = table(doc)
    assert got[0] == [(None, "z_A", 1), (EQ, "7", 1)] and got[1] == [(None, "z_B", 1), (EQ, "1", 1)]
    bullet = doc.chains()[2].parts[0]
    assert (bullet.text, bullet.variants) == ("e^{z_A}", ("-e^{z_A}",))        # the bullet is no minus
    assert got[4] == [(None, "p_A", 6), (EQ, r"\frac{e^7}{e^7 + e^1}", 6), (APPROX, "0.9975", 6)]
    assert doc.chains()[4].tag == "1"
    assert got[5] == [(None, "p_B", 10), (APPROX, "0.0025", 10)]
    (bad,) = doc.undelimited()                                              # math with no delimiters
    assert bad.line == 12 and "outside" in bad.reason and doc.unreadable() == []


FRENCH = r"""On considère un neurone avec $w = 0,5$ et $b = 0,1$. Pour l'entrée $x = 2$ on a donc

$$z = w x + b = 0,5 \cdot 2 + 0,1 = 1,1$$

et la dérivée de la sigmoïde est $\sigma'(z) = \sigma(z)(1 - \sigma(z))$ pour tout $z$.
"""


def test_french_notes():
    doc = read_text(FRENCH)
    assert (doc.context.language, doc.context.decimal_mark) == ("fr", ",")
    values = read_all(doc)
    assert values[0][1] == Rational(1, 2) and values[1][1] == Rational(1, 10)
    assert values[3][-1] == Rational(11, 10) and values[3][2] == Rational(11, 10)


def test_a_notebook_cell_with_a_blank_line_inside_the_math():
    cell = {"cell_type": "markdown", "metadata": {},
            "source": ["### Sigmoid at 0.5\n", "$$\n", "\\sigma(0.5) = \\frac{1}{1 + e^{-0.5}}\n", "\n",
                       "\\approx 0.6225\n", "$$\n"]}
    raw = json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)
    doc = read_text(raw, "notebook")
    (chain,) = doc.chains()
    assert [(p.relation, p.text) for p in chain.parts] == [
        (None, r"\sigma(0.5)"), (EQ, r"\frac{1}{1 + e^{-0.5}}"), (APPROX, "0.6225")]
    assert parse_expression(chain.parts[0].text) == sigmoid(Rational(1, 2))


KRAMDOWN = r"""---
layout: post
title: Vanishing gradients
---

The derivative of the sigmoid is bounded: $$\sigma'(x) \le \frac{1}{4}$$ for every $$x$$, so

\\[ \prod_{l=1}^{n} \sigma'(z_l) \le 4^{-n} \\]

and with $$n = 10$$ layers the product is at most $$4^{-10} \approx 9.5 \times 10^{-7}$$.
"""


def test_a_kramdown_post():
    doc = read_text(KRAMDOWN)
    got = table(doc)
    assert got[0] == [(None, r"\sigma'(x)", 6), (Relation.LE, r"\frac{1}{4}", 6)]
    assert got[1] == [(None, r"\prod_{l=1}^{n} \sigma'(z_l)", 8), (Relation.LE, "4^{-n}", 8)]
    assert got[-1] == [(None, "4^{-10}", 10), (APPROX, r"9.5 \times 10^{-7}", 10)]
    assert doc.unreadable() == []
