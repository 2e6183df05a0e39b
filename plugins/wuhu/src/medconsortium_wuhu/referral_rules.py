"""Referral rules of 芜医改组〔2019〕7号, applied to each referral.

Each yields nothing for a referral it does not concern. A referral the text allows but
that a consortium's routing policy shuts out fails: the text forbids the restriction, and
the finding names the consortium. An unstated routing policy makes it not assessable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Iterator
from typing import TYPE_CHECKING

from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import FindingStatus
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import Label
from medconsortium import Outcome
from medconsortium import Referral
from medconsortium import ReferralContext
from medconsortium import ReferralRule
from medconsortium import Strength
from medconsortium import code_within

from .document import CODE
from .document import cite
from .routing import CITY_REFERRAL_TEXT
from .routing import COUNTY_REFERRAL_TEXT
from .routing import is_hospital
from .urban_rural import PAIRS_WITH

if TYPE_CHECKING:
    # Only in annotations: the network model is not imported when the plugin loads.
    from medconsortium.model.network import Network

CITY = ConsortiumKind.CITY_MEDICAL_GROUP
COUNTY = ConsortiumKind.COUNTY_MEDICAL_COMMUNITY


def _wuhu_consortia(network: Network, kinds: Iterable[ConsortiumKind], day: dt.date) -> list[Consortium]:
    """Wuhu's consortia of ``kinds`` active on ``day``."""
    return [c for c in network.consortia_in(CODE, kinds) if c.active_on(day)]


def _consortia_of(
    ctx: ReferralContext, inst: Institution, kinds: frozenset[ConsortiumKind], day: dt.date
) -> list[Consortium]:
    """Wuhu consortia of ``kinds`` that ``inst`` belongs to on ``day``."""
    return sorted(
        (
            c
            for c in ctx.network.consortia_of(inst.id, on=day)
            if c.kind in kinds and code_within(c.division, CODE)
        ),
        key=lambda c: c.id,
    )


def _shuts_out(cons: Consortium, target: Institution) -> bool:
    """Whether ``cons`` states a routing policy that leaves ``target`` out."""
    return (
        cons.routing is not None
        and cons.routing.restricted_to is not None
        and (target.id not in cons.routing.restricted_to)
    )


def _routing_outcome(
    referral: Referral, target: Institution, restricting: list[Consortium], allowed: Label
) -> Outcome:
    """Fail if a routing policy shuts the target out, not assessable if one is unstated."""
    subjects = (referral.id,)
    blocked = [c for c in restricting if _shuts_out(c, target)]
    unstated = [c for c in restricting if c.routing is None]
    if blocked:
        shown = "、".join(c.name for c in blocked)
        return Outcome(
            FindingStatus.FAIL,
            subjects,
            Label(
                f"本次转诊应予允许（{allowed.zh}），但{shown}的转诊限制排除了{target.name}",
                f"the referral must be allowed ({allowed.en}), but the routing policy of {shown} "
                f"shuts out {target.name}",
            ),
        )
    if unstated:
        shown = "、".join(c.name for c in unstated)
        return Outcome(
            FindingStatus.NOT_ASSESSABLE,
            subjects,
            Label(f"{shown}未说明转诊限制", f"{shown} states no routing policy"),
        )
    return Outcome(
        FindingStatus.PASS,
        subjects,
        Label(
            f"可转往{target.name}（{allowed.zh}），未受限制",
            f"may go to {target.name} ({allowed.en}), unrestricted",
        ),
    )


