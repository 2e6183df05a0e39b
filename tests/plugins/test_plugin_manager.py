"""The plugin manager's quick look at a module: names that hold no function are skipped
without pluggy's static lookup; the hooks it finds are the ones pluggy finds."""

from __future__ import annotations

import importlib
import inspect
import types
from typing import Any

import pluggy
import pytest

from medconsortium.plugins import hookspecs
from medconsortium.plugins.manager import PluginManager

PLUGINS = [
    "medconsortium.national",
    "medconsortium_jiangsu",
    "medconsortium_linyi",
    "medconsortium_tongzhou",
    "medconsortium_wuhu",
    "medconsortium.plugins.hookspecs",
]


def _module_with_a_hook() -> types.ModuleType:
    module = types.ModuleType("medconsortium_fake")

    @hookspecs.hookimpl
    def register_jurisdictions(register: Any) -> None:
        return None

    module.register_jurisdictions = register_jurisdictions  # type: ignore[attr-defined]
    module.RULES = tuple(range(50))  # type: ignore[attr-defined]
    module.NAME = "fake"  # type: ignore[attr-defined]
    for n in range(50):
        setattr(module, f"CONSTANT_{n}", n)
    return module


@pytest.mark.parametrize("name", PLUGINS)
def test_every_name_of_the_installed_plugins_gives_what_pluggy_gives(name: str) -> None:
    module = importlib.import_module(name)
    ours, theirs = PluginManager(hookspecs.PROJECT), pluggy.PluginManager(hookspecs.PROJECT)
    for attr in dir(module):
        assert ours.parse_hookimpl_opts(module, attr) == theirs.parse_hookimpl_opts(module, attr), attr


def test_a_module_registers_its_hooks_without_a_lookup_per_name(monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up: list[str] = []
    original = inspect.getattr_static

    def counting(obj: object, attr: str, *default: object) -> object:
        looked_up.append(attr)
        return original(obj, attr, *default)

    monkeypatch.setattr(inspect, "getattr_static", counting)
    pm = PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    module = _module_with_a_hook()
    pm.register(module, name="fake")
    assert [impl.plugin_name for impl in pm.hook.register_jurisdictions.get_hookimpls()] == ["fake"]
    assert "RULES" not in looked_up and "CONSTANT_7" not in looked_up
    assert "register_jurisdictions" in looked_up  # a function goes through pluggy as before


def test_a_plugin_that_is_no_module_goes_through_pluggy() -> None:
    class Plugin:
        @hookspecs.hookimpl
        def register_jurisdictions(self, register: Any) -> None:
            return None

        NOT_A_HOOK = 3

    pm = PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    plugin = Plugin()
    pm.register(plugin, name="object")
    assert [impl.plugin for impl in pm.hook.register_jurisdictions.get_hookimpls()] == [plugin]
    assert pm.parse_hookimpl_opts(plugin, "NOT_A_HOOK") is None


def test_a_name_a_module_does_not_hold_itself_goes_through_pluggy() -> None:
    module = _module_with_a_hook()
    ours, theirs = PluginManager(hookspecs.PROJECT), pluggy.PluginManager(hookspecs.PROJECT)
    # Given by the module type, not by the module's own namespace.
    for attr in ("__class__", "__dir__", "__init__", "no_such_name"):
        assert ours.parse_hookimpl_opts(module, attr) == theirs.parse_hookimpl_opts(module, attr) is None
