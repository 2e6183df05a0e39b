"""Governance rules of 芜医改组〔2019〕7号: city medical groups per district, county medical
communities, specialty alliances, the telemedicine platform and family-doctor teams.

The urban–rural caps are in :mod:`.urban_rural`, the referral routing rules in
:mod:`.routing`.
"""

from __future__ import annotations

from collections.abc import Iterator

from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Integration
from medconsortium import Label
from medconsortium import Outcome
from medconsortium import Rule
from medconsortium import RuleContext
from medconsortium import Strength
from medconsortium.policy.helpers import facts_rule
from medconsortium.policy.helpers import lead_check
from medconsortium.policy.helpers import no_single_lead
from medconsortium.policy.helpers import single_lead

from . import facts as F
from .document import CHOOSING_AREAS
from .document import CITY_AREAS
from .document import CODE
from .document import NAMED_LEADS
from .document import Area
from .document import cite
from .document import city_area_of

CITY = ConsortiumKind.CITY_MEDICAL_GROUP
COUNTY = ConsortiumKind.COUNTY_MEDICAL_COMMUNITY
ALLIANCE = ConsortiumKind.SPECIALTY_ALLIANCE
TELEMEDICINE = ConsortiumKind.TELEMEDICINE_NETWORK
URBAN_RURAL = ConsortiumKind.URBAN_RURAL

#: Hospitals the plan counts among the city's tertiary general hospitals: 市中医医院 is one
#: of the three named district leads "区域内有三级综合医院", so TCM hospitals count.
# 牵头医院应为1家: the plugin's wording when a consortium has none or several on the day.
ONE_LEAD = no_single_lead("牵头医院应为1家，实有{n}家", "expected one lead, found {n}")
GENERAL_TYPES = frozenset({InstitutionType.GENERAL_HOSPITAL, InstitutionType.TCM_HOSPITAL})


def names(items: list[Institution] | list[Consortium]) -> str:
    """The names, sorted and joined with 、 (for messages)."""
    return "、".join(sorted(i.name for i in items))


def is_city_tertiary_general(inst: Institution) -> bool:
    """A tertiary general (or TCM) hospital of the city."""
    return (
        inst.level is InstitutionLevel.TERTIARY
        and inst.type in GENERAL_TYPES
        and inst.division.startswith(CODE[:4])
    )


# -- 四（一） city medical groups --------------------------------------------------------------
def city_groups(ctx: RuleContext) -> Iterator[tuple[Consortium, Area | None]]:
    """Each city medical group with the district or development zone it serves (None: its
    division is neither)."""
    for cons in ctx.consortia(CITY):
        yield cons, city_area_of(cons.division)


def _outside_the_city_areas(
    ctx: RuleContext, cons: Consortium, before: tuple[str, str], after: tuple[str, str]
) -> Outcome:
    """Not assessable: the group's division is no district or development zone (the
    message between ``before`` and ``after``, zh and en)."""
    return ctx.unknown(
        [cons.id],
        f"{before[0]}区划{cons.division}不是市辖区或开发区{after[0]}",
        f"{before[1]}division {cons.division} is not a district or development zone{after[1]}",
    )


def check_one_group_per_area(ctx: RuleContext) -> Iterator[Outcome]:
    """Each district (development zone) has exactly one city medical group."""
    by_area: dict[str, list[Consortium]] = {a.code: [] for a in CITY_AREAS}
    for cons, area in city_groups(ctx):
        if area is None:
            yield _outside_the_city_areas(ctx, cons, (f"{cons.name}的", f"{cons.name}: "), ("", ""))
        else:
            by_area[area.code].append(cons)
    for area in CITY_AREAS:
        groups = sorted(by_area[area.code], key=lambda c: c.id)
        if len(groups) > 1:
            yield ctx.failed(
                [c.id for c in groups],
                f"{area.name.zh}有{len(groups)}个城市医联体：{names(groups)}",
                f"{area.name.en} has {len(groups)} city medical groups: {names(groups)}",
                measured=str(len(groups)),
                expected="1",
            )
        elif groups:
            yield ctx.passed(
                [groups[0].id],
                f"{area.name.zh}只建一个城市医联体",
                f"{area.name.en} has one city medical group",
            )
        elif any(area.contains(i.division) for i in ctx.institutions()):
            yield ctx.failed(
                [area.code],
                f"{area.name.zh}有医疗机构但没有城市医联体",
                f"{area.name.en} has institutions but no city medical group",
                measured="0",
                expected="1",
            )
        else:
            yield ctx.unknown(
                [area.code],
                f"网络中没有{area.name.zh}的医疗机构",
                f"the network has no institution in {area.name.en}",
            )


