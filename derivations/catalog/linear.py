"""Stacked linear layers collapse into one linear layer."""

from sympy import MatAdd, MatMul, MatrixSymbol, symbols

from .build import chain
from .proof import Proof
from .registry import entry

n0, n1, n2 = symbols("n_0 n_1 n_2", integer=True, positive=True)


def _grouped(weights, x, bias):
    """``(W)x + (c)`` with the brackets kept: the form of one linear layer."""
    return MatAdd(MatMul(weights, x, evaluate=False), bias, evaluate=False)


@entry("linear-collapse",
       r"Two linear layers are one: $W_2(W_1 x + b_1) + b_2 = (W_2 W_1)x + (W_2 b_1 + b_2)$", "linear")
def linear_collapse():
    W1, W2 = MatrixSymbol("W_1", n1, n0), MatrixSymbol("W_2", n2, n1)
    x, b1, b2 = MatrixSymbol("x", n0, 1), MatrixSymbol("b_1", n1, 1), MatrixSymbol("b_2", n2, 1)
    return chain(
        "", "", W2 * (W1 * x + b1) + b2,
        (W2 * W1 * x + W2 * b1 + b2, "distribute $W_2$ over the sum (the order of matrix factors is kept)"),
        (_grouped(MatMul(W2, W1, evaluate=False), x, MatAdd(W2 * b1, b2, evaluate=False)),
         "group: one layer with weights $W = W_2 W_1$ and bias $b = W_2 b_1 + b_2$"),
        statement=r"$W_2(W_1 x + b_1) + b_2 = (W_2 W_1)x + (W_2 b_1 + b_2)$",
        assumptions=(r"$W_1 \in \mathbb{R}^{n_1 \times n_0}$, $W_2 \in \mathbb{R}^{n_2 \times n_1}$, "
                     r"$x \in \mathbb{R}^{n_0}$, $b_1 \in \mathbb{R}^{n_1}$, $b_2 \in \mathbb{R}^{n_2}$; any sizes"),
    )


@entry("linear-collapse-deep", "$L$ linear layers are one linear layer (by induction on $L$)", "linear")
def linear_collapse_deep():
    m, k = symbols("m k", integer=True, positive=True)
    W, b = MatrixSymbol("W_{l+1}", k, m), MatrixSymbol("b_{l+1}", k, 1)
    A, c, x = MatrixSymbol("A_l", m, n0), MatrixSymbol("c_l", m, 1), MatrixSymbol("x", n0, 1)
    W1, b1 = MatrixSymbol("W_1", m, n0), MatrixSymbol("b_1", m, 1)
    A1, c1 = MatrixSymbol("A_1", m, n0), MatrixSymbol("c_1", m, 1)
    base = Proof(
        "linear-collapse-deep-base", "Base case: one layer", W1 * x + b1, [],
        where={A1: W1, c1: b1},
    )
    from ..derivation import Step

    base.steps = [Step(A1 * x + c1, "one layer is of the form $A_1 x + c_1$, with $A_1 = W_1$ and $c_1 = b_1$")]
    W3, W4 = MatrixSymbol("W_3", k, m), MatrixSymbol("W_4", n2, k)
    b3, b4 = MatrixSymbol("b_3", k, 1), MatrixSymbol("b_4", n2, 1)
    Wa, ba = MatrixSymbol("W_1", n1, n0), MatrixSymbol("b_1", n1, 1)
    Wb, bb = MatrixSymbol("W_2", m, n1), MatrixSymbol("b_2", m, 1)
    four = chain(
        "linear-collapse-deep-four", "Example: four layers", W4 * (W3 * (Wb * (Wa * x + ba) + bb) + b3) + b4,
        (W4 * W3 * Wb * Wa * x + (W4 * W3 * Wb * ba + W4 * W3 * bb + W4 * b3 + b4),
         r"apply the step three times: $A = W_4 W_3 W_2 W_1$, $c = W_4 W_3 W_2 b_1 + W_4 W_3 b_2 + W_4 b_3 + b_4$"),
    )
    return chain(
        "", "", W * (A * x + c) + b,
        (W * A * x + W * c + b, "distribute $W_{l+1}$; the order of matrix factors is kept"),
        (_grouped(MatMul(W, A, evaluate=False), x, MatAdd(W * c, b, evaluate=False)),
         r"of the same form, with $A_{l+1} = W_{l+1} A_l$ and $c_{l+1} = W_{l+1} c_l + b_{l+1}$"),
        statement=(r"if the first $l$ layers compute $A_l x + c_l$, the first $l + 1$ compute $A_{l+1} x + c_{l+1}$; "
                   r"by induction, $L$ stacked linear layers compute one linear map $(W_L \cdots W_1)x + c_L$"),
        assumptions="matrices of any compatible sizes", parts=[base, four],
    )
