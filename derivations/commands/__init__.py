"""Subcommands of the ``derivations`` CLI, one module each."""
