"""Shared fixtures: the registry of installed plugins, the policy texts, example paths."""

from __future__ import annotations

import pytest

from medconsortium import Registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load()


@pytest.fixture(scope="session")
def core_registry() -> Registry:
    """Only the national baseline in core."""
    return Registry.load(only=())
