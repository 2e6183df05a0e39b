"""Referral rules of 临政办发〔2017〕60号: the green channel, downward referral, family-doctor contracts,
priority for contracted patients, long prescriptions and the insurance treatment.

Long prescriptions: the text allows "不超过2个月用药量". A month is read as 30 days, the
usual dispensing convention, so a supply of more than :data:`LONG_PRESCRIPTION_MAX_DAYS`
(60) days is flagged. A prescription recorded on a referral is taken to be the
long-prescription service of the family doctor (see ``medconsortium.Prescription``).

Medical insurance: the text gives no reimbursement ratio. :func:`insurance_treatment`
exposes the flags (continuous deductible, reduced reimbursement); no ratio is computed.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
from medconsortium import ClinicalPhase
from medconsortium import Direction
from medconsortium import FindingStatus
from medconsortium import InstitutionLevel
from medconsortium import Label
from medconsortium import Outcome
from medconsortium import Referral
from medconsortium import ReferralContext
from medconsortium import ReferralRule
from medconsortium import Strength
from medconsortium import code_within
from medconsortium.model.jurisdictions import is_division_code
from medconsortium.model.referrals import RECOVERY_PHASES
from medconsortium.policy.findings import outcome
from medconsortium.policy.findings import verdict
from medconsortium.policy.helpers import green_channel

from .document import cite

#: "不超过2个月用药量": two months of 30 days. More than this many days is flagged.
LONG_PRESCRIPTION_MAX_DAYS = 60

#: Downward phases that count as "符合规定" for insurance: the three of 四（四）1, and the
#: stable chronic patient, because 四（三）2 has members receive "稳定期、康复期患者".
COMPLIANT_DOWNWARD = RECOVERY_PHASES | {ClinicalPhase.CHRONIC_STABLE}


def _outcome(status: FindingStatus, referral: Referral, zh: str, en: str, **kw: str | None) -> Outcome:
    return outcome(status, (referral.id,), Label(zh, en), **kw)


# -- downward referral ------------------------------------------------------------------------
def check_downward_phase(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """Downward referrals are for the three phases 四（四）1 names. A stable chronic patient
    is left to the national rule (the Linyi sentence does not name it)."""
    if ctx.direction is not Direction.DOWNWARD:
        return
    phase = referral.phase
    if phase is None:
        yield _outcome(
            FindingStatus.NOT_ASSESSABLE,
            referral,
            "未记录病程阶段",
            "clinical phase not recorded",
        )
    elif phase in RECOVERY_PHASES:
        yield _outcome(
            FindingStatus.PASS, referral, f"{phase.label.zh}患者下转", f"{phase.label.en}: referred down"
        )
    elif phase is not ClinicalPhase.CHRONIC_STABLE:
        yield _outcome(
            FindingStatus.FAIL,
            referral,
            f"{phase.label.zh}患者不属于应下转的恢复期、稳定期患者",
            f"{phase.label.en} is not a recovery or stable phase for downward referral",
        )


# -- family-doctor contracts --------------------------------------------------------------------
def contract_form(referral: Referral) -> str | None:
    """``"1+1+1"``, ``"1+1"``, or None for a plain contract (or none)."""
    contract = referral.contract
    if contract is None:
        return None
    hospitals = [h for h in (contract.secondary, contract.tertiary) if h is not None]
    return {0: None, 1: "1+1", 2: "1+1+1"}[len(hospitals)]


def check_contract(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """A "1+1"/"1+1+1" contract names a primary care institution, a secondary and/or a
    tertiary hospital, each hospital in a consortium with the primary care institution."""
    form = contract_form(referral)
    contract = referral.contract
    if form is None or contract is None:
        return
    net = ctx.network
    named = [
        ("primary", contract.primary),
        ("secondary", contract.secondary),
        ("tertiary", contract.tertiary),
    ]
    unknown = sorted(i for _, i in named if i is not None and net.get_institution(i) is None)
    if unknown:
        yield _outcome(
            FindingStatus.NOT_ASSESSABLE,
            referral,
            "签约机构不在网络中：" + "、".join(unknown),
            "contract institutions not in the network: " + ", ".join(unknown),
        )
        return
    day = referral.time.date()
    primary = net.institution(contract.primary)
    problems: list[Label] = []
    if not primary.is_primary_care:
        problems.append(
            Label(f"{primary.name}不是基层医疗卫生机构", f"{primary.name} is not a primary care institution")
        )
    wanted = (
        (contract.secondary, InstitutionLevel.SECONDARY),
        (contract.tertiary, InstitutionLevel.TERTIARY),
    )
    primary_consortia = {c.id for c in net.consortia_of(primary.id, on=day)}
    for hospital_id, level in wanted:
        if hospital_id is None:
            continue
        hospital = net.institution(hospital_id)
        if hospital.is_primary_care or hospital.level is not level:
            problems.append(
                Label(f"{hospital.name}不是{level.label.zh}", f"{hospital.name} is not a {level.label.en}")
            )
        if not primary_consortia & {c.id for c in net.consortia_of(hospital.id, on=day)}:
            problems.append(
                Label(
                    f"{hospital.name}与{primary.name}不在同一医联体",
                    f"{hospital.name} and {primary.name} share no consortium",
                )
            )
    if problems:
        yield _outcome(
            FindingStatus.FAIL,
            referral,
            f"“{form}”组合签约不符合：" + "；".join(p.zh for p in problems),
            f"'{form}' contract: " + "; ".join(p.en for p in problems),
        )
    else:
        yield _outcome(
            FindingStatus.PASS,
            referral,
            f"“{form}”组合签约，机构级别相符且同属医联体",
            f"'{form}' contract with institutions of the right levels in a shared consortium",
        )


def check_contracted_priority(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """A contracted patient referred to a hospital of the contract or of a shared
    consortium gets priority reception, examination and admission."""
    contract = referral.contract
    if contract is None or ctx.target.is_primary_care:
        return
    if not (ctx.within_consortium or ctx.target.id in (contract.secondary, contract.tertiary)):
        return
    yield verdict(
        (referral.id,),
        referral.priority,
        passed=("签约患者获优先服务", "contracted patient given priority"),
        failed=(
            "签约患者未获优先接诊、优先检查、优先住院",
            "contracted patient given no priority reception, examination or admission",
        ),
        unknown=("未记录是否优先", "whether priority was given is not recorded"),
    )


# -- long prescriptions ----------------------------------------------------------------------------
def check_long_prescription(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """At most 60 days' supply, for a contracted patient meeting the three conditions."""
    rx = referral.prescription
    if rx is None:
        return
    limit = f"<= {LONG_PRESCRIPTION_MAX_DAYS}"
    if rx.days > LONG_PRESCRIPTION_MAX_DAYS:
        yield _outcome(
            FindingStatus.FAIL,
            referral,
            f"用药量{rx.days}天，超过2个月（按{LONG_PRESCRIPTION_MAX_DAYS}天计）",
            f"{rx.days} days' supply exceeds 2 months (read as {LONG_PRESCRIPTION_MAX_DAYS} days)",
            measured=str(rx.days),
            expected=limit,
        )
    elif referral.contract is None:
        yield _outcome(
            FindingStatus.NOT_ASSESSABLE,
            referral,
            "未记录家庭医生签约，无法判断是否签约患者",
            "no family-doctor contract recorded: whether the patient is contracted is unknown",
        )
    elif rx.conditions_met is None:
        yield _outcome(
            FindingStatus.NOT_ASSESSABLE,
            referral,
            "未记录是否诊断明确、病情稳定、依从性好",
            "whether diagnosis is clear, condition stable and adherence good is not recorded",
        )
    elif rx.conditions_met is False:
        yield _outcome(
            FindingStatus.FAIL,
            referral,
            "患者不符合诊断明确、病情稳定、依从性好的长处方条件",
            "the patient does not meet the long-prescription conditions",
        )
    else:
        yield _outcome(
            FindingStatus.PASS,
            referral,
            f"签约患者长处方{rx.days}天，未超过2个月",
            f"contracted patient, {rx.days} days' supply, within 2 months",
            measured=str(rx.days),
            expected=limit,
        )


