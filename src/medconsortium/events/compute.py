"""From event tables to statistics records: one pass of the engine per table, then a
small roll-up in Python.

The engine joins each event row with its institution's segment (see
:mod:`medconsortium.events.network`) and groups by institution, segment, residence
county and year, summing each metric's predicate (:mod:`medconsortium.events.definitions`).
The checks of the input ride along in the same pass (rows of an unknown kind, days
outside the years, discharges before admission ...), so a bad file costs no extra scan.
What comes back has one row per group: counts, never a patient key.

The roll-up then adds each group to its subjects: the institution, the consortia of its
segment, its county and the areas above; or the patient's county of residence and the
areas above. For every subject seen, every year of the run gets a record, with zeros
where nothing happened (as the referral ledger does): within the years the events cover,
no visit is a count of 0, not missing data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import ibis

from ..errors import InputError, UsageError
from ..jurisdictions import is_division_code
from ..network import Network
from ..statistics import Scope, Statistics, StatRecord
from .definitions import (
    METRICS,
    Attribution,
    DatedBy,
    EventMetric,
    EventTable,
)
from .network import Dimension, area_codes, dimension
from .privacy import check_keys
from .schema import (
    INPATIENT,
    OUTPATIENT,
    REFERRAL_ALLOWED,
    REFERRAL_COLUMNS,
    VISIT_ALLOWED,
    VISIT_COLUMNS,
    VISIT_KINDS,
    check_columns,
    type_family,
)
from .sources import EventTables

Expr = Any
Step = Callable[[str], None]

_VISIT_KEYS = ("institution_id", "seg", "residence_county", "institution_county", "y", "dy")
_REFERRAL_KEYS = ("from_institution", "s_seg", "d_seg", "y")


def _schema(table: Expr) -> dict[str, str]:
    return {name: str(dtype) for name, dtype in table.schema().items()}


def _day(column: Expr, dtype: str) -> Expr:
    return column.date() if type_family(dtype) == "timestamp" else column


def metrics_for(table: EventTable, known: frozenset[str] | None) -> tuple[EventMetric, ...]:
    """The metrics of one table that the registry knows (all when ``known`` is None)."""
    return tuple(m for m in METRICS if m.table is table and (known is None or m.id in known))


def _sums(t: Expr, metrics: Iterable[EventMetric]) -> dict[str, Expr]:
    out: dict[str, Expr] = {}
    for metric in metrics:
        value = metric.value(t) if metric.value is not None else 1
        out[metric.id] = ibis.ifelse(metric.where(t), value, 0).sum()
    return out


def visits_expression(visits: Expr, segments: Expr, metrics: Iterable[EventMetric]) -> Expr:
    """The engine's one pass over the visits: joined with the segments, grouped, summed.

    ``segments`` is the segment table (a memtable of :func:`dimension`, or an unbound
    table when only compiling SQL).
    """
    schema = _schema(visits)
    day = _day(visits.visit_date, schema["visit_date"])
    s = segments
    joined = visits.left_join(
        s,
        [visits.institution_id == s.institution_id, day >= s.seg_start, day < s.seg_end],
    )
    has_discharge = "discharge_date" in schema
    has_outside = "institution_county" in schema
    t = joined.select(
        institution_id=visits.institution_id,
        residence_county=visits.residence_county,
        institution_county=visits.institution_county if has_outside else ibis.null("string"),
        kind=visits.kind,
        first_visit=visits.first_visit,
        visit_date=day,
        discharge_date=(
            _day(visits.discharge_date, schema["discharge_date"]) if has_discharge else ibis.null("date")
        ),
        seg=s.seg,
        primary_care=s.primary_care.fill_null(False),
        in_network=s.seg.notnull(),
        county=(ibis.coalesce(s.county, visits.institution_county) if has_outside else s.county),
    )
    keys = {
        "institution_id": t.institution_id,
        "seg": t.seg,
        "residence_county": t.residence_county,
        "institution_county": t.institution_county,
        "y": t.visit_date.year(),
        "dy": t.discharge_date.year(),
    }
    checks = {
        "n": t.count(),
        "bad_kind": ibis.ifelse(t.kind.isin(VISIT_KINDS), 0, 1).sum(),
        "bad_first": ibis.ifelse((t.kind == OUTPATIENT) & t.first_visit.isnull(), 1, 0).sum(),
        "bad_discharge": ibis.ifelse(t.discharge_date < t.visit_date, 1, 0).sum(),
        "not_inpatient": ibis.ifelse(t.kind == INPATIENT, 0, 1).sum(),
        "min_day": t.visit_date.min(),
    }
    return t.group_by(**keys).aggregate(**checks, **_sums(t, metrics))


def _prefixed(segments: Expr, prefix: str) -> Expr:
    return segments.select(**{f"{prefix}{name}": segments[name] for name in segments.columns})


def referrals_expression(referrals: Expr, segments: Expr, metrics: Iterable[EventMetric]) -> Expr:
    """The engine's one pass over the referrals: sender and receiver each joined with
    their segment on the referral's day."""
    schema = _schema(referrals)
    r = referrals
    day = _day(r.time, schema["time"])
    src = _prefixed(segments, "s_")
    dst = _prefixed(segments, "d_")
    joined = r.left_join(
        src, [r.from_institution == src.s_institution_id, day >= src.s_seg_start, day < src.s_seg_end]
    ).left_join(dst, [r.to_institution == dst.d_institution_id, day >= dst.d_seg_start, day < dst.d_seg_end])
    counted: Expr = ibis.literal(True)
    for column in ("rejected_at", "cancelled_at"):
        if column in schema:
            counted = counted & r[column].isnull()
    t = joined.select(
        from_institution=r.from_institution,
        to_institution=r.to_institution,
        day=day,
        s_seg=src.s_seg,
        d_seg=dst.d_seg,
        counted=counted,
        upward=dst.d_seniority > src.s_seniority,
        downward=dst.d_seniority < src.s_seniority,
        src_primary_care=src.s_primary_care,
        src_hospital=src.s_hospital,
        dst_primary_care=dst.d_primary_care,
        dst_continuing_care=dst.d_continuing_care,
        src_county=src.s_county,
        dst_county=dst.d_county,
        reserved=r.reserved_resource if "reserved_resource" in schema else ibis.null("boolean"),
    )
    keys = {"from_institution": t.from_institution, "s_seg": t.s_seg, "d_seg": t.d_seg, "y": t.day.year()}
    checks = {
        "n": t.count(),
        "self_referrals": ibis.ifelse(t.from_institution == t.to_institution, 1, 0).sum(),
        "null_to": ibis.ifelse(t.to_institution.isnull(), 1, 0).sum(),
        "unknown_to": t.to_institution.min(where=t.d_seg.isnull()),
        "min_day": t.day.min(),
    }
    return t.group_by(**keys).aggregate(**checks, **_sums(t, metrics))


