"""Hypothesis profiles for the fuzz tests. ``ci`` (the default) runs a bounded, derandomized
number of examples in the normal test run; ``long`` is the longer run (docs/safety.md):

    HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/fuzz -q
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("ci", max_examples=25, derandomize=True, **_COMMON)
settings.register_profile("long", max_examples=3000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
