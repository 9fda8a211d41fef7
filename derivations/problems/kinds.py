"""The registry of problem kinds: name -> module with FIELDS, parse, solve (and variant hooks)."""

from __future__ import annotations

from . import dead_relu, network, parameters, shapes, softmax_problem, vanishing

KINDS = {
    "network": network,
    "softmax": softmax_problem,
    "parameters": parameters,
    "shapes": shapes,
    "dead-relu": dead_relu,
    "vanishing-gradient": vanishing,
}
