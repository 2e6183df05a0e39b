"""Finding and loading plugins: entry points, the allowlist, version checks."""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import re
import sys
import types
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs
import pluggy

from ..model.errors import PluginError
from ..model.jurisdictions import Jurisdiction
from . import hookspecs
from .discovery import entry_points_cached

ENTRY_POINT_GROUP = "medconsortium"

T = TypeVar("T")

#: Comma-separated plugin names: when set, only these plugins load (the national baseline
#: in core always does).
ALLOWLIST_ENV = "MEDCONSORTIUM_PLUGINS"

CORE_PLUGIN = "national"

#: The national baseline is a plugin package like the others, shipped in the core
#: distribution and always loaded, by name: nothing in the core imports it.
CORE_MODULE = "medconsortium.national"


#: What pluggy can take a hook implementation from (see pluggy's ``_static_hook_attr``).
_HOOKABLE = (types.FunctionType, staticmethod, classmethod, types.MethodType)
_ABSENT = object()


class PluginManager(pluggy.PluginManager):
    """pluggy's manager, quicker to register a module: a plugin package's ``__init__``
    holds a few hooks among a hundred names (everything it imports), and pluggy looks
    each name up with :func:`inspect.getattr_static`, walking the module type's
    ancestry, a fifth of building the registry. A name whose value in the module's
    ``__dict__`` is no function or method can hold no hook implementation, whatever the
    lookup finds (a descriptor of the module type that shadows it is no function either),
    so it is skipped at once; every other name, and every plugin that is not a module,
    goes through pluggy as before.

    >>> import json
    >>> pm = PluginManager("medconsortium")
    >>> pm.parse_hookimpl_opts(json, "JSONDecodeError") is None, pm.parse_hookimpl_opts(json, "dumps") is None
    (True, True)
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        if isinstance(plugin, types.ModuleType):
            value = vars(plugin).get(name, _ABSENT)
            if value is not _ABSENT and not isinstance(value, _HOOKABLE):
                return None
        return super().parse_hookimpl_opts(plugin, name)


@attrs.frozen
class PluginInfo:
    """A loaded plugin: its name, the distribution and version it came from."""

    name: str
    distribution: str
    version: str


def entry_points(group: str) -> Iterable[Any]:
    """The installed entry points of ``group`` (:func:`importlib.metadata.entry_points`,
    imported only when the cache of :mod:`medconsortium.plugins.discovery` cannot answer)."""
    from importlib.metadata import entry_points as installed

    return installed(group=group)


_INSTALLED = entry_points


def _entry_points() -> list[Any]:
    # Tests and embedders may replace entry_points: then it is asked every time.
    if entry_points is not _INSTALLED:
        return list(entry_points(group=ENTRY_POINT_GROUP))
    return entry_points_cached(ENTRY_POINT_GROUP, _INSTALLED)


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


@attrs.frozen
class BrokenPlugin:
    """A plugin that failed to load or misbehaved while loading, and was left out.

    ``levels``: the division codes of the jurisdictions and documents it registered before
    it failed (empty when it failed to import); with its name, they say whether the plugin
    belongs to the chain of a jurisdiction (:meth:`belongs_to`).
    """

    name: str
    distribution: str
    error: PluginError
    levels: frozenset[str] = frozenset()

    def belongs_to(self, codes: Iterable[str], slugs: Iterable[str]) -> bool:
        """Whether the plugin is (or may be) the policy of one of these levels: it is named
        like one of them (plugins are named by their jurisdiction's slug), or it
        registered a jurisdiction or document at one of them."""
        return self.name in set(slugs) or bool(self.levels & set(codes))

    def warning(self) -> str:
        """One line for standard error."""
        return (
            f"plugin {self.name!r} (distribution {self.distribution!r}) was not loaded: "
            f"{self.error.message}" + (f" ({self.error.item})" if self.error.item else "")
        )


@attrs.define
class Loaded:
    """What loading found: the manager with the plugins that loaded, their infos, the
    plugins left out and what plugins wrote to standard output while loading."""

    pm: pluggy.PluginManager
    infos: list[PluginInfo] = attrs.field(factory=list)
    broken: list[BrokenPlugin] = attrs.field(factory=list)
    notes: list[str] = attrs.field(factory=list)
    distributions: dict[str, str] = attrs.field(factory=dict)
    strict: bool = True

    def fail(self, error: PluginError, levels: Iterable[str] = ()) -> None:
        """A plugin broke: raise when strict, else leave it out (and unregister it)."""
        if self.strict:
            raise error
        if self.pm.has_plugin(error.plugin):
            self.pm.unregister(name=error.plugin)
        self.infos = [i for i in self.infos if i.name != error.plugin]
        if all(b.name != error.plugin for b in self.broken):
            dist = self.distributions.get(error.plugin, "?")
            self.broken.append(BrokenPlugin(error.plugin, dist, error, frozenset(levels)))


def call_plugin(loaded: Loaded, name: str, what: str, function: Callable[[], T]) -> T:
    """Run plugin code: what it prints goes to a note for standard error, not to standard
    output; any exception or exit (Ctrl-C aside) becomes a PluginError naming the plugin."""
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            return function()
    except (KeyboardInterrupt, PluginError):
        raise
    except SystemExit as exc:
        raise PluginError(name, f"{what} called sys.exit({exc.code!r})") from None
    except BaseException as exc:
        raise PluginError(name, f"{what} raised {exc!r}") from exc
    finally:
        printed = buffer.getvalue()
        if printed.strip():
            first = printed.strip().splitlines()
            more = f" (+{len(first) - 1} more lines)" if len(first) > 1 else ""
            loaded.notes.append(
                f"plugin {name!r} wrote to standard output while loading (kept off it): {first[0]!r}{more}"
            )


def load_plugins(
    only: Iterable[str] | None = None, extra: Iterable[tuple[str, object]] = (), strict: bool = True
) -> Loaded:
    """Find and register the national baseline and the installed plugins.

    ``only`` restricts loading to named plugins (default: the ``MEDCONSORTIUM_PLUGINS``
    environment variable, else every installed one). ``extra`` registers more plugin
    objects by name, for tests and embedding. With ``strict`` the first plugin that fails
    raises its :class:`PluginError`; otherwise it is left out and listed in ``broken``.
    An allowlist naming a plugin that is not installed is always an error.
    """
    pm = PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(importlib.import_module(CORE_MODULE), name=CORE_PLUGIN)
    # The core's version as its package states it (the one source the build reads too):
    # importlib.metadata.version() would search every installed distribution for it.
    core_version = getattr(sys.modules.get("medconsortium"), "__version__", None) or _version("medconsortium")
    loaded = Loaded(pm, [PluginInfo(CORE_PLUGIN, "medconsortium", core_version)], strict=strict)
    allow = _allowlist(only)
    seen: dict[str, str] = {CORE_PLUGIN: "medconsortium"}
    for ep in sorted(_entry_points(), key=lambda e: e.name):
        dist = ep.dist.name if ep.dist is not None else "?"
        if ep.name in seen:
            loaded.distributions.setdefault(ep.name, dist)
            loaded.fail(
                PluginError(ep.name, f"entry point name is provided by both {seen[ep.name]!r} and {dist!r}")
            )
            continue
        seen[ep.name] = dist
        loaded.distributions[ep.name] = dist
        if allow is not None and ep.name not in allow:
            continue
        try:
            plugin = call_plugin(loaded, ep.name, "importing it", ep.load)
        except PluginError as exc:
            if exc.message.startswith("importing it raised "):
                exc = PluginError(ep.name, "failed to import: " + exc.message[len("importing it raised ") :])
            loaded.fail(exc)
            continue
        # The entry point's own distribution is at hand: its metadata is one file, where
        # version() by name searches every installed distribution again.
        version = getattr(ep.dist, "version", None)
        _add(loaded, ep.name, plugin, PluginInfo(ep.name, dist, version or _version(dist)))
    for name, plugin in extra:
        if name in seen:
            raise PluginError(name, "a plugin of that name is already loaded")
        seen[name] = "<extra>"
        loaded.distributions[name] = "<extra>"
        _add(loaded, name, plugin, PluginInfo(name, "<extra>", "0"))
    if allow is not None:
        missing = sorted(allow - set(seen))
        if missing:
            raise PluginError(missing[0], "named in the allowlist but not installed")
    return loaded


def _add(loaded: Loaded, name: str, plugin: object, info: PluginInfo) -> None:
    try:
        _register(loaded.pm, name, plugin)
        loaded.pm.check_pending()
    except pluggy.PluginValidationError as exc:
        loaded.fail(PluginError(loaded.pm.get_name(exc.plugin) or name, str(exc)))
        return
    except PluginError as exc:
        loaded.fail(exc)
        return
    loaded.infos.append(info)


def plugin_manager(
    only: Iterable[str] | None = None, extra: Iterable[tuple[str, object]] = ()
) -> tuple[pluggy.PluginManager, tuple[PluginInfo, ...]]:
    """A plugin manager with the national baseline and the installed plugins (the first
    plugin that fails raises; see :func:`load_plugins`)."""
    loaded = load_plugins(only, extra, strict=True)
    return loaded.pm, tuple(loaded.infos)


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


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def plugin_requirements(distribution: str) -> tuple[str, ...]:
    """The medconsortium plugin distributions ``distribution`` declares it needs (its
    ``Requires-Dist`` named ``medconsortium-*``), in the order it declares them.

    >>> plugin_requirements("no-such-distribution")
    ()
    """
    from importlib.metadata import PackageNotFoundError, requires

    try:
        declared = requires(distribution) or []
    except PackageNotFoundError:
        return ()
    # Compiled here, not at import: only an error message about a missing parent asks.
    requirement_name = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
    names = []
    for requirement in declared:
        if ";" in requirement and "extra ==" in requirement:
            continue  # an optional extra is not needed to load
        found = requirement_name.match(requirement)
        if found and _normalise(found.group(1)).startswith("medconsortium-"):
            names.append(_normalise(found.group(1)))
    return tuple(names)


def _installed_provider(code: str, loaded: frozenset[str]) -> tuple[str, str] | None:
    """(plugin, distribution) of an installed plugin that is not loaded and registers
    ``code``: found by asking its register_jurisdictions hook, nothing else."""
    for ep in sorted(_entry_points(), key=lambda e: e.name):
        if ep.name in loaded:
            continue
        found: list[object] = []
        try:
            plugin = ep.load()
            # A plugin registers jurisdictions in their own hook or among everything it
            # provides (register_policy); either way, only its items are collected.
            for name in ("register_jurisdictions", "register_policy"):
                hook = getattr(plugin, name, None)
                if hook is not None:
                    hook(register=found.append)
        except Exception:  # a broken plugin that is not asked for is not this error's subject
            continue
        if any(isinstance(j, Jurisdiction) and j.code == code for j in found):
            return ep.name, ep.dist.name if ep.dist is not None else "?"
    return None


def missing_parent_hint(plugin: str, parent: str, infos: Iterable[PluginInfo]) -> str:
    """Why ``parent`` is unknown and which distribution to install or load, for the error
    a plugin gets when its jurisdiction's parent is not registered."""
    infos = tuple(infos)
    loaded_dists = {_normalise(i.distribution) for i in infos}
    own = next((i.distribution for i in infos if i.name == plugin), None)
    provider = _installed_provider(parent, frozenset(i.name for i in infos))
    if provider is not None:
        name, dist = provider
        return (
            f"parent {parent} is provided by plugin {name!r} ({dist}), which is installed but "
            f"not loaded: load it too (--plugins {plugin},{name})"
        )
    needed = [d for d in plugin_requirements(own) if d not in loaded_dists] if own else []
    if needed:
        return (
            f"parent {parent} is not a known jurisdiction: it comes from {' or '.join(needed)}, "
            f"which {own} requires: pip install {needed[0]}"
        )
    return (
        f"parent {parent} is not a known jurisdiction: install the distribution that provides "
        f"it (and declare it in the dependencies of {own or 'the plugin'})"
    )
