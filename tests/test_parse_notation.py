"""Notation of real documents (SCOPE.md, "Notation found in real documents") read as people mean it.

Every expected value is built by hand with SymPy's constructors from what the notation
means to a reader of a course on neural networks, never by the parser under test.
"""

from __future__ import annotations

import pytest
from sympy import (
    Abs,
    Derivative,
    Dummy,
    E,
    Function,
    ImmutableMatrix,
    Integer,
    KroneckerDelta,
    Max,
    Piecewise,
    Rational,
    Subs,
    Symbol,
    cosh,
    coth,
    exp,
    sech,
    sinh,
    sqrt,
    tanh,
)

from derivations.functions import relu, sigmoid
from derivations.parse import ParseError, parse_expression, parse_relation_chain
from derivations.parse.latex import FunctionHead, function_head
from derivations.parse.latex_operators import diag, hadamard, norm
from derivations.vocabulary import Relation


def R(name):
    return Symbol(name, real=True)


def NC(name):
    return Symbol(name, commutative=False)


def at(fn, arg, order=1):
    d = Dummy("t")
    return Subs(Derivative(fn(d), (d, order)), d, arg)


x, y, z, w, s, t, b, u = (R(n) for n in "xyzwstbu")
NET_H1, OUT_O1 = R(r"\mathrm{net}_{h1}"), R(r"\mathrm{out}_{o1}")


def parsed(text, **options):
    return parse_expression(text, **options)


# ---------------------------------------------------------------- names
@pytest.mark.parametrize("text, expected", [
    ("net_{h1}", NET_H1),
    (r"\text{net}_{h1}", NET_H1),                  # the same name, however it is written
    (r"\mathrm{net}_{h1}", NET_H1),
    (r"\operatorname{net}_{h1}", NET_H1),
    ("out_{o1}", OUT_O1),
    (r"\mathrm{out}_{o1}", OUT_O1),
    ("out_h1", R(r"\mathrm{out}_{h1}")),           # the index h1 written without braces
    ("target_{o1}", R(r"\mathrm{target}_{o1}")),
    ("E_{total}", R("E_{total}")),
    ("E_{o1}", R("E_{o1}")),
    (r"\text{CE}", R(r"\mathrm{CE}")),
    (r"\mathrm{MSE}", R(r"\mathrm{MSE}")),
    (r"\mathcal{L}", R(r"\mathcal{L}")),
    ("target", R(r"\mathrm{target}")),             # four letters or more: one word
    ("output", R(r"\mathrm{output}")),
    ("z1", R("z_{1}")),                            # digits right after a letter: its index
    ("h1", R("h_{1}")),
    ("y2", R("y_{2}")),
    (r"\hat{y1}", R(r"\hat{y}_{1}")),
    (r"\hat y1", R(r"\hat{y}_{1}")),
    (r"\alpha2", R(r"\alpha_{2}")),
    ("out1", R(r"\mathrm{out}_{1}")),
])
def test_names_of_real_documents(text, expected):
    assert parsed(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("xy", x * y),                                  # two letters stay a product
    ("ab", R("a") * R("b")),
    ("xy_1", x * R("y_{1}")),
    ("2xyz", 2 * x * y * z),
    ("ax^2 + bx + c", R("a") * x ** 2 + R("b") * x + R("c")),
    ("w_ix_i", R("w_{i}") * R("x_{i}")),           # a script is one letter, as in LaTeX
    ("x_12", R("x_{1}") * 2),
    ("z1^2", R("z_{1}") ** 2),
    ("x_1x_2", R("x_{1}") * R("x_{2}")),
    (r"\frac{d}{dx} x^2", Derivative(x ** 2, x)),  # d stays a differential
])
def test_letters_that_stay_letters(text, expected):
    assert parsed(text) == expected


def test_words_the_document_names_are_names_everywhere():
    # 'net' has three letters and no index here: a name only when the document says so
    assert parsed("net") == R("n") * E * R("t")
    assert parsed("net", names={"net"}) == R(r"\mathrm{net}")
    assert parsed(r"\frac{1}{1 + e^{-net}}", names={"net"}) == 1 / (1 + exp(-R(r"\mathrm{net}")))
    assert parsed(r"\frac{dE}{dnet}", names={"net"}) == Derivative(R("E"), R(r"\mathrm{net}"))


