"""Urban–rural consortia (城乡医联体, 四（三）): who pairs with whom, and the caps.

Encoding: a consortium of kind ``urban_rural`` led by the city tertiary hospital, with one
``Link(relation="pairs_with", target=<county medical community id>, agreement=...)`` per
county medical community it pairs with. A hospital's pairings are gathered over every
urban–rural consortium it leads, so one consortium with three links and three consortia
with one link each are judged the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Institution
from medconsortium import InstitutionType
from medconsortium import Label
from medconsortium import Link
from medconsortium import Outcome
from medconsortium import Rule
from medconsortium import RuleContext
from medconsortium import Strength
from medconsortium.policy.helpers import facts_rule
from medconsortium.policy.helpers import over_cap

from . import facts as F
from .document import cite

if TYPE_CHECKING:
    # Only in annotations: the network model is not imported when the plugin loads.
    from medconsortium.model.network import Network

PAIRS_WITH = "pairs_with"

#: Communities led by a county TCM hospital have their own cap of one per city hospital.
TCM_LEADS = frozenset({InstitutionType.COUNTY_TCM_HOSPITAL, InstitutionType.TCM_HOSPITAL})
MAX_HOSPITALS_PER_COMMUNITY = 1
MAX_COUNTY_HOSPITAL_COMMUNITIES = 2
MAX_TCM_COMMUNITIES = 1


@attrs.frozen
class Pairing:
    """One declared pairing: the urban–rural consortium, its link, and what they resolve to."""

    consortium: Consortium
    link: Link
    hospital: Institution | None
    community: Consortium | None


def pairings(ctx: RuleContext) -> tuple[list[Pairing], list[Outcome]]:
    """Every pairing of the active urban–rural consortia, and problems that keep one from
    being judged (no single lead, a link that is not to a county medical community)."""
    found: list[Pairing] = []
    problems: list[Outcome] = []
    for cons in ctx.consortia(ConsortiumKind.URBAN_RURAL):
        # Only pairings that hold on the day: a link ended, or a partner dissolved, before it
        # no longer counts against the caps.
        links = list(cons.links_on(ctx.as_of, PAIRS_WITH))
        if not links:
            problems.append(
                ctx.unknown(
                    [cons.id],
                    f"{cons.name}未写明与哪个县域医共体结对（pairs_with）",
                    f"{cons.name} states no county medical community it pairs with (pairs_with)",
                )
            )
            continue
        if cons.leads and not cons.leads_on(ctx.as_of):
            # Its lead left before the day: no city hospital pairs through it then.
            problems.append(
                ctx.unknown(
                    [cons.id],
                    f"{cons.name}的牵头医院已于{ctx.as_of}前退出，当日无牵头医院",
                    f"{cons.name}'s lead left before {ctx.as_of}: no lead that day",
                )
            )
            continue
        lead = cons.lead_on(ctx.as_of)
        hospital = ctx.network.institution(lead) if lead else None
        if hospital is None:
            n = len(cons.leads_on(ctx.as_of))
            problems.append(
                ctx.unknown(
                    [cons.id],
                    f"{cons.name}的城市医院不唯一（{n}家牵头）",
                    f"{cons.name} has no single city hospital ({n} leads)",
                )
            )
        for link in links:
            community = ctx.network.get_consortium(link.target)
            if community is not None and not community.active_on(ctx.as_of):
                continue  # the partner was dissolved (or not yet formed): no pairing that day
            if community is None or community.kind is not ConsortiumKind.COUNTY_MEDICAL_COMMUNITY:
                problems.append(
                    ctx.unknown(
                        [cons.id, link.target],
                        f"{cons.name}的结对对象{link.target}不是县域医共体",
                        f"{cons.name} pairs with {link.target}, which is not a county medical community",
                    )
                )
                community = None
            found.append(Pairing(cons, link, hospital, community))
    return found, problems


def _community_lead(network: Network, community: Consortium, day: dt.date) -> Institution | None:
    lead = community.lead_on(day)
    return network.institution(lead) if lead else None


def check_one_hospital_per_community(ctx: RuleContext) -> Iterator[Outcome]:
    """Each county medical community pairs with at most one city tertiary hospital."""
    found, problems = pairings(ctx)
    yield from problems
    by_community: dict[str, tuple[Consortium, dict[str, Institution]]] = {}
    unresolved: set[str] = set()
    for p in found:
        if p.community is None:
            continue
        _, hospitals = by_community.setdefault(p.community.id, (p.community, {}))
        if p.hospital is None:
            unresolved.add(p.community.id)
        else:
            hospitals[p.hospital.id] = p.hospital
    for cid in sorted(by_community):
        community, hospitals = by_community[cid]
        listed = sorted(hospitals.values(), key=lambda i: i.id)
        hospital_names = "、".join(i.name for i in listed)
        if len(listed) > MAX_HOSPITALS_PER_COMMUNITY:
            yield ctx.failed(
                [cid, *(i.id for i in listed)],
                f"{community.name}与{len(listed)}家城市三级医院建立城乡医联体：{hospital_names}",
                f"{community.name} pairs with {len(listed)} city tertiary hospitals: {hospital_names}",
                measured=str(len(listed)),
                expected=f"<= {MAX_HOSPITALS_PER_COMMUNITY}",
            )
        elif cid in unresolved:
            yield ctx.unknown(
                [cid],
                f"{community.name}的结对医院不明",
                f"the hospital {community.name} pairs with is unclear",
            )
        else:
            yield ctx.passed(
                [cid],
                f"{community.name}只与{hospital_names}结对",
                f"{community.name} pairs only with {hospital_names}",
            )


def check_hospital_caps(ctx: RuleContext) -> Iterator[Outcome]:
    """A city tertiary hospital pairs with at most two communities led by county hospitals and
    one led by a county TCM hospital."""
    found, problems = pairings(ctx)
    yield from problems
    by_hospital: dict[str, tuple[Institution, dict[str, Consortium]]] = {}
    for p in found:
        if p.hospital is None or p.community is None:
            continue
        by_hospital.setdefault(p.hospital.id, (p.hospital, {}))[1][p.community.id] = p.community
    for hid in sorted(by_hospital):
        hospital, communities = by_hospital[hid]
        tcm: list[str] = []
        county: list[str] = []
        unknown: list[str] = []
        for cid in sorted(communities):
            community = communities[cid]
            lead = _community_lead(ctx.network, community, ctx.as_of)
            if lead is None:
                unknown.append(community.name)
            else:
                # Any community not led by a TCM hospital counts under the county-hospital cap.
                (tcm if lead.type in TCM_LEADS else county).append(f"{community.name}（{lead.name}）")
        caps = (
            over_cap(
                county,
                MAX_COUNTY_HOSPITAL_COMMUNITIES,
                "与{n}家县医院牵头的医共体合作（最多{cap}家）：",
                "pairs with {n} communities led by county hospitals (at most {cap}): ",
            ),
            over_cap(
                tcm,
                MAX_TCM_COMMUNITIES,
                "与{n}家县中医院牵头的医共体合作（最多{cap}家）：",
                "pairs with {n} communities led by county TCM hospitals (at most {cap}): ",
            ),
        )
        breaches = [b for b in caps if b is not None]
        subjects = [hid, *sorted(communities)]
        if breaches:
            yield ctx.failed(
                subjects,
                f"{hospital.name}" + "；".join(b[0] for b in breaches),
                f"{hospital.name} " + "; ".join(b[1] for b in breaches),
                measured=f"{len(county)}+{len(tcm)}",
                expected=f"<= {MAX_COUNTY_HOSPITAL_COMMUNITIES}+{MAX_TCM_COMMUNITIES}",
            )
        elif unknown:
            yield ctx.unknown(
                subjects,
                f"{hospital.name}结对的医共体牵头医院不唯一：" + "、".join(unknown),
                f"{hospital.name} pairs with communities without a single lead: " + ", ".join(unknown),
            )
        else:
            yield ctx.passed(
                subjects,
                f"{hospital.name}结对县医院牵头医共体{len(county)}家、县中医院牵头医共体{len(tcm)}家",
                f"{hospital.name} pairs with {len(county)} county-hospital and "
                f"{len(tcm)} county-TCM communities",
                measured=f"{len(county)}+{len(tcm)}",
            )


def check_agreements(ctx: RuleContext) -> Iterator[Outcome]:
    """Every pairing rests on a signed agreement."""
    for cons in ctx.consortia(ConsortiumKind.URBAN_RURAL):
        links = list(cons.links_on(ctx.as_of, PAIRS_WITH))
        if not links:
            yield ctx.unknown(
                [cons.id], f"{cons.name}未写明结对的县域医共体", f"{cons.name} states no pairing"
            )
        for link in links:
            target = ctx.network.get_consortium(link.target)
            target_name = target.name if target else link.target
            subjects = [cons.id, link.target]
            if link.agreement is True:
                yield ctx.passed(
                    subjects, f"与{target_name}签订了合作协议", f"agreement signed with {target_name}"
                )
            elif link.agreement is False:
                yield ctx.failed(
                    subjects, f"与{target_name}未签订合作协议", f"no agreement signed with {target_name}"
                )
            else:
                yield ctx.unknown(
                    subjects,
                    f"未记录是否与{target_name}签订合作协议",
                    f"whether an agreement with {target_name} was signed is not recorded",
                )


RULES = (
    Rule(
        "wuhu.urban_rural_one_hospital_per_community",
        Label(
            "原则上每个县域医共体只能与一家城市三级医院建立城乡医联体",
            "in principle a county medical community pairs with one city tertiary hospital",
        ),
        Strength.IN_PRINCIPLE,
        cite("四（三）", "原则上每个县域医共体只能与一家城市三级医院建立城乡医联体。"),
        check_one_hospital_per_community,
    ),
    Rule(
        "wuhu.urban_rural_hospital_caps",
        Label(
            "原则上一家城市三级医院最多与两家县医院和一家县中医院牵头的县域医共体合作",
            "in principle a city tertiary hospital pairs with at most two county-hospital and one "
            "county-TCM communities",
        ),
        Strength.IN_PRINCIPLE,
        cite("四（三）", "原则上一家城市三级医院最多与两家县医院和一家县中医院牵头的县域医共体合作。"),
        check_hospital_caps,
    ),
    Rule(
        "wuhu.urban_rural_agreement",
        Label("城乡医联体双方签订合作协议", "each urban-rural pairing rests on a signed agreement"),
        Strength.MANDATORY,
        cite("四（三）", "由城市三级综合医院与各县域医共体牵头医院协商，双方签订合作协议。"),
        check_agreements,
    ),
    Rule(
        "wuhu.urban_rural_telemedicine",
        Label(
            "城市三级医院向合作县域医共体内各级各类医疗机构提供远程医疗服务",
            "the city tertiary hospital gives telemedicine to its partner communities' institutions",
        ),
        Strength.MANDATORY,
        cite("四（三）4", "向合作的县域医共体内各级各类医疗机构提供远程医疗服务。"),
        facts_rule((F.PARTNER_TELEMEDICINE,), (ConsortiumKind.URBAN_RURAL,)),
        description=Label(
            "城乡医联体记录的事实：覆盖合作县域医共体的全部机构",
            "a fact of the urban-rural consortium: every institution of the partner communities is served",
        ),
    ),
)
