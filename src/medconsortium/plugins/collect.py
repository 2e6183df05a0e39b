"""Collecting what each plugin provides, one plugin at a time, attributed and checked.

Each plugin's ``register_*`` hooks (and its ``register_policy`` hook, whose items are
sorted by type) are called with a ``register`` of its own, into a staging area; only
when the whole plugin registered without a problem are its items merged, so that a plugin
that fails halfway leaves nothing behind. A duplicate id (or a jurisdiction slug another
plugin uses) blames the later plugin, in registration order.
"""

from __future__ import annotations

from typing import Any

import pluggy

from ..model.errors import PluginError
from ..model.jurisdictions import NATION, PROVINCES, Jurisdiction
from ..model.statistics import Metric
from ..policy.catalog import Example, Fact, ReferenceTable
from ..policy.documents import PolicyDocument
from ..policy.indicators import Indicator
from ..policy.referral_rules import ReferralRule
from ..policy.rules import Rule, RuleException
from ..policy.targets import Target
from .entries import Entry
from .manager import CORE_PLUGIN, Loaded, call_plugin

# (hook name, item type, attribute holding its id) in the order hooks are called.
HOOKS: tuple[tuple[str, type, str], ...] = (
    ("register_jurisdictions", Jurisdiction, "code"),
    ("register_documents", PolicyDocument, "number"),
    ("register_metrics", Metric, "id"),
    ("register_indicators", Indicator, "id"),
    ("register_facts", Fact, "id"),
    ("register_targets", Target, "id"),
    ("register_rules", Rule, "id"),
    ("register_referral_rules", ReferralRule, "id"),
    ("register_exceptions", RuleException, "id"),
    ("register_reference_data", ReferenceTable, "id"),
    ("register_examples", Example, "name"),
)

#: The one hook whose items may be of any kind (see :class:`~medconsortium.plugins.provides.Provides`).
POLICY_HOOK = "register_policy"

Collected = dict[str, dict[str, Entry[Any]]]


def _impls(pm: pluggy.PluginManager, hook: str, plugin: str) -> list[Any]:
    return [impl for impl in getattr(pm.hook, hook).get_hookimpls() if impl.plugin_name == plugin]


def _stage(loaded: Loaded, plugin: str, levels: set[str]) -> list[tuple[str, Any]]:
    """(hook, item) for every item the plugin registers, in hook order; PluginError on the
    first problem. ``levels`` gathers the codes of its jurisdictions and documents as they
    come, so that a plugin failing halfway still says where it belongs."""
    by_type = {item_type: hook for hook, item_type, _ in HOOKS}
    staged: dict[str, list[Any]] = {hook: [] for hook, _, _ in HOOKS}
    calls = [(hook, item_type) for hook, item_type, _ in HOOKS] + [(POLICY_HOOK, object)]
    for hook, item_type in calls:
        for impl in _impls(loaded.pm, hook, plugin):

            def register(item: object, _hook: str = hook, _type: type = item_type) -> None:
                if _hook == POLICY_HOOK:
                    target = by_type.get(type(item))
                    if target is None:
                        raise PluginError(
                            plugin,
                            f"{POLICY_HOOK} registered a {type(item).__name__}, which is no kind of item",
                        )
                    staged[target].append(item)
                    _note_level(levels, item)
                    return
                if not isinstance(item, _type):
                    raise PluginError(
                        plugin, f"{_hook} registered a {type(item).__name__}, expected {_type.__name__}"
                    )
                staged[_hook].append(item)
                _note_level(levels, item)

            def run(impl: Any = impl, register: Any = register) -> object:
                return impl.function(register=register)

            result = call_plugin(loaded, plugin, hook, run)
            if result is not None:
                raise PluginError(plugin, f"{hook} returned {type(result).__name__}; call register()")
    return [(hook, item) for hook, _, _ in HOOKS for item in staged[hook]]


def _note_level(levels: set[str], item: object) -> None:
    if isinstance(item, Jurisdiction):
        levels.add(item.code)
    elif isinstance(item, PolicyDocument):
        levels.add(item.jurisdiction)


def _merge(collected: Collected, plugin: str, staged: list[tuple[str, Any]]) -> None:
    """Add a plugin's items, or raise (adding none) at the first id already taken."""
    ids = {hook: attr for hook, _, attr in HOOKS}
    slugs = {e.item.slug: e for e in collected["register_jurisdictions"].values()}
    seen: set[tuple[str, str]] = set()
    for hook, item in staged:
        key = getattr(item, ids[hook])
        kind = type(item).__name__
        if hook == "register_jurisdictions":
            core = collected[hook].get(key)
            if core is not None and core.plugin == CORE_PLUGIN:
                raise PluginError(plugin, f"jurisdiction {key} is already provided by plugin {core.plugin!r}")
            other = slugs.get(item.slug)
            if other is not None and other.item.code != key:
                raise PluginError(
                    plugin,
                    f"jurisdiction {key} has the slug {item.slug!r} of jurisdiction {other.item.code}, "
                    f"provided by plugin {other.plugin!r}",
                    item=f"jurisdiction {key}",
                )
        if (hook, key) in seen or key in collected[hook]:
            other_plugin = plugin if (hook, key) in seen else collected[hook][key].plugin
            raise PluginError(
                plugin,
                f"{kind} {key!r} is already provided by plugin {other_plugin!r}",
                item=f"{kind.lower()} {key}",
            )
        seen.add((hook, key))
    for hook, item in staged:
        collected[hook][getattr(item, ids[hook])] = Entry(item, plugin)


def collect(loaded: Loaded) -> tuple[Collected, dict[str, set[str]]]:
    """Every plugin's items, by hook and id, and each plugin's levels (for the ones left
    out too). A plugin that fails is raised (strict) or left out (see :meth:`Loaded.fail`)."""
    collected: Collected = {hook: {} for hook, _, _ in HOOKS}
    collected["register_jurisdictions"][NATION.code] = Entry(NATION, CORE_PLUGIN)
    for prov in PROVINCES:
        collected["register_jurisdictions"][prov.code] = Entry(prov, CORE_PLUGIN)
    levels: dict[str, set[str]] = {}
    # list_name_plugin() is in registration order: a duplicate blames the later plugin.
    for plugin, _ in list(loaded.pm.list_name_plugin()):
        found = levels[plugin] = set()
        try:
            _merge(collected, plugin, _stage(loaded, plugin, found))
        except PluginError as exc:
            loaded.fail(exc, found)
    return collected, levels