# -- roll-up --------------------------------------------------------------------------------
class _Counter:
    """Sums per (scope, subject, year), with the subjects of each family for zero-filling."""

    def __init__(self, years: tuple[int, ...]) -> None:
        self.years = years
        self.values: dict[tuple[Scope, str, int], dict[str, float]] = {}
        self.families: list[tuple[set[tuple[Scope, str]], tuple[str, ...]]] = []

    def family(self, metrics: tuple[str, ...]) -> set[tuple[Scope, str]]:
        subjects: set[tuple[Scope, str]] = set()
        self.families.append((subjects, metrics))
        return subjects

    def add(self, scope: Scope, subject: str, year: int, metric: str, value: float) -> None:
        record = self.values.setdefault((scope, subject, year), {})
        record[metric] = record.get(metric, 0.0) + value

    def statistics(self, source: str) -> Statistics:
        for subjects, metrics in self.families:
            for scope, subject in subjects:
                for year in self.years:
                    record = self.values.setdefault((scope, subject, year), {})
                    for metric in metrics:
                        record.setdefault(metric, 0.0)
        order = sorted(self.values, key=lambda k: (k[0].value, k[1], k[2]))
        records = tuple(StatRecord(k[0], k[1], k[2], dict(sorted(self.values[k].items()))) for k in order)
        return Statistics(records, source=source)


def _rows(table: Any) -> list[dict[str, Any]]:
    return list(table.to_pylist())


def _year_of(metric: EventMetric, row: Mapping[str, Any]) -> int | None:
    year = row["dy"] if metric.dated_by is DatedBy.DISCHARGE else row["y"]
    return None if year is None else int(year)


