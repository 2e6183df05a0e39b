"""The national baseline (国卫医发〔2016〕75号): pass, fail and missing data for every rule,
referral rule, target and network indicator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs
import pytest
from core_support import cons, inst, stats

from medconsortium import (
    NATION,
    ClinicalPhase,
    ConsortiumKind,
    Finding,
    FindingStatus,
    Institution,
    InstitutionLevel,
    InstitutionType,
    MeasureContext,
    MemberRole,
    Membership,
    Network,
    Ownership,
    Referral,
    Registry,
    Scope,
    TargetStatus,
    assess,
    check_referral,
    run_rules,
)

PASS, FAIL, NA = FindingStatus.PASS, FindingStatus.FAIL, FindingStatus.NOT_ASSESSABLE
ADVISORY = FindingStatus.ADVISORY
DAY = dt.date(2024, 6, 30)
T, S = InstitutionLevel.TERTIARY, InstitutionLevel.SECONDARY
U = InstitutionLevel.UNRATED
IT = InstitutionType

CMG = ConsortiumKind.CITY_MEDICAL_GROUP
CCM = ConsortiumKind.COUNTY_MEDICAL_COMMUNITY
URB = ConsortiumKind.URBAN_RURAL

CENTRES = ("imaging_centre", "laboratory_centre", "disinfection_supply_centre", "logistics_centre")


def _statuses(registry: Registry, network: Network, rule_id: str) -> dict[str, FindingStatus]:
    found = run_rules(network, registry, NATION, DAY)
    return {f.subjects[0]: f.status for f in found if f.rule == rule_id}


def _net(institutions: Sequence[Institution], *consortia: object) -> Network:
    return Network(tuple(institutions), tuple(consortia))  # type: ignore[arg-type]


CITY_INSTS = (
    inst("t1", IT.GENERAL_HOSPITAL, T),
    inst("t2", IT.GENERAL_HOSPITAL, T),
    inst("s1", IT.GENERAL_HOSPITAL, S),
    inst("chc", IT.COMMUNITY_HEALTH_CENTRE, U),
)
COUNTY_INSTS = (
    inst("ch", IT.COUNTY_HOSPITAL, S),
    inst("gh", IT.GENERAL_HOSPITAL, S),
    inst("thc", IT.TOWNSHIP_HEALTH_CENTRE, U),
    inst("cthc", IT.CENTRAL_TOWNSHIP_HEALTH_CENTRE, U),
    inst("vc", IT.VILLAGE_CLINIC, U),
    inst("t3", IT.GENERAL_HOSPITAL, T),
)


# -- 1+X: a city medical group led by one tertiary hospital -------------------------------
def test_city_group_lead(core_registry: Registry) -> None:
    net = _net(
        CITY_INSTS,
        cons("ok", "t1", ["s1", "chc"], kind=CMG),
        cons("secondary", "s1", ["chc"], kind=CMG),
        cons("two", "t1", [Membership("t2", MemberRole.LEAD)], kind=CMG),
    )
    got = _statuses(core_registry, net, "national.city_group_lead")
    # "是城市开展医联体建设的主要模式": the main model, not a requirement: advisory, never fail.
    assert got == {"ok": PASS, "secondary": ADVISORY, "two": ADVISORY}


def test_city_group_lead_without_city_groups(core_registry: Registry) -> None:
    net = _net(COUNTY_INSTS, cons("ccm", "ch", ["thc", "vc"]))
    assert _statuses(core_registry, net, "national.city_group_lead") == {NATION.code: NA}


# -- county medical community: county hospital lead, township centres and village clinics --
def test_county_community_lead(core_registry: Registry) -> None:
    tcm = inst("tcm", IT.COUNTY_TCM_HOSPITAL, S)
    net = _net(
        (*COUNTY_INSTS, tcm),
        cons("ok", "ch", ["thc", "vc"]),
        cons("tcm-led", "tcm", ["cthc"]),
        cons("general", "gh", ["thc"]),
    )
    got = _statuses(core_registry, net, "national.county_community_lead")
    # "重点探索": a model to explore, not a requirement: advisory, never fail.
    assert got == {"ok": PASS, "tcm-led": PASS, "general": ADVISORY}


def test_a_lead_that_left_before_the_day_no_longer_leads(core_registry: Registry) -> None:
    # A general hospital led until 2024; the county hospital leads from then on: one lead
    # on the day, the county hospital.
    left = Membership("gh", MemberRole.LEAD, left=dt.date(2024, 1, 1))
    new = Membership("ch", MemberRole.LEAD, joined=dt.date(2024, 1, 1))
    members = (left, new, Membership("thc"), Membership("vc"))
    net = _net(COUNTY_INSTS, attrs.evolve(cons("ccm", "ch", []), members=members))
    assert _statuses(core_registry, net, "national.county_community_lead") == {"ccm": PASS}


def test_county_community_lead_missing(core_registry: Registry) -> None:
    net = _net(CITY_INSTS, cons("cmg", "t1", ["s1"], kind=CMG))
    assert _statuses(core_registry, net, "national.county_community_lead") == {NATION.code: NA}


def test_county_community_members(core_registry: Registry) -> None:
    left = Membership("vc", left=dt.date(2024, 1, 1))
    net = _net(
        COUNTY_INSTS,
        cons("ok", "ch", ["cthc", "vc"]),
        cons("no-clinic", "ch", ["thc"]),
        cons("no-centre", "ch", ["vc"]),
        cons("clinic-left", "ch", ["thc", left]),
    )
    got = _statuses(core_registry, net, "national.county_community_members")
    assert got == {"ok": PASS, "no-clinic": ADVISORY, "no-centre": ADVISORY, "clinic-left": ADVISORY}


def test_county_community_members_missing(core_registry: Registry) -> None:
    net = _net(CITY_INSTS, cons("cmg", "t1", ["s1"], kind=CMG))
    assert _statuses(core_registry, net, "national.county_community_members") == {NATION.code: NA}


# -- the lead ranks highest -----------------------------------------------------------------
def test_lead_seniority(core_registry: Registry) -> None:
    net = _net(
        COUNTY_INSTS,
        cons("ok", "ch", ["thc", "vc"]),
        cons("outranked", "ch", ["t3"]),
        cons("primary-lead", "thc", ["vc"], kind=URB),
        cons("two-leads", "ch", [Membership("gh", MemberRole.LEAD)]),
    )
    got = _statuses(core_registry, net, "national.lead_seniority")
    # A township centre leading only a village clinic is not outranked: both primary care.
    assert got == {"ok": PASS, "outranked": FAIL, "primary-lead": PASS, "two-leads": NA}


def test_lead_seniority_ignores_specialty_alliances(core_registry: Registry) -> None:
    net = _net(COUNTY_INSTS, cons("alliance", "ch", ["t3"], kind=ConsortiumKind.SPECIALTY_ALLIANCE))
    assert _statuses(core_registry, net, "national.lead_seniority") == {NATION.code: NA}


# -- urban-rural consortium led by a city tertiary hospital --------------------------------
def test_urban_rural_lead(core_registry: Registry) -> None:
    net = _net(
        COUNTY_INSTS,
        cons("ok", "t3", ["ch"], kind=URB),
        cons("secondary", "ch", ["thc"], kind=URB),
    )
    got = _statuses(core_registry, net, "national.urban_rural_lead")
    # "可以城市三级医院为牵头单位": permitted, so another lead is advisory, never a failure.
    assert got == {"ok": PASS, "secondary": ADVISORY}
    assert _statuses(core_registry, _net(COUNTY_INSTS), "national.urban_rural_lead") == {NATION.code: NA}


# -- governance facts: resource-sharing centres, mutual recognition ----------------------------
@pytest.mark.parametrize(
    ("rule_id", "facts", "recorded_no"),
    [
        ("national.resource_sharing_centres", CENTRES, FAIL),
        # "推进…检查检验结果互认": encouraged, so a recorded "no" is advisory.
        ("national.mutual_recognition", ("mutual_recognition",), ADVISORY),
    ],
)
def test_fact_rules(
    core_registry: Registry, rule_id: str, facts: tuple[str, ...], recorded_no: FindingStatus
) -> None:
    all_true = dict.fromkeys(facts, True)
    one_false = {**all_true, facts[-1]: False}
    one_absent = {f: True for f in facts[:-1]}
    net = _net(
        COUNTY_INSTS,
        cons("yes", "ch", ["thc", "vc"], facts=all_true),
        cons("no", "ch", ["thc", "vc"], facts=one_false),
        cons("unknown", "ch", ["thc", "vc"], facts=one_absent),
    )
    got = _statuses(core_registry, net, rule_id)
    assert got == {"yes": PASS, "no": recorded_no, "unknown": NA}


def test_fact_rule_failure_wins_over_unknown(core_registry: Registry) -> None:
    facts = {"imaging_centre": False}  # the other three absent
    net = _net(COUNTY_INSTS, cons("c", "ch", ["thc", "vc"], facts=facts))
    assert _statuses(core_registry, net, "national.resource_sharing_centres") == {"c": FAIL}


def test_fact_rules_without_vertical_consortia(core_registry: Registry) -> None:
    net = _net(COUNTY_INSTS, cons("u", "t3", ["ch"], kind=URB, facts=dict.fromkeys(CENTRES, True)))
    assert _statuses(core_registry, net, "national.resource_sharing_centres") == {NATION.code: NA}


# -- referral rules --------------------------------------------------------------------------
REF_NET = _net(COUNTY_INSTS, cons("ccm", "ch", ["thc", "vc"]))


def _referral(source: str, target: str, **kw: object) -> Referral:
    return Referral("r-1", "p-7f3a9c", source, target, dt.datetime(2024, 5, 1, 9, 0), **kw)  # type: ignore[arg-type]


def _referral_statuses(core_registry: Registry, referral: Referral) -> dict[str, FindingStatus]:
    found: tuple[Finding, ...] = check_referral(referral, REF_NET, core_registry, NATION)
    return {f.rule: f.status for f in found}


@pytest.mark.parametrize(("priority", "expected"), [(True, PASS), (False, FAIL), (None, NA)])
def test_upward_priority(core_registry: Registry, priority: bool | None, expected: FindingStatus) -> None:
    got = _referral_statuses(core_registry, _referral("thc", "ch", priority=priority))
    assert got == {"national.upward_priority": expected}


def test_upward_priority_only_within_a_consortium(core_registry: Registry) -> None:
    got = _referral_statuses(core_registry, _referral("thc", "t3", priority=False))
    assert "national.upward_priority" not in got


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        (ClinicalPhase.ACUTE_RECOVERY, PASS),
        (ClinicalPhase.POSTOPERATIVE_RECOVERY, PASS),
        (ClinicalPhase.CRITICAL_STABLE, PASS),
        (None, NA),
    ],
)
def test_downward_phase(
    core_registry: Registry, phase: ClinicalPhase | None, expected: FindingStatus
) -> None:
    got = _referral_statuses(core_registry, _referral("ch", "thc", phase=phase))
    assert got["national.downward_phase"] is expected
    assert "national.upward_priority" not in got


@pytest.mark.parametrize("phase", [ClinicalPhase.ACUTE, ClinicalPhase.CRITICAL, ClinicalPhase.OTHER])
def test_a_permission_is_never_a_prohibition(core_registry: Registry, phase: ClinicalPhase) -> None:
    # "…可转往医联体内下级医疗机构": other phases are outside the clause, not failures of it.
    got = _referral_statuses(core_registry, _referral("ch", "thc", phase=phase))
    assert "national.downward_phase" not in got


def test_downward_phase_only_within_a_consortium(core_registry: Registry) -> None:
    # 医联体内: t3 and thc share no consortium in this network.
    got = _referral_statuses(core_registry, _referral("t3", "thc", phase=ClinicalPhase.ACUTE_RECOVERY))
    assert "national.downward_phase" not in got


def test_resident_id_is_refused_as_patient_key() -> None:
    with pytest.raises(ValueError, match="looks like a resident ID number") as info:
        Referral("r", "11010519491231002X", "thc", "ch", dt.datetime(2024, 5, 1))
    assert "11010519491231002X" not in str(info.value)


# -- targets -----------------------------------------------------------------------------------
def _national_targets(
    core_registry: Registry, year: int, *rows: tuple[int, float, float]
) -> dict[str, TargetStatus]:
    data = stats(
        *((Scope.AREA, NATION.code, y, {"primary_care_visits": p, "total_visits": t}) for y, p, t in rows)
    )
    report = assess(REF_NET, data, core_registry, NATION, year)
    return {r.target: r.status for r in report.targets}


def test_2017_primary_care_share_rising(core_registry: Registry) -> None:
    got = _national_targets(core_registry, 2017, (2016, 40, 100), (2017, 45, 100))
    assert got["national.2017.primary_care_visit_share"] is TargetStatus.MET
    assert got["national.2017.effective_consortia"] is TargetStatus.NOT_SCORED
    got = _national_targets(core_registry, 2017, (2016, 40, 100), (2017, 39, 100))
    assert got["national.2017.primary_care_visit_share"] is TargetStatus.NOT_MET
    got = _national_targets(core_registry, 2017, (2017, 45, 100))
    assert got["national.2017.primary_care_visit_share"] is TargetStatus.NOT_ASSESSABLE


def test_2017_targets_are_not_assessed_in_other_years(core_registry: Registry) -> None:
    got = _national_targets(core_registry, 2018, (2017, 40, 100), (2018, 45, 100))
    assert "national.2017.primary_care_visit_share" not in got
    assert "national.2020.tiered_care" not in got
    # 四（三）'s falling trend (逐步减少) holds every year; it is not a 2017 or 2020 goal.
    trend = "national.tertiary_common_chronic_share"
    got = {k: v for k, v in _national_targets(core_registry, 2020).items() if k != trend}
    assert got == {"national.2020.tiered_care": TargetStatus.NOT_SCORED}
    # "到2020年…": a goal for 2020, not scored again after it.
    assert [k for k in _national_targets(core_registry, 2021) if k != trend] == []


# -- network indicators ---------------------------------------------------------------------
def test_coverage_indicators(core_registry: Registry) -> None:
    private = Institution("priv", "民营", U, IT.VILLAGE_CLINIC, Ownership.PRIVATE, "329901")
    loose = inst("thc2", IT.TOWNSHIP_HEALTH_CENTRE, U)
    net = Network((*COUNTY_INSTS, private, loose), (cons("ccm", "ch", ["thc", "vc"]),))
    ctx = MeasureContext(None, net, "329901")
    gov = core_registry.indicators["government_institution_coverage"].item
    primary = core_registry.indicators["primary_care_coverage"].item
    # government-run: ch, thc, vc in; gh, cthc, t3, thc2 out → 3 of 7
    assert gov.measure(ctx, Scope.AREA, "329901", 2024) == pytest.approx(100 * 3 / 7)
    # public primary care: thc, vc in; cthc, thc2 out; the private clinic does not count → 2 of 4
    assert primary.measure(ctx, Scope.AREA, "329901", 2024) == pytest.approx(50.0)
    # nothing to measure: no network, or no such institution in the area
    assert gov.measure(MeasureContext(None, None, "329901"), Scope.AREA, "329901", 2024) is None
    assert gov.measure(ctx, Scope.AREA, "130102", 2024) is None
