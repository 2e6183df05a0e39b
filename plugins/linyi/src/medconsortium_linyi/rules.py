"""Governance rules of 临政办发〔2017〕60号: layout, composition, named leads, filing,
agreements and secondments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Label
from medconsortium import Outcome
from medconsortium import Ownership
from medconsortium import Rule
from medconsortium import RuleContext
from medconsortium import Strength
from medconsortium import code_within
from medconsortium.model.consortia import date_of
from medconsortium.model.consortia import done_on
from medconsortium.policy.helpers import ONE_LEAD_EXPECTED
from medconsortium.policy.helpers import facts_rule
from medconsortium.policy.helpers import joined_rule
from medconsortium.policy.helpers import single_lead
from medconsortium.policy.helpers import tertiary_general_lead

from . import leads
from .document import CODE
from .document import COUNTIES
from .document import ISSUED
from .document import URBAN_DISTRICTS
from .document import cite
from .leads import TERRITORIAL

LAYOUT = "四（一）"

#: 护理院、专业康复机构 (四（四）1).
CARE_AND_REHABILITATION = frozenset({InstitutionType.NURSING_HOME, InstitutionType.REHABILITATION_HOSPITAL})


def _sorted(consortia: Iterator[Consortium]) -> list[Consortium]:
    return sorted(consortia, key=lambda c: c.id)


# -- layout -------------------------------------------------------------------------------
def check_urban_lead(ctx: RuleContext) -> Iterator[Outcome]:
    """Consortia of the main urban area (the three districts, or the city as a whole) are
    led by a tertiary general hospital."""
    urban = {*URBAN_DISTRICTS, CODE}
    for cons in _sorted(ctx.consortia(*TERRITORIAL)):
        if cons.division in urban:
            lead = single_lead(ctx, cons, ONE_LEAD_EXPECTED)
            yield lead if isinstance(lead, Outcome) else tertiary_general_lead(ctx, [cons.id], lead)


def check_county_consortium_count(ctx: RuleContext) -> Iterator[Outcome]:
    """Each county has one or two territorial consortia.

    A consortium counts for a county when its area is the county or when it has a member
    there: the text itself assigns 郯城、临沭、费县 to the urban consortium and 沂水、沂南、
    蒙阴 to the one of 临沂市中心医院, whose areas are elsewhere.
    """
    consortia = _sorted(ctx.consortia(*TERRITORIAL))
    for code, county in COUNTIES.items():
        if not code_within(code, ctx.jurisdiction.code):
            continue
        present = any(i.division == code for i in ctx.network.institutions) or any(
            c.division == code for c in consortia
        )
        if not present:
            yield ctx.unknown(
                [code],
                f"网络中没有{county.zh}的机构",
                f"the network has nothing in {county.en}",
            )
            continue
        serving = [
            c
            for c in consortia
            if c.division == code or any(m.division == code for m in ctx.network.members(c, ctx.as_of))
        ]
        names = "、".join(c.name for c in serving) or "无"
        n = len(serving)
        yield ctx.judge(
            [code],
            1 <= n <= 2,
            passed=(f"{county.zh}有{n}个医联体：{names}", f"{county.en} has {n}: {names}"),
            failed=(
                f"{county.zh}有{n}个医联体（应为1至2个）：{names}",
                f"{county.en} has {n} consortia (expected 1 or 2)",
            ),
            measured=str(n),
            expected="1-2",
        )


# -- composition ----------------------------------------------------------------------------
COMMUNITY_OR_TOWNSHIP = frozenset(
    {
        InstitutionType.COMMUNITY_HEALTH_CENTRE,
        InstitutionType.TOWNSHIP_HEALTH_CENTRE,
        InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE,
    }
)


def check_tertiary_lead_members(ctx: RuleContext) -> Iterator[Outcome]:
    """A territorial consortium led by a tertiary hospital includes a secondary hospital and
    a community health service centre or township health centre."""
    for cons in _sorted(ctx.consortia(*TERRITORIAL)):
        lead_ids = cons.leads_on(ctx.as_of)
        leads_ = [ctx.network.institution(i) for i in lead_ids]
        if not any(i.level is InstitutionLevel.TERTIARY and not i.is_primary_care for i in leads_):
            continue
        members = [m for m in ctx.network.members(cons, ctx.as_of) if m.id not in lead_ids]
        missing: list[tuple[str, str]] = []
        if not any(m.level is InstitutionLevel.SECONDARY and not m.is_primary_care for m in members):
            missing.append(("二级医院", "secondary hospital"))
        if not any(m.type in COMMUNITY_OR_TOWNSHIP for m in members):
            missing.append(("社区卫生服务中心或乡镇卫生院", "community or township health centre"))
        if missing:
            yield ctx.failed(
                [cons.id],
                "三级医院牵头，但缺少" + "、".join(m[0] for m in missing),
                "tertiary-led but has no " + " and no ".join(m[1] for m in missing),
            )
        else:
            yield ctx.passed(
                [cons.id],
                "含二级医院和基层医疗卫生机构",
                "includes a secondary hospital and a community or township health centre",
            )


def check_prior_cooperation_filed(ctx: RuleContext) -> Iterator[Outcome]:
    """A consortium formed before the plan (cooperation that already existed) is on file.

    A filing not recorded is not assessable (the file may simply not record it); one recorded
    as not made (``filed: false``), or dated after the assessment date, fails, as does a
    filing cancelled by the assessment date.
    """
    for cons in _sorted(ctx.consortia()):
        if cons.formed is None:
            yield ctx.unknown([cons.id], "未记录成立日期", "formation date not recorded")
            continue
        if cons.formed >= ISSUED:
            continue
        filing = cons.filing
        filed, cancelled = done_on(filing.filed, ctx.as_of), done_on(filing.cancelled, ctx.as_of)
        when = date_of(filing.filed)
        if cancelled:
            yield ctx.failed(
                [cons.id],
                f"{cons.formed}已建立合作关系，备案已取消（{filing.cancelled}）",
                f"cooperating since {cons.formed}, its filing was cancelled ({filing.cancelled})",
            )
        else:
            # Recorded as not filed, or filed only after the assessment date: not on file yet.
            on = f"于{when}" if when else "（日期未记录）"
            yield ctx.judge(
                [cons.id],
                filed,
                passed=(
                    f"已{on}报主管部门备案",
                    f"filed with the authority on {when or 'a date not recorded'}",
                ),
                failed=(
                    f"{cons.formed}已建立合作关系，截至{ctx.as_of}未备案",
                    f"cooperating since {cons.formed}, not on file on {ctx.as_of}",
                ),
                unknown=(
                    f"{cons.formed}已建立合作关系，未记录备案",
                    f"cooperating since {cons.formed}; no filing recorded",
                ),
            )


# -- staff ----------------------------------------------------------------------------------
def _year_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 1, 1)


def check_staff_secondment(ctx: RuleContext) -> Iterator[Outcome]:
    """Secondary and higher members second staff to the consortium's primary care members.

    Evidence is a secondment in the network during the assessment year, else the fact
    ``linyi_staff_seconded``. With neither, a consortium fails when the network records
    secondments (so it would show this one's) and is not assessable when it records none.
    """
    records_secondments = bool(ctx.network.secondments)
    start = _year_start(ctx.as_of)
    for cons in _sorted(ctx.consortia(*TERRITORIAL)):
        members = list(ctx.network.members(cons, ctx.as_of))
        senior = {
            m.id for m in members if not m.is_primary_care and m.level.rank >= InstitutionLevel.SECONDARY.rank
        }
        primary = {m.id for m in members if m.is_primary_care}
        if not senior or not primary:
            continue
        seconded = [
            s
            for s in ctx.network.secondments
            if s.from_institution in senior
            and s.to_institution in primary
            and s.start <= ctx.as_of
            and (s.end is None or s.end >= start)
        ]
        stated = cons.governance.fact("linyi_staff_seconded")
        if seconded:
            yield ctx.passed(
                [cons.id], f"派驻{len(seconded)}人次到基层", f"{len(seconded)} secondments to primary care"
            )
        elif stated is True:
            yield ctx.passed([cons.id], "声明已向基层派出人才", "states that staff are seconded")
        elif stated is False or records_secondments:
            yield ctx.failed(
                [cons.id],
                "二级以上成员未向基层成员派出专业技术和管理人才",
                "no secondment from secondary or higher members to primary care members",
                measured="0",
            )
        else:
            yield ctx.unknown(
                [cons.id],
                "网络未记录派驻情况",
                "the network records no secondments and the fact is not stated",
            )


# -- the rules --------------------------------------------------------------------------------
ALL_KINDS: tuple[ConsortiumKind, ...] = ()

RULES = (
    Rule(
        "linyi.urban_lead",
        Label(
            "市主城区医联体主要由三级综合医院牵头",
            "urban consortia are mainly (in principle) led by tertiary general hospitals",
        ),
        Strength.IN_PRINCIPLE,
        cite(LAYOUT, "在市主城区主要组建由三级综合医院牵头的医联体"),
        check_urban_lead,
    ),
    Rule(
        "linyi.county_consortium_count",
        Label("每个县建立1至2个医联体", "each county has one or two consortia"),
        Strength.MANDATORY,
        cite(LAYOUT, "在县區重点推进县、乡、村一体化建设，每个县区建立1至2个医联体。"),
        check_county_consortium_count,
        description=Label(
            "按县计；市主城区三区由三级综合医院牵头的医联体覆盖，不在此计数",
            "counted for the nine counties; the three urban districts fall under the urban rule",
        ),
    ),
    Rule(
        "linyi.tertiary_lead_members",
        Label(
            "三级医院牵头的医联体包含二级医院和基层医疗卫生机构",
            "a tertiary-led consortium includes secondary hospitals and primary care institutions",
        ),
        Strength.MANDATORY,
        cite(
            "四（二）",
            "三级医院牵头建立的医联体应包含二级医院和基层医疗卫生机构（社区卫生服务中心、乡镇卫生院）",
        ),
        check_tertiary_lead_members,
    ),
    Rule(
        "linyi.prior_cooperation_filed",
        Label("已有合作关系报主管部门备案", "cooperation that existed before is filed with the authority"),
        Strength.MANDATORY,
        cite("四（二）", "此前已经建立合作关系的，报主管部门备案"),
        check_prior_cooperation_filed,
    ),
    Rule(
        "linyi.cooperation_agreement",
        Label("签订合作协议建立契约关系", "relations set by a signed cooperation agreement"),
        Strength.MANDATORY,
        cite("三（一）", "双方通过签订合作协议的方式建立契约关系，明确各自的权利与义务"),
        facts_rule(("agreement",), ALL_KINDS),
    ),
    Rule(
        "linyi.affiliation_unchanged",
        Label("原隶属关系与投入渠道保持不变", "affiliation and funding channels stay unchanged"),
        Strength.MANDATORY,
        cite("三（一）", "医联体内医院与基层医疗卫生机构原来的隶属关系与投入渠道保持不变"),
        facts_rule(("linyi_affiliation_unchanged", "linyi_funding_unchanged"), ALL_KINDS),
    ),
    Rule(
        "linyi.charter",
        Label("共同制定医联体章程", "a charter made together by the members"),
        Strength.MANDATORY,
        cite("四（三）1", "组织成员单位共同制定医联体章程等制度"),
        facts_rule(("charter",), ALL_KINDS),
    ),
    Rule(
        "linyi.staff_secondment",
        Label(
            "二级以上医疗机构向基层派出人才",
            "secondary and higher institutions second staff to primary care",
        ),
        Strength.MANDATORY,
        cite("五（四）", "医联体内二级以上医疗机构要向基层医疗卫生机构派出专业技术和管理人才"),
        check_staff_secondment,
    ),
    Rule(
        "linyi.named_leads_general",
        Label(
            "指定的综合医院牵头城区和县域医联体",
            "the named general hospitals lead the urban and county consortia",
        ),
        Strength.MANDATORY,
        cite(
            "四（一）1",
            "临沂市人民医院牵头负责城区医联体建设，重点是五区内的二级医疗机构和社区卫生服务机构，"
            "同时把郯城县、临沭县和费县等县级综合医院纳入；临沂市中心医院牵头负责沂水县、沂南县和蒙阴县的"
            "医联体建设，也可辐射周边市外区域；莒南县人民医院牵头莒南县医联体建设；兰陵县人民医院牵头兰陵县"
            "医联体建设；平邑县人民医院牵头平邑县医联体建设。",
        ),
        leads.assignments_rule(leads.GENERAL),
    ),
    Rule(
        "linyi.named_leads_tcm",
        Label("指定的中医医院牵头中医医联体", "the named TCM hospitals lead the TCM consortia"),
        Strength.MANDATORY,
        cite("四（一）2", "临沂市中医医院牵头负责全市中医医联体建设。平邑县中医院负责平邑县中医医联体建设。"),
        leads.assignments_rule(leads.TCM),
    ),
    Rule(
        "linyi.named_leads_maternal_child",
        Label(
            "临沂市妇女儿童医院牵头妇幼医联体",
            "Linyi Women and Children's Hospital leads the MCH consortium",
        ),
        Strength.MANDATORY,
        cite("四（一）3", "临沂市妇女儿童医院牵头负责全市妇幼保健机构的医联体建设"),
        leads.assignments_rule(leads.MATERNAL_CHILD),
    ),
    Rule(
        "linyi.named_leads_specialty",
        Label("指定的专科医院牵头专科联盟", "the named specialty hospitals lead the specialty alliances"),
        Strength.MANDATORY,
        cite(
            "四（一）4",
            "临沂市肿瘤医院牵头负责全市肿瘤专科联盟建设，包括各级综合医院的肿瘤科；"
            "临沂市精神卫生中心牵头负责全市精神卫生专业或机构的专科联盟建设，包括综合医院的精神科。",
        ),
        leads.assignments_rule(leads.SPECIALTY),
    ),
    Rule(
        "linyi.private_participation",
        Label(
            "鼓励民营医疗机构牵头或参加医联体、专科联盟",
            "private institutions are encouraged to lead or join",
        ),
        Strength.ENCOURAGED,
        cite("四（一）4", "鼓励业绩良好、守法经营、百姓认可的民营医疗机构牵头或参加医联体、专科联盟建设。"),
        joined_rule(
            lambda i: i.ownership is Ownership.PRIVATE,
            Label("民营医疗机构", "private institution"),
            owned_by=(Ownership.PRIVATE,),
        ),
        description=Label(
            "业绩、守法经营、百姓认可不在数据中",
            "performance, lawful operation and public esteem are not in the data",
        ),
    ),
    Rule(
        "linyi.remote_consultation_centre",
        Label(
            "以临沂市人民医院为平台组建全市远程医疗会诊中心",
            "a city remote consultation centre at Linyi People's Hospital",
        ),
        Strength.MANDATORY,
        cite("四（一）8", "以临沂市人民医院为平台，以“三个中心”为纽带，组建全市远程医疗会诊中心"),
        leads.assignments_rule(leads.REMOTE),
        description=Label(
            "按临沂市人民医院牵头远程医疗协作网检查；县域分中心可组建（允许），不检查",
            "checked as a telemedicine network led by Linyi People's Hospital; county sub-centres are "
            "permitted, not checked",
        ),
    ),
    Rule(
        "linyi.care_and_rehabilitation_members",
        Label(
            "鼓励护理院、专业康复机构加入医联体",
            "nursing homes and rehabilitation institutions are encouraged to join",
        ),
        Strength.ENCOURAGED,
        cite("四（四）1", "鼓励护理院、专业康复机构等加入医联体"),
        joined_rule(
            lambda i: i.type in CARE_AND_REHABILITATION,
            Label("护理院、专业康复机构", "nursing or rehabilitation institution"),
            of_types=CARE_AND_REHABILITATION,
        ),
    ),
    Rule(
        "linyi.guidance_of_3b_hospitals",
        Label(
            "临沂市人民医院指导帮扶三级乙等县医院",
            "Linyi People's Hospital guides the grade 3B county hospitals",
        ),
        Strength.MANDATORY,
        cite(
            LAYOUT,
            "临沂市人民医院负责对兰陵县人民医院、平邑县人民医院和莒南县人民医院等三级乙等医院进行业务指导和帮扶",
        ),
        leads.check_guidance,
    ),
)
