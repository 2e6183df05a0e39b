"""Free choice of referral (四（一）、四（二）): a consortium's routing policy may prefer its
own lead but must not shut out the hospitals the text names.

A consortium's ``routing`` of None means its policy is not stated (not assessable);
``Routing(restricted_to=None)`` states that referral is unrestricted.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from typing import TYPE_CHECKING

from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import Label
from medconsortium import Outcome
from medconsortium import Rule
from medconsortium import RuleContext
from medconsortium import Strength

from .document import cite
from .document import city_area_of

if TYPE_CHECKING:
    # Only in annotations: the network model is not imported when the plugin loads.
    from medconsortium.model.network import Network

CITY_REFERRAL_TEXT = (
    "城市医联体内各基层医疗机构可向二级以上医院（含专科医院、民营医院）转诊。"
    "向城市医联体牵头医院转诊患者时，可优先转往自身所在城市医联体的牵头医院，"
    "但不得限制患者转往本市其他三级医院（含两所驻芜省属医院，下同）。"
)
COUNTY_REFERRAL_TEXT = (
    "县域医共体内各基层医疗机构向县域医共体牵头医院转诊患者时，可优先转往自身所在县域医共体的牵头医院，"
    "但不得限制患者转往本县其他县域医共体牵头医院。"
)


def is_hospital(inst: Institution) -> bool:
    """A hospital of any kind or grade: neither primary care nor public health."""
    return not inst.is_primary_care and not inst.type.is_public_health


def city_hospitals(institutions: Iterable[Institution], level: InstitutionLevel) -> list[Institution]:
    """Hospitals of ``level`` (specialty and private ones included), sorted by id."""
    return sorted((i for i in institutions if is_hospital(i) and i.level is level), key=lambda i: i.id)


def county_leads(communities: Iterable[Consortium], network: Network, division: str) -> list[Institution]:
    """Leads of the county medical communities of one county (``division``), sorted by id."""
    leads = {lead for c in communities if c.division == division for lead in c.leads}
    return sorted((network.institution(i) for i in leads), key=lambda i: i.id)


def _check_routing(ctx: RuleContext, cons: Consortium, required: list[Institution], what: Label) -> Outcome:
    """Whether ``cons``'s routing lets its primary care members refer to every one of ``required``."""
    if cons.routing is None:
        return ctx.unknown([cons.id], f"{cons.name}未说明转诊限制", f"{cons.name} states no routing policy")
    allowed = cons.routing.restricted_to
    if allowed is None:
        return ctx.passed([cons.id], f"{cons.name}不限制转诊", f"{cons.name} does not restrict referral")
    shut_out = [i for i in required if i.id not in allowed]
    if shut_out:
        shown = "、".join(i.name for i in shut_out)
        return ctx.failed(
            [cons.id, *(i.id for i in shut_out)],
            f"{cons.name}限制基层转诊，不得转往{what.zh}：{shown}",
            f"{cons.name} restricts referral and shuts out {what.en}: {shown}",
            measured=f"{len(shut_out)} excluded",
            expected="none excluded",
        )
    return ctx.passed(
        [cons.id],
        f"{cons.name}的转诊限制包含所有{what.zh}",
        f"{cons.name}'s routing allows every one of the {what.en}",
    )


def check_city_secondary(ctx: RuleContext) -> Iterator[Outcome]:
    """City groups let primary care refer to every secondary hospital of the urban area.

    The sentence names no area; the urban districts and zones, where the city groups are,
    are taken so that a group is not required to list every county's hospitals.
    """
    urban = (i for i in ctx.institutions() if city_area_of(i.division) is not None)
    hospitals = city_hospitals(urban, InstitutionLevel.SECONDARY)
    for cons in ctx.consortia(ConsortiumKind.CITY_MEDICAL_GROUP):
        yield _check_routing(
            ctx, cons, hospitals, Label("城区二级医院", "secondary hospitals of the urban area")
        )


def check_city_tertiary(ctx: RuleContext) -> Iterator[Outcome]:
    """City groups do not shut out any tertiary hospital of the city (provincial ones included)."""
    hospitals = city_hospitals(ctx.institutions(), InstitutionLevel.TERTIARY)
    for cons in ctx.consortia(ConsortiumKind.CITY_MEDICAL_GROUP):
        yield _check_routing(ctx, cons, hospitals, Label("本市三级医院", "tertiary hospitals of the city"))


def check_county_leads(ctx: RuleContext) -> Iterator[Outcome]:
    """County communities do not shut out the other community leads of the same county."""
    communities = list(ctx.consortia(ConsortiumKind.COUNTY_MEDICAL_COMMUNITY))
    for cons in communities:
        leads = county_leads(communities, ctx.network, cons.division)
        yield _check_routing(
            ctx, cons, leads, Label("本县县域医共体牵头医院", "community leads of the same county")
        )


RULES = (
    Rule(
        "wuhu.city_referral_secondary",
        Label(
            "城市医联体基层医疗机构可向二级以上医院转诊",
            "primary care in a city group may refer to any secondary or higher hospital",
        ),
        Strength.PERMITTED,
        cite("四（一）", "城市医联体内各基层医疗机构可向二级以上医院（含专科医院、民营医院）转诊。"),
        check_city_secondary,
    ),
    Rule(
        "wuhu.city_referral_tertiary",
        Label(
            "不得限制患者转往本市其他三级医院",
            "a city group must not restrict referral to the city's other tertiary hospitals",
        ),
        Strength.MANDATORY,
        cite(
            "四（一）",
            "可优先转往自身所在城市医联体的牵头医院，但不得限制患者转往本市其他三级医院（含两所驻芜省属医院，下同）。",
        ),
        check_city_tertiary,
    ),
    Rule(
        "wuhu.county_referral_leads",
        Label(
            "不得限制患者转往本县其他县域医共体牵头医院",
            "a county community must not restrict referral to the county's other community leads",
        ),
        Strength.MANDATORY,
        cite("四（二）", COUNTY_REFERRAL_TEXT),
        check_county_leads,
    ),
)
