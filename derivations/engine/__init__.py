"""The pieces of the equivalence engine, one procedure per module.

The public entry point is :func:`derivations.equivalence.decide`.
"""
