"""Every target: met, not met, and not assessable (missing data); deadlines and scopes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Integration
from medconsortium import MeasureContext
from medconsortium import MemberRole
from medconsortium import Membership
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import Scope
from medconsortium import Statistics
from medconsortium import assess
from medconsortium_jiangsu.reference import PROVINCIAL_ALLIANCES

from .test_rules import CCM
from .test_rules import CMG
from .test_rules import TELE
from .test_rules import inst as rules_inst


def inst(
    id: str,
    type: InstitutionType = InstitutionType.COUNTY_HOSPITAL,
    level: InstitutionLevel = InstitutionLevel.SECONDARY,
    **kw: Any,
) -> Institution:
    """As the rules' tests build them, a county hospital of the test county in 城关镇 unless told."""
    return rules_inst(id, type, level, **{"township": "城关镇", **kw})


# Short names for the members the targets' networks are built from.
THC, VC, U = InstitutionType.TOWNSHIP_HEALTH_CENTRE, InstitutionType.VILLAGE_CLINIC, InstitutionLevel.UNRATED


def cons(
    id: str,
    kind: ConsortiumKind,
    lead: str,
    members: tuple[str, ...] = (),
    grid: tuple[str, ...] = (),
    division: str = "320924",
    name: str | None = None,
) -> Consortium:
    return Consortium(
        id,
        name or id,
        kind,
        division,
        (Membership(lead, MemberRole.LEAD), *(Membership(m) for m in members)),
        integration=Integration.TIGHT if kind in (CMG, CCM) else None,
        grid=frozenset(grid),
    )


def stats(rows: Mapping[tuple[Scope, str, int], Mapping[str, float]]) -> Statistics:
    return Statistics.from_values((s, i, y, v) for (s, i, y), v in rows.items())


def target_results(
    registry: Registry,
    network: Network,
    target: str,
    statistics: Statistics | None = None,
    year: int | None = None,
) -> dict[str | None, str]:
    """Results of ``target``, in ``year`` (default: the target's deadline year, else 2020)."""
    if year is None:
        deadline = registry.targets[target].item.deadline
        year = deadline.year if deadline is not None else 2020
    report = assess(network, statistics, registry, registry.jurisdiction("jiangsu"), year)
    return {t.subject: t.status.value for t in report.targets if t.target == target}


HOSP = inst("hosp")
THC1 = inst("thc1", THC, U)
VC1 = inst("vc1", VC, U)
THC2 = inst("thc2", THC, U, township="临海镇")
BASE = (HOSP, THC1, VC1, THC2)


# -- coverage targets over the network ------------------------------------------------------
class TestGridLayout:
    T = "jiangsu.2019.grid_layout"

    def test_every_township_in_one_grid_is_met(self, registry: Registry) -> None:
        net = Network(BASE, (cons("c", CCM, "hosp", ("thc1", "vc1", "thc2"), ("城关镇", "临海镇")),))
        assert target_results(registry, net, self.T) == {"320000": "met"}

    def test_a_gap_is_not_met(self, registry: Registry) -> None:
        net = Network(BASE, (cons("c", CCM, "hosp", ("thc1", "vc1"), ("城关镇",)),))
        assert target_results(registry, net, self.T) == {"320000": "not_met"}

    def test_an_unstated_grid_is_not_assessable(self, registry: Registry) -> None:
        net = Network(BASE, (cons("c", CCM, "hosp", ("thc1", "vc1", "thc2")),))
        assert target_results(registry, net, self.T) == {"320000": "not_assessable"}

    def test_due_from_2019_not_before(self, registry: Registry) -> None:
        net = Network(BASE, (cons("c", CCM, "hosp", ("thc1",), ("城关镇",)),))
        assert target_results(registry, net, self.T, year=2018) == {}
        assert target_results(registry, net, self.T, year=2019) == {"320000": "not_met"}
        # A goal for 2019年3月底: not scored again in later years.
        assert target_results(registry, net, self.T, year=2023) == {}


