"""The statistics file written from events: the wide CSV that ``assess --stats`` reads,
with a ``provenance`` column naming the event sources and the definitions' version.

Numbers are written exactly (whole numbers without a decimal point, others as Python's
shortest round-trip form), so that reading the file back gives the same values: the
parity of the two paths depends on it.

>>> from medconsortium import Scope, StatRecord
>>> s = Statistics((StatRecord(Scope.AREA, "320612", 2025, {"total_visits": 12345678.0}),))
>>> print(statistics_csv(s, "events visits=v.csv; definitions events-1"), end="")
scope,id,year,total_visits,provenance
area,320612,2025,12345678,events visits=v.csv; definitions events-1
"""

from __future__ import annotations

import csv
import io

from ..model.statistics import Statistics

PROVENANCE = "provenance"


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def statistics_csv(statistics: Statistics, provenance: str) -> str:
    """Statistics as CSV: ``scope,id,year,<metric>...,provenance``, one row a record, in
    the records' order; a missing (or suppressed) value is an empty cell."""
    columns = sorted({k for r in statistics.records for k in r.values})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["scope", "id", "year", *columns, PROVENANCE])
    for r in statistics.records:
        cells = [_number(r.values[c]) if c in r.values else "" for c in columns]
        writer.writerow([r.scope.value, r.id, r.year, *cells, provenance])
    return buffer.getvalue()
