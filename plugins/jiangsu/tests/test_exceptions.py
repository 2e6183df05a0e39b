"""四（一）5: a private secondary or tertiary hospital may lead a city medical group or a
county medical community. The national lead rules report such a consortium of Jiangsu as
``excepted`` with Jiangsu's citation; nothing else is excused (both directions)."""

from __future__ import annotations

import pytest
from medconsortium import ConsortiumKind
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import run_rules

from .test_rules import AS_OF
from .test_rules import CCM
from .test_rules import CMG
from .test_rules import cons
from .test_rules import inst

CASES = [
    (CMG, "national.city_group_lead", "jiangsu.private_city_group_lead", "320902"),
    (CCM, "national.county_community_lead", "jiangsu.private_county_community_lead", "320924"),
]


def led_by(kind: ConsortiumKind, division: str, ownership: Ownership, level: InstitutionLevel) -> Network:
    lead = inst("p", InstitutionType.GENERAL_HOSPITAL, level, division=division, ownership=ownership)
    member = inst("m", InstitutionType.TOWNSHIP_HEALTH_CENTRE, InstitutionLevel.UNRATED, division=division)
    return Network((lead, member), (cons("c", kind, "p", ["m"], division=division),))


def national(registry: Registry, net: Network, rule: str) -> list[tuple[str, str | None]]:
    found = run_rules(net, registry, registry.jurisdiction("jiangsu"), AS_OF)
    return [(f.status.value, f.exception and f.exception.id) for f in found if f.rule == rule]


@pytest.mark.parametrize(("kind", "rule", "exception", "division"), CASES)
def test_a_private_secondary_lead_is_excepted_with_jiangsus_citation(
    registry: Registry, kind: ConsortiumKind, rule: str, exception: str, division: str
) -> None:
    net = led_by(kind, division, Ownership.PRIVATE, InstitutionLevel.SECONDARY)
    assert national(registry, net, rule) == [("excepted", exception)]
    entry = registry.exceptions[exception]
    assert entry.level == "320000"
    assert entry.item.citation.clause == "四（一）5"
    assert "民营医院" in entry.item.citation.text


@pytest.mark.parametrize(("kind", "rule", "exception", "division"), CASES)
def test_a_public_secondary_general_lead_is_not_excepted(
    registry: Registry, kind: ConsortiumKind, rule: str, exception: str, division: str
) -> None:
    # The national sentence describes the main model (主要模式, 重点探索): advisory, not failed.
    net = led_by(kind, division, Ownership.GOVERNMENT, InstitutionLevel.SECONDARY)
    assert national(registry, net, rule) == [("advisory", None)]


@pytest.mark.parametrize(("kind", "rule", "exception", "division"), CASES)
def test_a_private_clinic_lead_is_not_excepted(
    registry: Registry, kind: ConsortiumKind, rule: str, exception: str, division: str
) -> None:
    net = led_by(kind, division, Ownership.PRIVATE, InstitutionLevel.UNRATED)
    assert [e for _, e in national(registry, net, rule)] == [None]