@pytest.mark.parametrize(
    "target", ["jiangsu.2019.government_coverage", "jiangsu.2019.government_primary_coverage"]
)
def test_government_institutions_in_a_consortium(registry: Registry, target: str) -> None:
    everyone = Network(BASE, (cons("c", CCM, "hosp", ("thc1", "vc1", "thc2")),))
    not_thc2 = Network(BASE, (cons("c", CCM, "hosp", ("thc1", "vc1")),))
    private_only = Network((inst("p", THC, U, ownership=Ownership.PRIVATE),))
    assert target_results(registry, everyone, target) == {"320000": "met"}
    assert target_results(registry, not_thc2, target) == {"320000": "not_met"}
    assert target_results(registry, private_only, target) == {"320000": "not_assessable"}


def test_government_primary_coverage_ignores_hospitals(registry: Registry) -> None:
    # The county hospital is outside any consortium, but it is not a primary care institution.
    net = Network(BASE, (cons("c", CCM, "thc1", ("vc1", "thc2")),))
    assert target_results(registry, net, "jiangsu.2019.government_primary_coverage") == {"320000": "met"}
    assert target_results(registry, net, "jiangsu.2019.government_coverage") == {"320000": "not_met"}


def test_telemedicine_coverage(registry: Registry) -> None:
    t = "jiangsu.2019.telemedicine_coverage"
    covering = cons("tm", TELE, "hosp", ("thc1", "thc2"))
    partial = cons("tm", TELE, "hosp", ("thc1",))
    # A county medical community is not a telemedicine network.
    community = cons("c", CCM, "hosp", ("thc1", "thc2"))
    assert target_results(registry, Network(BASE, (covering,)), t) == {"320000": "met"}
    assert target_results(registry, Network(BASE, (partial,)), t) == {"320000": "not_met"}
    assert target_results(registry, Network(BASE, (community,)), t) == {"320000": "not_met"}
    assert target_results(registry, Network((HOSP, VC1)), t) == {"320000": "not_assessable"}


def _alliance_network(count: int) -> Network:
    lead = Institution(
        "l",
        "江苏省人民医院",
        InstitutionLevel.TERTIARY,
        InstitutionType.GENERAL_HOSPITAL,
        Ownership.PUBLIC,
        "320000",
    )
    consortia = tuple(
        cons(f"a{n}", ConsortiumKind.SPECIALTY_ALLIANCE, "l", division="320000", name=name)
        for n, (name, _) in enumerate(PROVINCIAL_ALLIANCES[:count])
    )
    return Network((lead,), consortia)


def test_provincial_alliances_built(registry: Registry) -> None:
    t = "jiangsu.2019.provincial_alliances"
    assert target_results(registry, _alliance_network(19), t) == {"320000": "met"}
    assert target_results(registry, _alliance_network(17), t) == {"320000": "not_met"}


def test_provincial_alliances_are_counted_for_the_province_only(registry: Registry) -> None:
    indicator = registry.indicators["jiangsu_provincial_alliances"].item
    ctx = MeasureContext(None, _alliance_network(19), "320924")
    assert indicator.measure(ctx, Scope.AREA, "320000", 2020) == 19
    assert indicator.measure(ctx, Scope.AREA, "320924", 2020) is None
    assert indicator.measure(MeasureContext(None, None, "320000"), Scope.AREA, "320000", 2020) is None


# -- targets over statistics ----------------------------------------------------------------
A = Scope.AREA
INST = Scope.INSTITUTION
COUNTY_NET = Network(BASE, (cons("c", CCM, "hosp", ("thc1", "vc1", "thc2")),))


def test_county_visit_rate(registry: Registry) -> None:
    t = "jiangsu.2020.county_visit_rate"
    s = stats(
        {
            (A, "320924", 2020): {"residents_visits_in_county": 92, "residents_visits_total": 100},
            (A, "320925", 2020): {"residents_visits_in_county": 89, "residents_visits_total": 100},
            (A, "320902", 2020): {"residents_visits_total": 100},
        }
    )
    assert target_results(registry, COUNTY_NET, t, s) == {
        "320902": "not_assessable",
        "320924": "met",
        "320925": "not_met",
    }
    assert target_results(registry, COUNTY_NET, t, s, year=2019) == {}
    # Without statistics, the counties the network has are each reported as not assessable.
    assert target_results(registry, COUNTY_NET, t, None) == {"320924": "not_assessable"}


