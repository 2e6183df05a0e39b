"""Governance rules of 四（一）–（五）: leads, members, the grid, provincially administered
hospitals, specialty alliances and telemedicine networks."""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Label
from medconsortium import Level
from medconsortium import Outcome
from medconsortium import Ownership
from medconsortium import Rule
from medconsortium import RuleContext
from medconsortium import Strength
from medconsortium.model.institutions import divisions_of
from medconsortium.model.institutions import field_reader
from medconsortium.model.jurisdictions import level_of_code
from medconsortium.policy.helpers import ONE_LEAD_EXPECTED
from medconsortium.policy.helpers import facts_outcome
from medconsortium.policy.helpers import lead_check
from medconsortium.policy.helpers import tertiary_general_lead
from medconsortium.policy.rules import RuleCheck

from .document import JIANGSU
from .document import cite
from .filing import FILING_RULES
from .governance import governance_check
from .grid import area_grids
from .grid import is_tight
from .grid import tight_consortia
from .reference import ALLIANCE_LEADS
from .reference import PROVINCIAL_ALLIANCES

CMG = ConsortiumKind.CITY_MEDICAL_GROUP
CCM = ConsortiumKind.COUNTY_MEDICAL_COMMUNITY
ALLIANCE = ConsortiumKind.SPECIALTY_ALLIANCE
TELEMEDICINE = ConsortiumKind.TELEMEDICINE_NETWORK

#: 县级医院: the county hospital and the county TCM hospital.
COUNTY_LEVEL_HOSPITALS = frozenset({InstitutionType.COUNTY_HOSPITAL, InstitutionType.COUNTY_TCM_HOSPITAL})

CITY_NETWORK = "四（二）1"
COUNTY_NETWORK = "四（二）2"
CITY_NETWORK_SENTENCE = (
    "由市属三级综合医院牵头，联合专科医疗机构、社区卫生服务中心（站）、护理院、康复医院、"
    "公共卫生机构等组成医疗集团，建立法人治理结构。"
)
COUNTY_NETWORK_SENTENCE = (
    "由县级医院牵头，联合乡镇卫生院和村卫生室、社区卫生服务机构、护理院、康复医疗机构等组成县域医共体，"
    "建立法人治理结构。"
)


#: The types a private hospital (二、三级民营医院) can be.
NOT_PRIMARY_CARE = frozenset(t for t in InstitutionType if not t.is_primary_care)
#: Looked up once: rules ask is_private_hospital of every member of a province's
#: consortia, and an enum member read off its class costs more than the test.
PRIVATE = Ownership.PRIVATE
SECONDARY_OR_TERTIARY = (InstitutionLevel.SECONDARY, InstitutionLevel.TERTIARY)


def is_private_hospital(inst: Institution) -> bool:
    """二、三级民营医院: a private secondary or tertiary hospital (not primary care)."""
    return inst.ownership is PRIVATE and not inst.is_primary_care and inst.level in SECONDARY_OR_TERTIARY


# -- leads --------------------------------------------------------------------------------
def _city_group_lead(ctx: RuleContext, cons: Consortium, lead: Institution) -> Outcome:
    """A city medical group is led by a city tertiary general hospital (市属三级综合医院),
    or by a private secondary or tertiary hospital, which 四（一）5 permits."""
    if is_private_hospital(lead):
        return ctx.passed(
            [cons.id],
            f"由民营医院{lead.name}牵头（四（一）5允许）",
            f"led by private hospital {lead.name} (permitted by 四（一）5)",
        )
    if lead.provincially_administered:
        return ctx.failed(
            [cons.id],
            f"牵头单位{lead.name}是省属省管医院，不是市属医院",
            f"lead {lead.name} is provincially administered, not a city hospital",
            measured="provincially_administered",
            expected="city tertiary general hospital",
        )
    return tertiary_general_lead(
        ctx, [cons.id], lead, Label("市属三级综合医院", "city tertiary general hospital")
    )


check_city_group_lead = lead_check((CMG,), _city_group_lead, ONE_LEAD_EXPECTED)


