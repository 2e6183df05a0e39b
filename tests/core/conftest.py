"""Fixtures of the core tests; the builders live in ``core_support`` next to this file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The test modules import their builders as ``core_support`` (see that module).
sys.path.insert(0, str(Path(__file__).parent))

from core_support import Cli, Files, geography, load

from medconsortium import Registry


@pytest.fixture
def files(tmp_path: Path) -> Files:
    return Files(tmp_path)


@pytest.fixture(scope="session")
def geo_registry() -> Registry:
    """National baseline plus the test city and county (documents only)."""
    return load(("geo", geography()))


@pytest.fixture
def cli() -> Cli:
    return Cli()
