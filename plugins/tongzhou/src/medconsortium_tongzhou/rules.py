"""Governance rules of 通政办发〔2024〕20号, checked over a network (and statistics)."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator

from medconsortium import ConsortiumKind
from medconsortium import InstitutionType
from medconsortium import Integration
from medconsortium import Label
from medconsortium import Outcome
from medconsortium import Ownership
from medconsortium import Rule
from medconsortium import RuleContext
from medconsortium import Scope
from medconsortium import Strength
from medconsortium.model.institutions import PRIMARY_CARE_TYPES
from medconsortium.policy.helpers import facts_rule
from medconsortium.policy.helpers import joined_rule

from . import facts as F
from .document import cite
from .stationing import check_posting_length
from .stationing import check_stationed_cover

COUNTY = (ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,)
Check = Callable[[RuleContext], Iterator[Outcome]]


def district_facts_rule(fact_ids: tuple[str, ...]) -> Check:
    """A check of facts about the district as a whole (its office, its central pharmacy,
    its insurance policy), which network files state on the county medical communities.

    One outcome for the district: a fact is in place when some community states it true,
    missing when communities state it false and none true, unknown when none states it.
    """

    def check(ctx: RuleContext) -> Iterator[Outcome]:
        communities = list(ctx.consortia(*COUNTY))
        if not communities:
            return
        stated = {f: [c.governance.fact(f) for c in communities] for f in fact_ids}
        absent = [f for f, vs in stated.items() if True not in vs and False in vs]
        unknown = [f for f, vs in stated.items() if True not in vs and False not in vs]
        subjects = [ctx.jurisdiction.code]

        def zh(ids: list[str] | tuple[str, ...]) -> str:
            return "、".join(ctx.fact_label(f) for f in ids)

        def en(ids: list[str] | tuple[str, ...]) -> str:
            return ", ".join(ctx.fact_label(f, "en") for f in ids)

        if absent:
            yield ctx.failed(subjects, "缺少：" + zh(absent), "missing: " + en(absent))
        elif unknown:
            yield ctx.unknown(subjects, "未提供：" + zh(unknown), "not stated: " + en(unknown))
        else:
            yield ctx.passed(subjects, "均已具备：" + zh(fact_ids), "all in place: " + en(fact_ids))

    return check


def county_hospital_facts_rule(fact_ids: tuple[str, ...]) -> Check:
    """Facts of the community led by 区人民医院 (the county hospital, not the TCM one):
    the county-wide centres the text builds "依托区人民医院"."""
    inner = facts_rule(fact_ids, COUNTY)

    def check(ctx: RuleContext) -> Iterator[Outcome]:
        led = {
            c.id
            for c in ctx.consortia(*COUNTY)
            if (lead := c.lead_on(ctx.as_of)) is not None
            and ctx.network.institution(lead).type is InstitutionType.COUNTY_HOSPITAL
        }
        for outcome in inner(ctx):
            if set(outcome.subjects) <= led:
                yield outcome

    return check


#: 四（三）2–8: each working group and the core departments that stand for it.
WORKING_GROUPS: tuple[tuple[Label, tuple[str, ...]], ...] = (
    (Label("医疗服务组", "medical services group"), ("medical",)),
    (Label("公卫管理组", "public health group"), ("public_health",)),
    (Label("信息共享组", "information sharing group"), ("information",)),
    (Label("人力资源组", "human resources group"), ("human_resources",)),
    (Label("财务医保组", "finance and medical insurance group"), ("finance", "medical_insurance")),
    (Label("药械管理组", "drugs and devices group"), (F.DRUGS_AND_DEVICES,)),
    (Label("后勤保障组", "logistics group"), ("logistics",)),
)


def check_working_groups(ctx: RuleContext) -> Iterator[Outcome]:
    """Each community has the seven working groups (as management departments)."""
    for cons in ctx.consortia(*COUNTY):
        have = cons.governance.departments
        if have is None:
            yield ctx.unknown([cons.id], "未提供管理部门", "departments not stated")
            continue
        missing = [label for label, depts in WORKING_GROUPS if not set(depts) <= have]
        if missing:
            yield ctx.failed(
                [cons.id],
                "缺少：" + "、".join(m.zh for m in missing),
                "missing: " + ", ".join(m.en for m in missing),
                measured=f"{len(WORKING_GROUPS) - len(missing)}/{len(WORKING_GROUPS)}",
                expected=f"{len(WORKING_GROUPS)}/{len(WORKING_GROUPS)}",
            )
        else:
            yield ctx.passed([cons.id], "七个工作组均已设立", "all seven working groups set up")


def check_cdc_guidance(ctx: RuleContext) -> Iterator[Outcome]:
    """The district CDC guides and trains each community at least once a year, reaching
    every primary care member (statistics: sessions and institutions reached, per
    community and year)."""
    year = ctx.year if ctx.year is not None else ctx.as_of.year
    for cons in ctx.consortia(*COUNTY):
        subjects = [cons.id]
        primary = sum(1 for i in ctx.network.members(cons, ctx.as_of) if i.is_primary_care)
        if ctx.statistics is None:
            yield ctx.unknown(subjects, "未提供统计数据", "no statistics given")
            continue
        sessions = ctx.statistics.value(Scope.CONSORTIUM, cons.id, year, "tongzhou_cdc_guidance_sessions")
        reached = ctx.statistics.value(Scope.CONSORTIUM, cons.id, year, "tongzhou_cdc_guidance_institutions")
        if sessions is None or reached is None:
            yield ctx.unknown(
                subjects, f"缺少{year}年疾控指导培训数据", f"CDC guidance data missing for {year}"
            )
        elif sessions < 1:
            yield ctx.failed(
                subjects,
                f"{year}年未开展技术指导和业务培训",
                f"no guidance or training in {year}",
                measured=f"{sessions:g}",
                expected=">=1",
            )
        else:
            yield ctx.judge(
                subjects,
                reached >= primary,
                passed=(
                    f"{year}年开展{sessions:g}次，覆盖全部{primary}家基层机构",
                    f"{year}: {sessions:g} session(s), all {primary} primary care institutions reached",
                ),
                failed=(
                    f"{year}年覆盖基层机构{reached:g}/{primary}家，未全覆盖",
                    f"{year}: reached {reached:g} of {primary} primary care institutions",
                ),
                measured=f"{reached:g}/{primary}",
                expected=f"{primary}/{primary}",
            )


def check_tight(ctx: RuleContext) -> Iterator[Outcome]:
    """The three communities are tight (紧密型)."""
    for cons in ctx.consortia(*COUNTY):
        if cons.integration is None:
            yield ctx.unknown([cons.id], "未说明紧密型或松散型", "integration not stated")
        else:
            yield ctx.judge(
                [cons.id],
                cons.integration is Integration.TIGHT,
                passed=("紧密型", "tight"),
                failed=("松散型，不是紧密型", "loose, not tight"),
                measured="loose",
                expected="tight",
            )


def check_member_adjustment(ctx: RuleContext) -> Iterator[Outcome]:
    """Members may be adjusted (a permission); a public primary care institution that left
    a community is covered by another one, as full coverage (二) requires."""
    for cons in ctx.consortia(*COUNTY):
        for m in cons.members:
            if m.left is None or m.left > ctx.as_of:
                continue
            inst = ctx.network.institution(m.institution)
            if not (inst.is_primary_care and inst.is_public):
                continue
            now = [c.name for c in ctx.network.consortia_of(inst.id, on=ctx.as_of) if c.kind in COUNTY]
            yield ctx.judge(
                [cons.id, inst.id],
                bool(now),
                passed=(
                    f"{inst.name}于{m.left.isoformat()}调整至{'、'.join(sorted(now))}（允许）",
                    f"{inst.name} moved on {m.left.isoformat()} to {', '.join(sorted(now))} (permitted)",
                ),
                failed=(
                    f"{inst.name}于{m.left.isoformat()}退出后未纳入任何县域医共体",
                    f"{inst.name} left on {m.left.isoformat()} and is in no county medical community",
                ),
            )


def check_private_participation(ctx: RuleContext) -> Iterator[Outcome]:
    """Privately run institutions take part (encouraged)."""
    for cons in ctx.consortia(*COUNTY):
        private = sorted(
            i.name for i in ctx.network.members(cons, ctx.as_of) if i.ownership is Ownership.PRIVATE
        )
        yield ctx.judge(
            [cons.id],
            bool(private),
            passed=("社会办医疗机构参与：" + "、".join(private), "private members: " + ", ".join(private)),
            failed=("暂无社会办医疗机构参与", "no privately run member yet"),
        )


def check_patient_choice(ctx: RuleContext) -> Iterator[Outcome]:
    """No community restricts where its members may refer patients: that would override
    the patient's own choice."""
    for cons in ctx.consortia(*COUNTY):
        if cons.routing is None:
            yield ctx.unknown([cons.id], "未提供转诊去向规定", "routing policy not stated")
        elif cons.routing.restricted_to is None:
            yield ctx.passed([cons.id], "转诊去向不受限制", "referral destinations are not restricted")
        else:
            n = len(cons.routing.restricted_to)
            yield ctx.failed(
                [cons.id],
                f"转诊去向限定为{n}家机构，限制了患者自主选择",
                f"referrals restricted to {n} institution(s), overriding the patient's choice",
            )