def _county_community_lead(ctx: RuleContext, cons: Consortium, lead: Institution) -> Outcome:
    """A county medical community is led by a county-level hospital (县级医院), or by a
    private secondary or tertiary hospital, which 四（一）5 permits."""
    if lead.type in COUNTY_LEVEL_HOSPITALS:
        return ctx.passed(
            [cons.id], f"由县级医院{lead.name}牵头", f"led by county-level hospital {lead.name}"
        )
    return ctx.judge(
        [cons.id],
        is_private_hospital(lead),
        passed=(
            f"由民营医院{lead.name}牵头（四（一）5允许）",
            f"led by private hospital {lead.name} (permitted by 四（一）5)",
        ),
        failed=(
            f"牵头单位{lead.name}是{lead.type.label.zh}，不是县级医院",
            f"lead {lead.name} is a {lead.type.label.en}, not a county-level hospital",
        ),
        measured=lead.type.value,
        expected="county_hospital",
    )


check_county_community_lead = lead_check((CCM,), _county_community_lead, ONE_LEAD_EXPECTED)


# -- members ------------------------------------------------------------------------------
MemberSpec = tuple[tuple[frozenset[InstitutionType], Label], ...]

CITY_REQUIRED: MemberSpec = (
    (
        frozenset({InstitutionType.COMMUNITY_HEALTH_CENTRE, InstitutionType.COMMUNITY_HEALTH_STATION}),
        Label("社区卫生服务中心（站）", "community health service centre (station)"),
    ),
)
COUNTY_REQUIRED: MemberSpec = (
    (
        frozenset({InstitutionType.TOWNSHIP_HEALTH_CENTRE, InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE}),
        Label("乡镇卫生院", "township health centre"),
    ),
    (frozenset({InstitutionType.VILLAGE_CLINIC}), Label("村卫生室", "village clinic")),
)


def members_rule(kind: ConsortiumKind, required: MemberSpec) -> RuleCheck:
    """A check that every consortium of ``kind`` has a member of each required type."""

    def check(ctx: RuleContext) -> Iterator[Outcome]:
        for cons in ctx.consortia(kind):
            types = ctx.member_types(cons)
            missing = [label for wanted, label in required if not types & wanted]
            if missing:
                yield ctx.failed(
                    [cons.id],
                    "缺少成员：" + "、".join(m.zh for m in missing),
                    "no member of type: " + ", ".join(m.en for m in missing),
                )
            else:
                yield ctx.passed(
                    [cons.id],
                    "含" + "、".join(label.zh for _, label in required),
                    "has " + ", ".join(label.en for _, label in required),
                )

    return check


def check_private_participation(ctx: RuleContext) -> Iterator[Outcome]:
    """Private secondary and tertiary hospitals may lead or join city medical groups and
    county medical communities: each one that does is shown as permitted."""
    private = PRIVATE
    for cons in ctx.consortia(CMG, CCM):
        for inst in ctx.network.members(cons, ctx.as_of):
            # Ownership first, inline: a province's consortia have 40,000 members, nearly
            # none of them private, and a call per member cost this rule half its time.
            if inst.ownership is private and is_private_hospital(inst):
                role = "牵头" if inst.id in cons.leads else "加入"
                role_en = "leads" if inst.id in cons.leads else "joins"
                yield ctx.passed(
                    [cons.id, inst.id],
                    f"民营医院{inst.name}{role}{cons.name}（允许）",
                    f"private hospital {inst.name} {role_en} {cons.name} (permitted)",
                )


# -- provincially administered hospitals --------------------------------------------------
def _provincial_lead(ctx: RuleContext, cons: Consortium) -> Institution | None:
    lead = cons.lead_on(ctx.as_of)
    if lead is None:
        return None
    inst = ctx.network.institution(lead)
    return inst if inst.provincially_administered else None


