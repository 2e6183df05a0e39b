"""Fixtures for the Tongzhou plugin's tests: the registry of installed plugins."""

from __future__ import annotations

import pytest
from medconsortium import Registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    """National, Jiangsu, Tongzhou and every other installed plugin, as users get them."""
    return Registry.load()
