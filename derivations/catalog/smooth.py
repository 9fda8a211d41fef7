"""Smooth activations: softplus, swish and GELU."""

from sympy import Symbol, exp, log, pi, sqrt

from ..functions import gelu, normal_cdf, sigmoid, softplus, swish
from .build import chain, d, over, plus, prime, times, x
from .registry import entry


@entry("softplus-derivative", "The derivative of softplus is the sigmoid", "softplus")
def softplus_derivative():
    return chain(
        "", "", d(softplus(x)),
        (d(log(1 + exp(x))), "the definition $\\operatorname{softplus}(x) = \\ln(1 + e^x)$"),
        (over(exp(x), 1 + exp(x)), "chain rule: $(\\ln u)' = u'/u$ with $u = 1 + e^x$"),
        (over(1, plus(exp(-x), 1)), "multiply numerator and denominator by $e^{-x}$"),
        (sigmoid(x), "the definition of \u03c3"),
        statement="softplus'(x) = \u03c3(x)", assumptions="x real",
    )


@entry("swish-derivative", "The derivative of swish: \u03b2 swish(x) + \u03c3(\u03b2x)(1 \u2212 \u03b2 swish(x))", "swish")
def swish_derivative():
    b = Symbol("beta", positive=True)
    s = sigmoid(b * x)
    return chain(
        "", "", d(swish(x, b)),
        (d(x * s), "the definition swish(x) = x\u03c3(\u03b2x)"),
        (plus(s, times(x, prime(sigmoid, b * x), b)), "product rule, and the chain rule for \u03c3(\u03b2x)"),
        (plus(s, b * x * s * (1 - s)), "\u03c3' = \u03c3(1 \u2212 \u03c3)"),
        (plus(b * x * s, s * (1 - b * x * s)), "rearrange: \u03c3 + \u03b2x\u03c3 \u2212 \u03b2x\u03c3\u00b2 = \u03b2x\u03c3 + \u03c3(1 \u2212 \u03b2x\u03c3)"),
        (b * swish(x, b) + s * (1 - b * swish(x, b)), "swish(x) = x\u03c3(\u03b2x)"),
        statement="swish'(x) = \u03b2 swish(x) + \u03c3(\u03b2x)(1 \u2212 \u03b2 swish(x))", assumptions="x real, \u03b2 > 0",
    )


@entry("gelu-derivative", "The derivative of GELU: \u03a6(x) + x\u03c6(x)", "gelu")
def gelu_derivative():
    phi = exp(-x ** 2 / 2) / sqrt(2 * pi)
    return chain(
        "", "", d(gelu(x)),
        (d(x * normal_cdf(x)), "the definition GELU(x) = x\u03a6(x), \u03a6(x) = (1 + erf(x/\u221a2))/2"),
        (plus(normal_cdf(x), times(x, d(normal_cdf(x)))), "product rule"),
        (plus(normal_cdf(x), x * phi), "$\\Phi' = \\phi$, the standard normal density $e^{-x^2/2}/\\sqrt{2\\pi}$"),
        statement="GELU'(x) = \u03a6(x) + x\u03c6(x)", assumptions="x real",
    )
