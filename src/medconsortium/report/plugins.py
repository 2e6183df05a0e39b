"""What each loaded plugin provides, for ``medconsortium plugins``.

A plugin may register jurisdictions (a city, a county) and issue policy for them or for a
level the core registers: the core knows the nation and every province, so the Jiangsu
plugin registers no jurisdiction and issues the policy of 320000. Both are listed, per
plugin and per jurisdiction, so that neither reads as "provides nothing".

>>> from medconsortium import Registry
>>> rows = jurisdiction_rows(Registry.load(only=()))
>>> rows[0]["code"], rows[0]["registered_by"], rows[0]["policy_from"]
('100000', 'national', ['national'])
"""

from __future__ import annotations

from typing import Any

from ..plugins.registry import Registry


def _policy_levels(registry: Registry, plugin: str) -> list[str]:
    return sorted({e.item.jurisdiction for e in registry.documents.values() if e.plugin == plugin})


def plugin_rows(registry: Registry) -> list[dict[str, Any]]:
    """One row per loaded plugin: name, distribution, version, the jurisdictions it
    registers and those it issues documents for, and how many items of each kind."""
    rows = []
    for info in registry.plugins:
        counts = {
            kind: sum(1 for e in entries.values() if e.plugin == info.name)
            for kind, entries in (
                ("documents", registry.documents),
                ("targets", registry.targets),
                ("rules", registry.rules),
                ("referral_rules", registry.referral_rules),
                ("exceptions", registry.exceptions),
            )
        }
        registers = sorted(code for code, e in registry.jurisdictions.items() if e.plugin == info.name)
        rows.append(
            {
                "name": info.name,
                "distribution": info.distribution,
                "version": info.version,
                "jurisdictions": len(registers),
                "registers": registers,
                "policy_for": _policy_levels(registry, info.name),
                **counts,
            }
        )
    return rows


def jurisdiction_rows(registry: Registry) -> list[dict[str, Any]]:
    """One row per jurisdiction that a plugin registered or that has policy installed:
    its code and name, the plugin that registered it, the plugins whose documents it has."""
    issued: dict[str, set[str]] = {}
    for e in registry.documents.values():
        issued.setdefault(e.item.jurisdiction, set()).add(e.plugin)
    rows = []
    for _depth, j in registry.walk():
        entry = registry.jurisdictions[j.code]
        if j.code not in issued and entry.plugin == "national":
            continue
        rows.append(
            {
                "code": j.code,
                "name": {"zh": j.name.zh, "en": j.name.en},
                "registered_by": entry.plugin,
                "policy_from": sorted(issued.get(j.code, ())),
            }
        )
    return rows


__all__ = ["jurisdiction_rows", "plugin_rows"]
