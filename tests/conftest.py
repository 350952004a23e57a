"""Shared test settings: Hypothesis profiles.

Choose one with the environment variable ``HYPOTHESIS_PROFILE``:

* ``default`` (used when it is unset): few examples, so the suite stays quick on a laptop;
* ``ci``: more examples, derandomized so a failure reproduces from the same run.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("default", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