@pytest.mark.parametrize("text, expected", [
    ("out_{o1}(1 - out_{o1})", OUT_O1 * (1 - OUT_O1)),
    (r"\text{net}_{h1} \cdot 2", 2 * NET_H1),
    (r"\frac{1}{1 + e^{-\text{net}_{h1}}}", 1 / (1 + exp(-NET_H1))),
    (r"\frac{\partial E_{total}}{\partial out_{o1}}", Derivative(R("E_{total}"), OUT_O1)),
    (r"\frac{\partial net_{o1}}{\partial w_5}", Derivative(R(r"\mathrm{net}_{o1}"), R("w_{5}"))),
    (r"\frac{1}{2}(target_{o1} - out_{o1})^2", (R(r"\mathrm{target}_{o1}") - OUT_O1) ** 2 / 2),
    (r"w_1 i_1 + w_2 i_2", R("w_{1}") * R("i_{1}") + R("w_{2}") * R("i_{2}")),
])
def test_names_inside_formulas(text, expected):
    assert parsed(text) == expected


@pytest.mark.parametrize("text", ["x then y", r"x \text{ gives } y", "thus x"])
def test_prose_words_are_prose(text):
    with pytest.raises(ParseError) as info:
        parsed(text)
    assert info.value.kind == "prose"


def test_e_is_a_variable_when_the_caller_says_so():
    assert parsed("e^2", variables={"e"}) == R("e") ** 2
    assert parsed("e^2") == exp(2)
    assert parsed("target") == R(r"\mathrm{target}")   # an e inside a word is never Euler's


# ---------------------------------------------------------------- functions
@pytest.mark.parametrize("text, expected", [
    (r"\cosh(x)", cosh(x)),
    (r"\sinh x", sinh(x)),
    (r"\frac{\sinh x}{\cosh x}", sinh(x) / cosh(x)),
    (r"\coth(x)", coth(x)),
    (r"\operatorname{sech}^2(x)", sech(x) ** 2),
    (r"\text{sech}^2\left(\frac{x}{2}\right)", sech(x / 2) ** 2),
    (r"\operatorname{diag}(s)", diag(s)),
    (r"\operatorname{diag}\left(\begin{bmatrix} 1 \\ 2 \end{bmatrix}\right)",
     ImmutableMatrix([[1, 0], [0, 2]])),
    (r"\boxed{x + 1}", x + 1),
    (r"\boxed{\sigma(x)}", sigmoid(x)),
    (r"\underbrace{x + 1}_{\text{inner}} \cdot 2", 2 * (x + 1)),
    (r"\overbrace{a + b}^{n}", R("a") + R("b")),
    (r"\textcolor{red}{x} + 1", x + 1),
    (r"{\color{blue} x} + 1", x + 1),
    (r"\cancel{x} y", x * y),
    (r"x \blacksquare", x),
    (r"x \quad \square", x),
    (r"x \qed", x),
    (r"s’(x)", at(Function("s"), x)),             # a typographic apostrophe is a prime
    (r"f′(x)", at(Function("f"), x)),
    (r"f″(x)", at(Function("f"), x, 2)),
    (r"\text{ReLU}’(0)", at(relu, 0)),
    (r"\phi(u)", Function(r"\phi")(u)),            # Greek function letters
    (r"\varphi(x)", Function(r"\varphi")(x)),
    (r"\psi(x)", Function(r"\psi")(x)),
    (r"\phi(1 - \phi)", R(r"\phi") * (1 - R(r"\phi"))),
    (r"g(z)", Function("g")(z)),
    ("loss(y)", Function("loss")(y)),             # a word before '(' is a function
    (r"\text{CE}(y, p)", Function("CE")(y, R("p"))),
    (r"\mathcal{L}(y, \hat{y})", Function(r"\mathcal{L}")(y, R(r"\hat{y}"))),  # two arguments: a call
    (r"L(w, b)", Function("L")(w, b)),
    (r"L(\theta)", R("L") * R(r"\theta")),         # one argument, no definition: a product
])
def test_functions_of_real_documents(text, expected):
    assert parsed(text) == expected


@pytest.mark.parametrize("text, expected", [
    (r"\nabla_W L", Derivative(R("L"), NC("W"))),
    (r"\nabla_{W^{[1]}} J", Derivative(R("J"), NC("W^{[1]}"))),
    (r"\nabla_\theta J", Derivative(R("J"), R(r"\theta"))),
    (r"\partial_z L", Derivative(R("L"), z)),
])
def test_gradients_are_derivatives(text, expected):
    assert parsed(text) == expected


@pytest.mark.parametrize("text", [r"\int_0^1 x \, dx", r"\oint f", r"\lim_{x \to 0} x", r"f \circ g",
                                  r"\nabla L", r"x \otimes y"])
