"""Stacked linear layers collapse into one linear layer."""

from sympy import MatrixSymbol, symbols

from .build import chain
from .registry import entry

n0, n1, n2 = symbols("n_0 n_1 n_2", integer=True, positive=True)


@entry("linear-collapse", "Two linear layers are one: W_2(W_1x + b_1) + b_2 = (W_2W_1)x + (W_2b_1 + b_2)", "linear")
def linear_collapse():
    W1, W2 = MatrixSymbol("W_1", n1, n0), MatrixSymbol("W_2", n2, n1)
    x, b1, b2 = MatrixSymbol("x", n0, 1), MatrixSymbol("b_1", n1, 1), MatrixSymbol("b_2", n2, 1)
    return chain(
        "", "", W2 * (W1 * x + b1) + b2,
        (W2 * W1 * x + W2 * b1 + b2, "distribute $W_2$ over the sum (the order of matrix factors is kept)"),
        ((W2 * W1) * x + (W2 * b1 + b2), "group: one layer with weights $W = W_2W_1$ and bias $b = W_2b_1 + b_2$"),
        statement="W_2(W_1x + b_1) + b_2 = (W_2W_1)x + (W_2b_1 + b_2)",
        assumptions="W_1 \u2208 R^{n_1\u00d7n_0}, W_2 \u2208 R^{n_2\u00d7n_1}, x \u2208 R^{n_0}, b_1 \u2208 R^{n_1}, b_2 \u2208 R^{n_2}; any sizes",
    )


@entry("linear-collapse-deep", "L linear layers are one linear layer (by induction on L)", "linear")
def linear_collapse_deep():
    m, k = symbols("m k", integer=True, positive=True)
    W, b = MatrixSymbol("W_{l+1}", k, m), MatrixSymbol("b_{l+1}", k, 1)
    A, c, x = MatrixSymbol("A_l", m, n0), MatrixSymbol("c_l", m, 1), MatrixSymbol("x", n0, 1)
    W1, b1 = MatrixSymbol("W_1", m, n0), MatrixSymbol("b_1", m, 1)
    base = chain(
        "linear-collapse-deep-base", "Base case: one layer", W1 * x + b1,
        (W1 * x + b1, "one layer is already of the form $A_1x + c_1$ with $A_1 = W_1$, $c_1 = b_1$"),
    )
    W3, W4 = MatrixSymbol("W_3", k, m), MatrixSymbol("W_4", n2, k)
    b3, b4 = MatrixSymbol("b_3", k, 1), MatrixSymbol("b_4", n2, 1)
    Wa, ba = MatrixSymbol("W_1", n1, n0), MatrixSymbol("b_1", n1, 1)
    Wb, bb = MatrixSymbol("W_2", m, n1), MatrixSymbol("b_2", m, 1)
    four = chain(
        "linear-collapse-deep-four", "Example: four layers", W4 * (W3 * (Wb * (Wa * x + ba) + bb) + b3) + b4,
        (W4 * W3 * Wb * Wa * x + (W4 * W3 * Wb * ba + W4 * W3 * bb + W4 * b3 + b4),
         "apply the step three times: $A = W_4W_3W_2W_1$, $c = W_4W_3W_2b_1 + W_4W_3b_2 + W_4b_3 + b_4$"),
    )
    return chain(
        "", "", W * (A * x + c) + b,
        (W * A * x + W * c + b, "distribute $W_{l+1}$; the order of matrix factors is kept"),
        ((W * A) * x + (W * c + b), "of the same form with $A_{l+1} = W_{l+1}A_l$ and $c_{l+1} = W_{l+1}c_l + b_{l+1}$"),
        statement="if the first l layers compute A_lx + c_l, the first l + 1 compute A_{l+1}x + c_{l+1}; "
                  "by induction, L stacked linear layers compute one linear map (W_L\u22efW_1)x + c_L",
        assumptions="matrices of any compatible sizes", parts=[base, four],
    )
