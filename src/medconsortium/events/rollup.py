"""The roll-up of the engine's sums into statistics records, with Arrow.

Each sum per institution segment goes to the subjects of its segment (the institution,
its consortia on the day, its county and the areas above); each sum per county of
residence to that county and the areas above; each referral group to its sender, the
sender's consortia and areas. The checks of the input are read here from the same sums
(vectorised: a province's pass has about a million groups).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..model.errors import InputError
from ..model.jurisdictions import is_division_code
from ..model.statistics import Scope, Statistics, StatRecord
from .definitions import Attribution, DatedBy, EventMetric
from .network import Dimension, area_codes
from .schema import VISIT_KINDS


class Counter:
    """Sums per (scope, subject, year), with the subjects of each family for zero-filling."""

    def __init__(self, years: tuple[int, ...]) -> None:
        self.years = years
        self.values: dict[tuple[str, str, int], dict[str, float]] = {}
        self.families: list[tuple[set[tuple[str, str]], tuple[str, ...]]] = []

    def family(self, metrics: tuple[str, ...]) -> set[tuple[str, str]]:
        subjects: set[tuple[str, str]] = set()
        self.families.append((subjects, metrics))
        return subjects

    def add_grouped(self, grouped: pa.Table, year_column: str, metrics: Iterable[str]) -> None:
        """Add a table of (scope, subject, year, <metric>_sum ...) sums."""
        names = list(metrics)
        columns = [grouped.column(f"{m}_sum").to_pylist() for m in names]
        scopes = grouped.column("scope").to_pylist()
        subjects = grouped.column("subject").to_pylist()
        years = grouped.column(year_column).to_pylist()
        for index, (scope, subject, year) in enumerate(zip(scopes, subjects, years, strict=True)):
            record = self.values.setdefault((scope, subject, int(year)), {})
            for metric, column in zip(names, columns, strict=True):
                value = column[index]
                if value:
                    record[metric] = record.get(metric, 0.0) + float(value)

    def statistics(self, source: str) -> Statistics:
        for subjects, metrics in self.families:
            for scope, subject in subjects:
                for year in self.years:
                    record = self.values.setdefault((scope, subject, year), {})
                    for metric in metrics:
                        record.setdefault(metric, 0.0)
        scopes = {s.value: s for s in Scope}
        records = tuple(
            StatRecord(scopes[k[0]], k[1], k[2], dict(sorted(self.values[k].items())))
            for k in sorted(self.values)
        )
        return Statistics(records, source=source)


def _first(table: pa.Table, mask: Any) -> dict[str, Any] | None:
    """The first row where ``mask`` holds, or None."""
    found = table.filter(pc.fill_null(mask, False))
    return found.slice(0, 1).to_pylist()[0] if found.num_rows else None


def _in_years(column: Any, years: tuple[int, ...]) -> Any:
    return pc.and_(pc.greater_equal(column, years[0]), pc.less_equal(column, years[-1]))


def _check_visits(rows: pa.Table, residence: pa.Table, name: str, years: tuple[int, ...]) -> None:
    """The checks of the engine's pass, read from its groups per institution (``rows``)
    and per county of residence (``residence``)."""
    first, last = years[0], years[-1]
    seg_missing = pc.is_null(rows["seg"])
    checks: list[tuple[Any, str, Callable[[dict[str, Any]], str]]] = [
        (pc.is_null(rows["institution_id"]), "institution_id", lambda _r: "empty value"),
        (
            pc.and_(seg_missing, pc.is_null(rows["institution_county"])),
            "institution_id",
            lambda r: (
                f"institution {r['institution_id']!r} is not in the network "
                "(visits elsewhere need institution_county)"
            ),
        ),
        (pc.is_null(rows["y"]), "visit_date", lambda _r: "empty value"),
    ]
    for mask, column, message in checks:
        row = _first(rows, mask)
        if row is not None:
            raise InputError(name, f"column {column}", message(row))
    for code in pc.unique(residence["residence_county"]).to_pylist():
        if code is None:
            raise InputError(name, "column residence_county", "empty value")
        if not is_division_code(code) or code.endswith("00"):
            raise InputError(
                name, "column residence_county", f"{code!r} is not a county-level GB/T 2260 code"
            )
    outside = pc.unique(rows.filter(seg_missing)["institution_county"]).to_pylist()
    for code in outside:
        if not is_division_code(code):
            raise InputError(name, "column institution_county", f"{code!r} is not a GB/T 2260 code")
    # A stay admitted before the first year and discharged within it counts as that
    # year's discharge; anything else outside the years is a wrong file or a wrong year.
    stay = pc.and_(
        pc.and_(pc.less(rows["y"], first), pc.equal(rows["not_inpatient"], 0)),
        pc.fill_null(pc.greater_equal(rows["dy"], first), False),
    )
    row = _first(rows, pc.and_(pc.invert(_in_years(rows["y"], years)), pc.invert(stay)))
    if row is not None:
        raise InputError(
            name,
            "column visit_date",
            f"{row['min_day']} lies outside the years assessed ({first}-01-01 to {last}-12-31)",
        )
    for field, column, text in (
        ("bad_kind", "kind", f"a value that is not one of: {', '.join(VISIT_KINDS)}"),
        ("bad_first", "first_visit", "empty on an outpatient visit (true or false required)"),
        ("bad_discharge", "discharge_date", "before the admission day (visit_date)"),
    ):
        count = pc.sum(rows[field]).as_py() or 0
        if count:
            raise InputError(name, f"column {column}", f"{count} rows with {text}")


def _grouped(rows: pa.Table, keys: list[str], metrics: Iterable[str]) -> pa.Table:
    return rows.group_by(keys, use_threads=False).aggregate([(m, "sum") for m in metrics])


def _summed(rows: pa.Table, keys: list[str], metrics: list[str]) -> pa.Table:
    """``rows`` summed per ``keys``, the sums keeping the metrics' names."""
    grouped = _grouped(rows, keys, metrics)
    return grouped.rename_columns(
        [c.removesuffix("_sum") if c in {f"{m}_sum" for m in metrics} else c for c in grouped.column_names]
    )


