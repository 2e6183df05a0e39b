"""The referral ledger: a batch of referrals counted into the statistics targets use.

Each referral is counted for the year of its request and for the *sending* institution,
for every consortium the sender belongs to on that day, and for the sender's county and
every area above it (city, province, nation), so that a target at any level finds its
subject. A referral whose workflow ended ``rejected`` or ``cancelled`` did not happen and
is not counted; one without a workflow is counted as recorded.

For a consortium, "within consortium" means within that consortium; for an institution
or an area, within any consortium the two institutions share on the day.

The metrics follow the national definitions:

- ``referrals_up``: upward referrals sent by primary care institutions;
- ``referrals_down``: downward referrals from secondary and tertiary hospitals to primary
  care and continuing-care institutions.

Beside them the ledger produces metrics of its own (:data:`LEDGER_METRICS`) and the
indicators over them (:data:`LEDGER_INDICATORS`): within-consortium share, downward
referrals within a consortium (Linyi's growth target counts those), out-of-county share,
and the share of upward referrals that used reserved resources.

For every subject seen, every year the ledger covers gets a record, with zeros where the
subject sent nothing that year: within the ledger's years, no referral is a count of 0,
not missing data. Years outside the ledger stay missing.

>>> import datetime as dt
>>> from medconsortium import examples
>>> from medconsortium.referrals import Referral
>>> net = examples.national_network()
>>> r = Referral("r-1", "p-7f3a", "cn-thc-1", "cn-county-1", dt.datetime(2024, 3, 1, 9))
>>> stats = referral_statistics([r], net)
>>> stats.value(Scope.INSTITUTION, "cn-thc-1", 2024, "referrals_up")
1.0
>>> stats.value(Scope.AREA, "130000", 2024, "referrals_within_consortium")
1.0
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .errors import InputError
from .hookspecs import Register
from .indicators import Indicator, MetricValue, Ratio, Unit
from .institutions import InstitutionLevel
from .jurisdictions import NATIONAL_CODE
from .labels import Label
from .network import Network
from .referral_io import iter_good, read_referrals
from .referrals import Direction, Referral, direction_between
from .statistics import Metric, Scope, Statistics, StatRecord
from .workflow import ReferralStatus, Workflow

if TYPE_CHECKING:
    # Only for annotations: national.py may import this module to register the ledger's
    # metrics, and evaluation imports the registry, which imports national.
    from .evaluation import Report
    from .registry import Registry

#: Metrics the ledger produces besides the national ``referrals_up`` and ``referrals_down``.
LEDGER_METRICS = (
    Metric("referrals_total", Label("转诊例数", "referrals, all directions")),
    Metric(
        "referrals_within_consortium",
        Label("医联体内转诊例数", "referrals to an institution of a common consortium"),
    ),
    Metric(
        "referrals_down_within_consortium",
        Label(
            "医联体内下转病人例数",
            "downward referrals (as referrals_down) to an institution of a common consortium",
        ),
    ),
    Metric(
        "referrals_out_of_county", Label("转往县域外例数", "referrals to an institution outside the county")
    ),
    Metric(
        "referrals_reserved_resource",
        Label(
            "使用预留资源的上转例数",
            "upward referrals received on reserved resources (specialist slots, beds, examinations)",
        ),
    ),
    Metric(
        "referrals_reserved_recorded",
        Label("记录是否使用预留资源的上转例数", "upward referrals with reserved-resource use recorded"),
    ),
)

#: Indicators over the ledger metrics. Like every ratio, an empty denominator gives no
#: value, never zero: a ledger that does not record reserved resources cannot pass.
LEDGER_INDICATORS = (
    Indicator(
        "within_consortium_referral_share",
        Label("医联体内转诊占比", "within-consortium share of referrals"),
        Unit.PERCENT,
        Ratio("referrals_within_consortium", "referrals_total"),
    ),
    Indicator(
        "referrals_down_within_consortium",
        Label("医联体内下转病人例数", "downward referrals within a consortium"),
        Unit.COUNT,
        MetricValue("referrals_down_within_consortium"),
    ),
    Indicator(
        "out_of_county_referral_share",
        Label("转往县域外占比", "share of referrals to care outside the county"),
        Unit.PERCENT,
        Ratio("referrals_out_of_county", "referrals_total"),
        better=None,
    ),
    Indicator(
        "reserved_resource_share",
        Label("上转使用预留资源占比", "share of upward referrals using reserved resources"),
        Unit.PERCENT,
        Ratio("referrals_reserved_resource", "referrals_reserved_recorded"),
    ),
)

METRIC_IDS = ("referrals_up", "referrals_down", *(m.id for m in LEDGER_METRICS))

_NOT_COUNTED = frozenset({ReferralStatus.REJECTED, ReferralStatus.CANCELLED})
_HOSPITAL_LEVELS = frozenset({InstitutionLevel.SECONDARY, InstitutionLevel.TERTIARY})


def register_ledger_metrics(register: Register) -> None:
    """Register the ledger's metrics (for a ``register_metrics`` hook implementation)."""
    for metric in LEDGER_METRICS:
        register(metric)


def register_ledger_indicators(register: Register) -> None:
    """Register the ledger's indicators (for a ``register_indicators`` hook implementation)."""
    for indicator in LEDGER_INDICATORS:
        register(indicator)


