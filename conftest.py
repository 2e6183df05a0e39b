"""Test-session set-up shared by the core's tests, its doctests and the plugins' tests.

The start-up caches (the plugin entry points of :mod:`medconsortium.plugins.discovery`, the
compiled attrs methods of :mod:`medconsortium.model.codecache`) go to a folder of the test
session, removed at its end, never to the user's ``~/.cache``: a test run leaves nothing
behind in the home folder, and a cache kept there cannot decide what a test sees. The
command-line tests run ``medconsortium`` in subprocesses, which inherit the variable.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

#: ``medconsortium.model.codecache.CACHE_ENV`` (a test checks they agree), set before
#: anything imports medconsortium: importing it builds its classes, which opens the cache.
CACHE_ENV = "MEDCONSORTIUM_CACHE_DIR"

_made: list[str] = []

if CACHE_ENV not in os.environ:
    _made.append(tempfile.mkdtemp(prefix="medconsortium-cache-"))
    os.environ[CACHE_ENV] = _made[-1]


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _made:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(CACHE_ENV, None)
