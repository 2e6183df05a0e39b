"""The audit record of a run (``--audit FILE``): what went in, what was applied, what came out.

One JSON object, keys sorted, byte-identical for identical input: the SHA-256 and size of
each input file, the plugins with their versions, a digest of the rule set (every rule,
target, referral rule, exception, indicator and metric the registry holds, with its
citation), the date the run judged on, and how many results of each status. No patient
key, no referral id and no finding text: an audit record can be kept and shared where
reports may not.

>>> from medconsortium import api
>>> registry = api.load_registry(only=())
>>> record = json.loads(audit_json("validate", [], registry, "100000", "2024-06-30", {"findings.pass": 3}))
>>> sorted(record)
['as_of', 'command', 'counts', 'format', 'inputs', 'jurisdiction', 'plugins', 'rule_set_sha256']
>>> record["counts"], record["plugins"][0]["name"]
({'findings.pass': 3}, 'national')
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from ..plugins.registry import Registry

#: Changes when the record's layout changes.
FORMAT = "medconsortium-audit/1"


def file_digest(path: Path) -> dict[str, Any]:
    """The SHA-256 and size of a file, read in blocks (any size)."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return {"file": str(path), "sha256": digest.hexdigest(), "bytes": size}


def _plain(value: Any) -> Any:
    """Plain JSON data for a registry item, in an order that does not depend on the run
    (sets sorted; functions by their qualified name, never their address)."""
    if attrs.has(type(value)):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in attrs.fields(type(value))
            if not f.name.startswith("_")
        }
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, set | frozenset):
        return sorted((_plain(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    return repr(value)


def rule_set_digest(registry: Registry) -> str:
    """SHA-256 of everything the registry would apply, each item with its plugin."""
    kinds: dict[str, Mapping[str, Any]] = {
        "rules": registry.rules,
        "targets": registry.targets,
        "referral_rules": registry.referral_rules,
        "exceptions": registry.exceptions,
        "indicators": registry.indicators,
        "metrics": registry.metrics,
        "facts": registry.facts,
    }
    content = {
        kind: {
            key: {"plugin": entry.plugin, "item": _plain(entry.item)}
            for key, entry in sorted(entries.items())
        }
        for kind, entries in kinds.items()
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def audit_json(
    command: str,
    inputs: Iterable[Path],
    registry: Registry,
    jurisdiction: str,
    as_of: str,
    counts: Mapping[str, int],
    year: int | None = None,
) -> str:
    """The audit record as JSON text (ends with a newline); ``year`` for ``assess``."""
    record: dict[str, Any] = {
        "format": FORMAT,
        "command": command,
        "inputs": [file_digest(p) for p in inputs],
        "plugins": [
            {"name": p.name, "distribution": p.distribution, "version": p.version}
            for p in sorted(registry.plugins, key=lambda p: p.name)
        ],
        "rule_set_sha256": rule_set_digest(registry),
        "jurisdiction": jurisdiction,
        "as_of": as_of,
        "counts": dict(sorted(counts.items())),
    }
    if year is not None:
        record["year"] = year
    return json.dumps(record, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
