"""Targets: met, not met and missing data for each; due years; monitored and qualitative
targets never scored."""

from __future__ import annotations

import pytest
from medconsortium import InstitutionType
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import Scope
from medconsortium import Statistics
from medconsortium_tongzhou.testing import TONGZHOU
from medconsortium_tongzhou.testing import basic_network
from medconsortium_tongzhou.testing import community
from medconsortium_tongzhou.testing import hospital
from medconsortium_tongzhou.testing import inst
from medconsortium_tongzhou.testing import results
from medconsortium_tongzhou.testing import stats

A = Scope.AREA


def one(
    registry: Registry, network: Network, data: object, target: str, year: int = 2025
) -> tuple[str, float | None]:
    from medconsortium import Statistics

    assert data is None or isinstance(data, Statistics)
    (result,) = results(registry, network, data, target, year)
    return result.status.value, result.measured


# -- 2024: full coverage of public primary care institutions ---------------------------------
def test_coverage_met(registry: Registry) -> None:
    assert one(registry, basic_network(), None, "tongzhou.2024.primary_care_coverage", 2024) == ("met", 100.0)


def test_coverage_not_met_when_a_public_centre_is_outside(registry: Registry) -> None:
    net = basic_network(extra=[inst("outside")])
    status, measured = one(registry, net, None, "tongzhou.2024.primary_care_coverage", 2024)
    assert status == "not_met"
    assert measured == 75.0


def test_coverage_ignores_private_institutions(registry: Registry) -> None:
    private = inst("p", InstitutionType.COMMUNITY_HEALTH_STATION, ownership=Ownership.PRIVATE)
    net = basic_network(extra=[private])
    assert one(registry, net, None, "tongzhou.2024.primary_care_coverage", 2024)[0] == "met"


def test_coverage_without_primary_care_is_not_assessable(registry: Registry) -> None:
    net = Network((hospital(),), ())
    assert one(registry, net, None, "tongzhou.2024.primary_care_coverage", 2024)[0] == "not_assessable"


def test_coverage_not_due_before_2024(registry: Registry) -> None:
    assert results(registry, basic_network(), None, "tongzhou.2024.primary_care_coverage", 2023) == []


# -- 2025 thresholds -------------------------------------------------------------------------
THRESHOLDS = [
    (
        "tongzhou.2025.county_outpatient_rate",
        "residents_outpatient_in_county",
        "residents_outpatient_total",
        90,
    ),
    (
        "tongzhou.2025.county_inpatient_rate",
        "residents_admissions_in_county",
        "residents_admissions_total",
        90,
    ),
    (
        "tongzhou.2025.primary_care_oe_share",
        "primary_care_outpatient_emergency_visits",
        "outpatient_emergency_visits",
        70,
    ),
]


@pytest.mark.parametrize(("target", "numerator", "denominator", "threshold"), THRESHOLDS)
def test_2025_thresholds(
    registry: Registry, target: str, numerator: str, denominator: str, threshold: int
) -> None:
    net = basic_network()

    def with_share(share: float, year: int = 2025) -> Statistics:
        return stats((A, TONGZHOU, year, {numerator: share * 10, denominator: 1000}))

    assert one(registry, net, with_share(threshold), target) == ("met", threshold)
    assert one(registry, net, with_share(threshold - 0.1), target)[0] == "not_met"
    assert one(registry, net, stats((A, TONGZHOU, 2025, {denominator: 1000})), target)[0] == "not_assessable"
    assert one(registry, net, None, target)[0] == "not_assessable"
    # Due from 2025 on ("到2025年底"); what is to stay ("稳定在90%以上") is assessed every
    # year after, the rest is a goal for 2025.
    assert results(registry, net, None, target, 2024) == []
    later = stats((A, TONGZHOU, 2027, {numerator: threshold * 10, denominator: 1000}))
    if registry.targets[target].item.ongoing:
        assert one(registry, net, later, target, 2027)[0] == "met"
    else:
        assert results(registry, net, later, target, 2027) == []


