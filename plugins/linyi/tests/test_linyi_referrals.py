"""Referral rules of 临政办发〔2017〕60号 and the insurance flags."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from medconsortium import ClinicalPhase
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Contract
from medconsortium import Finding
from medconsortium import FindingStatus
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Jurisdiction
from medconsortium import MemberRole
from medconsortium import Membership
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Prescription
from medconsortium import Referral
from medconsortium import ReferralContext
from medconsortium import Registry
from medconsortium import check_referral
from medconsortium.model.referrals import direction_between
from medconsortium_linyi.referral_rules import LONG_PRESCRIPTION_MAX_DAYS
from medconsortium_linyi.referral_rules import contract_form
from medconsortium_linyi.referral_rules import insurance_treatment

T = InstitutionType
L = InstitutionLevel


def inst(id: str, type: InstitutionType, level: InstitutionLevel, division: str) -> Institution:
    return Institution(id, f"示例{id}", level, type, Ownership.GOVERNMENT, division)


# One consortium in 莒南县 (thc, h2, h3); a tertiary hospital outside it; a township health
# centre of another consortium in 兰陵县.
NETWORK = Network(
    (
        inst("thc", T.TOWNSHIP_HEALTH_CENTRE, L.UNRATED, "371327"),
        inst("h2", T.GENERAL_HOSPITAL, L.SECONDARY, "371327"),
        inst("h3", T.GENERAL_HOSPITAL, L.TERTIARY, "371327"),
        inst("out3", T.GENERAL_HOSPITAL, L.TERTIARY, "371302"),
        inst("ll-thc", T.TOWNSHIP_HEALTH_CENTRE, L.UNRATED, "371324"),
        inst("ll-h2", T.COUNTY_HOSPITAL, L.SECONDARY, "371324"),
    ),
    (
        Consortium(
            "jn",
            "示例莒南县医联体",
            ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
            "371327",
            (Membership("h3", MemberRole.LEAD), Membership("h2"), Membership("thc"), Membership("ll-h2")),
        ),
    ),
)


def referral(source: str, target: str, **fields: Any) -> Referral:
    return Referral("r-1", "p-7f3a9c", source, target, dt.datetime(2018, 5, 6, 9, 30), **fields)


def findings(registry: Registry, linyi: Jurisdiction, ref: Referral, rule: str) -> list[Finding]:
    return [f for f in check_referral(ref, NETWORK, registry, linyi) if f.rule == rule]


def status(registry: Registry, linyi: Jurisdiction, ref: Referral, rule: str) -> FindingStatus | None:
    """The rule's one status for the referral, or None when it says nothing."""
    found = findings(registry, linyi, ref, rule)
    assert len(found) <= 1, found
    for f in found:
        assert f.subjects == (ref.id,)
    return found[0].status if found else None


def context(ref: Referral, jurisdiction: Jurisdiction) -> ReferralContext:
    source, target = NETWORK.institution(ref.from_institution), NETWORK.institution(ref.to_institution)
    day = ref.time.date()
    shared = tuple(
        c for c in NETWORK.consortia_of(source.id, on=day) if c in NETWORK.consortia_of(target.id, on=day)
    )
    return ReferralContext(NETWORK, jurisdiction, source, target, direction_between(source, target), shared)


# -- linyi.downward_phase ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        (ClinicalPhase.ACUTE_RECOVERY, FindingStatus.PASS),
        (ClinicalPhase.POSTOPERATIVE_RECOVERY, FindingStatus.PASS),
        (ClinicalPhase.CRITICAL_STABLE, FindingStatus.PASS),
        (ClinicalPhase.ACUTE, FindingStatus.FAIL),
        (None, FindingStatus.NOT_ASSESSABLE),
        # Left to the national rule: the Linyi sentence does not name it.
        (ClinicalPhase.CHRONIC_STABLE, None),
    ],
)
def test_downward_phase(
    registry: Registry, linyi: Jurisdiction, phase: ClinicalPhase | None, expected: FindingStatus | None
) -> None:
    assert status(registry, linyi, referral("h3", "thc", phase=phase), "linyi.downward_phase") is expected


