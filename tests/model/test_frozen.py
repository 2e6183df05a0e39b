"""Frozen means frozen, and objects built in memory are checked like loaded ones (issue 13)."""

from __future__ import annotations

import attrs
import pytest

from medconsortium import (
    Consortium,
    ConsortiumKind,
    Governance,
    Institution,
    InstitutionLevel,
    InstitutionType,
    MemberRole,
    Membership,
    NetworkError,
    Ownership,
    Registry,
    Scope,
    Statistics,
    StatRecord,
    UsageError,
    assess,
    examples,
    validate,
)


def test_consortia_do_not_share_their_governance_facts() -> None:
    a = Consortium(
        "a", "甲", ConsortiumKind.COUNTY_MEDICAL_COMMUNITY, "130000", (Membership("x", MemberRole.LEAD),)
    )
    b = Consortium(
        "b", "乙", ConsortiumKind.COUNTY_MEDICAL_COMMUNITY, "130000", (Membership("y", MemberRole.LEAD),)
    )
    with pytest.raises(TypeError):
        a.governance.facts["charter"] = True  # type: ignore[index]
    assert b.governance.fact("charter") is None
    assert a.governance is not b.governance


def test_facts_given_as_a_dict_are_copied_read_only() -> None:
    given = {"charter": True}
    governance = Governance(given)
    given["charter"] = False
    assert governance.fact("charter") is True
    with pytest.raises(TypeError):
        governance.facts["council"] = True  # type: ignore[index]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: Institution(
                "h", "县医院", "secondary", InstitutionType.COUNTY_HOSPITAL, Ownership.GOVERNMENT, "130000"
            ),
            "Institution.level: 'secondary' is a str, not a member of InstitutionLevel",
        ),
        (
            lambda: Institution(
                "h",
                "县医院",
                InstitutionLevel.SECONDARY,
                InstitutionType.COUNTY_HOSPITAL,
                "government",
                "130000",
            ),
            "Institution.ownership: 'government' is a str, not a member of Ownership",
        ),
        (
            lambda: Consortium("c", "医共体", "county_medical_community", "130000", ()),
            "Consortium.kind: 'county_medical_community' is a str, not a member of ConsortiumKind",
        ),
        (lambda: Membership("x", "lead"), "Membership.role: 'lead' is a str, not a member of MemberRole"),
        (
            lambda: StatRecord("area", "130000", 2024, {}),
            "StatRecord.scope: 'area' is a str, not a member of Scope",
        ),
    ],
    ids=["level", "ownership", "kind", "role", "scope"],
)
def test_enum_fields_refuse_plain_strings(build: object, message: str) -> None:
    with pytest.raises(TypeError) as err:
        build()  # type: ignore[operator]
    assert str(err.value).startswith(message)


def test_an_unknown_fact_in_a_network_built_in_memory_is_refused_at_validate(core_registry: Registry) -> None:
    net = examples.national_network()
    typo = attrs.evolve(net.consortia[0], governance=Governance({"charterr": True}))
    with pytest.raises(NetworkError) as err:
        validate(
            attrs.evolve(net, consortia=(typo, *net.consortia[1:])),
            core_registry,
            core_registry.jurisdiction("national"),
        )
    assert str(err.value) == "consortia[0].governance.facts.charterr: unknown governance fact 'charterr'"


def test_an_unknown_metric_in_statistics_built_in_memory_is_refused_at_assess(
    core_registry: Registry,
) -> None:
    stats = Statistics((StatRecord(Scope.AREA, "100000", 2017, {"total_visitz": 1.0}),))
    national = core_registry.jurisdiction("national")
    with pytest.raises(UsageError) as err:
        assess(examples.national_network(), stats, core_registry, national, 2017)
    assert str(err.value) == "statistics: area 100000 2017: unknown metric 'total_visitz'"


def test_what_plugins_provide_cannot_be_changed_after_loading(core_registry: Registry) -> None:
    with pytest.raises(TypeError):
        core_registry.rules["national.extra"] = core_registry.rules["national.city_group_lead"]  # type: ignore[index]
    with pytest.raises(TypeError):
        del core_registry.facts["charter"]  # type: ignore[attr-defined]
    assert "national.extra" not in core_registry.rules


def test_a_reports_names_are_read_only_and_serialise_as_before(core_registry: Registry) -> None:
    national = core_registry.jurisdiction("national")
    report = validate(examples.national_network(), core_registry, national)
    assert report.names["cn-ccm-1"]  # the subjects' names are there ...
    with pytest.raises(TypeError):
        report.names["cn-ccm-1"] = "改名"  # type: ignore[index]
    # ... and a dict given to the frozen report is copied: changing it changes nothing.
    given = {"cn-ccm-1": "甲"}
    copied = attrs.evolve(report, names=given)
    given["cn-ccm-1"] = "乙"
    assert copied.names["cn-ccm-1"] == "甲"
    assert report.to_json() == attrs.evolve(report, names=dict(report.names)).to_json()
