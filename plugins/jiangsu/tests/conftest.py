"""Fixtures for the Jiangsu plugin's tests.

The registry holds only the core and this plugin, so the tests do not depend on the other
jurisdictions' plugins; ``county_registry`` adds a county below Jiangsu (as Tongzhou does)
to check how the province's rules behave below it.
"""

from __future__ import annotations

import pytest
from medconsortium import Jurisdiction
from medconsortium import Label
from medconsortium import Level
from medconsortium import Registry
from medconsortium import hookimpl
from medconsortium.plugins.hookspecs import Register


class _TestCounty:
    """A stand-in plugin that registers one county of Jiangsu and nothing else."""

    MEDCONSORTIUM_HOOKS_VERSION = 1

    @hookimpl
    def register_jurisdictions(self, register: Register) -> None:
        register(
            Jurisdiction("320924", "test-county", Label("示例甲县", "test county"), Level.COUNTY, "320000")
        )


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load(only=("jiangsu",))


@pytest.fixture(scope="session")
def county_registry() -> Registry:
    return Registry.load(only=("jiangsu",), extra=[("jiangsu-test-county", _TestCounty())])