def test_downward_phase_ignores_upward_referrals(registry: Registry, linyi: Jurisdiction) -> None:
    up = referral("thc", "h3", phase=ClinicalPhase.ACUTE)
    assert status(registry, linyi, up, "linyi.downward_phase") is None


# -- linyi.contract_form ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("contract", "expected"),
    [
        (Contract("thc", "h2", "h3"), FindingStatus.PASS),
        (Contract("thc", secondary="h2"), FindingStatus.PASS),
        (Contract("thc", tertiary="h3"), FindingStatus.PASS),
        # The secondary slot holds a tertiary hospital.
        (Contract("thc", "h3"), FindingStatus.ADVISORY),
        # The tertiary hospital is outside the consortium.
        (Contract("thc", "h2", "out3"), FindingStatus.ADVISORY),
        # The "primary" party is a hospital.
        (Contract("h2", tertiary="h3"), FindingStatus.ADVISORY),
        # A hospital of the contract is not in the network.
        (Contract("thc", "h2", "nowhere"), FindingStatus.NOT_ASSESSABLE),
        # A plain contract is no combined contract: nothing to say.
        (Contract("thc"), None),
    ],
)
def test_contract_form(
    registry: Registry, linyi: Jurisdiction, contract: Contract, expected: FindingStatus | None
) -> None:
    ref = referral("thc", "h2", contract=contract)
    assert status(registry, linyi, ref, "linyi.contract_form") is expected


def test_contract_form_names_the_form() -> None:
    assert contract_form(referral("thc", "h2", contract=Contract("thc", "h2", "h3"))) == "1+1+1"
    assert contract_form(referral("thc", "h2", contract=Contract("thc", tertiary="h3"))) == "1+1"
    assert contract_form(referral("thc", "h2")) is None


def test_contract_outside_the_consortium_is_explained(registry: Registry, linyi: Jurisdiction) -> None:
    ref = referral("thc", "h2", contract=Contract("thc", "h2", "out3"))
    [finding] = findings(registry, linyi, ref, "linyi.contract_form")
    assert "不在同一医联体" in finding.message.zh
    assert "p-7f3a9c" not in finding.message.zh + finding.message.en


# -- linyi.contracted_priority -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("priority", "expected"),
    [(True, FindingStatus.PASS), (False, FindingStatus.FAIL), (None, FindingStatus.NOT_ASSESSABLE)],
)
def test_contracted_priority(
    registry: Registry, linyi: Jurisdiction, priority: bool | None, expected: FindingStatus
) -> None:
    ref = referral("thc", "h3", contract=Contract("thc"), priority=priority)
    assert status(registry, linyi, ref, "linyi.contracted_priority") is expected


def test_contracted_priority_at_a_contract_hospital_outside_the_consortium(
    registry: Registry, linyi: Jurisdiction
) -> None:
    ref = referral("thc", "out3", contract=Contract("thc", tertiary="out3"), priority=False)
    assert status(registry, linyi, ref, "linyi.contracted_priority") is FindingStatus.FAIL


@pytest.mark.parametrize(
    "ref",
    [
        referral("thc", "h3", priority=False),  # not a contracted patient
        referral("h3", "thc", contract=Contract("thc"), priority=False),  # received at primary care
        referral("thc", "out3", contract=Contract("thc"), priority=False),  # unrelated hospital
    ],
)
def test_contracted_priority_does_not_concern(registry: Registry, linyi: Jurisdiction, ref: Referral) -> None:
    assert status(registry, linyi, ref, "linyi.contracted_priority") is None