def check_provincial_hospital_lead(ctx: RuleContext) -> Iterator[Outcome]:
    """Provincially administered hospitals in principle do not lead a tight consortium;
    one built before the plan may continue inside the city's grid.

    The plan gives no day of issue, so a consortium formed before 2019 counts as built
    before it, one formed after 2019 as new, and one formed in 2019 (or on an unknown
    date) cannot be placed and is not assessable.
    """
    leading: set[str] = set()
    for cons in ctx.consortia():
        if not is_tight(cons):
            continue
        lead = _provincial_lead(ctx, cons)
        if lead is None:
            continue
        leading.add(lead.id)
        subjects = [cons.id, lead.id]
        if cons.formed is None or cons.formed.year == 2019:
            yield ctx.unknown(
                subjects,
                f"省属省管医院{lead.name}牵头紧密型医联体，无法判断是否为规划前已建成",
                f"provincially administered {lead.name} leads a tight consortium; "
                "cannot tell whether it predates the plan",
            )
        elif cons.formed.year > 2019:
            yield ctx.failed(
                subjects,
                f"省属省管医院{lead.name}于{cons.formed.isoformat()}牵头组建紧密型医联体",
                f"provincially administered {lead.name} formed a tight consortium "
                f"on {cons.formed.isoformat()}",
            )
        elif not cons.grid:
            yield ctx.failed(
                subjects,
                "规划前已建成，但未纳入设区市网格化管理（无网格）",
                "built before the plan but not brought into the city's grid (no grid)",
            )
        else:
            yield ctx.passed(
                subjects,
                "规划前已建成，继续运行并纳入网格化管理",
                "built before the plan; continues inside the city's grid",
            )
    # The sentence's subjects are the provincially administered hospitals: each one that
    # leads no tight consortium complies, and says so (never "nothing to apply to").
    for inst in ctx.institutions_by_id(
        attrgetter("provincially_administered"), having="provincially_administered"
    ):
        if inst.id not in leading:
            yield ctx.passed(
                [inst.id],
                f"省属省管医院{inst.name}不牵头紧密型医联体",
                f"provincially administered {inst.name} leads no tight consortium",
            )


CONSENTS = ("jiangsu_city_commission_consent", "jiangsu_provincial_commission_consent")
BOTH_CONSENTS = Label("已征得设区市卫生健康委和省卫生健康委同意", "both consents given")
NO_CONSENT = Label("未征得同意：", "no consent: ")


def set_up_before_the_plan(cons: Consortium) -> bool:
    """A branch formed before 2019, the plan's year (it gives no day of issue): one that
    已设置的 of 四（一）2 speaks of. A branch formed later, or on an unknown date, is set
    up under the plan."""
    return cons.formed is not None and cons.formed.year < 2019


def branch_consent(existing: bool) -> RuleCheck:
    """A check that each branch of a provincially administered hospital (a tight
    consortium it leads, or a consortium linked to it as ``branch_of``) has the consent of
    the city commission and of the provincial commission: the branches set up before the
    plan (``existing``: 补办报批手续, the approvals obtained afterwards), or the others."""

    def check(ctx: RuleContext) -> Iterator[Outcome]:
        for cons in ctx.consortia():
            if set_up_before_the_plan(cons) is not existing:
                continue
            lead = _provincial_lead(ctx, cons) if is_tight(cons) else None
            parents = [
                link.target
                for link in cons.links_on(ctx.as_of, "branch_of")
                if (inst := ctx.network.get_institution(link.target)) is not None
                and inst.provincially_administered
            ]
            if lead is None and not parents:
                continue
            yield facts_outcome(ctx, cons, CONSENTS, passed=BOTH_CONSENTS, missing=NO_CONSENT)

    return check


# -- the grid -----------------------------------------------------------------------------
def check_grid(ctx: RuleContext) -> Iterator[Outcome]:
    """Within each county-level area, every township/street is in exactly one tight
    consortium's grid: overlaps and gaps are named."""
    for grid in area_grids(ctx.network, ctx.jurisdiction.code, ctx.as_of):
        overlaps = grid.overlaps
        gaps = grid.gaps
        problems_zh: list[str] = []
        problems_en: list[str] = []
        if overlaps:
            problems_zh.append(
                "交叉：" + "；".join(f"{t}（{'、'.join(ids)}）" for t, ids in overlaps.items())
            )
            problems_en.append(
                "overlaps: " + "; ".join(f"{t} ({', '.join(ids)})" for t, ids in overlaps.items())
            )
        if gaps and not grid.undeclared:
            problems_zh.append("未覆盖：" + "、".join(gaps))
            problems_en.append("not covered: " + ", ".join(gaps))
        if problems_zh:
            yield ctx.failed([grid.division], "；".join(problems_zh), "; ".join(problems_en))
        elif gaps:
            yield ctx.unknown(
                [grid.division],
                f"未填写网格的医联体：{'、'.join(grid.undeclared)}；可能未覆盖：{'、'.join(gaps)}",
                f"grid not stated by {', '.join(grid.undeclared)}; possibly not covered: {', '.join(gaps)}",
            )
        else:
            yield ctx.passed(
                [grid.division],
                f"{len(grid.covered)}个乡镇（街道）各由一个紧密型医联体负责",
                f"each of {len(grid.covered)} townships/streets has exactly one tight consortium",
            )


