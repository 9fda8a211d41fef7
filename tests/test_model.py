"""The document model, end to end: what each name is decides the verdict (issue 9's cases).

Each case is a small document and the verdicts of its steps, in order; the
expected verdicts were decided by hand (the mathematics, not the checker).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from derivations.check import check_text


def verdicts(text: str) -> list[str]:
    return [s.verdict for s in check_text(text).steps]


CASES = {
    # a value stated for one example binds only its sentence
    "example value": (r"""$$\sigma(z) = \frac{1}{1 + e^{-z}}$$

The maximum of $\sigma'$ is at $z = 0$.

$$\sigma'(z) = \frac{1}{4}$$

$$\sigma'(z) = \sigma(z)(1 - \sigma(z))$$
""", ["proved", "wrong", "proved"]),
    # a global given binds what follows
    "given": ("Given $x = 2$.\n\n$$x^2 + 1 = 5$$\n", ["proved"]),
    # a table of activations defines f anew on every row
    "redefinition by rows": (r"""| activation | derivative |
|---|---|
| $f(x) = \sigma(x)$ | $f'(x) = f(x)(1 - f(x))$ |
| $f(x) = \tanh(x)$ | $f'(x) = 1 - f(x)^2$ |
| $f(x) = \tanh(x)$ | $f'(x) = f(x)(1 - f(x))$ |
""", ["proved", "proved", "wrong"]),
    # a name defined in an earlier section may be defined anew
    "sections": (r"""# Problem 1

Let $u = x^2$.

$$\frac{du}{dx} = 2x$$

# Problem 2

Let $u = 3x$.

$$\frac{du}{dx} = 3$$
""", ["proved", "proved"]),
    # a family p_i defines p_1, p_2, ...
    "family": (r"""$$p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}$$

$$\sum_i p_i = 1$$

$$\frac{\partial p_i}{\partial z_i} = p_i(1 - p_i)$$

$$\frac{\partial p_i}{\partial z_i} = p_i(1 + p_i)$$
""", ["proved", "proved", "wrong"]),
    # index notation with a one-hot target stated in words
    "cross-entropy gradient": (r"""The target $y$ is one-hot, and $p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}$.

$$L = -\sum_k y_k \log p_k$$

$$\frac{\partial L}{\partial z_j} = -\sum_k y_k (\delta_{kj} - p_j) = -y_j + p_j \sum_k y_k = p_j - y_j$$
""", ["proved", "proved", "proved"]),
    # bar notation of a backward pass
    "adjoints": (r"""Given $x = 2$, $w = 0.5$, $b = -1$, $t = 1$.

$$z = wx + b$$

$$y = \sigma(z)$$

$$L = \frac{1}{2}(y - t)^2$$

$$\bar{L} = 1$$

$$\bar{y} = \bar{L}(y - t) = -0.5$$

$$\bar{z} = \bar{y}\,\sigma'(z) = -0.125$$

$$\bar{w} = \bar{z}\, x = -0.25$$

$$\bar{w} = \bar{z} = -0.125$$
""", ["proved", "proved", "proved", "proved", "proved", "proved", "proved", "wrong", "proved"]),
    # a substitution step states the values it puts in
    "substitution": (r"""$$\sigma(C_{21}x_1 + C_{22}x_2 + b_2) = \sigma(2(0) + 3(1) + 2.5) = \sigma(5.5)$$

$$C_{21} x_1 = 0$$
""", ["proved", "proved", "proved"]),
    # a substitution that contradicts a given value
    "substitution against givens": ("Given $x_1 = 1$.\n\n$$2 x_1 + 1 = 2(2) + 1$$\n", ["wrong"]),
    # an update is not a step; what follows uses the new value
    "update": (r"""Given $w = 0.5$, $\eta = 0.1$.

$$w = w - \eta \cdot 0.2 = 0.5 - 0.02 = 0.48$$

$$2w = 0.96$$
""", ["proved", "proved", "proved"]),
    # an error carried forward is reported once
    "follows": (r"""$$h = \sigma(0.5) = 0.7$$