def check_named_leads(ctx: RuleContext) -> Iterator[Outcome]:
    """The lead each district's city medical group must have (四（一）)."""
    for cons, area in city_groups(ctx):
        if area is None:
            yield _outside_the_city_areas(
                ctx, cons, ("", ""), ("，无法确定应由谁牵头", ": no lead is set for it")
            )
            continue
        lead = single_lead(ctx, cons, ONE_LEAD)
        if isinstance(lead, Outcome):
            yield lead
            continue
        named = NAMED_LEADS.get(area.code)
        if named is not None:
            yield ctx.judge(
                [cons.id],
                named.matches(lead.name),
                passed=(f"{area.name.zh}由{named.short}牵头", f"{area.name.en} led by {named.short}"),
                failed=(
                    f"{area.name.zh}城市医联体应由{named.short}牵头，实为{lead.name}",
                    f"{area.name.en} must be led by {named.short}, is led by {lead.name}",
                ),
                measured=lead.name,
                expected=named.short,
            )
        elif area.code in CHOOSING_AREAS:
            yield ctx.judge(
                [cons.id],
                is_city_tertiary_general(lead),
                passed=(
                    f"{area.name.zh}选择三级综合医院{lead.name}牵头",
                    f"{area.name.en} chose the tertiary general hospital {lead.name}",
                ),
                failed=(
                    f"{area.name.zh}的牵头医院{lead.name}不是本市三级综合医院",
                    f"{area.name.en}: the lead {lead.name} is not a tertiary general hospital of the city",
                ),
            )


# -- 四（二） county medical communities ------------------------------------------------------
def check_tight(ctx: RuleContext) -> Iterator[Outcome]:
    """Every county medical community is tight (紧密型)."""
    for cons in ctx.consortia(COUNTY):
        if cons.integration is None:
            yield ctx.unknown([cons.id], "未说明紧密型或松散型", "integration level not stated")
        else:
            yield ctx.judge(
                [cons.id],
                cons.integration is Integration.TIGHT,
                passed=("紧密型医共体", "tight county medical community"),
                failed=("医共体为松散型，应为紧密型", "the community is loose, it must be tight"),
                measured="loose",
                expected="tight",
            )


# -- 四（五） specialty alliances --------------------------------------------------------------
def _specialty_key(specialty: str) -> str:
    return "".join(specialty.split()).casefold()


def check_one_alliance_per_specialty(ctx: RuleContext) -> Iterator[Outcome]:
    """At most one specialty alliance per specialty in the city."""
    by_specialty: dict[str, list[Consortium]] = {}
    for cons in ctx.consortia(ALLIANCE):
        if not cons.specialty or not cons.specialty.strip():
            yield ctx.unknown([cons.id], "未写明专科", "specialty not stated")
            continue
        by_specialty.setdefault(_specialty_key(cons.specialty), []).append(cons)
    for key in sorted(by_specialty):
        alliances = sorted(by_specialty[key], key=lambda c: c.id)
        specialty = alliances[0].specialty or key
        if len(alliances) == 1:
            yield ctx.passed(
                [alliances[0].id], f"{specialty}专科联盟只有一个", f"one alliance for {specialty}"
            )
            continue
        leads = []
        for cons in alliances:
            lead = ctx.network.institution(cons.lead) if cons.lead else None
            leads.append(f"{cons.name}（{lead.name if lead else '牵头不唯一'}牵头）")
        yield ctx.failed(
            [c.id for c in alliances],
            f"{specialty}设置了{len(alliances)}个专科联盟：" + "、".join(leads),
            f"{len(alliances)} alliances for {specialty}: " + ", ".join(leads),
            measured=str(len(alliances)),
            expected="1",
        )