def _by_year(
    counter: Counter, joined: pa.Table, metrics: tuple[EventMetric, ...], extra_keys: list[str]
) -> None:
    """Sum ``metrics`` per subject and year (the event's or the discharge's)."""
    for dated_by, column in ((DatedBy.EVENT, "y"), (DatedBy.DISCHARGE, "dy")):
        chosen = [m.id for m in metrics if m.dated_by is dated_by]
        if not chosen or column not in joined.column_names:
            continue
        part = joined.filter(pc.fill_null(_in_years(joined[column], counter.years), False))
        counter.add_grouped(_grouped(part, ["scope", "subject", column, *extra_keys], chosen), column, chosen)


def _seen(joined: pa.Table) -> set[tuple[str, str]]:
    pairs = joined.select(["scope", "subject"]).group_by(["scope", "subject"]).aggregate([])
    return set(zip(pairs["scope"].to_pylist(), pairs["subject"].to_pylist(), strict=True))


def rollup_visits(
    rows: pa.Table,
    residents: pa.Table,
    metrics: tuple[EventMetric, ...],
    dim: Dimension,
    counter: Counter,
    name: str,
) -> None:
    _check_visits(rows, residents, name, counter.years)
    facility = tuple(m for m in metrics if m.attribution is Attribution.FACILITY)
    residence = tuple(m for m in metrics if m.attribution is Attribution.RESIDENCE)
    # Facility: each group to the subjects of its segment (institution, consortia, areas),
    # summed per segment and years first so that the join is with few rows.
    ids = [m.id for m in facility]
    per_seg = _summed(rows.filter(pc.is_valid(rows["seg"])), ["seg", "y", "dy"], ids)
    joined = per_seg.join(dim.subjects, "seg", join_type="inner")
    counter.family(tuple(ids)).update(_seen(joined))
    _by_year(counter, joined, facility, [])
    # Residence: each group to the county of residence and the areas above.
    rows = residents
    codes = pc.unique(rows["residence_county"]).to_pylist()
    mapping = pa.table(
        {
            "residence_county": [c for c in codes for _ in area_codes(c)],
            "scope": ["area" for c in codes for _ in area_codes(c)],
            "subject": [a for c in codes for a in area_codes(c)],
        }
    )
    joined = rows.join(mapping, "residence_county", join_type="inner")
    counter.family(tuple(m.id for m in residence)).update(_seen(joined))
    _by_year(counter, joined, residence, [])