def test_unsupported_notation_is_a_clear_error(text):
    with pytest.raises(ParseError) as info:
        parsed(text)
    assert info.value.kind == "unsupported"


# ---------------------------------------------------------------- vectors and matrices
@pytest.mark.parametrize("text, expected", [
    (r"\mathbf{x}", NC(r"\mathbf{x}")),
    (r"\boldsymbol\theta", NC(r"\mathbf{\theta}")),
    (r"\boldsymbol{\theta}", NC(r"\mathbf{\theta}")),
    (r"\bm{x}", NC(r"\mathbf{x}")),
    (r"\vec{w}", NC(r"\vec{w}")),
    (r"\mathbf{x}_i", NC(r"\mathbf{x}_{i}")),
    (r"\mathbf{1}", NC(r"\mathbf{1}")),
    (r"x^\top", NC("x^{T}")),
    (r"x^{\top}", NC("x^{T}")),
    (r"x^{\intercal}", NC("x^{T}")),
    (r"\mathbf{W}\mathbf{x} + \mathbf{b}", NC(r"\mathbf{W}") * NC(r"\mathbf{x}") + NC(r"\mathbf{b}")),
    (r"\bm{\theta}^T\bm{x}", NC(r"\mathbf{\theta}^{T}") * NC(r"\mathbf{x}")),
])
def test_bold_arrowed_and_transposed_letters_are_vectors(text, expected):
    assert parsed(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a letter with a transpose anywhere, inside a transposed product, or right after a
    # transposed factor is a vector or matrix throughout
    ("(AB)^T", NC("B^{T}") * NC("A^{T}")),
    ("w^T x", NC("w^{T}") * NC("x")),
    (r"w^T \cdot x", NC("w^{T}") * NC("x")),
    ("x^T A x", NC("x^{T}") * NC("A") * NC("x")),
    ("(Wx + b)^T", NC("x^{T}") * NC("W^{T}") + NC("b^{T}")),
    (r"s s^T", NC("s") * NC("s^{T}")),
    (r"\operatorname{diag}(s) - s s^T", diag(NC("s")) - NC("s") * NC("s^{T}")),
    (r"\eta W^T", R(r"\eta") * NC("W^{T}")),        # a Greek letter stays a scalar
])
def test_transposition_is_evidence_of_vectors(text, expected):
    assert parsed(text) == expected


def test_transposition_evidence_is_shared_by_a_chain():
    chain = parse_relation_chain("(AB)^T = B^T A^T")
    assert chain.parts[0] == chain.parts[1] == NC("B^{T}") * NC("A^{T}")
    wrong = parse_relation_chain("(AB)^T = A^T B^T")
    assert wrong.parts[0] != wrong.parts[1]
    inner = parse_relation_chain("w^T x = x^T w")
    assert inner.parts == [NC("w^{T}") * NC("x"), NC("x^{T}") * NC("w")]


@pytest.mark.parametrize("text, expected", [
    (r"a \odot b", hadamard(NC("a"), NC("b"))),
    (r"\sigma'(z) \odot \delta", hadamard(at(sigmoid, NC("z")), R(r"\delta"))),
    (r"\begin{bmatrix} 1 \\ 2 \end{bmatrix} \odot \begin{bmatrix} 3 \\ 4 \end{bmatrix}", ImmutableMatrix([3, 8])),
    (r"\|x\|", norm(NC("x"))),
    (r"\lVert x \rVert", norm(NC("x"))),
    (r"\left\| x \right\|", norm(NC("x"))),
    (r"\|x\|_2", norm(NC("x"))),
    (r"\|x\|^2", norm(NC("x")) ** 2),
    (r"\|x - y\|_2^2", norm(NC("x") - NC("y")) ** 2),
    (r"\|x\|_1", norm(NC("x"), 1)),
    (r"\lambda \|W\|_F^2", R(r"\lambda") * norm(NC("W")) ** 2),
    (r"\left\| \begin{bmatrix} 3 \\ 4 \end{bmatrix} \right\|", Integer(5)),
    ("\u2016x\u2016", norm(NC("x"))),
])
def test_elementwise_products_and_norms(text, expected):
    assert parsed(text) == expected


