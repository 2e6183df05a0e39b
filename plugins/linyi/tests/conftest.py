"""Fixtures for the Linyi plugin's tests: the registry of installed plugins and 临沂市."""

from __future__ import annotations

import pytest
from medconsortium import Jurisdiction
from medconsortium import Registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load()


@pytest.fixture(scope="session")
def linyi(registry: Registry) -> Jurisdiction:
    return registry.jurisdiction("linyi")
