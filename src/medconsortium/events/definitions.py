"""What each metric counts in the event tables, and which catalog indicators that makes.

Every metric is declared once, as an Ibis predicate (and, for a sum, an Ibis value) over
an event table joined with the network. The indicators of the catalog (national, ledger
and plugins) that events can produce are listed in :data:`INDICATORS` with their
numerator and denominator metrics: the catalog computes the same ratio from the same
metric ids, so the statistics file written from events and the direct assessment on
events agree by construction (and a test checks that each pair matches the catalog).

Columns the predicates may use, besides the event table's own (see
:mod:`medconsortium.events.schema`):

- visits: ``in_network``, ``primary_care`` (基层医疗卫生机构), ``county`` (the
  institution's county: from the network, or ``institution_county`` outside it);
- referrals: ``counted`` (not rejected or cancelled), ``upward``/``downward`` (by
  seniority, as :func:`medconsortium.referrals.direction_between`), ``src_``/``dst_``
  ``primary_care``, ``hospital`` (secondary or tertiary, not primary care),
  ``continuing_care`` and ``county``.

>>> [m.id for m in METRICS][:3]
['total_visits', 'outpatient_emergency_visits', 'primary_care_visits']
>>> INDICATOR_BY_ID["county_visit_rate"].denominator.id
'residents_visits_total'
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import attrs
import ibis

from ..model.labels import Label
from .schema import EMERGENCY, INPATIENT, OUTPATIENT

#: Changes whenever a definition changes; written into the provenance of every export.
DEFINITIONS_VERSION = "events-1"

Expr = Any  # an Ibis expression; Ibis ships no type information


class EventTable(enum.Enum):
    VISITS = "visits"
    REFERRALS = "referrals"


class Attribution(enum.Enum):
    """Which subjects an event counts for.

    ``facility``: the institution where it happened, each consortium it belongs to on the
    event's day, its county and every area above. ``residence``: the patient's county of
    residence and every area above. ``sender``: a referral's sending institution, its
    consortia on the day and its areas (as the referral ledger counts).
    """

    FACILITY = "facility"
    RESIDENCE = "residence"
    SENDER = "sender"


class DatedBy(enum.Enum):
    """Which day decides an event's year: the visit (or admission, or referral) day, or
    for discharges the discharge day."""

    EVENT = "event"
    DISCHARGE = "discharge"


@attrs.frozen
class EventMetric:
    """One catalog metric, counted (or summed, with ``value``) over the rows ``where``
    holds. ``within_consortium``: only referrals between institutions that share a
    consortium on the day (for a consortium's record: that consortium), which is decided
    from the membership segments after the engine's pass."""

    id: str
    table: EventTable
    where: Callable[[Expr], Expr]
    attribution: Attribution
    label: Label
    value: Callable[[Expr], Expr] | None = None
    dated_by: DatedBy = DatedBy.EVENT
    within_consortium: bool = False


@attrs.frozen
class EventIndicator:
    """A catalog indicator as events produce it: numerator and denominator metrics
    (a count indicator has no denominator)."""

    indicator: str
    numerator: EventMetric
    denominator: EventMetric | None = None


# -- visits ---------------------------------------------------------------------------------
_OE = (OUTPATIENT, EMERGENCY)


def _oe(t: Expr) -> Expr:
    return t.kind.isin(_OE)


def _admission(t: Expr) -> Expr:
    return t.kind == INPATIENT


def _any_visit(t: Expr) -> Expr:
    return t.kind.isin((*_OE, INPATIENT))


def _in_county(t: Expr) -> Expr:
    return t.county == t.residence_county


def _stay_days(t: Expr) -> Expr:
    # 出院者占用总床日数: days from admission to discharge; a same-day stay counts one day.
    days = t.discharge_date.delta(t.visit_date, unit="day")
    return ibis.greatest(days, 1)


V, R = EventTable.VISITS, EventTable.REFERRALS
FAC, RES, SEND = Attribution.FACILITY, Attribution.RESIDENCE, Attribution.SENDER

# 诊疗人次 counts outpatient and emergency visits, not admissions; the schema has no other
# kind of visit (出诊, health checks), so here 总诊疗人次 equals 门急诊人次.
TOTAL_VISITS = EventMetric(
    "total_visits", V, _oe, FAC, Label("门诊和急诊人次", "outpatient and emergency visits")
)
OE_VISITS = EventMetric(
    "outpatient_emergency_visits", V, _oe, FAC, Label("门诊和急诊人次", "outpatient and emergency visits")
)
PRIMARY_CARE_VISITS = EventMetric(
    "primary_care_visits",
    V,
    lambda t: _oe(t) & t.primary_care,
    FAC,
    Label("基层医疗卫生机构的门急诊人次", "outpatient and emergency visits at primary care"),
)
PRIMARY_CARE_OE = EventMetric(
    "primary_care_outpatient_emergency_visits",
    V,
    lambda t: _oe(t) & t.primary_care,
    FAC,
    Label("基层医疗卫生机构的门急诊人次", "outpatient and emergency visits at primary care"),
)
OUTPATIENT_VISITS = EventMetric(
    "outpatient_visits", V, lambda t: t.kind == OUTPATIENT, FAC, Label("门诊人次", "outpatient visits")
)
FIRST_VISITS = EventMetric(
    "first_visits",
    V,
    lambda t: (t.kind == OUTPATIENT) & t.first_visit,
    FAC,
    Label("首诊标记的门诊人次", "outpatient visits flagged first visit"),
)
PRIMARY_CARE_FIRST = EventMetric(
    "primary_care_first_visits",
    V,
    lambda t: (t.kind == OUTPATIENT) & t.first_visit & t.primary_care,
    FAC,
    Label("基层医疗卫生机构首诊标记的门诊人次", "first visits at primary care"),
)
ADMISSIONS = EventMetric("admissions", V, _admission, FAC, Label("住院（入院）行", "inpatient rows"))
PRIMARY_CARE_ADMISSIONS = EventMetric(
    "primary_care_admissions",
    V,
    lambda t: _admission(t) & t.primary_care,
    FAC,
    Label("基层医疗卫生机构的住院行", "inpatient rows at primary care"),
)
DISCHARGES = EventMetric(
    "discharges",
    V,
    lambda t: _admission(t) & t.discharge_date.notnull(),
    FAC,
    Label("有出院日期的住院行，按出院日计年", "inpatient rows with a discharge day, in its year"),
    dated_by=DatedBy.DISCHARGE,
)
BED_DAYS = EventMetric(
    "bed_days",
    V,
    lambda t: _admission(t) & t.discharge_date.notnull(),
    FAC,
    Label("出院者住院天数之和（当日出院计1天）", "days of discharged stays (same day = 1)"),
    value=_stay_days,
    dated_by=DatedBy.DISCHARGE,
)
RESIDENTS_VISITS_TOTAL = EventMetric(
    "residents_visits_total",
    V,
    _any_visit,
    RES,
    Label("居民的门急诊和住院人次（按居住县）", "residents' visits and admissions, by county of residence"),
)
RESIDENTS_VISITS_IN_COUNTY = EventMetric(
    "residents_visits_in_county",
    V,
    lambda t: _any_visit(t) & _in_county(t),
    RES,
    Label("其中在居住县内机构的人次", "of which at institutions in their county"),
)
RESIDENTS_OUTPATIENT_TOTAL = EventMetric(
    "residents_outpatient_total",
    V,
    _oe,
    RES,
    Label("居民的门急诊人次", "residents' outpatient and emergency visits"),
)
RESIDENTS_OUTPATIENT_IN_COUNTY = EventMetric(
    "residents_outpatient_in_county",
    V,
    lambda t: _oe(t) & _in_county(t),
    RES,
    Label("其中在居住县内机构的门急诊人次", "of which in their county"),
)
RESIDENTS_ADMISSIONS_TOTAL = EventMetric(
    "residents_admissions_total", V, _admission, RES, Label("居民的住院人次", "residents' admissions")
)
RESIDENTS_ADMISSIONS_IN_COUNTY = EventMetric(
    "residents_admissions_in_county",
    V,
    lambda t: _admission(t) & _in_county(t),
    RES,
    Label("其中在居住县内机构的住院人次", "of which in their county"),
)


# -- referrals (the ledger's definitions, see medconsortium.ledger) ---------------------------
def _up(t: Expr) -> Expr:
    return t.counted & t.upward & t.src_primary_care


def _down(t: Expr) -> Expr:
    return t.counted & t.downward & t.src_hospital & (t.dst_primary_care | t.dst_continuing_care)


REFERRALS_TOTAL = EventMetric(
    "referrals_total", R, lambda t: t.counted, SEND, Label("转诊例数", "referrals, all directions")
)
REFERRALS_UP = EventMetric(
    "referrals_up", R, _up, SEND, Label("基层医疗卫生机构的上转例数", "upward referrals from primary care")
)
REFERRALS_DOWN = EventMetric(
    "referrals_down",
    R,
    _down,
    SEND,
    Label(
        "二、三级医院下转至基层或接续性机构", "downward referrals from hospitals to primary/continuing care"
    ),
)
REFERRALS_WITHIN = EventMetric(
    "referrals_within_consortium",
    R,
    lambda t: t.counted,
    SEND,
    Label("医联体内转诊例数", "referrals within a common consortium"),
    within_consortium=True,
)
REFERRALS_DOWN_WITHIN = EventMetric(
    "referrals_down_within_consortium",
    R,
    _down,
    SEND,
    Label("医联体内下转病人例数", "downward referrals within a common consortium"),
    within_consortium=True,
)
REFERRALS_OUT_OF_COUNTY = EventMetric(
    "referrals_out_of_county",
    R,
    lambda t: t.counted & (t.dst_county != t.src_county),
    SEND,
    Label("转往县域外例数", "referrals to another county"),
)
REFERRALS_RESERVED = EventMetric(
    "referrals_reserved_resource",
    R,
    lambda t: _up(t) & t.reserved.fill_null(False),
    SEND,
    Label("使用预留资源的上转例数", "upward referrals on reserved resources"),
)
REFERRALS_RESERVED_RECORDED = EventMetric(
    "referrals_reserved_recorded",
    R,
    lambda t: _up(t) & t.reserved.notnull(),
    SEND,
    Label("记录是否使用预留资源的上转例数", "upward referrals with reserved-resource use recorded"),
)
# The Tongzhou plugin's metric (区内上转): produced only when that plugin is installed.
TONGZHOU_UP_IN_DISTRICT = EventMetric(
    "tongzhou_referrals_up_in_district",
    R,
    lambda t: _up(t) & (t.dst_county == t.src_county),
    SEND,
    Label("转往本区（县）内机构的上转例数", "upward referrals to institutions of the same district"),
)

METRICS = (
    TOTAL_VISITS,
    OE_VISITS,
    PRIMARY_CARE_VISITS,
    PRIMARY_CARE_OE,
    OUTPATIENT_VISITS,
    FIRST_VISITS,
    PRIMARY_CARE_FIRST,
    ADMISSIONS,
    PRIMARY_CARE_ADMISSIONS,
    DISCHARGES,
    BED_DAYS,
    RESIDENTS_VISITS_TOTAL,
    RESIDENTS_VISITS_IN_COUNTY,
    RESIDENTS_OUTPATIENT_TOTAL,
    RESIDENTS_OUTPATIENT_IN_COUNTY,
    RESIDENTS_ADMISSIONS_TOTAL,
    RESIDENTS_ADMISSIONS_IN_COUNTY,
    REFERRALS_TOTAL,
    REFERRALS_UP,
    REFERRALS_DOWN,
    REFERRALS_WITHIN,
    REFERRALS_DOWN_WITHIN,
    REFERRALS_OUT_OF_COUNTY,
    REFERRALS_RESERVED,
    REFERRALS_RESERVED_RECORDED,
    TONGZHOU_UP_IN_DISTRICT,
)

#: The catalog indicators events produce, each with its numerator and denominator.
INDICATORS = (
    EventIndicator("primary_care_visit_share", PRIMARY_CARE_VISITS, TOTAL_VISITS),  # 基层就诊率
    EventIndicator("primary_care_oe_share", PRIMARY_CARE_OE, OE_VISITS),  # 基层门急诊占比
    EventIndicator("primary_first_visit_rate", PRIMARY_CARE_FIRST, FIRST_VISITS),
    EventIndicator("primary_care_admission_share", PRIMARY_CARE_ADMISSIONS, ADMISSIONS),  # 住院人次占比
    EventIndicator("county_visit_rate", RESIDENTS_VISITS_IN_COUNTY, RESIDENTS_VISITS_TOTAL),  # 县域内就诊率
    EventIndicator("county_outpatient_rate", RESIDENTS_OUTPATIENT_IN_COUNTY, RESIDENTS_OUTPATIENT_TOTAL),
    EventIndicator("county_inpatient_rate", RESIDENTS_ADMISSIONS_IN_COUNTY, RESIDENTS_ADMISSIONS_TOTAL),
    EventIndicator("alos", BED_DAYS, DISCHARGES),  # 平均住院日
    EventIndicator("first_visits", FIRST_VISITS),  # 首诊门诊量
    EventIndicator("outpatient_visits", OUTPATIENT_VISITS),
    EventIndicator("referrals_up", REFERRALS_UP),  # 上转 (增幅: targets on its yearly change)
    EventIndicator("referrals_down", REFERRALS_DOWN),  # 下转
    EventIndicator("within_consortium_referral_share", REFERRALS_WITHIN, REFERRALS_TOTAL),
    EventIndicator("referrals_down_within_consortium", REFERRALS_DOWN_WITHIN),
    EventIndicator("out_of_county_referral_share", REFERRALS_OUT_OF_COUNTY, REFERRALS_TOTAL),
    EventIndicator("reserved_resource_share", REFERRALS_RESERVED, REFERRALS_RESERVED_RECORDED),
    # Plugins' indicators over the same metrics (used when the plugin is installed).
    EventIndicator("tongzhou_downward_referral_rate", REFERRALS_DOWN, DISCHARGES),
    EventIndicator("tongzhou_in_district_upward_referral_rate", TONGZHOU_UP_IN_DISTRICT, REFERRALS_UP),
    EventIndicator("wuhu_referral_ratio", REFERRALS_DOWN, REFERRALS_UP),
)
INDICATOR_BY_ID = {i.indicator: i for i in INDICATORS}
METRIC_BY_ID = {m.id: m for m in METRICS}