def test_hadamard_commutes_and_computes():
    a, c = NC("a"), NC("c")
    assert hadamard(a, c) == hadamard(c, a)
    assert hadamard(2, a) == 2 * a
    m1, m2 = ImmutableMatrix([[1, 2], [3, 4]]), ImmutableMatrix([[5, 6], [7, 8]])
    # oracle: the entries multiplied one by one
    assert hadamard(m1, m2) == ImmutableMatrix([[5, 12], [21, 32]])
    with pytest.raises(ValueError):
        hadamard(m1, ImmutableMatrix([1, 2]))
    assert norm(ImmutableMatrix([1, -2, 2]), 1) == 5 and norm(ImmutableMatrix([1, -2, 2])) == 3
    assert norm(x) == Abs(x)


# ---------------------------------------------------------------- numbers
@pytest.mark.parametrize("text, mark, expected", [
    (r"4.5 \times 10^{-5}", ".", Rational(45, 10 ** 6)),
    (r"1.2 \cdot 10^{3}", ".", Integer(1200)),
    ("9.5e-7", ".", Rational(95, 10 ** 8)),
    ("1e-5", ".", Rational(1, 10 ** 5)),
    ("1.0E+3", ".", Integer(1000)),
    ("2.5e3", ".", Integer(2500)),
    (r"88\%", ".", Rational(88, 100)),
    ("0{,}8", ".", Rational(4, 5)),             # '{,}' with one digit after: only a decimal comma
    ("0{,}8", ",", Rational(4, 5)),
    ("0,8", ",", Rational(4, 5)),
    ("0,25", ",", Rational(1, 4)),
    ("1.000,5", ",", Rational(2001, 2)),
    ("1.000,5", None, Rational(2001, 2)),       # both marks: the number says its convention
    ("1,000.5", None, Rational(2001, 2)),
    ("100.480", ",", Integer(100480)),
    ("100.480", ".", Rational(100480, 1000)),
    ("0.480", None, Rational(48, 100)),         # no thousands group starts with a lone 0
    ("1{,}000", ".", Integer(1000)),
    ("1{,}000", ",", Integer(1)),
    ("12{,}345{,}678", ".", Integer(12345678)),
    ("1.000.000", ",", Integer(10 ** 6)),
    ("0.5", ",", Rational(1, 2)),                # a decimal point in a decimal-comma document
    (r"\sigma(0,8)", ",", sigmoid(Rational(4, 5))),  # sigma takes one argument
    (r"\max(0,8)", ".", Integer(8)),
    (r"\max(0, 8)", ",", Integer(8)),            # a space: two arguments
])
def test_numbers_as_written(text, mark, expected):
    assert parsed(text, decimal_mark=mark) == expected


@pytest.mark.parametrize("text, mark", [
    ("100.480", None), ("1{,}000", None), ("0,8", None), (r"\max(0,8)", ","), ("f(0,5)", ","),
    ("2e-1", "."), ("3e2", "."), ("9.5e-7x", "."),
])
def test_numbers_with_two_readings_are_refused(text, mark):
    with pytest.raises(ParseError) as info:
        parsed(text, decimal_mark=mark)
    assert info.value.kind == "ambiguous"


def test_scientific_notation_respects_e_as_a_variable():
    with pytest.raises(ParseError) as info:
        parsed("9.5e-7", variables={"e"})
    assert info.value.kind == "ambiguous"


def test_decimal_mark_is_validated():
    with pytest.raises(ValueError):
        parsed("1", decimal_mark=";")
    with pytest.raises(TypeError):
        parsed("1", names="net")


# ---------------------------------------------------------------- relations
@pytest.mark.parametrize("text, relations", [
    (r"0.5 \approxeq 0.5", [Relation.APPROX]),
    (r"a \coloneqq b", [Relation.DEFINE]),
    (r"a \triangleq b", [Relation.DEFINE]),
    ("a := b", [Relation.DEFINE]),
    ("a =: b", [Relation.DEFINE]),
    (r"a \stackrel{\text{def}}{=} b", [Relation.DEFINE]),
    (r"a \overset{!}{=} b", [Relation.DEFINE]),
    (r"a \overset{\text{chain rule}}{=} b", [Relation.EQ]),
    (r"a \equiv b", [Relation.EQ]),
    (r"a \leqslant b \geqq c", [Relation.LE, Relation.GE]),
    ("a ≤ b ≠ c", [Relation.LE, Relation.NE]),
    ("a ≔ b", [Relation.DEFINE]),
])
def test_relations_come_from_the_vocabulary(text, relations):
    chain = parse_relation_chain(text)
    assert chain.relations == relations
    assert all(isinstance(r, Relation) for r in chain.relations)