#: Read where the institution keeps it (through the property, the provincial flag would
#: cost this rule more); divisions likewise, through divisions_of.
_provincial = field_reader("provincially_administered")


def check_one_tight_consortium(ctx: RuleContext) -> Iterator[Outcome]:
    """Each government-run institution of a county-level area is in exactly one tight
    consortium. Public-health institutions and provincially administered hospitals are
    left out: the plan has them join or support consortia, not belong to one grid.

    Each institution in breach is its own failure; the institutions that comply are
    counted in one pass per county, so that a province's report stays readable.
    """
    on = ctx.as_of
    network = ctx.network
    tight = tight_consortia(network, "100000", on)
    # Each tight consortium's members that day (which the network keeps for the rules that
    # ask next), filed under the place where they stand, so that a county's institutions
    # are counted against that county's memberships alone: a few hundred ids at a time. One
    # table of every member of the province (640,000 at 16 times the benchmark's) missed
    # the processor's caches at nearly every look-up, and the rule grew 8-fold from 4x to
    # 16x for 4 times the institutions (benchmarks/core.py).
    within: dict[str, list[tuple[Institution, ...]]] = {}
    for cons in tight:
        members = tuple(network.members(cons, on))
        places = set(divisions_of(members))
        if len(places) == 1:  # a county community: all its members stand in its county
            within.setdefault(places.pop(), []).append(members)
        else:
            for place in places:
                within.setdefault(place, []).append(tuple(i for i in members if i.division == place))
    tight_ids = {cons.id for cons in tight}
    government = Ownership.GOVERNMENT
    public_health = frozenset(t for t in InstitutionType if t.is_public_health)
    county = Level.COUNTY
    # The provincially administered, from the context's list (made once per pass, and
    # asked by the rules on them): a set lookup per institution, not a read of its profile.
    provincial = {i.id for i in ctx.institutions_by_id(_provincial, having="provincially_administered")}
    complying: dict[str, int] = {}
    breaches: list[tuple[Institution, list[str]]] = []
    for division, institutions in ctx.institutions_by_division():
        if level_of_code(division) is not county:
            continue
        # The ids of the institutions here in one tight consortium or more, and in two or more.
        seen: set[str] = set()
        twice: set[str] = set()
        for members in within.get(division, ()):
            here = {i.id for i in members}  # once each: a consortium lists a member once
            if not seen.isdisjoint(here):
                twice |= seen & here
            seen |= here
        count = 0
        for inst in institutions:
            if inst.ownership is not government or inst.type in public_health:
                continue
            ident = inst.id
            if ident in provincial:
                continue
            if ident not in seen:
                breaches.append((inst, []))
            elif ident not in twice:
                count += 1
            else:  # in several: which ones, from the network's index (a few institutions)
                memberships = network.memberships_of(ident)
                held = sorted(c.id for c, m in memberships if c.id in tight_ids and m.active_on(on))
                breaches.append((inst, held))
        if count:
            complying[division] = count
    for inst, ids in sorted(breaches, key=lambda pair: pair[0].id):
        if not ids:
            yield ctx.failed(
                [inst.id], f"{inst.name}未加入紧密型医联体", f"{inst.name} is in no tight consortium"
            )
        else:
            yield ctx.failed(
                [inst.id, *ids],
                f"{inst.name}同时属于{len(ids)}个紧密型医联体：{'、'.join(ids)}",
                f"{inst.name} is in {len(ids)} tight consortia: {', '.join(ids)}",
            )
    for division, count in sorted(complying.items()):
        yield ctx.passed(
            [division],
            f"{count}家政府办医疗机构各属于一个紧密型医联体",
            f"{count} government-run institutions each in exactly one tight consortium",
        )


