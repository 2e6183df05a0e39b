"""Fixtures of the hostile-input tests: the CLI over the installed plugins, the examples."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from hostile_support import Run

from medconsortium import Registry


@pytest.fixture(scope="session")
def run(registry: Registry) -> Run:
    return Run(registry)
