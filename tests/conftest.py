"""Test settings shared by every module.

Hypothesis runs derandomized: every run (CI included) tries the same generated
cases, so a result is reproducible and a red run is a real one, not a new
random example.  ``HYPOTHESIS_PROFILE=explore`` draws fresh cases instead.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("deterministic", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))
