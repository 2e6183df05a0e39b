"""四（一）1–2: the provincial regional medical centres and the other provincially
administered hospitals (issue 12's clause pass).

- 四（一）1: each of the six provincial regional medical centres the text names (the
  reference table ``jiangsu.regional_centres``) leads cross-regional specialty alliances
  and telemedicine networks (牵头组建跨区域的专科专病联盟和远程医疗协作网), and links
  (联系) the cities the text gives it.
- 四（一）2: every other provincially administered hospital leads cross-regional
  alliances and networks too, and is paired with (对口帮扶) city-level or county hospitals.

A centre is recognised by its name as the text gives it (the institution's ``name`` in
the network), as the alliances of 附件2 are. A consortium is cross-regional (跨区域) when
its members on the day, its lead included, stand in more than one 设区市. That a centre
links a city is recorded on one of that city's consortia, whose lead hospitals the centre
links (联系若干医联体牵头医院): a link ``{relation: jiangsu_regional_centre, target: <the
centre's id>}``.

A pairing (对口帮扶…建立管理帮扶、技术协作和双向转诊关系) is recorded the way Linyi's
guidance of its county hospitals is: a dated link ``{relation: jiangsu_assists, target:
<the assisted hospital's id>, since, until}`` on a consortium the provincial hospital
leads (the alliances and networks through which the sentence has it radiate). The model
needs nothing new: a link may target an institution and is dated.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Iterator

from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Institution
from medconsortium import Label
from medconsortium import Outcome
from medconsortium import Rule
from medconsortium import RuleContext
from medconsortium import Strength
from medconsortium.policy.rules import RuleCheck

from .document import cite
from .duties import city_of
from .duties import led_kinds_missing
from .reference import REGIONAL_CENTRES
from .reference import REGIONAL_CENTRES_TABLE

#: GB/T 2260 codes of the 设区市 the text names.
CITY_CODES: dict[str, str] = {
    "南京市": "320100",
    "无锡市": "320200",
    "徐州市": "320300",
    "常州市": "320400",
    "苏州市": "320500",
    "南通市": "320600",
    "连云港市": "320700",
    "淮安市": "320800",
    "盐城市": "320900",
    "扬州市": "321000",
    "镇江市": "321100",
    "泰州市": "321200",
    "宿迁市": "321300",
}

#: The relation of a city's consortium to the regional centre that links its city.
REGIONAL_CENTRE_LINK = "jiangsu_regional_centre"

#: The relation of a consortium led by a provincial hospital to a hospital it is paired
#: with (对口帮扶).
ASSISTS = "jiangsu_assists"

#: Centre name → the cities it links, in the order of the text.
CENTRE_CITIES: dict[str, tuple[str, ...]] = dict(REGIONAL_CENTRES)

CROSS_REGIONAL_KINDS = (ConsortiumKind.SPECIALTY_ALLIANCE, ConsortiumKind.TELEMEDICINE_NETWORK)


def is_cross_regional(ctx: RuleContext, cons: Consortium) -> bool | None:
    """Whether the consortium's members on the day (lead included) stand in more than one
    设区市: None when that turns on members placed only at the province (``320000``: their
    city is not recorded).

    Members in two known cities: yes. Fewer known cities than two, even counting the
    unplaced members as one more city: no (a lead alone spans nothing). Else unknown.
    """
    divisions = [m.division for m in ctx.network.members(cons, ctx.as_of)]
    known = {city_of(d) for d in divisions if d[2:4] != "00"}
    unplaced = any(d[2:4] == "00" for d in divisions)
    if len(known) > 1:
        return True
    return None if unplaced and known else False


def cross_regional_leads(
    select: Callable[[Institution], bool],
    who: Label,
    having: str | None = None,
    named: Collection[str] | None = None,
) -> RuleCheck:
    """A check that every institution ``select`` picks (``who`` names them) leads, on the
    day, a specialty alliance and a telemedicine network whose members stand in more than
    one 设区市 (:func:`is_cross_regional`); each kind it leads none of is named. A kind
    whose consortia cannot be placed makes it not assessable. ``having``: an attribute
    without which ``select`` picks none; ``named``: the names outside which it picks none
    (:meth:`RuleContext.institutions_by_id`)."""

    def check(ctx: RuleContext) -> Iterator[Outcome]:
        for inst in ctx.institutions_by_id(select, having, named=named):
            # (consortium, cross-regional?) of each alliance and network it leads
            led = [
                (c, is_cross_regional(ctx, c))
                for c in ctx.network.consortia_of(inst.id, on=ctx.as_of)
                if c.kind in CROSS_REGIONAL_KINDS and inst.id in c.leads_on(ctx.as_of)
            ]
            crossing = [c for c, yes in led if yes]
            missing = led_kinds_missing(crossing, CROSS_REGIONAL_KINDS)
            unplaced = [m for m in missing if any(v is None and c.kind is m.kind for c, v in led)]
            subjects = [inst.id, *sorted(c.id for c in crossing)]
            if missing and len(unplaced) == len(missing):
                yield ctx.unknown(
                    subjects,
                    f"{who.zh}{inst.name}牵头的"
                    + "、".join(m.label.zh for m in unplaced)
                    + "成员所在设区市未记录",
                    f"the cities of the members of the {' and '.join(m.label.en for m in unplaced)} "
                    f"{inst.name} leads are not recorded",
                )
                continue
            # Fails on the kinds it certainly does not lead across cities; the unplaced
            # ones are left unnamed rather than claimed missing.
            missing = [m for m in missing if m not in unplaced]
            yield ctx.judge(
                subjects,
                not missing,
                passed=(
                    f"{who.zh}{inst.name}牵头跨区域的专科专病联盟和远程医疗协作网",
                    f"{who.en} {inst.name} leads a cross-regional alliance and telemedicine network",
                ),
                failed=(
                    f"{who.zh}{inst.name}未牵头跨区域的" + "、".join(m.label.zh for m in missing),
                    f"{who.en} {inst.name} leads no cross-regional "
                    + " and no ".join(m.label.en for m in missing),
                ),
                expected="leads a specialty alliance and a telemedicine network spanning several cities",
            )

    return check


def is_named_centre(inst: Institution) -> bool:
    """One of the six provincial regional medical centres of 四（一）1, by name."""
    return inst.name in CENTRE_CITIES


def check_centre_links(ctx: RuleContext) -> Iterator[Outcome]:
    """Each named centre in the network links each city the text gives it: one of the
    city's consortia records the link. A city whose consortia the network does not hold,
    or a network that records no such link at all, cannot show it: not assessable."""
    consortia = [c for c in ctx.network.consortia if c.active_on(ctx.as_of)]
    recorded = any(c.links_on(ctx.as_of, REGIONAL_CENTRE_LINK) for c in consortia)
    for inst in ctx.institutions_by_id(is_named_centre, named=CENTRE_CITIES):
        for city in CENTRE_CITIES[inst.name]:
            code = CITY_CODES[city]
            here = [c for c in ctx.network.consortia_in(code) if c.active_on(ctx.as_of)]
            linked = sorted(
                c.id
                for c in here
                if any(link.target == inst.id for link in c.links_on(ctx.as_of, REGIONAL_CENTRE_LINK))
            )
            if linked:
                yield ctx.passed(
                    [inst.id, code, *linked],
                    f"{inst.name}联系{city}：{'、'.join(linked)}",
                    f"{inst.name} links {city} ({code}): {', '.join(linked)}",
                )
            elif not here:
                yield ctx.unknown(
                    [inst.id, code],
                    f"网络中没有{city}的医联体",
                    f"the network holds no consortium of {city} ({code})",
                )
            elif not recorded:
                yield ctx.unknown(
                    [inst.id, code],
                    f"网络未记录区域医疗中心联系关系（{REGIONAL_CENTRE_LINK}）",
                    f"the network records no regional-centre links ({REGIONAL_CENTRE_LINK})",
                )
            else:
                yield ctx.failed(
                    [inst.id, code],
                    f"{inst.name}未联系{city}的医联体",
                    f"{inst.name} links no consortium of {city} ({code})",
                    expected=f"a consortium of {code} linked as {REGIONAL_CENTRE_LINK}",
                )


def is_assistable(inst: Institution) -> bool:
    """A city-level or county hospital (设区市级医院和县医院): a hospital, not primary or
    public-health care, not itself provincially administered."""
    return not (inst.type.is_primary_care or inst.type.is_public_health or inst.provincially_administered)


def check_assistance(ctx: RuleContext) -> Iterator[Outcome]:
    """Each provincially administered hospital other than the named centres is paired, on
    the day, with at least one city-level or county hospital: a consortium it leads links
    one (:data:`ASSISTS`). The text names no number. A network that records no pairing at
    all cannot show it: not assessable; one that records pairings but none of this
    hospital's fails it."""
    recorded = any(c.links_on(ctx.as_of, ASSISTS) for c in ctx.network.consortia if c.active_on(ctx.as_of))
    for inst in ctx.institutions_by_id(
        lambda i: i.provincially_administered and not is_named_centre(i), having="provincially_administered"
    ):
        targets = {
            link.target
            for c in ctx.network.consortia_of(inst.id, on=ctx.as_of)
            if inst.id in c.leads_on(ctx.as_of)
            for link in c.links_on(ctx.as_of, ASSISTS)
        }
        found = (ctx.network.get_institution(t) for t in sorted(targets))
        assisted = [t.name for t in found if t is not None and is_assistable(t)]
        yield ctx.judge(
            [inst.id],
            bool(assisted) if assisted or recorded else None,
            passed=(
                f"{PROVINCIAL.zh}{inst.name}对口帮扶" + "、".join(assisted),
                f"{PROVINCIAL.en} {inst.name} is paired with " + ", ".join(assisted),
            ),
            failed=(
                f"{PROVINCIAL.zh}{inst.name}牵头的医联体未声明对口帮扶设区市级医院或县医院"
                f"（links: {ASSISTS}）",
                f"no consortium led by {inst.name} declares a pairing with a city or county hospital "
                f"(links: {ASSISTS})",
            ),
            unknown=(f"网络未记录对口帮扶关系（{ASSISTS}）", f"the network records no pairings ({ASSISTS})"),
            expected=f"a link {ASSISTS} to a city-level or county hospital",
        )


