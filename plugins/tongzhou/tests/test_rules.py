"""Governance rules: pass, fail and missing data for each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest
from medconsortium import InstitutionType
from medconsortium import Integration
from medconsortium import Membership
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import Routing
from medconsortium import Scope
from medconsortium_tongzhou.facts import CENTRAL_PHARMACY
from medconsortium_tongzhou.facts import CLINICAL_SERVICE_CENTRES
from medconsortium_tongzhou.facts import DIFFERENTIATED_PAYMENT
from medconsortium_tongzhou.facts import DISTRICT_OFFICE
from medconsortium_tongzhou.facts import GENERAL_PRACTICE
from medconsortium_tongzhou.facts import MANAGEMENT_CENTRES
from medconsortium_tongzhou.facts import REFERRAL_DEDUCTIBLE
from medconsortium_tongzhou.facts import RESOURCE_SHARING_CENTRES
from medconsortium_tongzhou.rules import SEVEN_UNCHANGED_IDS
from medconsortium_tongzhou.rules import WORKING_GROUPS
from medconsortium_tongzhou.testing import TONGZHOU
from medconsortium_tongzhou.testing import basic_network
from medconsortium_tongzhou.testing import community
from medconsortium_tongzhou.testing import findings
from medconsortium_tongzhou.testing import hospital
from medconsortium_tongzhou.testing import inst
from medconsortium_tongzhou.testing import stats
from medconsortium_tongzhou.testing import statuses

ALL_DEPARTMENTS = sorted({d for _label, depts in WORKING_GROUPS for d in depts})


# -- facts of each community -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("rule", "facts"),
    [
        ("tongzhou.seven_unchanged", SEVEN_UNCHANGED_IDS),
        ("tongzhou.community_office", ("dedicated_office",)),
        ("tongzhou.general_practice_department", (GENERAL_PRACTICE,)),
    ],
)
def test_community_facts(registry: Registry, rule: str, facts: tuple[str, ...]) -> None:
    all_true = dict.fromkeys(facts, True)
    one_false = {**all_true, facts[-1]: False}
    one_missing = {f: True for f in facts[:-1]}
    assert statuses(findings(registry, basic_network(all_true), rule)) == {("cc",): "pass"}
    assert statuses(findings(registry, basic_network(one_false), rule)) == {("cc",): "fail"}
    assert statuses(findings(registry, basic_network(one_missing), rule)) == {("cc",): "not_assessable"}


def test_seven_unchanged_names_what_is_missing(registry: Registry) -> None:
    facts = dict.fromkeys(SEVEN_UNCHANGED_IDS, True) | {"tongzhou_unchanged_property": False}
    (finding,) = findings(registry, basic_network(facts), "tongzhou.seven_unchanged")
    assert "产权关系不变" in finding.message.zh


# -- facts of the district -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rule", "facts"),
    [
        ("tongzhou.district_office", (DISTRICT_OFFICE, MANAGEMENT_CENTRES)),
        ("tongzhou.central_pharmacy", (CENTRAL_PHARMACY,)),
        ("tongzhou.referral_deductible", (REFERRAL_DEDUCTIBLE,)),
        ("tongzhou.differentiated_payment", (DIFFERENTIATED_PAYMENT,)),
    ],
)
def test_district_facts(registry: Registry, rule: str, facts: tuple[str, ...]) -> None:
    def two_communities(first: dict[str, bool], second: dict[str, bool]) -> Network:
        return Network(
            (hospital(), hospital("t", InstitutionType.COUNTY_TCM_HOSPITAL), inst("c1"), inst("c2")),
            (community("a", "h", ["c1"], first), community("b", "t", ["c2"], second)),
        )

    stated = dict.fromkeys(facts, True)
    # Stated once, on one community, is enough: the fact is about the district.
    assert statuses(findings(registry, two_communities(stated, {}), rule)) == {(TONGZHOU,): "pass"}
    denied = dict.fromkeys(facts, False)
    assert statuses(findings(registry, two_communities(denied, {}), rule)) == {(TONGZHOU,): "fail"}
    assert statuses(findings(registry, two_communities({}, {}), rule)) == {(TONGZHOU,): "not_assessable"}


def test_district_fact_true_somewhere_wins(registry: Registry) -> None:
    net = Network(
        (hospital(), hospital("t", InstitutionType.COUNTY_TCM_HOSPITAL), inst("c1"), inst("c2")),
        (
            community("a", "h", ["c1"], {CENTRAL_PHARMACY: True}),
            community("b", "t", ["c2"], {CENTRAL_PHARMACY: False}),
        ),
    )
    assert statuses(findings(registry, net, "tongzhou.central_pharmacy")) == {(TONGZHOU,): "pass"}


# -- centres at 区人民医院 -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rule", "facts"),
    [
        ("tongzhou.resource_sharing_centres", RESOURCE_SHARING_CENTRES),
        ("tongzhou.clinical_service_centres", CLINICAL_SERVICE_CENTRES),
    ],
)
def test_county_hospital_centres(registry: Registry, rule: str, facts: tuple[str, ...]) -> None:
    def net(values: dict[str, bool]) -> Network:
        # The TCM-led community states nothing: it is not asked, the centres are at 区人民医院.
        return Network(
            (hospital(), hospital("t", InstitutionType.COUNTY_TCM_HOSPITAL), inst("c1"), inst("c2")),
            (community("a", "h", ["c1"], values), community("b", "t", ["c2"], {})),
        )

    assert statuses(findings(registry, net(dict.fromkeys(facts, True)), rule)) == {("a",): "pass"}
    assert statuses(findings(registry, net({**dict.fromkeys(facts, True), facts[1]: False}), rule)) == {
        ("a",): "fail"
    }
    assert statuses(findings(registry, net(dict.fromkeys(facts[:-1], True)), rule)) == {
        ("a",): "not_assessable"
    }


def test_county_hospital_centres_without_county_hospital(registry: Registry) -> None:
    net = Network(
        (hospital("t", InstitutionType.COUNTY_TCM_HOSPITAL), inst("c1")),
        (community("b", "t", ["c1"], dict.fromkeys(RESOURCE_SHARING_CENTRES, True)),),
    )
    (finding,) = findings(registry, net, "tongzhou.resource_sharing_centres")
    assert finding.status.value == "not_assessable"
    assert finding.subjects == (TONGZHOU,)


# -- working groups --------------------------------------------------------------------------
def test_working_groups(registry: Registry) -> None:
    rule = "tongzhou.working_groups"
    assert statuses(findings(registry, basic_network(departments=ALL_DEPARTMENTS), rule)) == {("cc",): "pass"}
    # 财务医保组 needs both finance and medical insurance.
    no_insurance = [d for d in ALL_DEPARTMENTS if d != "medical_insurance"]
    (failed,) = findings(registry, basic_network(departments=no_insurance), rule)
    assert failed.status.value == "fail"
    assert failed.message.zh == "缺少：财务医保组"
    assert statuses(findings(registry, basic_network(departments=None), rule)) == {("cc",): "not_assessable"}


# -- tight integration -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("integration", "status"),
    [(Integration.TIGHT, "pass"), (Integration.LOOSE, "fail"), (None, "not_assessable")],
)
def test_tight_communities(registry: Registry, integration: Integration | None, status: str) -> None:
    net = basic_network(integration=integration)
    assert statuses(findings(registry, net, "tongzhou.tight_communities")) == {("cc",): status}


# -- patient choice --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("routing", "status"),
    [(Routing(), "pass"), (Routing(frozenset({"h"})), "fail"), (None, "not_assessable")],
)
def test_patient_choice(registry: Registry, routing: Routing | None, status: str) -> None:
    net = basic_network(routing=routing)
    assert statuses(findings(registry, net, "tongzhou.patient_choice")) == {("cc",): status}


# -- member adjustment -----------------------------------------------------------------------
def _moved(into_other: bool) -> Network:
    left = Membership("v9", left=dt.date(2024, 7, 1))
    joined = Membership("v9", joined=dt.date(2024, 7, 1))
    return Network(
        (
            hospital(),
            hospital("t", InstitutionType.COUNTY_TCM_HOSPITAL),
            inst("v9", InstitutionType.VILLAGE_CLINIC),
        ),
        (
            community("a", "h", [left]),
            community("b", "t", [joined] if into_other else []),
        ),
    )


def test_member_adjustment(registry: Registry) -> None:
    rule = "tongzhou.member_adjustment"
    assert statuses(findings(registry, _moved(True), rule)) == {("a", "v9"): "pass"}
    assert statuses(findings(registry, _moved(False), rule)) == {("a", "v9"): "advisory"}
    # No adjustment at all: nothing to judge, reported as not assessable by the core.
    assert statuses(findings(registry, basic_network(), rule)) == {(TONGZHOU,): "not_assessable"}


# -- private participation -------------------------------------------------------------------
def test_private_participation(registry: Registry) -> None:
    rule = "tongzhou.private_participation"
    private = inst("p1", InstitutionType.COMMUNITY_HEALTH_STATION, ownership=Ownership.PRIVATE)
    with_private = Network(
        (hospital(), inst("c1"), private),
        (community("cc", "h", ["c1", "p1"]),),
    )
    assert statuses(findings(registry, with_private, rule)) == {("cc",): "pass"}
    assert statuses(findings(registry, basic_network(), rule)) == {("cc",): "advisory"}
    empty = Network((hospital(),), ())
    assert statuses(findings(registry, empty, rule)) == {(TONGZHOU,): "not_assessable"}


# -- CDC guidance ----------------------------------------------------------------------------
def test_cdc_guidance(registry: Registry) -> None:
    rule = "tongzhou.cdc_guidance"
    net = basic_network()  # three primary care members: c1, c2, v1

    def run(values: Mapping[str, float]) -> dict[tuple[str, ...], str]:
        data = stats((Scope.CONSORTIUM, "cc", 2025, values))
        return statuses(findings(registry, net, rule, statistics=data, year=2025))

    ok = {"tongzhou_cdc_guidance_sessions": 1, "tongzhou_cdc_guidance_institutions": 3}
    assert run(ok) == {("cc",): "pass"}
    assert run({**ok, "tongzhou_cdc_guidance_sessions": 0}) == {("cc",): "fail"}
    assert run({**ok, "tongzhou_cdc_guidance_institutions": 2}) == {("cc",): "fail"}
    assert run({"tongzhou_cdc_guidance_sessions": 2}) == {("cc",): "not_assessable"}
    assert statuses(findings(registry, net, rule)) == {("cc",): "not_assessable"}


def test_cdc_guidance_reads_the_assessed_year(registry: Registry) -> None:
    data = stats(
        (
            Scope.CONSORTIUM,
            "cc",
            2024,
            {"tongzhou_cdc_guidance_sessions": 1, "tongzhou_cdc_guidance_institutions": 3},
        )
    )
    found = findings(registry, basic_network(), "tongzhou.cdc_guidance", statistics=data, year=2025)
    assert statuses(found) == {("cc",): "not_assessable"}
