"""Metrics and indicators that Tongzhou adds to the core catalog.

The core already has the county outpatient and inpatient rates, the primary care share of
outpatient and emergency visits, the primary care share of visits and of admissions, the
county visit rate, the share of grade 3 and 4 surgeries and the coverage of public primary
care institutions; Tongzhou's targets reuse them. What is new here: the resources reserved
for patients referred by family doctors (五（五）), the assessment indicators of 六（三）
that the core lacks, and the CDC's yearly guidance of each community (五（四）).
"""

from __future__ import annotations

from medconsortium import Computed
from medconsortium import ConsortiumKind
from medconsortium import Indicator
from medconsortium import Label
from medconsortium import MeasureContext
from medconsortium import Metric
from medconsortium import MetricValue
from medconsortium import Ownership
from medconsortium import Ratio
from medconsortium import Scope
from medconsortium import Unit
from medconsortium.model.institutions import PRIMARY_CARE_TYPES
from medconsortium.policy.vocabulary import in_consortium_share

METRICS = (
    # 五（五）: ≥20% of each resource reserved for family doctors' referrals.
    Metric("tongzhou_specialist_slots", Label("专家号源总数", "specialist appointment slots")),
    Metric(
        "tongzhou_reserved_specialist_slots",
        Label("预留给家庭医生转诊患者的专家号源", "specialist slots reserved for family-doctor referrals"),
        at_most=("tongzhou_specialist_slots",),
    ),
    Metric("tongzhou_inpatient_beds", Label("住院床位数", "inpatient beds")),
    Metric(
        "tongzhou_reserved_inpatient_beds",
        Label("预留给家庭医生转诊患者的住院床位", "inpatient beds reserved for family-doctor referrals"),
        at_most=("tongzhou_inpatient_beds",),
    ),
    Metric("tongzhou_booked_examinations", Label("预约检查号源总数", "booked examination slots")),
    Metric(
        "tongzhou_reserved_booked_examinations",
        Label(
            "预留给家庭医生转诊患者的预约检查号源",
            "booked examination slots reserved for family-doctor referrals",
        ),
        at_most=("tongzhou_booked_examinations",),
    ),
    # 六（三）: members' in-district upward referral rate and satisfaction.
    Metric(
        "tongzhou_referrals_up_in_district",
        Label("转往区内医疗机构的上转病人例数", "upward referrals to institutions in the district"),
        at_most=("referrals_up",),
    ),
    Metric(
        "tongzhou_satisfaction_rate",
        Label("社会满意度（%）", "satisfaction (%)"),
        "percent",
    ),
    # 五（四）: the district CDC's technical guidance and training of each community.
    Metric(
        "tongzhou_cdc_guidance_sessions",
        Label("区疾控中心技术指导和业务培训次数", "CDC technical guidance and training sessions"),
    ),
    Metric(
        "tongzhou_cdc_guidance_institutions",
        Label(
            "接受区疾控中心技术指导和业务培训的基层机构数",
            "primary care institutions reached by the CDC's guidance and training",
        ),
    ),
)


def community_primary_care_coverage(
    ctx: MeasureContext, scope: Scope, subject: str, year: int
) -> float | None:
    """二: 公办基层医疗卫生机构纳入县域医共体: membership of a county medical community at the
    year end, not of any consortium (the core's primary_care_coverage counts any)."""
    return in_consortium_share(
        ctx,
        subject,
        year,
        PRIMARY_CARE_TYPES,
        frozenset({Ownership.GOVERNMENT, Ownership.PUBLIC}),
        frozenset({ConsortiumKind.COUNTY_MEDICAL_COMMUNITY}),
    )


INDICATORS = (
    Indicator(
        "tongzhou_community_primary_care_coverage",
        Label(
            "公办基层医疗卫生机构纳入县域医共体比例", "public primary care institutions in a county community"
        ),
        Unit.PERCENT,
        Computed(
            community_primary_care_coverage,
            Label(
                "年末纳入县域医共体的公办基层医疗卫生机构数",
                "public primary care institutions in a county community at year end",
            ),
            Label("区域内公办基层医疗卫生机构数", "public primary care institutions in the area"),
        ),
    ),
    Indicator(
        "tongzhou_reserved_specialist_slot_share",
        Label("专家号源预留比例", "share of specialist slots reserved for family-doctor referrals"),
        Unit.PERCENT,
        Ratio("tongzhou_reserved_specialist_slots", "tongzhou_specialist_slots"),
    ),
    Indicator(
        "tongzhou_reserved_inpatient_bed_share",
        Label("住院床位预留比例", "share of inpatient beds reserved for family-doctor referrals"),
        Unit.PERCENT,
        Ratio("tongzhou_reserved_inpatient_beds", "tongzhou_inpatient_beds"),
    ),
    Indicator(
        "tongzhou_reserved_booked_examination_share",
        Label("预约检查预留比例", "share of booked examinations reserved for family-doctor referrals"),
        Unit.PERCENT,
        Ratio("tongzhou_reserved_booked_examinations", "tongzhou_booked_examinations"),
    ),
    Indicator(
        "tongzhou_downward_referral_rate",
        Label("下转率", "downward referral rate"),
        Unit.PERCENT,
        Ratio("referrals_down", "discharges"),
        description=Label(
            "下转病人例数占出院人次的比例（文件未给出定义，此为本插件采用的口径）",
            "downward referrals per discharge (the text gives no definition; this is the plugin's)",
        ),
    ),
    Indicator(
        "tongzhou_in_district_upward_referral_rate",
        Label("区内上转率", "in-district upward referral rate"),
        Unit.PERCENT,
        Ratio("tongzhou_referrals_up_in_district", "referrals_up"),
        description=Label(
            "上转病人中转往区内医疗机构的比例",
            "share of upward referrals that go to institutions in the district",
        ),
    ),
    Indicator(
        "tongzhou_satisfaction_rate",
        Label("社会满意度", "satisfaction"),
        Unit.PERCENT,
        MetricValue("tongzhou_satisfaction_rate"),
    ),
)
