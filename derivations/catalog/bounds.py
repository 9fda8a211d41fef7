"""Bounds: the vanishing gradient through stacked sigmoids."""

from sympy import IndexedBase, Product, Rational, symbols

from ..functions import sigmoid
from .build import chain, prime
from .registry import entry


@entry("vanishing-gradient", "Vanishing gradients: a product of $n$ sigmoid derivatives is at most $4^{-n}$",
       "sigmoid")
def vanishing_gradient():
    z = IndexedBase("z", real=True)
    i, n = symbols("i n", integer=True, positive=True)
    return chain(
        "", "", Product(prime(sigmoid, z[i]), (i, 1, n)),
        (Product(Rational(1, 4), (i, 1, n)),
         r"each factor lies in $\left(0, \frac{1}{4}\right]$ (entry sigmoid-derivative-bound), "
         "and a product of nonnegative factors grows with each factor", "<="),
        (Rational(1, 4) ** n, "$n$ equal factors"),
        (4 ** (-n), r"$\frac{1}{4} = 4^{-1}$"),
        statement=(r"$\prod_{i=1}^{n} \sigma'(z_i) \le 4^{-n}$: backpropagation through $n$ sigmoid layers "
                   "shrinks the gradient at least geometrically"),
        assumptions=r"$n \ge 1$ layers, real pre-activations $z_1, \ldots, z_n$",
    )
