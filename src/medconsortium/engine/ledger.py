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
>>> from medconsortium.model.referrals import Referral
>>> net = examples.national_network()
>>> r = Referral("r-1", "p-7f3a", "cn-thc-1", "cn-county-1", dt.datetime(2024, 3, 1, 9))
>>> stats = referral_statistics([r], net)
>>> stats.value(Scope.INSTITUTION, "cn-thc-1", 2024, "referrals_up")
1.0
>>> stats.value(Scope.AREA, "130000", 2024, "referrals_within_consortium")
1.0
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..model.errors import InputError
from ..model.institutions import InstitutionLevel
from ..model.jurisdictions import NATIONAL_CODE
from ..model.network import Network
from ..model.referrals import Direction, Referral, direction_between
from ..model.statistics import Scope, Statistics, StatRecord
from ..model.workflow import ReferralStatus, Workflow
from ..policy.vocabulary import LEDGER_METRICS

METRIC_IDS = ("referrals_up", "referrals_down", *(m.id for m in LEDGER_METRICS))

_NOT_COUNTED = frozenset({ReferralStatus.REJECTED, ReferralStatus.CANCELLED})
_HOSPITAL_LEVELS = frozenset({InstitutionLevel.SECONDARY, InstitutionLevel.TERTIARY})


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


__all__ = [
    "Ledger",
    "area_codes",
    "combine",
    "referral_statistics",
]
