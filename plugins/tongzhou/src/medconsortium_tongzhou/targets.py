"""Targets of 通政办发〔2024〕20号: the 2024 and 2025 goals (二), the reserved resources
(五（五）) and the assessment indicators (六（三）), which carry no threshold."""

from __future__ import annotations

import datetime as dt

from medconsortium import ConsortiumKind
from medconsortium import InstitutionType
from medconsortium import Label
from medconsortium import MemberRole
from medconsortium import Period
from medconsortium import Scope
from medconsortium import Target
from medconsortium import TargetScope
from medconsortium.policy.shapes import When
from medconsortium.policy.shapes import at_least
from medconsortium.policy.shapes import monitored
from medconsortium.policy.shapes import monitored_each
from medconsortium.policy.shapes import qualitative
from medconsortium.policy.shapes import rising

from .document import IN_FORCE
from .document import cite

GOALS = "二、工作目标"
END_2024 = dt.date(2024, 12, 31)
END_2025 = dt.date(2025, 12, 31)
FROM_ISSUE = Period(IN_FORCE)
COUNTY = frozenset({ConsortiumKind.COUNTY_MEDICAL_COMMUNITY})

LEADS = TargetScope(
    Scope.INSTITUTION,
    consortium_kinds=COUNTY,
    role=MemberRole.LEAD,
    description=Label("县域医共体牵头医院", "lead hospitals of the county medical communities"),
)
LEAD_COMMUNITIES = TargetScope(
    Scope.CONSORTIUM,
    consortium_kinds=COUNTY,
    description=Label(
        "牵头医院的考核指标，按其牵头的县域医共体统计",
        "a lead hospital's indicator, measured over the community it leads",
    ),
)
MEMBERS = TargetScope(
    Scope.INSTITUTION,
    consortium_kinds=COUNTY,
    role=MemberRole.MEMBER,
    institution_types=frozenset(
        {
            InstitutionType.TOWNSHIP_HEALTH_CENTRE,
            InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE,
            InstitutionType.COMMUNITY_HEALTH_CENTRE,
        }
    ),
    description=Label(
        "成员单位（镇卫生院、社区卫生服务中心）", "member township and community health service centres"
    ),
)

_GOAL_2025 = (
    "基层就诊率和住院人次占比逐年提升，县域门诊就诊率，住院率稳定在90%以上，"
    "县域内基层医疗卫生机构门急诊占比不低于70%"
)
_RESERVE = "在专家号源、住院床位和预约检查等方面预留20%以上的资源优先保障家庭医生转诊的患者"
_ASSESS_LEAD = "牵头医院突出基层就诊率和区内就诊率提升、三四类手术占比、费用控制、下转率等指标"
_ASSESS_MEMBER = "成员单位突出功能定位、职责履行、区内上转率、费用控制、社会满意度、公共卫生服务质量等指标"
_NO_THRESHOLD = Label("文件未给出数值，只监测", "the text gives no number: monitored only")

BY_2024: When = {"deadline": END_2024, "period": FROM_ISSUE}
BY_2025: When = {"deadline": END_2025, "period": FROM_ISSUE}
# "稳定在90%以上": it holds every year from 2025 on.
STAYS_FROM_2025: When = {"deadline": END_2025, "ongoing": True, "period": FROM_ISSUE}
STAYS = Label("“稳定在”：2025年及以后每年评估", "'stays at': assessed in 2025 and every year after")
# "逐年提升": 2024 and 2025 each against the year before.
YEAR_ON_YEAR_TO_2025: When = {"period": Period(dt.date(2024, 1, 1), END_2025)}
YEAR_ON_YEAR = Label(
    "“逐年提升”：2024、2025年各与上一年比较",
    "'rising year on year': 2024 and 2025 each against the year before",
)


def _reserved(resource: str, zh: str, en: str) -> Target:
    return at_least(
        f"tongzhou.reserved_{resource}",
        Label(
            f"{zh}预留20%以上给家庭医生转诊患者", f"at least 20% of {en} reserved for family-doctor referrals"
        ),
        cite("五（五）", _RESERVE),
        f"tongzhou_reserved_{resource}_share",
        20,
        period=FROM_ISSUE,
        scope=LEADS,
        note=Label(
            "每项资源分别评估；由牵头医院预留", "each resource on its own; reserved by the lead hospitals"
        ),
    )


