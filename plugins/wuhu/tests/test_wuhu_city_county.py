"""City medical groups per district, their leads, county communities, specialty alliances,
the telemedicine platform and the governance-fact rules: pass, fail and missing data."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Finding
from medconsortium import FindingStatus
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Integration
from medconsortium import Jurisdiction
from medconsortium import MemberRole
from medconsortium import Membership
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import run_rules
from medconsortium.testing import make_consortium
from medconsortium.testing import make_institution

CITY = ConsortiumKind.CITY_MEDICAL_GROUP
COUNTY = ConsortiumKind.COUNTY_MEDICAL_COMMUNITY
ALLIANCE = ConsortiumKind.SPECIALTY_ALLIANCE
GENERAL = InstitutionType.GENERAL_HOSPITAL
CHC = InstitutionType.COMMUNITY_HEALTH_CENTRE
PASS, FAIL, UNKNOWN = FindingStatus.PASS, FindingStatus.FAIL, FindingStatus.NOT_ASSESSABLE

H1 = make_institution("h1", GENERAL, division="340207", name="芜湖市第一人民医院")
H2 = make_institution("h2", GENERAL, division="340202", name="芜湖市第二人民医院")
TCM = make_institution("tcm", InstitutionType.TCM_HOSPITAL, division="340203", name="芜湖市中医医院")
YJS = make_institution("yjs", GENERAL, division="340202", name="皖南医学院弋矶山医院")
PRIVATE = make_institution(
    "private", GENERAL, InstitutionLevel.SECONDARY, "340203", ownership=Ownership.PRIVATE, name="示例民营医院"
)


def chc(area: str) -> Institution:
    return make_institution(f"chc-{area}", CHC, division=area)


def group(cid: str, lead: Institution, area: str) -> Consortium:
    return make_consortium(cid, CITY, lead.id, [f"chc-{area}"], area)


def findings(registry: Registry, wuhu: Jurisdiction, net: Network, rule: str) -> list[Finding]:
    found = [f for f in run_rules(net, registry, wuhu, dt.date(2020, 12, 31)) if f.rule == rule]
    assert found, f"{rule} gave no finding"
    return found


def statuses(found: list[Finding]) -> dict[tuple[str, ...], FindingStatus]:
    return {f.subjects: f.status for f in found}


AREAS = ("340202", "340203", "340207", "340208", "340271")


def full_city(*extra: Consortium, more: tuple[Institution, ...] = ()) -> Network:
    """A city medical group in each district and zone with the lead the text wants."""
    groups = (
        group("g-jh", H2, "340202"),
        group("g-yj", TCM, "340203"),
        group("g-jj", H1, "340207"),
        group("g-ss", YJS, "340208"),
        group("g-kf", YJS, "340271"),
    )
    institutions = (H1, H2, TCM, YJS, PRIVATE, *(chc(a) for a in AREAS), *more)
    return Network(institutions, (*groups, *extra))


# -- wuhu.one_city_group_per_district ---------------------------------------------------------
RULE = "wuhu.one_city_group_per_district"


def test_one_group_per_area_passes(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    found = statuses(findings(wuhu_registry, wuhu, full_city(), RULE))
    assert found == {(g,): PASS for g in ("g-jh", "g-yj", "g-jj", "g-ss", "g-kf")}


def test_two_groups_in_one_district_fail_naming_both(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    second = make_consortium("g-jj2", CITY, "h1", [], "340207", name="鸠江区第二城市医联体")
    found = findings(wuhu_registry, wuhu, full_city(second), RULE)
    failed = [f for f in found if f.status is FAIL]
    assert [f.subjects for f in failed] == [("g-jj", "g-jj2")]
    assert "鸠江区第二城市医联体" in failed[0].message.zh


def test_bridge_zone_counts_as_sanshan(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    bridge = make_consortium("g-bridge", CITY, "yjs", [], "340272")
    found = statuses(findings(wuhu_registry, wuhu, full_city(bridge), RULE))
    assert found[("g-bridge", "g-ss")] is FAIL


def test_district_with_institutions_but_no_group_fails(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = full_city()
    net = Network(net.institutions, tuple(c for c in net.consortia if c.id != "g-yj"))
    assert statuses(findings(wuhu_registry, wuhu, net, RULE))[("340203",)] is FAIL


def test_district_without_any_data_is_not_assessable(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = Network((H2, chc("340202")), (group("g-jh", H2, "340202"),))
    found = statuses(findings(wuhu_registry, wuhu, net, RULE))
    assert found[("g-jh",)] is PASS
    assert found[("340271",)] is UNKNOWN and found[("340203",)] is UNKNOWN


def test_group_for_the_whole_city_is_not_assessable(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    citywide = make_consortium("g-city", CITY, "h1", [], "340200")
    assert statuses(findings(wuhu_registry, wuhu, full_city(citywide), RULE))[("g-city",)] is UNKNOWN


# -- wuhu.city_group_named_lead ---------------------------------------------------------------
LEAD = "wuhu.city_group_named_lead"


def test_named_and_chosen_leads_pass(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    found = statuses(findings(wuhu_registry, wuhu, full_city(), LEAD))
    assert set(found.values()) == {PASS} and len(found) == 5


def test_named_lead_matches_the_short_name(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    short = attrs.evolve(H2, name="市二院")
    net = Network((short, chc("340202")), (group("g-jh", short, "340202"),))
    assert statuses(findings(wuhu_registry, wuhu, net, LEAD)) == {("g-jh",): PASS}


def test_a_named_lead_that_left_before_the_day_no_longer_leads(
    wuhu_registry: Registry, wuhu: Jurisdiction
) -> None:
    # 市一院 led 镜湖区's group until 2019; 市二院 (the lead the text names) from then on.
    base = group("g-jh", H2, "340202")
    members = (
        Membership(H1.id, MemberRole.LEAD, left=dt.date(2019, 1, 1)),
        Membership(H2.id, MemberRole.LEAD, joined=dt.date(2019, 1, 1)),
        *base.members[1:],
    )
    net = Network((H1, H2, chc("340202")), (attrs.evolve(base, members=members),))
    assert statuses(findings(wuhu_registry, wuhu, net, LEAD)) == {("g-jh",): PASS}


def test_wrong_named_lead_fails(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = Network((H1, chc("340202")), (group("g-jh", H1, "340202"),))
    [finding] = findings(wuhu_registry, wuhu, net, LEAD)
    assert finding.status is FAIL
    assert "市二院" in finding.message.zh and "芜湖市第一人民医院" in finding.message.zh


def test_chosen_lead_must_be_a_tertiary_general_hospital(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = Network((PRIVATE, chc("340271")), (group("g-kf", PRIVATE, "340271"),))
    assert statuses(findings(wuhu_registry, wuhu, net, LEAD)) == {("g-kf",): FAIL}


def test_lead_of_a_group_outside_the_districts_is_not_assessable(
    wuhu_registry: Registry, wuhu: Jurisdiction
) -> None:
    net = Network((H1,), (make_consortium("g-city", CITY, "h1", [], "340200"),))
    assert statuses(findings(wuhu_registry, wuhu, net, LEAD)) == {("g-city",): UNKNOWN}


# -- governance facts, every fact rule: true passes, false fails, absent is not assessable -------
FACT_RULES = [
    ("wuhu.city_group_agreement_charter", CITY, ("wuhu_district_agreement", "charter")),
    ("wuhu.city_group_referral_mechanism", CITY, ("wuhu_referral_mechanism",)),
    ("wuhu.city_group_family_doctors", CITY, ("wuhu_family_doctor_teams",)),
    ("wuhu.county_community_referral_mechanism", COUNTY, ("wuhu_referral_mechanism",)),
    ("wuhu.county_community_family_doctors", COUNTY, ("wuhu_family_doctor_teams",)),
    ("wuhu.alliance_approved", ALLIANCE, ("wuhu_health_commission_approval",)),
    ("wuhu.telemedicine_coverage", COUNTY, ("wuhu_telemedicine_service",)),
    ("wuhu.telemedicine_coverage", ConsortiumKind.URBAN_RURAL, ("wuhu_telemedicine_service",)),
    (
        "wuhu.telemedicine_five_unifications",
        ConsortiumKind.TELEMEDICINE_NETWORK,
        (
            "wuhu_unified_call_interface",
            "wuhu_unified_fees",
            "wuhu_unified_service_norms",
            "wuhu_unified_procedures",
            "wuhu_unified_data_maintenance",
        ),
    ),
]


def one_consortium(kind: ConsortiumKind, facts: dict[str, bool]) -> Network:
    lead = make_institution("lead", GENERAL, division="340221")
    member = make_institution("thc", InstitutionType.TOWNSHIP_HEALTH_CENTRE, division="340221")
    return Network((lead, member), (make_consortium("c", kind, "lead", ["thc"], "340221", facts=facts),))


ENCOURAGED_RULES = {"wuhu.telemedicine_coverage"}
ADVISORY = FindingStatus.ADVISORY


@pytest.mark.parametrize(("rule", "kind", "facts"), FACT_RULES)
def test_fact_rules(
    wuhu_registry: Registry, wuhu: Jurisdiction, rule: str, kind: ConsortiumKind, facts: tuple[str, ...]
) -> None:
    all_true = dict.fromkeys(facts, True)
    assert statuses(findings(wuhu_registry, wuhu, one_consortium(kind, all_true), rule)) == {("c",): PASS}
    one_false = {**all_true, facts[-1]: False}
    # "推进远程医疗服务覆盖所有医联体": advancing, not a requirement, so advisory, never fail.
    recorded_no = ADVISORY if rule in ENCOURAGED_RULES else FAIL
    assert statuses(findings(wuhu_registry, wuhu, one_consortium(kind, one_false), rule)) == {
        ("c",): recorded_no
    }
    one_missing = {f: True for f in facts[:-1]}
    assert statuses(findings(wuhu_registry, wuhu, one_consortium(kind, one_missing), rule)) == {
        ("c",): UNKNOWN
    }


def test_fact_rule_messages_name_the_fact(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = one_consortium(CITY, {"wuhu_district_agreement": False, "charter": True})
    [finding] = findings(wuhu_registry, wuhu, net, "wuhu.city_group_agreement_charter")
    assert "签订合作协议" in finding.message.zh


# -- wuhu.county_community_tight ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("integration", "status"),
    [(Integration.TIGHT, PASS), (Integration.LOOSE, FAIL), (None, UNKNOWN)],
)
def test_county_community_tight(
    wuhu_registry: Registry, wuhu: Jurisdiction, integration: Integration | None, status: FindingStatus
) -> None:
    net = one_consortium(COUNTY, {})
    net = Network(net.institutions, (attrs.evolve(net.consortia[0], integration=integration),))
    assert statuses(findings(wuhu_registry, wuhu, net, "wuhu.county_community_tight")) == {("c",): status}


def test_private_hospital_may_lead_a_county_community(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    """鼓励有条件的民营医院参与或牵头: no Wuhu rule fails a privately led community."""
    lead = make_institution("p", GENERAL, InstitutionLevel.SECONDARY, "340223", ownership=Ownership.PRIVATE)
    thc = make_institution("thc", InstitutionType.TOWNSHIP_HEALTH_CENTRE, division="340223")
    cons = attrs.evolve(make_consortium("c", COUNTY, "p", ["thc"], "340223"), integration=Integration.TIGHT)
    found = run_rules(Network((lead, thc), (cons,)), wuhu_registry, wuhu, dt.date(2020, 12, 31))
    assert not [f for f in found if f.rule.startswith("wuhu.") and f.status is FAIL]


# -- specialty alliances ----------------------------------------------------------------------
SPEC = make_institution("spec", InstitutionType.SPECIALTY_HOSPITAL, InstitutionLevel.SECONDARY, "340202")


def alliances(*specs: tuple[str, Institution, str | None]) -> Network:
    leads = {lead.id: lead for _, lead, _ in specs}
    return Network(
        tuple(leads.values()),
        tuple(make_consortium(cid, ALLIANCE, lead.id, [], "340200", specialty=sp) for cid, lead, sp in specs),
    )


def test_one_alliance_per_specialty_passes(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = alliances(("a1", YJS, "心血管内科"), ("a2", SPEC, "精神科"))
    found = statuses(findings(wuhu_registry, wuhu, net, "wuhu.one_alliance_per_specialty"))
    assert found == {("a1",): PASS, ("a2",): PASS}


def test_two_alliances_for_one_specialty_fail_naming_leads(
    wuhu_registry: Registry, wuhu: Jurisdiction
) -> None:
    net = alliances(("a1", YJS, "心血管内科"), ("a2", H1, " 心血管内科"))
    [finding] = findings(wuhu_registry, wuhu, net, "wuhu.one_alliance_per_specialty")
    assert finding.status is FAIL and finding.subjects == ("a1", "a2")
    assert "皖南医学院弋矶山医院" in finding.message.zh and "芜湖市第一人民医院" in finding.message.zh


def test_alliance_without_specialty_is_not_assessable(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = alliances(("a1", YJS, None))
    assert statuses(findings(wuhu_registry, wuhu, net, "wuhu.one_alliance_per_specialty")) == {
        ("a1",): UNKNOWN
    }


def test_alliance_lead(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = alliances(("a1", YJS, "心血管内科"), ("a2", SPEC, "精神科"), ("a3", PRIVATE, "骨科"))
    found = statuses(findings(wuhu_registry, wuhu, net, "wuhu.alliance_lead"))
    assert found == {("a1",): PASS, ("a2",): PASS, ("a3",): FAIL}


def test_alliance_lead_without_alliances_is_not_assessable(
    wuhu_registry: Registry, wuhu: Jurisdiction
) -> None:
    found = findings(wuhu_registry, wuhu, Network((YJS,)), "wuhu.alliance_lead")
    assert [f.status for f in found] == [UNKNOWN]


def test_rules_ignore_consortia_outside_wuhu(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    hefei = make_institution("hf", GENERAL, division="340102")
    net = Network((hefei,), (make_consortium("hf-a", ALLIANCE, "hf", [], "340100", specialty=None),))
    found = findings(wuhu_registry, wuhu, net, "wuhu.one_alliance_per_specialty")
    assert [f.subjects for f in found] == [(wuhu.code,)]
