"""Privacy of event data: patient keys are checked before the run and never leave the
engine; exported counts below a threshold can be suppressed.

Resident identity numbers (居民身份证号, GB 11643) are 18 characters: 17 digits and a
check character (a digit or X) computed with ISO 7064 MOD 11-2; an old card has 15
digits. A key is taken for one when it has that form, in half-width or full-width
characters (１１０１…, Ｘ), and for 18 characters the check character is right.

>>> looks_like_resident_id("11010519491231002X"), looks_like_resident_id("110105194912310021")
(True, False)
>>> looks_like_resident_id("１１０１０５１９４９１２３１００２Ｘ"), looks_like_resident_id("p-7f3a9c")
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from ..model.errors import InputError
from ..model.statistics import Statistics, StatRecord

#: How many values of each key column are read before the run.
SAMPLE_SIZE = 10_000

#: The default of ``--suppress-below``: a count from 1 to 9 is a small cell. Ten is the
#: smallest cell many statistical offices publish; a count that small can point to a
#: person in a small institution.
SMALL_COUNT = 10

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"^(\d{17}[\dX]|\d{15})$")


def looks_like_resident_id(value: str) -> bool:
    """Whether a value has the form of a resident ID number (see the module)."""
    text = unicodedata.normalize("NFKC", value).strip().upper()
    if not _SHAPE.match(text) or not text.isascii():
        return False
    if len(text) == 15:
        return True
    total = sum(int(d) * w for d, w in zip(text[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == text[17]


def check_keys(table: Any, columns: Iterable[str], name: str) -> None:
    """Read up to :data:`SAMPLE_SIZE` values of each key column and refuse the table if
    one looks like a resident ID number. The message never repeats the value."""
    for column in columns:
        if column not in table.columns:
            continue
        sample = table.select(table[column]).limit(SAMPLE_SIZE).to_pyarrow().column(0).to_pylist()
        found = sum(1 for v in sample if isinstance(v, str) and looks_like_resident_id(v))
        if found:
            raise InputError(
                name,
                f"column {column}",
                f"{found} of {len(sample)} sampled values look like resident ID numbers; "
                "use pseudonymous keys (the values are not repeated here)",
            )


#: Metrics that are not counts of events but sums over them, blanked with their count.
_SUMS_OF = {"bed_days": "discharges"}


def suppress(statistics: Statistics, below: int) -> tuple[Statistics, int]:
    """Blank every count from 1 to ``below`` − 1 (and a sum whose count is blanked);
    return the statistics and how many values were blanked. A blank is a missing value:
    an indicator over it is not assessable, never a pass.

    >>> from medconsortium import Scope
    >>> s = Statistics((StatRecord(Scope.AREA, "320612", 2025, {"discharges": 3, "bed_days": 30}),))
    >>> out, n = suppress(s, 10)
    >>> out.records[0].values, n
    ({}, 2)
    """
    blanked = 0
    records = []
    for record in statistics.records:
        values = dict(record.values)
        small = {k for k, v in values.items() if 0 < v < below and k not in _SUMS_OF}
        small |= {k for k, count in _SUMS_OF.items() if count in small and k in values}
        small |= {k for k, v in values.items() if k in _SUMS_OF and 0 < v < below}
        blanked += len(small)
        records.append(
            StatRecord(record.scope, record.id, record.year, {k: values[k] for k in values if k not in small})
        )
    return Statistics(tuple(records), statistics.synthetic, statistics.source), blanked
