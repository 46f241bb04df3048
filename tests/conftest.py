"""Shared test settings: hypothesis profiles, and a rule for tools the tests need.

Profiles (``pytest --hypothesis-profile=NAME``):

* ``default`` — a user's ``pytest``: random examples, a few per property, no shrinking
  (a failure is reported at once with the example and its reproduction blob);
* ``ci`` — the same, derandomized: loaded when CI=true;
* ``fuzz`` — a long random search with shrinking, e.g. before a release:
  ``pytest --hypothesis-profile=fuzz -m "slow or not slow"``.

Under CI=true a missing tool (pdflatex, a Jupyter kernel, Spirit) is a failure, not a skip.
"""
import os
import shutil

import pytest
from hypothesis import HealthCheck, Phase, settings

_QUICK = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow],
              phases=[Phase.explicit, Phase.reuse, Phase.generate], print_blob=True)
settings.register_profile("default", max_examples=20, **_QUICK)
settings.register_profile("ci", max_examples=20, derandomize=True, **_QUICK)
settings.register_profile("fuzz", max_examples=1000, deadline=None, print_blob=True,
                          phases=tuple(Phase),  # shrinking included (not inherited)
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") == "true" else "default")


@pytest.fixture(scope="session", autouse=True)
def _private_record_cache(tmp_path_factory):
    """The disk cache of derived records in a fresh directory for this run (subprocesses
    inherit it), so that the tests neither read nor write the user's cache."""
    os.environ["OPZA_CACHE_DIR"] = str(tmp_path_factory.mktemp("opza-cache"))


def require_tool(name: str) -> str:
    """Path of ``name``; fails under CI=true, skips (with the reason) elsewhere."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not on PATH"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: .ci/run must install it)")
        pytest.skip(message)
    return path


def require_module(name: str, extra: str):
    """The module ``name``, imported; fails under CI=true, skips (with the reason) elsewhere."""
    import importlib
    try:
        return importlib.import_module(name)
    except ImportError as err:
        message = f"{name} is not installed ({err}); pip install -e '.[{extra}]'"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: .ci/run must install it)")
        pytest.skip(message)
