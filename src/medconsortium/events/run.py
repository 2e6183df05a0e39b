"""What the CLI calls: aggregate event files into a statistics file, or assess on them.

>>> from medconsortium import api
>>> from medconsortium.events.examples import VISITS
>>> registry = api.load_registry()
>>> net = "plugins/tongzhou/src/medconsortium_tongzhou/examples/tongzhou-network.yaml"
>>> text, blanked = aggregate_files([str(VISITS)], net, "tongzhou", 2025, registry, since=2024)
>>> text.splitlines()[0].split(",")[:4], blanked
(['scope', 'id', 'year', 'admissions'], 0)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .. import api
from ..engine.evaluation import Report, assess
from ..engine.ledger import combine
from ..model.statistics import Statistics
from ..plugins.registry import Registry
from .compute import Step, event_statistics
from .export import statistics_csv
from .privacy import suppress
from .sources import open_sources


def statistics_from_files(
    sources: Iterable[str],
    network_path: str | Path,
    jurisdiction: str,
    year: int,
    registry: Registry,
    since: int | None = None,
    step: Step | None = None,
) -> Statistics:
    """Statistics from event sources (see :mod:`medconsortium.events.sources`)."""
    registry.jurisdiction(jurisdiction)  # an unknown jurisdiction fails before any scan
    network = api.open_network(network_path, registry)
    tables = open_sources(sources)
    return event_statistics(tables, network, year, since, frozenset(registry.metrics), step)


def aggregate_files(
    sources: Iterable[str],
    network_path: str | Path,
    jurisdiction: str,
    year: int,
    registry: Registry,
    since: int | None = None,
    suppress_below: int | None = None,
    step: Step | None = None,
) -> tuple[str, int]:
    """The statistics CSV ``events aggregate`` writes, and how many values were
    suppressed (``suppress_below``: blank counts from 1 to that number minus one)."""
    statistics = statistics_from_files(sources, network_path, jurisdiction, year, registry, since, step)
    blanked = 0
    if suppress_below is not None:
        statistics, blanked = suppress(statistics, suppress_below)
    return statistics_csv(statistics, statistics.source or ""), blanked


def assess_with_events(
    network_path: str | Path,
    statistics_path: str | Path | None,
    sources: Iterable[str],
    jurisdiction: str,
    year: int,
    registry: Registry,
    since: int | None = None,
    step: Step | None = None,
) -> Report:
    """``assess`` on statistics computed from events, in place of or beside a statistics
    file (a value both give must agree). What ``assess --events`` calls."""
    j = registry.jurisdiction(jurisdiction)
    network = api.open_network(network_path, registry)
    statistics = api.open_statistics(statistics_path, registry) if statistics_path else None
    tables = open_sources(sources)
    computed = event_statistics(tables, network, year, since, frozenset(registry.metrics), step)
    merged = combine(statistics, computed, computed.source or "events")
    return assess(network, merged, registry, j, year)
