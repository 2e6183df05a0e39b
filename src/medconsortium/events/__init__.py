"""Indicators from event-level data: visits and referrals, one row each, aggregated into
the statistics records that ``assess --stats`` reads.

This subpackage is the optional extra ``medconsortium[events]`` (Ibis with DuckDB). The
core never imports it; importing it without Ibis installed raises an
:class:`~medconsortium.model.errors.UsageError` that says which extra to install.

The computation runs in the engine (DuckDB embedded by default, any Ibis backend such as
Spark or Trino given a connection): one pass over each event table, joined with the
network, grouped by institution, membership segment, residence county and year. Only
sums of those groups leave the engine; patient keys never do.

May import: model, policy, plugins, engine, io and :mod:`medconsortium.api` (it sits
beside ``api`` and ``cli`` at the top of the layers); only ``cli.events`` imports it,
inside its commands, so that the command starts without the extra.

>>> from medconsortium.events import definitions
>>> definitions.DEFINITIONS_VERSION
'events-1'
"""

from __future__ import annotations

from ..model.errors import UsageError

try:  # the extra is optional: say what to install instead of a bare ImportError
    import ibis  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise UsageError(
        "event-level indicators need the 'events' extra: pip install 'medconsortium[events]'"
    ) from exc