CENTRE = Label("省级区域医疗中心", "provincial regional medical centre")
PROVINCIAL = Label("省属省管医院", "provincially administered hospital")

RULES = (
    Rule(
        "jiangsu.regional_centre_cross_regional_leads",
        Label(
            "省级区域医疗中心牵头组建跨区域的专科专病联盟和远程医疗协作网",
            "a regional medical centre leads cross-regional alliances and telemedicine networks",
        ),
        # No modal word: the plan states the centres' duties (合理确定牵头医院及其职责).
        Strength.MANDATORY,
        cite("四（一）1", "同时，发挥临床重点专科技术优势，牵头组建跨区域的专科专病联盟和远程医疗协作网。"),
        cross_regional_leads(is_named_centre, CENTRE, named=CENTRE_CITIES),
        description=Label(
            "区域医疗中心按四（一）1所列名称识别；跨区域即成员分属不止一个设区市",
            "centres are known by the names of 四（一）1; cross-regional: members in several cities",
        ),
    ),
    Rule(
        "jiangsu.regional_centre_links",
        Label("省级区域医疗中心联系指定设区市", "each regional medical centre links the cities named"),
        Strength.MANDATORY,
        REGIONAL_CENTRES_TABLE.citation,
        check_centre_links,
        description=Label(
            f"联系记为该市医联体的链接 {REGIONAL_CENTRE_LINK}（目标为区域医疗中心）",
            f"a link of one of the city's consortia: relation {REGIONAL_CENTRE_LINK}, target the centre",
        ),
    ),
    Rule(
        "jiangsu.provincial_hospital_cross_regional_leads",
        Label(
            "其他省属省管医院牵头组建跨区域的专科专病联盟和远程医疗协作网",
            "other provincial hospitals lead cross-regional alliances and telemedicine networks",
        ),
        Strength.MANDATORY,
        cite("四（一）2", "发挥临床重点专科技术优势，牵头组建跨区域的专科专病联盟和远程医疗协作网"),
        cross_regional_leads(
            lambda i: i.provincially_administered and not is_named_centre(i),
            PROVINCIAL,
            having="provincially_administered",
        ),
        description=Label(
            "对口帮扶设区市级医院和县医院由 jiangsu.provincial_hospital_assistance 检查",
            "the pairing with city and county hospitals (对口帮扶) is jiangsu.provincial_hospital_assistance",
        ),
    ),
    Rule(
        "jiangsu.provincial_hospital_assistance",
        Label(
            "其他省属省管医院对口帮扶设区市级医院和县医院",
            "other provincial hospitals are paired with city-level and county hospitals",
        ),
        # The same sentence as the rule above, with no modal word either.
        Strength.MANDATORY,
        cite("四（一）2", "对口帮扶设区市级医院和县医院，建立管理帮扶、技术协作和双向转诊关系"),
        check_assistance,
        description=Label(
            f"帮扶记为其牵头医联体的链接 {ASSISTS}（目标为受帮扶医院，带起止日期）；"
            "管理帮扶、技术协作、双向转诊三种关系不分别记录",
            f"a link {ASSISTS} of a consortium it leads (target the assisted hospital, dated); "
            "management, technical and referral ties are not told apart",
        ),
    ),
)