def check_city_free_choice(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """Primary care in a city group may refer to any secondary or higher hospital."""
    day = referral.time.date()
    if not ctx.source.is_primary_care or not is_hospital(ctx.target):
        return
    groups = _consortia_of(ctx, ctx.source, frozenset({CITY}), day)
    if not groups or ctx.target.level is InstitutionLevel.PRIMARY:
        return
    if ctx.target.level is InstitutionLevel.UNRATED:
        yield Outcome(
            FindingStatus.NOT_ASSESSABLE,
            (referral.id,),
            Label(f"{ctx.target.name}未定级，无法判断是否二级以上医院", f"{ctx.target.name} has no grade"),
        )
        return
    yield _routing_outcome(
        referral, ctx.target, groups, Label("二级以上医院", "a secondary or higher hospital")
    )


def check_county_free_choice(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """Primary care in a county community may refer to any community lead of its county."""
    day = referral.time.date()
    if not ctx.source.is_primary_care:
        return
    communities = _consortia_of(ctx, ctx.source, frozenset({COUNTY}), day)
    counties = {c.division for c in communities}
    leads = {
        lead
        for c in _wuhu_consortia(ctx.network, (COUNTY,), day)
        if c.division in counties
        for lead in c.leads
    }
    if ctx.target.id not in leads:
        return
    yield _routing_outcome(
        referral,
        ctx.target,
        communities,
        Label("本县县域医共体牵头医院", "a community lead of the same county"),
    )


def _specialty_key(value: str) -> str:
    return "".join(value.split()).casefold()


def check_specialty_alliance(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """A specialty alliance's lead receives its specialty across consortium boundaries."""
    day = referral.time.date()
    alliances = [
        a
        for a in _wuhu_consortia(ctx.network, (ConsortiumKind.SPECIALTY_ALLIANCE,), day)
        if a.lead == ctx.target.id
    ]
    if not alliances:
        return
    restricting = _consortia_of(ctx, ctx.source, frozenset({CITY, COUNTY}), day)
    if referral.specialty is None or not referral.specialty.strip():
        # Only when a boundary shuts the lead out does the specialty decide the outcome.
        if any(_shuts_out(c, ctx.target) for c in restricting):
            yield Outcome(
                FindingStatus.NOT_ASSESSABLE,
                (referral.id,),
                Label(
                    f"{ctx.target.name}牵头专科联盟，但未记录转诊专科",
                    f"{ctx.target.name} leads a specialty alliance; the referral's specialty is not recorded",
                ),
            )
        return
    wanted = _specialty_key(referral.specialty)
    if not any(a.specialty and _specialty_key(a.specialty) == wanted for a in alliances):
        return
    yield _routing_outcome(
        referral,
        ctx.target,
        restricting,
        Label(f"{referral.specialty}专科联盟牵头医院", f"the lead of the {referral.specialty} alliance"),
    )


def check_urban_rural_priority(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """A city hospital gives priority to referrals from the leads of its paired communities."""
    day = referral.time.date()
    communities = {
        c.id for c in _wuhu_consortia(ctx.network, (COUNTY,), day) if c.lead_on(day) == ctx.source.id
    }
    # The pairing as it stood on the referral's day: links ended, or leads gone, by then do not count.
    paired = any(
        link.target in communities
        for u in _wuhu_consortia(ctx.network, (ConsortiumKind.URBAN_RURAL,), day)
        if u.lead_on(day) == ctx.target.id
        for link in u.links_on(day, PAIRS_WITH)
    )
    if not paired:
        return
    subjects = (referral.id,)
    if referral.priority is True:
        yield Outcome(
            FindingStatus.PASS, subjects, Label("合作医院已优先接收", "the paired hospital gave priority")
        )
    elif referral.priority is False:
        yield Outcome(
            FindingStatus.FAIL,
            subjects,
            Label(
                f"{ctx.target.name}未优先接受合作医共体牵头医院{ctx.source.name}的转诊病人",
                f"{ctx.target.name} gave no priority to a referral from its paired community lead "
                f"{ctx.source.name}",
            ),
        )
    else:
        yield Outcome(
            FindingStatus.NOT_ASSESSABLE,
            subjects,
            Label("未记录是否优先接收", "whether priority was given is not recorded"),
        )


REFERRAL_RULES = (
    ReferralRule(
        "wuhu.referral_city_free_choice",
        Label(
            "城市医联体基层医疗机构可转往二级以上医院，不得限制转往本市其他三级医院",
            "primary care in a city group may refer to any secondary or higher hospital, unrestricted",
        ),
        Strength.MANDATORY,
        cite("四（一）", CITY_REFERRAL_TEXT),
        check_city_free_choice,
    ),
    ReferralRule(
        "wuhu.referral_county_free_choice",
        Label(
            "县域医共体基层医疗机构可转往本县其他县域医共体牵头医院",
            "primary care in a county community may refer to any community lead of its county",
        ),
        Strength.MANDATORY,
        cite("四（二）", COUNTY_REFERRAL_TEXT),
        check_county_free_choice,
    ),
    ReferralRule(
        "wuhu.referral_specialty_alliance",
        Label(
            "专科联盟牵头医院接收相应专科专病不受区域限制",
            "a specialty alliance's lead receives its specialty regardless of consortium boundaries",
        ),
        Strength.MANDATORY,
        cite("四（五）", "专科联盟牵头医院接收相应专科专病不受城市医联体和县域医共体的区域限制。"),
        check_specialty_alliance,
    ),
    ReferralRule(
        "wuhu.referral_urban_rural_priority",
        Label(
            "城市三级医院优先接受合作县域医共体牵头医院的转诊病人",
            "a city tertiary hospital gives priority to referrals from its paired community leads",
        ),
        Strength.MANDATORY,
        cite(
            "四（三）",
            "畅通与合作县域医共体牵头医院之间的双向转诊渠道，优先接受合作县域医共体牵头医院的转诊病人；",
        ),
        check_urban_rural_priority,
    ),
)
