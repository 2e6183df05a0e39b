"""The clause-by-clause pass of issue 12 over 国卫医发〔2016〕75号: what the guidance asks
of consortia beyond their form, in the order of the text.

- 三: privately run institutions are encouraged into consortia (鼓励, never a failure).
- 三（一）: where conditions allow, the 1+X group is managed as one (人、财、物统一管理);
  a loose one is allowed where they do not, so neither fails (有条件的地区 is not in the data).
- 三（四）: secondary and tertiary hospitals are encouraged to serve primary care remotely
  (in a telemedicine network); in an urban–rural consortium the tertiary lead stations
  teams at the county hospital (派驻管理团队和专家团队).
- 四（一）: a two-way referral procedure (明确双向转诊服务流程), a governance fact.
- 四（二）: nursing homes, rehabilitation hospitals and privately run institutions are
  encouraged to join; a referral mechanism with a downward channel, a governance fact.
- 四（三）: a mechanism of shared benefit and shared responsibility, a governance fact.
- 四（五）: an integrated information system within the consortium (推动…建立, never a
  failure), a governance fact.
- 四（六）: a unified drug management platform, to explore (探索, never a failure).

>>> [rule.id for rule in RULES][:2]
['national.private_participation', 'national.unified_management']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..model.consortia import Consortium, ConsortiumKind, Integration
from ..model.institutions import Institution, InstitutionLevel, InstitutionType, Ownership
from ..model.labels import Label
from ..policy.catalog import Fact
from ..policy.documents import Citation, Strength
from ..policy.findings import Outcome
from ..policy.helpers import NOT_ONE_LEAD_UNKNOWN, facts_rule, joined_rule, lead_check
from ..policy.rules import Rule, RuleContext

DOC = "国卫医发〔2016〕75号"

#: The consortia whose members are of several levels by the models of 三 (1+X, county
#: community, urban–rural): where patients are referred up and down between members.
TIERED = (
    ConsortiumKind.CITY_MEDICAL_GROUP,
    ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
    ConsortiumKind.URBAN_RURAL,
)
COUNTY_LEVEL_HOSPITALS = frozenset({InstitutionType.COUNTY_HOSPITAL, InstitutionType.COUNTY_TCM_HOSPITAL})
HOSPITAL_LEVELS = frozenset({InstitutionLevel.SECONDARY, InstitutionLevel.TERTIARY})
CONTINUING_CARE = frozenset({InstitutionType.NURSING_HOME, InstitutionType.REHABILITATION_HOSPITAL})
#: Looked up once: an enum member read off its class costs more than the test it is in.
PRIVATE = Ownership.PRIVATE
#: The types a hospital of grade can be: neither primary nor public-health care.
HOSPITAL_TYPES = frozenset(t for t in InstitutionType if not (t.is_primary_care or t.is_public_health))

FACTS = (
    Fact("referral_procedure", Label("双向转诊服务流程", "a two-way referral procedure")),
    Fact(
        "downward_referral_channel",
        Label(
            "医联体内转诊机制及向下转诊通道（诊断明确、病情稳定患者和术后康复期患者）",
            "a referral mechanism with a downward channel (clear diagnosis, stable, post-operative recovery)",
        ),
    ),
    Fact(
        "benefit_sharing_mechanism",
        Label(
            "医联体内利益共享和责任分担机制", "shared benefit and shared responsibility within the consortium"
        ),
    ),
    Fact(
        "integrated_information_system",
        Label(
            "医联体内一体化信息系统（诊疗信息互联互通）",
            "an integrated information system within the consortium (clinical information interconnected)",
        ),
    ),
)


def cite(clause: str, text: str) -> Citation:
    return Citation(DOC, clause, text)


def is_hospital_of_grade(inst: Institution) -> bool:
    """A secondary or tertiary hospital (二级、三级医院): graded, not primary or public-health care."""
    return inst.type in HOSPITAL_TYPES and inst.level in HOSPITAL_LEVELS


def check_unified_management(ctx: RuleContext) -> Iterator[Outcome]:
    """Each 1+X city consortium is tight (人、财、物统一管理): pass; loose is advisory (the
    text allows it where conditions lack); its integration not recorded: not assessable."""
    for cons in ctx.consortia(ConsortiumKind.CITY_MEDICAL_GROUP):
        tight = None if cons.integration is None else cons.integration is Integration.TIGHT
        yield ctx.judge(
            [cons.id],
            tight,
            passed=("人、财、物统一管理（紧密型）", "people, finance and materials managed as one (tight)"),
            failed=(
                "松散型，人、财、物未统一管理",
                "loose: people, finance and materials not managed as one",
            ),
            unknown=("未记录紧密型或松散型", "tight or loose not recorded"),
        )


def judge_urban_rural_secondment(ctx: RuleContext, cons: Consortium, lead: Institution) -> Outcome:
    """The lead of an urban–rural consortium has had staff stationed at each county hospital
    of the consortium in the year, up to the day.

    A network that records no secondments at all cannot show it: not assessable. Whether
    the staff form a management or an expert team is not recorded (a secondment has a
    person and a title, no role), so any secondment from the lead counts.
    """
    counties = sorted(
        (m for m in ctx.network.members(cons, ctx.as_of) if m.type in COUNTY_LEVEL_HOSPITALS),
        key=lambda m: m.id,
    )
    if not counties:
        return ctx.unknown([cons.id], "成员中没有县医院", "no county hospital among the members")
    if not ctx.network.secondments:
        return ctx.unknown([cons.id], "网络未记录派驻情况", "the network records no secondments")
    # Stationed at some time of the year, up to the day (as Linyi's secondment rule reads
    # the network): a posting that ended in spring still counts for that year.
    start = dt.date(ctx.as_of.year, 1, 1)
    stationed = {
        s.to_institution
        for s in ctx.network.secondments
        if s.from_institution == lead.id and s.start <= ctx.as_of and (s.end is None or s.end >= start)
    }
    missing = [m.name for m in counties if m.id not in stationed]
    return ctx.judge(
        [cons.id],
        not missing,
        passed=(f"{lead.name}已向县医院派驻人员", f"{lead.name} has staff stationed at the county hospitals"),
        failed=(
            f"{lead.name}未向县医院派驻人员：" + "、".join(missing),
            f"no staff of {lead.name} stationed at: " + ", ".join(missing),
        ),
        measured=f"{len(counties) - len(missing)}/{len(counties)}",
        expected="a secondment from the lead at each county hospital",
    )


RULES = (
    Rule(
        "national.private_participation",
        Label("鼓励将社会力量举办医疗机构纳入医联体", "private institutions are encouraged into consortia"),
        Strength.ENCOURAGED,
        cite("三", "鼓励将社会力量举办医疗机构纳入医联体。"),
        joined_rule(
            lambda i: i.ownership is PRIVATE,
            Label("社会办医疗机构", "privately run institution"),
            owned_by=(PRIVATE,),
        ),
    ),
    Rule(
        "national.unified_management",
        Label(
            "有条件的地区推行医联体内人、财、物统一管理",
            "where conditions allow, one management of the 1+X group",
        ),
        # 有条件的地区 cannot be told from the data and the next sentence allows a loose
        # consortium (不具备条件的,可…形成松散型合作): never a failure.
        Strength.ENCOURAGED,
        cite("三（一）", "有条件的地区推行医联体内人、财、物统一管理,促使医联体成为目标一致的共同体。"),
        check_unified_management,
        description=Label(
            "人、财、物统一管理记为紧密型（integration: tight）",
            "one management of people, finance and materials is a tight consortium (integration: tight)",
        ),
    ),
    Rule(
        "national.telemedicine_to_primary_care",
        Label(
            "鼓励二级、三级医院向基层医疗卫生机构提供远程医疗服务",
            "secondary and tertiary hospitals are encouraged to serve primary care remotely",
        ),
        Strength.ENCOURAGED,
        cite("三（四）", "鼓励二级、三级医院向基层医疗卫生机构提供远程医疗服务"),
        joined_rule(
            is_hospital_of_grade,
            Label("二级、三级医院", "secondary or tertiary hospital"),
            (ConsortiumKind.TELEMEDICINE_NETWORK,),
            of_types=HOSPITAL_TYPES,
        ),
        description=Label(
            "提供远程医疗服务记为参加远程医疗协作网（牵头或成员）；服务本身未记录",
            "serving remotely is being in a telemedicine network (lead or member); services are not recorded",
        ),
    ),
    Rule(
        "national.urban_rural_secondment",
        Label(
            "三级医院向县医院派驻管理团队和专家团队",
            "the tertiary lead stations management and expert teams at the county hospital",
        ),
        # No modal word: the sentence states what the tertiary hospital does in the
        # urban–rural model (the 可以 of the sentence before is the choice of the model).
        Strength.MANDATORY,
        cite("三", "三级医院向县医院派驻管理团队和专家团队,重点提升县医院医疗服务能力与水平。"),
        lead_check((ConsortiumKind.URBAN_RURAL,), judge_urban_rural_secondment, NOT_ONE_LEAD_UNKNOWN),
        description=Label(
            "派驻记为网络的 secondments；管理团队与专家团队之分未记录",
            "stationing is the network's secondments; management and expert teams are not told apart",
        ),
    ),
    Rule(
        "national.referral_procedure",
        Label("明确双向转诊服务流程", "a two-way referral procedure is set"),
        Strength.MANDATORY,
        cite("四（一）", "根据医联体内各级各类医疗机构功能定位,明确双向转诊服务流程。"),
        facts_rule(("referral_procedure",), TIERED),
    ),
    Rule(
        "national.continuing_care_participation",
        Label(
            "鼓励护理院、康复医院、社会力量举办医疗机构加入医联体",
            "nursing homes, rehabilitation hospitals and private institutions are encouraged to join",
        ),
        Strength.ENCOURAGED,
        cite("四（二）", "鼓励护理院、康复医院、社会力量举办医疗机构等加入医联体。"),
        joined_rule(
            lambda i: i.type in CONTINUING_CARE or i.ownership is PRIVATE,
            Label("护理院、康复医院或社会办医疗机构", "nursing home, rehabilitation or private hospital"),
            of_types=CONTINUING_CARE,
            owned_by=(PRIVATE,),
        ),
    ),
    Rule(
        "national.downward_channel",
        Label("建立医联体内转诊机制，畅通向下转诊通道", "a referral mechanism with an open downward channel"),
        Strength.MANDATORY,
        cite(
            "四（二）",
            "建立医联体内转诊机制,重点畅通诊断明确、病情稳定患者和术后康复期患者的向下转诊通道,为患者提供疾病诊疗—康复—长期护理连续性服务。",
        ),
        facts_rule(("downward_referral_channel",), TIERED),
    ),
    Rule(
        "national.benefit_sharing",
        Label(
            "医联体内建立利益共享和责任分担机制", "shared benefit and responsibility within the consortium"
        ),
        # A bare 建立, as 建立医联体内转诊机制 (national.downward_channel).
        Strength.MANDATORY,
        cite(
            "四（三）", "医联体内建立利益共享和责任分担机制,调动医联体内各成员单位的积极性,落实各自功能定位。"
        ),
        facts_rule(("benefit_sharing_mechanism",), TIERED),
    ),
    Rule(
        "national.integrated_information_system",
        Label("医联体内部建立一体化信息系统", "an integrated information system within the consortium"),
        # The sentence's verb is 推动 (to push for); 建立…一体化信息系统 is what it pushes
        # towards: advisory, as the listed 推动 sentences are.
        Strength.ENCOURAGED,
        cite(
            "四（五）",
            "基于省、地市、县级三级人口健康信息平台,推动电子健康档案和电子病历的连续记录和信息共享,"
            "在医联体内部建立一体化信息系统,实现医联体内诊疗信息互联互通。",
        ),
        facts_rule(("integrated_information_system",), TIERED),
    ),
    Rule(
        "national.unified_drug_platform",
        Label("探索建立医联体内统一药品管理平台", "a unified drug management platform, to explore"),
        Strength.ENCOURAGED,
        cite("四（六）", "探索建立医联体内统一药品管理平台,形成药品在医联体内共享与配送机制,方便患者就医。"),
        facts_rule(("unified_drug_platform",), TIERED),
    ),
)
