"""Free choice of referral: the routing policies of consortia (network rules) and each
referral (referral rules), with pass, fail and missing data."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import FindingStatus
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Jurisdiction
from medconsortium import Link
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Referral
from medconsortium import Registry
from medconsortium import Routing
from medconsortium import check_referral
from medconsortium import run_rules
from medconsortium.testing import make_consortium
from medconsortium.testing import make_institution

PASS, FAIL, UNKNOWN = FindingStatus.PASS, FindingStatus.FAIL, FindingStatus.NOT_ASSESSABLE
CITY = ConsortiumKind.CITY_MEDICAL_GROUP
COUNTY = ConsortiumKind.COUNTY_MEDICAL_COMMUNITY
GENERAL = InstitutionType.GENERAL_HOSPITAL
#: A consortium that states no routing policy (``routing`` None).
UNSTATED = "unstated"
Allowed = list[str] | str | None

H2 = make_institution("h2", GENERAL, division="340202", name="芜湖市第二人民医院")
YJS = make_institution("yjs", GENERAL, division="340202", name="皖南医学院弋矶山医院")
WY2 = make_institution("wy2", GENERAL, division="340207", name="皖南医学院第二附属医院")
PRIVATE = make_institution(
    "private", GENERAL, InstitutionLevel.SECONDARY, "340203", ownership=Ownership.PRIVATE, name="示例民营医院"
)
UNRATED = make_institution("unrated", GENERAL, InstitutionLevel.UNRATED, "340203", name="未定级医院")
CLINIC = make_institution("clinic", GENERAL, InstitutionLevel.PRIMARY, "340203", name="一级医院")
COUNTY_SECONDARY = make_institution("whx-h", InstitutionType.COUNTY_HOSPITAL, division="340221")
WHX_TCM = make_institution("whx-tcm", InstitutionType.COUNTY_TCM_HOSPITAL, division="340221")
FC_H = make_institution("fc-h", InstitutionType.COUNTY_HOSPITAL, division="340222")
CHC = make_institution("chc", InstitutionType.COMMUNITY_HEALTH_CENTRE, division="340202")
THC = make_institution("thc", InstitutionType.TOWNSHIP_HEALTH_CENTRE, division="340221")
THC2 = make_institution("thc2", InstitutionType.TOWNSHIP_HEALTH_CENTRE, division="340221")


def routed(cons: Consortium, allowed: Allowed) -> Consortium:
    """``allowed``: UNSTATED (no policy), None (unrestricted) or the allowed ids."""
    if isinstance(allowed, str):
        return cons
    return attrs.evolve(cons, routing=Routing(None if allowed is None else frozenset(allowed)))


def network(city: Allowed = None, county: Allowed = None, *extra: Consortium) -> Network:
    institutions = (H2, YJS, WY2, PRIVATE, UNRATED, CLINIC, COUNTY_SECONDARY, WHX_TCM, FC_H, CHC, THC, THC2)
    consortia = (
        routed(make_consortium("g-jh", CITY, "h2", ["chc"], "340202", name="镜湖区城市医联体"), city),
        routed(
            make_consortium("c-whx", COUNTY, "whx-h", ["thc"], "340221", name="芜湖县人民医院医共体"), county
        ),
        make_consortium("c-whx-tcm", COUNTY, "whx-tcm", ["thc2"], "340221"),
        make_consortium("c-fc", COUNTY, "fc-h", [], "340222"),
    )
    return Network(institutions, (*consortia, *extra))


def rule_statuses(
    registry: Registry, wuhu: Jurisdiction, net: Network, rule: str
) -> dict[tuple[str, ...], FindingStatus]:
    return {
        f.subjects: f.status for f in run_rules(net, registry, wuhu, dt.date(2020, 12, 31)) if f.rule == rule
    }


# -- routing policies of consortia ---------------------------------------------------------------
TERTIARY = "wuhu.city_referral_tertiary"
SECONDARY = "wuhu.city_referral_secondary"
COUNTY_LEADS = "wuhu.county_referral_leads"


@pytest.mark.parametrize(
    ("rule", "allowed", "expected"),
    [
        # A city medical group must not shut out the city's tertiary hospitals ...
        (TERTIARY, None, {("g-jh",): PASS}),
        (TERTIARY, ["h2", "yjs", "wy2"], {("g-jh",): PASS}),
        (TERTIARY, ["h2"], {("g-jh", "wy2", "yjs"): FAIL}),
        (TERTIARY, UNSTATED, {("g-jh",): UNKNOWN}),
        # ... and lets primary care reach secondary hospitals of the urban districts only: the
        # county hospitals are not required.
        (SECONDARY, ["h2", "private", "unrated"], {("g-jh",): PASS}),
        (SECONDARY, ["h2", "yjs", "wy2"], {("g-jh", "private"): FindingStatus.ADVISORY}),
        (SECONDARY, UNSTATED, {("g-jh",): UNKNOWN}),
    ],
)
def test_city_group_routing(
    wuhu_registry: Registry,
    wuhu: Jurisdiction,
    rule: str,
    allowed: Allowed,
    expected: dict[tuple[str, ...], FindingStatus],
) -> None:
    assert rule_statuses(wuhu_registry, wuhu, network(allowed), rule) == expected


def test_restriction_names_the_hospitals_shut_out(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    found = [
        f
        for f in run_rules(network(["h2"]), wuhu_registry, wuhu, dt.date(2020, 12, 31))
        if f.rule == TERTIARY
    ]
    assert "皖南医学院弋矶山医院" in found[0].message.zh and "皖南医学院第二附属医院" in found[0].message.zh


@pytest.mark.parametrize(
    ("allowed", "status"),
    [(None, PASS), (["whx-h", "whx-tcm"], PASS), (["whx-h"], FAIL), (UNSTATED, UNKNOWN)],
)
def test_county_community_must_not_shut_out_other_leads_of_the_county(
    wuhu_registry: Registry, wuhu: Jurisdiction, allowed: Allowed, status: FindingStatus
) -> None:
    found = rule_statuses(wuhu_registry, wuhu, network(None, allowed), COUNTY_LEADS)
    assert [v for k, v in found.items() if k[0] == "c-whx"] == [status]
    if status is FAIL:
        # Only the other lead of the same county is required, not 繁昌县's.
        assert ("c-whx", "whx-tcm") in found


# -- referral rules ---------------------------------------------------------------------------------
WHEN = dt.datetime(2020, 6, 1, 9, 0)


def referral(
    source: str, target: str, specialty: str | None = None, priority: bool | None = None
) -> Referral:
    return Referral(
        id="r-1",
        patient="p-7f3a9c",
        from_institution=source,
        to_institution=target,
        time=WHEN,
        specialty=specialty,
        priority=priority,
    )


def referral_statuses(
    registry: Registry, wuhu: Jurisdiction, net: Network, ref: Referral, rule: str
) -> list[FindingStatus]:
    return [f.status for f in check_referral(ref, net, registry, wuhu) if f.rule == rule]


CITY_CHOICE = "wuhu.referral_city_free_choice"


@pytest.mark.parametrize(
    ("allowed", "target", "expected"),
    [
        (None, "yjs", [PASS]),  # another tertiary hospital of the city: valid
        (None, "private", [PASS]),  # a private secondary hospital: valid
        (["h2"], "h2", [PASS]),
        (["h2"], "yjs", [FAIL]),  # the restriction shuts the hospital out
        (UNSTATED, "yjs", [UNKNOWN]),
        (None, "unrated", [UNKNOWN]),  # grade unknown
        (None, "clinic", []),  # a primary-grade hospital: not this rule's concern
    ],
)
def test_city_free_choice(
    wuhu_registry: Registry, wuhu: Jurisdiction, allowed: Allowed, target: str, expected: list[FindingStatus]
) -> None:
    found = referral_statuses(wuhu_registry, wuhu, network(allowed), referral("chc", target), CITY_CHOICE)
    assert found == expected


def test_city_free_choice_concerns_primary_care_in_city_groups_only(
    wuhu_registry: Registry, wuhu: Jurisdiction
) -> None:
    net = network(["h2"])
    assert referral_statuses(wuhu_registry, wuhu, net, referral("h2", "yjs"), CITY_CHOICE) == []
    assert referral_statuses(wuhu_registry, wuhu, net, referral("thc", "yjs"), CITY_CHOICE) == []


def test_blocked_referral_names_the_consortium_not_the_patient(
    wuhu_registry: Registry, wuhu: Jurisdiction
) -> None:
    [finding] = [
        f
        for f in check_referral(referral("chc", "yjs"), network(["h2"]), wuhu_registry, wuhu)
        if f.rule == CITY_CHOICE
    ]
    assert (
        "镜湖区城市医联体" in finding.message.zh and "p-7f3a9c" not in finding.message.zh + finding.message.en
    )


COUNTY_CHOICE = "wuhu.referral_county_free_choice"


@pytest.mark.parametrize(
    ("allowed", "target", "expected"),
    [
        (None, "whx-tcm", [PASS]),
        (["whx-h"], "whx-h", [PASS]),
        (["whx-h"], "whx-tcm", [FAIL]),
        (UNSTATED, "whx-tcm", [UNKNOWN]),
        (None, "fc-h", []),  # a lead of another county: not this rule's concern
    ],
)
def test_county_free_choice(
    wuhu_registry: Registry, wuhu: Jurisdiction, allowed: Allowed, target: str, expected: list[FindingStatus]
) -> None:
    found = referral_statuses(
        wuhu_registry, wuhu, network(None, allowed), referral("thc", target), COUNTY_CHOICE
    )
    assert found == expected


SPECIALTY = "wuhu.referral_specialty_alliance"


def with_alliance(county: Allowed) -> Network:
    alliance = make_consortium(
        "a-cardio", ConsortiumKind.SPECIALTY_ALLIANCE, "yjs", [], "340200", specialty="心血管内科"
    )
    return network(None, county, alliance)


@pytest.mark.parametrize(
    ("allowed", "specialty", "expected"),
    [
        (None, "心血管内科", [PASS]),
        (["whx-h"], "心血管内科", [FAIL]),  # the county community's boundary may not stop it
        (UNSTATED, "心血管内科", [UNKNOWN]),
        (["whx-h"], None, [UNKNOWN]),  # shut out, and the specialty that would decide is not recorded
        (None, None, []),  # nothing shuts the lead out: the specialty does not matter
        (["whx-h"], "骨科", []),  # another specialty: not this rule's concern
    ],
)
def test_specialty_alliance_lead_receives_across_boundaries(
    wuhu_registry: Registry,
    wuhu: Jurisdiction,
    allowed: Allowed,
    specialty: str | None,
    expected: list[FindingStatus],
) -> None:
    ref = referral("thc", "yjs", specialty=specialty)
    assert referral_statuses(wuhu_registry, wuhu, with_alliance(allowed), ref, SPECIALTY) == expected


PRIORITY = "wuhu.referral_urban_rural_priority"


@pytest.mark.parametrize(("priority", "expected"), [(True, [PASS]), (False, [FAIL]), (None, [UNKNOWN])])
def test_paired_hospital_gives_priority(
    wuhu_registry: Registry, wuhu: Jurisdiction, priority: bool | None, expected: list[FindingStatus]
) -> None:
    pairing = attrs.evolve(
        make_consortium("ur-yjs", ConsortiumKind.URBAN_RURAL, "yjs", [], "340200"),
        links=(Link("pairs_with", "c-whx", True),),
    )
    net = network(None, None, pairing)
    ref = referral("whx-h", "yjs", priority=priority)
    assert referral_statuses(wuhu_registry, wuhu, net, ref, PRIORITY) == expected
    # Not paired with 繁昌县's community: the rule does not concern its lead.
    assert (
        referral_statuses(wuhu_registry, wuhu, net, referral("fc-h", "yjs", priority=False), PRIORITY) == []
    )


def test_a_pairing_ended_before_the_referral_does_not_ask_priority(
    wuhu_registry: Registry, wuhu: Jurisdiction
) -> None:
    ended = attrs.evolve(
        make_consortium("ur-yjs", ConsortiumKind.URBAN_RURAL, "yjs", [], "340200"),
        links=(Link("pairs_with", "c-whx", True, until=WHEN.date() - dt.timedelta(days=1)),),
    )
    net = network(None, None, ended)
    assert (
        referral_statuses(wuhu_registry, wuhu, net, referral("whx-h", "yjs", priority=False), PRIORITY) == []
    )


def test_routing_helpers_reject_nothing_else(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    """A network without Wuhu consortia gives no Wuhu referral finding."""
    net = Network((H2, CHC, YJS))
    found = [
        f
        for f in check_referral(referral("chc", "yjs"), net, wuhu_registry, wuhu)
        if f.rule.startswith("wuhu.")
    ]
    assert found == []
