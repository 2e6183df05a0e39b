"""From event tables to statistics records: one pass of the engine per table, then a
small roll-up with Arrow.

The engine joins each event row with its institution's segment (see
:mod:`medconsortium.events.network`) and groups by institution, segment, residence
county and year, summing each metric's predicate (:mod:`medconsortium.events.definitions`).
The checks of the input ride along in the same pass (rows of an unknown kind, days
outside the years, discharges before admission ...), so a bad file costs no extra scan.
The groups stay in the engine; what comes back are their sums per institution segment
and per county of residence: counts, never a patient key.

The roll-up then adds each group to its subjects: the institution, the consortia of its
segment, its county and the areas above; or the patient's county of residence and the
areas above. For every subject seen, every year of the run gets a record, with zeros
where nothing happened (as the referral ledger does): within the years the events cover,
no visit is a count of 0, not missing data.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

import ibis
import pyarrow as pa

from ..model.errors import InputError, UsageError
from ..model.network import Network
from ..model.statistics import Statistics
from .definitions import (
    METRICS,
    Attribution,
    EventMetric,
    EventTable,
)
from .network import dimension
from .privacy import check_keys
from .rollup import Counter, rollup_referrals, rollup_visits
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
    counter = Counter(years)
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
    # Register the segment table with the backend now: some (Spark) only register a
    # memtable when a query using it is executed, not when one is cached.
    _engine(lambda: tables.backend.execute(segments.count()), "the network's segments")
    if tables.visits is not None:
        say("visits: one pass of the engine")
        metrics = metrics_for(EventTable.VISITS, known_metrics)
        by_institution, by_residence = _visit_groups(
            visits_expression(tables.visits, segments, metrics), metrics, tables.name("visits")
        )
        say("visits: roll-up")
        rollup_visits(by_institution, by_residence, metrics, dim, counter, tables.name("visits"))
    if tables.referrals is not None:
        say("referrals: one pass of the engine")
        metrics = metrics_for(EventTable.REFERRALS, known_metrics)
        rows = _execute(referrals_expression(tables.referrals, segments, metrics), tables.name("referrals"))
        rollup_referrals(rows, metrics, dim, counter, tables.name("referrals"))
    return counter.statistics(provenance(tables))


_CHECKS = ("n", "bad_kind", "bad_first", "bad_discharge", "not_inpatient")


def _visit_groups(stage: Expr, metrics: tuple[EventMetric, ...], name: str) -> tuple[pa.Table, pa.Table]:
    """The pass's groups summed per institution segment and per county of residence.

    The pass itself (institution x residence x years) can have millions of groups when
    visitors come from many counties; it is kept in the engine (a temporary table) and
    only the two much smaller sums come back.
    """
    facility = [m.id for m in metrics if m.attribution is Attribution.FACILITY]
    residence = [m.id for m in metrics if m.attribution is Attribution.RESIDENCE]
    cached = _engine(lambda: stage.cache(), name)
    try:
        per_institution = cached.group_by(
            ["institution_id", "seg", "institution_county", "y", "dy"]
        ).aggregate(min_day=cached.min_day.min(), **{c: cached[c].sum() for c in (*_CHECKS, *facility)})
        per_residence = cached.group_by(["residence_county", "y", "dy"]).aggregate(
            **{c: cached[c].sum() for c in residence}
        )
        return _execute(per_institution, name), _execute(per_residence, name)
    finally:
        _release(cached)


def _release(cached: Expr) -> None:
    """Drop the pass's temporary table. With Ibis 12 on DuckDB 2 the DROP statement
    Ibis writes is refused; the table is then dropped with its connection (for files,
    the run's own in-memory DuckDB), which is all that is lost."""
    with contextlib.suppress(Exception):
        cached.release()


def _engine(run: Callable[[], Any], name: str) -> Any:
    try:
        return run()
    except (InputError, UsageError):
        raise
    except Exception as exc:  # the engine's conversion errors: one line naming the source
        text = str(exc).strip()
        message = text.splitlines()[0] if text else type(exc).__name__
        raise InputError(name, "", f"the engine could not read it: {message}") from None


def _execute(expr: Expr, name: str) -> pa.Table:
    try:
        return expr.to_pyarrow()
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
