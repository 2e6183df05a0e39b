"""Plugin objects and isolated registries for tests, and the pytest fixtures over them."""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from ..plugins import hookspecs
from ..plugins.registry import Registry
from .contract import assert_contract


def fake_plugin(version: object = hookspecs.HOOKSPEC_VERSION, **hooks: Callable[..., None]) -> object:
    """A plugin object made of hook functions, e.g. ``fake_plugin(register_rules=f)``.

    Each function is marked as a hook implementation under the name it is given, so a
    misspelt name (``register_rule``) is a misspelt hook. ``version`` is the module's
    ``MEDCONSORTIUM_HOOKS_VERSION`` (pass None to leave it out).
    """
    plugin = types.SimpleNamespace()
    if version is not None:
        plugin.MEDCONSORTIUM_HOOKS_VERSION = version
    for name, function in hooks.items():
        # A fresh function per name: the hookimpl marker is an attribute on the function.
        def impl(register: Any, _function: Callable[..., None] = function) -> None:
            _function(register)

        impl.__name__ = name
        setattr(plugin, name, hookspecs.hookimpl(impl))
    return plugin


@contextmanager
def temporary_plugin(name: str, plugin: object, *, only: Iterable[str] | None = ()) -> Iterator[Registry]:
    """A registry with ``plugin`` loaded under ``name``, for the ``with`` block only.

    Loading builds a new plugin manager each time, so nothing outlives the block: the next
    :meth:`Registry.load` does not see the plugin. ``only`` chooses the installed plugins
    loaded alongside (default: none but the national baseline; None: the usual choice).
    """
    yield Registry.load(only=only, extra=[(name, plugin)])


@pytest.fixture
def plugin_registry() -> Callable[..., Registry]:
    """A factory: ``plugin_registry(("name", plugin), ..., only=())`` loads plugin objects
    into a fresh registry for one test."""

    def load(*extra: tuple[str, object], only: Iterable[str] | None = ()) -> Registry:
        return Registry.load(only=only, extra=list(extra))

    return load


@pytest.fixture
def contract() -> Callable[..., None]:
    """The contract as a fixture: ``contract("linyi", texts=...)`` fails the test with
    every problem listed."""
    return assert_contract
