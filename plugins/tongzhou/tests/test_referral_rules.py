"""Referral rules of 五（一）: critical routing, out-of-county care, the two channels."""

from __future__ import annotations

import datetime as dt

import pytest
from medconsortium import ClinicalPhase
from medconsortium import Finding
from medconsortium import InstitutionType
from medconsortium import Network
from medconsortium import Referral
from medconsortium import Registry
from medconsortium import check_referral
from medconsortium_tongzhou.referral_rules import FIVE_CENTRE_IDS
from medconsortium_tongzhou.testing import TONGZHOU
from medconsortium_tongzhou.testing import community
from medconsortium_tongzhou.testing import hospital
from medconsortium_tongzhou.testing import inst

CRITICAL = "tongzhou.critical_routing"
OUT = "tongzhou.out_of_county_indication"
GREEN = "tongzhou.upward_green_channel"
DOWN = "tongzhou.downward_channel"
CHONGCHUAN = "320602"  # 南通市崇川区, outside Tongzhou


def network(capable: bool = True) -> Network:
    """区人民医院-like ``h`` (five centres when ``capable``) leads ``c1``; the TCM hospital
    ``t`` leads ``c2``; ``x`` is a city hospital outside the district with the centres."""
    caps = FIVE_CENTRE_IDS if capable else frozenset()
    return Network(
        (
            hospital("h", capabilities=caps),
            hospital("t", InstitutionType.COUNTY_TCM_HOSPITAL),
            hospital(
                "x", InstitutionType.GENERAL_HOSPITAL, division=CHONGCHUAN, capabilities=FIVE_CENTRE_IDS
            ),
            inst("c1"),
            inst("c2"),
        ),
        (community("a", "h", ["c1"]), community("b", "t", ["c2"])),
    )


def referral(frm: str, to: str, **kw: object) -> Referral:
    return Referral(
        "r1",
        "p-3f9a",
        frm,
        to,
        dt.datetime(2025, 5, 6, 9, 30),
        **kw,  # type: ignore[arg-type]
    )


def rule_findings(registry: Registry, ref: Referral, rule: str, net: Network | None = None) -> list[Finding]:
    j = registry.jurisdiction(TONGZHOU)
    return [f for f in check_referral(ref, net or network(), registry, j) if f.rule == rule]


def status(registry: Registry, ref: Referral, rule: str, net: Network | None = None) -> str | None:
    found = rule_findings(registry, ref, rule, net)
    assert len(found) <= 1
    assert all(f.subjects == ("r1",) for f in found)
    return found[0].status.value if found else None


# -- critically ill patients -----------------------------------------------------------------
def test_critical_to_a_five_centre_hospital_passes(registry: Registry) -> None:
    assert status(registry, referral("c1", "h", critical=True), CRITICAL) == "pass"


def test_critical_to_a_hospital_without_the_centres_fails(registry: Registry) -> None:
    found = rule_findings(registry, referral("c2", "t", critical=True), CRITICAL)
    assert [f.status.value for f in found] == ["fail"]
    assert "机构h" in found[0].message.zh  # names the district hospital that has them


def test_critical_out_of_the_district_fails(registry: Registry) -> None:
    ref = referral("c1", "x", critical=True, out_of_area_indication=True)
    assert status(registry, ref, CRITICAL) == "fail"


def test_critical_patient_choice_is_respected(registry: Registry) -> None:
    ref = referral("c2", "t", critical=True, patient_choice=True)
    assert status(registry, ref, CRITICAL) == "pass"


def test_critical_without_recorded_capabilities_is_not_assessable(registry: Registry) -> None:
    assert status(registry, referral("c2", "t", critical=True), CRITICAL, network(capable=False)) == (
        "not_assessable"
    )


def test_critical_rule_ignores_other_referrals(registry: Registry) -> None:
    assert status(registry, referral("c2", "t"), CRITICAL) is None
    assert status(registry, referral("h", "c1", critical=True), CRITICAL) is None  # downward


# -- out-of-county care ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("indication", "expected"), [(True, "pass"), (False, "fail"), (None, "not_assessable")]
)
def test_out_of_county_needs_an_indication(
    registry: Registry, indication: bool | None, expected: str
) -> None:
    ref = referral("c1", "x", out_of_area_indication=indication)
    assert status(registry, ref, OUT) == expected


def test_out_of_county_flag_respects_the_patients_choice(registry: Registry) -> None:
    (finding,) = rule_findings(
        registry, referral("c1", "x", out_of_area_indication=False, patient_choice=True), OUT
    )
    assert finding.status.value == "fail"  # flagged for control ...
    assert "不阻止" in finding.message.zh  # ... never blocked


def test_in_county_referral_is_not_concerned(registry: Registry) -> None:
    assert status(registry, referral("c1", "h", out_of_area_indication=False), OUT) is None


# -- the green channel upward ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("priority", "expected"), [(True, "pass"), (False, "fail"), (None, "not_assessable")]
)
def test_green_channel_at_the_lead(registry: Registry, priority: bool | None, expected: str) -> None:
    assert status(registry, referral("c1", "h", priority=priority), GREEN) == expected


def test_green_channel_only_at_the_members_own_lead(registry: Registry) -> None:
    # c1 is a member of h's community, not of t's.
    assert status(registry, referral("c1", "t", priority=False), GREEN) is None


# -- the downward channel --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        (ClinicalPhase.ACUTE_RECOVERY, "pass"),
        (ClinicalPhase.POSTOPERATIVE_RECOVERY, "pass"),
        (ClinicalPhase.CRITICAL_STABLE, "pass"),
        (ClinicalPhase.ACUTE, "fail"),
        (ClinicalPhase.CRITICAL, "fail"),
        (None, "not_assessable"),
        (ClinicalPhase.CHRONIC_STABLE, None),  # not what this sentence is about
    ],
)
def test_downward_channel(registry: Registry, phase: ClinicalPhase | None, expected: str | None) -> None:
    assert status(registry, referral("h", "c1", phase=phase), DOWN) == expected


def test_downward_channel_only_from_the_lead_to_its_members(registry: Registry) -> None:
    assert status(registry, referral("t", "c1", phase=ClinicalPhase.ACUTE), DOWN) is None


def test_findings_never_show_the_patient_key(registry: Registry) -> None:
    j = registry.jurisdiction(TONGZHOU)
    ref = referral("c1", "x", critical=True, out_of_area_indication=False)
    for f in check_referral(ref, network(), registry, j):
        assert "p-3f9a" not in f.message.zh + f.message.en + " ".join(f.subjects)