# -- specialty alliances ------------------------------------------------------------------
def check_provincial_alliances(ctx: RuleContext) -> Iterator[Outcome]:
    """The network's provincial specialty alliances match 附件2: the named lead, and (when
    the province itself is assessed) none missing."""
    present: dict[str, Consortium] = {}
    for cons in ctx.consortia(ALLIANCE):
        if cons.name in ALLIANCE_LEADS:
            present.setdefault(cons.name, cons)
    for name, cons in sorted(present.items(), key=lambda kv: kv[1].id):
        expected = ALLIANCE_LEADS[name]
        leads = [ctx.network.institution(i).name for i in cons.leads]
        yield ctx.judge(
            [cons.id],
            leads == [expected],
            passed=(f"{name}由{expected}牵头", f"{name} is led by {expected}"),
            failed=(
                f"{name}应由{expected}牵头，实为{'、'.join(leads)}",
                f"{name} should be led by {expected}, is led by {', '.join(leads)}",
            ),
            measured="、".join(leads),
            expected=expected,
        )
    # Below the province, the network only holds its own part: absence proves nothing.
    if ctx.jurisdiction.code == JIANGSU:
        missing = [name for name, _ in PROVINCIAL_ALLIANCES if name not in present]
        if missing:
            yield ctx.failed(
                [JIANGSU],
                f"缺少{len(missing)}个省级专科联盟：" + "、".join(missing),
                f"{len(missing)} provincial alliances missing: " + ", ".join(missing),
            )
        else:
            yield ctx.passed(
                [JIANGSU], "附件2所列19个省级专科联盟均已组建", "all 19 alliances of 附件2 exist"
            )


