"""The named assignments of 四（一）: which hospital leads which consortium.

The text names hospitals, not codes, so a network is matched by the institution's name as
the text writes it (``临沂市人民医院``). A named hospital that is not in the network makes
its assignment not assessable: a partial network is not evidence of a failure.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator

import attrs
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Institution
from medconsortium import InstitutionType
from medconsortium import Label
from medconsortium import MemberRole
from medconsortium import Outcome
from medconsortium import RuleContext

from .document import COUNTIES
from .document import COUNTY_BY_NAME

#: The forms that serve an area (as opposed to specialty alliances and telemedicine).
TERRITORIAL = frozenset(
    {
        ConsortiumKind.CITY_MEDICAL_GROUP,
        ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
        ConsortiumKind.URBAN_RURAL,
    }
)


@attrs.frozen
class Assignment:
    """What the text asks of one named lead hospital.

    ``kinds``: the consortium forms that fit (empty: any). ``division``: the county whose
    consortium it leads. ``covers``: counties where the consortium must have a member.
    ``county_hospitals``: counties whose county hospital must be a member.
    ``member_types``: at least one member (besides the lead) of these types.
    """

    lead: str
    duty: Label
    kinds: frozenset[ConsortiumKind] = frozenset()
    division: str | None = None
    covers: tuple[str, ...] = ()
    county_hospitals: tuple[str, ...] = ()
    member_types: frozenset[InstitutionType] = frozenset()

    def problems(self, ctx: RuleContext, cons: Consortium) -> list[Label]:
        """What ``cons`` lacks to fulfil this assignment (empty: it fulfils it)."""
        out: list[Label] = []
        if self.division is not None and cons.division != self.division:
            county = COUNTIES[self.division]
            out.append(Label(f"所在区域不是{county.zh}", f"its area is not {county.en}"))
        members = [m for m in ctx.network.members(cons, ctx.as_of) if m.id not in cons.leads]
        for code in self.covers:
            if not any(m.division == code for m in members):
                out.append(Label(f"在{COUNTIES[code].zh}没有成员", f"no member in {COUNTIES[code].en}"))
        for code in self.county_hospitals:
            if not any(m.division == code and m.type is InstitutionType.COUNTY_HOSPITAL for m in members):
                out.append(
                    Label(
                        f"未纳入{COUNTIES[code].zh}县级综合医院",
                        f"the county hospital of {COUNTIES[code].en} is not a member",
                    )
                )
        if self.member_types and not any(m.type in self.member_types for m in members):
            names = "、".join(sorted(t.label.zh for t in self.member_types))
            names_en = ", ".join(sorted(t.label.en for t in self.member_types))
            out.append(Label(f"没有{names}成员", f"no member of type {names_en}"))
        return out


def _county(name: str) -> str:
    """The division code of a county the text names."""
    return COUNTY_BY_NAME[name]


GENERAL = (
    Assignment(
        "临沂市人民医院",
        Label("城区医联体", "the urban consortium"),
        kinds=frozenset({ConsortiumKind.CITY_MEDICAL_GROUP}),
        county_hospitals=(_county("郯城县"), _county("临沭县"), _county("费县")),
    ),
    Assignment(
        "临沂市中心医院",
        Label("沂水县、沂南县和蒙阴县的医联体", "the consortium of Yishui, Yinan and Mengyin"),
        kinds=TERRITORIAL,
        covers=(_county("沂水县"), _county("沂南县"), _county("蒙阴县")),
    ),
    Assignment(
        "莒南县人民医院",
        Label("莒南县医联体", "the consortium of Junan County"),
        kinds=TERRITORIAL,
        division=_county("莒南县"),
    ),
    Assignment(
        "兰陵县人民医院",
        Label("兰陵县医联体", "the consortium of Lanling County"),
        kinds=TERRITORIAL,
        division=_county("兰陵县"),
    ),
    Assignment(
        "平邑县人民医院",
        Label("平邑县医联体", "the consortium of Pingyi County"),
        kinds=TERRITORIAL,
        division=_county("平邑县"),
    ),
)

TCM = (
    Assignment("临沂市中医医院", Label("全市中医医联体", "the city-wide TCM consortium")),
    Assignment(
        "平邑县中医院",
        Label("平邑县中医医联体", "the TCM consortium of Pingyi County"),
        division=_county("平邑县"),
    ),
)

MATERNAL_CHILD = (
    Assignment(
        "临沂市妇女儿童医院",
        Label("全市妇幼保健机构的医联体", "the consortium of maternal and child health institutions"),
        member_types=frozenset({InstitutionType.MATERNAL_CHILD}),
    ),
)

SPECIALTY = (
    Assignment(
        "临沂市肿瘤医院",
        Label("全市肿瘤专科联盟", "the city-wide oncology alliance"),
        kinds=frozenset({ConsortiumKind.SPECIALTY_ALLIANCE}),
    ),
    Assignment(
        "临沂市精神卫生中心",
        Label("全市精神卫生专科联盟", "the city-wide mental-health alliance"),
        kinds=frozenset({ConsortiumKind.SPECIALTY_ALLIANCE}),
    ),
)

#: 四（一）8: the city remote consultation centre on the platform of 临沂市人民医院, read as a
#: telemedicine network (远程医疗协作网) it leads.
REMOTE = (
    Assignment(
        "临沂市人民医院",
        Label("全市远程医疗会诊中心", "the city remote consultation centre"),
        kinds=frozenset({ConsortiumKind.TELEMEDICINE_NETWORK}),
    ),
)

#: 临沂市人民医院 guides these grade 3B county hospitals (业务指导和帮扶).
GUIDE = "临沂市人民医院"
GUIDED = ("兰陵县人民医院", "平邑县人民医院", "莒南县人民医院")


def find_named(ctx: RuleContext, name: str) -> Institution | Outcome:
    """The jurisdiction's one institution called ``name``, or the not-assessable outcome
    that says why there is none."""
    found = [i for i in ctx.institutions() if i.name == name]
    if len(found) == 1:
        return found[0]
    where = [ctx.jurisdiction.code]
    if not found:
        return ctx.unknown(where, f"网络中没有{name}", f"{name} is not in the network")
    return ctx.unknown(
        where,
        f"网络中有{len(found)}家{name}",
        f"{len(found)} institutions named {name}",
    )


def led_by(ctx: RuleContext, inst: Institution, kinds: frozenset[ConsortiumKind]) -> list[Consortium]:
    """Active consortia of ``kinds`` (any when empty) that ``inst`` leads, sorted by id."""
    return sorted(
        (
            c
            for c in ctx.consortia(*kinds)
            if any(m.institution == inst.id and m.role is MemberRole.LEAD for m in c.members)
        ),
        key=lambda c: c.id,
    )


def check_assignment(ctx: RuleContext, assignment: Assignment) -> Outcome:
    """Pass when some consortium the named hospital leads fulfils the assignment."""
    inst = find_named(ctx, assignment.lead)
    if isinstance(inst, Outcome):
        return inst
    duty = assignment.duty
    candidates = led_by(ctx, inst, assignment.kinds)
    if not candidates:
        return ctx.failed(
            [inst.id], f"{inst.name}未牵头{duty.zh}", f"{inst.name} leads no consortium for {duty.en}"
        )
    found: list[tuple[Consortium, list[Label]]] = [(c, assignment.problems(ctx, c)) for c in candidates]
    for cons, problems in found:
        if not problems:
            return ctx.passed(
                [inst.id],
                f"{inst.name}牵头{duty.zh}（{cons.name}）",
                f"{inst.name} leads {duty.en} ({cons.id})",
            )
    cons, problems = found[0]
    return ctx.failed(
        [inst.id],
        f"{inst.name}牵头的{cons.name}不符合{duty.zh}：" + "；".join(p.zh for p in problems),
        f"{cons.id}, led by {inst.name}, does not fulfil {duty.en}: " + "; ".join(p.en for p in problems),
    )


def assignments_rule(assignments: tuple[Assignment, ...]) -> Callable[[RuleContext], Iterator[Outcome]]:
    """A check with one outcome per named assignment."""

    def check(ctx: RuleContext) -> Iterator[Outcome]:
        for assignment in assignments:
            yield check_assignment(ctx, assignment)

    return check


def check_guidance(ctx: RuleContext) -> Iterator[Outcome]:
    """临沂市人民医院 declares a ``guides`` link to each grade 3B county hospital from a
    consortium it leads (业务指导和帮扶)."""
    guide = find_named(ctx, GUIDE)
    if isinstance(guide, Outcome):
        yield guide
        return
    linked = {
        link.target for c in led_by(ctx, guide, frozenset()) for link in c.links_on(ctx.as_of, "guides")
    }
    for name in GUIDED:
        target = find_named(ctx, name)
        if isinstance(target, Outcome):
            yield target
        else:
            yield ctx.judge(
                [target.id],
                target.id in linked,
                passed=(f"{GUIDE}指导帮扶{name}", f"{GUIDE} guides {name}"),
                failed=(
                    f"{GUIDE}牵头的医联体未声明对{name}的业务指导和帮扶（links: guides）",
                    f"no consortium led by {GUIDE} declares guidance of {name} (links: guides)",
                ),
            )
