"""The plugin contract over every installed plugin, quotes checked against shipped texts."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

from medconsortium import Registry
from medconsortium.plugins.manager import CORE_PLUGIN, ENTRY_POINT_GROUP
from medconsortium.testing import assert_contract, contract_problems, plugin_ids

INSTALLED = sorted({CORE_PLUGIN, *(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))})


@pytest.mark.parametrize("plugin", INSTALLED)
def test_every_installed_plugin_keeps_the_contract(registry: Registry, plugin: str) -> None:
    assert_contract(plugin, registry)


@pytest.mark.parametrize("plugin", INSTALLED)
def test_ids_are_stable_across_loads(registry: Registry, plugin: str) -> None:
    assert plugin_ids(Registry.load(), plugin) == plugin_ids(registry, plugin)


def test_the_bundled_plugins_are_all_checked() -> None:
    assert {"national", "jiangsu", "linyi", "tongzhou", "wuhu"} <= set(INSTALLED)


def test_a_quote_missing_from_the_shipped_text_breaks_the_contract(registry: Registry) -> None:
    # The default check reads the text the package ships; an altered text must be caught.
    number = "通政办发〔2024〕20号"
    altered = {n: e.item.read_text() for n, e in registry.documents.items()}
    altered[number] = altered[number].replace("派驻", "派出")
    problems = contract_problems("tongzhou", registry, texts=altered, checks=["citations"])
    assert any("quote not verbatim" in p.message for p in problems), problems