RULES = (
    Rule(
        "jiangsu.city_group_lead",
        Label(
            "城市医疗集团由市属三级综合医院牵头",
            "a city medical group is led by a city tertiary general hospital",
        ),
        Strength.MANDATORY,
        cite(CITY_NETWORK, CITY_NETWORK_SENTENCE),
        check_city_group_lead,
    ),
    Rule(
        "jiangsu.city_group_members",
        Label(
            "城市医疗集团联合社区卫生服务中心（站）",
            "a city medical group includes community health services",
        ),
        Strength.MANDATORY,
        cite(CITY_NETWORK, CITY_NETWORK_SENTENCE),
        members_rule(CMG, CITY_REQUIRED),
    ),
    Rule(
        "jiangsu.county_community_lead",
        Label("县域医共体由县级医院牵头", "a county medical community is led by a county-level hospital"),
        Strength.MANDATORY,
        cite(COUNTY_NETWORK, COUNTY_NETWORK_SENTENCE),
        check_county_community_lead,
    ),
    Rule(
        "jiangsu.county_community_members",
        Label(
            "县域医共体联合乡镇卫生院和村卫生室",
            "a county medical community includes township centres and village clinics",
        ),
        Strength.MANDATORY,
        cite(COUNTY_NETWORK, COUNTY_NETWORK_SENTENCE),
        members_rule(CCM, COUNTY_REQUIRED),
    ),
    Rule(
        "jiangsu.private_hospital_participation",
        Label(
            "二、三级民营医院可牵头组建或加入医联体",
            "private secondary and tertiary hospitals may lead or join",
        ),
        Strength.PERMITTED,
        cite(
            "四（一）5",
            "有条件的二、三级民营医院可以以履行社会义务为出发点牵头组建或加入城市医疗集团或县域医共体。",
        ),
        check_private_participation,
    ),
    Rule(
        "jiangsu.provincial_hospital_lead",
        Label(
            "省属省管医院原则上不牵头组建紧密型医联体",
            "provincially administered hospitals in principle do not lead tight consortia",
        ),
        Strength.IN_PRINCIPLE,
        cite(
            "四（一）2",
            "原则上不牵头组建紧密型医联体。已建成的富有成效的医联体可继续运行，纳入设区市网格化管理。",
        ),
        check_provincial_hospital_lead,
    ),
    Rule(
        "jiangsu.provincial_branch_consent",
        Label(
            "省属省管医院设分院须征得同意", "a provincial hospital's branch needs city and provincial consent"
        ),
        Strength.MANDATORY,
        cite(
            "四（一）2",
            "在所在地或跨市域设分院（分中心、紧密型医联体等），应征得所在设区市卫生健康委和我委同意",
        ),
        branch_consent(existing=False),
        description=Label(
            "2019年以前设置的分院见 jiangsu.existing_branch_approval",
            "branches set up before 2019 are jiangsu.existing_branch_approval's",
        ),
    ),
    Rule(
        "jiangsu.existing_branch_approval",
        Label(
            "已设置的省属省管医院分院补办报批手续",
            "a provincial hospital's branch set up before the plan obtains the approvals afterwards",
        ),
        Strength.MANDATORY,
        cite("四（一）2", "已设置的，应补办报批手续。"),
        branch_consent(existing=True),
        description=Label(
            "规划未给出印发日，2019年以前设置（formed）的分院视为已设置；补办即取得两级同意",
            "the plan gives no day of issue: a branch formed before 2019 counts as set up before it; "
            "the approvals are the two consents",
        ),
    ),
    Rule(
        "jiangsu.grid",
        Label("网格化、不交叉、全覆盖", "grids do not overlap and cover every township/street"),
        Strength.MANDATORY,
        cite("五（一）", "完成本地区网格化、不交叉、全覆盖的紧密型医联体布局"),
        check_grid,
    ),
    Rule(
        "jiangsu.one_tight_consortium",
        Label(
            "政府办医疗机构恰属一个紧密型医联体",
            "each government-run institution is in exactly one tight consortium",
        ),
        Strength.MANDATORY,
        cite("二（一）", "每个网格由一个医疗集团或者医共体负责，实现分区包段。"),
        check_one_tight_consortium,
    ),
    Rule(
        "jiangsu.city_group_committees",
        Label(
            "建立医疗集团管理委员会和集团党委", "a management committee and a party committee for city groups"
        ),
        Strength.MANDATORY,
        cite("四（五）1", "各设区市应建立医疗集团管理委员会和集团党委"),
        governance_check((CMG,), ("management_committee", "party_committee")),
    ),
    Rule(
        "jiangsu.city_group_council",
        Label(
            "党委领导下的理事会决策和院长负责制",
            "council decisions under the party committee, president responsible",
        ),
        Strength.MANDATORY,
        cite("四（五）1", "实行党委领导下的理事会决策和院长负责制"),
        governance_check((CMG,), ("jiangsu_council_president_system",)),
    ),
    Rule(
        "jiangsu.city_group_charter",
        Label("制定医疗集团章程", "a city medical group has a charter"),
        Strength.MANDATORY,
        cite("四（五）1", "制定医疗集团章程，建立健全组织机构、管理制度、议事规则等"),
        governance_check((CMG,), ("charter",)),
    ),
    Rule(
        "jiangsu.county_community_committee",
        Label("建立医共体管理委员会", "a management committee for county communities"),
        Strength.MANDATORY,
        cite(
            "四（五）2",
            "各县（市）应建立由政府主导，县级发展改革、财政、人力社保、机构编制、卫生健康、医疗保障等部门负责人组成的医共体管理委员会。",
        ),
        governance_check((CCM,), ("management_committee",)),
    ),
    Rule(
        "jiangsu.county_community_leadership",
        Label(
            "医共体党委、理事会决策和唯一法定代表人",
            "party committee, council system and sole legal representative",
        ),
        Strength.MANDATORY,
        cite(
            "四（五）2",
            "成立医共体党委，实行党委领导下的理事会决策和院长负责制，落实唯一法定代表人组织架构",
        ),
        governance_check(
            (CCM,), ("party_committee", "jiangsu_council_president_system", "sole_legal_representative")
        ),
    ),
    Rule(
        "jiangsu.county_community_charter_departments",
        Label("医共体章程和管理机构", "a county community's charter and management departments"),
        Strength.MANDATORY,
        cite(
            "四（五）2",
            "制定医共体章程，设立医共体医疗、人力资源、财务、医保、公共卫生、信息化和后勤等管理机构",
        ),
        governance_check(
            (CCM,),
            ("charter",),
            departments=(
                "medical",
                "human_resources",
                "finance",
                "medical_insurance",
                "public_health",
                "information",
                "logistics",
            ),
        ),
    ),
    Rule(
        "jiangsu.county_community_unified_management",
        Label(
            "基础设施、财务、药品耗材采购、设备配置统一管理",
            "unified management of infrastructure, finance, procurement, equipment",
        ),
        Strength.MANDATORY,
        cite("四（五）2", "实行基础设施建设、财务、药品耗材采购、设备配置的统一管理。"),
        governance_check(
            (CCM,),
            (
                "jiangsu_unified_infrastructure",
                "jiangsu_unified_finance",
                "jiangsu_unified_procurement",
                "jiangsu_unified_equipment",
            ),
        ),
    ),
    Rule(
        "jiangsu.specialty_alliance_charter",
        Label("专科联盟章程或协议", "a specialty alliance has a charter or an agreement"),
        Strength.MANDATORY,
        cite("四（五）3", "通过制定或签订专科联盟章程或协议等方式，建立协作关系"),
        governance_check((ALLIANCE,), any_of=(("charter", "agreement"),)),
    ),
    Rule(
        "jiangsu.specialty_alliance_council",
        Label("专科联盟理事会定期召开例会", "a specialty alliance council that meets regularly"),
        Strength.MANDATORY,
        cite("四（五）3", "成立专科专病联盟理事会，作为专科专病联盟决策、领导机构，定期召开例会"),
        governance_check((ALLIANCE,), ("council", "jiangsu_council_regular_meetings")),
    ),
    Rule(
        "jiangsu.specialty_alliance_members_unchanged",
        Label("成员单位隶属关系等不变", "members keep affiliation, assets, legal status and funding"),
        Strength.MANDATORY,
        cite(
            "四（五）3",
            "在保持联盟内各成员单位原有隶属关系、资产归属、法人地位、功能定位和财政投入渠道不变的前提下",
        ),
        governance_check((ALLIANCE,), ("jiangsu_members_status_unchanged",)),
    ),
    Rule(
        "jiangsu.provincial_alliances",
        Label("省级专科联盟与附件2一致", "provincial specialty alliances match 附件2"),
        Strength.MANDATORY,
        cite("四（三）", "省级专科专病联盟组建安排见附件2。"),
        check_provincial_alliances,
    ),
    Rule(
        "jiangsu.telemedicine_charter",
        Label("远程医疗协作网章程或协议", "a telemedicine network has a charter or an agreement"),
        Strength.MANDATORY,
        cite("四（五）4", "通过制定或签订远程医疗协作网章程或协议等方式，明确组织架构和管理制度"),
        governance_check((TELEMEDICINE,), any_of=(("charter", "agreement"),)),
    ),
    Rule(
        "jiangsu.telemedicine_office",
        Label("设立远程医疗协作网专门机构", "a dedicated office runs the telemedicine network"),
        Strength.MANDATORY,
        cite("四（五）4", "要设立专门机构，负责远程医疗协作网建设和发展的日常工作。"),
        governance_check((TELEMEDICINE,), ("dedicated_office",)),
    ),
    Rule(
        "jiangsu.telemedicine_centres",
        Label("牵头医院建设远程会诊、影像、病理、心电、培训中心", "the lead runs the remote centres"),
        Strength.MANDATORY,
        cite(
            "四（四）",
            "远程医疗协作网牵头医院要统筹建设远程会诊、远程影像诊断、远程病理诊断、远程心电诊断、远程培训等中心",
        ),
        governance_check(
            (TELEMEDICINE,),
            (
                "jiangsu_remote_consultation_centre",
                "jiangsu_remote_imaging_centre",
                "jiangsu_remote_pathology_centre",
                "jiangsu_remote_ecg_centre",
                "jiangsu_remote_training_centre",
            ),
        ),
    ),
    *FILING_RULES,
)
