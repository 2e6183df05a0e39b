"""The Python API in a few calls: what the CLI does, as objects.

>>> from medconsortium import api
>>> registry = api.load_registry()
>>> example = api.example(registry, "national")
>>> report = api.assess_files(example.network, example.statistics, "national", example.year, registry)
>>> report.year, report.jurisdiction.code
(2017, '100000')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from .engine.evaluation import Report, assess, validate
from .engine.ledger import combine
from .model.errors import UsageError
from .model.network import Network
from .model.statistics import Statistics
from .plugins.registry import Registry
from .policy.catalog import Example, FactKind


def load_registry(only: Iterable[str] | None = None, strict: bool = True) -> Registry:
    """The national baseline and the installed plugins (``only``: just these).

    ``strict``: a plugin that fails to load raises; with ``strict=False`` it is left out
    (:attr:`Registry.broken`) and only a jurisdiction whose chain it belongs to refuses to
    run, as the command does unless ``--strict`` or ``MEDCONSORTIUM_STRICT=1``.
    """
    return Registry.load(only=only, strict=strict)


def open_network(path: str | Path, registry: Registry) -> Network:
    """Load a network file and check its governance facts against the registry."""
    # The readers (YAML, cattrs) load on first use: most commands never read a file.
    from .io.loading import check_facts, load_network

    network = load_network(path)
    known = {
        key: ("department" if e.item.kind is FactKind.DEPARTMENT else "fact")
        for key, e in registry.facts.items()
    }
    check_facts(network, known, str(path))
    return network


def open_statistics(path: str | Path, registry: Registry) -> Statistics:
    """Load a statistics file, refusing metrics no plugin declares."""
    from .io.loading import load_statistics

    return load_statistics(path, frozenset(registry.metrics))


def validate_file(
    network_path: str | Path, jurisdiction: str, registry: Registry, as_of: dt.date | None = None
) -> Report:
    j = registry.jurisdiction(jurisdiction)
    return validate(open_network(network_path, registry), registry, j, as_of)


def assess_files(
    network_path: str | Path,
    statistics_path: str | Path | None,
    jurisdiction: str,
    year: int,
    registry: Registry,
) -> Report:
    j = registry.jurisdiction(jurisdiction)
    network = open_network(network_path, registry)
    statistics = open_statistics(statistics_path, registry) if statistics_path else None
    return assess(network, statistics, registry, j, year)


def example(registry: Registry, name: str | None = None) -> Example:
    """A bundled example by name, or the one with the highest priority."""
    if name is not None:
        entry = registry.examples.get(name)
        if entry is None:
            known = ", ".join(sorted(registry.examples))
            raise UsageError(f"unknown example {name!r} (installed: {known})")
        return entry.item
    if not registry.examples:
        raise UsageError("no example is installed")
    return max((e.item for e in registry.examples.values()), key=lambda x: (x.priority, x.name))


def assess_with_referrals(
    network_path: str | Path,
    statistics_path: str | Path | None,
    referrals_path: str | Path,
    jurisdiction: str,
    year: int,
    registry: Registry,
    now: dt.datetime | None = None,
) -> Report:
    """``assess`` with a referral ledger in place of, or beside, a statistics file.

    What ``medconsortium assess --referrals FILE`` calls.
    """
    from .io.ledger import ledger_from_file

    j = registry.jurisdiction(jurisdiction)
    network = open_network(network_path, registry)
    statistics = open_statistics(statistics_path, registry) if statistics_path else None
    ledger = ledger_from_file(referrals_path, network, now)
    return assess(network, combine(statistics, ledger, str(referrals_path)), registry, j, year)
