"""Shared test settings: hypothesis profiles, and a rule for tools the tests need.

Under CI=true a missing tool (pdflatex, a Jupyter kernel) is a failure, not a skip.
"""
import os
import shutil

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=20, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=20, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") == "true" else "default")


def require_tool(name: str) -> str:
    """Path of ``name``; fails under CI=true, skips (with the reason) elsewhere."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not on PATH"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: .ci/run must install it)")
        pytest.skip(message)
    return path
