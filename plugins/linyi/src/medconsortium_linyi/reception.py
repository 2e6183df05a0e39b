"""四（三） 职责分工 of 临政办发〔2017〕60号: who receives the referrals of a consortium.

The lead receives the difficult and critical patients its lower members refer up
(四（三）1 上转接收) and the members receive the stable and recovering patients the higher
institutions refer down (四（三）2 下转接收), both within the consortium (医联体内). The
receiving institution's answer is :attr:`medconsortium.Referral.accepted`: refused fails,
not recorded is not assessable, never a pass.

The data mark no case as 疑难 (difficult); an upward referral is the lead's to receive when
the patient is recorded as critically ill (``critical`` or the phase ``critical``). A
downward referral is the member's to receive in the phases 稳定期、康复期 name (the three
recovery phases and stable chronic disease); a refused acute patient is not a breach of it.

>>> [r.id for r in RULES]
['linyi.upward_reception', 'linyi.downward_reception']
"""

from __future__ import annotations

from collections.abc import Iterator

from medconsortium import ClinicalPhase
from medconsortium import Direction
from medconsortium import FindingStatus
from medconsortium import Label
from medconsortium import Outcome
from medconsortium import Referral
from medconsortium import ReferralContext
from medconsortium import ReferralRule
from medconsortium import Strength
from medconsortium.policy.findings import verdict

from .document import cite
from .referral_rules import COMPLIANT_DOWNWARD

_NOT_RECORDED = ("未记录接收方是否接收", "whether the receiving institution accepted it is not recorded")


def _led_by_target(referral: Referral, ctx: ReferralContext) -> bool:
    day = referral.time.date()
    return any(c.lead_on(day) == ctx.target.id for c in ctx.shared_consortia)


def check_upward_reception(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """A critically ill patient referred up to the lead of a consortium the sender belongs
    to is accepted by the lead."""
    critical = referral.critical or referral.phase is ClinicalPhase.CRITICAL
    if ctx.direction is not Direction.UPWARD or not critical or not _led_by_target(referral, ctx):
        return
    yield verdict(
        (referral.id,),
        referral.accepted,
        passed=(
            "牵头医院接收医联体内下级机构上转的危重患者",
            "the lead accepted a critical patient referred up",
        ),
        failed=(
            "牵头医院拒绝接收医联体内下级机构上转的危重患者",
            "the lead refused a critical patient referred up by a lower member",
        ),
        unknown=_NOT_RECORDED,
    )


def check_downward_reception(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """A patient in a stable or recovery phase referred down within a consortium is
    accepted by the member; with the phase not recorded, whether the duty applies is unknown."""
    if ctx.direction is not Direction.DOWNWARD or not ctx.within_consortium:
        return
    phase = referral.phase
    if phase is not None and phase not in COMPLIANT_DOWNWARD:
        return
    if phase is None and referral.accepted is not True:
        # Accepted settles it whatever the phase; refused or not recorded, the duty may not apply.
        yield Outcome(
            FindingStatus.NOT_ASSESSABLE,
            (referral.id,),
            Label(
                "未记录病程阶段，无法判断是否应接收",
                "clinical phase not recorded: whether it was due is unknown",
            ),
        )
        return
    yield verdict(
        (referral.id,),
        referral.accepted,
        passed=("成员单位接收下转的稳定期、康复期患者", "the member accepted a stable or recovering patient"),
        failed=(
            "成员单位拒绝接收医联体内上级机构下转的稳定期、康复期患者",
            "the member refused a stable or recovering patient referred down within the consortium",
        ),
        unknown=_NOT_RECORDED,
    )


RULES = (
    ReferralRule(
        "linyi.upward_reception",
        Label(
            "牵头医院接收医联体内下级医疗机构上转的疑难危重患者",
            "the lead receives critical patients referred up",
        ),
        Strength.MANDATORY,
        cite("四（三）1", "负责医联体内下级医疗机构疑难危重疾病患者的会诊、上转接收工作；"),
        check_upward_reception,
        description=Label(
            "数据不标记“疑难”，只检查记录为危重的患者；会诊不在数据中",
            "the data mark no case as difficult: only patients recorded as critical are checked; "
            "consultations are not in the data",
        ),
    ),
    ReferralRule(
        "linyi.downward_reception",
        Label(
            "成员单位接收医联体内上级医疗机构下转的稳定期、康复期患者",
            "members receive stable and recovering patients referred down",
        ),
        Strength.MANDATORY,
        cite("四（三）2", "负责医联体内上级医疗机构稳定期、康复期患者的下转接收工作；"),
        check_downward_reception,
        description=Label(
            "稳定期、康复期：三种恢复期及慢性病稳定期",
            "stable and recovery phases: the three recovery phases and stable chronic disease",
        ),
    ),
)