def _check_visit_row(row: Mapping[str, Any], name: str, dim: Dimension, years: tuple[int, ...]) -> None:
    first, last = years[0], years[-1]
    if row["institution_id"] is None:
        raise InputError(name, "column institution_id", "empty value")
    if row["seg"] is None and row["institution_county"] is None:
        raise InputError(
            name,
            "column institution_id",
            f"institution {row['institution_id']!r} is not in the network "
            "(visits elsewhere need institution_county)",
        )
    if row["seg"] is None and not is_division_code(str(row["institution_county"])):
        raise InputError(
            name, "column institution_county", f"{row['institution_county']!r} is not a GB/T 2260 code"
        )
    residence = row["residence_county"]
    if residence is None:
        raise InputError(name, "column residence_county", "empty value")
    if not is_division_code(residence) or residence.endswith("00"):
        raise InputError(
            name, "column residence_county", f"{residence!r} is not a county-level GB/T 2260 code"
        )
    if row["y"] is None:
        raise InputError(name, "column visit_date", "empty value")
    if not first <= row["y"] <= last:
        # A stay admitted before the first year and discharged within it counts as that
        # year's discharge; anything else outside the years is a wrong file or a wrong year.
        stay = row["y"] < first and row["not_inpatient"] == 0 and row["dy"] is not None and row["dy"] >= first
        if not stay:
            raise InputError(
                name,
                "column visit_date",
                f"{row['min_day']} lies outside the years assessed ({first}-01-01 to {last}-12-31)",
            )
    for field, column, message in (
        ("bad_kind", "kind", f"a value that is not one of: {', '.join(VISIT_KINDS)}"),
        ("bad_first", "first_visit", "empty on an outpatient visit (true or false required)"),
        ("bad_discharge", "discharge_date", "before the admission day (visit_date)"),
    ):
        if row[field]:
            raise InputError(name, f"column {column}", f"{row[field]} rows with {message}")


def _rollup_visits(
    rows: list[dict[str, Any]],
    metrics: tuple[EventMetric, ...],
    dim: Dimension,
    counter: _Counter,
    name: str,
) -> None:
    years = counter.years
    facility = tuple(m for m in metrics if m.attribution is Attribution.FACILITY)
    residence = tuple(m for m in metrics if m.attribution is Attribution.RESIDENCE)
    seen_facility = counter.family(tuple(m.id for m in facility))
    seen_residence = counter.family(tuple(m.id for m in residence))
    for row in rows:
        _check_visit_row(row, name, dim, years)
    for row in rows:
        seg = row["seg"]
        residence_areas = area_codes(row["residence_county"])
        seen_residence.update((Scope.AREA, a) for a in residence_areas)
        if seg is not None:
            inst = row["institution_id"]
            subjects = [(Scope.INSTITUTION, inst)]
            subjects += [(Scope.CONSORTIUM, c) for c in dim.consortia[seg]]
            subjects += [(Scope.AREA, a) for a in area_codes(dim.county_of[inst])]
            seen_facility.update(subjects)
            for metric in facility:
                year = _year_of(metric, row)
                value = row[metric.id]
                if year in years and value:
                    for scope, subject in subjects:
                        counter.add(scope, subject, year, metric.id, float(value))
        for metric in residence:
            year = _year_of(metric, row)
            value = row[metric.id]
            if year in years and value:
                for area in residence_areas:
                    counter.add(Scope.AREA, area, year, metric.id, float(value))