def _alliance_lead(ctx: RuleContext, cons: Consortium, lead: Institution) -> Outcome:
    """A specialty alliance is led by a specialty hospital or a tertiary general hospital."""
    if lead.type is InstitutionType.SPECIALTY_HOSPITAL:
        return ctx.passed(
            [cons.id], f"由专科医院{lead.name}牵头", f"led by the specialty hospital {lead.name}"
        )
    return ctx.judge(
        [cons.id],
        lead.level is InstitutionLevel.TERTIARY and lead.type in GENERAL_TYPES,
        passed=(
            f"由三级综合医院{lead.name}牵头",
            f"led by the tertiary general hospital {lead.name}",
        ),
        failed=(
            f"牵头医院{lead.name}既不是专科医院，也不是三级综合医院",
            f"the lead {lead.name} is neither a specialty hospital nor a tertiary general hospital",
        ),
    )


check_alliance_lead = lead_check((ALLIANCE,), _alliance_lead, ONE_LEAD)


ALL_CONSORTIA = (CITY, COUNTY, URBAN_RURAL, ALLIANCE)

RULES = (
    Rule(
        "wuhu.one_city_group_per_district",
        Label(
            "一个市辖区（开发区）原则上只建一个城市医联体",
            "in principle one city medical group per district or development zone",
        ),
        Strength.IN_PRINCIPLE,
        cite(
            "四（一）",
            "城市医联体规划和组建原则上以市辖区（开发区）为单位，分区包段，整区推进，"
            "一个市辖区（开发区）原则上只建一个城市医联体。",
        ),
        check_one_group_per_area,
    ),
    Rule(
        "wuhu.city_group_named_lead",
        Label(
            "镜湖区、弋江区、鸠江区分别由市二院、市中医医院、市一院牵头；三山区、经开区选择三级综合医院",
            "named leads of the district city medical groups; Sanshan and the zone choose a tertiary "
            "general hospital",
        ),
        Strength.MANDATORY,
        cite(
            "四（一）",
            "区域内有三级综合医院的镜湖区、弋江区、鸠江区城市医联体建设，分别由市二院、市中医医院、市一院牵头；"
            "区域内暂无三级综合医院的三山区（含大桥开发区，以下简称三山区）、经济技术开发区，"
            "其城市医联体建设牵头医院由三山区、经济技术开发区与五家三级综合医院双向自主选择。",
        ),
        check_named_leads,
    ),
    Rule(
        "wuhu.city_group_agreement_charter",
        Label(
            "区政府与牵头医院签订合作协议并制定城市医联体章程",
            "the district government signs an agreement with the lead; the group has a charter",
        ),
        Strength.MANDATORY,
        cite(
            "四（一）",
            "各区人民政府（经开区管委会）应与相关城市医联体牵头医院签订合作协议，并协调配合牵头医院制定城市医联体章程。",
        ),
        facts_rule((F.DISTRICT_AGREEMENT, "charter"), (CITY,)),
    ),
    Rule(
        "wuhu.city_group_referral_mechanism",
        Label("城市医联体牵头建立双向转诊机制", "the city group's lead sets up two-way referral"),
        Strength.MANDATORY,
        cite("四（一）", "牵头建立本医联体内牵头医院与下级医疗机构之间的双向转诊机制；"),
        facts_rule((F.REFERRAL_MECHANISM,), (CITY,)),
    ),
    Rule(
        "wuhu.city_group_family_doctors",
        Label("城市医联体组建“1+1+1”家庭医生服务团队", "'1+1+1' family-doctor teams in city groups"),
        Strength.MANDATORY,
        cite("四（一）", "与社区卫生服务中心（站）两级医疗机构组建“1+1+1”家庭医生服务团队"),
        facts_rule((F.FAMILY_DOCTOR_TEAMS,), (CITY,)),
    ),
    Rule(
        "wuhu.county_community_tight",
        Label("全面落实紧密型医共体建设", "county medical communities are tight"),
        Strength.MANDATORY,
        cite("四（二）", "全面落实紧密型医共体建设"),
        check_tight,
    ),
    Rule(
        "wuhu.county_community_internal_management",
        Label(
            "县域医共体牵头医院建立健全紧密型医共体内部运行管理体系",
            "the county community's lead sets up its internal operating and management system",
        ),
        Strength.MANDATORY,
        cite("四（二）1", "建立健全紧密型医共体内部运行管理体系；"),
        facts_rule((F.INTERNAL_MANAGEMENT,), (COUNTY,)),
    ),
    Rule(
        "wuhu.county_community_referral_mechanism",
        Label("县域医共体牵头建立双向转诊机制", "the county community's lead sets up two-way referral"),
        Strength.MANDATORY,
        cite("四（二）", "牵头建立本医共体内县级医院与基层医疗机构之间的双向转诊机制；"),
        facts_rule((F.REFERRAL_MECHANISM,), (COUNTY,)),
    ),
    Rule(
        "wuhu.county_community_family_doctors",
        Label("县域医共体组建“1+1+1”家庭医生服务团队", "'1+1+1' family-doctor teams in county communities"),
        Strength.MANDATORY,
        cite("四（二）", "与镇村两级医疗机构组建“1+1+1”家庭医生服务团队"),
        facts_rule((F.FAMILY_DOCTOR_TEAMS,), (COUNTY,)),
    ),
    Rule(
        "wuhu.telemedicine_five_unifications",
        Label("远程医疗服务平台实现“五个统一”", "the telemedicine platform's five unifications"),
        Strength.MANDATORY,
        cite(
            "四（四）",
            "实现“五个统一”（统一远程呼叫接口、统一远程收费标准、统一远程服务规范、统一远程操作流程、统一远程数据维护）",
        ),
        facts_rule(F.FIVE_UNIFICATIONS, (TELEMEDICINE,)),
    ),
    Rule(
        "wuhu.telemedicine_coverage",
        Label("推进远程医疗服务覆盖所有医联体", "telemedicine is extended to every consortium (推进)"),
        # "推进": a duty to advance, not a requirement every consortium fails without.
        Strength.ENCOURAGED,
        cite("四（四）", "推进远程医疗服务覆盖所有医联体。"),
        facts_rule((F.TELEMEDICINE_SERVICE,), ALL_CONSORTIA),
    ),
    Rule(
        "wuhu.one_alliance_per_specialty",
        Label("各专业专科联盟只能设置一个", "one specialty alliance per specialty"),
        Strength.MANDATORY,
        cite("四（五）", "各专业专科联盟均只能设置一个"),
        check_one_alliance_per_specialty,
    ),
    Rule(
        "wuhu.alliance_approved",
        Label(
            "组建专科联盟需经市卫健委审查同意",
            "a specialty alliance is approved by the city health commission",
        ),
        Strength.MANDATORY,
        cite("四（五）", "组建专科联盟需经市卫健委审查同意。"),
        facts_rule((F.HEALTH_COMMISSION_APPROVAL,), (ALLIANCE,)),
    ),
    Rule(
        "wuhu.alliance_lead",
        Label(
            "专科联盟由专科医院或三级综合医院的特色专科牵头",
            "a specialty alliance is led by a specialty hospital or a tertiary general hospital",
        ),
        Strength.MANDATORY,
        cite("四（五）", "专科联盟由我市具有领先水平的专科医院或三级综合医院的特色专科牵头"),
        check_alliance_lead,
    ),
    Rule(
        "wuhu.mutual_recognition",
        Label(
            "医联体内检查检验结果实时查阅、互认共享",
            "examination results viewed and recognised across the consortium",
        ),
        # 加快推进…实现: a goal the plan promotes, with no duty word (应/要/必须): advisory.
        Strength.ENCOURAGED,
        cite("五（二）", "医联体内医疗机构间实现检查检验结果实时查阅、互认共享。"),
        facts_rule(("mutual_recognition",), ALL_CONSORTIA),
    ),
    Rule(
        "wuhu.health_card",
        Label(
            "鼓励使用居民健康卡（电子健康卡）实现“一卡通”",
            "the resident health card as one card for first contact, consultation and referral (鼓励)",
        ),
        # 鼓励: advisory, never a failure.
        Strength.ENCOURAGED,
        cite(
            "五（二）",
            "鼓励医联体、医共体使用居民健康卡（电子健康卡）实现基层首诊、远程会诊、双向转诊“一卡通”",
        ),
        facts_rule((F.HEALTH_CARD,), ALL_CONSORTIA),
    ),
)
