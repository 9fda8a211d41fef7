"""The two lower layers on their own: the expression lexer's tokens and the block splitter.

Tables of input -> expected tokens or statements, written by hand from LaTeX's rules
and the notation of SCOPE.md.
"""

from __future__ import annotations

import pytest

from derivations.parse.doc_split import split_block
from derivations.parse.doc_tokens import join_text
from derivations.parse.doc_tokens import tokenize as doc_tokenize
from derivations.parse.latex_lexer import tokenize
from derivations.parse.latex_scan import brace_end
from derivations.vocabulary import Relation


def kinds(text, **kw):
    return [(t.kind, t.value) for t in tokenize(text, **kw)][:-1]


@pytest.mark.parametrize("text, expected", [
    ("xy", [("letter", "x"), ("letter", "y")]),
    ("net_{h1}", [("letter", "net"), ("_", None), ("{", None), ("letter", "h"), ("num", "1"), ("}", None)]),
    ("netx", [("letter", "netx")]),                       # four letters: a word
    ("abc", [("letter", "a"), ("letter", "b"), ("letter", "c")]),
    ("abc_1", [("letter", "abc"), ("_", None), ("num", "1")]),
    ("w_ab", [("letter", "w"), ("_", None), ("letter", "a"), ("letter", "b")]),   # one-letter script
    ("ReLU", [("func", "relu")]),
    ("sech", [("func", "sech")]),
    ("then", [("text", "then")]),
    ("if", [("kw", "if")]),
    (r"\text{falls}", [("kw", "if")]),
    (r"\text{sonst}", [("kw", "otherwise")]),
    (r"\text{net}", [("name", "net")]),
    (r"\text{chain rule}", [("text", "chain rule")]),
    (r"\mathrm{d}", [("letter", "d")]),
    (r"\odot", [("odot", None)]),
    (r"\|", [("norm", None)]),
    (r"\lVert \rVert", [("open", "norm"), ("close", "norm")]),
    (r"\left\| \right\|", [("open", "norm"), ("close", "norm")]),
    ("’", [("'", None)]),
    ("″", [("'", None), ("'", None)]),
    (r"\approxeq", [("rel", Relation.APPROX)]),
    (":=", [("rel", Relation.DEFINE)]),
    ("≈", [("rel", Relation.APPROX)]),
    (r"\overset{!}{=}", [("rel", Relation.DEFINE)]),
    (r"\underset{x}{y}", [("{", None), ("letter", "y"), ("}", None)]),
    (r"\textcolor{red}{x}", [("{", None), ("letter", "x"), ("}", None)]),
    (r"\blacksquare", []),
    (r"\boxed{x}", [("cmd", "boxed"), ("{", None), ("letter", "x"), ("}", None)]),
])
def test_tokens(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text, glued", [("z1", [False, True]), ("z 1", [False, False]),
                                         (r"\alpha2", [False, True]), ("2x", [False, False])])
def test_glued_digits(text, glued):
    assert [t.glued for t in tokenize(text)][:-1] == glued


def test_names_option_makes_a_word_one_token():
    assert kinds("net", names={"net"}) == [("letter", "net")]
    assert kinds("net") == [("letter", "n"), ("letter", "e"), ("letter", "t")]


def test_number_tokens_keep_what_was_written():
    (tok,) = tokenize("1.000,5", decimal_mark=",")[:-1]
    assert (tok.value, tok.number.digits, tok.number.comma, tok.pos, tok.end) == ("1000.5", "1000.5", True, 0, 7)
    (sci,) = tokenize("9.5e-7")[:-1]
    assert (sci.value, sci.number.exponent) == ("9.5", -7)


@pytest.mark.parametrize("text, start, end, expected", [
    ("{a}", 0, None, 3), ("{a{b}c}x", 0, None, 7), (r"{a\}b}", 0, None, 6), ("{a", 0, None, -1),
    ("{abc}", 0, 3, -1), ("x{a}", 0, None, -1), ("x{a}", 1, None, 4),
])
def test_one_brace_scanner(text, start, end, expected):
    assert brace_end(text, start, end) == expected


def test_both_readers_use_the_same_scanner():
    # a group the document tokenizer keeps whole ends exactly where the lexer's does
    src = r"\text{a {b} c}"
    (group,) = [t for t in doc_tokenize(src, 0, len(src)) if t.kind != "ws"]
    assert group.end == brace_end(src, 5) == len(src)


def statements(text):
    rows = split_block(text, 0, len(text))
    return [[(s.rels, [join_text(p) for p in s.parts]) for s in r.stmts] for r in rows]


@pytest.mark.parametrize("text, expected", [
    (r"a = b", [[([Relation.EQ], ["a", "b"])]]),
    (r"a \approxeq b", [[([Relation.APPROX], ["a", "b"])]]),
    (r"a ≤ b", [[([Relation.LE], ["a", "b"])]]),
    (r"a := b", [[([Relation.DEFINE], ["a", "b"])]]),
    (r"a =: b", [[([Relation.DEFINE], ["a", "b"])]]),
    (r"a \overset{!}{=} b", [[([Relation.DEFINE], ["a", "b"])]]),
    (r"\begin{aligned} L &= \\ & x \end{aligned}", [[([Relation.EQ], ["L", "x"])]]),
    (r"\boxed{a = b}", [[([Relation.EQ], ["a", "b"])]]),
    (r"a = 0,5, \quad b = 1", [[([Relation.EQ], ["a", "0,5"]), ([Relation.EQ], ["b", "1"])]]),
    (r"x \sim \mathcal{N}(0, 1)", [[([], [r"x \sim \mathcal{N}(0, 1)"])]]),
])
def test_splitter(text, expected):
    assert statements(text) == expected


def test_splitter_declarations_and_conditions():
    (row,) = split_block(r"W \in \mathbb{R}^{4 \times 3}, \quad z = Wx", 0, 40)
    decl, chain = row.stmts
    assert decl.declaration and not decl.rels and chain.rels == [Relation.EQ]
    (row,) = split_block(r"\forall x: f(x) = 1", 0, 19)
    assert row.stmts[0].condition == "x"
    (row,) = split_block(r"\begin{tabular}{c} a = b \end{tabular}", 0, 38)
    assert "tabular" in row.error
