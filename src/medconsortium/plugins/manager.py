"""Finding and loading plugins: entry points, the allowlist, version checks."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from importlib.metadata import entry_points
from typing import Any

import attrs
import pluggy

from ..model.errors import PluginError
from . import hookspecs

ENTRY_POINT_GROUP = "medconsortium"

#: Comma-separated plugin names: when set, only these plugins load (the national baseline
#: in core always does).
ALLOWLIST_ENV = "MEDCONSORTIUM_PLUGINS"

CORE_PLUGIN = "national"

#: The national baseline is a plugin package like the others, shipped in the core
#: distribution and always loaded, by name: nothing in the core imports it.
CORE_MODULE = "medconsortium.national"


@attrs.frozen
class PluginInfo:
    """A loaded plugin: its name, the distribution and version it came from."""

    name: str
    distribution: str
    version: str


def _allowlist(only: Iterable[str] | None) -> frozenset[str] | None:
    if only is not None:
        return frozenset(only)
    raw = os.environ.get(ALLOWLIST_ENV)
    if raw is None or not raw.strip():
        return None
    return frozenset(name.strip() for name in raw.split(",") if name.strip())


def _check_version(name: str, plugin: Any) -> None:
    declared = getattr(plugin, "MEDCONSORTIUM_HOOKS_VERSION", None)
    if declared != hookspecs.HOOKSPEC_VERSION:
        raise PluginError(
            name,
            f"built for hook specifications version {declared!r}, this medconsortium "
            f"provides version {hookspecs.HOOKSPEC_VERSION} "
            f"(set MEDCONSORTIUM_HOOKS_VERSION = {hookspecs.HOOKSPEC_VERSION} after updating)",
        )


def plugin_manager(
    only: Iterable[str] | None = None, extra: Iterable[tuple[str, object]] = ()
) -> tuple[pluggy.PluginManager, tuple[PluginInfo, ...]]:
    """A plugin manager with the national baseline and the installed plugins.

    ``only`` restricts loading to named plugins (default: the ``MEDCONSORTIUM_PLUGINS``
    environment variable, else every installed one). ``extra`` registers more plugin
    objects by name, for tests and embedding.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(importlib.import_module(CORE_MODULE), name=CORE_PLUGIN)
    infos = [PluginInfo(CORE_PLUGIN, "medconsortium", _version("medconsortium"))]
    allow = _allowlist(only)
    seen: dict[str, str] = {CORE_PLUGIN: "medconsortium"}
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        dist = ep.dist.name if ep.dist is not None else "?"
        if ep.name in seen:
            raise PluginError(
                ep.name,
                f"entry point name is provided by both {seen[ep.name]!r} and {dist!r}",
            )
        seen[ep.name] = dist
        if allow is not None and ep.name not in allow:
            continue
        try:
            plugin = ep.load()
        except Exception as exc:  # the plugin's own import failed: name it
            raise PluginError(ep.name, f"failed to import: {exc!r}") from exc
        _register(pm, ep.name, plugin)
        infos.append(PluginInfo(ep.name, dist, _version(dist)))
    for name, plugin in extra:
        if name in seen:
            raise PluginError(name, "a plugin of that name is already loaded")
        seen[name] = "<extra>"
        _register(pm, name, plugin)
        infos.append(PluginInfo(name, "<extra>", "0"))
    if allow is not None:
        missing = sorted(allow - set(seen))
        if missing:
            raise PluginError(missing[0], "named in the allowlist but not installed")
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(pm.get_name(exc.plugin) or "?", str(exc)) from exc
    return pm, tuple(infos)


def _register(pm: pluggy.PluginManager, name: str, plugin: object) -> None:
    _check_version(name, plugin)
    try:
        pm.register(plugin, name=name)
    except (ValueError, pluggy.PluginValidationError) as exc:
        raise PluginError(name, str(exc)) from exc


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"