$$y = 2h = 1.4$$
""", ["wrong", "follows"]),
    # conditions in prose are not claims
    "condition": (r"For $x > 0$ the derivative is $\frac{d}{dx}\operatorname{ReLU}(x) = 1$." "\n"
                  r"$$\frac{d}{dx}\operatorname{ReLU}(x) = 0 \text{ for } x < 0$$" "\n\n"
                  r"$$\frac{d}{dx}\operatorname{ReLU}(x) = 0$$" "\n", ["proved", "proved", "wrong"]),
    # matrices: capital letters beside a matrix do not commute
    "matrices": ("$$(AB)^T = B^T A^T$$\n\n$$A(B + C) = AB + CA$$\n", ["proved", "wrong"]),
    # sums with symbolic bounds: the bounds are positive integers
    "sums": (r"$$\sum_{i=1}^{n} i = \frac{n(n+1)}{2}$$" "\n\n" r"$$\sum_{i=1}^{n} i = \frac{n(n-1)}{2}$$" "\n",
             ["proved", "wrong"]),
    # a named function the checker does not know is not arbitrary (Sig is the sigmoid here: known as one)
    "named functions": (r"""$$\text{Sig}(0.1) \approx 0.5250$$

$$\operatorname{act}(2) = 4$$

$$\frac{d}{dx} g(x)^2 = 2 g(x)$$
""", ["verified", "unchecked", "wrong"]),
    # an update written with \leftarrow
    "leftarrow": ("Given $w = 0.5$.\n\n$$w \\leftarrow w - 0.1 \\cdot 2 = 0.3$$\n\n$$2w = 0.6$$\n",
                  ["proved", "proved"]),
    # function families
    "function family": (r"""$$f_k(x) = \frac{1}{2k}\ln(1 + e^{-2kx})$$

$$f_1(0) = \frac{1}{2}\ln 2$$
""", ["proved"]),
    # softmax with cross-entropy in the indicator notation of lecture notes; a sign flipped is caught
    "indicator": (r"""For $k = 1, \dots, K$ let
$$p_k = \frac{e^{s_k}}{\sum_{j=1}^{K} e^{s_j}}$$
and $L = -\log p_y$.
$$\frac{\partial L}{\partial s_k} = p_k - \mathbb{1}(k = y)$$
$$\frac{\partial L}{\partial s_k} = p_k + \mathbb{1}(k = y)$$
$$\frac{\partial L}{\partial s_k} = p_k - 1\{y = k\}$$
$$\frac{\partial L}{\partial s_k} = p_k$$
""", ["proved", "wrong", "proved", "wrong"]),
    # a vector written as a tuple gives its entries; a range of an index is no step
    "tuple": (r"""Let $k = 1, \dots, K$ and the scores $s = (3.2, 5.1, -1.7)$.

$$s_1 + s_2 = 8.3$$

$$s_1 + s_3 = 1.6$$
""", ["proved", "wrong"]),
    # a sum over a family whose entries name the entries of a given vector
    "sum of family entries": (r"""Let $x = (1, 2, 3)$ and $s_k = 2 x_k$.

$$\sum_{j=1}^{3} s_j = 12$$

$$\sum_{j=1}^{3} s_j = 13$$
""", ["proved", "wrong"]),
    # the range of indices in prose is a condition, not a claim; "when $i = j$" binds only its sentence,
    # and is not found in an earlier "$i, j$"
    "ranges and cases": (r"""For all classes $i, j$, where $1 \le i, j \le n$ and $\delta_{ij}$ is $1$ when $i = j$ and
$0$ otherwise; here $0 \le k < K$.

$$s_i = \frac{e^{z_i}}{\sum_{k=1}^{n} e^{z_k}}$$

$$\frac{\partial s_i}{\partial z_j} = s_i(\delta_{ij} - s_j)$$

$$\frac{\partial s_i}{\partial z_j} = s_i(1 - s_j)$$
""", ["proved", "wrong"]),
    # a formula said to hold in general is not made true by an example's value (x = 1 hides the factor x)
    "in general": (r"""A neuron with input $x = 1$ computes $a = \sigma(wx)$.

In general, the derivative with respect to the weight is
$$\frac{\partial}{\partial w}\sigma(wx) = \sigma(wx)\bigl(1 - \sigma(wx)\bigr)$$

