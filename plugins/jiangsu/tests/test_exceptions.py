"""四（一）5: a private secondary or tertiary hospital may lead a city medical group or a
county medical community. The national lead rules report such a consortium of Jiangsu as
``excepted`` with Jiangsu's citation; nothing else is excused (both directions)."""

from __future__ import annotations

from typing import NamedTuple

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


class Case(NamedTuple):
    """A consortium kind, the national lead rule over it and Jiangsu's exception to it."""

    kind: ConsortiumKind
    rule: str
    exception: str
    division: str

    def led_by(self, ownership: Ownership, level: InstitutionLevel) -> Network:
        lead = inst("p", InstitutionType.GENERAL_HOSPITAL, level, division=self.division, ownership=ownership)
        member = inst(
            "m", InstitutionType.TOWNSHIP_HEALTH_CENTRE, InstitutionLevel.UNRATED, division=self.division
        )
        return Network((lead, member), (cons("c", self.kind, "p", ["m"], division=self.division),))


CASES = [
    Case(CMG, "national.city_group_lead", "jiangsu.private_city_group_lead", "320902"),
    Case(CCM, "national.county_community_lead", "jiangsu.private_county_community_lead", "320924"),
]


@pytest.fixture(params=CASES, ids=[c.kind.value for c in CASES])
def case(request: pytest.FixtureRequest) -> Case:
    """Each test runs for both kinds the exception covers."""
    result: Case = request.param
    return result


def national(registry: Registry, net: Network, rule: str) -> list[tuple[str, str | None]]:
    found = run_rules(net, registry, registry.jurisdiction("jiangsu"), AS_OF)
    return [(f.status.value, f.exception and f.exception.id) for f in found if f.rule == rule]


def test_a_private_secondary_lead_is_excepted_with_jiangsus_citation(registry: Registry, case: Case) -> None:
    net = case.led_by(Ownership.PRIVATE, InstitutionLevel.SECONDARY)
    assert national(registry, net, case.rule) == [("excepted", case.exception)]
    entry = registry.exceptions[case.exception]
    assert entry.level == "320000"
    assert entry.item.citation.clause == "四（一）5"
    assert "民营医院" in entry.item.citation.text


def test_a_public_secondary_general_lead_is_not_excepted(registry: Registry, case: Case) -> None:
    # The national sentence describes the main model (主要模式, 重点探索): advisory, not failed.
    net = case.led_by(Ownership.GOVERNMENT, InstitutionLevel.SECONDARY)
    assert national(registry, net, case.rule) == [("advisory", None)]


def test_a_private_clinic_lead_is_not_excepted(registry: Registry, case: Case) -> None:
    net = case.led_by(Ownership.PRIVATE, InstitutionLevel.UNRATED)
    assert [e for _, e in national(registry, net, case.rule)] == [None]
