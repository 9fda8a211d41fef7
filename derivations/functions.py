"""Activation functions as real SymPy functions.

Each class has exact special values (``eval``), its derivative in the textbook
form (``fdiff``), rewrites (``rewrite(exp)``, ``rewrite(Piecewise)``, sigmoid
<-> tanh), numerics that stay right for large ``|x|`` at any precision
(``evalf``) and LaTeX.  SymPy's own ``tanh`` is used as it is.

>>> from sympy import Symbol, exp
>>> x = Symbol('x')
>>> sigmoid(0), relu(-3), softplus(0)
(1/2, 0, log(2))
>>> sigmoid(x).diff(x)
(1 - sigmoid(x))*sigmoid(x)
>>> sigmoid(x).rewrite(exp)
1/(1 + exp(-x))
>>> sigmoid(-1000).evalf(20)
5.0759588975494567653e-435
"""

from __future__ import annotations

import mpmath
from sympy import (
    Abs,
    Function,
    Max,
    Piecewise,
    Rational,
    S,
    erf,
    erfc,
    exp,
    log,
    pi,
    sqrt,
    tanh,
)
from sympy.core.numbers import Float

from .conventions import value_at_kink

__all__ = [
    "sigmoid", "relu", "leaky_relu", "prelu", "elu", "softplus", "swish", "gelu", "binary_step",
    "identity", "ACTIVATIONS", "normal_cdf",
]

DEFAULT_LEAK = Rational(1, 100)


def _arg_latex(printer, arg) -> str:
    return r"\left(" + printer._print(arg) + r"\right)"


def _named_latex(name: str, printer, args, exp=None) -> str:
    head = name if exp is None else f"{name}^{{{exp}}}"
    inner = ", ".join(printer._print(a) for a in args)
    return head + r"\left(" + inner + r"\right)"


def _mp(value, prec):
    """An mpmath number for an evaluated SymPy number, or None."""
    if not value.is_number:
        return None
    v = value._evalf(prec)
    if not v.is_Float and not v.is_Integer and not v.is_Rational:
        return None
    with mpmath.workprec(prec):  # mpf() rounds to the context's precision: keep every bit
        return mpmath.mpf(v._to_mpmath(prec))


def _evalf_with(func, args, prec):
    """Evaluate ``func`` (an mpmath callable) at the SymPy ``args`` to ``prec`` bits."""
    # a few guard bits, as SymPy's own functions take
    work = prec + 20
    values = [_mp(a, work) for a in args]
    if any(v is None for v in values):
        return None
    with mpmath.workprec(work):
        result = mpmath.mpf(func(*values))
    return Float._new(result._mpf_, prec)


def _kink(x, left, right):
    """Derivative of a function with slopes ``left`` for x<0 and ``right`` for x>0."""
    if left == right:
        return left
    at_zero = value_at_kink(left, right)
    if at_zero == left:
        return Piecewise((right, x > 0), (left, True))
    if at_zero == right:
        return Piecewise((left, x < 0), (right, True))
    return Piecewise((left, x < 0), (right, x > 0), (at_zero, True))