def area_codes(division: str) -> tuple[str, ...]:
    """The division and every area above it, county first.

    >>> area_codes("320612")
    ('320612', '320600', '320000', '100000')
    """
    codes = [division, division[:4] + "00", division[:2] + "0000", NATIONAL_CODE]
    return tuple(dict.fromkeys(codes))


@attrs.define
class Ledger:
    """Counts referrals one at a time; :meth:`statistics` gives the result.

    Memory grows with the subjects and years, not with the number of referrals. A
    referral between institutions the network does not know raises ValueError.
    """

    network: Network
    _counts: dict[tuple[Scope, str, int], dict[str, int]] = attrs.field(factory=dict, init=False)
    _years: set[int] = attrs.field(factory=set, init=False)
    counted: int = attrs.field(default=0, init=False)
    skipped: int = attrs.field(default=0, init=False)

    def add(self, referral: Referral, workflow: Workflow | None = None) -> bool:
        """Count one referral; False when its workflow says it did not happen."""
        source = self.network.get_institution(referral.from_institution)
        target = self.network.get_institution(referral.to_institution)
        if source is None or target is None:
            missing = referral.from_institution if source is None else referral.to_institution
            raise ValueError(f"referral {referral.id!r}: unknown institution {missing!r}")
        year = referral.time.year
        self._years.add(year)
        if workflow is not None and workflow.status in _NOT_COUNTED:
            self.skipped += 1
            return False
        day = referral.time.date()
        direction = direction_between(source, target)
        source_consortia = self.network.consortia_of(source.id, on=day)
        target_consortia = self.network.consortia_of(target.id, on=day)
        up = direction is Direction.UPWARD and source.is_primary_care
        down = (
            direction is Direction.DOWNWARD
            and not source.is_primary_care
            and source.level in _HOSPITAL_LEVELS
            and (target.is_primary_care or target.type.is_continuing_care)
        )
        shared = any(c in target_consortia for c in source_consortia)
        values = {
            "referrals_total": 1,
            "referrals_up": int(up),
            "referrals_down": int(down),
            "referrals_within_consortium": int(shared),
            "referrals_down_within_consortium": int(down and shared),
            "referrals_out_of_county": int(target.division != source.division),
            "referrals_reserved_resource": int(up and referral.reserved_resource is True),
            "referrals_reserved_recorded": int(up and referral.reserved_resource is not None),
        }
        self._count((Scope.INSTITUTION, source.id, year), values)
        for code in area_codes(source.division):
            self._count((Scope.AREA, code, year), values)
        for cons in source_consortia:
            # For a consortium, "within" means within that consortium, not any shared one.
            inside = cons in target_consortia
            self._count(
                (Scope.CONSORTIUM, cons.id, year),
                {
                    **values,
                    "referrals_within_consortium": int(inside),
                    "referrals_down_within_consortium": int(down and inside),
                },
            )
        self.counted += 1
        return True

    def _count(self, key: tuple[Scope, str, int], values: dict[str, int]) -> None:
        counts = self._counts.setdefault(key, dict.fromkeys(METRIC_IDS, 0))
        for metric, value in values.items():
            counts[metric] += value

    def statistics(self, synthetic: bool = False, source: str | None = None) -> Statistics:
        """The counts as statistics, one record per subject and covered year, sorted."""
        subjects = sorted({(scope.value, subject) for scope, subject, _ in self._counts})
        records = []
        for scope_value, subject in subjects:
            scope = Scope(scope_value)
            for year in sorted(self._years):
                counts = self._counts.get((scope, subject, year))
                values = {k: float(v) for k, v in (counts or dict.fromkeys(METRIC_IDS, 0)).items()}
                records.append(StatRecord(scope, subject, year, values))
        return Statistics(tuple(records), synthetic=synthetic, source=source)


def referral_statistics(
    referrals: Iterable[Referral | tuple[Referral, Workflow | None]],
    network: Network,
    synthetic: bool = False,
) -> Statistics:
    """Statistics from referrals in memory (each alone or with its workflow)."""
    ledger = Ledger(network)
    for item in referrals:
        if isinstance(item, Referral):
            ledger.add(item)
        else:
            ledger.add(*item)
    return ledger.statistics(synthetic=synthetic)


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


def combine(statistics: Statistics | None, ledger: Statistics, source: str = "referrals") -> Statistics:
    """Hand-written statistics beside a ledger. A value both give must agree: two
    different counts of the same thing are an InputError, not a silent choice."""
    if statistics is None:
        return ledger
    for record in ledger.records:
        for metric, value in sorted(record.values.items()):
            given = statistics.value(record.scope, record.id, record.year, metric)
            if given is not None and given != value:
                raise InputError(
                    source,
                    f"{record.scope.value} {record.id} {record.year}",
                    f"{metric}: the ledger counts {value:g}, the statistics file says {given:g}",
                )
    return statistics.merged(ledger)


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
    from . import api
    from .evaluation import assess

    j = registry.jurisdiction(jurisdiction)
    network = api.open_network(network_path, registry)
    statistics = api.open_statistics(statistics_path, registry) if statistics_path else None
    ledger = ledger_from_file(referrals_path, network, now)
    return assess(network, combine(statistics, ledger, str(referrals_path)), registry, j, year)


__all__ = [
    "LEDGER_INDICATORS",
    "LEDGER_METRICS",
    "Ledger",
    "area_codes",
    "assess_with_referrals",
    "combine",
    "ledger_from_file",
    "referral_statistics",
    "register_ledger_indicators",
    "register_ledger_metrics",
    "statistics_csv",
]