def _rollup_referrals(
    rows: list[dict[str, Any]],
    metrics: tuple[EventMetric, ...],
    dim: Dimension,
    counter: _Counter,
    name: str,
) -> None:
    years = counter.years
    seen = counter.family(tuple(m.id for m in metrics))
    for row in rows:
        if row["from_institution"] is None:
            raise InputError(name, "column from_institution", "empty value")
        if row["s_seg"] is None:
            raise InputError(
                name,
                "column from_institution",
                f"institution {row['from_institution']!r} is not in the network",
            )
        if row["null_to"]:
            raise InputError(name, "column to_institution", "empty value")
        if row["unknown_to"] is not None:
            raise InputError(
                name, "column to_institution", f"institution {row['unknown_to']!r} is not in the network"
            )
        if row["self_referrals"]:
            raise InputError(name, "column to_institution", "a referral from an institution to itself")
        if row["y"] is None:
            raise InputError(name, "column time", "empty value")
        if row["y"] not in years:
            raise InputError(
                name,
                "column time",
                f"{row['min_day']} lies outside the years assessed ({years[0]}-01-01 to {years[-1]}-12-31)",
            )
    for row in rows:
        inst = row["from_institution"]
        source_set = dim.consortia[row["s_seg"]]
        target_set = frozenset(dim.consortia[row["d_seg"]])
        shared = any(c in target_set for c in source_set)
        year = int(row["y"])
        plain = [(Scope.INSTITUTION, inst)] + [(Scope.AREA, a) for a in area_codes(dim.county_of[inst])]
        seen.update(plain)
        seen.update((Scope.CONSORTIUM, c) for c in source_set)
        for metric in metrics:
            value = row[metric.id]
            if not value:
                continue
            for scope, subject in plain:
                if not metric.within_consortium or shared:
                    counter.add(scope, subject, year, metric.id, float(value))
            for cons in source_set:
                # For a consortium, "within" means within that consortium.
                if not metric.within_consortium or cons in target_set:
                    counter.add(Scope.CONSORTIUM, cons, year, metric.id, float(value))


def provenance(tables: EventTables) -> str:
    """What the provenance column says: the event sources and the definitions' version."""
    from .definitions import DEFINITIONS_VERSION

    sources = "; ".join(
        f"{role}={tables.name(role)}" for role in ("visits", "referrals") if _has(tables, role)
    )
    return f"events {sources}; definitions {DEFINITIONS_VERSION}"


def _has(tables: EventTables, role: str) -> bool:
    return getattr(tables, role) is not None


def years_of(year: int, since: int | None) -> tuple[int, ...]:
    """The years a run covers: ``since`` (default ``year``) to ``year``.

    >>> years_of(2025, 2024)
    (2024, 2025)
    """
    first = year if since is None else since
    if first > year:
        raise UsageError(f"--since {first} is after --year {year}")
    return tuple(range(first, year + 1))


def event_statistics(
    tables: EventTables,
    network: Network,
    year: int,
    since: int | None = None,
    known_metrics: frozenset[str] | None = None,
    step: Step | None = None,
) -> Statistics:
    """Statistics for ``since``..``year`` computed from the event tables.

    ``known_metrics``: the registry's metric ids; others (a plugin's, when the plugin is
    not installed) are not produced.
    """
    say: Step = step or (lambda _text: None)
    years = years_of(year, since)
    counter = _Counter(years)
    if tables.visits is None and tables.referrals is None:
        raise UsageError("no visits or referrals table among the event sources")
    say("checking columns and patient keys")
    if tables.visits is not None:
        check_columns(tables.name("visits"), _schema(tables.visits), VISIT_COLUMNS, VISIT_ALLOWED)
        check_keys(tables.visits, ("patient_key", "visit_id"), tables.name("visits"))
    if tables.referrals is not None:
        check_columns(tables.name("referrals"), _schema(tables.referrals), REFERRAL_COLUMNS, REFERRAL_ALLOWED)
        check_keys(tables.referrals, ("patient", "id"), tables.name("referrals"))
    dim = dimension(network)
    segments = ibis.memtable(dim.table)
    if tables.visits is not None:
        say("visits: one pass of the engine")
        metrics = metrics_for(EventTable.VISITS, known_metrics)
        rows = _execute(visits_expression(tables.visits, segments, metrics), tables.name("visits"))
        say("visits: roll-up")
        _rollup_visits(rows, metrics, dim, counter, tables.name("visits"))
    if tables.referrals is not None:
        say("referrals: one pass of the engine")
        metrics = metrics_for(EventTable.REFERRALS, known_metrics)
        rows = _execute(referrals_expression(tables.referrals, segments, metrics), tables.name("referrals"))
        _rollup_referrals(rows, metrics, dim, counter, tables.name("referrals"))
    return counter.statistics(provenance(tables))


def _execute(expr: Expr, name: str) -> list[dict[str, Any]]:
    try:
        return _rows(expr.to_pyarrow())
    except (InputError, UsageError):
        raise
    except Exception as exc:  # the engine's conversion errors: one line naming the source
        text = str(exc).strip()
        message = text.splitlines()[0] if text else type(exc).__name__
        raise InputError(name, "", f"the engine could not read it: {message}") from None


__all__ = [
    "event_statistics",
    "metrics_for",
    "provenance",
    "referrals_expression",
    "visits_expression",
    "years_of",
]
