"""derivations: symbolic derivations and proofs for the mathematics of neural networks.

The public namespace: activation functions, vector functions, the derivation
data structure and the equivalence engine.

>>> from derivations import sigmoid, decide
>>> from sympy import Symbol
>>> x = Symbol('x')
>>> decide(sigmoid(-x), 1 - sigmoid(x)).verdict
'proved'
"""

from sympy import tanh

from .conventions import derivative_at_zero, get_convention, set_convention
from .derivation import Derivation, Evidence, Step
from .equivalence import decide
from .functions import (
    ACTIVATIONS,
    binary_step,
    elu,
    gelu,
    identity,
    leaky_relu,
    prelu,
    relu,
    sigmoid,
    softplus,
    swish,
)
from .vectors import cross_entropy, log_softmax, softmax, softmax_component

__version__ = "0.1.0"

__all__ = [
    "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "softplus", "swish", "gelu",
    "binary_step", "identity", "softmax", "log_softmax", "cross_entropy", "softmax_component",
    "ACTIVATIONS", "Derivation", "Step", "Evidence", "decide",
    "derivative_at_zero", "get_convention", "set_convention",
]
