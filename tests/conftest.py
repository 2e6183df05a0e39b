"""Shared fixtures: the registry of installed plugins, the policy texts, example paths.

The tests are arranged like the core's packages (``tests/model``, ``tests/engine``, ...).
Their builders live in ``tests/support`` (``core_support``, ``referral_support``), put on
``sys.path`` here because pytest's importlib mode does not.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))

from core_support import Cli, Files, geography, load
from referral_support import network

from medconsortium import Network, Registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load()


@pytest.fixture(scope="session")
def core_registry() -> Registry:
    """Only the national baseline in core."""
    return Registry.load(only=())


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


@pytest.fixture
def net() -> Network:
    return network()