# -- medical insurance --------------------------------------------------------------------------------
@attrs.frozen
class InsuranceTreatment:
    """How 五（二） treats one two-way referral. None: unknown from the record.

    ``compliant``: referred as the rules say (upward, or downward in a recovery or stable
    phase). ``in_pooling_area``: both institutions lie in the patient's pooling area.
    """

    compliant: bool | None
    within_consortium: bool
    in_pooling_area: bool | None

    @property
    def continuous_deductible(self) -> bool | None:
        """起付线连续计算 and simplified procedures: compliant, in a consortium, in the pool."""
        if self.compliant is False or not self.within_consortium or self.in_pooling_area is False:
            return False
        if self.compliant is None or self.in_pooling_area is None:
            return None
        return True

    @property
    def reduced_reimbursement(self) -> bool | None:
        """不按规定转诊的，应降低报销比例. The text gives no ratio, so this is only the flag."""
        return None if self.compliant is None else not self.compliant


def insurance_treatment(referral: Referral, ctx: ReferralContext) -> InsuranceTreatment | None:
    """The insurance flags of a two-way referral; None for a lateral referral."""
    if ctx.direction is Direction.LATERAL:
        return None
    compliant: bool | None
    if ctx.direction is Direction.UPWARD:
        compliant = True
    elif referral.phase is None:
        compliant = None
    else:
        compliant = referral.phase in COMPLIANT_DOWNWARD
    pool = referral.pooling_area
    in_pool: bool | None = None
    if pool is not None and is_division_code(pool):
        in_pool = code_within(ctx.source.division, pool) and code_within(ctx.target.division, pool)
    return InsuranceTreatment(compliant, ctx.within_consortium, in_pool)