TARGETS = (
    at_least(
        "tongzhou.2024.primary_care_coverage",
        Label(
            "公办基层医疗卫生机构纳入县域医共体全覆盖", "every public primary care institution in a community"
        ),
        cite(GOALS, "到2024年底，实现区内公办基层医疗卫生机构纳入县域医共体建设全覆盖"),
        # 纳入县域医共体: a county medical community, not any consortium.
        "tongzhou_community_primary_care_coverage",
        100,
        **BY_2024,
    ),
    qualitative(
        "tongzhou.2024.support_policies",
        Label("保障政策进一步完善", "support policies further improved"),
        cite(GOALS, "县域医共体建设的组织管理、投入保障、人事编制、薪酬待遇、医保支付等保障政策进一步完善。"),
        **BY_2024,
    ),
    at_least(
        "tongzhou.2025.county_outpatient_rate",
        Label("县域门诊就诊率稳定在90%以上", "county outpatient rate at least 90%"),
        cite(GOALS, _GOAL_2025),
        "county_outpatient_rate",
        90,
        note=STAYS,
        **STAYS_FROM_2025,
    ),
    at_least(
        "tongzhou.2025.county_inpatient_rate",
        Label("县域住院率稳定在90%以上", "county inpatient rate at least 90%"),
        cite(GOALS, _GOAL_2025),
        "county_inpatient_rate",
        90,
        note=STAYS,
        **STAYS_FROM_2025,
    ),
    at_least(
        "tongzhou.2025.primary_care_oe_share",
        Label(
            "县域内基层医疗卫生机构门急诊占比不低于70%",
            "primary care share of outpatient and emergency visits at least 70%",
        ),
        cite(GOALS, _GOAL_2025),
        "primary_care_oe_share",
        70,
        **BY_2025,
    ),
    rising(
        "tongzhou.2025.primary_care_visit_share",
        Label("基层就诊率逐年提升", "primary care visit rate rises year on year"),
        cite(GOALS, _GOAL_2025),
        "primary_care_visit_share",
        note=YEAR_ON_YEAR,
        **YEAR_ON_YEAR_TO_2025,
    ),
    rising(
        "tongzhou.2025.primary_care_admission_share",
        Label("基层住院人次占比逐年提升", "primary care share of admissions rises year on year"),
        cite(GOALS, _GOAL_2025),
        "primary_care_admission_share",
        note=YEAR_ON_YEAR,
        **YEAR_ON_YEAR_TO_2025,
    ),
    qualitative(
        "tongzhou.2025.built",
        Label("基本建成紧密型县域医共体", "tight county medical communities basically built"),
        cite(
            GOALS,
            "到2025年底，基本建成布局合理、权责清晰、运行高效、分工协作、服务连续、信息共享的县域医共体",
        ),
        **BY_2025,
    ),
    qualitative(
        "tongzhou.2025.insurance_efficiency",
        Label("医保基金县域使用效能不断提高", "insurance funds used ever more effectively in the county"),
        cite(GOALS, "医保基金县域使用效能不断提高，群众获得感进一步增强。"),
        **BY_2025,
    ),
    qualitative(
        "tongzhou.unified_management",
        Label(
            "逐步实现统一管理的紧密型县域医共体", "unified management of the tight communities, step by step"
        ),
        cite(
            "四（三）",
            "逐步实现行政、人事、财务、业务、用药、信息、后勤等统一管理的紧密型县域医共体。",
        ),
        period=FROM_ISSUE,
        note=Label(
            "“逐步实现”未给出期限和数值：定性目标，不评分",
            "'step by step' gives no date or number: qualitative",
        ),
    ),
    qualitative(
        "tongzhou.2025.standardised_members",
        Label(
            "成员单位和村卫生室达省定规范化建设标准",
            "members and village clinics meet the provincial standard",
        ),
        cite("五（二）", "到2025年，成员单位和下辖村卫生室（社区卫生服务站）达省定规范化建设标准"),
        note=Label(
            "省定标准不在本文件中，不编码", "the provincial standard is not in this text: not encoded"
        ),
        **BY_2025,
    ),
    _reserved("specialist_slot", "专家号源", "specialist appointment slots"),
    _reserved("inpatient_bed", "住院床位", "inpatient beds"),
    _reserved("booked_examination", "预约检查", "booked examinations"),
    rising(
        "tongzhou.lead_grade34_surgery_share",
        Label("牵头医院提高三、四级手术比例", "lead hospitals raise the share of grade 3 and 4 surgeries"),
        cite("五（一）", "优化县域医共体牵头医院病员收治结构，提高三、四级手术比例。"),
        "grade34_surgery_share",
        period=FROM_ISSUE,
        scope=LEADS,
        note=Label("也是六（三）牵头医院考核指标", "also a lead-hospital assessment indicator of 六（三）"),
    ),
    # 六（三）: assessment indicators, reported without thresholds.
    *monitored_each(
        cite("六（三）", _ASSESS_LEAD),
        (
            (
                "tongzhou.assess.lead_primary_visit_rate",
                Label("牵头医院考核：基层就诊率", "lead assessment: primary care visit rate"),
                "primary_care_visit_share",
            ),
            (
                "tongzhou.assess.lead_in_district_visit_rate",
                Label("牵头医院考核：区内就诊率", "lead assessment: in-district visit rate"),
                "county_visit_rate",
            ),
        ),
        scope=LEAD_COMMUNITIES,
        period=FROM_ISSUE,
        note=_NO_THRESHOLD,
    ),
    monitored(
        "tongzhou.assess.lead_downward_referral_rate",
        Label("牵头医院考核：下转率", "lead assessment: downward referral rate"),
        cite("六（三）", _ASSESS_LEAD),
        "tongzhou_downward_referral_rate",
        scope=LEADS,
        period=FROM_ISSUE,
        note=_NO_THRESHOLD,
    ),
    *monitored_each(
        cite("六（三）", _ASSESS_MEMBER),
        (
            (
                "tongzhou.assess.member_in_district_upward_rate",
                Label("成员单位考核：区内上转率", "member assessment: in-district upward referral rate"),
                "tongzhou_in_district_upward_referral_rate",
            ),
            (
                "tongzhou.assess.member_satisfaction",
                Label("成员单位考核：社会满意度", "member assessment: satisfaction"),
                "tongzhou_satisfaction_rate",
            ),
        ),
        scope=MEMBERS,
        period=FROM_ISSUE,
        note=_NO_THRESHOLD,
    ),
    qualitative(
        "tongzhou.assess.cost_control",
        Label("考核：费用控制（牵头医院和成员单位）", "assessment: cost control (leads and members)"),
        cite("六（三）", _ASSESS_LEAD),
        period=FROM_ISSUE,
        note=Label("文件未定义费用控制的口径，不计算", "the text does not define cost control: not computed"),
    ),
    qualitative(
        "tongzhou.assess.member_public_health_quality",
        Label("成员单位考核：公共卫生服务质量", "member assessment: public-health service quality"),
        cite("六（三）", _ASSESS_MEMBER),
        period=FROM_ISSUE,
        note=Label("文件未定义口径，不计算", "the text defines no measure: not computed"),
    ),
)
