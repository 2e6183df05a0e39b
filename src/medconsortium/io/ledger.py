"""The referral ledger and files: a referral file counted into statistics, and statistics
written as the CSV ``assess --stats`` reads (the counting is :mod:`medconsortium.engine.ledger`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from ..engine.ledger import Ledger
from ..model.network import Network
from ..model.statistics import Statistics
from .referral_io import iter_good, read_referrals


def ledger_from_file(path: str | Path, network: Network, now: dt.datetime | None = None) -> Statistics:
    """Statistics from a referral file (CSV or JSON Lines), streamed.

    Every record must be good: the first bad one raises an InputError naming the file
    and line, since a count with records left out would be wrong without saying so.
    """
    source = str(path)
    ledger = Ledger(network)
    for record in iter_good(read_referrals(path, network, now), source):
        ledger.add(record.referral, record.workflow)
    return ledger.statistics(source=source)


def statistics_csv(statistics: Statistics, metrics: frozenset[str] | None = None) -> str:
    """Statistics as the wide CSV that :func:`~medconsortium.load_statistics` reads
    (``scope,id,year,<metric>...``), limited to ``metrics`` when given."""
    columns = sorted({k for r in statistics.records for k in r.values if metrics is None or k in metrics})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["scope", "id", "year", *columns])
    for r in statistics.records:
        writer.writerow(
            [r.scope.value, r.id, r.year, *(f"{r.values[c]:g}" if c in r.values else "" for c in columns)]
        )
    return buffer.getvalue()
