"""Bounds: the vanishing gradient through stacked sigmoids."""

from sympy import IndexedBase, Product, Rational, symbols

from ..functions import sigmoid
from .build import chain, prime
from .registry import entry


@entry("vanishing-gradient", "Vanishing gradients: a product of n sigmoid derivatives is at most 4^{-n}", "sigmoid")
def vanishing_gradient():
    z = IndexedBase("z", real=True)
    i, n = symbols("i n", integer=True, positive=True)
    return chain(
        "", "", Product(prime(sigmoid, z[i]), (i, 1, n)),
        (Product(Rational(1, 4), (i, 1, n)), "each factor lies in (0, 1/4] (entry sigmoid-derivative-bound), "
                                             "and a product of nonnegative factors grows with each factor", "<="),
        (Rational(1, 4) ** n, "n equal factors"),
        (4 ** (-n), "$1/4 = 4^{-1}$"),
        statement="\u220f_{i=1}^{n} \u03c3'(z_i) \u2264 4^{-n}: backpropagation through n sigmoid layers "
                  "shrinks the gradient at least geometrically",
        assumptions="n \u2265 1 layers, real pre-activations z_1, ..., z_n",
    )
