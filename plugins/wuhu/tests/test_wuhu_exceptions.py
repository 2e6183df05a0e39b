"""Wuhu's declared exception: a county medical community led by a private hospital (四（二）)
is `excepted` under the national county-lead rule, with Wuhu's citation."""

from __future__ import annotations

import datetime as dt

from medconsortium import ConsortiumKind
from medconsortium import Finding
from medconsortium import FindingStatus
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import run_rules
from medconsortium.testing import make_consortium
from medconsortium.testing import make_institution

COUNTY = ConsortiumKind.COUNTY_MEDICAL_COMMUNITY
RULE = "national.county_community_lead"
NANLING = "340223"  # 南陵县


def _finding(registry: Registry, lead_ownership: Ownership | None, where: str = "wuhu") -> Finding:
    """The national county-lead finding for one community of 南陵县 led by a general hospital
    of the given ownership (None: led by the county hospital itself)."""
    if lead_ownership is None:
        lead = make_institution("lead", InstitutionType.COUNTY_HOSPITAL, division=NANLING)
    else:
        lead = make_institution(
            "lead",
            InstitutionType.GENERAL_HOSPITAL,
            InstitutionLevel.SECONDARY,
            NANLING,
            ownership=lead_ownership,
        )
    thc = make_institution("thc", InstitutionType.TOWNSHIP_HEALTH_CENTRE, division=NANLING)
    network = Network((lead, thc), (make_consortium("ccm", COUNTY, "lead", ["thc"], NANLING),))
    found = run_rules(network, registry, registry.jurisdiction(where), dt.date(2020, 6, 30))
    (finding,) = [f for f in found if f.rule == RULE]
    return finding


def test_a_privately_led_community_is_excepted_with_wuhus_citation(wuhu_registry: Registry) -> None:
    finding = _finding(wuhu_registry, Ownership.PRIVATE)
    assert finding.status is FindingStatus.EXCEPTED
    assert finding.exception is not None
    assert finding.exception.id == "wuhu.private_county_community_lead"
    assert finding.exception.level == "340200"
    assert finding.exception.citation.text == "鼓励有条件的民营医院参与或牵头县域医共体建设。"
    # The national rule and its own citation stay visible.
    assert finding.level == "100000"


def test_a_public_general_hospital_lead_is_not_excepted(wuhu_registry: Registry) -> None:
    # The national sentence is a model (主要模式, 重点探索): not excepted, advisory.
    finding = _finding(wuhu_registry, Ownership.GOVERNMENT)
    assert finding.status is FindingStatus.ADVISORY and finding.exception is None


def test_a_county_hospital_lead_passes_untouched(wuhu_registry: Registry) -> None:
    finding = _finding(wuhu_registry, None)
    assert finding.status is FindingStatus.PASS and finding.exception is None


def test_the_exception_does_not_reach_outside_wuhu(wuhu_registry: Registry) -> None:
    # Assessed for Anhui (the level above Wuhu), the national finding stands, unexcepted.
    finding = _finding(wuhu_registry, Ownership.PRIVATE, where="anhui")
    assert finding.status is FindingStatus.ADVISORY and finding.exception is None
