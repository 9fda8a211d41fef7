"""The survey of a document's names: each kind from its evidence (a table of document -> kinds)."""

from __future__ import annotations

import pytest

from derivations.check.names import survey
from derivations.parse.documents import read_text


def names_of(text: str):
    return survey(read_text(text))


@pytest.mark.parametrize("text, counts", [
    (r"$$\sum_{i=1}^{n} i = \frac{n(n+1)}{2}$$", {"i", "n"}),
    (r"$$\prod_{k=1}^{K} a_k \le 1$$", {"k", "K"}),
    (r"Let $n \in \mathbb{N}$.", {"n"}),
    (r"$$x^2 = 4$$", set()),
])
def test_counts(text, counts):
    assert names_of(text).counts >= counts
    if not counts:
        assert not names_of(text).counts


@pytest.mark.parametrize("text, arrays", [
    (r"$$(AB)^T = B^T A^T$$", {"A", "B"}),
    (r"$$w^T x = x^T w$$", {"w", "x"}),
    (r"$$\mathbf{x} + \mathbf{y} = \mathbf{y} + \mathbf{x}$$", {r"\mathbf{x}", r"\mathbf{y}"}),
    (r"$$A(B + C) = AB + AC$$", {"A", "B", "C"}),
    (r"Let $W^{[1]} \in \mathbb{R}^{4 \times 3}$.", {"W^{[1]}"}),
    (r"$$M = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}$$", {"M"}),
    (r"$$h = a \odot b$$", {"a", "b"}),
])
def test_arrays(text, arrays):
    assert names_of(text).arrays >= arrays


def test_scalars_stay_scalars():
    n = names_of(r"$$\frac{\partial L}{\partial W} = \delta x^T$$" "\n\n" r"$$2x + 3 = 7$$")
    assert "L" not in n.arrays and "\\delta" not in n.arrays


@pytest.mark.parametrize("text, name, deps", [
    (r"$$\frac{\partial J}{\partial w} = \frac{\partial J}{\partial h}\frac{\partial h}{\partial w}$$", "J", ("h",)),
    (r"$$\frac{\partial J}{\partial w} = \frac{\partial J}{\partial h}\frac{\partial h}{\partial w}$$", "h", ("w",)),
    (r"$$\frac{dL}{dw} = \frac{dL}{da}\frac{da}{dz}\frac{dz}{dw}$$", "L", ("a",)),
    (r"$$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial a}\frac{\partial a}{\partial w}"
     r" + \frac{\partial L}{\partial b}\frac{\partial b}{\partial w}$$", "L", ("a", "b")),
    (r"$$\frac{\partial L}{\partial w} = 3$$", "L", ("w",)),
])
def test_dependencies_read_the_chain(text, name, deps):
    assert names_of(text).dependencies(name) == deps


def test_circular_dependencies_are_noticed():
    n = names_of(r"$$\frac{\partial a}{\partial b} = \frac{\partial b}{\partial a}$$")
    assert n.circular("a") and n.circular("b")


@pytest.mark.parametrize("text, loss", [
    (r"$$\bar{L} = 1$$" "\n\n" r"$$\bar{y} = \bar{L}(y - t)$$", "L"),
    (r"$$\bar{y} = \frac{\partial \mathcal{E}}{\partial y}$$", r"\mathcal{E}"),
    (r"$$\bar{z}_2 = 3$$", None),
])
def test_bar_notation(text, loss):
    assert names_of(text).adjoint_loss == loss


@pytest.mark.parametrize("text, name", [
    (r"$$f(x) = x^2$$", "f"),
    (r"$$\phi(u) = u^2 + 1$$", r"\phi"),
    (r"$$f_k(x) = kx$$", "f_{k}"),
])
def test_function_heads_are_functions(text, name):
    assert name in names_of(text).functions


def test_declarations_give_kinds_and_shapes():
    n = names_of(r"Let $W^{[1]} \in \mathbb{R}^{4 \times 3}$, $x \in \mathbb{R}^{3}$ and $n \in \mathbb{N}$.")
    assert n.shapes["W^{[1]}"] == (4, 3) and n.shapes["x"] == (3, 1)
    assert {"W^{[1]}", "x"} <= n.arrays and "n" in n.counts


def test_families_unify_written_indices():
    from sympy import Indexed

    n = names_of(r"$$\sum_k e^{z_k} = 1$$")
    assert "z" in n.indexed
    from derivations.parse.latex import parse_expression

    assert isinstance(n.normalise(parse_expression("z_1")), Indexed)
    assert isinstance(n.normalise(parse_expression("z_j")), Indexed)
    assert not isinstance(n.normalise(parse_expression("z_A")), Indexed)


@pytest.mark.parametrize("text, count", [
    # \sum_j without bounds runs over the entries the document's other sums run over
    (r"$$p_k = \frac{e^{s_k}}{\sum_{j=1}^{K} e^{s_j}}$$" "\n\n" r"$$\sum_j p_j = 1$$", "K"),
    # n written by the author: the default n is the author's
    (r"$$\sum_{j=1}^{K} p_j = 1$$" "\n\n" r"$$\sum_j x_j = n$$", None),
    # two different bounds: no single reading
    (r"$$\sum_{j=1}^{K} p_j = 1$$" "\n\n" r"$$\sum_{i=1}^{M} q_i = 1$$", None),
])
def test_unbounded_sums_run_as_far_as_the_documents_sums(text, count):
    assert names_of(text).sum_count == count


def test_a_letter_indexing_a_family_is_an_index():
    n = names_of(r"$$L = -\log p_y$$" "\n\n" r"$$\sum_k p_k = 1$$")
    assert "y" in n.counts
    assert "y" not in names_of(r"$$L = -\log p_y$$" "\n\n" r"$$y = 2$$").counts
