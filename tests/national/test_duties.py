"""The clause pass over the national text (issue 12, national.duties): for each new rule
the passing, failing (advisory for what is only encouraged) and missing-data cases, the
day before the document, and the exit code its strength sets."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from core_support import Cli, Files, cons, geography, good_network_data, inst, load

from medconsortium import (
    NATION,
    ConsortiumKind,
    FindingStatus,
    InstitutionLevel,
    InstitutionType,
    Integration,
    Network,
    Ownership,
    Registry,
    Secondment,
    Strength,
    Title,
    run_rules,
)

PASS, FAIL, NA = FindingStatus.PASS, FindingStatus.FAIL, FindingStatus.NOT_ASSESSABLE
ADVISORY = FindingStatus.ADVISORY
DAY = dt.date(2024, 6, 30)
#: The day before the text was printed (2017-01-12), from which its items are in force.
BEFORE = dt.date(2017, 1, 11)
IT = InstitutionType
T, S, U = InstitutionLevel.TERTIARY, InstitutionLevel.SECONDARY, InstitutionLevel.UNRATED


def statuses(
    registry: Registry, network: Network, rule: str, day: dt.date = DAY
) -> dict[tuple[str, ...], FindingStatus]:
    found = run_rules(network, registry, NATION, day)
    return {f.subjects: f.status for f in found if f.rule == rule}


def test_strengths_follow_the_words(core_registry: Registry) -> None:
    strength = {rule: core_registry.rules[rule].item.strength for rule in core_registry.rules}
    assert strength["national.private_participation"] is Strength.ENCOURAGED  # 鼓励
    assert strength["national.continuing_care_participation"] is Strength.ENCOURAGED  # 鼓励
    assert strength["national.unified_drug_platform"] is Strength.ENCOURAGED  # 探索
    assert strength["national.unified_management"] is Strength.ENCOURAGED  # 有条件的地区推行
    assert strength["national.integrated_information_system"] is Strength.ENCOURAGED  # 推动…建立
    assert strength["national.telemedicine_to_primary_care"] is Strength.ENCOURAGED  # 鼓励
    assert strength["national.benefit_sharing"] is Strength.MANDATORY  # 建立…机制
    assert strength["national.urban_rural_secondment"] is Strength.MANDATORY
    assert strength["national.referral_procedure"] is Strength.MANDATORY  # 明确…流程
    assert strength["national.downward_channel"] is Strength.MANDATORY  # 建立…机制


# -- 三 and 四（二）: institutions encouraged to join ---------------------------------------------
PRIVATE = inst("priv", IT.GENERAL_HOSPITAL, S, ownership=Ownership.PRIVATE)
NURSING = inst("nh", IT.NURSING_HOME, U)
REHAB = inst("rh", IT.REHABILITATION_HOSPITAL, S)
COUNTY = (inst("ch", IT.COUNTY_HOSPITAL), inst("thc", IT.TOWNSHIP_HEALTH_CENTRE, U))


def test_private_institutions_in_a_consortium_pass_and_outside_are_advisory(core_registry: Registry) -> None:
    rule = "national.private_participation"
    inside = Network((*COUNTY, PRIVATE), (cons("ccm", "ch", ["thc", "priv"]),))
    outside = Network((*COUNTY, PRIVATE), (cons("ccm", "ch", ["thc"]),))
    assert statuses(core_registry, inside, rule) == {("priv",): PASS}
    assert statuses(core_registry, outside, rule) == {("priv",): ADVISORY}
    assert statuses(core_registry, outside, rule, BEFORE) == {}


def test_no_private_institution_is_not_assessable(core_registry: Registry) -> None:
    net = Network(COUNTY, (cons("ccm", "ch", ["thc"]),))
    assert statuses(core_registry, net, "national.private_participation") == {(NATION.code,): NA}


def test_nursing_homes_rehabilitation_and_private_institutions_are_encouraged_to_join(
    core_registry: Registry,
) -> None:
    rule = "national.continuing_care_participation"
    net = Network((*COUNTY, NURSING, REHAB, PRIVATE), (cons("ccm", "ch", ["thc", "nh"]),))
    assert statuses(core_registry, net, rule) == {
        ("nh",): PASS,
        ("priv",): ADVISORY,
        ("rh",): ADVISORY,
    }
    assert statuses(core_registry, Network(COUNTY, (cons("ccm", "ch", ["thc"]),)), rule) == {
        (NATION.code,): NA
    }
    assert statuses(core_registry, net, rule, BEFORE) == {}


# -- 三: the tertiary lead of an urban–rural consortium stations staff at the county hospital --
URBAN = (inst("t", IT.GENERAL_HOSPITAL, T), *COUNTY)


def _urban(*secondments: Secondment) -> Network:
    consortium = cons("ur", "t", ["ch"], kind=ConsortiumKind.URBAN_RURAL)
    return Network(URBAN, (consortium,), secondments=secondments)


def _posted(to: str, start: dt.date = dt.date(2024, 1, 1), end: dt.date | None = None) -> Secondment:
    return Secondment("staff-1", Title.SENIOR, "t", to, start, end)


@pytest.mark.parametrize(
    ("secondments", "status"),
    [
        ((_posted("ch"),), PASS),
        ((_posted("ch", start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 1)),), FAIL),  # over last year
        ((_posted("ch", end=dt.date(2024, 3, 1)),), PASS),  # stationed this year, until spring
        ((_posted("thc"),), FAIL),  # recorded, but not at the county hospital
        ((), NA),  # the network records no secondments
    ],
)
def test_urban_rural_secondment(
    core_registry: Registry, secondments: tuple[Secondment, ...], status: FindingStatus
) -> None:
    rule = "national.urban_rural_secondment"
    assert statuses(core_registry, _urban(*secondments), rule) == {("ur",): status}
    assert statuses(core_registry, _urban(*secondments), rule, BEFORE) == {}


def test_an_urban_rural_consortium_without_a_county_hospital_has_nothing_to_judge(
    core_registry: Registry,
) -> None:
    net = Network(URBAN, (cons("ur", "t", ["thc"], kind=ConsortiumKind.URBAN_RURAL),), secondments=())
    assert statuses(core_registry, net, "national.urban_rural_secondment") == {("ur",): NA}


# -- 四（一）, 四（二）, 四（六）: governance facts ---------------------------------------------------
@pytest.mark.parametrize(
    ("rule", "fact", "absent"),
    [
        ("national.referral_procedure", "referral_procedure", FAIL),
        ("national.downward_channel", "downward_referral_channel", FAIL),
        ("national.unified_drug_platform", "unified_drug_platform", ADVISORY),  # 探索
        ("national.integrated_information_system", "integrated_information_system", ADVISORY),  # 推动
        ("national.benefit_sharing", "benefit_sharing_mechanism", FAIL),
    ],
)
@pytest.mark.parametrize("kind", [ConsortiumKind.COUNTY_MEDICAL_COMMUNITY, ConsortiumKind.CITY_MEDICAL_GROUP])
def test_fact_rules(
    core_registry: Registry, rule: str, fact: str, absent: FindingStatus, kind: ConsortiumKind
) -> None:
    def net(facts: dict[str, bool]) -> Network:
        return Network(COUNTY, (cons("c", "ch", ["thc"], kind=kind, facts=facts),))

    assert statuses(core_registry, net({fact: True}), rule) == {("c",): PASS}
    assert statuses(core_registry, net({fact: False}), rule) == {("c",): absent}
    assert statuses(core_registry, net({}), rule) == {("c",): NA}
    assert statuses(core_registry, net({fact: False}), rule, BEFORE) == {}


def test_a_specialty_alliance_is_not_asked_for_the_tiered_facts(core_registry: Registry) -> None:
    net = Network(COUNTY, (cons("s", "ch", ["thc"], kind=ConsortiumKind.SPECIALTY_ALLIANCE),))
    assert statuses(core_registry, net, "national.referral_procedure") == {(NATION.code,): NA}


# -- 三（四） 鼓励二级、三级医院向基层医疗卫生机构提供远程医疗服务 -------------------------------------------
def test_graded_hospitals_are_encouraged_into_telemedicine_networks(core_registry: Registry) -> None:
    rule = "national.telemedicine_to_primary_care"
    hospital = inst("h", IT.GENERAL_HOSPITAL, S)
    ungraded = inst("u", IT.GENERAL_HOSPITAL, U)
    tele = ConsortiumKind.TELEMEDICINE_NETWORK
    inside = Network((*COUNTY, hospital, ungraded), (cons("t", "ch", ["thc", "h"], kind=tele),))
    # The county hospital leads the network; h is a member; an unrated hospital is not asked.
    assert statuses(core_registry, inside, rule) == {("ch",): PASS, ("h",): PASS}
    # In a county community only: not a telemedicine network, advisory (never a failure).
    outside = Network((*COUNTY, hospital), (cons("c", "ch", ["thc", "h"]),))
    assert statuses(core_registry, outside, rule) == {("ch",): ADVISORY, ("h",): ADVISORY}
    assert statuses(core_registry, outside, rule, BEFORE) == {}
    # No graded hospital at all: nothing to look at.
    assert statuses(core_registry, Network((COUNTY[1], ungraded)), rule) == {(NATION.code,): NA}


# -- 三（一） 有条件的地区推行人、财、物统一管理 ----------------------------------------------------------
@pytest.mark.parametrize(
    ("integration", "status"),
    [(Integration.TIGHT, PASS), (Integration.LOOSE, ADVISORY), (None, NA)],
)
def test_unified_management_of_the_city_group(
    core_registry: Registry, integration: Integration | None, status: FindingStatus
) -> None:
    rule = "national.unified_management"
    group = cons("g", "ch", ["thc"], kind=ConsortiumKind.CITY_MEDICAL_GROUP)
    net = Network(COUNTY, (attrs.evolve(group, integration=integration),))
    assert statuses(core_registry, net, rule) == {("g",): status}
    assert statuses(core_registry, net, rule, BEFORE) == {}
    # Only the 1+X city consortium of 三（一） is asked.
    other = Network(COUNTY, (attrs.evolve(cons("c", "ch", ["thc"]), integration=Integration.LOOSE),))
    assert statuses(core_registry, other, rule) == {(NATION.code,): NA}


# -- exit codes ------------------------------------------------------------------------------
def _network(tmp_path: Path, facts: dict[str, bool]) -> Path:
    data = good_network_data()
    data["institutions"].append(
        {"id": "priv", "name": "民营医院", "level": "secondary", "type": "general_hospital",
         "ownership": "private", "division": "329901"}
    )  # fmt: skip
    data["consortia"][0]["governance"] = {"facts": facts}
    return Files(tmp_path).yaml("net.yaml", data)


def test_exit_codes(tmp_path: Path) -> None:
    cli = Cli(load(("geo", geography())))
    ok = {
        "referral_procedure": True,
        "downward_referral_channel": True,
        "unified_drug_platform": False,
        "integrated_information_system": False,
        "benefit_sharing_mechanism": True,
    }
    # Only encouraged items not taken up (a private hospital outside, no drug platform): exit 0.
    result = cli("validate", _network(tmp_path, ok), "-j", "testcounty", "--format", "json")
    found = {f["rule"]: f["status"] for f in json.loads(result.stdout)["findings"]}
    assert found["national.private_participation"] == "advisory"
    assert found["national.unified_drug_platform"] == "advisory"
    assert found["national.integrated_information_system"] == "advisory"
    assert found["national.referral_procedure"] == "pass"
    assert result.exit_code == 0, result.output
    assert cli("validate", _network(tmp_path, ok), "-j", "testcounty", "--fail-on", "any").exit_code == 1
    # A mandatory duty recorded as not done: exit 1.
    result = cli("validate", _network(tmp_path, {**ok, "referral_procedure": False}), "-j", "testcounty")
    assert result.exit_code == 1, result.output
    result = cli(
        "validate", _network(tmp_path, {**ok, "benefit_sharing_mechanism": False}), "-j", "testcounty"
    )
    assert result.exit_code == 1, result.output
