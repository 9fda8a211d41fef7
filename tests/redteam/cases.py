r"""The red-team steps: each with its context, its truth (decided by hand) and an oracle.

``python3 tests/redteam/build.py`` runs every oracle (``oracle.py``, which shares
no code with ``derivations``), checks that it agrees with the truth written here,
and writes ``steps.tsv``.  The truth of a step is the truth of its *last*
relation, in the context of the Markdown lines before it; the checker is run on
``context + blank line + step``.

Truth: ``true`` (a careful grader accepts it), ``false`` (wrong under every
reading of the notation), ``undecidable`` (nothing in the context decides it).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction as Fr

import mpmath as mp
from oracle import (
    d,
    dsig,
    exact,
    funcs,
    holds,
    ints,
    leaky,
    mats,
    num,
    real,
    relu,
    rounds,
    sig,
    softplus,
    step,
    tanh,
    undecidable,
)

__all__ = ["Case", "CASES"]


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    truth: str
    context: str
    step: str
    oracle: object  # a callable returning (truth, evidence)
    why: str


CASES: list[Case] = []
_COUNT: dict[str, int] = {}


def case(category, truth, step_text, oracle, context="", why=""):
    _COUNT[category] = _COUNT.get(category, 0) + 1
    CASES.append(Case(f"{category}-{_COUNT[category]:03d}", category, truth, context, step_text, oracle, why))


T, F, U = "true", "false", "undecidable"
e = mp.e

# ---------------------------------------------------------------------------------------------------
# identities: activation functions and their derivatives
I = "identities"
case(I, T, r"$$\sigma'(x) = \sigma(x)(1 - \sigma(x))$$", lambda: real(lambda x: d(sig, x), lambda x: sig(x) * (1 - sig(x))))
case(I, T, r"$$\sigma(-x) = 1 - \sigma(x)$$", lambda: real(lambda x: sig(-x), lambda x: 1 - sig(x)))
case(I, T, r"$$\tanh(x) = 2\sigma(2x) - 1$$", lambda: real(tanh, lambda x: 2 * sig(2 * x) - 1))
case(I, T, r"$$\tanh'(x) = 1 - \tanh^2(x)$$", lambda: real(lambda x: d(tanh, x), lambda x: 1 - tanh(x) ** 2))
case(I, T, r"$$\frac{d}{dx}\ln(1 + e^{x}) = \sigma(x)$$", lambda: real(lambda x: d(softplus, x), sig))
case(I, T, r"$$\sigma'(x) = \frac{e^{-x}}{(1 + e^{-x})^2}$$", lambda: real(lambda x: d(sig, x), lambda x: e ** -x / (1 + e ** -x) ** 2))
case(I, T, r"$$\tanh(x) = \frac{e^{2x} - 1}{e^{2x} + 1}$$", lambda: real(tanh, lambda x: (e ** (2 * x) - 1) / (e ** (2 * x) + 1)))
case(I, T, r"$$\sigma(x) = \frac{1}{2} + \frac{1}{2}\tanh\left(\frac{x}{2}\right)$$", lambda: real(sig, lambda x: 0.5 + tanh(x / 2) / 2))
case(I, T, r"$$\frac{d}{dx}\left[x\sigma(x)\right] = \sigma(x) + x\sigma(x)(1 - \sigma(x))$$",
     lambda: real(lambda x: d(lambda t: t * sig(t), x), lambda x: sig(x) + x * dsig(x)))
case(I, T, r"$$\frac{d}{dx}\left[x\sigma(\beta x)\right] = \sigma(\beta x) + \beta x \sigma(\beta x)(1 - \sigma(\beta x))$$",
     lambda: real(lambda x, b: d(lambda t: t * sig(b * t), x), lambda x, b: sig(b * x) + b * x * dsig(b * x), n=2))
case(I, T, r"$$\ln(1 + e^{x}) - \ln(1 + e^{-x}) = x$$", lambda: real(lambda x: softplus(x) - softplus(-x), lambda x: x))
case(I, T, r"$$\tanh'(x) = 4\sigma'(2x)$$", lambda: real(lambda x: d(tanh, x), lambda x: 4 * dsig(2 * x)))
case(I, T, r"$$\sigma'(x) = \sigma(x)\sigma(-x)$$", lambda: real(lambda x: d(sig, x), lambda x: sig(x) * sig(-x)))
case(I, T, r"$$\frac{d}{dx}\sigma(2x) = 2\sigma(2x)(1 - \sigma(2x))$$", lambda: real(lambda x: d(lambda t: sig(2 * t), x), lambda x: 2 * dsig(2 * x)))
case(I, T, r"$$1 - \tanh^2(x) = \frac{4}{(e^{x} + e^{-x})^2}$$", lambda: real(lambda x: 1 - tanh(x) ** 2, lambda x: 4 / (e ** x + e ** -x) ** 2))
case(I, T, r"$$\frac{\sigma(x)}{1 - \sigma(x)} = e^{x}$$", lambda: real(lambda x: sig(x) / (1 - sig(x)), lambda x: e ** x))
case(I, T, r"$$\ln\frac{\sigma(x)}{1 - \sigma(x)} = x$$", lambda: real(lambda x: mp.log(sig(x) / (1 - sig(x))), lambda x: x))
case(I, T, r"$$\frac{d}{dx}\ln\sigma(x) = 1 - \sigma(x)$$", lambda: real(lambda x: d(lambda t: mp.log(sig(t)), x), lambda x: 1 - sig(x)))
case(I, T, r"$$\frac{d}{dx}\ln(1 - \sigma(x)) = -\sigma(x)$$", lambda: real(lambda x: d(lambda t: mp.log(1 - sig(t)), x), lambda x: -sig(x)))
case(I, T, r"$$\sigma(x) + \sigma(-x) = 1$$", lambda: real(lambda x: sig(x) + sig(-x), lambda x: 1))
case(I, T, r"$$\tanh(-x) = -\tanh(x)$$", lambda: real(lambda x: tanh(-x), lambda x: -tanh(x)))
case(I, T, r"$$\frac{d}{dx}\tanh(2x) = 2(1 - \tanh^2(2x))$$", lambda: real(lambda x: d(lambda t: tanh(2 * t), x), lambda x: 2 * (1 - tanh(2 * x) ** 2)))
case(I, T, r"$$\frac{d}{dx}e^{-x^2} = -2xe^{-x^2}$$", lambda: real(lambda x: d(lambda t: e ** (-t * t), x), lambda x: -2 * x * e ** (-x * x)))
case(I, T, r"$$\frac{d}{dz}\frac{1}{1 + e^{-z}} = \frac{1}{1 + e^{-z}}\left(1 - \frac{1}{1 + e^{-z}}\right)$$",
     lambda: real(lambda z: d(sig, z), lambda z: sig(z) * (1 - sig(z))))
case(I, T, r"$$\frac{d}{dx}\sigma(x)^2 = 2\sigma(x)^2(1 - \sigma(x))$$", lambda: real(lambda x: d(lambda t: sig(t) ** 2, x), lambda x: 2 * sig(x) ** 2 * (1 - sig(x))))
case(I, F, r"$$\sigma'(x) = \sigma(x)(1 + \sigma(x))$$", lambda: real(lambda x: d(sig, x), lambda x: sig(x) * (1 + sig(x))), why="sign slip")
case(I, F, r"$$\sigma'(x) = (1 - \sigma(x))(1 + \sigma(x))$$", lambda: real(lambda x: d(sig, x), lambda x: (1 - sig(x)) * (1 + sig(x))), why="(1-s)(1+s) offered as s'")
case(I, F, r"$$\sigma(-x) = \sigma(x) - 1$$", lambda: real(lambda x: sig(-x), lambda x: sig(x) - 1), why="sign slip")
case(I, F, r"$$\tanh(x) = 2\sigma(x) - 1$$", lambda: real(tanh, lambda x: 2 * sig(x) - 1), why="argument 2x written x")
case(I, F, r"$$\tanh(x) = \sigma(2x) - 1$$", lambda: real(tanh, lambda x: sig(2 * x) - 1), why="dropped factor 2")
case(I, F, r"$$\tanh'(x) = 1 + \tanh^2(x)$$", lambda: real(lambda x: d(tanh, x), lambda x: 1 + tanh(x) ** 2), why="sign slip")
case(I, F, r"$$\frac{d}{dx}\ln(1 + e^{x}) = \sigma(-x)$$", lambda: real(lambda x: d(softplus, x), lambda x: sig(-x)), why="sign of the argument")
case(I, F, r"$$\sigma'(x) = \frac{e^{x}}{(1 + e^{-x})^2}$$", lambda: real(lambda x: d(sig, x), lambda x: e ** x / (1 + e ** -x) ** 2), why="sign in the exponent")
case(I, F, r"$$\frac{d}{dx}\left[x\sigma(x)\right] = \sigma(x) + \sigma(x)(1 - \sigma(x))$$",
     lambda: real(lambda x: d(lambda t: t * sig(t), x), lambda x: sig(x) + dsig(x)), why="dropped factor x")
case(I, F, r"$$\tanh'(x) = 2\sigma'(2x)$$", lambda: real(lambda x: d(tanh, x), lambda x: 2 * dsig(2 * x)), why="factor 4 written 2")
case(I, F, r"$$\frac{d}{dx}\sigma(2x) = \sigma(2x)(1 - \sigma(2x))$$", lambda: real(lambda x: d(lambda t: sig(2 * t), x), lambda x: dsig(2 * x)), why="missing chain-rule factor 2")
case(I, F, r"$$\frac{d}{dx}\ln\sigma(x) = \sigma(x)$$", lambda: real(lambda x: d(lambda t: mp.log(sig(t)), x), sig))
case(I, F, r"$$\sigma(x) = \frac{1}{2} + \tanh\left(\frac{x}{2}\right)$$", lambda: real(sig, lambda x: 0.5 + tanh(x / 2)), why="dropped factor 1/2")
case(I, F, r"$$\frac{\sigma(x)}{1 - \sigma(x)} = e^{-x}$$", lambda: real(lambda x: sig(x) / (1 - sig(x)), lambda x: e ** -x), why="sign in the exponent")
case(I, F, r"$$\frac{d}{dx}e^{-x^2} = 2xe^{-x^2}$$", lambda: real(lambda x: d(lambda t: e ** (-t * t), x), lambda x: 2 * x * e ** (-x * x)), why="sign slip")

# ---------------------------------------------------------------------------------------------------
# sums with symbolic bounds (indices and bounds are positive integers)
S = "sums"
case(S, T, r"$$\sum_{i=1}^{n} i = \frac{n(n+1)}{2}$$", lambda: ints(lambda n: sum(range(1, n + 1)), lambda n: Fr(n * (n + 1), 2)))
case(S, T, r"$$\sum_{i=0}^{n} i = \frac{n(n+1)}{2}$$", lambda: ints(lambda n: sum(range(0, n + 1)), lambda n: Fr(n * (n + 1), 2)), why="the i = 0 term is 0")
case(S, T, r"$$\sum_{i=1}^{n} i^2 = \frac{n(n+1)(2n+1)}{6}$$", lambda: ints(lambda n: sum(i * i for i in range(1, n + 1)), lambda n: Fr(n * (n + 1) * (2 * n + 1), 6)))
case(S, T, r"$$\sum_{k=0}^{n-1} 2^k = 2^n - 1$$", lambda: ints(lambda n: sum(2 ** k for k in range(n)), lambda n: 2 ** n - 1))
case(S, T, r"$$\sum_{j=1}^{n} (2j - 1) = n^2$$", lambda: ints(lambda n: sum(2 * j - 1 for j in range(1, n + 1)), lambda n: n * n))
case(S, T, r"$$\sum_{i=1}^{n} c = cn$$", lambda: ints(lambda n, c: n * c, lambda n, c: c * n, ranges=[(1, 8), (-3, 6)]), why="c a free constant")
case(S, T, r"$$\sum_{i=1}^{n} i^3 = \left(\frac{n(n+1)}{2}\right)^2$$", lambda: ints(lambda n: sum(i ** 3 for i in range(1, n + 1)), lambda n: Fr(n * (n + 1), 2) ** 2))
case(S, T, r"$$\sum_{i=1}^{n} (i + 1) = \frac{n(n+3)}{2}$$", lambda: ints(lambda n: sum(i + 1 for i in range(1, n + 1)), lambda n: Fr(n * (n + 3), 2)))
case(S, T, r"$$\sum_{k=1}^{K} \frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}} = 1$$",
     lambda: real(lambda a, b, c: sum(e ** v for v in (a, b, c)) / sum(e ** v for v in (a, b, c)), lambda a, b, c: 1, n=3), why="softmax sums to one (K = 3 sampled)")
case(S, T, r"$$\sum_{i=1}^{n} \frac{1}{i(i+1)} = \frac{n}{n+1}$$", lambda: ints(lambda n: sum(Fr(1, i * (i + 1)) for i in range(1, n + 1)), lambda n: Fr(n, n + 1)))
case(S, T, r"$$\sum_{i=1}^{m}\sum_{j=1}^{n} 1 = mn$$", lambda: ints(lambda m, n: m * n, lambda m, n: m * n, n=2))
case(S, T, r"$$\prod_{i=1}^{n} 2 = 2^n$$", lambda: ints(lambda n: 2 ** n, lambda n: 2 ** n))
case(S, T, r"$$\sum_{i=1}^{n} (a i + b) = a\frac{n(n+1)}{2} + bn$$",
     lambda: ints(lambda n, a, b: sum(a * i + b for i in range(1, n + 1)), lambda n, a, b: a * Fr(n * (n + 1), 2) + b * n, ranges=[(1, 8), (-2, 5), (-2, 5)]))
case(S, T, r"$$\sum_{k=1}^{n} k(k+1) = \frac{n(n+1)(n+2)}{3}$$", lambda: ints(lambda n: sum(k * (k + 1) for k in range(1, n + 1)), lambda n: Fr(n * (n + 1) * (n + 2), 3)))
case(S, T, r"$$\sum_{i=1}^{2n} i = n(2n+1)$$", lambda: ints(lambda n: sum(range(1, 2 * n + 1)), lambda n: n * (2 * n + 1)))
case(S, T, r"$$\sum_{i=1}^{n-1} i = \frac{n(n-1)}{2}$$", lambda: ints(lambda n: sum(range(1, n)), lambda n: Fr(n * (n - 1), 2)))
case(S, T, r"$$\sum_{i=1}^{n} 1 = n$$", lambda: ints(lambda n: n, lambda n: n))
case(S, T, r"$$\frac{1}{n}\sum_{i=1}^{n} 5 = 5$$", lambda: ints(lambda n: Fr(5 * n, n), lambda n: 5))
case(S, T, r"$$\sum_{k=0}^{n} r^k = \frac{1 - r^{n+1}}{1 - r}$$",
     lambda: ints(lambda n, r: sum(Fr(r) ** k for k in range(n + 1)), lambda n, r: Fr(1 - r ** (n + 1), 1 - r), ranges=[(1, 8), (2, 6)]), why="r != 1 (sampled at integers >= 2)")
case(S, T, r"$$\sum_{i=1}^{n} (-1)^i = \frac{(-1)^n - 1}{2}$$", lambda: ints(lambda n: sum((-1) ** i for i in range(1, n + 1)), lambda n: Fr((-1) ** n - 1, 2)))
case(S, T, r"$$\sum_{i=1}^{n} \left(\frac{1}{4}\right)^i = \frac{1}{3}\left(1 - 4^{-n}\right)$$",
     lambda: ints(lambda n: sum(Fr(1, 4) ** i for i in range(1, n + 1)), lambda n: Fr(1, 3) * (1 - Fr(1, 4 ** n))))
case(S, T, r"$$\sum_{i=1}^{n} x_i - \sum_{i=1}^{n-1} x_i = x_n$$",
     lambda: ints(lambda n, s: sum((i * s) % 7 for i in range(1, n + 1)) - sum((i * s) % 7 for i in range(1, n)), lambda n, s: (n * s) % 7, ranges=[(1, 8), (1, 6)]),
     why="x_i an arbitrary family (sampled as (i*s) mod 7)")
case(S, F, r"$$\sum_{i=1}^{n} i = \frac{n(n-1)}{2}$$", lambda: ints(lambda n: sum(range(1, n + 1)), lambda n: Fr(n * (n - 1), 2)), why="off by one")
case(S, F, r"$$\sum_{i=1}^{n-1} i = \frac{n(n+1)}{2}$$", lambda: ints(lambda n: sum(range(1, n)), lambda n: Fr(n * (n + 1), 2)), why="off-by-one bound")
case(S, F, r"$$\sum_{i=1}^{n} i^2 = \frac{n(n+1)(2n-1)}{6}$$", lambda: ints(lambda n: sum(i * i for i in range(1, n + 1)), lambda n: Fr(n * (n + 1) * (2 * n - 1), 6)))
case(S, F, r"$$\sum_{k=0}^{n} 2^k = 2^n - 1$$", lambda: ints(lambda n: sum(2 ** k for k in range(n + 1)), lambda n: 2 ** n - 1), why="off-by-one bound")
case(S, F, r"$$\sum_{k=1}^{n} 2^k = 2^n - 1$$", lambda: ints(lambda n: sum(2 ** k for k in range(1, n + 1)), lambda n: 2 ** n - 1), why="lower bound shifted")
case(S, F, r"$$\sum_{j=1}^{n} (2j + 1) = n^2$$", lambda: ints(lambda n: sum(2 * j + 1 for j in range(1, n + 1)), lambda n: n * n), why="sign slip")
case(S, F, r"$$\sum_{i=1}^{n} c = c(n+1)$$", lambda: ints(lambda n, c: n * c, lambda n, c: c * (n + 1), ranges=[(1, 8), (1, 6)]), why="counted one term too many")
case(S, F, r"$$\sum_{i=1}^{n} i^3 = \frac{n^2(n+1)}{2}$$", lambda: ints(lambda n: sum(i ** 3 for i in range(1, n + 1)), lambda n: Fr(n * n * (n + 1), 2)))
case(S, F, r"$$\sum_{i=1}^{n} \frac{1}{i(i+1)} = \frac{1}{n+1}$$", lambda: ints(lambda n: sum(Fr(1, i * (i + 1)) for i in range(1, n + 1)), lambda n: Fr(1, n + 1)))
case(S, F, r"$$\sum_{i=1}^{2n} i = n(2n-1)$$", lambda: ints(lambda n: sum(range(1, 2 * n + 1)), lambda n: n * (2 * n - 1)))
case(S, F, r"$$\prod_{i=1}^{n} 2 = 2n$$", lambda: ints(lambda n: 2 ** n, lambda n: 2 * n), why="product read as a sum")
case(S, F, r"$$\sum_{i=1}^{n} 1 = n - 1$$", lambda: ints(lambda n: n, lambda n: n - 1), why="off by one")

# ---------------------------------------------------------------------------------------------------
# transposes and vectors, with any letters (matrices by evidence: ^T, bold, arrows, \in R^{m x n})
V = "transposes"
R23 = r"Let $A \in \mathbb{R}^{2 \times 3}$ and $B \in \mathbb{R}^{3 \times 2}$."
SQ = r"Let $P, Q, R \in \mathbb{R}^{3 \times 3}$."
case(V, T, r"$$(AB)^T = B^T A^T$$", lambda: mats(lambda A, B: ((A * B).T, B.T * A.T), [(2, 3), (3, 2)]), context=R23)
case(V, T, r"$$(AB)^T = B^T A^T$$", lambda: mats(lambda A, B: ((A * B).T, B.T * A.T), [(3, 3), (3, 3)]), why="no declaration: ^T is the evidence")
case(V, T, r"$$(ABC)^T = C^T B^T A^T$$", lambda: mats(lambda A, B, C: ((A * B * C).T, C.T * B.T * A.T), [(3, 3)] * 3))
case(V, T, r"$$(PQ)^T = Q^T P^T$$", lambda: mats(lambda P, Q: ((P * Q).T, Q.T * P.T), [(3, 3)] * 2), context=SQ)
case(V, T, r"$$(A^T)^T = A$$", lambda: mats(lambda A: (A.T.T, A), [(2, 3)]))
case(V, T, r"$$(A + B)^T = A^T + B^T$$", lambda: mats(lambda A, B: ((A + B).T, A.T + B.T), [(2, 3)] * 2),
     context=r"Let $A, B \in \mathbb{R}^{2 \times 3}$.")
case(V, T, r"$$(UVW)^\top = W^\top V^\top U^\top$$", lambda: mats(lambda U, V_, W: ((U * V_ * W).T, W.T * V_.T * U.T), [(3, 3)] * 3))
case(V, T, r"$$(x^T W)^T = W^T x$$", lambda: mats(lambda x, W: ((x.T * W).T, W.T * x), [(3, 1), (3, 2)]),
     context=r"Let $x \in \mathbb{R}^{3}$ and $W \in \mathbb{R}^{3 \times 2}$.")
case(V, T, r"$$(Mv)^T = v^T M^T$$", lambda: mats(lambda M, v: ((M * v).T, v.T * M.T), [(3, 3), (3, 1)]),
     context=r"Let $M \in \mathbb{R}^{3 \times 3}$ and $v \in \mathbb{R}^{3}$.")
case(V, T, r"$$(2A)^T = 2A^T$$", lambda: mats(lambda A: ((2 * A).T, 2 * A.T), [(2, 3)]))
case(V, T, r"$$(A^T B)^T = B^T A$$", lambda: mats(lambda A, B: ((A.T * B).T, B.T * A), [(3, 3)] * 2))
case(V, T, r"$$(\mathbf{W}\mathbf{x})^T = \mathbf{x}^T\mathbf{W}^T$$", lambda: mats(lambda W, x: ((W * x).T, x.T * W.T), [(2, 3), (3, 1)]), why="bold letters")
case(V, T, r"$$(RS)^T(RS) = S^T R^T R S$$", lambda: mats(lambda R_, S_: ((R_ * S_).T * (R_ * S_), S_.T * R_.T * R_ * S_), [(3, 3)] * 2))
case(V, T, r"$$w^T x = x^T w$$", lambda: mats(lambda w, x: (w.T * x, x.T * w), [(3, 1)] * 2),
     context=r"Let $w, x \in \mathbb{R}^{3}$ be column vectors.", why="a 1 x 1 matrix is its own transpose")
case(V, T, r"$$(\mathbf{u}^\top \mathbf{v})^\top = \mathbf{v}^\top \mathbf{u}$$", lambda: mats(lambda u, v: ((u.T * v).T, v.T * u), [(3, 1)] * 2))
case(V, T, r"$$(AB - C)^T = B^T A^T - C^T$$", lambda: mats(lambda A, B, C: ((A * B - C).T, B.T * A.T - C.T), [(3, 3)] * 3))
case(V, T, r"$$(K^T K)^T = K^T K$$", lambda: mats(lambda K: ((K.T * K).T, K.T * K), [(2, 3)]))
case(V, T, r"$$(\vec{a}\,\vec{b}^T)^T = \vec{b}\,\vec{a}^T$$", lambda: mats(lambda a, b: ((a * b.T).T, b * a.T), [(3, 1)] * 2), why="arrows")
case(V, T, r"$$(\boldsymbol\theta^T X^T)^T = X\boldsymbol\theta$$", lambda: mats(lambda th, X: ((th.T * X.T).T, X * th), [(3, 1), (4, 3)]),
     context=r"Here $X \in \mathbb{R}^{4 \times 3}$ and $\boldsymbol\theta \in \mathbb{R}^{3}$.")
case(V, T, r"$$(A(B + C))^T = B^T A^T + C^T A^T$$", lambda: mats(lambda A, B, C: ((A * (B + C)).T, B.T * A.T + C.T * A.T), [(3, 3)] * 3))
case(V, T, r"$$(GH)^{T} = H^{T} G^{T}$$", lambda: mats(lambda G, H: ((G * H).T, H.T * G.T), [(3, 3)] * 2))
case(V, F, r"$$(AB)^T = A^T B^T$$", lambda: mats(lambda A, B: ((A * B).T, A.T * B.T), [(2, 3), (3, 2)]), context=R23, why="order kept")
case(V, F, r"$$(ABC)^T = A^T B^T C^T$$", lambda: mats(lambda A, B, C: ((A * B * C).T, A.T * B.T * C.T), [(3, 3)] * 3), why="order kept")
case(V, F, r"$$(PQ)^T = P^T Q^T$$", lambda: mats(lambda P, Q: ((P * Q).T, P.T * Q.T), [(3, 3)] * 2), context=SQ, why="order kept")
case(V, F, r"$$(x^T W)^T = W x$$", lambda: mats(lambda x, W: ((x.T * W).T, W * x), [(3, 1), (3, 3)]),
     context=r"Let $x \in \mathbb{R}^{3}$ and $W \in \mathbb{R}^{3 \times 3}$.", why="transpose of W dropped")
case(V, F, r"$$(A + B)^T = A^T - B^T$$", lambda: mats(lambda A, B: ((A + B).T, A.T - B.T), [(2, 3)] * 2), context=r"Let $A, B \in \mathbb{R}^{2 \times 3}$.")
case(V, F, r"$$(UVW)^\top = U^\top V^\top W^\top$$", lambda: mats(lambda U, V_, W: ((U * V_ * W).T, U.T * V_.T * W.T), [(3, 3)] * 3))
case(V, F, r"$$(Mv)^T = M^T v^T$$", lambda: mats(lambda M, v: ((M * v).T, M.T * v.T), [(3, 3), (3, 1)]),
     context=r"Let $M \in \mathbb{R}^{3 \times 3}$ and $v \in \mathbb{R}^{3}$.", why="the product of the right side is undefined")
case(V, F, r"$$(A^T B)^T = A^T B$$", lambda: mats(lambda A, B: ((A.T * B).T, A.T * B), [(3, 3)] * 2))
case(V, F, r"$$(2A)^T = A^T$$", lambda: mats(lambda A: ((2 * A).T, A.T), [(2, 3)]), why="dropped factor 2")
case(V, F, r"$$(A(B + C))^T = A^T B^T + A^T C^T$$", lambda: mats(lambda A, B, C: ((A * (B + C)).T, A.T * B.T + A.T * C.T), [(3, 3)] * 3))
case(V, F, r"$$(GH)^T = G^T H^T$$", lambda: mats(lambda G, H: ((G * H).T, G.T * H.T), [(3, 3)] * 2))

# ---------------------------------------------------------------------------------------------------
# matrices: products do not commute; numbers in bmatrix
M = "matrices"
case(M, T, r"$$W_2(W_1 x + b_1) + b_2 = W_2 W_1 x + W_2 b_1 + b_2$$",
     lambda: mats(lambda W2, W1, x, b1, b2: (W2 * (W1 * x + b1) + b2, W2 * W1 * x + W2 * b1 + b2), [(2, 3), (3, 4), (4, 1), (3, 1), (2, 1)]))
case(M, T, r"$$A(B + C) = AB + AC$$", lambda: mats(lambda A, B, C: (A * (B + C), A * B + A * C), [(3, 3)] * 3))
case(M, T, r"$$(A + B)C = AC + BC$$", lambda: mats(lambda A, B, C: ((A + B) * C, A * C + B * C), [(3, 3)] * 3))
case(M, T, r"$$(A + B)^2 = A^2 + AB + BA + B^2$$", lambda: mats(lambda A, B: ((A + B) * (A + B), A * A + A * B + B * A + B * B), [(3, 3)] * 2))
case(M, T, r"$$\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} \begin{bmatrix} 1 \\ -1 \end{bmatrix} = \begin{bmatrix} -1 \\ -1 \end{bmatrix}$$",
     lambda: mats(lambda: (mp.matrix([[1, 2], [3, 4]]) * mp.matrix([[1], [-1]]), mp.matrix([[-1], [-1]])), []))
case(M, T, r"$$\begin{bmatrix} 0.5 & -1 \\ 2 & 0 \end{bmatrix}\begin{bmatrix} 2 \\ 1 \end{bmatrix} + \begin{bmatrix} 1 \\ -1 \end{bmatrix} = \begin{bmatrix} 1 \\ 3 \end{bmatrix}$$",
     lambda: mats(lambda: (mp.matrix([[0.5, -1], [2, 0]]) * mp.matrix([[2], [1]]) + mp.matrix([[1], [-1]]), mp.matrix([[1], [3]])), []))
case(M, T, r"$$\begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix} M = M$$", lambda: mats(lambda Mx: (mp.eye(2) * Mx, Mx), [(2, 3)]),
     context=r"Let $M \in \mathbb{R}^{2 \times 3}$.")
case(M, T, r"$$U(V x) = (UV) x$$", lambda: mats(lambda U_, V_, x: (U_ * (V_ * x), (U_ * V_) * x), [(3, 3), (3, 3), (3, 1)]),
     context=r"Let $U, V \in \mathbb{R}^{3 \times 3}$ and $x \in \mathbb{R}^{3}$.")
case(M, T, r"$$\begin{bmatrix} 2 & 1 \\ 0 & 3 \end{bmatrix}^T = \begin{bmatrix} 2 & 0 \\ 1 & 3 \end{bmatrix}$$",
     lambda: mats(lambda: (mp.matrix([[2, 1], [0, 3]]).T, mp.matrix([[2, 0], [1, 3]])), []))
case(M, T, r"$$(AB)C = A(BC)$$", lambda: mats(lambda A, B, C: ((A * B) * C, A * (B * C)), [(2, 3), (3, 4), (4, 2)]))
case(M, T, r"$$\begin{bmatrix} 1 & 2 \end{bmatrix}\begin{bmatrix} 3 \\ 4 \end{bmatrix} = 11$$", lambda: exact(1 * 3 + 2 * 4, 11))
case(M, T, r"$$\begin{bmatrix} 1 \\ 2 \end{bmatrix}\begin{bmatrix} 3 & 4 \end{bmatrix} = \begin{bmatrix} 3 & 4 \\ 6 & 8 \end{bmatrix}$$",
     lambda: mats(lambda: (mp.matrix([[1], [2]]) * mp.matrix([[3, 4]]), mp.matrix([[3, 4], [6, 8]])), []))
case(M, T, r"$$W^{[3]}(W^{[2]}(W^{[1]}x)) = W^{[3]}W^{[2]}W^{[1]}x$$",
     lambda: mats(lambda A, B, C, x: (A * (B * (C * x)), A * B * C * x), [(2, 3), (3, 3), (3, 2), (2, 1)]), why="layer-indexed matrices")
case(M, T, r"$$\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} \odot \begin{bmatrix} 2 & 0 \\ 1 & -1 \end{bmatrix} = \begin{bmatrix} 2 & 0 \\ 3 & -4 \end{bmatrix}$$",
     lambda: mats(lambda: (mp.matrix([[1 * 2, 2 * 0], [3 * 1, 4 * -1]]), mp.matrix([[2, 0], [3, -4]])), []), why="element-wise product")
case(M, T, r"$$AB - BA = -(BA - AB)$$", lambda: mats(lambda A, B: (A * B - B * A, -(B * A - A * B)), [(3, 3)] * 2))
case(M, F, r"$$W_2(W_1 x + b_1) + b_2 = W_1 W_2 x + W_2 b_1 + b_2$$",
     lambda: mats(lambda W2, W1, x, b1, b2: (W2 * (W1 * x + b1) + b2, W1 * W2 * x + W2 * b1 + b2), [(3, 3), (3, 3), (3, 1), (3, 1), (3, 1)]), why="swapped order")
case(M, F, r"$$A(B + C) = AB + CA$$", lambda: mats(lambda A, B, C: (A * (B + C), A * B + C * A), [(3, 3)] * 3), why="swapped order")
case(M, F, r"$$(A + B)^2 = A^2 + 2AB + B^2$$", lambda: mats(lambda A, B: ((A + B) * (A + B), A * A + 2 * A * B + B * B), [(3, 3)] * 2), why="AB = BA assumed")
case(M, F, r"$$\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} \begin{bmatrix} 1 \\ -1 \end{bmatrix} = \begin{bmatrix} -1 \\ 1 \end{bmatrix}$$",
     lambda: mats(lambda: (mp.matrix([[1, 2], [3, 4]]) * mp.matrix([[1], [-1]]), mp.matrix([[-1], [1]])), []), why="second entry is -1")
case(M, F, r"$$U(Vx) = (VU)x$$", lambda: mats(lambda U_, V_, x: (U_ * (V_ * x), (V_ * U_) * x), [(3, 3), (3, 3), (3, 1)]),
     context=r"Let $U, V \in \mathbb{R}^{3 \times 3}$ and $x \in \mathbb{R}^{3}$.", why="swapped order")
case(M, F, r"$$\begin{bmatrix} 2 & 1 \\ 0 & 3 \end{bmatrix}^T = \begin{bmatrix} 2 & 1 \\ 0 & 3 \end{bmatrix}$$",
     lambda: mats(lambda: (mp.matrix([[2, 1], [0, 3]]).T, mp.matrix([[2, 1], [0, 3]])), []))
case(M, F, r"$$\begin{bmatrix} 1 & 2 \end{bmatrix}\begin{bmatrix} 3 \\ 4 \end{bmatrix} = 10$$", lambda: exact(1 * 3 + 2 * 4, 10))
case(M, F, r"$$W^{[2]}W^{[1]}x = W^{[1]}W^{[2]}x$$", lambda: mats(lambda A, B, x: (A * B * x, B * A * x), [(3, 3), (3, 3), (3, 1)]), why="swapped order")
case(M, F, r"$$(AB)C = A(CB)$$", lambda: mats(lambda A, B, C: ((A * B) * C, A * (C * B)), [(3, 3)] * 3), why="swapped order")
case(M, F, r"$$\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} \odot \begin{bmatrix} 2 & 0 \\ 1 & -1 \end{bmatrix} = \begin{bmatrix} 4 & -2 \\ 10 & -4 \end{bmatrix}$$",
     lambda: mats(lambda: (mp.matrix([[2, 0], [3, -4]]), mp.matrix([[4, -2], [10, -4]])), []), why="the matrix product written for the element-wise one")

# ---------------------------------------------------------------------------------------------------
# redefinition: a later definition replaces the earlier one for what follows
RD = "redefinition"
SIG_TANH = "$$f(x) = \\sigma(x)$$\n\nNext row of the table:\n\n$$f(x) = \\tanh(x)$$"
TANH_SIG = "$$f(x) = \\tanh(x)$$\n\nNext row of the table:\n\n$$f(x) = \\sigma(x)$$"
PARTS = "## Part 1\n\n$$g(z) = z^2$$\n\n## Part 2\n\n$$g(z) = e^{z}$$"
UPD = "Weight $w = 0.5$, learning rate $\\eta = 0.1$, gradient $g = 2$.\n\n$$w := w - \\eta g$$"
UPD2 = "Weight $w = 1$, learning rate $\\eta = 0.5$, gradient $g = 0.4$ at both steps.\n\n$$w := w - \\eta g$$\n\n$$w := w - \\eta g$$"
SEC = ("$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$\n\n## Section 2\n\nIn this section $\\sigma$ denotes the ReLU instead:\n\n"
       "$$\\sigma(x) = \\max(0, x)$$")
HH = "$$h = 3$$\n\nThe next layer reuses the name:\n\n$$h = 7$$"
LIN = "$$f(x) = 2x$$\n\nNow a different map:\n\n$$f(x) = x + 1$$"
case(RD, T, r"$$f'(x) = 1 - f(x)^2$$", lambda: real(lambda x: d(tanh, x), lambda x: 1 - tanh(x) ** 2), context=SIG_TANH)
case(RD, T, r"$$f'(0) = 1$$", lambda: exact(d(tanh, 0), 1), context=SIG_TANH)
case(RD, T, r"$$f'(x) = f(x)(1 - f(x))$$", lambda: real(lambda x: d(sig, x), lambda x: dsig(x)), context=TANH_SIG)
case(RD, T, r"$$f'(x) = \sigma(x)$$", lambda: real(lambda x: d(softplus, x), sig),
     context="| sigmoid | $f(x) = \\sigma(x)$ |\n| tanh | $f(x) = \\tanh(x)$ |\n| softplus | $f(x) = \\ln(1 + e^{x})$ |")
case(RD, T, r"$$g'(z) = g(z)$$", lambda: real(lambda z: d(lambda t: e ** t, z), lambda z: e ** z), context=PARTS)
case(RD, T, r"$$\frac{du}{dx} = -e^{-x}$$", lambda: real(lambda x: d(lambda t: 1 + e ** -t, x), lambda x: -e ** -x),
     context="$$u = x^2$$\n\nNow let\n\n$$u = 1 + e^{-x}$$")
case(RD, T, r"$$w = 0.3$$", lambda: exact(num("0.5") - num("0.1") * 2, num("0.3")), context=UPD, why="the new value after the update")
case(RD, T, r"$$W_1 = \begin{bmatrix} 0.5 & -1 \\ -1.5 & -1 \end{bmatrix}$$",
     lambda: mats(lambda: (mp.eye(2) - 0.5 * mp.matrix([[1, 2], [3, 4]]), mp.matrix([[0.5, -1], [-1.5, -1]])), []),
     context="$$W_1 = \\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix}, \\quad G = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}, \\quad \\eta = 0.5$$\n\n$$W_1 := W_1 - \\eta G$$")
case(RD, T, r"$$\sigma(-2) = 0$$", lambda: exact(relu(mp.mpf(-2)), 0), context=SEC, why="sigma redefined in a later section")
case(RD, T, r"$$f'(2) = 12$$", lambda: exact(d(lambda t: t ** 3, 2), 12), context="$$f(x) = x^2$$\n\nFor the second example:\n\n$$f(x) = x^3$$")
case(RD, T, r"$$2h = 14$$", lambda: exact(2 * 7, 14), context=HH)
case(RD, T, r"$$w = 0.6$$", lambda: exact(num("1") - 2 * num("0.5") * num("0.4"), num("0.6")), context=UPD2)
case(RD, T, r"$$f(3) = 4$$", lambda: exact(3 + 1, 4), context=LIN)
case(RD, T, r"$$s(0) = \frac{1}{2}$$", lambda: exact(sig(0), Fr(1, 2)),
     context="$$s(x) = \\ln(1 + e^{x})$$\n\nIts derivative gets its own name, reusing the letter:\n\n$$s(x) = \\sigma(x)$$")
case(RD, F, r"$$f'(x) = f(x)(1 - f(x))$$", lambda: real(lambda x: d(tanh, x), lambda x: tanh(x) * (1 - tanh(x))), context=SIG_TANH, why="judged against the old f")
case(RD, F, r"$$f'(0) = \frac{1}{4}$$", lambda: exact(d(tanh, 0), Fr(1, 4)), context=SIG_TANH)
case(RD, F, r"$$g'(z) = 2z$$", lambda: real(lambda z: d(lambda t: e ** t, z), lambda z: 2 * z), context=PARTS)
case(RD, F, r"$$w = 0.5$$", lambda: exact(num("0.5") - num("0.1") * 2, num("0.5")), context=UPD, why="the value before the update")
case(RD, F, r"$$w = 0.8$$", lambda: exact(num("1") - 2 * num("0.5") * num("0.4"), num("0.8")), context=UPD2, why="one update only")
case(RD, F, r"$$f(3) = 6$$", lambda: exact(3 + 1, 6), context=LIN)
case(RD, F, r"$$\sigma(-2) \approx 0.1192$$", lambda: rounds(relu(mp.mpf(-2)), "0.1192"), context=SEC)
case(RD, F, r"$$2h = 6$$", lambda: exact(2 * 7, 6), context=HH)

# ---------------------------------------------------------------------------------------------------
# bar (adjoint) notation: \bar{v} is dL/dv
B = "bar"
B1 = ("Forward pass: $z = wx + b$, $y = \\sigma(z)$ and $L = \\frac{1}{2}(y - t)^2$. "
      "In the backward pass $\\bar{v}$ denotes the derivative of $L$ with respect to $v$.")
B2 = ("Values $x = 2$, $w = 0.5$, $b = -0.5$, $t = 1$; $z = wx + b$, $y = \\sigma(z)$, $L = \\frac{1}{2}(y - t)^2$. "
      "We write $\\bar{v}$ for the derivative of $L$ with respect to $v$.")
B3 = ("Logistic regression: $z = wx + b$, $p = \\sigma(z)$, $L = -t\\ln p - (1 - t)\\ln(1 - p)$. "
      "Bars denote derivatives of $L$: $\\bar{v}$ is the derivative with respect to $v$.")


def _b1(which):
    """dL/dv for B1 as functions of (x, w, b, t) at random points."""
    def L(x, w, b, t):
        return (sig(w * x + b) - t) ** 2 / 2
    return {
        "y": lambda x, w, b, t: sig(w * x + b) - t,
        "z": lambda x, w, b, t: (sig(w * x + b) - t) * dsig(w * x + b),
        "w": lambda x, w, b, t: d(lambda s: L(x, s, b, t), w),
        "b": lambda x, w, b, t: d(lambda s: L(x, w, s, t), b),
        "x": lambda x, w, b, t: d(lambda s: L(s, w, b, t), x),
    }[which]


case(B, T, r"$$\bar{L} = 1$$", lambda: exact(1, 1), context=B1, why="dL/dL = 1")
case(B, T, r"$$\bar{y} = y - t$$", lambda: real(_b1("y"), lambda x, w, b, t: sig(w * x + b) - t, n=4), context=B1)
case(B, T, r"$$\bar{y} = \bar{L}\,(y - t)$$", lambda: real(_b1("y"), lambda x, w, b, t: 1 * (sig(w * x + b) - t), n=4), context=B1)
case(B, T, r"$$\bar{z} = \bar{y}\,\sigma'(z)$$", lambda: real(_b1("z"), lambda x, w, b, t: _b1("y")(x, w, b, t) * dsig(w * x + b), n=4), context=B1)
case(B, T, r"$$\bar{z} = \bar{y}\,y(1 - y)$$", lambda: real(_b1("z"), lambda x, w, b, t: _b1("y")(x, w, b, t) * dsig(w * x + b), n=4), context=B1)
case(B, T, r"$$\bar{w} = \bar{z}\,x$$", lambda: real(_b1("w"), lambda x, w, b, t: _b1("z")(x, w, b, t) * x, n=4), context=B1)
case(B, T, r"$$\bar{b} = \bar{z}$$", lambda: real(_b1("b"), _b1("z"), n=4), context=B1)
case(B, T, r"$$\bar{x} = \bar{z}\,w$$", lambda: real(_b1("x"), lambda x, w, b, t: _b1("z")(x, w, b, t) * w, n=4), context=B1)
case(B, T, r"$$\bar{w} = (y - t)\,y(1 - y)\,x$$", lambda: real(_b1("w"), lambda x, w, b, t: (sig(w * x + b) - t) * dsig(w * x + b) * x, n=4), context=B1)
case(B, T, r"$$\bar{y} = \frac{\partial L}{\partial y}$$", lambda: exact(1, 1), context=B1, why="the notation itself")
case(B, T, r"$$\bar{y} = y - t \approx -0.3775$$", lambda: rounds(sig(mp.mpf("0.5")) - 1, "-0.3775"), context=B2)
case(B, T, r"$$\bar{z} \approx -0.0887$$", lambda: rounds((sig(mp.mpf("0.5")) - 1) * dsig(mp.mpf("0.5")), "-0.0887"), context=B2)
case(B, T, r"$$\bar{w} \approx -0.1774$$", lambda: rounds((sig(mp.mpf("0.5")) - 1) * dsig(mp.mpf("0.5")) * 2, "-0.1774"), context=B2)
case(B, T, r"$$\bar{b} \approx -0.0887$$", lambda: rounds((sig(mp.mpf("0.5")) - 1) * dsig(mp.mpf("0.5")), "-0.0887"), context=B2)
case(B, T, r"$$\bar{L} = 1$$", lambda: exact(1, 1), context=B2)
case(B, T, r"$$\bar{z} = p - t$$",
     lambda: real(lambda x, w, b, t: d(lambda s: -t * mp.log(sig(s * x + b)) - (1 - t) * mp.log(1 - sig(s * x + b)), w) / x,
                  lambda x, w, b, t: sig(w * x + b) - t, n=4, where=lambda x, w, b, t: abs(x) > 0.3), context=B3)
case(B, F, r"$$\bar{z} = \bar{y}\,\sigma(z)$$", lambda: real(_b1("z"), lambda x, w, b, t: _b1("y")(x, w, b, t) * sig(w * x + b), n=4), context=B1,
     why="sigma for sigma'")
case(B, F, r"$$\bar{y} = t - y$$", lambda: real(_b1("y"), lambda x, w, b, t: t - sig(w * x + b), n=4), context=B1, why="sign slip")
case(B, F, r"$$\bar{w} = \bar{z}\,w$$", lambda: real(_b1("w"), lambda x, w, b, t: _b1("z")(x, w, b, t) * w, n=4), context=B1, why="w for x")
case(B, F, r"$$\bar{b} = \bar{z}\,x$$", lambda: real(_b1("b"), lambda x, w, b, t: _b1("z")(x, w, b, t) * x, n=4), context=B1)
case(B, F, r"$$\bar{L} = 0$$", lambda: exact(1, 0), context=B1)
case(B, F, r"$$\bar{y} \approx 0.3775$$", lambda: rounds(sig(mp.mpf("0.5")) - 1, "0.3775"), context=B2, why="sign slip")
case(B, F, r"$$\bar{z} \approx -0.2350$$", lambda: rounds((sig(mp.mpf("0.5")) - 1) * dsig(mp.mpf("0.5")), "-0.2350"), context=B2, why="sigma(z) for sigma'(z)")
case(B, F, r"$$\bar{w} \approx -0.0887$$", lambda: rounds((sig(mp.mpf("0.5")) - 1) * dsig(mp.mpf("0.5")) * 2, "-0.0887"), context=B2, why="factor x dropped")
case(B, F, r"$$\bar{z} = t - p$$",
     lambda: real(lambda x, w, b, t: d(lambda s: -t * mp.log(sig(s * x + b)) - (1 - t) * mp.log(1 - sig(s * x + b)), w) / x,
                  lambda x, w, b, t: t - sig(w * x + b), n=4, where=lambda x, w, b, t: abs(x) > 0.3), context=B3, why="sign slip")

# ---------------------------------------------------------------------------------------------------
# implied definitions and indexed families
FA = "families"
F1 = "Let $p_i = \\frac{e^{z_i}}{\\sum_{k=1}^{3} e^{z_k}}$ for every $i$, with logits $z_1 = 1$, $z_2 = 2$, $z_3 = 3$."
F2 = "Let $p_i = \\frac{e^{z_i}}{\\sum_k e^{z_k}}$ for every class $i$."
F3 = "$$h^{(1)} = \\operatorname{ReLU}(a^{(1)}), \\quad a^{(1)} = w x$$\n\nwith $w = 2$ and $x = -1.5$."
F4 = "For every $k$ define\n\n$$f_k(x) = \\frac{1}{2k}\\ln(1 + e^{-2kx})$$"
F5 = "The target is one-hot over $K = 3$ classes: $y_2 = 1$ and the other two $y_k$ are zero."
F6 = ("$\\delta_j = \\delta_o v_j h_j (1 - h_j)$ for each hidden unit $j$, with $\\delta_o = -0.1$, $v_1 = 0.5$, "
      "$v_2 = -1$, $h_1 = 0.6$ and $h_2 = 0.3$.")
_E = [e ** k for k in (1, 2, 3)]
case(FA, T, r"$$p_1 + p_2 + p_3 = 1$$", lambda: exact(sum(_E) / sum(_E), 1), context=F1)
case(FA, T, r"$$p_2 \approx 0.2447$$", lambda: rounds(_E[1] / sum(_E), "0.2447"), context=F1)
case(FA, T, r"$$\frac{p_3}{p_1} = e^{2}$$", lambda: exact(_E[2] / _E[0], e ** 2), context=F1)
case(FA, T, r"$$p_3 \approx 0.6652$$", lambda: rounds(_E[2] / sum(_E), "0.6652"), context=F1)
case(FA, T, r"$$p_1 = \frac{e}{e + e^2 + e^3}$$", lambda: exact(_E[0] / sum(_E), e / (e + e ** 2 + e ** 3)), context=F1)
case(FA, T, r"$$\frac{p_i}{p_j} = e^{z_i - z_j}$$", lambda: real(lambda a, b, c: e ** a / e ** b, lambda a, b, c: e ** (a - b), n=3), context=F2)
case(FA, T, r"$$\sum_i p_i = 1$$", lambda: real(lambda a, b, c: sum(e ** v for v in (a, b, c)) / sum(e ** v for v in (a, b, c)), lambda a, b, c: 1, n=3), context=F2)
case(FA, T, r"$$\ln p_i - \ln p_j = z_i - z_j$$", lambda: real(lambda a, b: mp.log(e ** a / (e ** a + e ** b)) - mp.log(e ** b / (e ** a + e ** b)), lambda a, b: a - b, n=2),
     context=F2)
case(FA, T, r"$$h^{(1)} = 0$$", lambda: exact(relu(mp.mpf(2) * mp.mpf("-1.5")), 0), context=F3, why="a^{(1)} defined on the same line, after its use")
case(FA, T, r"$$a^{(1)} = -3$$", lambda: exact(mp.mpf(2) * mp.mpf("-1.5"), -3), context=F3)
case(FA, T, r"$$f_1(0) = \frac{\ln 2}{2}$$", lambda: exact(mp.log(2) / 2, mp.log(2) / 2), context=F4, why="f_k is a family of definitions, not a claim")
case(FA, T, r"$$f_k'(x) = -\frac{e^{-2kx}}{1 + e^{-2kx}}$$",
     lambda: real(lambda x, k: d(lambda t: mp.log(1 + e ** (-2 * k * t)) / (2 * k), x), lambda x, k: -e ** (-2 * k * x) / (1 + e ** (-2 * k * x)), n=2,
                  where=lambda x, k: k > 0.2), context=F4)
case(FA, T, r"$$\sum_{k=1}^{3} y_k = 1$$", lambda: exact(0 + 1 + 0, 1), context=F5, why="one-hot stated in words")
case(FA, T, r"$$-\sum_{k=1}^{3} y_k \ln p_k = -\ln p_2$$",
     lambda: real(lambda a, b, c: -mp.log(e ** b / (e ** a + e ** b + e ** c)), lambda a, b, c: -mp.log(e ** b / (e ** a + e ** b + e ** c)), n=3),
     context=F5 + " Here $p_k$ are softmax outputs.")
case(FA, T, r"$$\delta_1 = -0.012$$", lambda: exact(num("-0.1") * num("0.5") * num("0.6") * num("0.4"), num("-0.012")), context=F6)
case(FA, T, r"$$\delta_2 = 0.021$$", lambda: exact(num("-0.1") * -1 * num("0.3") * num("0.7"), num("0.021")), context=F6)
case(FA, F, r"$$p_1 + p_2 + p_3 = 0.99$$", lambda: exact(1, num("0.99")), context=F1)
case(FA, F, r"$$p_2 \approx 0.2477$$", lambda: rounds(_E[1] / sum(_E), "0.2477"), context=F1)
case(FA, F, r"$$\frac{p_i}{p_j} = e^{z_j - z_i}$$", lambda: real(lambda a, b: e ** a / e ** b, lambda a, b: e ** (b - a), n=2), context=F2, why="sign slip")
case(FA, F, r"$$\delta_2 = -0.021$$", lambda: exact(num("-0.1") * -1 * num("0.3") * num("0.7"), num("-0.021")), context=F6, why="sign slip")
case(FA, F, r"$$h^{(1)} = -3$$", lambda: exact(relu(mp.mpf(-3)), -3), context=F3, why="ReLU forgotten")
case(FA, F, r"$$f_1(0) = \ln 2$$", lambda: exact(mp.log(2) / 2, mp.log(2)), context=F4, why="factor 1/(2k) dropped")
case(FA, U, r"$$p_2 = 0.3$$", lambda: undecidable("the logits are not given"), context=F2)
case(FA, U, r"$$q_1 > q_2$$", lambda: undecidable("depends on logits that are not given"), context="Let $q_i = \\frac{e^{z_i}}{\\sum_k e^{z_k}}$.")

# ---------------------------------------------------------------------------------------------------
# names: multi-letter, letter-digit, a variable named e, Greek function names
N = "names"
case(N, T, r"$$out_{h1} = \frac{1}{1 + e^{-net_{h1}}} \approx 0.5933$$", lambda: rounds(sig(mp.mpf("0.3775")), "0.5933"), context="$net_{h1} = 0.3775$")
case(N, T, r"$$E_{o1} = \frac{1}{2}(target_{o1} - out_{o1})^2 \approx 0.2345$$", lambda: rounds((num("0.05") - num("0.7349")) ** 2 / 2, "0.2345"),
     context="$target_{o1} = 0.05$, $out_{o1} = 0.7349$")
case(N, T, r"$$e^2 = 0.25$$", lambda: exact(num("0.5") ** 2, num("0.25")), context="We call the prediction error $e$; here $e = 0.5$.", why="e is a variable here")
case(N, T, r"$$z1 + z2 = 1$$", lambda: exact(2 - 1, 1), context="$z1 = 2$, $z2 = -1$")
case(N, T, r"$$h1 \cdot h2 = 0.125$$", lambda: exact(num("0.5") * num("0.25"), num("0.125")), context="$h1 = 0.5$, $h2 = 0.25$")
case(N, T, r"$$\phi'(u) = \phi(u)(1 - \phi(u))$$", lambda: real(lambda u: d(sig, u), dsig), context="$$\\phi(u) = \\frac{1}{1 + e^{-u}}$$")
case(N, T, r"$$1 - y2 = 0.7$$", lambda: exact(1 - num("0.3"), num("0.7")), context="$y2 = 0.3$")
case(N, T, r"$$\text{CE} \approx 1.3863$$", lambda: rounds(-mp.log(num("0.25")), "1.3863"), context="$\\text{CE} = -\\ln 0.25$")
case(N, T, r"$$2\mathcal{L} = 0.8$$", lambda: exact(2 * num("0.4"), num("0.8")), context="$\\mathcal{L} = 0.4$")
case(N, T, r"$$E_{total} - E_{o1} = 0.05$$", lambda: exact(num("0.3") - num("0.25"), num("0.05")), context="$E_{total} = 0.3$, $E_{o1} = 0.25$")
case(N, T, r"$$e^{0} = 1$$", lambda: exact(e ** 0, 1), why="e is Euler's number when nothing binds it")
case(N, T, r"$$1 - \hat{y1} = 0.2$$", lambda: exact(1 - num("0.8"), num("0.2")), context="$\\hat{y1} = 0.8$")
case(N, T, r"$$w_{old} - w_{new} = 0.05$$", lambda: exact(num("0.5") - num("0.45"), num("0.05")), context="$w_{new} = 0.45$, $w_{old} = 0.5$")
case(N, T, r"$$10 \cdot \text{lr} = 1$$", lambda: exact(10 * num("0.1"), 1), context="$\\text{lr} = 0.1$")
case(N, T, r"$$\psi'(t) = (1 + t)e^{t}$$", lambda: real(lambda t: d(lambda s: s * e ** s, t), lambda t: (1 + t) * e ** t), context="$$\\psi(t) = t e^{t}$$")
case(N, T, r"$$a_{out}(1 - a_{out}) = 0.09$$", lambda: exact(num("0.9") * num("0.1"), num("0.09")), context="$a_{out} = 0.9$")
case(N, T, r"$$out_{o1} = \sigma(net_{o1}) \approx 0.7514$$", lambda: rounds(sig(num("1.1059")), "0.7514"), context="$net_{o1} = 1.1059$")
case(N, F, r"$$out_{h1} = \frac{1}{1 + e^{-net_{h1}}} \approx 0.4067$$", lambda: rounds(sig(mp.mpf("0.3775")), "0.4067"), context="$net_{h1} = 0.3775$",
     why="sign in the exponent")
case(N, F, r"$$e^2 \approx 7.389$$", lambda: rounds(num("0.5") ** 2, "7.389"), context="We call the prediction error $e$; here $e = 0.5$.", why="e is bound to 0.5")
case(N, F, r"$$z1 + z2 = 3$$", lambda: exact(2 - 1, 3), context="$z1 = 2$, $z2 = -1$")
case(N, F, r"$$\phi'(u) = \phi(u)(1 + \phi(u))$$", lambda: real(lambda u: d(sig, u), lambda u: sig(u) * (1 + sig(u))), context="$$\\phi(u) = \\frac{1}{1 + e^{-u}}$$")
case(N, F, r"$$\text{CE} \approx 0.6021$$", lambda: rounds(-mp.log(num("0.25")), "0.6021"), context="$\\text{CE} = -\\ln 0.25$", why="log10 for ln")
case(N, F, r"$$a_{out}(1 - a_{out}) = 0.9$$", lambda: exact(num("0.9") * num("0.1"), num("0.9")), context="$a_{out} = 0.9$")
case(N, F, r"$$out_{o1} = \sigma(net_{o1}) \approx 0.7515$$", lambda: rounds(sig(num("1.1059")), "0.7515"), context="$net_{o1} = 1.1059$")

# ---------------------------------------------------------------------------------------------------
# approximations: \approx to a written number allows the rounding of its last digit, in every form
A = "approx"
for text, value, written, truth, why in [
    (r"\sigma(100) \approx 1", sig(100), "1", T, "an integer after approx"),
    (r"e^7 \approx 1097", e ** 7, "1097", T, "1096.633"),
    (r"0.25^{10} \approx 9.5 \times 10^{-7}", mp.mpf("0.25") ** 10, "9.5e-7", T, "scientific notation"),
    (r"\sigma(2) \approx 88\%", sig(2), "88%", T, "a percentage"),
    (r"\sigma(10) \approx 0.99995", sig(10), "0.99995", T, ""),
    (r"e^{-5} \approx 0.0067", e ** -5, "0.0067", T, ""),
    (r"\tanh(3) \approx 0.995", tanh(3), "0.995", T, ""),
    (r"\ln 2 \approx 0.693", mp.log(2), "0.693", T, ""),
    (r"\sqrt{2/\pi} \approx 0.798", mp.sqrt(2 / mp.pi), "0.798", T, ""),
    (r"e^{10} \approx 2.2 \times 10^{4}", e ** 10, "2.2e4", T, "two significant digits"),
    (r"\sigma(-3) \approx 4.7\%", sig(-3), "4.7%", T, ""),
    (r"e^{-10} \approx 4.54 \times 10^{-5}", e ** -10, "4.54e-5", T, ""),
    (r"0.9^{10} \approx 0.35", mp.mpf("0.9") ** 10, "0.35", T, ""),
    (r"\sigma(0.5) \approx 0.62", sig(mp.mpf("0.5")), "0.62", T, ""),
    (r"e \approx 2.718", e, "2.718", T, ""),
    (r"\sigma(-10) \approx 4.5e-5", sig(-10), "4.5e-5", T, "e-notation inside math"),
    (r"\frac{1}{1 + e^{-1}} \approx 73.1\%", sig(1), "73.1%", T, ""),
    (r"\tanh(0.1) \approx 0.0997", tanh(mp.mpf("0.1")), "0.0997", T, ""),
    (r"\tanh(0.1) \approx 0.1", tanh(mp.mpf("0.1")), "0.1", T, "one decimal"),
    (r"\ln(1 + e^{5}) \approx 5.0067", softplus(5), "5.0067", T, ""),
    (r"2^{-20} \approx 9.54 \times 10^{-7}", mp.mpf(2) ** -20, "9.54e-7", T, ""),
    (r"\sigma(1) \approx 0.7", sig(1), "0.7", T, ""),
    (r"\pi \approx 3.14", mp.pi, "3.14", T, ""),
    (r"e^{0.5} \approx 1.6487", e ** mp.mpf("0.5"), "1.6487", T, ""),
    (r"1 - \sigma(4) \approx 1.8\%", 1 - sig(4), "1.8%", T, ""),
    (r"\sigma(6) \approx 0.9975", sig(6), "0.9975", T, ""),
    (r"\operatorname{ReLU}(2.7) \approx 2.7", relu(mp.mpf("2.7")), "2.7", T, "exactly equal"),
    (r"\sigma(100) \approx 0.99", sig(100), "0.99", F, "0.9999... rounds to 1.00"),
    (r"e^7 \approx 1096", e ** 7, "1096", F, "1096.633 rounds to 1097"),
    (r"0.25^{10} \approx 9.5 \times 10^{-6}", mp.mpf("0.25") ** 10, "9.5e-6", F, "power of ten slip"),
    (r"\sigma(2) \approx 8.8\%", sig(2), "8.8%", F, "percent slip"),
    (r"e^{-5} \approx 0.0068", e ** -5, "0.0068", F, ""),
    (r"\tanh(3) \approx 0.996", tanh(3), "0.996", F, ""),
    (r"\ln 2 \approx 0.694", mp.log(2), "0.694", F, ""),
    (r"e^{10} \approx 2.2 \times 10^{5}", e ** 10, "2.2e5", F, "power of ten slip"),
    (r"\sigma(-3) \approx 4.8\%", sig(-3), "4.8%", F, ""),
    (r"0.9^{10} \approx 0.34", mp.mpf("0.9") ** 10, "0.34", F, "truncated"),
    (r"\sigma(0.5) \approx 0.63", sig(mp.mpf("0.5")), "0.63", F, ""),
    (r"\sigma(-10) \approx 4.5e-4", sig(-10), "4.5e-4", F, ""),
    (r"\tanh(0.1) \approx 0.0996", tanh(mp.mpf("0.1")), "0.0996", F, "truncated"),
    (r"\sigma(1) \approx 0.8", sig(1), "0.8", F, ""),
    (r"e^{0.5} \approx 1.6478", e ** mp.mpf("0.5"), "1.6478", F, "digits swapped"),
    (r"1 - \sigma(4) \approx 18\%", 1 - sig(4), "18%", F, "percent slip"),
]:
    case(A, truth, f"$${text}$$", (lambda v=value, w=written: rounds(v, w)), why=why)

# ---------------------------------------------------------------------------------------------------
# rounding: '=' to a decimal allows the rounding of its last digit, no more
RO = "rounding"
for text, value, written, truth, why in [
    (r"\sigma(0.5) = 0.6225", sig(mp.mpf("0.5")), "0.6225", T, ""),
    (r"\sigma(0.5) = 0.622", sig(mp.mpf("0.5")), "0.622", T, ""),
    (r"\tanh(0.5) = 0.4621", tanh(mp.mpf("0.5")), "0.4621", T, ""),
    (r"e^{-2} = 0.1353", e ** -2, "0.1353", T, ""),
    (r"\ln(1 + e) = 1.3133", softplus(1), "1.3133", T, ""),
    (r"0.6225 \cdot 0.3775 = 0.2350", mp.mpf("0.6225") * mp.mpf("0.3775"), "0.2350", T, "0.23499375"),
    (r"-0.125 \cdot 0.6225 = -0.0778", mp.mpf("-0.125") * mp.mpf("0.6225"), "-0.0778", T, "-0.0778125"),
    (r"\frac{1}{1.1353} = 0.8808", 1 / mp.mpf("1.1353"), "0.8808", T, ""),
    (r"0.7311 \cdot 0.2689 = 0.1966", mp.mpf("0.7311") * mp.mpf("0.2689"), "0.1966", T, ""),
    (r"\sigma(-1.5) = 0.1824", sig(mp.mpf("-1.5")), "0.1824", T, ""),
    (r"1 - \tanh^2(1) = 0.42", 1 - tanh(1) ** 2, "0.42", T, ""),
    (r"e^{1.5} = 4.4817", e ** mp.mpf("1.5"), "4.4817", T, ""),
    (r"\frac{e^2}{e^2 + e + 1} = 0.6652", e ** 2 / (e ** 2 + e + 1), "0.6652", T, ""),
    (r"\sigma(3) = 0.95", sig(3), "0.95", T, ""),
    (r"\sigma(0.5) = 0.6224", sig(mp.mpf("0.5")), "0.6224", F, "truncated"),
    (r"\sigma(0.5) = 0.623", sig(mp.mpf("0.5")), "0.623", F, ""),
    (r"\tanh(0.5) = 0.4622", tanh(mp.mpf("0.5")), "0.4622", F, ""),
    (r"e^{-2} = 0.1354", e ** -2, "0.1354", F, ""),
    (r"\ln(1 + e) = 1.3132", softplus(1), "1.3132", F, "truncated"),
    (r"0.6225 \cdot 0.3775 = 0.2349", mp.mpf("0.6225") * mp.mpf("0.3775"), "0.2349", F, "truncated"),
    (r"-0.125 \cdot 0.6225 = -0.0779", mp.mpf("-0.125") * mp.mpf("0.6225"), "-0.0779", F, ""),
    (r"0.7311 \cdot 0.2689 = 0.1965", mp.mpf("0.7311") * mp.mpf("0.2689"), "0.1965", F, "truncated"),
    (r"\sigma(-1.5) = 0.1825", sig(mp.mpf("-1.5")), "0.1825", F, ""),
    (r"e^{1.5} = 4.4816", e ** mp.mpf("1.5"), "4.4816", F, "truncated"),
    (r"\sigma(3) = 0.96", sig(3), "0.96", F, ""),
]:
    case(RO, truth, f"$${text}$$", (lambda v=value, w=written: rounds(v, w)), why=why)

# ---------------------------------------------------------------------------------------------------
# numeric forward and backward passes with givens
NU = "numeric"
N1 = "Given $x_1 = 1$, $x_2 = 0$, $w_{11} = 0.5$, $w_{12} = -1$, $b_1 = 0$ and target $t = 1$."
s5 = sig(mp.mpf("0.5"))
case(NU, T, r"$$z_1 = w_{11}x_1 + w_{12}x_2 + b_1 = 0.5$$", lambda: exact(num("0.5") * 1 - 1 * 0 + 0, num("0.5")), context=N1)
case(NU, T, r"$$h_1 = \sigma(0.5) \approx 0.6225$$", lambda: rounds(s5, "0.6225"), context=N1)
case(NU, T, r"$$\frac{1}{2}(t - 0.6225)^2 \approx 0.0713$$", lambda: rounds((1 - num("0.6225")) ** 2 / 2, "0.0713"), context=N1)
case(NU, T, r"$$-(t - 0.6225) \cdot 0.6225 \cdot 0.3775 \approx -0.0887$$", lambda: rounds(-(1 - num("0.6225")) * num("0.6225") * num("0.3775"), "-0.0887"), context=N1)
case(NU, T, r"$$w_{11} - 0.1 \cdot (-0.0887) = 0.50887$$", lambda: exact(num("0.5") + num("0.00887"), num("0.50887")), context=N1)
case(NU, T, r"$$2(3) - 1.5(1) = 4.5$$", lambda: exact(Fr(6) - Fr(3, 2), Fr(9, 2)), why="implicit products with brackets")
case(NU, T, r"$$-0.4002(0.5998(1 - 0.5998)) \approx -0.0961$$", lambda: rounds(num("-0.4002") * num("0.5998") * (1 - num("0.5998")), "-0.0961"))
case(NU, T, r"$$e^{-x} \cdot -1 = -e^{-x}$$", lambda: real(lambda x: e ** -x * -1, lambda x: -e ** -x), why="a product followed by a negative factor")
case(NU, T, r"$$0.5 \cdot 2 + (-1) \cdot 1 + 0.5 = 0.5$$", lambda: exact(Fr(1) - 1 + Fr(1, 2), Fr(1, 2)))
case(NU, T, r"$$784 \cdot 128 + 128 = 100480$$", lambda: exact(784 * 128 + 128, 100480))
case(NU, T, r"$$6 \cdot 32 + 32 = 224$$", lambda: exact(6 * 32 + 32, 224))
case(NU, T, r"$$224 + 1056 + 1056 + 132 = 2468$$", lambda: exact(224 + 1056 + 1056 + 132, 2468))
case(NU, T, r"$$(3 \cdot 3 \cdot 3 + 1) \cdot 16 = 448$$", lambda: exact((27 + 1) * 16, 448))
case(NU, T, r"$$0.9 - 0.1 \cdot 2 \cdot (0.9 - 1) = 0.92$$", lambda: exact(Fr(9, 10) - Fr(1, 10) * 2 * (Fr(9, 10) - 1), Fr(92, 100)))
case(NU, F, r"$$z_1 = w_{11}x_1 + w_{12}x_2 + b_1 = -0.5$$", lambda: exact(num("0.5"), num("-0.5")), context=N1, why="sign slip")
case(NU, F, r"$$h_1 = \sigma(0.5) \approx 0.6255$$", lambda: rounds(s5, "0.6255"), context=N1, why="digit slip")
case(NU, F, r"$$\frac{1}{2}(t - 0.6225)^2 \approx 0.1425$$", lambda: rounds((1 - num("0.6225")) ** 2 / 2, "0.1425"), context=N1, why="factor 1/2 dropped")
case(NU, F, r"$$-(t - 0.6225) \cdot 0.6225 \cdot 0.3775 \approx 0.0887$$", lambda: rounds(-(1 - num("0.6225")) * num("0.6225") * num("0.3775"), "0.0887"), context=N1,
     why="sign slip")
case(NU, F, r"$$w_{11} - 0.1 \cdot (-0.0887) = 0.49113$$", lambda: exact(num("0.50887"), num("0.49113")), context=N1, why="sign slip")
case(NU, F, r"$$2(3) - 1.5(1) = 7.5$$", lambda: exact(Fr(9, 2), Fr(15, 2)))
case(NU, F, r"$$6 \cdot 32 + 32 = 192$$", lambda: exact(224, 192), why="bias forgotten")
case(NU, F, r"$$224 + 1056 + 1056 + 132 = 2458$$", lambda: exact(2468, 2458))
case(NU, F, r"$$0.9 - 0.1 \cdot 2 \cdot (0.9 - 1) = 0.88$$", lambda: exact(Fr(92, 100), Fr(88, 100)), why="sign slip")

# ---------------------------------------------------------------------------------------------------
# substitution: a side that is the previous side with numbers put in states those values
SU = "substitution"
G1 = "Given $w_1 = 0.5$, $x_1 = 2$ and $b = 1$."
SUB4 = "$$y = \\sigma(w x + b) = \\sigma(2 \\cdot 1.5 - 1)$$"
SUB10 = "$$z = w_1 x_1 + w_2 x_2 = 0.5 \\cdot 2 + (-1) \\cdot 3$$"
SUB11 = "$$a = \\sigma(w x) = \\sigma(0.5 \\cdot 4)$$"
case(SU, T, r"$$\sigma(w_1 x_1 + b) = \sigma(0.5 \cdot 2 + 1)$$", lambda: exact((lambda w1, x1, b: sig(w1 * x1 + b))(num("0.5"), 2, 1), sig(num("0.5") * 2 + 1)), why="no givens: the step states w_1 = 0.5, x_1 = 2, b = 1")
case(SU, T, r"$$\sigma(w_1 x_1 + b) = \sigma(0.5 \cdot 2 + 1)$$", lambda: exact(num("0.5") * 2 + 1, 2), context=G1)
case(SU, T, r"$$\sigma(C_{21}x_1 + C_{22}x_2 + b_2) = \sigma(2(0) + 3(1) + 2.5)$$", lambda: exact((lambda c1, x1, c2, x2, b2: c1 * x1 + c2 * x2 + b2)(2, 0, 3, 1, num("2.5")), 2 * 0 + 3 * 1 + num("2.5")), why="values put in, nothing to contradict")
case(SU, T, r"$$w x + b = 2$$", lambda: exact(2 * num("1.5") - 1, 2), context=SUB4, why="the substitution of the context bound w, x, b")
case(SU, T, r"$$\sigma(w x + b) = \sigma(2)$$", lambda: exact(2 * num("1.5") - 1, 2), context=SUB4)
case(SU, T, r"$$\frac{1}{2}(t - y)^2 = \frac{1}{2}(1 - 0.8)^2$$", lambda: exact((lambda t, y: (t - y) ** 2 / 2)(1, num("0.8")), (1 - num("0.8")) ** 2 / 2), why="states t = 1, y = 0.8")
case(SU, T, r"$$\max(0, w x + b) = \max(0, -1 \cdot 2 + 0.5)$$", lambda: exact((lambda w, x, b: relu(w * x + b))(-1, 2, num("0.5")), relu(-1 * 2 + num("0.5"))))
case(SU, T, r"$$\tanh(w x) = \tanh(0.3 \cdot 2)$$", lambda: exact((lambda w, x: tanh(w * x))(num("0.3"), 2), tanh(num("0.3") * 2)), context="Given $x = 2$.", why="states w = 0.3, agrees with x = 2")
case(SU, T, r"$$(y - t)\,y(1 - y) = (0.6 - 1) \cdot 0.6 \cdot 0.4$$", lambda: exact((lambda y, t: (y - t) * y * (1 - y))(num("0.6"), 1), (num("0.6") - 1) * num("0.6") * num("0.4")))
case(SU, T, r"$$\sigma(z) = \sigma(-2)$$", lambda: exact(Fr(1, 2) * 2 - 3, -2), context=SUB10)
case(SU, T, r"$$a(1 - a) \approx 0.1050$$", lambda: rounds(dsig(2), "0.1050"), context=SUB11)
case(SU, T, r"$$e^{-(w x + b)} = e^{-(1 \cdot 0 + 0)}$$", lambda: exact((lambda w, x, b: e ** -(w * x + b))(1, 0, 0), e ** -(1 * 0 + 0)))
case(SU, F, r"$$\sigma(w_1 x_1 + b) = \sigma(0.5 \cdot 3 + 1)$$", lambda: exact(num("0.5") * 2 + 1, num("0.5") * 3 + 1), context=G1,
     why="x_1 = 2 was given, 3 is put in")
case(SU, F, r"$$w x + b = 2.5$$", lambda: exact(2 * num("1.5") - 1, num("2.5")), context=SUB4)
case(SU, F, r"$$\tanh(w x) = \tanh(0.3 \cdot 3)$$", lambda: exact(2, 3), context="Given $x = 2$.", why="x = 2 was given")
case(SU, F, r"$$\sigma(z) = \sigma(2)$$", lambda: exact(sig(-2), sig(2)), context=SUB10, why="z = -2")
case(SU, F, r"$$a(1 - a) \approx 0.2350$$", lambda: rounds(dsig(2), "0.2350"), context=SUB11)
case(SU, F, r"$$\frac{1}{2}(t - y)^2 = \frac{1}{2}(0.8 - 0.8)^2$$", lambda: exact(1, num("0.8")), context="Given $t = 1$ and $y = 0.8$.",
     why="t = 1 was given")
case(SU, F, r"$$\max(0, w x + b) = \max(0, 1 \cdot 2 + 0.5)$$", lambda: exact(relu(-2 + num("0.5")), relu(2 + num("0.5"))),
     context="Given $w = -1$, $b = 0.5$ and $x = 2$.", why="sign of w dropped")
case(SU, F, r"$$(y - t)\,y(1 - y) = (0.6 - 1) \cdot 0.6 \cdot 0.6$$", lambda: exact(num("0.4"), num("0.6")), context="Given $y = 0.6$ and $t = 1$.",
     why="1 - y = 0.4")

# ---------------------------------------------------------------------------------------------------
# conversion noise: blockquotes, bullets, bold, question numbers, tags, typographic apostrophes
NO = "noise"
case(NO, T, r"> $$\sigma(0) = \frac{1}{2}$$", lambda: exact(sig(0), Fr(1, 2)), why="a blockquote marker is not 'greater than'")
case(NO, T, r"- $$\tanh(0) = 0$$", lambda: exact(tanh(0), 0), why="a bullet")
case(NO, T, r"$$**\sigma(-x) = 1 - \sigma(x)**$$", lambda: real(lambda x: sig(-x), lambda x: 1 - sig(x)), why="stray bold markers")
case(NO, T, r"$$3. \sigma'(0) = 0.25$$", lambda: exact(dsig(0), Fr(1, 4)), why="a question number glued to the math")
case(NO, T, r"$$\sigma(0) = 0.5 \tag{4}$$", lambda: exact(sig(0), Fr(1, 2)))
case(NO, T, r"- $$- e^{z_A} = -e^{7}$$", lambda: exact(-e ** 7, -e ** 7), context="Given $z_A = 7$.", why="the minus sign is kept (the reading that is right)")
case(NO, T, r"$$\sigma(1) \approx 0.7311 \quad (2)$$", lambda: rounds(sig(1), "0.7311"), why="a trailing equation number")
case(NO, T, r"> > $$e^{0} = 1$$", lambda: exact(e ** 0, 1), why="nested quotes")
case(NO, T, r"**Answer:** $\sigma(2) \approx 0.8808$.", lambda: rounds(sig(2), "0.8808"))
case(NO, T, r"$$\sigma(0) = 0.5.$$", lambda: exact(sig(0), Fr(1, 2)), why="a trailing full stop")
case(NO, T, "$$= \\frac{1}{1 + 1}\n\n= \\frac{1}{2}$$", lambda: exact(Fr(1, 2), Fr(1, 2)), context="$$\\sigma(0) = \\frac{1}{1 + e^{0}}$$",
     why="a $$ block with a blank line inside")
case(NO, T, r"* $\operatorname{ReLU}(-3) = 0$", lambda: exact(relu(mp.mpf(-3)), 0), why="an asterisk bullet")
case(NO, T, r"1. $$\max(0, 2) = 2$$", lambda: exact(max(0, 2), 2), why="a numbered list item")
case(NO, T, r"$$\sigma(x)\,(1 - \sigma(x)) = \sigma’(x)$$", lambda: real(dsig, lambda x: d(sig, x)), why="a typographic apostrophe")
case(NO, T, r"$$\sigma(0) \approxeq 0.5$$", lambda: rounds(sig(0), "0.5"), why="\\approxeq is approx")
case(NO, T, r">$$x^2 = 4$$", lambda: exact(2 ** 2, 4), context="Given $x = 2$:", why="a quote marker without a space")
case(NO, F, r"> $$\sigma(0) = 1$$", lambda: exact(sig(0), 1))
case(NO, F, r"- $$\tanh(0) = 1$$", lambda: exact(tanh(0), 1))
case(NO, F, r"$$3. \sigma'(0) = 0.5$$", lambda: exact(dsig(0), Fr(1, 2)), why="the question number must not be read as a factor")
case(NO, F, r"**Answer:** $\sigma(2) \approx 0.8807$.", lambda: rounds(sig(2), "0.8807"), why="truncated")
case(NO, F, r"$$\sigma(0) \approxeq 0.4$$", lambda: rounds(sig(0), "0.4"))

# ---------------------------------------------------------------------------------------------------
# conventions: ReLU'(0) is 0 (the documented left derivative), log is the natural log
CO = "conventions"
H_DEF = "$$H(x) = \\begin{cases} 0 & x < 0 \\\\ 1 & x \\ge 0 \\end{cases}$$"
case(CO, T, r"$$\operatorname{ReLU}'(0) = 0$$", lambda: exact(mp.diff(relu, 0, direction=-1), 0), why="the documented convention (left derivative)")
case(CO, T, r"$$\operatorname{ReLU}'(3) = 1$$", lambda: exact(d(relu, 3), 1))
case(CO, T, r"$$\operatorname{ReLU}'(-2) = 0$$", lambda: exact(d(relu, -2), 0))
case(CO, T, r"$$\frac{d}{dx}\max(0, x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}$$",
     lambda: real(lambda x: d(relu, x), lambda x: 1 if x > 0 else 0, where=lambda x: abs(x) > 0.1), why="at 0 the convention gives 0")
case(CO, T, r"$$\ln e = 1$$", lambda: exact(mp.log(e), 1))
case(CO, T, r"$$\log e^{2} = 2$$", lambda: exact(mp.log(e ** 2), 2), why="log is the natural log in this field")
case(CO, T, r"$$\log(1) = 0$$", lambda: exact(mp.log(1), 0))
case(CO, T, r"$$\text{ReLU}(-0.5) = 0$$", lambda: exact(relu(mp.mpf("-0.5")), 0))
case(CO, T, r"$$\max(0.01 \cdot (-3), -3) = -0.03$$", lambda: exact(leaky(mp.mpf(-3)), num("-0.03")))
case(CO, T, r"$$\operatorname{ReLU}(x) = \max(0, x)$$", lambda: real(relu, lambda x: max(mp.mpf(0), x)))
case(CO, T, r"$$H(0) = 1$$", lambda: exact(step(mp.mpf(0)), 1), context=H_DEF)
case(CO, F, r"$$\operatorname{ReLU}'(0) = 2$$", lambda: exact(mp.diff(relu, 0, direction=-1), 2), why="no convention gives 2")
case(CO, F, r"$$\operatorname{ReLU}'(3) = 0$$", lambda: exact(d(relu, 3), 0))
case(CO, F, r"$$\log e^{2} = 0.8686$$", lambda: exact(mp.log(e ** 2), num("0.8686")), why="log10 read for the natural log")
case(CO, F, r"$$\ln e = 0$$", lambda: exact(1, 0))
case(CO, F, r"$$\max(0.01 \cdot (-3), -3) = -3$$", lambda: exact(leaky(mp.mpf(-3)), -3))
case(CO, F, r"$$H(0) = 0$$", lambda: exact(step(mp.mpf(0)), 0), context=H_DEF, why="the student's own definition gives 1 at 0")

# ---------------------------------------------------------------------------------------------------
# chain rules with undefined dependent names: unknown derivatives, never 0
CR = "chainrule"


def _comp(fs, w):  # J(h(w))
    return fs[0](fs[1](w))


case(CR, T, r"$$\frac{\partial J}{\partial w} = \frac{\partial J}{\partial h}\frac{\partial h}{\partial w}$$",
     lambda: funcs(lambda fs, w: d(lambda s: _comp(fs, s), w), lambda fs, w: d(fs[0], fs[1](w)) * d(fs[1], w), 2), why="J(h(w))")
case(CR, T, r"$$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial \hat{y}}\frac{\partial \hat{y}}{\partial z}\frac{\partial z}{\partial w}$$",
     lambda: funcs(lambda fs, w: d(lambda s: fs[0](fs[1](fs[2](s))), w), lambda fs, w: d(fs[0], fs[1](fs[2](w))) * d(fs[1], fs[2](w)) * d(fs[2], w), 3))
case(CR, T, r"$$\frac{dE}{dx} = \frac{dE}{du}\frac{du}{dx}$$",
     lambda: funcs(lambda fs, x: d(lambda s: _comp(fs, s), x), lambda fs, x: d(fs[0], fs[1](x)) * d(fs[1], x), 2))
case(CR, T, r"$$\frac{\partial L}{\partial x} = \frac{\partial L}{\partial a}\frac{\partial a}{\partial x} + \frac{\partial L}{\partial b}\frac{\partial b}{\partial x}$$",
     lambda: funcs(lambda fs, x: d(lambda s: fs[0](fs[1](s)) * fs[2](s) + fs[2](s), x),
                   lambda fs, x: (d(fs[0], fs[1](x)) * fs[2](x)) * d(fs[1], x) + (fs[0](fs[1](x)) + 1) * d(fs[2], x), 3),
     context="The loss $L$ depends on $x$ through two quantities $a$ and $b$.", why="L(a, b) = f0(a) b + b sampled")
case(CR, T, r"$$\frac{d}{dx}\left[f(x)g(x)\right] = f'(x)g(x) + f(x)g'(x)$$",
     lambda: funcs(lambda fs, x: d(lambda s: fs[0](s) * fs[1](s), x), lambda fs, x: d(fs[0], x) * fs[1](x) + fs[0](x) * d(fs[1], x), 2))
case(CR, T, r"$$\frac{d}{dx}\frac{f(x)}{g(x)} = \frac{f'(x)g(x) - f(x)g'(x)}{g(x)^2}$$",
     lambda: funcs(lambda fs, x: d(lambda s: fs[0](s) / (fs[1](s) ** 2 + 1), x),
                   lambda fs, x: (d(fs[0], x) * (fs[1](x) ** 2 + 1) - fs[0](x) * d(lambda s: fs[1](s) ** 2 + 1, x)) / (fs[1](x) ** 2 + 1) ** 2, 2),
     why="g sampled as h^2 + 1 (never 0)")
case(CR, T, r"$$\frac{d}{dx}f(g(x)) = f'(g(x))\,g'(x)$$",
     lambda: funcs(lambda fs, x: d(lambda s: _comp(fs, s), x), lambda fs, x: d(fs[0], fs[1](x)) * d(fs[1], x), 2))
case(CR, T, r"$$\frac{d}{dx}\sigma(f(x)) = \sigma(f(x))(1 - \sigma(f(x)))\,f'(x)$$",
     lambda: funcs(lambda fs, x: d(lambda s: sig(fs[0](s)), x), lambda fs, x: dsig(fs[0](x)) * d(fs[0], x), 1))
case(CR, T, r"$$\frac{d}{dx}\ln f(x) = \frac{f'(x)}{f(x)}$$",
     lambda: funcs(lambda fs, x: d(lambda s: mp.log(fs[0](s) ** 2 + 1), x), lambda fs, x: d(lambda s: fs[0](s) ** 2 + 1, x) / (fs[0](x) ** 2 + 1), 1),
     why="f sampled positive")
case(CR, T, r"$$\frac{d}{dx}e^{f(x)} = f'(x)e^{f(x)}$$", lambda: funcs(lambda fs, x: d(lambda s: e ** fs[0](s), x), lambda fs, x: d(fs[0], x) * e ** fs[0](x), 1))
case(CR, T, r"$$\frac{\partial J}{\partial w} = \frac{\partial J}{\partial h}\frac{\partial h}{\partial h}\frac{\partial h}{\partial w}$$",
     lambda: funcs(lambda fs, w: d(lambda s: _comp(fs, s), w), lambda fs, w: d(fs[0], fs[1](w)) * 1 * d(fs[1], w), 2), why="dh/dh = 1")
case(CR, T, r"$$\frac{\partial J}{\partial w} = 3\frac{\partial J}{\partial h}$$",
     lambda: funcs(lambda fs, w: d(lambda s: fs[0](3 * s), w), lambda fs, w: 3 * d(fs[0], 3 * w), 1), context="Here $h = 3w$.")
case(CR, T, r"$$\frac{d}{dx}f(x)^2 = 2f(x)f'(x)$$", lambda: funcs(lambda fs, x: d(lambda s: fs[0](s) ** 2, x), lambda fs, x: 2 * fs[0](x) * d(fs[0], x), 1))
case(CR, T, r"$$\frac{d}{dx}\left[\frac{1}{f(x)}\right] = -\frac{f'(x)}{f(x)^2}$$",
     lambda: funcs(lambda fs, x: d(lambda s: 1 / (fs[0](s) ** 2 + 1), x), lambda fs, x: -d(lambda s: fs[0](s) ** 2 + 1, x) / (fs[0](x) ** 2 + 1) ** 2, 1))
case(CR, T, r"$$\frac{\partial L}{\partial w_1} = \frac{\partial L}{\partial z}x_1$$",
     lambda: funcs(lambda fs, w1, x1: d(lambda s: fs[0](s * x1 + 0.3), w1), lambda fs, w1, x1: d(fs[0], w1 * x1 + 0.3) * x1, 1, n=2),
     context="$z = w_1 x_1 + w_2 x_2 + b$ and the loss $L$ depends on the weights only through $z$.")
case(CR, T, r"$$\frac{dE}{dx} = 2\frac{dE}{du}$$", lambda: funcs(lambda fs, x: d(lambda s: fs[0](2 * s + 1), x), lambda fs, x: 2 * d(fs[0], 2 * x + 1), 1),
     context="$u = 2x + 1$ and $E$ depends on $x$ through $u$.")
case(CR, F, r"$$\frac{\partial J}{\partial w} = 5\frac{\partial J}{\partial h}$$",
     lambda: funcs(lambda fs, w: d(lambda s: _comp(fs, s), w), lambda fs, w: 5 * d(fs[0], fs[1](w)), 2), why="dh/dw replaced by 5")
case(CR, F, r"$$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial \hat{y}}$$",
     lambda: funcs(lambda fs, w: d(lambda s: _comp(fs, s), w), lambda fs, w: d(fs[0], fs[1](w)), 2), why="the factor dy-hat/dw is missing")
case(CR, F, r"$$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial \hat{y}}\frac{\partial z}{\partial w}$$",
     lambda: funcs(lambda fs, w: d(lambda s: fs[0](fs[1](fs[2](s))), w), lambda fs, w: d(fs[0], fs[1](fs[2](w))) * d(fs[2], w), 3),
     why="missing chain-rule factor dy-hat/dz")
case(CR, F, r"$$\frac{\partial L}{\partial x} = \frac{\partial L}{\partial a}\frac{\partial a}{\partial x}\frac{\partial L}{\partial b}\frac{\partial b}{\partial x}$$",
     lambda: funcs(lambda fs, x: d(lambda s: fs[0](s) + fs[1](s), x), lambda fs, x: d(fs[0], x) * d(fs[1], x), 2),
     context="The loss $L$ depends on $x$ through two quantities $a$ and $b$.", why="paths multiplied instead of added (L = a + b sampled)")
case(CR, F, r"$$\frac{d}{dx}\left[f(x)g(x)\right] = f'(x)g'(x)$$",
     lambda: funcs(lambda fs, x: d(lambda s: fs[0](s) * fs[1](s), x), lambda fs, x: d(fs[0], x) * d(fs[1], x), 2))
case(CR, F, r"$$\frac{d}{dx}\frac{f(x)}{g(x)} = \frac{f'(x)g(x) + f(x)g'(x)}{g(x)^2}$$",
     lambda: funcs(lambda fs, x: d(lambda s: fs[0](s) / (fs[1](s) ** 2 + 1), x),
                   lambda fs, x: (d(fs[0], x) * (fs[1](x) ** 2 + 1) + fs[0](x) * d(lambda s: fs[1](s) ** 2 + 1, x)) / (fs[1](x) ** 2 + 1) ** 2, 2),
     why="sign slip")
case(CR, F, r"$$\frac{d}{dx}f(g(x)) = f'(x)\,g'(x)$$", lambda: funcs(lambda fs, x: d(lambda s: _comp(fs, s), x), lambda fs, x: d(fs[0], x) * d(fs[1], x), 2))
case(CR, F, r"$$\frac{d}{dx}\sigma(f(x)) = \sigma(f(x))(1 - \sigma(f(x)))$$",
     lambda: funcs(lambda fs, x: d(lambda s: sig(fs[0](s)), x), lambda fs, x: dsig(fs[0](x)), 1), why="missing chain-rule factor f'")
case(CR, F, r"$$\frac{d}{dx}\ln f(x) = \frac{1}{f(x)}$$",
     lambda: funcs(lambda fs, x: d(lambda s: mp.log(fs[0](s) ** 2 + 1), x), lambda fs, x: 1 / (fs[0](x) ** 2 + 1), 1), why="missing chain-rule factor f'")
case(CR, F, r"$$\frac{\partial J}{\partial w} = \frac{\partial J}{\partial h}$$",
     lambda: funcs(lambda fs, w: d(lambda s: fs[0](3 * s), w), lambda fs, w: d(fs[0], 3 * w), 1), context="Here $h = 3w$.", why="factor 3 dropped")
case(CR, F, r"$$\frac{d}{dx}f(x)^2 = 2f(x)$$", lambda: funcs(lambda fs, x: d(lambda s: fs[0](s) ** 2, x), lambda fs, x: 2 * fs[0](x), 1))
case(CR, F, r"$$\frac{\partial J}{\partial w} = \frac{\partial J}{\partial h}\frac{\partial w}{\partial h}$$",
     lambda: funcs(lambda fs, w: d(lambda s: fs[0](2 * s), w), lambda fs, w: d(fs[0], 2 * w) / 2, 1), why="inverted factor (h = 2w sampled)")
case(CR, F, r"$$\frac{dE}{dx} = \frac{1}{2}\frac{dE}{du}$$", lambda: funcs(lambda fs, x: d(lambda s: fs[0](2 * s + 1), x), lambda fs, x: d(fs[0], 2 * x + 1) / 2, 1),
     context="$u = 2x + 1$ and $E$ depends on $x$ through $u$.")
case(CR, U, r"$$\frac{\partial L}{\partial w} = 0.3$$", lambda: undecidable("L is not defined: its derivative is unknown"))
case(CR, U, r"$$\frac{\partial J}{\partial h} = h$$", lambda: undecidable("J is not defined"))
case(CR, U, r"$$\frac{\partial L}{\partial y} = -(t - y)$$", lambda: undecidable("L is not defined (it may or may not be the squared error)"))

# ---------------------------------------------------------------------------------------------------
# piecewise functions
P = "piecewise"
ELU = "$$f(x) = \\begin{cases} x & x > 0 \\\\ e^{x} - 1 & x \\le 0 \\end{cases}$$"
AL = "Slope $\\alpha = 0.01$."
case(P, T, r"$$\max(0, x) = \frac{x + |x|}{2}$$", lambda: real(relu, lambda x: (x + abs(x)) / 2))
case(P, T, r"$$|x| = \max(0, x) + \max(0, -x)$$", lambda: real(abs, lambda x: relu(x) + relu(-x)))
case(P, T, r"$$\max(0, x) - \max(0, -x) = x$$", lambda: real(lambda x: relu(x) - relu(-x), lambda x: x))
case(P, T, r"$$\max(\alpha x, x) = \begin{cases} x & x \ge 0 \\ \alpha x & x < 0 \end{cases}$$", lambda: real(lambda x: max(x / 100, x), leaky), context=AL)
case(P, T, r"$$\frac{d}{dx}|x| = \begin{cases} 1 & x > 0 \\ -1 & x < 0 \end{cases}$$",
     lambda: real(lambda x: d(abs, x), lambda x: 1 if x > 0 else -1, where=lambda x: abs(x) > 0.1))
case(P, T, r"$$f(-1) = e^{-1} - 1$$", lambda: exact(e ** -1 - 1, e ** -1 - 1), context=ELU)
case(P, T, r"$$f(2) = 2$$", lambda: exact((lambda x: x if x > 0 else e ** x - 1)(mp.mpf(2)), 2), context=ELU)
case(P, T, r"$$\max(0, -2.5) = 0$$", lambda: exact(relu(mp.mpf("-2.5")), 0))
case(P, T, r"$$\min(0, x) = \frac{x - |x|}{2}$$", lambda: real(lambda x: min(mp.mpf(0), x), lambda x: (x - abs(x)) / 2))
case(P, T, r"$$\max(x, 0.01x) = \max(0.01x, x)$$", lambda: real(lambda x: max(x, x / 100), lambda x: max(x / 100, x)))
case(P, T, r"$$\operatorname{ReLU}(x) + \operatorname{ReLU}(-x) = |x|$$", lambda: real(lambda x: relu(x) + relu(-x), abs))
case(P, T, r"$$\max(0, x) \ge x$$", lambda: holds(lambda x: relu(x) >= x))
case(P, T, r"$$\begin{cases} x & x > 0 \\ 0 & x \le 0 \end{cases} = \max(0, x)$$", lambda: real(lambda x: x if x > 0 else 0, relu))
case(P, F, r"$$\max(0, x) = \frac{x - |x|}{2}$$", lambda: real(relu, lambda x: (x - abs(x)) / 2), why="sign slip")
case(P, F, r"$$|x| = \max(0, x) - \max(0, -x)$$", lambda: real(abs, lambda x: relu(x) - relu(-x)))
case(P, F, r"$$\max(0, x)^2 = \max(0, x^2)$$", lambda: real(lambda x: relu(x) ** 2, lambda x: max(mp.mpf(0), x * x)))
case(P, F, r"$$f(-1) = -1$$", lambda: exact(e ** -1 - 1, -1), context=ELU, why="the x > 0 branch used")
case(P, F, r"$$\max(\alpha x, x) = \begin{cases} x & x \ge 0 \\ -\alpha x & x < 0 \end{cases}$$",
     lambda: real(lambda x: max(x / 100, x), lambda x: x if x >= 0 else -x / 100), context=AL, why="sign slip")
case(P, F, r"$$\max(0, x) \le x$$", lambda: holds(lambda x: relu(x) <= x))
case(P, F, r"$$\frac{d}{dx}|x| = \begin{cases} 1 & x > 0 \\ 1 & x < 0 \end{cases}$$",
     lambda: real(lambda x: d(abs, x), lambda x: 1, where=lambda x: abs(x) > 0.1))

# ---------------------------------------------------------------------------------------------------
# scope: a value stated in prose for one example holds for that sentence only; "given" values hold
SC = "scope"
MAXZ = "The maximum of the slope is at $z = 0$."
AT0 = "At $x = 0$ the slope is $\\sigma'(0) = \\frac{1}{4}$."
AT2 = "For $x = 2$ we get $\\sigma(2) \\approx 0.88$."
case(SC, T, r"$$\sigma'(z) \le \frac{1}{4}$$", lambda: holds(lambda z: dsig(z) <= mp.mpf(1) / 4), context=MAXZ)
case(SC, T, r"$$\sigma'(z) = \sigma(z)(1 - \sigma(z))$$", lambda: real(lambda z: d(sig, z), dsig), context=MAXZ)
case(SC, T, r"$$\sigma(-x) = 1 - \sigma(x)$$", lambda: real(lambda x: sig(-x), lambda x: 1 - sig(x)), context=AT0)
case(SC, T, r"$$\tanh(x) = 2\sigma(2x) - 1$$", lambda: real(tanh, lambda x: 2 * sig(2 * x) - 1), context=AT2)
case(SC, T, r"At $z = 0$ the slope is $\sigma'(z) = \frac{1}{4}$.", lambda: exact(dsig(0), Fr(1, 4)), why="the given and the claim are in one sentence")
case(SC, T, r"If $h = 3w$, then $\frac{\partial J}{\partial w} = 3\frac{\partial J}{\partial h}$.",
     lambda: funcs(lambda fs, w: d(lambda s: fs[0](3 * s), w), lambda fs, w: 3 * d(fs[0], 3 * w), 1))
case(SC, T, r"For $\beta = 1$, $x\sigma(\beta x) = x\sigma(x)$.", lambda: real(lambda x: x * sig(1 * x), lambda x: x * sig(x)))
case(SC, T, r"$$x_1^2 = 4$$", lambda: exact(2 ** 2, 4), context="Given $x_1 = 2$ (used throughout).", why="a given holds for the rest")
case(SC, T, r"$$wx = 1$$", lambda: exact(num("0.5") * 2, 1), context="Let $w = 0.5$ and $x = 2$.")
case(SC, F, r"$$\sigma'(z) = \frac{1}{4}$$", lambda: real(lambda z: d(sig, z), lambda z: mp.mpf(1) / 4), context=MAXZ, why="z = 0 held for one sentence")
case(SC, F, r"$$\sigma'(x) = \frac{1}{4}$$", lambda: real(lambda x: d(sig, x), lambda x: mp.mpf(1) / 4), context=AT0)
case(SC, F, r"$$\sigma(x) \approx 0.88$$", lambda: real(sig, lambda x: mp.mpf("0.88")), context=AT2, why="x = 2 held for one sentence")
case(SC, F, r"$$\frac{\partial J}{\partial w} = 3\frac{\partial J}{\partial h}$$",
     lambda: funcs(lambda fs, w: d(lambda s: fs[0](fs[1](s)), w), lambda fs, w: 3 * d(fs[0], fs[1](w)), 2),
     context="If $h = 3w$, then the factor is three.", why="h = 3w held for that sentence only")
case(SC, F, r"$$x\sigma(\beta x) = x\sigma(x)$$", lambda: real(lambda x, b: x * sig(b * x), lambda x, b: x * sig(x), n=2),
     context="For $\\beta = 1$ swish is the SiLU.")
case(SC, F, r"$$wx = 2$$", lambda: exact(num("0.5") * 2, 2), context="Let $w = 0.5$ and $x = 2$.")

# ---------------------------------------------------------------------------------------------------
# decimal commas and thousands separators, judged from the language of the context
DC = "decimals"
DE = "Die Lernrate ist $\\eta = 0{,}1$."
FR = "On pose $w = 0,3$ et $x = 2$."
DE_P = "Die Eingabe hat $784$ Pixel, die Schicht $128$ Neuronen, und die Lernrate ist $0{,}01$."
case(DC, T, r"$$0{,}5 - \eta \cdot 2 = 0{,}3$$", lambda: exact(num("0.5") - num("0.1") * 2, num("0.3")), context=DE)
case(DC, T, r"$$\sigma(0{,}5) \approx 0{,}6225$$", lambda: rounds(sig(mp.mpf("0.5")), "0.6225"))
case(DC, T, r"$$w x = 0,6$$", lambda: exact(num("0.3") * 2, num("0.6")), context=FR, why="French decimal comma")
case(DC, T, r"$$784 \cdot 128 + 128 = 100.480$$", lambda: exact(784 * 128 + 128, 100480), context=DE_P, why="German thousands point")
case(DC, T, r"$$25{,}088 \cdot 4{,}096 = 102{,}760{,}448$$", lambda: exact(25088 * 4096, 102760448), why="English thousands separators")
case(DC, T, r"$$1{,}5 + 2{,}25 = 3{,}75$$", lambda: exact(Fr(3, 2) + Fr(9, 4), Fr(15, 4)))
case(DC, T, r"$$e^{-1} \approx 0{,}3679$$", lambda: rounds(e ** -1, "0.3679"))
case(DC, T, r"$$2x = 3$$", lambda: exact(2 * Fr(3, 2), 3), context="Sea $x = 1,5$.", why="Spanish decimal comma")
case(DC, T, r"$$\tanh(0{,}5) \approx 0{,}462$$", lambda: rounds(tanh(mp.mpf("0.5")), "0.462"))
case(DC, T, r"$$w_1 + w_2 = 0,25$$", lambda: exact(num("0.5") - num("0.25"), num("0.25")), context="Les poids sont $w_1 = 0,5$ et $w_2 = -0,25$.")
case(DC, T, r"$$0{,}25^{2} = 0{,}0625$$", lambda: exact(Fr(1, 16), Fr(625, 10000)))
case(DC, T, r"$$4,096 \cdot 2 = 8,192$$", lambda: exact(4096 * 2, 8192), context="The layer has 4,096 units.", why="English thousands separators")
case(DC, T, r"$$\frac{1}{2}(1 - 0{,}8)^2 = 0{,}02$$", lambda: exact(Fr(1, 2) * Fr(1, 25), Fr(2, 100)))
case(DC, F, r"$$\sigma(0{,}5) \approx 0{,}6235$$", lambda: rounds(sig(mp.mpf("0.5")), "0.6235"))
case(DC, F, r"$$0{,}5 - \eta \cdot 2 = 0{,}4$$", lambda: exact(num("0.3"), num("0.4")), context=DE)
case(DC, F, r"$$w x = 0,5$$", lambda: exact(num("0.6"), num("0.5")), context=FR)
case(DC, F, r"$$1{,}5 + 2{,}25 = 3{,}5$$", lambda: exact(Fr(15, 4), Fr(7, 2)))
case(DC, F, r"$$784 \cdot 128 + 128 = 100.352$$", lambda: exact(100480, 100352), context=DE_P, why="bias forgotten in the total")

# ---------------------------------------------------------------------------------------------------
# undecidable: properties of quantities nothing defines
UN = "undecidable"
for text, why in [
    (r"\frac{\partial L}{\partial w} > 0", "L is not defined"),
    (r"J(\theta) \le J(\theta_0)", "J is not defined"),
    (r"\frac{\partial^2 L}{\partial w^2} \ge 0", "L is not defined"),
    (r"\nabla_W L = 0", "L is not defined"),
    (r"\frac{\partial E}{\partial y} = y - t", "E is not defined"),
    (r"f(2) = 5", "f is not defined"),
    (r"g'(0) = 1", "g is not defined"),
    (r"\frac{\partial L}{\partial z_2} = -0.1", "L is not defined"),
    (r"\|\nabla L\| < 10^{-3}", "L is not defined"),
]:
    case(UN, U, f"$${text}$$", (lambda w=why: undecidable(w)), why=why)
case(UN, U, r"$$q_1 = 0.5$$", lambda: undecidable("the logits are not given"), context="Let $q_i = \\frac{e^{z_i}}{\\sum_k e^{z_k}}$.")
