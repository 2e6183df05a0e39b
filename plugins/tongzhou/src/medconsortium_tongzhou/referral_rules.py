"""Referral rules of 通政办发〔2024〕20号 五（一）, applied to each referral.

The patient's own choice (四（一）) is respected: a referral the patient chose is never
reported as a routing failure. Out-of-county care without indication is flagged (a
``fail`` finding), which marks it for control; nothing here blocks a referral.
"""

from __future__ import annotations

from collections.abc import Iterator

from medconsortium import ClinicalPhase
from medconsortium import ConsortiumKind
from medconsortium import Direction
from medconsortium import FindingStatus
from medconsortium import Institution
from medconsortium import Label
from medconsortium import Outcome
from medconsortium import Referral
from medconsortium import ReferralContext
from medconsortium import ReferralRule
from medconsortium import Strength
from medconsortium import code_within
from medconsortium.model.jurisdictions import Level
from medconsortium.model.jurisdictions import level_of_code
from medconsortium.policy.findings import outcome
from medconsortium.policy.findings import verdict

from .document import cite

#: 五大中心: the capabilities (Institution.capabilities) a hospital needs to receive
#: critically ill patients.
FIVE_CENTRES: tuple[tuple[str, Label], ...] = (
    ("chest_pain_centre", Label("胸痛中心", "chest pain centre")),
    ("stroke_centre", Label("卒中中心", "stroke centre")),
    ("trauma_centre", Label("创伤中心", "trauma centre")),
    ("critical_maternal_centre", Label("危重孕产妇救治中心", "critical maternal care centre")),
    ("critical_neonatal_centre", Label("危重新生儿救治中心", "critical neonatal care centre")),
)
FIVE_CENTRE_IDS = frozenset(cid for cid, _ in FIVE_CENTRES)

RECOVERY = frozenset(
    {ClinicalPhase.ACUTE_RECOVERY, ClinicalPhase.POSTOPERATIVE_RECOVERY, ClinicalPhase.CRITICAL_STABLE}
)
NOT_FOR_DOWNWARD = frozenset({ClinicalPhase.ACUTE, ClinicalPhase.CRITICAL})


def _out(status: FindingStatus, referral: Referral, zh: str, en: str) -> Outcome:
    return outcome(status, (referral.id,), Label(zh, en))


def has_five_centres(inst: Institution) -> bool:
    """Whether the institution records all five centres among its capabilities."""
    return inst.capabilities >= FIVE_CENTRE_IDS


def _county(ctx: ReferralContext) -> str:
    """The county the referral starts in: the jurisdiction when it is a county, else the
    source's county code."""
    code = ctx.jurisdiction.code
    if level_of_code(code) is Level.COUNTY and code_within(ctx.source.division, code):
        return code
    return ctx.source.division