class sigmoid(Function):
    r"""The logistic sigmoid, sigma(x) = 1/(1 + e^{-x}).

    >>> from sympy import Symbol, tanh
    >>> x = Symbol('x')
    >>> sigmoid(x).rewrite(tanh)
    tanh(x/2)/2 + 1/2
    """

    facts = dict(
        range=("open", 0, 1), derivative_bound=Rational(1, 4), argmax_derivative=0,
        limits=(0, 1), monotonic="increasing",
    )
    latex_name = r"\sigma"

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return S.Half
        if x is S.Infinity:
            return S.One
        if x is S.NegativeInfinity:
            return S.Zero
        if x is S.NaN:
            return S.NaN
        return None

    def fdiff(self, argindex=1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return 1 / (1 + exp(-x))

    def _eval_rewrite_as_tanh(self, x, **kwargs):
        return (1 + tanh(x / 2)) / 2

    def _eval_evalf(self, prec):
        def f(v):
            if v >= 0:
                return 1 / (1 + mpmath.exp(-v))
            e = mpmath.exp(v)
            return e / (1 + e)
        return _evalf_with(f, self.args, prec)

    def _eval_is_real(self):
        return self.args[0].is_extended_real

    def _eval_is_positive(self):
        return True if self.args[0].is_extended_real and self.args[0].is_finite else None

    def _eval_is_finite(self):
        return True if self.args[0].is_extended_real else None

    def _latex(self, printer, exp=None):
        return _named_latex(r"\sigma", printer, self.args, exp)


class softplus(Function):
    r"""softplus(x) = ln(1 + e^x), a smooth ReLU whose derivative is sigma.

    >>> from sympy import Symbol
    >>> x = Symbol('x')
    >>> softplus(x).diff(x)
    sigmoid(x)
    """

    facts = dict(range=("open", 0, S.Infinity), derivative_bound=1, limits=(0, S.Infinity),
                 monotonic="increasing")
    latex_name = r"\operatorname{softplus}"

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return log(2)
        if x is S.Infinity:
            return S.Infinity
        if x is S.NegativeInfinity:
            return S.Zero
        return None

    def fdiff(self, argindex=1):
        return sigmoid(self.args[0])

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return log(1 + exp(x))

    _eval_rewrite_as_log = _eval_rewrite_as_exp

    def _eval_evalf(self, prec):
        def f(v):
            if v > 0:
                return v + mpmath.log1p(mpmath.exp(-v))
            return mpmath.log1p(mpmath.exp(v))
        return _evalf_with(f, self.args, prec)

    def _eval_is_real(self):
        return self.args[0].is_extended_real

    def _eval_is_positive(self):
        return True if self.args[0].is_real else None

    def _latex(self, printer, exp=None):
        return _named_latex(self.latex_name, printer, self.args, exp)


class binary_step(Function):
    r"""The binary (Heaviside) step: 0 for x < 0 and 1 for x >= 0.

    An optional second argument is the value at 0 (1 unless given); ReLU's
    derivative is a step whose value at 0 is the chosen convention.
    Its classical derivative is 0 away from 0 (``fdiff`` gives 0).

    >>> binary_step(-2), binary_step(0), binary_step(3), binary_step(0, 0)
    (0, 1, 1, 0)
    """

    nargs = (1, 2)

    facts = dict(range=("set", 0, 1), derivative_bound=0, limits=(0, 1), monotonic="nondecreasing")
    latex_name = r"\operatorname{step}"

    @classmethod
    def eval(cls, x, at_zero=None):
        if at_zero is None:
            return cls(x, S.One)
        if x.is_extended_positive:
            return S.One
        if x.is_extended_negative:
            return S.Zero
        if x.is_zero:
            return at_zero
        return None

    def fdiff(self, argindex=1):
        return S.Zero

    def _eval_rewrite_as_Piecewise(self, x, at_zero=S.One, **kwargs):
        if at_zero == 1:
            return Piecewise((0, x < 0), (1, True))
        return Piecewise((0, x < 0), (1, x > 0), (at_zero, True))

    def _eval_is_real(self):
        return self.args[0].is_extended_real

    def _eval_is_nonnegative(self):
        return True if self.args[0].is_extended_real and self.args[1].is_nonnegative else None

    def _latex(self, printer, exp=None):
        name = self.latex_name
        if self.args[1] != 1:
            name += "_{" + printer._print(self.args[1]) + "}"
        return _named_latex(name, printer, self.args[:1], exp)


class relu(Function):
    r"""ReLU(x) = max(0, x).

    Its derivative is the binary step; the value at 0 follows
    :mod:`derivations.conventions` (0 by default, as in PyTorch).

    >>> from sympy import Symbol, Piecewise
    >>> x = Symbol('x')
    >>> relu(2), relu(-3)
    (2, 0)
    >>> relu(x).rewrite(Piecewise)
    Piecewise((0, x < 0), (x, True))
    """

    facts = dict(range=("closed-open", 0, S.Infinity), derivative_bound=1, limits=(0, S.Infinity),
                 monotonic="nondecreasing")
    latex_name = r"\operatorname{ReLU}"

    @classmethod
    def eval(cls, x):
        if x.is_extended_nonnegative:
            return x
        if x.is_extended_nonpositive:
            return S.Zero
        return None

    def fdiff(self, argindex=1):
        return binary_step(self.args[0], value_at_kink(S.Zero, S.One))

    def _eval_rewrite_as_Piecewise(self, x, **kwargs):
        return Piecewise((0, x < 0), (x, True))

    def _eval_rewrite_as_Max(self, x, **kwargs):
        return Max(0, x)

    def _eval_rewrite_as_Abs(self, x, **kwargs):
        return (x + Abs(x)) / 2

    def _eval_is_real(self):
        return self.args[0].is_extended_real

    def _eval_is_nonnegative(self):
        return True if self.args[0].is_extended_real else None

    def _latex(self, printer, exp=None):
        return _named_latex(self.latex_name, printer, self.args, exp)


class leaky_relu(Function):
    r"""Leaky ReLU: x for x >= 0 and alpha*x for x < 0; alpha is 1/100 unless given.

    alpha may be a symbol.  The derivative is alpha for x < 0 and 1 for x > 0.

    >>> from sympy import Symbol
    >>> x, a = Symbol('x'), Symbol('alpha', positive=True)
    >>> leaky_relu(-2), leaky_relu(-2, a)
    (-1/50, -2*alpha)
    """

    nargs = (1, 2)
    facts = dict(range=("open", S.NegativeInfinity, S.Infinity), derivative_bound=1,
                 limits=(S.NegativeInfinity, S.Infinity), monotonic="increasing (for alpha > 0)")
    latex_name = r"\operatorname{LeakyReLU}"

    @classmethod
    def eval(cls, x, alpha=None):
        if alpha is None:
            return cls(x, DEFAULT_LEAK)
        if x.is_extended_nonnegative:
            return x
        if x.is_extended_negative:
            return alpha * x
        return None

    @property
    def alpha(self):
        return self.args[1]

    def fdiff(self, argindex=1):
        x, alpha = self.args
        if argindex == 1:
            return _kink(x, alpha, S.One)
        return Piecewise((x, x < 0), (0, True))

    def _eval_rewrite_as_Piecewise(self, x, alpha=DEFAULT_LEAK, **kwargs):
        return Piecewise((alpha * x, x < 0), (x, True))

    def _eval_rewrite_as_Max(self, x, alpha=DEFAULT_LEAK, **kwargs):
        return Max(alpha * x, x) if (alpha <= 1) == True else self  # noqa: E712

    def _eval_is_real(self):
        return self.args[0].is_extended_real and self.args[1].is_extended_real

    def _latex(self, printer, exp=None):
        args = self.args if self.args[1] != DEFAULT_LEAK else self.args[:1]
        return _named_latex(self.latex_name, printer, args, exp)


class prelu(leaky_relu):
    r"""Parametric ReLU: leaky ReLU whose slope alpha is a learned parameter.

    >>> from sympy import Symbol
    >>> x, a = Symbol('x'), Symbol('a')
    >>> prelu(x, a).diff(a)
    Piecewise((x, x < 0), (0, True))
    """

    nargs = 2
    latex_name = r"\operatorname{PReLU}"

    @classmethod
    def eval(cls, x, alpha):
        if x.is_extended_nonnegative:
            return x
        if x.is_extended_negative:
            return alpha * x
        return None

    def _latex(self, printer, exp=None):
        return _named_latex(self.latex_name, printer, self.args, exp)


class elu(Function):
    r"""ELU: x for x > 0 and alpha*(e^x - 1) for x <= 0; alpha is 1 unless given.

    >>> from sympy import Symbol, exp
    >>> elu(2), elu(-1)
    (2, -1 + exp(-1))
    """

    nargs = (1, 2)
    facts = dict(range=("open", "-alpha", S.Infinity), derivative_bound=None,
                 limits=("-alpha", S.Infinity), monotonic="increasing (for alpha > 0)")
    latex_name = r"\operatorname{ELU}"

    @classmethod
    def eval(cls, x, alpha=None):
        if alpha is None:
            return cls(x, S.One)
        if x.is_extended_positive:
            return x
        if x.is_extended_nonpositive:
            if x is S.NegativeInfinity:
                return -alpha
            return alpha * (exp(x) - 1)
        return None

    def fdiff(self, argindex=1):
        x, alpha = self.args
        if argindex == 1:
            if alpha == 1:
                return Piecewise((1, x > 0), (exp(x), True))
            return Piecewise((alpha * exp(x), x < 0), (1, x > 0), (value_at_kink(alpha, S.One), True))
        return Piecewise((exp(x) - 1, x <= 0), (0, True))

    def _eval_rewrite_as_Piecewise(self, x, alpha=S.One, **kwargs):
        return Piecewise((alpha * (exp(x) - 1), x <= 0), (x, True))

    def _eval_evalf(self, prec):
        return self.rewrite(Piecewise)._eval_evalf(prec) if self.args[0].is_number else None

    def _eval_is_real(self):
        return self.args[0].is_extended_real and self.args[1].is_extended_real

    def _latex(self, printer, exp=None):
        args = self.args if self.args[1] != 1 else self.args[:1]
        return _named_latex(self.latex_name, printer, args, exp)


class swish(Function):
    r"""Swish (SiLU when beta = 1): x * sigma(beta x).

    >>> from sympy import Symbol
    >>> x = Symbol('x')
    >>> swish(x).diff(x)
    (1 - swish(x, 1))*sigmoid(x) + swish(x, 1)
    """

    nargs = (1, 2)
    facts = dict(range=("closed-open", "min about -0.2785 (beta=1)", S.Infinity), derivative_bound=None,
                 limits=(0, S.Infinity), monotonic="no")
    latex_name = r"\operatorname{swish}"

    @classmethod
    def eval(cls, x, beta=None):
        if beta is None:
            return cls(x, S.One)
        if x.is_zero:
            return S.Zero
        if x is S.Infinity and beta.is_positive:
            return S.Infinity
        return None

    def fdiff(self, argindex=1):
        x, beta = self.args
        s = sigmoid(beta * x)
        if argindex == 1:
            f = swish(x, beta)
            return beta * f + s * (1 - beta * f)
        return x ** 2 * s * (1 - s)

    def _eval_rewrite_as_sigmoid(self, x, beta=S.One, **kwargs):
        return x * sigmoid(beta * x)

    def _eval_rewrite_as_exp(self, x, beta=S.One, **kwargs):
        return x / (1 + exp(-beta * x))

    def _eval_evalf(self, prec):
        return self.rewrite(sigmoid)._eval_evalf(prec) if self.args[0].is_number else None

    def _eval_is_real(self):
        return self.args[0].is_extended_real and self.args[1].is_extended_real

    def _latex(self, printer, exp=None):
        args = self.args if self.args[1] != 1 else self.args[:1]
        return _named_latex(self.latex_name, printer, args, exp)


def normal_cdf(x):
    """Phi(x), the standard normal CDF, as (1 + erf(x/sqrt 2))/2."""
    return (1 + erf(x / sqrt(2))) / 2


class gelu(Function):
    r"""GELU(x) = x * Phi(x), with Phi the standard normal CDF.

    >>> from sympy import Symbol
    >>> gelu(0)
    0
    """

    facts = dict(range=("closed-open", "min about -0.17", S.Infinity), derivative_bound=None,
                 limits=(0, S.Infinity), monotonic="no")
    latex_name = r"\operatorname{GELU}"

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return S.Zero
        if x is S.Infinity:
            return S.Infinity
        return None

    def fdiff(self, argindex=1):
        x = self.args[0]
        # Phi(x) as erfc(-x/sqrt 2)/2, which evaluates without cancellation for x << 0
        return erfc(-x / sqrt(2)) / 2 + x * exp(-x ** 2 / 2) / sqrt(2 * pi)

    def _eval_rewrite_as_erf(self, x, **kwargs):
        return x * normal_cdf(x)

    _eval_rewrite_as_exp = _eval_rewrite_as_erf

    def _eval_evalf(self, prec):
        return _evalf_with(lambda v: v * mpmath.ncdf(v), self.args, prec)

    def _eval_is_real(self):
        return self.args[0].is_extended_real

    def _latex(self, printer, exp=None):
        return _named_latex(self.latex_name, printer, self.args, exp)


def identity(x):
    """The linear (identity) activation: returns its argument."""
    return x


#: activation name -> callable of one argument, as named in problem files and documents
ACTIVATIONS = {
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "leaky-relu": leaky_relu,
    "elu": elu,
    "softplus": softplus,
    "swish": swish,
    "silu": swish,
    "gelu": gelu,
    "binary_step": binary_step,
    "step": binary_step,
    "linear": identity,
    "identity": identity,
}
