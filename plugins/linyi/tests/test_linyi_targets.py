"""Targets of 临政办发〔2017〕60号: met, not met and missing data for each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Jurisdiction
from medconsortium import MemberRole
from medconsortium import Membership
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import Scope
from medconsortium import Statistics
from medconsortium import TargetResult
from medconsortium import TargetStatus
from medconsortium import assess

T = InstitutionType
L = InstitutionLevel


def inst(
    id: str,
    type: InstitutionType,
    level: InstitutionLevel,
    division: str,
    ownership: Ownership = Ownership.GOVERNMENT,
) -> Institution:
    return Institution(id, f"示例{id}", level, type, ownership, division)


def group(id: str, lead: str, *members: str, formed: dt.date = dt.date(2017, 11, 1)) -> Consortium:
    return Consortium(
        id,
        f"示例{id}",
        ConsortiumKind.CITY_MEDICAL_GROUP,
        "371302",
        (Membership(lead, MemberRole.LEAD), *(Membership(m) for m in members)),
        formed=formed,
    )


def stats(*rows: tuple[Scope, str, int, Mapping[str, float]]) -> Statistics:
    return Statistics.from_values(rows, synthetic=True)


def results(
    registry: Registry,
    linyi: Jurisdiction,
    target: str,
    year: int,
    network: Network,
    statistics: Statistics | None = None,
) -> list[TargetResult]:
    report = assess(network, statistics, registry, linyi, year)
    return [t for t in report.targets if t.target == target]


def single(found: list[TargetResult]) -> TargetResult:
    assert len(found) == 1, found
    return found[0]


EMPTY = Network(())
H3 = inst("h3", T.GENERAL_HOSPITAL, L.TERTIARY, "371302")
CHC = inst("chc", T.COMMUNITY_HEALTH_CENTRE, L.UNRATED, "371302")
VC = inst("vc", T.VILLAGE_CLINIC, L.UNRATED, "371327", Ownership.PRIVATE)


# -- 2017 ---------------------------------------------------------------------------------------------
def test_primary_care_coverage_counts_every_ownership(registry: Registry, linyi: Jurisdiction) -> None:
    target = "linyi.2017.primary_care_coverage"
    full = Network((H3, CHC, VC), (group("g", "h3", "chc", "vc"),))
    assert single(results(registry, linyi, target, 2017, full)).status is TargetStatus.MET
    # The private village clinic is outside: 50 %.
    partial = Network((H3, CHC, VC), (group("g", "h3", "chc"),))
    result = single(results(registry, linyi, target, 2017, partial))
    assert (result.status, result.measured) == (TargetStatus.NOT_MET, 50.0)
    # A consortium formed in 2018 does not cover 2017.
    late = Network((H3, CHC, VC), (group("g", "h3", "chc", "vc", formed=dt.date(2018, 1, 1)),))
    assert single(results(registry, linyi, target, 2017, late)).measured == 0.0


def test_primary_care_coverage_without_primary_care_is_not_assessable(
    registry: Registry, linyi: Jurisdiction
) -> None:
    net = Network((H3,), (group("g", "h3"),))
    result = single(results(registry, linyi, "linyi.2017.primary_care_coverage", 2017, net))
    assert result.status is TargetStatus.NOT_ASSESSABLE


def test_public_institutions_started(registry: Registry, linyi: Jurisdiction) -> None:
    target = "linyi.2017.public_institutions_started"
    h2 = inst("h2", T.GENERAL_HOSPITAL, L.SECONDARY, "371311")
    cdc = inst("cdc", T.CDC, L.UNRATED, "371302")
    # The CDC is not a medical institution and the private clinic is not public: both ignored.
    met = Network((H3, h2, cdc, VC), (group("g", "h3", "h2"),))
    assert single(results(registry, linyi, target, 2017, met)).status is TargetStatus.MET
    not_met = Network((H3, h2, cdc, VC), (group("g", "h3"),))
    assert single(results(registry, linyi, target, 2017, not_met)).status is TargetStatus.NOT_MET
    only_private = Network((VC,))
    assert single(results(registry, linyi, target, 2017, only_private)).status is TargetStatus.NOT_ASSESSABLE


def test_county_plans(registry: Registry, linyi: Jurisdiction) -> None:
    data = stats(
        (Scope.AREA, "371327", 2017, {"linyi_county_plan_on_time": 1}),
        (Scope.AREA, "371328", 2017, {"linyi_county_plan_on_time": 0}),
        (Scope.AREA, "371329", 2017, {"referrals_down": 10}),
    )
    found = {
        r.subject: r.status for r in results(registry, linyi, "linyi.2017.county_plans", 2017, EMPTY, data)
    }
    assert found == {
        "371327": TargetStatus.MET,
        "371328": TargetStatus.NOT_MET,
        "371329": TargetStatus.NOT_ASSESSABLE,
    }


def test_2017_targets_are_not_assessed_in_2018(registry: Registry, linyi: Jurisdiction) -> None:
    report = assess(EMPTY, None, registry, linyi, 2018)
    assert not [t for t in report.targets if t.target.startswith("linyi.2017.")]


# -- 2018 ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("before", "after", "status"),
    [
        (1000, 1100, TargetStatus.MET),
        (1000, 1099, TargetStatus.NOT_MET),
        (None, 1100, TargetStatus.NOT_ASSESSABLE),
    ],
)
def test_downward_referrals_grow_ten_percent(
    registry: Registry, linyi: Jurisdiction, before: float | None, after: float, status: TargetStatus
) -> None:
    rows = [(Scope.AREA, "371300", 2018, {"referrals_down_within_consortium": after})]
    if before is not None:
        rows.append((Scope.AREA, "371300", 2017, {"referrals_down_within_consortium": before}))
    data = Statistics.from_values(rows)
    assert single(results(registry, linyi, "linyi.2018.referrals_down", 2018, EMPTY, data)).status is status


def test_only_downward_referrals_within_a_consortium_count(registry: Registry, linyi: Jurisdiction) -> None:
    # "医联体内": every downward referral doubled, but those within a consortium did not grow.
    data = Statistics.from_values(
        [
            (Scope.AREA, "371300", 2017, {"referrals_down": 1000, "referrals_down_within_consortium": 800}),
            (Scope.AREA, "371300", 2018, {"referrals_down": 2000, "referrals_down_within_consortium": 800}),
        ]
    )
    result = single(results(registry, linyi, "linyi.2018.referrals_down", 2018, EMPTY, data))
    assert result.status is TargetStatus.NOT_MET


@pytest.mark.parametrize(
    ("first", "primary", "status"),
    [
        (1000, 950, TargetStatus.MET),
        (1000, 949, TargetStatus.NOT_MET),
        (None, 950, TargetStatus.NOT_ASSESSABLE),
    ],
)
def test_primary_first_visit_rate(
    registry: Registry, linyi: Jurisdiction, first: float | None, primary: float, status: TargetStatus
) -> None:
    values = {"primary_care_first_visits": primary}
    if first is not None:
        values["first_visits"] = first
    data = stats((Scope.AREA, "371300", 2018, values))
    result = single(results(registry, linyi, "linyi.2018.primary_first_visit_rate", 2018, EMPTY, data))
    assert result.status is status


TERTIARY_NET = Network(
    (
        inst("a", T.GENERAL_HOSPITAL, L.TERTIARY, "371302"),
        inst("b", T.TCM_HOSPITAL, L.TERTIARY, "371323"),
        # A grade 3B county hospital is not a city tertiary hospital: never summed.
        inst("county", T.COUNTY_HOSPITAL, L.TERTIARY, "371327"),
    )
)


def _outpatients(a: tuple[float, float], b: tuple[float, float] | None) -> Statistics:
    rows: list[tuple[Scope, str, int, Mapping[str, float]]] = [
        (Scope.INSTITUTION, "a", 2017, {"outpatient_visits": a[0]}),
        (Scope.INSTITUTION, "a", 2018, {"outpatient_visits": a[1]}),
        (Scope.INSTITUTION, "county", 2017, {"outpatient_visits": 100}),
        (Scope.INSTITUTION, "county", 2018, {"outpatient_visits": 1000}),
    ]
    if b is not None:
        rows += [
            (Scope.INSTITUTION, "b", 2017, {"outpatient_visits": b[0]}),
            (Scope.INSTITUTION, "b", 2018, {"outpatient_visits": b[1]}),
        ]
    return Statistics.from_values(rows)


@pytest.mark.parametrize(
    ("a", "b", "status", "measured"),
    [
        ((600, 540), (400, 360), TargetStatus.MET, -10.0),
        ((600, 600), (400, 350), TargetStatus.NOT_MET, -5.0),
        ((600, 500), None, TargetStatus.NOT_ASSESSABLE, None),
    ],
)
def test_city_tertiary_outpatients_fall_ten_percent(
    registry: Registry,
    linyi: Jurisdiction,
    a: tuple[float, float],
    b: tuple[float, float] | None,
    status: TargetStatus,
    measured: float | None,
) -> None:
    target = "linyi.2018.city_tertiary_outpatients"
    result = single(results(registry, linyi, target, 2018, TERTIARY_NET, _outpatients(a, b)))
    assert (result.status, result.measured) == (status, measured)


def test_city_tertiary_outpatients_without_statistics(registry: Registry, linyi: Jurisdiction) -> None:
    result = single(results(registry, linyi, "linyi.2018.city_tertiary_outpatients", 2018, TERTIARY_NET))
    assert result.status is TargetStatus.NOT_ASSESSABLE


def test_2018_targets_are_for_2018_only(registry: Registry, linyi: Jurisdiction) -> None:
    for year in (2017, 2019):
        report = assess(EMPTY, None, registry, linyi, year)
        assert not [t for t in report.targets if t.target.startswith("linyi.2018.")], year


# -- 2020 ---------------------------------------------------------------------------------------------
def test_tiered_care_is_shown_from_2020_not_scored(registry: Registry, linyi: Jurisdiction) -> None:
    assert not results(registry, linyi, "linyi.2020.tiered_care", 2019, EMPTY)
    result = single(results(registry, linyi, "linyi.2020.tiered_care", 2020, EMPTY))
    assert result.status is TargetStatus.NOT_SCORED
