"""The sigmoid and tanh: derivatives, symmetry, and how they relate."""

from sympy import Rational, S, exp, tanh

from ..functions import sigmoid
from .build import chain, d, over, plus, prime, times, x
from .registry import entry

SIGMA_DEF = "substitute the definition $\\sigma(x) = 1/(1 + e^{-x})$"


@entry("sigmoid-derivative", r"The derivative of the sigmoid: $\sigma' = \sigma(1 - \sigma)$", "sigmoid")
def sigmoid_derivative():
    q = 1 + exp(-x)
    return chain(
        "", "", d(sigmoid(x)),
        (d(1 / q), SIGMA_DEF),
        (over(exp(-x), q ** 2), "quotient rule, with the chain rule for $e^{-x}$: $(e^{-x})' = -e^{-x}$"),
        (times(over(1, q), over(exp(-x), q)), "split the fraction into two factors"),
        (times(over(1, q), over(plus(1, exp(-x), -1), q)), "add and subtract 1 in the numerator"),
        (times(over(1, q), plus(1, -over(1, q))), "divide term by term: $(1 + e^{-x})/(1 + e^{-x}) = 1$"),
        (times(sigmoid(x), 1 - sigmoid(x)), "the definition of $\\sigma$, read backwards"),
        statement=r"$\sigma'(x) = \sigma(x)\bigl(1 - \sigma(x)\bigr)$ for every real $x$",
        assumptions="$x$ real",
    )


@entry("sigmoid-symmetry", r"Symmetry of the sigmoid: $\sigma(-x) = 1 - \sigma(x)$", "sigmoid")
def sigmoid_symmetry():
    q = 1 + exp(-x)
    return chain(
        "", "", sigmoid(-x),
        (over(1, 1 + exp(x)), "the definition of $\\sigma$ at $-x$"),
        (over(exp(-x), plus(exp(-x), 1)), "multiply numerator and denominator by $e^{-x}$"),
        (over(plus(1, exp(-x), -1), q), "add and subtract 1 in the numerator"),
        (plus(1, -over(1, q)), "divide term by term"),
        (1 - sigmoid(x), "the definition of $\\sigma$"),
        statement=r"$\sigma(-x) = 1 - \sigma(x)$ for every real $x$", assumptions="$x$ real",
    )


@entry("tanh-sigmoid", r"$\tanh$ as a shifted, scaled sigmoid: $\tanh x = 2\sigma(2x) - 1$", "tanh")
def tanh_sigmoid():
    return chain(
        "", "", tanh(x),
        (over(exp(x) - exp(-x), exp(x) + exp(-x)), "the definition $\\tanh x = (e^x - e^{-x})/(e^x + e^{-x})$"),
        (over(1 - exp(-2 * x), 1 + exp(-2 * x)), "multiply numerator and denominator by $e^{-x}$"),
        (over(plus(2, -(1 + exp(-2 * x))), 1 + exp(-2 * x)), "write $1 - e^{-2x} = 2 - (1 + e^{-2x})$"),
        (plus(over(2, 1 + exp(-2 * x)), -1), "divide term by term"),
        (2 * sigmoid(2 * x) - 1, "the definition of $\\sigma$ at $2x$"),
        statement=r"$\tanh x = 2\sigma(2x) - 1$ for every real $x$", assumptions="$x$ real",
    )


@entry("tanh-derivative", r"The derivative of $\tanh$: $\tanh' = 1 - \tanh^2$", "tanh")
def tanh_derivative():
    num, den = exp(x) - exp(-x), exp(x) + exp(-x)
    return chain(
        "", "", d(tanh(x)),
        (d(over(num, den)), "the definition of $\\tanh$"),
        (over(den ** 2 - num ** 2, den ** 2), "quotient rule: $(e^x - e^{-x})' = e^x + e^{-x}$ and $(e^x + e^{-x})' = e^x - e^{-x}$"),
        (plus(1, -over(num ** 2, den ** 2)), "divide term by term"),
        (1 - tanh(x) ** 2, "the definition of $\\tanh$"),
        statement=r"$\tanh'(x) = 1 - \tanh^2(x)$ for every real $x$", assumptions="$x$ real",
    )


@entry("tanh-derivative-sigmoid", r"$\tanh'$ through the sigmoid: $\tanh'(x) = 4\sigma(2x)\bigl(1 - \sigma(2x)\bigr)$", "tanh")
def tanh_derivative_sigmoid():
    return chain(
        "", "", d(tanh(x)),
        (d(2 * sigmoid(2 * x) - 1), r"$\tanh x = 2\sigma(2x) - 1$ (entry tanh-sigmoid)"),
        (times(2, prime(sigmoid, 2 * x), 2), "chain rule: the inner derivative of $2x$ is $2$"),
        (times(4, sigmoid(2 * x), 1 - sigmoid(2 * x)), r"$\sigma' = \sigma(1 - \sigma)$ (entry sigmoid-derivative)"),
        statement=r"$\tanh'(x) = 4\sigma(2x)\bigl(1 - \sigma(2x)\bigr)$ for every real $x$", assumptions="$x$ real",
    )


@entry("sigmoid-derivative-bound", "The sigmoid's slope is at most $\\tfrac{1}{4}$, reached at $0$", "sigmoid")
def sigmoid_derivative_bound():
    s = sigmoid(x)
    at_zero = chain(
        "sigmoid-derivative-at-0", "The value at $0$", prime(sigmoid, 0),
        (times(sigmoid(S.Zero, evaluate=False), 1 - sigmoid(S.Zero, evaluate=False)), r"$\sigma' = \sigma(1 - \sigma)$"),
        (times(Rational(1, 2), Rational(1, 2)), "$\\sigma(0) = 1/(1 + e^0) = 1/2$"),
        (Rational(1, 4), "multiply"),
    )
    return chain(
        "", "", d(s),
        (times(s, 1 - s), r"$\sigma' = \sigma(1 - \sigma)$ (entry sigmoid-derivative)"),
        (plus(Rational(1, 4), -(s - Rational(1, 2)) ** 2), r"complete the square: $s(1 - s) = \frac{1}{4} - \left(s - \frac{1}{2}\right)^2$ with $s = \sigma(x)$"),
        (Rational(1, 4), "a square is never negative", "<="),
        statement=r"$\sigma'(x) \le \frac{1}{4}$ for every real $x$, with equality at $x = 0$",
        assumptions="$x$ real", parts=[at_zero],
    )
