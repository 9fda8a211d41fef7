"""Activations as the solvers use them: exact value, definition step and derivative.

>>> from sympy import Rational
>>> act = Activation("sigmoid")
>>> act.value(Rational(3, 2))
sigmoid(3/2)
>>> act.definition(Rational(3, 2))
(1/(exp(-3/2) + 1), 'definition of the sigmoid: sigma(z) = 1/(1 + e^(-z))')
>>> act.derivative(Rational(3, 2))
(1 - sigmoid(3/2))*sigmoid(3/2)
>>> Activation("relu").derivative(Rational(-1, 2)), Activation("relu").value(0)
(0, 0)
"""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Dummy, Piecewise, Rational, S, erf, exp, log, sqrt, tanh

from ..functions import ACTIVATIONS, binary_step, elu, gelu, leaky_relu, relu, sigmoid, softplus, swish

__all__ = ["Activation", "ACTIVATION_NAMES", "PARAMETERS", "UndecidableSign"]

#: names accepted in problem files ("softmax" only for a network's output layer)
ACTIVATION_NAMES = tuple(ACTIVATIONS)
#: activations that take a parameter, its name and default
PARAMETERS = {"leaky_relu": ("alpha", Rational(1, 100)), "leaky-relu": ("alpha", Rational(1, 100)),
              "elu": ("alpha", S.One), "swish": ("beta", S.One), "silu": ("beta", S.One)}
#: (lower, upper) bounds the activation approaches (saturation), for degenerate-case checks
BOUNDS = {"sigmoid": (0, 1), "tanh": (-1, 1), "binary_step": None, "step": None}
_CANONICAL = {"leaky-relu": "leaky_relu", "silu": "swish", "identity": "linear", "step": "binary_step"}
_z = Dummy("z", real=True)


class UndecidableSign(ValueError):
    """A pre-activation so close to 0 that the branch of a piecewise activation is unknown."""


@dataclass(frozen=True)
class Activation:
    """An activation by name (as in problem files), with its parameter if it has one."""

    name: str
    parameter: Rational | None = None

    @property
    def canonical(self) -> str:
        return _CANONICAL.get(self.name, self.name)

    @property
    def param(self):
        if self.name in PARAMETERS:
            return self.parameter if self.parameter is not None else PARAMETERS[self.name][1]
        return None

    def _apply(self, z, evaluate=True):
        c = self.canonical
        if c == "linear":
            return z
        if c == "tanh":
            return tanh(z, evaluate=evaluate)
        cls = {"sigmoid": sigmoid, "relu": relu, "leaky_relu": leaky_relu, "elu": elu, "softplus": softplus,
               "swish": swish, "gelu": gelu, "binary_step": binary_step}[c]
        args = (z, self.param) if self.param is not None else (z, S.One) if c == "binary_step" else (z,)
        return cls(*args, evaluate=evaluate)

    def written(self, z):
        """g(z) as written, not evaluated: relu(3/2) stays relu(3/2)."""
        return self._apply(z, evaluate=False)

    def value(self, z):
        """The exact value g(z), in its shortest exact form (sigmoid(3/2), or 3/2 for relu(3/2))."""
        v = self._apply(z)
        if v.has(Piecewise, relu, leaky_relu, binary_step) or (self.canonical == "elu" and v.has(elu)):
            raise UndecidableSign(f"cannot tell the sign of the pre-activation {z}")
        return v

    def derivative(self, z):
        """g'(z) in the textbook form (sigma(z)(1 - sigma(z)), 1 - tanh(z)^2, ...), exact."""
        if self.canonical == "linear":
            return S.One
        d = self._apply(_z).diff(_z).subs(_z, z)
        if d.has(Piecewise, binary_step):
            raise UndecidableSign(f"cannot tell the sign of the pre-activation {z}")
        return d

    def derivative_rule(self) -> str:
        return {
            "sigmoid": "sigma'(z) = sigma(z)(1 - sigma(z))",
            "tanh": "tanh'(z) = 1 - tanh(z)^2",
            "relu": "ReLU'(z) = 1 for z > 0 and 0 for z <= 0 (0 at z = 0 by convention)",
            "leaky_relu": f"LeakyReLU'(z) = 1 for z > 0 and alpha = {self.param} for z < 0",
            "elu": f"ELU'(z) = 1 for z > 0 and alpha e^z for z <= 0 (alpha = {self.param})",
            "softplus": "softplus'(z) = sigma(z)",
            "swish": f"swish'(z) = beta swish(z) + sigma(beta z)(1 - beta swish(z)) (beta = {self.param})",
            "gelu": "GELU'(z) = Phi(z) + z e^(-z^2/2)/sqrt(2 pi)",
            "binary_step": "step'(z) = 0 for z != 0",
            "linear": "the identity has derivative 1",
        }[self.canonical]

    def definition(self, z):
        """(g(z) in its defining form, the words saying so); None when the value needs no step."""
        c = self.canonical
        if c == "sigmoid":
            return 1 / (1 + exp(-z)), "definition of the sigmoid: sigma(z) = 1/(1 + e^(-z))"
        if c == "tanh":
            return (exp(z) - exp(-z)) / (exp(z) + exp(-z)), "definition: tanh(z) = (e^z - e^(-z))/(e^z + e^(-z))"
        if c == "softplus":
            return log(1 + exp(z)), "definition: softplus(z) = ln(1 + e^z)"
        if c == "swish":
            return z * sigmoid(self.param * z), "definition: swish(z) = z sigma(beta z)"
        if c == "gelu":
            return z * (1 + erf(z / sqrt(2))) / 2, "definition: GELU(z) = z Phi(z), Phi(z) = (1 + erf(z/sqrt 2))/2"
        value = self.value(z)
        positive = bool(z > 0)
        side = "z > 0" if positive else ("z = 0" if z == 0 else "z < 0")
        if c == "relu":
            return value, f"{side}, so ReLU(z) = {'z' if positive else '0'}"
        if c == "leaky_relu":
            return value, f"{side}, so LeakyReLU(z) = {'z' if positive or z == 0 else 'alpha z'}"
        if c == "elu":
            return value, f"{side}, so ELU(z) = {'z' if positive else 'alpha (e^z - 1)'}"
        if c == "binary_step":
            return value, f"{side}, so step(z) = {value}"
        return None