def test_only_what_is_to_stay_continues(registry: Registry) -> None:
    # "县域门诊就诊率，住院率稳定在90%以上，县域内基层医疗卫生机构门急诊占比不低于70%"
    ongoing = {key for key, e in registry.targets.items() if e.plugin == "tongzhou" and e.item.ongoing}
    assert ongoing == {"tongzhou.2025.county_outpatient_rate", "tongzhou.2025.county_inpatient_rate"}


# -- rising year on year ---------------------------------------------------------------------
TRENDS = [
    ("tongzhou.2025.primary_care_visit_share", "primary_care_visits", "total_visits"),
    ("tongzhou.2025.primary_care_admission_share", "primary_care_admissions", "admissions"),
]


@pytest.mark.parametrize(("target", "numerator", "denominator"), TRENDS)
def test_rising_year_on_year(registry: Registry, target: str, numerator: str, denominator: str) -> None:
    net = basic_network()

    def two_years(before: float, after: float) -> Statistics:
        return stats(
            (A, TONGZHOU, 2024, {numerator: before, denominator: 100}),
            (A, TONGZHOU, 2025, {numerator: after, denominator: 100}),
        )

    assert one(registry, net, two_years(60, 61), target)[0] == "met"
    assert one(registry, net, two_years(60, 60), target)[0] == "not_met"
    assert one(registry, net, two_years(60, 59), target)[0] == "not_met"
    only_2025 = stats((A, TONGZHOU, 2025, {numerator: 61, denominator: 100}))
    assert one(registry, net, only_2025, target)[0] == "not_assessable"
    # "到2025年底 ... 逐年提升": assessed in 2024 and 2025 only.
    assert len(results(registry, net, None, target, 2024)) == 1
    assert results(registry, net, None, target, 2026) == []


# -- reserved resources, each on its own, at the lead hospitals -------------------------------
RESERVED = [
    ("tongzhou.reserved_specialist_slot", "tongzhou_reserved_specialist_slots", "tongzhou_specialist_slots"),
    ("tongzhou.reserved_inpatient_bed", "tongzhou_reserved_inpatient_beds", "tongzhou_inpatient_beds"),
    (
        "tongzhou.reserved_booked_examination",
        "tongzhou_reserved_booked_examinations",
        "tongzhou_booked_examinations",
    ),
]


@pytest.mark.parametrize(("target", "reserved", "total"), RESERVED)
def test_reserved_resources(registry: Registry, target: str, reserved: str, total: str) -> None:
    net = basic_network()
    i = Scope.INSTITUTION

    def at_lead(values: dict[str, float]) -> Statistics:
        return stats((i, "h", 2025, values))

    (met,) = results(registry, net, at_lead({reserved: 20, total: 100}), target)
    assert (met.subject, met.status.value, met.expected) == ("h", "met", 20)
    assert one(registry, net, at_lead({reserved: 19, total: 100}), target)[0] == "not_met"
    assert one(registry, net, at_lead({total: 100}), target)[0] == "not_assessable"
    # Assessed from the plan's issue (2024) on.
    assert len(results(registry, net, None, target, 2024)) == 1


def test_reserved_resources_are_separate(registry: Registry) -> None:
    data = stats(
        (
            Scope.INSTITUTION,
            "h",
            2025,
            {
                "tongzhou_reserved_specialist_slots": 30,
                "tongzhou_specialist_slots": 100,
                "tongzhou_reserved_inpatient_beds": 10,
                "tongzhou_inpatient_beds": 100,
            },
        )
    )
    net = basic_network()
    assert one(registry, net, data, "tongzhou.reserved_specialist_slot")[0] == "met"
    assert one(registry, net, data, "tongzhou.reserved_inpatient_bed")[0] == "not_met"
    assert one(registry, net, data, "tongzhou.reserved_booked_examination")[0] == "not_assessable"