SEVEN_UNCHANGED_IDS = tuple(fid for fid, _zh, _en in F.SEVEN_UNCHANGED)

RULES = (
    Rule(
        "tongzhou.tight_communities",
        Label("组建三大紧密型县域医共体", "the county medical communities are tight"),
        Strength.MANDATORY,
        cite(
            "四（一）",
            "以区人民医院、区中医院、平潮中心卫生院为牵头医院，全区公办基层医疗卫生机构为成员单位，组建三大紧密型县域医共体。",
        ),
        check_tight,
    ),
    Rule(
        "tongzhou.public_primary_care_members",
        Label(
            "全区公办基层医疗卫生机构为县域医共体成员单位",
            "every public primary care institution is a member",
        ),
        Strength.MANDATORY,
        cite(
            "四（一）",
            "以区人民医院、区中医院、平潮中心卫生院为牵头医院，全区公办基层医疗卫生机构为成员单位，组建三大紧密型县域医共体。",
        ),
        joined_rule(
            lambda i: i.is_primary_care and i.is_public,
            Label("公办基层医疗卫生机构", "public primary care institution"),
            COUNTY,
            of_types=PRIMARY_CARE_TYPES,
        ),
        description=Label(
            "牵头医院和各医共体的成员由四（一）1—3的规则按名称检查",
            "the leads and the named members are checked by the rules of 四（一）1–3",
        ),
    ),
    Rule(
        "tongzhou.member_adjustment",
        Label("成员单位可适时动态调整", "members may be adjusted as needs change"),
        Strength.PERMITTED,
        cite("四（一）", "允许县域医共体成员单位根据双向需求和发展实际适时动态调整。"),
        check_member_adjustment,
        description=Label(
            "调整本身允许；退出的公办基层机构须仍在某一医共体内（二：全覆盖）",
            "moving is allowed; a public primary care institution that leaves must still be in a "
            "community (二: full coverage)",
        ),
    ),
    Rule(
        "tongzhou.private_participation",
        Label("鼓励社会办医疗机构参与", "privately run institutions are encouraged to join"),
        Strength.ENCOURAGED,
        cite("四（一）", "鼓励社会办医疗机构参与县域医共体建设。"),
        check_private_participation,
    ),
    Rule(
        "tongzhou.patient_choice",
        Label("尊重患者就医自主选择权", "the patient's own choice is respected"),
        Strength.MANDATORY,
        cite("四（一）", "充分尊重患者就医自主选择权"),
        check_patient_choice,
    ),
    Rule(
        "tongzhou.seven_unchanged",
        Label("成员单位“七个不变”", "the seven unchanged for members"),
        Strength.MANDATORY,
        cite(
            "四（三）",
            "坚持县域医共体成员单位的“举办主体、法人地位、机构职能、产权关系、人员身份、投入政策和法律责任”七个不变",
        ),
        facts_rule(SEVEN_UNCHANGED_IDS, COUNTY),
    ),
    Rule(
        "tongzhou.community_office",
        Label("医共体设立办公室", "each community has an office"),
        Strength.MANDATORY,
        cite("四（三）1", "设立办公室，负责县域医共体日常管理工作和综合协调工作。"),
        facts_rule(("dedicated_office",), COUNTY),
    ),
    Rule(
        "tongzhou.working_groups",
        Label("医共体设立七个工作组", "each community has the seven working groups"),
        Strength.MANDATORY,
        # The seven 设立…组 sentences of 四（三）2–8; the first is quoted.
        cite("四（三）2", "设立医疗服务组，负责县域医共体内技术规范、业务指导；"),
        check_working_groups,
        description=Label(
            "医疗服务、公卫管理、信息共享、人力资源、财务医保、药械管理、后勤保障七个组（四（三）2—8），"
            "以管理部门记录",
            "the groups of 四（三）2–8, recorded as management departments",
        ),
    ),
    Rule(
        "tongzhou.tiered_care_catalogue",
        Label("制定分级诊疗目录和转诊管理办法", "a tiered-care catalogue and referral rules"),
        Strength.MANDATORY,
        cite("四（三）2", "制定分级诊疗目录和转诊管理办法"),
        facts_rule((F.TIERED_CARE_CATALOGUE, F.REFERRAL_RULES), COUNTY),
    ),
    Rule(
        "tongzhou.remote_centre",
        Label("在牵头医院建设远程中心", "a remote centre at the lead hospital"),
        Strength.MANDATORY,
        cite("四（三）4", "在牵头医院建设远程中心"),
        facts_rule((F.REMOTE_CENTRE,), COUNTY),
    ),
    Rule(
        "tongzhou.stationed_staff",
        Label(
            "每个镇卫生院（社区卫生服务中心）常年有牵头医院中级以上职称人员派驻",
            "each township or community centre has intermediate-title staff from the lead stationed all year",
        ),
        Strength.MANDATORY,
        cite(
            "四（三）5",
            "确保每个镇卫生院（社区卫生服务中心）至少有1名牵头医院中级以上职称卫生专业技术人员常年派驻",
        ),
        check_stationed_cover,
    ),
    Rule(
        "tongzhou.posting_length",
        Label("派驻周期一般不少于6个月", "a posting lasts 6 months or more, in principle (一般)"),
        Strength.IN_PRINCIPLE,
        cite("四（三）5", "派驻周期可结合实际，一般不少于6个月，一个周期内派驻人员相对固定。"),
        check_posting_length,
        description=Label(
            "每条派驻记录为一人一段；周期内换人即表现为不足6个月的派驻",
            "each record is one person for one stretch: a change of person shows as a posting under 6 months",
        ),
    ),
    Rule(
        "tongzhou.finance_model",
        Label(
            "实行“统一领导、独立核算、集中管理”模式",
            "finance: unified lead, separate accounts, central management",
        ),
        Strength.MANDATORY,
        cite("四（三）6", "实行“统一领导、独立核算、集中管理”模式"),
        facts_rule((F.FINANCE_MODEL,), COUNTY),
    ),
    Rule(
        "tongzhou.unified_drug_list",
        Label(
            "推动卫生院、社区卫生服务中心与牵头医院用药目录相统一",
            "members' and the lead's drug lists are unified",
        ),
        # 推动 (promote): advisory, never a failure.
        Strength.ENCOURAGED,
        cite(
            "四（三）7", "推动县域医共体内部（中心）卫生院、社区卫生服务中心与牵头医院慢性病等用药目录相统一"
        ),
        facts_rule((F.UNIFIED_DRUG_LIST,), COUNTY),
    ),
    Rule(
        "tongzhou.cdc_guidance",
        Label(
            "区疾控中心每年至少一次技术指导和业务培训，基层机构全覆盖",
            "the CDC guides and trains each community yearly, reaching every primary care institution",
        ),
        Strength.MANDATORY,
        cite(
            "五（四）",
            "建立健全区疾病预防控制中心对县域医共体的技术指导和业务培训工作机制，每年至少开展一次技术指导和业务培训，确保基层机构全覆盖。",
        ),
        check_cdc_guidance,
    ),
    Rule(
        "tongzhou.incubation_centre",
        Label(
            "在牵头医院设立基层特色科室“孵化中心”",
            "an incubation centre for featured departments at the lead",
        ),
        Strength.MANDATORY,
        cite("五（二）", "在牵头医院设立基层医疗卫生机构特色科室“孵化中心”"),
        facts_rule((F.INCUBATION_CENTRE,), COUNTY),
    ),
    Rule(
        "tongzhou.general_practice_department",
        Label("牵头医院设立全科医学科", "the lead hospital has a general practice department"),
        Strength.MANDATORY,
        cite("五（五）", "县域医共体牵头医院要设立全科医学科"),
        facts_rule((F.GENERAL_PRACTICE,), COUNTY),
    ),
    Rule(
        "tongzhou.district_office",
        Label("县域医共体办公室及“十大管理中心”", "the district office and its ten management centres"),
        Strength.MANDATORY,
        cite(
            "三（二）",
            "县域医共体办公室下设人力资源、绩效考核、财务运行、医疗质量、医保资金、信息数据、药品耗材、后勤安全、医防融合、医教科研“十大管理中心”",
        ),
        district_facts_rule((F.DISTRICT_OFFICE, F.MANAGEMENT_CENTRES)),
    ),
    Rule(
        "tongzhou.resource_sharing_centres",
        Label("依托区人民医院建立“五大资源共享中心”", "five resource-sharing centres at 区人民医院"),
        Strength.MANDATORY,
        cite(
            "五（三）",
            "依托区人民医院，建立县域医学检验、医学影像、心电诊断、病理诊断、消毒供应“五大资源共享中心”",
        ),
        county_hospital_facts_rule(F.RESOURCE_SHARING_CENTRES),
    ),
    Rule(
        "tongzhou.clinical_service_centres",
        Label("依托区人民医院建立“五大临床服务中心”", "five clinical service centres at 区人民医院"),
        Strength.MANDATORY,
        cite("五（三）", "县域肿瘤防治、慢病管理、微创介入、麻醉疼痛诊疗、重症监护“五大临床服务中心”"),
        county_hospital_facts_rule(F.CLINICAL_SERVICE_CENTRES),
    ),
    Rule(
        "tongzhou.central_pharmacy",
        Label("建设县域中心药房", "a county central pharmacy"),
        Strength.MANDATORY,
        cite(
            "五（三）", "依托县域医共体建设县域中心药房，建立缺药制度登记和配送制度，解决镇村居民用药问题。"
        ),
        district_facts_rule((F.CENTRAL_PHARMACY,)),
    ),
    Rule(
        "tongzhou.insurance_service_agreement",
        Label(
            "牵头医院与医保经办机构签订医保定点服务协议",
            "the lead signs a designated-provider agreement with the insurance agency",
        ),
        Strength.MANDATORY,
        cite("六（四）", "县域医共体牵头医院与医保经办机构签订医保定点服务协议"),
        facts_rule((F.INSURANCE_AGREEMENT,), COUNTY),
    ),
    Rule(
        "tongzhou.referral_deductible",
        Label(
            "符合规定的转诊住院患者按规定计算起付线",
            "referral admissions: the deductible is computed as the rules say",
        ),
        Strength.MANDATORY,
        cite("六（四）", "落实转诊待遇的衔接政策，对符合规定的转诊住院患者按规定计算起付线"),
        district_facts_rule((F.REFERRAL_DEDUCTIBLE,)),
        description=Label(
            "按规定计算起付线（文件未要求连续计算）",
            "computed as the rules say (the text does not ask for a continuous one)",
        ),
    ),
    Rule(
        "tongzhou.differentiated_payment",
        Label("不同层级医疗机构差别化支付", "level-differentiated insurance payment"),
        Strength.MANDATORY,
        cite("六（四）", "对不同层级医疗机构实行差别化支付政策"),
        district_facts_rule((F.DIFFERENTIATED_PAYMENT,)),
        description=Label(
            "只检查是否实行；文件未给出支付比例，不设比例",
            "checked as in place or not: the text gives no ratio and none is assumed",
        ),
    ),
)