In general,
$$\frac{\partial}{\partial w}\sigma(wx) = x\sigma(wx)\bigl(1 - \sigma(wx)\bigr)$$
""", ["unchecked", "proved"]),
    # "for every $i$" is over indices, and a sentence that gives values is an example, not "in general"
    "for every index": (r"""Let $p_i = \frac{e^{z_i}}{\sum_{k=1}^{3} e^{z_k}}$ for every $i$, with logits $z_1 = 1$, $z_2 = 2$,
$z_3 = 3$.

$$p_2 \approx 0.2447$$
""", ["verified"]),
    # an entry of a family defined in prose is a claim about it, not a new given
    "family entries": (r"""$\delta_j = \delta_o v_j h_j (1 - h_j)$ for each hidden unit $j$, with $\delta_o = -0.1$,
$v_1 = 0.5$, $v_2 = -1$, $h_1 = 0.6$ and $h_2 = 0.3$.

$$\delta_1 = -0.012$$

$$\delta_2 = -0.021$$
""", ["proved", "wrong"]),
    # conditions in prose: a bound on a free name is modelled (x = 2 + t, t > 0); one that is not
    # modelled (|x| <= 1) never makes a claim wrong
    "conditions": (r"""For $x > 2$ we have $x^2 > 4$ and $x^2 < 9$.

If $x > 2$, then $|x - 2| = x - 2$.

For $|x| \le 1$ we have $x^2 \le 1$.
""", ["proved", "wrong", "proved", "unchecked"]),
    # several first values at once; δ named for a derivative the givens no longer show
    "chained givens": (r"""Initialise $m_0 = v_0 = 0$ and $\beta = 0.9$.

$$m_1 = \beta m_0 + 0.5 = 0.5$$

With $\hat{y} = 0.08$, $y = 1$ and $\mathcal{L} = \frac{1}{2}(\hat{y} - y)^2$:

$$\delta = \frac{\partial \mathcal{L}}{\partial z} = \hat{y} - y = -0.92$$

$$2\delta = -1.84$$
""", ["proved", "unchecked", "proved", "proved"]),
    # counts named by capitals, a negative number squared as its magnitude, and a sum without bounds over
    # the entries given
    "counts and entries": (r"""With $TP = 94$, $FP = 3$ and $FN = 6$: $\frac{TP}{TP + FP} = \frac{94}{97}$.

$$z = -0.5 - 1 = -1.5$$

$$L = z^2 = 1.5^2 = 2.25$$

The scores are $s_1 = 2$, $s_2 = 1$, $s_3 = 0.1$.

$$p_1 = \frac{e^{s_1}}{\sum_j e^{s_j}} = \frac{7.389}{11.312}$$
""", ["proved", "proved", "proved", "proved", "wrong"]),
    # an equation to solve is not an identity; a sentence opening a new case defines anew
    "equations and cases": (r"""Let $J(w) = (w - 3)^2$, so $J'(w) = 2(w - 3)$.

Setting the derivative to zero gives $2(w - 3) = 0$, hence $w = 3$.

For $f = x + y$ with $x = 4$ and $y = 2$: $f = 6$.

For a multiply gate $f = x y$ with $x = 3$ and $y = -4$: $f = -12$.

Hence $2f = -24$ and $f + 1 = -10$.
""", ["proved", "unchecked", "unchecked", "proved", "proved", "proved", "wrong"]),
    # an activation of a vector given entry by entry
    "vector activations": (r"""$$z^{[1]} = \begin{bmatrix} 0.2 \\ -0.8 \end{bmatrix}$$

$$a^{[1]} = \operatorname{ReLU}(z^{[1]}) = \begin{bmatrix} 0.2 \\ 0 \end{bmatrix}$$

$$\operatorname{ReLU}(z^{[1]}) = \begin{bmatrix} 0.2 \\ 0.1 \end{bmatrix}$$
""", ["proved", "wrong"]),
    # a condition holds for its case only; the next case, said in words, is not modelled
    "second case": (r"""For $x > 0$ we get $\frac{d}{dx}|x| = 1$, and for negative $x$ we get $\frac{d}{dx}|x| = 1$ too.

For $x > 0$ we get $\frac{d}{dx}|x| = 1$, and for $x < 0$ we get $\frac{d}{dx}|x| = 1$ too.
""", ["proved", "unchecked", "proved", "wrong"]),
    # a result under a condition is not reused without it (SymPy's Subs ignores assumptions)
    "conditions not cached": (r"""For $x > 0$ the ReLU is the identity, so $\operatorname{ReLU}'(x) = 1$.