# -- linyi.long_prescription -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("days", "conditions", "contract", "expected"),
    [
        (LONG_PRESCRIPTION_MAX_DAYS, True, Contract("thc"), FindingStatus.PASS),
        (LONG_PRESCRIPTION_MAX_DAYS + 1, True, Contract("thc"), FindingStatus.ADVISORY),
        (90, None, None, FindingStatus.ADVISORY),
        (30, False, Contract("thc"), FindingStatus.ADVISORY),
        (30, None, Contract("thc"), FindingStatus.NOT_ASSESSABLE),
        (30, True, None, FindingStatus.NOT_ASSESSABLE),
    ],
)
def test_long_prescription(
    registry: Registry,
    linyi: Jurisdiction,
    days: int,
    conditions: bool | None,
    contract: Contract | None,
    expected: FindingStatus,
) -> None:
    ref = referral(
        "h3",
        "thc",
        phase=ClinicalPhase.CHRONIC_STABLE,
        prescription=Prescription(days, conditions),
        contract=contract,
    )
    assert status(registry, linyi, ref, "linyi.long_prescription") is expected


def test_long_prescription_reads_two_months_as_sixty_days(registry: Registry, linyi: Jurisdiction) -> None:
    assert LONG_PRESCRIPTION_MAX_DAYS == 60
    ref = referral("h3", "thc", prescription=Prescription(61, True), contract=Contract("thc"))
    [finding] = findings(registry, linyi, ref, "linyi.long_prescription")
    assert (finding.measured, finding.expected) == ("61", "<= 60")


def test_no_prescription_no_finding(registry: Registry, linyi: Jurisdiction) -> None:
    assert (
        status(registry, linyi, referral("h3", "thc", contract=Contract("thc")), "linyi.long_prescription")
        is None
    )


# -- linyi.referral_insurance --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("ref", "expected", "continuous", "reduced"),
    [
        # Upward inside the consortium and the pooling area (the city).
        (referral("thc", "h3", pooling_area="371300"), FindingStatus.PASS, True, False),
        # Compliant downward referral, pooling area of the county.
        (
            referral("h3", "thc", phase=ClinicalPhase.CHRONIC_STABLE, pooling_area="371327"),
            FindingStatus.PASS,
            True,
            False,
        ),
        # Downward in the acute phase: not as the rules say.
        (
            referral("h3", "thc", phase=ClinicalPhase.ACUTE, pooling_area="371300"),
            FindingStatus.FAIL,
            False,
            True,
        ),
        # Pooling area not recorded.
        (referral("thc", "h3"), FindingStatus.NOT_ASSESSABLE, None, False),
        # Phase not recorded on a downward referral.
        (referral("h3", "thc", pooling_area="371300"), FindingStatus.NOT_ASSESSABLE, None, None),
        # Across pooling areas (the hospital of 兰陵县 is in the 莒南 consortium).
        (referral("thc", "ll-h2", pooling_area="371327"), FindingStatus.PASS, False, False),
        # Outside any shared consortium.
        (referral("thc", "out3", pooling_area="371300"), FindingStatus.PASS, False, False),
    ],
)
def test_referral_insurance(
    registry: Registry,
    linyi: Jurisdiction,
    ref: Referral,
    expected: FindingStatus,
    continuous: bool | None,
    reduced: bool | None,
) -> None:
    assert status(registry, linyi, ref, "linyi.referral_insurance") is expected
    treatment = insurance_treatment(ref, context(ref, linyi))
    assert treatment is not None
    assert (treatment.continuous_deductible, treatment.reduced_reimbursement) == (continuous, reduced)


def test_insurance_flag_carries_no_ratio(registry: Registry, linyi: Jurisdiction) -> None:
    ref = referral("h3", "thc", phase=ClinicalPhase.ACUTE, pooling_area="371300")
    [finding] = findings(registry, linyi, ref, "linyi.referral_insurance")
    assert finding.measured == "reduced_reimbursement"
    assert "%" not in finding.message.zh + finding.message.en


def test_lateral_referrals_are_not_two_way(registry: Registry, linyi: Jurisdiction) -> None:
    ref = referral("thc", "ll-thc", pooling_area="371300")
    assert status(registry, linyi, ref, "linyi.referral_insurance") is None
    assert insurance_treatment(ref, context(ref, linyi)) is None


def test_a_bad_pooling_area_code_is_unknown(registry: Registry, linyi: Jurisdiction) -> None:
    ref = referral("thc", "h3", pooling_area="莒南")
    assert status(registry, linyi, ref, "linyi.referral_insurance") is FindingStatus.NOT_ASSESSABLE