@pytest.mark.parametrize(
    ("target", "metric", "met", "not_met"),
    [
        ("jiangsu.2020.referrals_up", "referrals_up", 110, 111),
        ("jiangsu.2020.referrals_down", "referrals_down", 120, 119),
    ],
)
def test_referral_growth(registry: Registry, target: str, metric: str, met: float, not_met: float) -> None:
    s = stats(
        {
            (A, "320924", 2020): {metric: met},
            (A, "320924", 2019): {metric: 100},
            (A, "320925", 2020): {metric: not_met},
            (A, "320925", 2019): {metric: 100},
            (A, "320902", 2020): {metric: met},
        }
    )
    assert target_results(registry, COUNTY_NET, target, s, year=2020) == {
        "320902": "not_assessable",
        "320924": "met",
        "320925": "not_met",
    }
    # "到2020年…每年": every year up to 2020 (2019 compares with 2018), none after.
    s2019 = stats({(A, "320924", 2019): {metric: met}, (A, "320924", 2018): {metric: 100}})
    assert target_results(registry, COUNTY_NET, target, s2019, year=2019)["320924"] == "met"
    s2021 = stats({(A, "320924", 2021): {metric: met * met / 100}, (A, "320924", 2020): {metric: met}})
    assert target_results(registry, COUNTY_NET, target, s2021, year=2021) == {}


LEADS_NET = Network(
    (*BASE, inst("t1", InstitutionType.GENERAL_HOSPITAL, InstitutionLevel.TERTIARY, division="320902")),
    (
        cons("c", CCM, "hosp", ("thc1", "vc1", "thc2")),
        cons("g", CMG, "t1", division="320902"),
        cons("tm", TELE, "thc1"),  # a telemedicine lead is not assessed
    ),
)


def test_lead_first_visits_fall_ten_percent(registry: Registry) -> None:
    t = "jiangsu.2020.lead_first_visits"
    s = stats(
        {
            (INST, "hosp", 2019): {"first_visits": 1000},
            (INST, "hosp", 2020): {"first_visits": 900},
            (INST, "t1", 2019): {"first_visits": 1000},
            (INST, "t1", 2020): {"first_visits": 901},
        }
    )
    assert target_results(registry, LEADS_NET, t, s) == {"hosp": "met", "t1": "not_met"}
    missing = stats({(INST, "hosp", 2020): {"first_visits": 900}})
    assert target_results(registry, LEADS_NET, t, missing) == {
        "hosp": "not_assessable",
        "t1": "not_assessable",
    }


def test_lead_alos_one_day_below_2018(registry: Registry) -> None:
    t = "jiangsu.2020.lead_alos"
    s = stats(
        {
            (INST, "hosp", 2018): {"bed_days": 900, "discharges": 100},
            (INST, "hosp", 2020): {"bed_days": 800, "discharges": 100},
            (INST, "t1", 2018): {"bed_days": 900, "discharges": 100},
            (INST, "t1", 2020): {"bed_days": 850, "discharges": 100},
        }
    )
    assert target_results(registry, LEADS_NET, t, s) == {"hosp": "met", "t1": "not_met"}
    no_base = stats({(INST, "hosp", 2020): {"bed_days": 800, "discharges": 100}})
    assert target_results(registry, LEADS_NET, t, no_base)["hosp"] == "not_assessable"


def test_annual_assessment(registry: Registry) -> None:
    t = "jiangsu.annual_assessment"
    metric = "jiangsu_comprehensive_assessments"
    assert target_results(registry, COUNTY_NET, t, stats({(A, "320000", 2019): {metric: 1}}), 2019) == {
        "320000": "met"
    }
    assert target_results(registry, COUNTY_NET, t, stats({(A, "320000", 2019): {metric: 0}}), 2019) == {
        "320000": "not_met"
    }
    assert target_results(registry, COUNTY_NET, t, stats({}), 2019) == {"320000": "not_assessable"}
    assert target_results(registry, COUNTY_NET, t, stats({}), 2018) == {}