For $x < 0$ the ReLU is constant, so $\operatorname{ReLU}'(x) = 1$.
""", ["proved", "wrong"]),
    # "for example" and a new exercise: their values do not make a later general claim true
    "examples and exercises": (r"""# Exercise 1

For example, $x = 0$ gives $\sigma(x) = \frac12$. A single example with input $x = 1$ and target $y = 1$.

# Exercise 2

$$\frac{d}{dx}\ln(1+e^{x}) = \sigma(-x)$$

$$\frac{\partial}{\partial w}\frac12(wx - y)^2 = wx - y$$
""", ["proved", "wrong", "wrong"]),
    # a heading that names a problem without starting one keeps the givens
    "headings that start no problem": ("Example: $x = 1.5$ and $w = 2$.\n\n## The vanishing gradient problem\n\n"
                                       "$$wx = 3$$\n", ["proved"]),
    # values in words are read whole or not at all; a sum fact holds for its own bounds
    "words and facts": (r"""Die Gewichte sind w_1 = 1/2 und w_2 = 5 · 10^-3, die Eingabe ist $x = 2$.

$$w_1 x = 2$$

With $n$ classes, where the targets satisfy $\sum_{k=1}^{n} y_k = 1$:

$$p_j \sum_{k=1}^{n-1} y_k - y_j = p_j - y_j$$
""", ["wrong", "wrong"]),
    # inequalities: points are no proof; a bound reached at 0 is found
    "inequalities": (r"""$$\sigma'(x) < \frac14$$

$$\sigma'(x) \le 0.249$$

$$\sigma'(x) \le \frac14$$

$$\sigma'(4) = 0$$

$$x\sigma(x) \ge -0.27$$
""", ["wrong", "wrong", "proved", "wrong", "unchecked"]),
    # a chain rule that leaves out a path the document shows is not proved (wrong once L of y_2 is written)
    "missing path": (r"""The hidden unit $h = \sigma(z)$ feeds both outputs, $y_1 = v_1 h$ and $y_2 = v_2 h$.

$$\frac{\partial L}{\partial h} = \frac{\partial L}{\partial y_1} v_1$$

# Both paths

$$\frac{\partial J}{\partial h} = \frac{\partial J}{\partial y_1} v_1 + \frac{\partial J}{\partial y_2} v_2$$

$$\frac{\partial J}{\partial h} = \frac{\partial J}{\partial y_1} v_1$$
""", ["unchecked", "proved", "wrong"]),
    # a condition after its claim holds for that claim; "otherwise" is the other case; a condition on a name
    # given before makes it any such value
    "trailing conditions": (r"""We have $|x| = x$ for $x > 0$.

We have $\operatorname{ReLU}'(x) = 1$ for $x > 0$ and $\operatorname{ReLU}'(x) = 1$ otherwise.

$$|x - 1| = x - 1 \quad \text{for } x > 1$$

Let $x = 3$. Then $x^2 = 9$.

For $x < 0$ we have $\operatorname{ReLU}(x) = x$. We have $\operatorname{ReLU}(x) = x$ for $x < 0$, and $x + 1 = 4$.
""", ["proved", "proved", "unchecked", "proved", "proved", "wrong", "follows", "proved"]),
    # decimal commas: the written digits of a rounding, and rounded results used in later lines
    "decimal comma": (r"""Für die Ausgabe gilt $\tanh(1) = 0{,}7616$ und $0{,}8808 \cdot 0{,}1192 \approx 0{,}1150$.

$$\frac{\partial L}{\partial w} \approx -0{,}3775 \cdot 2 = -0{,}7550$$

$$0{,}3 - 0{,}1 \cdot (-0{,}7550) = 0{,}3755$$
""", ["verified", "wrong", "unchecked", "proved", "proved"]),
    # the transpose of a matrix written out; entries x_i, x_j of one family may be the same entry
    "transposes and entries": (r"""Let $W = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \end{bmatrix}$.

$$W^T = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \end{bmatrix}$$

$$W^T = \begin{bmatrix} 0.1 & 0.3 \\ 0.2 & 0.4 \end{bmatrix}$$

$$\frac{\partial}{\partial x_i} (x_i x_j) = x_j$$

