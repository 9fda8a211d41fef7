"""``extensions = ["derivations.sphinx"]``: the Sphinx extension (see :mod:`derivations.integrations.sphinx`)."""

from .integrations.sphinx import DerivationDirective, ExerciseDirective, setup

__all__ = ["setup", "DerivationDirective", "ExerciseDirective"]