def check_insurance(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    """Fail: reimbursement to be reduced. Pass: no reduction (and whether the deductible
    runs on). Not assessable: compliance or the pooling area unknown."""
    treatment = insurance_treatment(referral, ctx)
    if treatment is None:
        return
    deductible = treatment.continuous_deductible
    if treatment.reduced_reimbursement:
        yield _outcome(
            FindingStatus.FAIL,
            referral,
            "不按规定转诊，应降低报销比例（文件未规定比例）",
            "referral not as the rules say: the reimbursement ratio is to be lowered (no ratio given)",
            measured="reduced_reimbursement",
        )
    elif treatment.compliant is None:
        yield _outcome(
            FindingStatus.NOT_ASSESSABLE,
            referral,
            "未记录病程阶段，无法判断是否按规定转诊",
            "clinical phase not recorded: compliance unknown",
        )
    elif deductible is None:
        yield _outcome(
            FindingStatus.NOT_ASSESSABLE,
            referral,
            "未记录统筹地区，无法判断起付线是否连续计算",
            "pooling area not recorded: whether the deductible runs on is unknown",
        )
    elif deductible:
        yield _outcome(
            FindingStatus.PASS,
            referral,
            "医联体内统筹地区内按规定双向转诊：起付线连续计算，简化转诊、报销手续",
            "compliant referral in a consortium and the pooling area: "
            "continuous deductible, simplified procedures",
            measured="continuous_deductible",
        )
    else:
        where = "不在同一医联体" if not treatment.within_consortium else "跨统筹地区"
        where_en = (
            "outside a shared consortium" if not treatment.within_consortium else "across pooling areas"
        )
        yield _outcome(
            FindingStatus.PASS,
            referral,
            f"按规定转诊，不降低报销比例；{where}，起付线不连续计算",
            f"compliant: no reduction; {where_en}, so the deductible does not run on",
            measured="no_continuous_deductible",
        )


REFERRAL_RULES = (
    ReferralRule(
        "linyi.green_channel",
        Label("医联体内部双向转诊绿色通道", "a two-way referral green channel within the consortium"),
        Strength.MANDATORY,
        cite("四（四）1", "建立医联体内部双向转诊绿色通道"),
        green_channel,
        description=Label(
            "绿色通道按接收方优先接诊（priority）检查，上转和下转均检查",
            "the green channel is read as priority at the receiving institution, both ways",
        ),
    ),
    ReferralRule(
        "linyi.downward_phase",
        Label(
            "急性病恢复期、术后恢复期、危重症稳定期患者及时下转",
            "acute-illness recovery, post-operative recovery and critical-illness stable patients go down",
        ),
        Strength.MANDATORY,
        cite(
            "四（四）1",
            "将急性病恢复期患者、术后恢复期患者及危重症稳定期患者及时转诊至下级医疗机构继续治疗和康复",
        ),
        check_downward_phase,
    ),
    ReferralRule(
        "linyi.contract_form",
        Label("“1+1”或“1+1+1”组合签约", "'1+1' or '1+1+1' combined family-doctor contracts"),
        Strength.ENCOURAGED,
        cite(
            "四（四）2",
            "提倡发展基层医疗卫生机构与二级医院及三级医院之间的“1+1”或“1+1+1”组合签约模式",
        ),
        check_contract,
    ),
    ReferralRule(
        "linyi.contracted_priority",
        Label(
            "签约患者优先接诊、优先检查、优先住院",
            "priority reception, examination and admission for contracted patients",
        ),
        Strength.MANDATORY,
        cite("四（四）2", "对签约患者提供优先接诊、优先检查、优先住院等服务"),
        check_contracted_priority,
    ),
    ReferralRule(
        "linyi.long_prescription",
        Label("长处方不超过2个月用药量", "long prescriptions of at most 2 months' supply"),
        Strength.PERMITTED,
        cite(
            "四（四）2",
            "对诊断明确、病情稳定、依从性好的慢性病签约患者，在家庭医生处就诊可提供不超过2个月用药量的长处方服务。",
        ),
        check_long_prescription,
        description=Label(
            "2个月按60天计，超过60天即标记", "2 months is read as 60 days; more than 60 days is flagged"
        ),
    ),
    ReferralRule(
        "linyi.referral_insurance",
        Label("按规定双向转诊起付线连续计算", "continuous deductible for compliant two-way referrals"),
        Strength.MANDATORY,
        cite(
            "五（二）",
            "医联体内符合规定的双向转诊病人，统筹地区内可按院内转科政策简化医保转诊、报销手续，"
            "双向转诊起付线应连续计算；不按规定转诊的，应降低报销比例。",
        ),
        check_insurance,
        description=Label(
            "文件未规定降低后的报销比例，只标记，不计算", "the text gives no ratio: flagged, never computed"
        ),
    ),
)
