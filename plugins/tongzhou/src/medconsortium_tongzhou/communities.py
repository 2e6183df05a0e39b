"""四（一）1–3: the three county medical communities, each led by the hospital the text
names and made of the members it names (enforced, not only listed in
``tongzhou.county_communities``).

A community of the network is the text's when it bears the text's name or is led, on the
day, by the named lead. Institutions are matched by name, as the text names them. Besides
the named members a community may hold what the text adds in bulk, its 下辖村卫生室 (and
社区卫生服务站 where the text says so); any other member is not the text's.
"""

from __future__ import annotations

from collections.abc import Iterator

from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import InstitutionType
from medconsortium import Label
from medconsortium import Outcome
from medconsortium import Rule
from medconsortium import RuleContext
from medconsortium import Strength
from medconsortium.policy.rules import RuleCheck

from .document import cite
from .reference import COMMUNITIES

COUNTY = ConsortiumKind.COUNTY_MEDICAL_COMMUNITY

#: What each base (下辖…) of 四（一）1–3 admits besides the named members.
BASE_TYPES = {
    "下辖村卫生室和社区卫生服务站": frozenset(
        {InstitutionType.VILLAGE_CLINIC, InstitutionType.COMMUNITY_HEALTH_STATION}
    ),
    "下辖村卫生室": frozenset({InstitutionType.VILLAGE_CLINIC}),
}


def _theirs(ctx: RuleContext, name: str, lead: str) -> list[Consortium]:
    found = []
    for cons in ctx.consortia(COUNTY):
        leads = [ctx.network.institution(i).name for i in cons.leads_on(ctx.as_of)]
        if cons.name == name or lead in leads:
            found.append(cons)
    return sorted(found, key=lambda c: c.id)


def named_community_rule(index: int) -> RuleCheck:
    """The check of community ``index`` of :data:`~medconsortium_tongzhou.reference.COMMUNITIES`.

    >>> COMMUNITIES[2][:2]
    ('平潮区域性医共体', '平潮中心卫生院')
    """
    name, lead, named, base = COMMUNITIES[index]
    admitted = BASE_TYPES[base]

    def check(ctx: RuleContext) -> Iterator[Outcome]:
        found = _theirs(ctx, name, lead)
        if not found:
            # Only the district holds all three: below it (or in a file of part of it) the
            # community's absence proves nothing.
            yield ctx.unknown([ctx.jurisdiction.code], f"网络中没有{name}", f"the network holds no {name}")
            return
        for cons in found:
            leads = [ctx.network.institution(i).name for i in cons.leads_on(ctx.as_of)]
            members = list(ctx.network.members(cons, ctx.as_of))
            names = {m.name for m in members}
            missing = [n for n in named if n not in names]
            extra = sorted(
                m.name
                for m in members
                if m.name not in named and m.name not in leads and m.type not in admitted
            )
            problems_zh: list[str] = []
            problems_en: list[str] = []
            if leads != [lead]:
                problems_zh.append(f"应由{lead}牵头，实为{'、'.join(leads) or '无'}")
                problems_en.append(f"should be led by {lead}, is led by {', '.join(leads) or 'nobody'}")
            if missing:
                problems_zh.append("缺少成员：" + "、".join(missing))
                problems_en.append("named members missing: " + ", ".join(missing))
            if extra:
                problems_zh.append("文件未列的成员：" + "、".join(extra))
                problems_en.append("members the text does not name: " + ", ".join(extra))
            yield ctx.judge(
                [cons.id],
                not problems_zh,
                passed=(
                    f"{name}由{lead}牵头，{len(named)}家成员单位均在",
                    f"{name} is led by {lead} with all {len(named)} named members",
                ),
                failed=("；".join(problems_zh), "; ".join(problems_en)),
                expected=f"led by {lead}; members as 四（一）{index + 1}",
            )

    return check


SENTENCES = (
    "由区人民医院牵头，联合区第二人民医院（城北社区卫生服务中心）、二甲中心卫生院、石港中心卫生院、二甲镇卫生院、"
    "石港镇卫生院、兴仁镇兴仁卫生院、兴仁镇四安卫生院、十总镇骑岸卫生院、西亭镇卫生院、东社镇东社卫生院、"
    "兴东街道社区卫生服务中心及下辖村卫生室和社区卫生服务站组建人民医院医共体。",
    "由区中医院牵头，联合十总镇十总卫生院、东社镇五甲卫生院、城区社区卫生服务中心、城南社区卫生服务中心、"
    "城西社区卫生服务中心、先锋街道社区卫生服务中心、川姜镇卫生院及下辖村卫生室和社区卫生服务站组建中医院医共体。",
    "由平潮中心卫生院牵头，联合刘桥中心卫生院、刘桥镇卫生院、平潮镇平潮卫生院、平潮镇平东卫生院、五接镇卫生院"
    "及下辖村卫生室组建平潮区域性医共体。",
)
IDS = ("tongzhou.people_hospital_community", "tongzhou.tcm_hospital_community", "tongzhou.pingchao_community")

RULES = tuple(
    Rule(
        IDS[i],
        Label(
            f"{COMMUNITIES[i][0]}由{COMMUNITIES[i][1]}牵头，成员单位如文件所列",
            f"{COMMUNITIES[i][0]} is led by {COMMUNITIES[i][1]} with the members the text names",
        ),
        Strength.MANDATORY,
        cite(f"四（一）{i + 1}", SENTENCES[i]),
        named_community_rule(i),
        description=Label(
            "按名称匹配医共体和机构；文件成批列出的下辖村卫生室（社区卫生服务站）不逐一核对",
            "communities and institutions are matched by name; the village clinics (community health "
            "stations) the text adds in bulk are admitted, not listed",
        ),
    )
    for i in range(3)
)