def test_the_provinces_annual_assessment_is_not_scored_below_it(county_registry: Registry) -> None:
    # "我委…每年至少进行一次综合考核" is the provincial commission's duty: assessed for the
    # province, and not per county in an assessment of a county below Jiangsu.
    metric = "jiangsu_comprehensive_assessments"
    data = stats({(A, "320924", 2019): {metric: 0}, (A, "320000", 2019): {metric: 1}})
    county = assess(COUNTY_NET, data, county_registry, county_registry.jurisdiction("320924"), 2019)
    assert [t.subject for t in county.targets if t.target == "jiangsu.annual_assessment"] == []
    province = assess(COUNTY_NET, data, county_registry, county_registry.jurisdiction("jiangsu"), 2019)
    assert [
        (t.subject, t.status.value) for t in province.targets if t.target == "jiangsu.annual_assessment"
    ] == [("320000", "met")]


# -- 四（三） 逐步减少患者就诊跨省级行政区域流动: a falling trend, never a number ----------------
OUT = "jiangsu_out_of_province_visits"


@pytest.mark.parametrize(
    ("visits_2020", "status"), [(900, "met"), (1000, "not_met"), (1100, "not_met"), (None, "not_assessable")]
)
def test_out_of_province_visits_fall_year_on_year(
    registry: Registry, visits_2020: int | None, status: str
) -> None:
    t = "jiangsu.out_of_province_visits"
    rows: dict[tuple[Scope, str, int], Mapping[str, float]] = {(A, "320000", 2019): {OUT: 1000}}
    if visits_2020 is not None:
        rows[(A, "320000", 2020)] = {OUT: visits_2020}
    assert target_results(registry, COUNTY_NET, t, stats(rows), 2020) == {"320000": status}
    # No previous year to compare with: not assessable, never met.
    assert target_results(registry, COUNTY_NET, t, stats({(A, "320000", 2020): {OUT: 1}}), 2020) == {
        "320000": "not_assessable"
    }
    # In force from the plan (2019) on.
    assert target_results(registry, COUNTY_NET, t, stats(rows), 2018) == {}
    item = registry.targets[t].item
    assert item.operator is not None and item.operator.value == "falling" and item.value is None


def test_the_cross_province_flow_is_the_provinces_not_a_countys(county_registry: Registry) -> None:
    rows = {(A, "320924", 2019): {OUT: 10}, (A, "320924", 2020): {OUT: 20}}
    county = assess(COUNTY_NET, stats(rows), county_registry, county_registry.jurisdiction("320924"), 2020)
    assert [t.subject for t in county.targets if t.target == "jiangsu.out_of_province_visits"] == []


@pytest.mark.parametrize(
    ("target", "first_year"),
    [
        ("jiangsu.2019.county_communities_started", 2019),
        ("jiangsu.2019.city_groups_started", 2019),
        ("jiangsu.2019.city_specialty_alliances", 2019),
        ("jiangsu.2020.service_system", 2020),
    ],
)
def test_qualitative_targets_are_shown_not_scored(registry: Registry, target: str, first_year: int) -> None:
    assert target_results(registry, COUNTY_NET, target, year=first_year) == {None: "not_scored"}
    assert target_results(registry, COUNTY_NET, target, year=first_year - 1) == {}


def test_every_target_has_a_test() -> None:
    # Keeps this module honest when a target is added to the plugin.
    from medconsortium_jiangsu.targets import TARGETS

    tested = {
        "jiangsu.2019.grid_layout",
        "jiangsu.2019.government_coverage",
        "jiangsu.2019.government_primary_coverage",
        "jiangsu.2019.telemedicine_coverage",
        "jiangsu.2019.provincial_alliances",
        "jiangsu.2020.county_visit_rate",
        "jiangsu.2020.referrals_up",
        "jiangsu.2020.referrals_down",
        "jiangsu.2020.lead_first_visits",
        "jiangsu.2020.lead_alos",
        "jiangsu.annual_assessment",
        "jiangsu.out_of_province_visits",
        "jiangsu.2019.county_communities_started",
        "jiangsu.2019.city_groups_started",
        "jiangsu.2019.city_specialty_alliances",
        "jiangsu.2020.service_system",
    }
    assert {t.id for t in TARGETS} == tested
    assert dt.date(2019, 3, 31) in {t.deadline for t in TARGETS}