def test_an_update_is_a_definition_not_a_step():
    chain = parse_relation_chain(r"W_1 := W_1 - \eta g")
    assert chain.relations == [Relation.DEFINE] and not Relation.DEFINE.checked


# ---------------------------------------------------------------- function definitions
@pytest.mark.parametrize("text, name, params", [
    (r"\phi(u) = u^2", r"\phi", ("u",)),
    (r"\psi(x) = x", r"\psi", ("x",)),
    (r"f_k(x) = \frac{1}{2k}\ln(1 + e^{-2kx})", "f_{k}", ("x",)),
    (r"g^{[1]}(z) = z", "g^{[1]}", ("z",)),
    (r"s(x) = \ln(1 + e^x)", "s", ("x",)),
    (r"loss(y, p) = -y \ln p", "loss", ("y", "p")),
    (r"L(w, b) := w + b", "L", ("w", "b")),
])
def test_heads_define_functions(text, name, params):
    chain = parse_relation_chain(text)
    assert chain.defined == name
    head = function_head(chain.sources[0])
    assert head == FunctionHead(name, params)


def test_indexed_function_definition_applies():
    chain = parse_relation_chain(r"f_k(x) = k x")
    assert chain.parts[0] == Function("f_{k}")(x)


@pytest.mark.parametrize("text", [r"y(1 - y)", r"\sigma(x)", r"f'(x)", "e(x)", "x", r"h(1)", "f(x) + 1"])
def test_not_heads(text):
    assert function_head(text) is None


def test_heads_respect_variables():
    assert function_head("s(x)", variables={"s"}) is None
    assert parse_relation_chain("s(x) = 2", variables={"s"}).defined is None


# ---------------------------------------------------------------- sums and misc from real notes
@pytest.mark.parametrize("text, expected", [
    (r"\max(0.01z, z)", Max(z / 100, z)),
    (r"\sqrt{\|x\|}", sqrt(norm(NC("x")))),
    (r"\tanh(x) \cdot \cosh(x)", tanh(x) * cosh(x)),
])
def test_mixed(text, expected):
    assert parsed(text) == expected


# ---------------------------------------------------------------- indicators
k = R("k")


@pytest.mark.parametrize("text, expected", [
    (r"\mathbb{1}(k = y)", KroneckerDelta(k, y)),
    (r"\mathbf{1}\{y = k\}", KroneckerDelta(y, k)),
    (r"1\{k = y\}", KroneckerDelta(k, y)),
    (r"\mathbb{1}_{k = y}", KroneckerDelta(k, y)),
    (r"\mathbb{I}[k \neq y]", 1 - KroneckerDelta(k, y)),
    (r"\mathbb{1}(x > 0)", Piecewise((Integer(1), x > 0), (Integer(0), True))),
    (r"p_k - \mathbb{1}(k = y)", R("p_{k}") - KroneckerDelta(k, y)),
])
def test_indicators(text, expected):
    assert parsed(text) == expected


@pytest.mark.parametrize("text, expected", [
    (r"1(k + y)", k + y),                    # a plain 1 before a bracket is a factor
    (r"\mathbb{1}", None),                  # a bare blackboard 1 is no indicator
    (r"1\{k + y\}", k + y),
])
def test_ones_that_are_not_indicators(text, expected):
    try:
        value = parsed(text)
    except ParseError:
        value = None
    assert value == expected


@pytest.mark.parametrize("text, name", [
    (r"w^{\text{new}}", r"w^{\text{new}}"),
    (r"w^{new}", r"w^{\text{new}}"),
    (r"w_5^{\mathrm{neu}}", r"w_{5}^{\text{neu}}"),
    (r"w^{old}_1", r"w_{1}^{\text{old}}"),
])
def test_a_word_as_superscript_labels_the_name(text, name):
    assert parsed(text) == R(name)


def test_letters_as_superscript_are_still_a_power():
    a, b = R("a"), R("b")
    assert parsed("x^{ab}") == x ** (a * b)


@pytest.mark.parametrize("text, name", [
    (r"z^l_j", r"z_{j}^{l}"),           # Nielsen's layer index before a unit's
    (r"a^{l-1}_k", r"a_{k}^{l-1}"),
    (r"a^{L-1}", r"a^{L-1}"),          # a layer letter: a layer, even without a subscript
    (r"\delta^L_j", r"\delta_{j}^{L}"),
])
def test_layer_superscripts_in_nielsens_notation(text, name):
    assert parsed(text) == R(name)


def test_l_on_other_letters_is_a_power():
    assert parsed("x^l") == x ** R("l")