def check_critical_routing(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """A critically ill patient goes to a hospital of the district with the five centres.

    Distance is not recorded, so "nearest" is not checked: any such hospital passes.
    """
    if not referral.critical or ctx.direction is Direction.DOWNWARD:
        return
    county = _county(ctx)
    capable = sorted(
        (i for i in ctx.network.institutions_in(county) if has_five_centres(i)), key=lambda i: i.id
    )
    recorded = any(FIVE_CENTRE_IDS & i.capabilities for i in ctx.network.institutions_in(county))
    in_county = code_within(ctx.target.division, county)
    if in_county and has_five_centres(ctx.target):
        yield _out(
            FindingStatus.PASS,
            referral,
            f"转至区内具有“五大中心”功能的{ctx.target.name}",
            f"to {ctx.target.name}, in the district, with the five centres",
        )
    elif not recorded:
        yield _out(
            FindingStatus.NOT_ASSESSABLE,
            referral,
            "区内医院未记录“五大中心”功能",
            "no hospital in the district records the five-centre capability",
        )
    elif referral.patient_choice is True:
        yield _out(
            FindingStatus.PASS,
            referral,
            "患者自主选择转诊去向，予以尊重",
            "the patient chose the destination: respected",
        )
    elif not capable:
        yield _out(
            FindingStatus.NOT_ASSESSABLE,
            referral,
            "区内没有医院具备全部“五大中心”功能",
            "no hospital in the district has all five centres",
        )
    else:
        names = "、".join(i.name for i in capable)
        yield _out(
            FindingStatus.FAIL,
            referral,
            f"危急重症患者未转至区内具有“五大中心”功能的医院（{names}）",
            f"critically ill patient not referred to a district hospital with the five centres ({names})",
        )


def check_out_of_county(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """Care outside the county needs an indication; without one it is flagged."""
    county = _county(ctx)
    if code_within(ctx.target.division, county):
        return
    if referral.out_of_area_indication is True:
        yield _out(FindingStatus.PASS, referral, "县域外就诊有指征", "out-of-county care with an indication")
    elif referral.out_of_area_indication is None:
        yield _out(
            FindingStatus.NOT_ASSESSABLE,
            referral,
            "未记录县域外就诊指征",
            "whether out-of-county care is indicated is not recorded",
        )
    else:
        choice = "（患者自主选择，不阻止就诊，仅标记）" if referral.patient_choice else ""
        choice_en = " (the patient's choice: flagged, not blocked)" if referral.patient_choice else ""
        yield _out(
            FindingStatus.FAIL,
            referral,
            f"无指征县域外就诊{choice}",
            f"out-of-county care without indication{choice_en}",
        )


def _shared_community_led_by(ctx: ReferralContext, lead: str) -> bool:
    """Whether both ends share a county medical community that ``lead`` leads."""
    return any(
        c.kind is ConsortiumKind.COUNTY_MEDICAL_COMMUNITY and c.lead == lead for c in ctx.shared_consortia
    )


def check_green_channel(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """The lead gives members' upward referrals priority reception, examination, admission."""
    if ctx.direction is not Direction.UPWARD or not _shared_community_led_by(ctx, ctx.target.id):
        return
    yield verdict(
        (referral.id,),
        referral.priority,
        passed=("牵头医院已优先接诊、检查、住院", "priority given by the lead"),
        failed=(
            "成员单位上转患者未获牵头医院优先接诊、检查、住院",
            "a member's upward referral got no priority at the lead",
        ),
        unknown=("未记录是否优先接诊", "whether priority was given is not recorded"),
    )


def check_downward_channel(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """The lead refers recovery-phase patients down to members; acute or critical patients
    are not for the downward channel. Chronic-stable and other phases are not this
    sentence's concern."""
    if ctx.direction is not Direction.DOWNWARD or not _shared_community_led_by(ctx, ctx.source.id):
        return
    phase = referral.phase
    if phase is None:
        yield _out(FindingStatus.NOT_ASSESSABLE, referral, "未记录病程阶段", "clinical phase not recorded")
    elif phase in RECOVERY | NOT_FOR_DOWNWARD:
        yield verdict(
            (referral.id,),
            phase in RECOVERY,
            passed=(f"{phase.label.zh}患者经便捷通道下转", f"{phase.label.en} patient referred down"),
            failed=(
                f"{phase.label.zh}患者不属于下转的恢复期、稳定期患者",
                f"a {phase.label.en} patient is not in a recovery or stable phase",
            ),
        )


def check_critical_to_capable(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """A critically ill patient referred up or across goes to an institution of the district
    that can treat them (the five centres of 五（一）), in whichever community it is
    (encouraged: advisory otherwise). The patient's own choice is left alone (四（一））."""
    critical = referral.critical or referral.phase is ClinicalPhase.CRITICAL
    if not critical or ctx.direction is Direction.DOWNWARD or referral.patient_choice:
        return
    target = ctx.target
    if not code_within(target.division, ctx.jurisdiction.code):
        # A failure of an encouraged rule is reported as advisory, never as a failure.
        yield _out(
            FindingStatus.FAIL,
            referral,
            f"危重患者转至区域外的{target.name}",
            f"critical patient sent outside the district, to {target.name}",
        )
    elif not target.capabilities:
        yield _out(
            FindingStatus.NOT_ASSESSABLE,
            referral,
            f"未记录{target.name}的救治能力",
            f"the capabilities of {target.name} are not recorded",
        )
    else:
        yield verdict(
            (referral.id,),
            has_five_centres(target),
            passed=(
                f"危重患者转至区域内有救治能力的{target.name}",
                f"critical patient sent to {target.name}, able to treat",
            ),
            failed=(
                f"危重患者转至不具备“五大中心”的{target.name}",
                f"critical patient sent to {target.name}, without the five centres",
            ),
        )


REFERRAL_RULES = (
    ReferralRule(
        "tongzhou.critical_to_capable",
        Label(
            "鼓励疑难危重患者优先转至区域内有救治能力的医疗机构",
            "critical patients go to a capable institution of the district",
        ),
        Strength.ENCOURAGED,
        cite("四（一）", "疑难危重患者优先转至区域内有救治能力的医疗机构"),
        check_critical_to_capable,
        description=Label(
            "救治能力按五（一）的“五大中心”判断；医共体之间的配合不在数据中",
            "able to treat: the five centres of 五（一）; the communities' cooperation is not in the data",
        ),
    ),
    ReferralRule(
        "tongzhou.critical_routing",
        Label(
            "危急重症患者转至区内具有“五大中心”功能的医院", "critical patients go to a five-centre hospital"
        ),
        Strength.MANDATORY,
        cite("五（一）", "危急重症患者就近转至区域内具有“五大中心”功能的医院，提高区域内诊治率"),
        check_critical_routing,
        description=Label(
            "“五大中心”记为机构能力："
            + "、".join(lb.zh for _, lb in FIVE_CENTRES)
            + "；未记录距离，不判断“就近”",
            "the five centres are institution capabilities: "
            + ", ".join(cid for cid, _ in FIVE_CENTRES)
            + "; distance is not recorded, so 'nearest' is not checked",
        ),
    ),
    ReferralRule(
        "tongzhou.out_of_county_indication",
        Label("严格控制无指征县域外就诊", "out-of-county care without indication is flagged"),
        Strength.MANDATORY,
        cite("五（一）", "严格控制无指征县域外就诊"),
        check_out_of_county,
    ),
    ReferralRule(
        "tongzhou.upward_green_channel",
        Label("向上转诊“绿色通道”", "upward green channel at the lead"),
        Strength.MANDATORY,
        cite(
            "五（一）",
            "牵头医院为县域医共体成员单位转诊患者提供优先接诊、优先检查、优先住院等“一站式”服务",
        ),
        check_green_channel,
    ),
    ReferralRule(
        "tongzhou.downward_channel",
        Label("向下转诊“便捷通道”", "downward channel for recovery-phase patients"),
        Strength.MANDATORY,
        cite(
            "五（一）",
            "牵头医院主动将急性病恢复期患者、术后恢复期患者及危重病稳定期患者及时转诊至成员单位继续治疗和康复",
        ),
        check_downward_channel,
    ),
)
