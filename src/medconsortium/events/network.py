"""The network as a small table the engine joins event rows with.

Each institution is cut into **segments**: spans of days over which the set of
consortia it belongs to (consortium and membership both active) does not change. A
visit or referral joins the one segment of its institution that covers its day, so that
"membership active on the event's date" costs one equality-and-range join, and every
aggregate carries the segment, from which its consortia are read back.

The county, city and province codes are columns of their own: deriving them from the
division code with ``substr`` in the engine made the computation about 3 times slower.

>>> from medconsortium import examples
>>> dim = dimension(examples.national_network())
>>> [dim.consortia[s] for s in dim.segments_of["cn-thc-1"]]  # before and after it joined
[(), ('cn-ccm-1',)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs
import pyarrow as pa

from ..model.institutions import InstitutionLevel
from ..model.jurisdictions import NATIONAL_CODE
from ..model.network import Network

#: Bounds of the first and last segment: any day an event can have.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)
_HOSPITAL_LEVELS = frozenset({InstitutionLevel.SECONDARY, InstitutionLevel.TERTIARY})


@attrs.frozen
class Dimension:
    """The segment table (Arrow) and, per segment id, the institution and its consortia."""

    table: pa.Table
    #: (seg, scope, subject): every subject a facility event in the segment counts for.
    subjects: pa.Table
    #: (seg, consortium): the consortia of each segment.
    seg_consortia: pa.Table
    consortia: Mapping[int, tuple[str, ...]]
    institution_of: Mapping[int, str]
    county_of: Mapping[str, str]
    segments_of: Mapping[str, tuple[int, ...]]


def area_codes(county: str) -> tuple[str, ...]:
    """The county and every area above it: county, city, province, nation (as the
    referral ledger counts).

    >>> area_codes("320612")
    ('320612', '320600', '320000', '100000')
    """
    return tuple(dict.fromkeys((county, county[:4] + "00", county[:2] + "0000", NATIONAL_CODE)))


def dimension(network: Network) -> Dimension:
    """Segments of every institution of the network, sorted by institution id."""
    rows: dict[str, list[Any]] = {
        name: []
        for name in (
            "institution_id",
            "seg",
            "seg_start",
            "seg_end",
            "county",
            "city",
            "province",
            "primary_care",
            "continuing_care",
            "hospital",
            "seniority",
        )
    }
    consortia: dict[int, tuple[str, ...]] = {}
    institution_of: dict[int, str] = {}
    segments_of: dict[str, tuple[int, ...]] = {}
    county_of: dict[str, str] = {}
    seg = 0
    for inst in sorted(network.institutions, key=lambda i: i.id):
        pairs = network.memberships_of(inst.id)
        # Every day a membership or its consortium starts or stops is a boundary.
        cuts = {FIRST_DAY}
        for cons, member in pairs:
            for day in (member.joined, member.left, cons.formed, cons.dissolved):
                if day is not None and FIRST_DAY < day <= LAST_DAY:
                    cuts.add(day)
        starts = sorted(cuts)
        spans: list[tuple[dt.date, dt.date, tuple[str, ...]]] = []
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else LAST_DAY
            members = tuple(sorted(c.id for c, m in pairs if c.active_on(start) and m.active_on(start)))
            if spans and spans[-1][2] == members:
                spans[-1] = (spans[-1][0], end, members)  # same consortia: one segment
            else:
                spans.append((start, end, members))
        ids = []
        county = inst.division
        county_of[inst.id] = county
        for start, end, members in spans:
            seg += 1
            ids.append(seg)
            consortia[seg] = members
            institution_of[seg] = inst.id
            values = (
                inst.id,
                seg,
                start,
                end,
                county,
                county[:4] + "00",
                county[:2] + "0000",
                inst.is_primary_care,
                inst.type.is_continuing_care,
                not inst.is_primary_care and inst.level in _HOSPITAL_LEVELS,
                inst.seniority,
            )
            for name, value in zip(rows, values, strict=True):
                rows[name].append(value)
        segments_of[inst.id] = tuple(ids)
    schema = pa.schema(
        [
            ("institution_id", pa.string()),
            ("seg", pa.int64()),
            # The segment covers seg_start <= day < seg_end.
            ("seg_start", pa.date32()),
            ("seg_end", pa.date32()),
            ("county", pa.string()),
            ("city", pa.string()),
            ("province", pa.string()),
            ("primary_care", pa.bool_()),
            ("continuing_care", pa.bool_()),
            ("hospital", pa.bool_()),
            ("seniority", pa.int64()),
        ]
    )
    table = pa.table(rows, schema=schema)
    subject_rows: dict[str, list[Any]] = {"seg": [], "scope": [], "subject": []}
    pair_rows: dict[str, list[Any]] = {"seg": [], "consortium": []}
    for seg_id, members in consortia.items():
        inst_id = institution_of[seg_id]
        found = [("institution", inst_id)] + [("consortium", c) for c in members]
        found += [("area", a) for a in area_codes(county_of[inst_id])]
        for scope, subject in found:
            subject_rows["seg"].append(seg_id)
            subject_rows["scope"].append(scope)
            subject_rows["subject"].append(subject)
        for cons_id in members:
            pair_rows["seg"].append(seg_id)
            pair_rows["consortium"].append(cons_id)
    subjects = pa.table(
        subject_rows,
        schema=pa.schema([("seg", pa.int64()), ("scope", pa.string()), ("subject", pa.string())]),
    )
    seg_consortia = pa.table(pair_rows, schema=pa.schema([("seg", pa.int64()), ("consortium", pa.string())]))
    return Dimension(table, subjects, seg_consortia, consortia, institution_of, county_of, segments_of)