# -- grade 3 and 4 surgeries at the leads ----------------------------------------------------
def test_lead_surgery_share_rising(registry: Registry) -> None:
    net = basic_network()
    t = "tongzhou.lead_grade34_surgery_share"
    i = Scope.INSTITUTION

    def share(before: float, after: float) -> Statistics:
        return stats(
            (i, "h", 2024, {"grade34_surgeries": before, "surgeries": 100}),
            (i, "h", 2025, {"grade34_surgeries": after, "surgeries": 100}),
        )

    assert one(registry, net, share(40, 42), t) == ("met", 42.0)
    assert one(registry, net, share(40, 39), t)[0] == "not_met"
    assert one(registry, net, stats((i, "h", 2025, {"grade34_surgeries": 1, "surgeries": 2})), t)[0] == (
        "not_assessable"
    )


# -- assessment indicators of 六（三）: monitored, no threshold -------------------------------
MONITORED = [
    (
        "tongzhou.assess.lead_primary_visit_rate",
        Scope.CONSORTIUM,
        "cc",
        {"primary_care_visits": 1, "total_visits": 50},
    ),
    (
        "tongzhou.assess.lead_in_district_visit_rate",
        Scope.CONSORTIUM,
        "cc",
        {"residents_visits_in_county": 1, "residents_visits_total": 50},
    ),
    (
        "tongzhou.assess.lead_downward_referral_rate",
        Scope.INSTITUTION,
        "h",
        {"referrals_down": 1, "discharges": 50},
    ),
    (
        "tongzhou.assess.member_in_district_upward_rate",
        Scope.INSTITUTION,
        "c1",
        {"tongzhou_referrals_up_in_district": 1, "referrals_up": 50},
    ),
    ("tongzhou.assess.member_satisfaction", Scope.INSTITUTION, "c1", {"tongzhou_satisfaction_rate": 2}),
]


@pytest.mark.parametrize(("target", "scope", "subject", "values"), MONITORED)
def test_monitored_indicators(
    registry: Registry, target: str, scope: Scope, subject: str, values: dict[str, float]
) -> None:
    net = basic_network()
    found = {r.subject: r for r in results(registry, net, stats((scope, subject, 2025, values)), target)}
    # Even a value as low as 2% is reported, never judged: the text gives no number.
    assert found[subject].status.value == "not_scored"
    assert found[subject].measured == 2.0
    assert found[subject].operator is None
    missing = {r.subject: r.status.value for r in results(registry, net, None, target)}
    assert missing[subject] == "not_assessable"


def test_member_indicators_are_for_centres_only(registry: Registry) -> None:
    subjects = {
        r.subject for r in results(registry, basic_network(), None, "tongzhou.assess.member_satisfaction")
    }
    assert subjects == {"c1", "c2"}  # not the lead h, not the village clinic v1


@pytest.mark.parametrize(
    "target",
    [
        "tongzhou.2024.support_policies",
        "tongzhou.2025.built",
        "tongzhou.2025.insurance_efficiency",
        "tongzhou.2025.standardised_members",
        "tongzhou.assess.cost_control",
        "tongzhou.assess.member_public_health_quality",
    ],
)
def test_qualitative_targets_are_shown_not_scored(registry: Registry, target: str) -> None:
    deadline = registry.targets[target].item.deadline
    (result,) = results(registry, basic_network(), None, target, deadline.year if deadline else 2025)
    assert (result.subject, result.status.value, result.indicator) == (None, "not_scored", None)


def test_two_communities_each_get_their_own_lead_result(registry: Registry) -> None:
    net = Network(
        (hospital(), hospital("t", InstitutionType.COUNTY_TCM_HOSPITAL), inst("c1"), inst("c2")),
        (community("a", "h", ["c1"]), community("b", "t", ["c2"])),
    )
    found = results(registry, net, None, "tongzhou.reserved_inpatient_bed")
    assert sorted(r.subject or "" for r in found) == ["h", "t"]
