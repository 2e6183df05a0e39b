"""Two-way referrals (双向转诊): the referral record and its direction (the rules about
referrals are in :mod:`medconsortium.policy.referral_rules`).

Patients appear only as pseudonymous keys. A key that looks like a resident identity
number (居民身份证号) or a mobile number, also in disguise (see :mod:`medconsortium.model.privacy`),
is refused, so such numbers never enter the library.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re

import attrs

from .checks import optional_enum_of
from .institutions import Institution
from .labels import Label
from .privacy import personal_number


@functools.cache
def _resident_id() -> re.Pattern[str]:
    # 18-digit resident ID (last character may be X) or the old 15-digit form. Compiled on
    # first use, not at import: every command imports this module, few read a referral.
    return re.compile(r"^(\d{17}[\dXx]|\d{15})$")


def looks_like_resident_id(key: str) -> bool:
    """Whether a patient key looks like a resident identity number.

    >>> looks_like_resident_id("11010519491231002X"), looks_like_resident_id("p-7f3a9c")
    (True, False)
    """
    return bool(_resident_id().match(key.strip()))


def _pseudonymous(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise ValueError("the patient key is empty")
    kind = "resident ID number" if looks_like_resident_id(value) else personal_number(value)
    if kind is not None:
        # The message never repeats the key: it would put the number in a log.
        raise ValueError(f"the patient key looks like a {kind}; use a pseudonymous key")


class Direction(enum.Enum):
    """上转 / 下转 / 平转, derived from the two institutions, never taken from input."""

    # By identity, as InstitutionType's: referral rules look their verdicts up by the
    # direction of every referral of a batch, and Enum's own __hash__ is a Python call.
    __hash__ = object.__hash__

    UPWARD = "upward"
    DOWNWARD = "downward"
    LATERAL = "lateral"

    @property
    def label(self) -> Label:
        return _DIRECTION_LABELS[self]


_DIRECTION_LABELS = {
    Direction.UPWARD: Label("上转", "upward"),
    Direction.DOWNWARD: Label("下转", "downward"),
    Direction.LATERAL: Label("平转", "lateral"),
}


class ClinicalPhase(enum.Enum):
    """The patient's phase, which decides downward eligibility."""

    # By identity, as Direction's: the downward rule looks up every referral's phase.
    __hash__ = object.__hash__

    ACUTE_RECOVERY = "acute_recovery"
    POSTOPERATIVE_RECOVERY = "postoperative_recovery"
    CRITICAL_STABLE = "critical_stable"
    CHRONIC_STABLE = "chronic_stable"
    ACUTE = "acute"
    CRITICAL = "critical"
    OTHER = "other"

    @property
    def label(self) -> Label:
        # A module-level table: rules read labels for every referral checked.
        return _PHASE_LABELS[self]


_PHASE_LABELS = {
    ClinicalPhase.ACUTE_RECOVERY: Label("急性病恢复期", "acute-illness recovery"),
    ClinicalPhase.POSTOPERATIVE_RECOVERY: Label("术后恢复期", "post-operative recovery"),
    ClinicalPhase.CRITICAL_STABLE: Label("危重症稳定期", "critical-illness stable phase"),
    ClinicalPhase.CHRONIC_STABLE: Label("慢性病稳定期", "stable chronic disease"),
    ClinicalPhase.ACUTE: Label("急性期", "acute"),
    ClinicalPhase.CRITICAL: Label("危重症", "critical"),
    ClinicalPhase.OTHER: Label("其他", "other"),
}


RECOVERY_PHASES = frozenset(
    {
        ClinicalPhase.ACUTE_RECOVERY,
        ClinicalPhase.POSTOPERATIVE_RECOVERY,
        ClinicalPhase.CRITICAL_STABLE,
    }
)


@attrs.frozen
class Contract:
    """A family-doctor contract (家庭医生签约): the primary care institution, and for a
    "1+1+1" combined contract the secondary and tertiary hospitals."""

    primary: str
    secondary: str | None = None
    tertiary: str | None = None


@attrs.frozen
class Prescription:
    """A prescription given with a downward referral: days of supply, and whether the
    long-prescription conditions hold (diagnosis clear, condition stable, adherence good)."""

    days: int
    conditions_met: bool | None = None


def direction_between(source: Institution, target: Institution) -> Direction:
    """Upward to a more senior institution, downward to a less senior one, else lateral."""
    if target.seniority > source.seniority:
        return Direction.UPWARD
    if target.seniority < source.seniority:
        return Direction.DOWNWARD
    return Direction.LATERAL


@attrs.frozen
class Referral:
    """One referral of one patient from one institution to another.

    ``priority``: whether the receiving institution gave priority reception, examination
    and admission (the green channel). ``patient_choice``: the patient chose the target
    institution. ``out_of_area_indication``: a referral out of the county has a medical
    indication for it. ``reserved_resource``: an upward referral used resources the
    receiving hospital reserves for referrals (specialist appointment slots, inpatient
    beds, booked examinations). ``accepted``: the receiving institution's answer to the
    request (接收): True accepted, False refused; the readers also take it from the
    workflow's dated steps (``accepted_at``, ``rejected_at``). None means not recorded.
    """

    id: str
    patient: str = attrs.field(validator=_pseudonymous, repr=False)
    from_institution: str
    to_institution: str
    time: dt.datetime
    reason: str | None = None
    phase: ClinicalPhase | None = attrs.field(default=None, validator=optional_enum_of(ClinicalPhase))
    critical: bool = False
    specialty: str | None = None
    contract: Contract | None = None
    pooling_area: str | None = None
    prescription: Prescription | None = None
    priority: bool | None = None
    patient_choice: bool | None = None
    out_of_area_indication: bool | None = None
    reserved_resource: bool | None = None
    accepted: bool | None = None

    def __attrs_post_init__(self) -> None:
        if self.from_institution == self.to_institution:
            raise ValueError("a referral cannot go from an institution to itself")
