"""Smooth activations: softplus, swish and GELU."""

from sympy import Symbol, exp, log, pi, sqrt

from ..functions import gelu, normal_cdf, sigmoid, softplus, swish
from .build import chain, d, over, plus, prime, times, x
from .registry import entry


@entry("softplus-derivative", "The derivative of softplus is the sigmoid", "softplus")
def softplus_derivative():
    return chain(
        "", "", d(softplus(x)),
        (d(log(1 + exp(x))), r"the definition $\operatorname{softplus}(x) = \ln(1 + e^x)$"),
        (over(exp(x), 1 + exp(x)), r"chain rule: $(\ln u)' = \frac{u'}{u}$ with $u = 1 + e^x$"),
        (over(1, plus(exp(-x), 1)), "multiply numerator and denominator by $e^{-x}$"),
        (sigmoid(x), r"the definition of $\sigma$"),
        statement=r"$\operatorname{softplus}'(x) = \sigma(x)$ for every real $x$", assumptions="$x$ real",
    )


@entry("swish-derivative",
       r"The derivative of swish: $\beta \operatorname{swish}(x) + \sigma(\beta x)\bigl(1 - \beta \operatorname{swish}(x)\bigr)$",
       "swish")
def swish_derivative():
    b = Symbol("beta", positive=True)
    s = sigmoid(b * x)
    return chain(
        "", "", d(swish(x, b)),
        (d(x * s), r"the definition $\operatorname{swish}(x) = x \sigma(\beta x)$"),
        (plus(s, times(x, prime(sigmoid, b * x), b)), r"product rule, and the chain rule for $\sigma(\beta x)$"),
        (plus(s, b * x * s * (1 - s)), r"$\sigma' = \sigma(1 - \sigma)$"),
        (plus(b * x * s, s * (1 - b * x * s)),
         r"rearrange: $\sigma + \beta x \sigma - \beta x \sigma^2 = \beta x \sigma + \sigma(1 - \beta x \sigma)$"),
        (b * swish(x, b) + s * (1 - b * swish(x, b)), r"$\operatorname{swish}(x) = x \sigma(\beta x)$"),
        statement=(r"$\operatorname{swish}'(x) = \beta \operatorname{swish}(x) + \sigma(\beta x)"
                   r"\bigl(1 - \beta \operatorname{swish}(x)\bigr)$ for every real $x$"),
        assumptions=r"$x$ real, $\beta > 0$",
    )


@entry("gelu-derivative", r"The derivative of GELU: $\Phi(x) + x \varphi(x)$", "gelu")
def gelu_derivative():
    phi = exp(-x ** 2 / 2) / sqrt(2 * pi)
    return chain(
        "", "", d(gelu(x)),
        (d(x * normal_cdf(x)),
         r"the definition $\operatorname{GELU}(x) = x \Phi(x)$, $\Phi(x) = \frac{1}{2}\left(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\right)$"),
        (plus(normal_cdf(x), times(x, d(normal_cdf(x)))), "product rule"),
        (plus(normal_cdf(x), x * phi),
         r"$\Phi' = \varphi$, the standard normal density $\varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}$"),
        statement=r"$\operatorname{GELU}'(x) = \Phi(x) + x \varphi(x)$ for every real $x$", assumptions="$x$ real",
    )