$$\frac{\partial}{\partial x_i} (x_i x_j) = x_j + \delta_{ij} x_i$$
""", ["wrong", "proved", "wrong", "proved"]),
    # a word as a superscript labels the name (w^{new}), it is not a power
    "labels": ("Given $w = 0.4$.\n\n$$w^{\\text{new}} = w - 0.5 \\cdot 0.1 = 0.35$$\n\n"
               "$$w^{new} = 0.4 - 0.05 = 0.36$$\n", ["proved", "proved", "wrong"]),
    # Andrew Ng's dz, dw: names, not d times z
    "dz names": (r"""With $x = 1.2$, $y = 1$ and $a = 0.5987$:
$$dz = a - y = -0.4013$$
$$dw = x \cdot dz = -0.4816$$
$$dw = x \cdot dz = -0.4916$$
""", ["proved", "verified", "proved", "wrong"]),
    # the zero vector is zero, whatever its shape
    "zero vector": (r"""Start from $\mathbf{v}_0 = \mathbf{0}$ with $\mathbf{g}_0 = \begin{bmatrix} 0.4 \\ -0.2 \end{bmatrix}$.
$$\mathbf{v}_1 = 0.9 \mathbf{v}_0 - 0.1 \mathbf{g}_0 = \begin{bmatrix} -0.04 \\ 0.02 \end{bmatrix}$$

$$0.9 \mathbf{v}_0 - 0.1 \mathbf{g}_0 = \begin{bmatrix} -0.04 \\ 0.03 \end{bmatrix}$$
""", ["proved", "wrong"]),
    # numbers of two readings where the document's decimal mark is not known: right under one, or wrong
    # under both, is decided; right under one and wrong under the other is not a false alarm
    "two readings": (r"""Considere um MLP para o MNIST. Cada camada densa tem $n_{\text{in}} \cdot n_{\text{out}} +
n_{\text{out}}$ parâmetros, e o total é a soma dos parâmetros de todas as camadas:
\begin{align*}
P_1 &= 784 \cdot 128 + 128 = 100.480 \\
C_2 &= 3 \cdot 3 \cdot 32 \cdot 64 + 64 = 18.432
\end{align*}
""", ["proved", "wrong"]),
    # w_k of a sequence with given entries, and a loss depending on every entry of a sum: no free numbers
    # to refute them with (unchecked, not wrong)
    "sequences and families": (r"""On part de $w_0 = 0{,}8$ avec $w_{k+1} = w_k - 0{,}1 \cdot 2(w_k - 0{,}3)$, donc $w_1 = 0{,}7$.

Vérification : $w_k - 0{,}3 = 0{,}5 \cdot 0{,}8^k$.

Each output is $y_i = \gamma \hat{x}_i + \beta$. Then
$$\frac{\partial L}{\partial \beta} = \sum_{i=1}^{4} \frac{\partial L}{\partial y_i}$$
""", ["unchecked", "unchecked"]),
    # z = w^T x + b is a number: steps in z and a = σ(z) alone are decided both ways
    "inner products": (r"""For one example, $z = w^T x + b$ and $a = \sigma(z)$. Then
$$\frac{da}{dz} = a(1 - a)$$
$$\frac{da}{dz} = a(1 + a)$$
$$\frac{\partial a}{\partial b} = a(1 + a)$$
""", ["proved", "wrong", "unchecked"]),
    # a justification in parentheses at the end of a row is not part of the step
    "reason in parentheses": (r"""Sei $L(w) = \frac{1}{2}(\sigma(w) - 1)^2$. Dann ist
