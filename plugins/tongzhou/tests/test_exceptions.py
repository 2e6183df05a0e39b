"""平潮区域性医共体 is led by a central township health centre: the national and Jiangsu
lead rules report it as ``excepted``, with Tongzhou's citation; nothing else is excused."""

from __future__ import annotations

import attrs
import pytest
from medconsortium import InstitutionType
from medconsortium import Network
from medconsortium import Registry
from medconsortium import run_rules
from medconsortium_tongzhou.document import DOC
from medconsortium_tongzhou.exceptions import EXCEPTIONS
from medconsortium_tongzhou.exceptions import JIANGSU_LEAD_EXCEPTION
from medconsortium_tongzhou.exceptions import NATIONAL_LEAD_EXCEPTION
from medconsortium_tongzhou.exceptions import PINGCHAO
from medconsortium_tongzhou.exceptions import is_pingchao_community
from medconsortium_tongzhou.testing import YEAR_END
from medconsortium_tongzhou.testing import basic_network
from medconsortium_tongzhou.testing import community
from medconsortium_tongzhou.testing import findings
from medconsortium_tongzhou.testing import hospital
from medconsortium_tongzhou.testing import inst

LEAD_RULES = ["national.county_community_lead", "jiangsu.county_community_lead"]
LEADERSHIP = "jiangsu.county_community_leadership"
#: Without the exception: the national sentence is a model (主要模式, 重点探索), so advisory;
#: Jiangsu's 四（一）4 has county-level hospitals lead, so a failure.
UNEXCEPTED = {"national.county_community_lead": "advisory", "jiangsu.county_community_lead": "fail"}


def led_by_centre(consortium_id: str, lead_name: str = "平潮中心卫生院") -> Network:
    """A community led by a central township health centre named ``lead_name``."""
    return Network(
        (
            attrs.evolve(inst("pc", InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE), name=lead_name),
            inst("m1"),
            inst("v1", InstitutionType.VILLAGE_CLINIC),
        ),
        (community(consortium_id, "pc", ["m1", "v1"]),),
    )


def test_both_lead_exceptions_are_registered(registry: Registry) -> None:
    for exc in (NATIONAL_LEAD_EXCEPTION, JIANGSU_LEAD_EXCEPTION):
        entry = registry.exceptions[exc.id]
        assert entry.plugin == "tongzhou"
        assert entry.level == "320612"
        # Matched by what the text names (the lead), never by the bundled example's id.
        assert entry.item.subjects == frozenset()
        assert entry.item.applies_to is not None
        assert entry.item.citation.document == DOC
        assert entry.item.citation.clause == "四（一）3"
        assert "由平潮中心卫生院牵头" in entry.item.citation.text
    assert sorted(e.rule for e in EXCEPTIONS) == sorted([*LEAD_RULES, LEADERSHIP])


@pytest.mark.parametrize("rule", LEAD_RULES)
def test_pingchao_is_excepted_not_passed(registry: Registry, rule: str) -> None:
    (finding,) = findings(registry, led_by_centre(PINGCHAO), rule)
    assert finding.status.value == "excepted"
    assert finding.exception is not None
    assert finding.exception.level == "320612"
    assert finding.exception.citation.document == DOC
    assert finding.exception.id == f"tongzhou.pingchao_lead.{rule.split('.')[0]}"


@pytest.mark.parametrize("rule", LEAD_RULES)
def test_pingchao_under_a_users_own_id_is_excepted(registry: Registry, rule: str) -> None:
    (finding,) = findings(registry, led_by_centre("my-pingchao-ccm"), rule)
    assert finding.status.value == "excepted"
    assert finding.exception is not None and finding.exception.citation.clause == "四（一）3"


@pytest.mark.parametrize("rule", LEAD_RULES)
def test_the_examples_id_with_another_lead_still_fails(registry: Registry, rule: str) -> None:
    (finding,) = findings(registry, led_by_centre(PINGCHAO, lead_name="刘桥中心卫生院"), rule)
    assert finding.status.value == UNEXCEPTED[rule]
    assert finding.exception is None


@pytest.mark.parametrize("rule", LEAD_RULES)
def test_another_community_led_by_another_centre_still_fails(registry: Registry, rule: str) -> None:
    (finding,) = findings(registry, led_by_centre("some-other-community", "机构pc"), rule)
    assert finding.status.value == UNEXCEPTED[rule]
    assert finding.exception is None


def test_the_community_is_one_in_tongzhou() -> None:
    net = led_by_centre("c")
    moved = Network(net.institutions, (attrs.evolve(net.consortia[0], division="320602"),))
    assert is_pingchao_community(net, "c")
    assert not is_pingchao_community(moved, "c")
    assert not is_pingchao_community(net, "no-such-consortium")


@pytest.mark.parametrize("rule", LEAD_RULES)
def test_county_hospital_lead_passes_without_the_exception(registry: Registry, rule: str) -> None:
    net = Network((hospital(), inst("m1")), (community(PINGCHAO, "h", ["m1"]),))
    (finding,) = findings(registry, net, rule)
    assert finding.status.value == "pass"
    assert finding.exception is None


@pytest.mark.parametrize("rule", LEAD_RULES)
def test_no_community_is_not_assessable(registry: Registry, rule: str) -> None:
    (finding,) = findings(registry, Network((hospital(),), ()), rule)
    assert finding.status.value == "not_assessable"


def test_exception_does_not_apply_above_tongzhou(registry: Registry) -> None:

    jiangsu = registry.jurisdiction("jiangsu")
    found = [
        f
        for f in run_rules(led_by_centre(PINGCHAO), registry, jiangsu, YEAR_END)
        if f.rule == "jiangsu.county_community_lead"
    ]
    # Assessed as Jiangsu (the network's consortium lies in Tongzhou, but Tongzhou's
    # exceptions belong to Tongzhou's assessments only).
    assert [f.status.value for f in found] == ["fail"]


# -- 四（二）: members keep their legal personality (against Jiangsu's 唯一法定代表人) ----------
def leadership(**facts: bool) -> Network:
    return basic_network(facts=facts)


def test_no_sole_legal_representative_is_excepted_with_tongzhous_citation(registry: Registry) -> None:
    net = leadership(
        party_committee=True, jiangsu_council_president_system=True, sole_legal_representative=False
    )
    (finding,) = findings(registry, net, LEADERSHIP)
    assert finding.status.value == "excepted"
    assert finding.exception is not None
    assert finding.exception.id == "tongzhou.members_keep_legal_personality"
    assert finding.exception.citation.clause == "四（二）"
    assert "法人资格原则上保持不变" in finding.exception.citation.text


@pytest.mark.parametrize(
    "facts",
    [
        # The party committee is still required: its absence is not excused.
        {
            "party_committee": False,
            "jiangsu_council_president_system": True,
            "sole_legal_representative": False,
        },
        {
            "party_committee": True,
            "jiangsu_council_president_system": False,
            "sole_legal_representative": True,
        },
    ],
)
def test_what_tongzhou_does_not_set_aside_still_fails(registry: Registry, facts: dict[str, bool]) -> None:
    (finding,) = findings(registry, leadership(**facts), LEADERSHIP)
    assert finding.status.value == "fail"
    assert finding.exception is None


def test_the_legal_personality_exception_stays_in_tongzhou(registry: Registry) -> None:
    net = leadership(
        party_committee=True, jiangsu_council_president_system=True, sole_legal_representative=False
    )
    found = [
        f
        for f in run_rules(net, registry, registry.jurisdiction("jiangsu"), YEAR_END)
        if f.rule == LEADERSHIP
    ]
    assert [f.status.value for f in found] == ["fail"]
