# Longer than 400 lines on purpose: it is one document, clause by clause; its shared vocabulary is already
# in policy/vocabulary.
"""The national baseline: 国卫医发〔2016〕75号, a plugin package shipped in the core
distribution and always loaded, under the name ``national``.

It registers the document (its text ships beside this module), its targets, rules,
referral rules and reference table, and the vocabulary every plugin builds on
(:mod:`medconsortium.policy.vocabulary`).

May import: ``model``, ``policy`` and ``plugins.hookspecs``, as any plugin does; nothing of
the engine, the readers or the reports.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model.consortia import Consortium, ConsortiumKind
from ..model.institutions import PRIMARY_CARE_TYPES, Institution, InstitutionLevel, InstitutionType
from ..model.jurisdictions import NATIONAL_CODE
from ..model.labels import Label
from ..model.referrals import RECOVERY_PHASES, ClinicalPhase, Direction, Referral
from ..plugins.provides import Provides
from ..policy.catalog import Example, ReferenceTable, examples_folder
from ..policy.documents import Citation, DatePrecision, Period, PolicyDocument, PolicyText, Strength
from ..policy.findings import FindingStatus, Outcome, outcome
from ..policy.helpers import NOT_ONE_LEAD_UNKNOWN, facts_rule, lead_check
from ..policy.referral_rules import ReferralContext, ReferralRule
from ..policy.rules import Rule, RuleContext
from ..policy.shapes import qualitative, rising
from ..policy.vocabulary import (
    FACTS,
    INDICATORS,
    LEDGER_INDICATORS,
    LEDGER_METRICS,
    METRICS,
)
from . import duties, trends
from .duties import COUNTY_LEVEL_HOSPITALS

if TYPE_CHECKING:
    from pathlib import Path

MEDCONSORTIUM_HOOKS_VERSION = 1

DOC = "国卫医发〔2016〕75号"

DOCUMENT = PolicyDocument(
    number=DOC,
    title="国家卫生计生委关于开展医疗联合体建设试点工作的指导意见",
    title_en="Guiding opinions of the NHFPC on piloting the building of medical consortia",
    issuer=Label("国家卫生和计划生育委员会", "National Health and Family Planning Commission"),
    # The text gives the year of its number (〔2016〕) and its printing date (2017年1月12日印发),
    # no day of issue: its items are in force from the printing date.
    issued=dt.date(2016, 1, 1),
    issued_precision=DatePrecision.YEAR,
    printed=dt.date(2017, 1, 12),
    jurisdiction=NATIONAL_CODE,
    text=PolicyText("medconsortium.national", "national-guoweiyifa-2016-75.txt"),
)


def cite(clause: str, text: str) -> Citation:
    return Citation(DOC, clause, text)


# -- rules --------------------------------------------------------------------------------
def _city_group_lead(ctx: RuleContext, cons: Consortium, inst: Institution) -> Outcome:
    """Each city medical group is led by exactly one tertiary hospital."""
    return ctx.judge(
        [cons.id],
        inst.level is InstitutionLevel.TERTIARY and not inst.is_primary_care,
        passed=(f"由三级医院{inst.name}牵头", f"led by tertiary hospital {inst.name}"),
        failed=(
            f"牵头单位{inst.name}不是三级医院（{inst.level.label.zh}）",
            f"lead {inst.name} is not a tertiary hospital ({inst.level.label.en})",
        ),
        measured=inst.level.value,
        expected="tertiary",
    )


check_city_group_lead = lead_check((ConsortiumKind.CITY_MEDICAL_GROUP,), _city_group_lead)


def _county_community_lead(ctx: RuleContext, cons: Consortium, inst: Institution) -> Outcome:
    """Each county medical community is led by a county hospital (县医院为龙头)."""
    return ctx.judge(
        [cons.id],
        inst.type in COUNTY_LEVEL_HOSPITALS,
        passed=(f"由县级医院{inst.name}牵头", f"led by county hospital {inst.name}"),
        failed=(
            f"牵头单位{inst.name}是{inst.type.label.zh}，不是县级医院",
            f"lead {inst.name} is a {inst.type.label.en}, not a county hospital",
        ),
        measured=inst.type.value,
        expected="county_hospital",
    )


check_county_community_lead = lead_check((ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,), _county_community_lead)


def check_county_community_members(ctx: RuleContext) -> Iterator[Outcome]:
    """A county medical community has township health centres (hub) and village clinics (base)."""
    hubs = {InstitutionType.TOWNSHIP_HEALTH_CENTRE, InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE}
    for cons in ctx.consortia(ConsortiumKind.COUNTY_MEDICAL_COMMUNITY):
        types = ctx.member_types(cons)
        missing = []
        if not types & hubs:
            missing.append(("乡镇卫生院", "township health centre"))
        if InstitutionType.VILLAGE_CLINIC not in types:
            missing.append(("村卫生室", "village clinic"))
        if missing:
            yield ctx.failed(
                [cons.id],
                "缺少成员：" + "、".join(m[0] for m in missing),
                "no member of type: " + ", ".join(m[1] for m in missing),
            )
        else:
            yield ctx.passed(
                [cons.id], "含乡镇卫生院和村卫生室", "has township health centres and village clinics"
            )


def _rank(inst: Institution) -> int:
    # The type's own set, not the property that asks it: this is asked of every member.
    return 0 if inst.type in PRIMARY_CARE_TYPES else 1 + inst.level.rank


def _lead_seniority(ctx: RuleContext, cons: Consortium, lead: Institution) -> Outcome:
    """The lead is not outranked by any member (一般由高级别医疗机构牵头)."""
    rank = _rank(lead)  # once, not once per member (a county community has hundreds)
    # Primary care ranks lowest (0): it never outranks a lead, and most members are it.
    above = [
        m.name
        for m in ctx.network.members(cons, ctx.as_of)
        if m.type not in PRIMARY_CARE_TYPES and m.id != lead.id and _rank(m) > rank
    ]
    if above:
        return ctx.failed(
            [cons.id],
            f"成员级别高于牵头单位{lead.name}：" + "、".join(sorted(above)),
            f"members rank above the lead {lead.name}: " + ", ".join(sorted(above)),
        )
    return ctx.passed([cons.id], f"牵头单位{lead.name}级别最高", f"the lead {lead.name} ranks highest")


check_lead_seniority = lead_check(
    (
        ConsortiumKind.CITY_MEDICAL_GROUP,
        ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
        ConsortiumKind.TELEMEDICINE_NETWORK,
        ConsortiumKind.URBAN_RURAL,
    ),
    _lead_seniority,
    # Seniority needs a single lead to compare with; several is another rule's failure.
    no_single_lead=NOT_ONE_LEAD_UNKNOWN,
)


def _urban_rural_lead(ctx: RuleContext, cons: Consortium, lead: Institution) -> Outcome:
    """An urban–rural consortium is led by a city tertiary hospital."""
    return ctx.judge(
        [cons.id],
        lead.level is InstitutionLevel.TERTIARY,
        passed=(f"由三级医院{lead.name}牵头", f"led by tertiary hospital {lead.name}"),
        failed=(f"牵头单位{lead.name}不是三级医院", f"lead {lead.name} is not tertiary"),
    )


check_urban_rural_lead = lead_check((ConsortiumKind.URBAN_RURAL,), _urban_rural_lead)


VERTICAL = (ConsortiumKind.CITY_MEDICAL_GROUP, ConsortiumKind.COUNTY_MEDICAL_COMMUNITY)

RULES = (
    Rule(
        "national.city_group_lead",
        Label(
            "城市医联体以1家三级医院牵头（1+X）", "a city medical group is led by one tertiary hospital (1+X)"
        ),
        # "是城市开展医联体建设的主要模式": the text describes the main model, it does not
        # require it of every group: a group otherwise led is advisory, never a failure.
        Strength.ENCOURAGED,
        cite(
            "三（一）",
            "以1家三级医院为牵头单位,联合若干城市二级医院、康复医院、护理院以及社区卫生服务中心,构建“1+X”医联体,纵向整合医疗资源,形成资源共享、分工协作的管理模式。",
        ),
        check_city_group_lead,
    ),
    Rule(
        "national.county_community_lead",
        Label("县域医共体以县医院为龙头", "a county medical community is led by the county hospital"),
        # "主要模式" and "重点探索": a model to explore, not a requirement (探索 is never a failure).
        Strength.ENCOURAGED,
        cite("三（二）", "重点探索以“县医院为龙头,乡镇卫生院为枢纽,村卫生室为基础”的县乡一体化管理"),
        check_county_community_lead,
    ),
    Rule(
        "national.county_community_members",
        Label(
            "医共体以乡镇卫生院为枢纽、村卫生室为基础",
            "a county medical community includes township health centres and village clinics",
        ),
        # The same sentence: "重点探索" a model, not a requirement.
        Strength.ENCOURAGED,
        cite("三（二）", "重点探索以“县医院为龙头,乡镇卫生院为枢纽,村卫生室为基础”的县乡一体化管理"),
        check_county_community_members,
    ),
    Rule(
        "national.lead_seniority",
        Label("一般由高级别医疗机构牵头", "the lead is generally (in principle) the most senior institution"),
        Strength.IN_PRINCIPLE,
        cite(
            "三",
            "一般由高级别医疗机构(以下统称牵头单位)牵头,联合数家不同级别、类别的医疗机构(以下统称成员单位)组成。",
        ),
        check_lead_seniority,
    ),
    Rule(
        "national.urban_rural_lead",
        Label("城乡医联体以城市三级医院牵头", "an urban-rural consortium is led by a city tertiary hospital"),
        Strength.PERMITTED,
        cite(
            "三",
            "城市与农村之间可以城市三级医院为牵头单位,在已建立的长期稳定对口支援关系基础上,通过对区域内县医院托管、成立医疗集团等多种形式组建医联体。",
        ),
        check_urban_rural_lead,
    ),
    Rule(
        "national.resource_sharing_centres",
        Label("依托牵头单位建立资源共享中心", "resource-sharing centres at the lead"),
        Strength.MANDATORY,
        cite(
            "四（六）",
            "医联体内依托牵头单位建立医学影像中心、检验检查中心、消毒供应中心、后勤服务中心等,为医联体内各医疗机构提供一体化服务。",
        ),
        facts_rule(
            ("imaging_centre", "laboratory_centre", "disinfection_supply_centre", "logistics_centre"),
            VERTICAL,
        ),
    ),
    Rule(
        "national.mutual_recognition",
        Label("检查检验结果互认", "mutual recognition of examination results"),
        Strength.ENCOURAGED,
        cite("四（六）", "在加强医疗质量控制的基础上,推进医联体内医疗机构间检查检验结果互认。"),
        facts_rule(("mutual_recognition",), VERTICAL),
    ),
)


# -- referral rules -------------------------------------------------------------------------
# The two rules run for every referral of a batch: their messages are built once, and each
# returns a tuple (no generator to drive), found from the referral's fields at once.
_PRIORITY_GIVEN = Label("已优先接诊", "priority given")
_NO_PRIORITY = Label(
    "医联体内上转未获优先接诊、检查、住院", "upward referral within the consortium got no priority"
)
_PRIORITY_UNKNOWN = Label("未记录是否优先接诊", "whether priority was given is not recorded")
_PHASE_UNKNOWN = Label("未记录病程阶段", "clinical phase not recorded")
# Read once, not for every referral: on Python 3.11 a member read from its enumeration
# goes through EnumType.__getattr__ (600 to 1,800 instructions).
_UPWARD = Direction.UPWARD
_DOWNWARD = Direction.DOWNWARD
_PASS, _FAIL, _UNKNOWN = FindingStatus.PASS, FindingStatus.FAIL, FindingStatus.NOT_ASSESSABLE


def check_upward_priority(referral: Referral, ctx: ReferralContext) -> tuple[Outcome, ...]:
    if ctx.direction is not _UPWARD or not ctx.shared_consortia:
        return ()
    priority = referral.priority
    if priority is True:
        return (outcome(_PASS, (referral.id,), _PRIORITY_GIVEN),)
    if priority is False:
        return (outcome(_FAIL, (referral.id,), _NO_PRIORITY),)
    return (outcome(_UNKNOWN, (referral.id,), _PRIORITY_UNKNOWN),)


DOWNWARD_ELIGIBLE = RECOVERY_PHASES | {ClinicalPhase.CHRONIC_STABLE}
_ELIGIBLE = {
    phase: Label(f"{phase.label.zh}，可下转", f"{phase.label.en}: eligible") for phase in DOWNWARD_ELIGIBLE
}


def check_downward_phase(referral: Referral, ctx: ReferralContext) -> tuple[Outcome, ...]:
    """四（一）: patients in a recovery or stable phase *may* go down, within a consortium.

    A permission, never a prohibition: a downward referral in another phase (an elderly or
    late-stage tumour patient, whom 四（三） sends to primary care) is outside this clause,
    so it gets no finding here. The clause speaks of 医联体内: only referrals within a
    consortium are judged.
    """
    if ctx.direction is not _DOWNWARD or not ctx.shared_consortia:
        return ()
    phase = referral.phase
    if phase is None:
        return (outcome(_UNKNOWN, (referral.id,), _PHASE_UNKNOWN),)
    eligible = _ELIGIBLE.get(phase)
    if eligible is None:
        return ()
    return (outcome(_PASS, (referral.id,), eligible),)


REFERRAL_RULES = (
    ReferralRule(
        "national.upward_priority",
        Label(
            "医联体内上转优先接诊、优先检查、优先住院", "priority for upward referrals within a consortium"
        ),
        Strength.MANDATORY,
        cite(
            "四（一）",
            "医联体内确需转诊的患者,可以优先转至医联体内上级医院,上级医院对转诊患者提供优先接诊、优先检查、优先住院等服务。",
        ),
        check_upward_priority,
    ),
    ReferralRule(
        "national.downward_phase",
        Label("急性病恢复期、术后恢复期、危重症稳定期患者下转", "downward referral by clinical phase"),
        Strength.PERMITTED,
        cite(
            "四（一）",
            "急性病恢复期患者、术后恢复期患者及危重症稳定期患者可转往医联体内下级医疗机构继续治疗与康复。",
        ),
        check_downward_phase,
    ),
)


# -- targets --------------------------------------------------------------------------------
GOALS = "一（二）工作目标"

TARGETS = (
    rising(
        "national.2017.primary_care_visit_share",
        Label("基层医疗卫生机构诊疗量占比明显提升", "primary care share of visits rises markedly"),
        cite(GOALS, "基层医疗卫生机构诊疗量占总诊疗量比例明显提升"),
        "primary_care_visit_share",
        deadline=dt.date(2017, 12, 31),
        period=Period(dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
        note=Label(
            "“明显提升”未给出数值，按逐年上升评估",
            "'rises markedly' gives no number: assessed as a rising trend",
        ),
    ),
    qualitative(
        "national.2017.effective_consortia",
        Label("试点地区建立起有效运行的医联体", "pilot areas have working consortia"),
        cite(GOALS, "到2017年,分级诊疗试点地区建立起有效运行的医联体,有关制度框架基本形成"),
        deadline=dt.date(2017, 12, 31),
        period=Period(dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
    ),
    qualitative(
        "national.2020.tiered_care",
        Label("形成较为完善的医联体政策体系", "a fairly complete consortium policy system"),
        cite(GOALS, "到2020年,形成较为完善的医联体政策体系。"),
        deadline=dt.date(2020, 12, 31),
        period=Period(dt.date(2017, 1, 1)),
    ),
)

FORMS = ReferenceTable(
    "national.forms",
    Label("医联体的四种组织模式", "the four organisational forms of medical consortia"),
    (Label("模式", "form"), Label("牵头", "lead"), Label("成员", "members")),
    (
        (
            "医联体（城市医疗集团）city medical group",
            "1家三级医院",
            "城市二级医院、康复医院、护理院、社区卫生服务中心",
        ),
        ("医共体（县域医共体）county medical community", "县医院", "乡镇卫生院（枢纽）、村卫生室（基础）"),
        ("专科联盟 specialty alliance", "特色专科所在医疗机构", "其他医疗机构相同专科"),
        ("远程医疗协作网 telemedicine network", "牵头单位", "基层、偏远和欠发达地区医疗机构"),
    ),
    cite("三", "医联体主要有四种组织模式:"),
)

# The bundled examples' folder as a string, and EXAMPLES_DIR (a Path) made on first use:
# pathlib is not imported at start-up.
_EXAMPLES, __getattr__ = examples_folder(__file__, __name__)


if TYPE_CHECKING:
    EXAMPLES_DIR: Path


EXAMPLE = Example(
    "national",
    NATIONAL_CODE,
    os.path.join(_EXAMPLES, "national-network.yaml"),
    os.path.join(_EXAMPLES, "national-statistics.yaml"),
    2017,
    Label("全国基线示例（合成数据）", "national baseline example (synthetic data)"),
)

PROVIDES = Provides(
    documents=(DOCUMENT,),
    # The vocabulary every plugin shares, and what a referral ledger counts besides
    # referrals_up/referrals_down.
    metrics=(*METRICS, *LEDGER_METRICS, *trends.METRICS),
    indicators=(*INDICATORS, *LEDGER_INDICATORS, *trends.INDICATORS),
    facts=(*FACTS, *duties.FACTS),
    targets=(*TARGETS, *trends.TARGETS),
    rules=(*RULES, *duties.RULES),
    referral_rules=REFERRAL_RULES,
    reference_tables=(FORMS,),
    examples=(EXAMPLE,),
)

#: The one hook implementation: everything above, registered kind by kind by the core.
register_policy = PROVIDES.hookimpl()
