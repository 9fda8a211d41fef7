"""Activation names as problem files write them, and the parameter each takes.

>>> ACTIVATION_NAMES[:3], PARAMETERS["elu"]
(('sigmoid', 'tanh', 'relu'), ('alpha', 1))
"""

from __future__ import annotations

from sympy import Rational, S

from ..functions import ACTIVATIONS

__all__ = ["ACTIVATION_NAMES", "PARAMETERS"]

#: names accepted in problem files ("softmax" only for a network's output layer)
ACTIVATION_NAMES = tuple(ACTIVATIONS)
#: activations that take a parameter: its name and default
PARAMETERS = {"leaky_relu": ("alpha", Rational(1, 100)), "leaky-relu": ("alpha", Rational(1, 100)),
              "elu": ("alpha", S.One), "swish": ("beta", S.One), "silu": ("beta", S.One)}