\begin{align}
L'(w) &= (\sigma(w) - 1)\cdot \sigma'(w) \\
      &= (\sigma(w) - 1)\,\sigma(w)\,(1 + \sigma(w)) \qquad (\text{da } \sigma' = \sigma(1-\sigma))
\end{align}
""", ["proved", "wrong"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_model_cases(name):
    text, expected = CASES[name]
    assert verdicts(text) == expected, name


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(["w", "x", "b", "v", "c"]), st.integers(-9, 9)), min_size=2, max_size=4,
                unique_by=lambda t: t[0]))
def test_substitution_steps_are_read_as_stated_values(pairs):
    """The previous side with numbers put in is proved; the values bind what follows (oracle: plain arithmetic)."""
    names = [f"{n}_{k + 1}" for k, (n, _) in enumerate(pairs)]
    formula = " + ".join(names)
    numbers = " + ".join(f"({v})" for _, v in pairs)
    total = sum(v for _, v in pairs)
    doc = f"$$y = {formula} = {numbers} = {total}$$\n\n$$y + 1 = {total + 1}$$\n"
    assert verdicts(doc) == ["proved", "proved", "proved"]
    wrong = f"$$y = {formula} = {numbers} = {total + 1}$$\n"
    assert verdicts(wrong) == ["proved", "wrong"]


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.integers(2, 4), st.data())
def test_chain_rules_with_unknown_functions(depth, data):
    """J(u_1(u_2(…(w)))): the full chain rule is proved; a chain missing a factor is never proved."""
    names = ["J"] + [f"u_{k}" for k in range(1, depth)] + ["w"]
    factors = [rf"\frac{{\partial {a}}}{{\partial {b}}}" for a, b in zip(names, names[1:])]
    lhs = r"\frac{\partial J}{\partial w}"
    assert verdicts(f"$${lhs} = {' '.join(factors)}$$\n") == ["proved"]
    dropped = data.draw(st.integers(0, len(factors) - 1))
    broken = [f for k, f in enumerate(factors) if k != dropped]
    got = verdicts(f"$${lhs} = {' '.join(broken)}$$\n")
    assert got[0] not in ("proved", "verified"), (broken, got)
    doubled = data.draw(st.integers(2, 5))
    got = verdicts(f"$${lhs} = {doubled} {' '.join(factors)}$$\n")
    assert got[0] not in ("proved", "verified"), got


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(-5, 5)), min_size=3, max_size=5), st.data())
def test_an_error_is_counted_once(steps, data):
    """a_{k+1} = c a_k + d, each value written; one slipped value: wrong there, follows after (oracle: integers)."""
    slip = data.draw(st.integers(1, len(steps) - 1))
    lines = ["Given $a_0 = 1$.", ""]
    true, believed = 1, 1
    for k, (c, d) in enumerate(steps, 1):
        value = c * believed + d
        true = c * true + d
        written = value + (1 if k == slip else 0)
        lines += [f"$$a_{k} = {c} a_{k - 1} + {d} = {written}$$", ""]
        believed = written
    got = verdicts("\n".join(lines))
    # each chain: the formula's first link defines a_k, the value is the one step
    assert got[slip - 1] == "wrong"
    assert all(v in ("proved", "verified") for v in got[:slip - 1]), got
    assert all(v == "follows" for v in got[slip:]), got


def _decimal(q: Fraction) -> str:
    """An exact decimal numeral for a fraction whose denominator divides a power of ten."""
    for places in range(0, 7):
        scaled = q * 10 ** places
        if scaled.denominator == 1:
            digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
            body = digits if not places else digits[:-places] + "." + digits[-places:]
            return ("-" if q < 0 else "") + body
    raise ValueError(q)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3), st.booleans(), st.data())
def test_the_gradients_of_a_descent_step_are_taken_before_its_updates(x, w, b, t, w_first, data):
    """w ← w − η∂L/∂w then b ← b − η∂L/∂b (either order): each update uses the gradient at the old point,
    and what follows uses the new values (oracle: fractions)."""
    eta = Fraction(1, 10)
    error = w * x + b - t
    gw, gb = Fraction(error * x), Fraction(error)
    w_new, b_new = w - eta * gw, b - eta * gb
    lines = [f"Given $x = {x}$, $w = {w}$, $b = {b}$, $t = {t}$ and $\\eta = 0.1$.", "",
             r"$$L = \frac{1}{2}(wx + b - t)^2$$", "",
             rf"$$\frac{{\partial L}}{{\partial w}} = (wx + b - t)x = {_decimal(gw)}$$", "",
             rf"$$\frac{{\partial L}}{{\partial b}} = wx + b - t = {_decimal(gb)}$$", ""]
    updates = [rf"$$w \leftarrow w - \eta \frac{{\partial L}}{{\partial w}} = {_decimal(w_new)}$$",
               rf"$$b \leftarrow b - \eta \frac{{\partial L}}{{\partial b}} = {_decimal(b_new)}$$"]
    lines += (updates if w_first else updates[::-1]) + ["", f"$$wx + b = {_decimal(w_new * x + b_new)}$$", ""]
    second_pass = rf"$$\frac{{\partial L}}{{\partial b}} = wx + b - t = {_decimal(w_new * x + b_new - t)}$$"
    got = verdicts("\n".join(lines + [second_pass]))
    assert got == ["proved"] * 9, got
    # a wrong new value is wrong, whichever update it is
    k = data.draw(st.integers(0, 1))
    slipped = list(updates)
    slipped[k] = slipped[k].replace(f"= {_decimal([w_new, b_new][k])}$$", f"= {_decimal([w_new, b_new][k] + 1)}$$")
    lines_wrong = lines[:7] + (slipped if w_first else slipped[::-1])
    got = verdicts("\n".join(lines_wrong))
    assert got[-2 + (k if w_first else 1 - k)] == "wrong", got


MISTAKE_CASES = [
    r"A common mistake is to write $\sigma'(z) = \sigma(z)(1 + \sigma(z))$.",
    r"Students often wrongly write $\frac{d}{dx}\tanh(x) = 1 + \tanh^2(x)$ here.",
    r"Note that $\sigma'(0) = 0.5$ would be incorrect.",
    r"Ein häufiger Fehler ist $\sigma'(z) = \sigma(z)^2$.",
    r"Une erreur fréquente : $\sigma'(z) = 1 - \sigma(z)$.",
]


@pytest.mark.parametrize("sentence", MISTAKE_CASES)
def test_a_formula_presented_as_a_mistake_is_not_a_claim(sentence):
    """The author does not claim it: unchecked, never wrong; the same formula as a claim is wrong."""
    report = check_text(sentence + "\n")
    assert [s.verdict for s in report.steps] == ["unchecked"], report.steps
    assert "mistake" in report.steps[0].detail
    math = sentence[sentence.index("$") + 1:sentence.rindex("$")]
    assert verdicts(f"$${math}$$\n") == ["wrong"]


@pytest.mark.parametrize("sentence", [
    r"Die Ableitung der Fehlerfunktion ist $\frac{d}{dw}\frac{1}{2}(w-1)^2 = 2(w - 1)$.",
    r"Calculons l'erreur : $\frac{d}{dw}\frac{1}{2}(w-1)^2 = 2(w - 1)$.",
    r"The error of the output is $\frac{d}{dw}\frac{1}{2}(w-1)^2 = 2(w - 1)$.",
])
def test_the_words_for_a_networks_error_do_not_make_a_mistake_sentence(sentence):
    """Fehler, erreur, error also name the loss: the sentence's formula is the author's claim (here wrong)."""
    assert verdicts(sentence + "\n") == ["wrong"]


def test_a_mistake_sentence_binds_nothing():
    text = "A common mistake is to take $x = 3$.\n\n$$x^2 = x \\cdot x$$\n"
    assert verdicts(text) == ["unchecked", "proved"]


_SCORES = r"""For one example with scores $s_k = w_k^T x$, $k = 1, \dots, K$, the probabilities are
$$p_k = \frac{e^{s_k}}{\sum_{j=1}^{K} e^{s_j}}$$
and the loss for the correct class $y$ is $L_i = -\log p_y$.
$$\frac{\partial L_i}{\partial s_k} = %s$$
"""


@settings(max_examples=25, deadline=None)
@example(1, -1, r"\mathbb{1}(k = y)")
@example(1, 1, r"\mathbb{1}(k = y)")
@given(st.integers(-2, 2), st.integers(-2, 2), st.sampled_from([r"\mathbb{1}(k = y)", r"\mathbf{1}\{y = k\}"]))
def test_softmax_gradients_with_vector_scores_are_never_accepted_wrongly(a, b, indicator):
    """Scores s_k = w_k^T x (vectors the sums cannot evaluate): only ∂L/∂s_k = p_k − 1(k = y) is accepted;
    the oracle is the gradient itself, p_k − δ_ky, which a·p_k + b·δ_ky equals for every K only at (1, −1)."""
    rhs = f"{a} p_k + {b} {indicator}".replace("+ -", "- ")
    (step,) = check_text(_SCORES % rhs).steps
    if (a, b) == (1, -1):
        assert step.verdict == "proved", step.detail
    else:
        assert step.verdict not in ("proved", "verified"), (rhs, step.detail)
