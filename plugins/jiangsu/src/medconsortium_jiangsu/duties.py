"""Duties of 四（一）2–5, 四（四） and 五（二）: provincially administered hospitals take part
in the city's tight consortia, regional-centre hospitals in city medical groups, the city
medical centre leads the city's specialty alliance and telemedicine network, a county
hospital that leads a county community is encouraged to lead the county's telemedicine
network (有条件的…还应: the condition is not in the data, so never a failure), private
secondary and tertiary hospitals are encouraged to join consortia, a telemedicine network
recognises its members' examinations and interconnects them and its lead quality-controls
and guides the members and diagnoses complex cases remotely, and a tight consortium
manages its staff as one and is encouraged to set up a finance management centre.

Which hospitals are regional medical centres or the city medical centre is not a type or
a level: the network records it as an institution capability (:data:`DESIGNATIONS`).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator

import attrs
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Fact
from medconsortium import Institution
from medconsortium import Label
from medconsortium import Outcome
from medconsortium import Rule
from medconsortium import RuleContext
from medconsortium import Strength
from medconsortium.policy.helpers import facts_rule
from medconsortium.policy.helpers import joined_rule

from .document import cite
from .grid import GRID_KINDS
from .grid import is_tight
from .grid import tight_consortia
from .rules import PRIVATE
from .rules import is_private_hospital

CMG = ConsortiumKind.CITY_MEDICAL_GROUP
CCM = ConsortiumKind.COUNTY_MEDICAL_COMMUNITY
ALLIANCE = ConsortiumKind.SPECIALTY_ALLIANCE
TELEMEDICINE = ConsortiumKind.TELEMEDICINE_NETWORK

#: Capabilities (``Institution.capabilities``) that record the designations 四（一）3 names.
NATIONAL_REGIONAL_CENTRE = "jiangsu_national_regional_centre"
PROVINCIAL_REGIONAL_CENTRE = "jiangsu_provincial_regional_centre"
CITY_MEDICAL_CENTRE = "jiangsu_city_medical_centre"
DESIGNATIONS: tuple[tuple[str, Label], ...] = (
    (
        NATIONAL_REGIONAL_CENTRE,
        Label("国家综合类区域医疗中心", "national comprehensive regional medical centre"),
    ),
    (
        PROVINCIAL_REGIONAL_CENTRE,
        Label("省级综合类区域医疗中心挂靠单位", "host of a provincial comprehensive regional medical centre"),
    ),
    (CITY_MEDICAL_CENTRE, Label("市级医疗中心", "city medical centre")),
)

#: 紧密型医联体 … 岗位管理 and 统一招聘、统一培训、统一调配、统一管理, as governance facts.
STAFFING_FACTS = (
    Fact(
        "jiangsu_post_management",
        Label(
            "按需设岗、竞聘上岗、人岗相适、以岗定薪、岗变薪变",
            "posts by need, filled by competition, pay by post",
        ),
    ),
    Fact("jiangsu_unified_recruitment", Label("人员统一招聘", "unified recruitment of all staff")),
    Fact("jiangsu_unified_training", Label("人员统一培训", "unified training of all staff")),
    Fact("jiangsu_unified_deployment", Label("人员统一调配", "unified deployment of all staff")),
    Fact("jiangsu_unified_staff_management", Label("人员统一管理", "unified management of all staff")),
)

#: 四（四） and 五（二）: the telemedicine network's interconnected examinations and its
#: lead's quality control and remote diagnosis, a tight consortium's finance centre.
OTHER_FACTS = (
    Fact(
        "jiangsu_exam_interconnection",
        Label(
            "远程医疗协作网内检查检验互联互通机制",
            "examinations and tests interconnected within the telemedicine network",
        ),
    ),
    Fact(
        "jiangsu_member_quality_control",
        Label(
            "牵头医院对成员单位相关专业进行质控和业务指导",
            "the lead quality-controls and guides the members' specialties",
        ),
    ),
    Fact(
        "jiangsu_remote_complex_diagnosis",
        Label(
            "承担疑难复杂病症的远程诊断服务，共享诊断信息",
            "remote diagnosis of complex cases, diagnostic information shared",
        ),
    ),
    Fact(
        "jiangsu_finance_centre",
        Label(
            "财务管理中心（统一负责财政预算、财务管理、审计监督）",
            "a finance management centre (budget, finance, audit)",
        ),
    ),
)


@attrs.frozen
class LedKind:
    """A kind of consortium a hospital must lead, with its name in messages."""

    kind: ConsortiumKind
    label: Label


#: What 四（一）3 has the city medical centre lead, and 四（一）1–2 the provincial hospitals.
LED_KINDS: dict[ConsortiumKind, LedKind] = {
    ALLIANCE: LedKind(ALLIANCE, Label("专科专病联盟", "specialty alliance")),
    TELEMEDICINE: LedKind(TELEMEDICINE, Label("远程医疗协作网", "telemedicine network")),
}


def led_kinds_missing(led: Iterable[Consortium], kinds: Iterable[ConsortiumKind]) -> list[LedKind]:
    """The ``kinds`` of which no consortium is in ``led``, in order."""
    have = {c.kind for c in led}
    return [LED_KINDS[kind] for kind in kinds if kind not in have]


def city_of(division: str) -> str:
    """The prefecture-level city (设区市) of a county-level code.

    >>> city_of("320924")
    '320900'
    """
    return division[:4] + "00"


def check_provincial_participation(ctx: RuleContext) -> Iterator[Outcome]:
    """Each provincially administered hospital is a member (or the lead) of a tight
    consortium of the city it stands in. A city whose tight consortia the network does
    not hold cannot show it: not assessable."""
    for inst in ctx.institutions_by_id(
        lambda i: i.provincially_administered, having="provincially_administered"
    ):
        city = city_of(inst.division)
        tight = tight_consortia(ctx.network, city, ctx.as_of)
        joined = [c.id for c in tight if any(m.id == inst.id for m in ctx.network.members(c, ctx.as_of))]
        if not joined and not tight:
            yield ctx.unknown(
                [inst.id],
                f"网络中没有{inst.name}所在设区市的紧密型医联体",
                f"the network holds no tight consortium of {inst.name}'s city",
            )
            continue
        yield ctx.judge(
            [inst.id, *joined],
            bool(joined),
            passed=(
                f"省属省管医院{inst.name}参与设区市紧密型医联体：{'、'.join(joined)}",
                f"provincially administered {inst.name} takes part in the city's tight consortia: "
                + ", ".join(joined),
            ),
            failed=(
                f"省属省管医院{inst.name}未参与所在设区市的紧密型医联体",
                f"provincially administered {inst.name} takes part in no tight consortium of its city",
            ),
            expected="member of a tight consortium of the city",
        )


def _designated(inst: Institution, *designations: str) -> bool:
    # Asked of every institution a rule could concern: no set is built for the question.
    return not inst.capabilities.isdisjoint(designations)


def check_regional_centres_in_groups(ctx: RuleContext) -> Iterator[Outcome]:
    """A city-run (市属) national comprehensive regional medical centre, or the host of a
    provincial one, is a member (or the lead) of a city medical group."""
    for inst in ctx.institutions_by_id(
        lambda i: (
            not i.provincially_administered
            and _designated(i, NATIONAL_REGIONAL_CENTRE, PROVINCIAL_REGIONAL_CENTRE)
        ),
        having="capabilities",
    ):
        groups = sorted(c.id for c in ctx.network.consortia_of(inst.id, on=ctx.as_of) if c.kind is CMG)
        yield ctx.judge(
            [inst.id, *groups],
            bool(groups),
            passed=(
                f"区域医疗中心{inst.name}参与城市医疗集团：{'、'.join(groups)}",
                f"regional medical centre {inst.name} takes part in city medical groups: {', '.join(groups)}",
            ),
            failed=(
                f"区域医疗中心{inst.name}未参与组建城市医疗集团",
                f"regional medical centre {inst.name} is in no city medical group",
            ),
            expected="member of a city medical group",
        )


def led_in(
    ctx: RuleContext, inst: Institution, division: str, kinds: tuple[ConsortiumKind, ...]
) -> list[Consortium]:
    """The consortia of ``kinds`` in ``division`` that ``inst`` leads on the day."""
    return [
        c
        for c in ctx.network.consortia_in(division, kinds)
        if c.active_on(ctx.as_of) and inst.id in c.leads_on(ctx.as_of)
    ]


def check_city_centre_leads(ctx: RuleContext) -> Iterator[Outcome]:
    """The city medical centre leads a specialty alliance and a telemedicine network of its
    city (本设区市)."""
    for inst in ctx.institutions_by_id(lambda i: _designated(i, CITY_MEDICAL_CENTRE), having="capabilities"):
        led = led_in(ctx, inst, city_of(inst.division), (ALLIANCE, TELEMEDICINE))
        missing = led_kinds_missing(led, (ALLIANCE, TELEMEDICINE))
        ids = sorted(c.id for c in led)
        yield ctx.judge(
            [inst.id, *ids],
            not missing,
            passed=(
                f"市级医疗中心{inst.name}牵头本设区市专科专病联盟和远程医疗协作网",
                f"city medical centre {inst.name} leads a specialty alliance and a telemedicine network",
            ),
            failed=(
                f"市级医疗中心{inst.name}未牵头组建本设区市" + "、".join(m.label.zh for m in missing),
                f"city medical centre {inst.name} leads no "
                + " and no ".join(m.label.en for m in missing)
                + " of its city",
            ),
            expected="leads a specialty alliance and a telemedicine network of the city",
        )


def check_county_telemedicine(ctx: RuleContext) -> Iterator[Outcome]:
    """Each county hospital that leads a county medical community on the day (the 县级医院
    of 四（一）4) also leads a telemedicine network of its county."""
    leads = {lead for c in ctx.consortia(CCM) for lead in c.leads_on(ctx.as_of)}
    for inst in ctx.institutions_among(leads):
        led = sorted(c.id for c in led_in(ctx, inst, inst.division, (TELEMEDICINE,)))
        yield ctx.judge(
            [inst.id, *led],
            bool(led),
            passed=(
                f"{inst.name}牵头县域内远程医疗协作网",
                f"{inst.name} leads the county's telemedicine network",
            ),
            failed=(
                f"{inst.name}未牵头县域内远程医疗协作网",
                f"{inst.name} leads no telemedicine network of its county",
            ),
        )


#: A tight consortium runs post management and recruits, trains, deploys and manages all
#: its staff as one: each fact recorded false fails, any not recorded is not assessable.
check_tight_staffing = facts_rule(
    tuple(f.id for f in STAFFING_FACTS),
    GRID_KINDS,
    where=is_tight,
    passed=Label("岗位管理和人员统一招聘、培训、调配、管理均已落实", "unified staffing in place"),
)


RULES = (
    Rule(
        "jiangsu.provincial_hospital_participation",
        Label(
            "省属省管医院参与设区市市域紧密型医联体建设",
            "a provincially administered hospital takes part in the city's tight consortia",
        ),
        Strength.MANDATORY,
        cite("四（一）2", "省属省管医院纳入所在设区市的医联体建设规划，参与设区市市域紧密型医联体建设"),
        check_provincial_participation,
        description=Label(
            "纳入设区市医联体建设规划是规划部门的事，不检查",
            "inclusion in the city's plan is the planners' and is not checked",
        ),
    ),
    Rule(
        "jiangsu.regional_centres_in_city_groups",
        Label(
            "市属区域医疗中心参与组建城市医疗集团",
            "city-run regional medical centres take part in city medical groups",
        ),
        Strength.MANDATORY,
        cite(
            "四（一）3",
            "市属国家综合类区域医疗中心、省级综合类区域医疗中心挂靠单位也应参与组建城市医疗集团。",
        ),
        check_regional_centres_in_groups,
        description=Label(
            f"区域医疗中心记为机构能力：{NATIONAL_REGIONAL_CENTRE}、{PROVINCIAL_REGIONAL_CENTRE}",
            "the centres are institution capabilities: "
            f"{NATIONAL_REGIONAL_CENTRE}, {PROVINCIAL_REGIONAL_CENTRE}",
        ),
    ),
    Rule(
        "jiangsu.city_centre_alliance_telemedicine",
        Label(
            "市级医疗中心牵头组建本设区市专科专病联盟和远程医疗协作网",
            "the city medical centre leads the city's specialty alliance and telemedicine network",
        ),
        Strength.MANDATORY,
        cite("四（一）3", "市级医疗中心还应牵头组建本设区市专科专病联盟和远程医疗协作网。"),
        check_city_centre_leads,
        description=Label(
            f"市级医疗中心记为机构能力：{CITY_MEDICAL_CENTRE}",
            f"the city medical centre is an institution capability: {CITY_MEDICAL_CENTRE}",
        ),
    ),
    Rule(
        "jiangsu.county_hospital_telemedicine",
        Label(
            "有条件的县级医院牵头组建县域内的远程医疗协作网",
            "a county hospital, where it can, leads the county's telemedicine network",
        ),
        # 还应 is bound to 有条件的 (where it has the means), which the data cannot tell: a
        # county hospital that leads no network is told so, never failed.
        Strength.ENCOURAGED,
        cite("四（一）4", "有条件的县级医院还应牵头组建县域内的远程医疗协作网。"),
        check_county_telemedicine,
        description=Label(
            "县级医院指牵头县域医共体的医院；是否“有条件”未记录，故不判为违规",
            "the county hospitals are the leads of county communities; whether one has the means "
            "is not recorded, so none fails",
        ),
    ),
    Rule(
        "jiangsu.private_hospitals_encouraged",
        Label(
            "鼓励二、三级民营医院参与医联体建设",
            "private secondary and tertiary hospitals are encouraged to join consortia",
        ),
        Strength.ENCOURAGED,
        cite("四（一）5", "鼓励二、三级民营医院参与不同类型的医联体建设"),
        joined_rule(is_private_hospital, Label("二、三级民营医院", "private hospital"), owned_by=(PRIVATE,)),
        description=Label(
            "纳入本市医联体建设规划是规划部门的事，不检查",
            "inclusion in the city's plan is the planners' and is not checked",
        ),
    ),
    Rule(
        "jiangsu.telemedicine_quality_control",
        Label(
            "远程医疗协作网牵头医院质控和业务指导、远程诊断疑难复杂病症",
            "a telemedicine network's lead quality-controls the members and diagnoses complex cases remotely",
        ),
        Strength.MANDATORY,
        cite(
            "四（四）",
            "要对成员单位相关专业进行质控和业务指导，承担疑难复杂病症的远程诊断服务，推进诊断信息的共享；",
        ),
        facts_rule(("jiangsu_member_quality_control", "jiangsu_remote_complex_diagnosis"), (TELEMEDICINE,)),
    ),
    Rule(
        "jiangsu.telemedicine_exam_recognition",
        Label(
            "远程医疗协作网检查检验互认、互联互通",
            "a telemedicine network recognises and interconnects examinations and tests",
        ),
        Strength.MANDATORY,
        cite(
            "四（四）",
            "要严格执行同级医疗机构检查检验互认相关规定，统一标准、流程，在保障医疗质量的前提下，"
            "建立完善远程医疗协作网内的检查检验互联互通机制",
        ),
        facts_rule(("mutual_recognition", "jiangsu_exam_interconnection"), (TELEMEDICINE,)),
    ),
    Rule(
        "jiangsu.tight_consortium_staffing",
        Label(
            "紧密型医联体人员统一招聘、统一培训、统一调配、统一管理",
            "a tight consortium recruits, trains, deploys and manages its staff as one",
        ),
        Strength.MANDATORY,
        cite(
            "五（二）",
            "特别是紧密型医联体应按需设岗、竞聘上岗、人岗相适、以岗定薪、岗变薪变，"
            "所有人员实行统一招聘、统一培训、统一调配、统一管理",
        ),
        check_tight_staffing,
    ),
    Rule(
        "jiangsu.finance_centre",
        Label(
            "鼓励紧密型医联体设立财务管理中心", "a tight consortium is encouraged to set up a finance centre"
        ),
        Strength.ENCOURAGED,
        cite("五（二）", "鼓励紧密型医联体设立财务管理中心，统一负责财政预算、财务管理、审计监督等。"),
        facts_rule(("jiangsu_finance_centre",), GRID_KINDS, where=is_tight),
    ),
)
