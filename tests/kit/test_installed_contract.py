"""The plugin contract over every installed plugin, with the original policy texts."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest

from medconsortium import Registry
from medconsortium.plugins import CORE_PLUGIN, ENTRY_POINT_GROUP
from medconsortium.testing import assert_contract, plugin_ids, policy_texts


def _policy_index() -> Path:
    import os

    env = os.environ.get("MEDCONSORTIUM_POLICY_DIR")
    folder = Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "policies"
    return folder / "README.md"


INSTALLED = sorted({CORE_PLUGIN, *(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))})


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return policy_texts(_policy_index())


@pytest.mark.parametrize("plugin", INSTALLED)
def test_every_installed_plugin_keeps_the_contract(
    registry: Registry, texts: dict[str, str], plugin: str
) -> None:
    assert_contract(plugin, registry, texts=texts)


@pytest.mark.parametrize("plugin", INSTALLED)
def test_ids_are_stable_across_loads(registry: Registry, plugin: str) -> None:
    assert plugin_ids(Registry.load(), plugin) == plugin_ids(registry, plugin)


def test_the_bundled_plugins_are_all_checked() -> None:
    assert {"national", "jiangsu", "linyi", "tongzhou", "wuhu"} <= set(INSTALLED)