def _check_referrals(rows: pa.Table, name: str, years: tuple[int, ...]) -> None:
    checks: list[tuple[Any, str, Callable[[dict[str, Any]], str]]] = [
        (pc.is_null(rows["from_institution"]), "from_institution", lambda _r: "empty value"),
        (
            pc.is_null(rows["s_seg"]),
            "from_institution",
            lambda r: f"institution {r['from_institution']!r} is not in the network",
        ),
        (pc.greater(rows["null_to"], 0), "to_institution", lambda _r: "empty value"),
        (
            pc.is_valid(rows["unknown_to"]),
            "to_institution",
            lambda r: f"institution {r['unknown_to']!r} is not in the network",
        ),
        (
            pc.greater(rows["self_referrals"], 0),
            "to_institution",
            lambda _r: "a referral to the same institution",
        ),
        (pc.is_null(rows["y"]), "time", lambda _r: "empty value"),
        (
            pc.invert(_in_years(rows["y"], years)),
            "time",
            lambda r: (
                f"{r['min_day']} lies outside the years assessed ({years[0]}-01-01 to {years[-1]}-12-31)"
            ),
        ),
    ]
    for mask, column, message in checks:
        row = _first(rows, mask)
        if row is not None:
            raise InputError(name, f"column {column}", message(row))


def rollup_referrals(
    rows: pa.Table, metrics: tuple[EventMetric, ...], dim: Dimension, counter: Counter, name: str
) -> None:
    _check_referrals(rows, name, counter.years)
    # Whether sender and receiver share a consortium on the day, per pair of segments.
    shared_of: dict[tuple[int, int], bool] = {}
    shared = []
    for s_seg, d_seg in zip(rows["s_seg"].to_pylist(), rows["d_seg"].to_pylist(), strict=True):
        key = (s_seg, d_seg)
        if key not in shared_of:
            target = dim.consortia[d_seg]
            shared_of[key] = any(c in target for c in dim.consortia[s_seg])
        shared.append(shared_of[key])
    rows = rows.append_column("shared", pa.array(shared, pa.bool_()))
    within = [m.id for m in metrics if m.within_consortium]
    plain = [m.id for m in metrics if not m.within_consortium]
    family = counter.family(tuple(m.id for m in metrics))
    # The sender and its areas: "within" means within any consortium the two share.
    subjects = dim.subjects.filter(pc.not_equal(dim.subjects["scope"], "consortium"))
    joined = rows.join(subjects, keys="s_seg", right_keys="seg", join_type="inner")
    family.update(_seen(joined))
    counter.add_grouped(_grouped(joined, ["scope", "subject", "y"], plain), "y", plain)
    inside = joined.filter(joined["shared"])
    counter.add_grouped(_grouped(inside, ["scope", "subject", "y"], within), "y", within)
    # The sender's consortia: "within" means within that consortium.
    cons = rows.join(dim.seg_consortia, keys="s_seg", right_keys="seg", join_type="inner")
    cons = cons.append_column("scope", pa.array(["consortium"] * cons.num_rows, pa.string()))
    cons = cons.rename_columns([c if c != "consortium" else "subject" for c in cons.column_names])
    family.update(_seen(cons))
    counter.add_grouped(_grouped(cons, ["scope", "subject", "y"], plain), "y", plain)
    receiver = dim.seg_consortia.append_column("inside", pa.array([True] * dim.seg_consortia.num_rows))
    marked = cons.join(
        receiver, keys=["d_seg", "subject"], right_keys=["seg", "consortium"], join_type="left outer"
    )
    counter.add_grouped(
        _grouped(marked.filter(pc.fill_null(marked["inside"], False)), ["scope", "subject", "y"], within),
        "y",
        within,
    )
