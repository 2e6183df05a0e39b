"""Fixtures of the Wuhu plugin tests: a registry with the national baseline and Wuhu only."""

from __future__ import annotations

import pytest
from medconsortium import Jurisdiction
from medconsortium import Registry


@pytest.fixture(scope="session")
def wuhu_registry() -> Registry:
    return Registry.load(only=["wuhu"])


@pytest.fixture(scope="session")
def wuhu(wuhu_registry: Registry) -> Jurisdiction:
    return wuhu_registry.jurisdiction("wuhu")
