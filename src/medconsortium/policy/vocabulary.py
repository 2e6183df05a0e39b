"""The vocabulary every plugin shares: the core metrics, indicators, governance facts and
management departments, and the referral ledger's metrics and indicators.

The national baseline registers them (:mod:`medconsortium.national`); every plugin's
statistics, targets and rules may name them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..model.consortia import ConsortiumKind
from ..model.institutions import PRIMARY_CARE_TYPES, InstitutionType, Ownership
from ..model.labels import Label
from ..model.statistics import Metric, Scope
from .catalog import Fact, FactKind
from .indicators import Better, Computed, Indicator, MeasureContext, MetricValue, Ratio, Unit

#: What a ``register_*`` hook receives (as :data:`medconsortium.plugins.hookspecs.Register`).
Register = Callable[[Any], None]


# -- metrics and indicators shared by every jurisdiction ---------------------------------
METRICS = (
    Metric("total_visits", Label("总诊疗人次", "total visits")),
    Metric(
        "primary_care_visits",
        Label("基层医疗卫生机构诊疗人次", "primary care visits"),
        at_most=("total_visits",),
    ),
    Metric("outpatient_emergency_visits", Label("门急诊人次", "outpatient and emergency visits")),
    Metric(
        "primary_care_outpatient_emergency_visits",
        Label("基层医疗卫生机构门急诊人次", "primary care outpatient and emergency visits"),
        at_most=("outpatient_emergency_visits",),
    ),
    Metric(
        "outpatient_visits", Label("门诊人次", "outpatient visits"), at_most=("outpatient_emergency_visits",)
    ),
    Metric("first_visits", Label("首诊门诊量", "first-visit outpatient volume")),
    Metric(
        "primary_care_first_visits",
        Label("基层首诊人次", "first visits at primary care"),
        at_most=("first_visits",),
    ),
    Metric("admissions", Label("入院人次", "admissions")),
    Metric(
        "primary_care_admissions",
        Label("基层医疗卫生机构入院人次", "primary care admissions"),
        at_most=("admissions",),
    ),
    Metric("discharges", Label("出院人次", "discharges")),
    Metric("bed_days", Label("出院者占用总床日数", "bed-days of discharged patients"), "days"),
    Metric(
        "referrals_up",
        Label("上转病人例数", "upward referrals (from primary care institutions)"),
    ),
    Metric(
        "referrals_down",
        Label(
            "下转病人例数",
            "downward referrals (from secondary and tertiary hospitals to primary care and "
            "continuing-care institutions)",
        ),
    ),
    Metric("residents_visits_total", Label("居民就诊总人次", "residents' visits, all")),
    Metric(
        "residents_visits_in_county",
        Label("居民县域内就诊人次", "residents' visits in county"),
        at_most=("residents_visits_total",),
    ),
    Metric("residents_outpatient_total", Label("居民门诊总人次", "residents' outpatient visits")),
    Metric(
        "residents_outpatient_in_county",
        Label("居民县域内门诊人次", "residents' outpatient visits in county"),
        at_most=("residents_outpatient_total",),
    ),
    Metric("residents_admissions_total", Label("居民住院总人次", "residents' admissions")),
    Metric(
        "residents_admissions_in_county",
        Label("居民县域内住院人次", "residents' admissions in county"),
        at_most=("residents_admissions_total",),
    ),
    Metric("surgeries", Label("手术例数", "surgeries")),
    Metric("grade34_surgeries", Label("三四类手术例数", "grade 3 and 4 surgeries"), at_most=("surgeries",)),
)


def in_consortium_share(
    ctx: MeasureContext,
    subject: str,
    year: int,
    wanted: frozenset[InstitutionType] | None,
    ownerships: frozenset[Ownership],
    kinds: frozenset[ConsortiumKind] | None = None,
) -> float | None:
    """Share (%) of the area's institutions of the given kind that are in a consortium (of
    ``kinds``, any when None) at the end of ``year``. None without a network or without
    any such institution."""
    if ctx.network is None:
        return None
    day = dt.date(year, 12, 31)
    pool = [
        i
        for i in ctx.network.institutions_in(subject)
        if i.ownership in ownerships and (wanted is None or i.type in wanted) and not i.type.is_public_health
    ]
    if not pool:
        return None
    members = ctx.network.members_on(day, kinds)
    covered = sum(1 for i in pool if i.id in members)
    return 100.0 * covered / len(pool)


def _government_coverage(ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
    return in_consortium_share(ctx, subject, year, None, frozenset({Ownership.GOVERNMENT}))


def _primary_care_coverage(ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
    return in_consortium_share(
        ctx, subject, year, PRIMARY_CARE_TYPES, frozenset({Ownership.GOVERNMENT, Ownership.PUBLIC})
    )


INDICATORS = (
    Indicator(
        "primary_care_visit_share",
        Label("基层医疗卫生机构诊疗量占总诊疗量比例", "primary care share of all visits"),
        Unit.PERCENT,
        Ratio("primary_care_visits", "total_visits"),
    ),
    Indicator(
        "primary_care_oe_share",
        Label("基层医疗卫生机构门急诊占比", "primary care share of outpatient and emergency visits"),
        Unit.PERCENT,
        Ratio("primary_care_outpatient_emergency_visits", "outpatient_emergency_visits"),
    ),
    Indicator(
        "primary_first_visit_rate",
        Label("基层首诊率", "primary first-visit rate"),
        Unit.PERCENT,
        Ratio("primary_care_first_visits", "first_visits"),
    ),
    Indicator(
        "primary_care_admission_share",
        Label("基层医疗卫生机构住院量占比", "primary care share of admissions"),
        Unit.PERCENT,
        Ratio("primary_care_admissions", "admissions"),
    ),
    Indicator(
        "county_visit_rate",
        Label("县域内就诊率", "county visit rate"),
        Unit.PERCENT,
        Ratio("residents_visits_in_county", "residents_visits_total"),
    ),
    Indicator(
        "county_outpatient_rate",
        Label("县域门诊就诊率", "county outpatient rate"),
        Unit.PERCENT,
        Ratio("residents_outpatient_in_county", "residents_outpatient_total"),
    ),
    Indicator(
        "county_inpatient_rate",
        Label("县域住院率", "county inpatient rate"),
        Unit.PERCENT,
        Ratio("residents_admissions_in_county", "residents_admissions_total"),
    ),
    Indicator(
        "referrals_up",
        Label("上转病人例数", "upward referrals"),
        Unit.COUNT,
        MetricValue("referrals_up"),
        better=None,
    ),
    Indicator(
        "referrals_down",
        Label("下转病人例数", "downward referrals"),
        Unit.COUNT,
        MetricValue("referrals_down"),
    ),
    Indicator(
        "first_visits",
        Label("首诊门诊量", "first-visit outpatient volume"),
        Unit.COUNT,
        MetricValue("first_visits"),
        better=Better.LOWER,
    ),
    Indicator(
        "outpatient_visits",
        Label("门诊量", "outpatient volume"),
        Unit.COUNT,
        MetricValue("outpatient_visits"),
        better=Better.LOWER,
    ),
    Indicator(
        "alos",
        Label("平均住院日", "average length of stay"),
        Unit.DAYS,
        Ratio("bed_days", "discharges", scale=1.0),
        better=Better.LOWER,
    ),
    Indicator(
        "grade34_surgery_share",
        Label("三四类手术占比", "share of grade 3 and 4 surgeries"),
        Unit.PERCENT,
        Ratio("grade34_surgeries", "surgeries"),
    ),
    Indicator(
        "government_institution_coverage",
        Label("政府办医疗机构医联体覆盖率", "coverage of government-run institutions"),
        Unit.PERCENT,
        Computed(
            _government_coverage,
            Label(
                "年末参加医联体的政府办医疗机构数", "government-run institutions in a consortium at year end"
            ),
            Label("区域内政府办医疗机构数", "government-run institutions in the area"),
        ),
    ),
    Indicator(
        "primary_care_coverage",
        Label("公立基层医疗卫生机构医联体覆盖率", "coverage of public primary care institutions"),
        Unit.PERCENT,
        Computed(
            _primary_care_coverage,
            Label(
                "年末参加医联体的公立基层医疗卫生机构数",
                "public primary care institutions in a consortium at year end",
            ),
            Label("区域内公立基层医疗卫生机构数", "public primary care institutions in the area"),
        ),
    ),
)

FACTS = (
    Fact("charter", Label("章程", "charter")),
    Fact("agreement", Label("合作协议", "cooperation agreement")),
    Fact("council", Label("理事会", "council (board)")),
    Fact("management_committee", Label("管理委员会", "management committee")),
    Fact("party_committee", Label("党委", "party committee")),
    Fact("sole_legal_representative", Label("唯一法定代表人", "sole legal representative")),
    Fact("dedicated_office", Label("专门办公室", "dedicated office")),
    Fact("imaging_centre", Label("医学影像中心", "imaging centre")),
    Fact("laboratory_centre", Label("检验检查中心", "laboratory centre")),
    Fact("disinfection_supply_centre", Label("消毒供应中心", "disinfection supply centre")),
    Fact("logistics_centre", Label("后勤服务中心", "logistics centre")),
    Fact("mutual_recognition", Label("检查检验结果互认", "mutual recognition of results")),
    Fact("unified_drug_platform", Label("统一药品管理平台", "unified drug management platform")),
    Fact("medical", Label("医务管理", "medical affairs"), FactKind.DEPARTMENT),
    Fact("human_resources", Label("人力资源", "human resources"), FactKind.DEPARTMENT),
    Fact("finance", Label("财务", "finance"), FactKind.DEPARTMENT),
    Fact("medical_insurance", Label("医保", "medical insurance"), FactKind.DEPARTMENT),
    Fact("public_health", Label("公共卫生", "public health"), FactKind.DEPARTMENT),
    Fact("information", Label("信息", "information"), FactKind.DEPARTMENT),
    Fact("logistics", Label("后勤", "logistics"), FactKind.DEPARTMENT),
)


#: Metrics the ledger produces besides the national ``referrals_up`` and ``referrals_down``.
LEDGER_METRICS = (
    Metric("referrals_total", Label("转诊例数", "referrals, all directions")),
    Metric(
        "referrals_within_consortium",
        Label("医联体内转诊例数", "referrals to an institution of a common consortium"),
        at_most=("referrals_total",),
    ),
    Metric(
        "referrals_down_within_consortium",
        Label(
            "医联体内下转病人例数",
            "downward referrals (as referrals_down) to an institution of a common consortium",
        ),
        at_most=("referrals_down",),
    ),
    Metric(
        "referrals_out_of_county",
        Label("转往县域外例数", "referrals to an institution outside the county"),
        at_most=("referrals_total",),
    ),
    Metric(
        "referrals_reserved_resource",
        Label(
            "使用预留资源的上转例数",
            "upward referrals received on reserved resources (specialist slots, beds, examinations)",
        ),
        at_most=("referrals_reserved_recorded",),
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


def register_ledger_metrics(register: Register) -> None:
    """Register the ledger's metrics (for a ``register_metrics`` hook implementation)."""
    for metric in LEDGER_METRICS:
        register(metric)


def register_ledger_indicators(register: Register) -> None:
    """Register the ledger's indicators (for a ``register_indicators`` hook implementation)."""
    for indicator in LEDGER_INDICATORS:
        register(indicator)
