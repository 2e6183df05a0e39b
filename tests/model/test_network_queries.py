"""Network queries answer from indexes; they must say what a scan would say."""

from __future__ import annotations

import datetime as dt

from medconsortium import (
    Consortium,
    ConsortiumKind,
    InstitutionType,
    MemberRole,
    Membership,
    Network,
)
from medconsortium.testing import make_institution

D = dt.date


def _network() -> Network:
    inst = [
        make_institution("ch", InstitutionType.COUNTY_HOSPITAL, division="320612"),
        make_institution("thc", InstitutionType.TOWNSHIP_HEALTH_CENTRE, division="320612"),
        make_institution("vc", InstitutionType.VILLAGE_CLINIC, division="320612"),
        make_institution("th", division="320602"),
        make_institution("far", division="371302"),
    ]
    ccm = Consortium(
        "ccm",
        "医共体",
        ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
        "320612",
        (
            Membership("ch", MemberRole.LEAD),
            Membership("thc", joined=D(2024, 1, 1)),
            Membership("vc", left=D(2024, 7, 1)),
        ),
    )
    cmg = Consortium(
        "cmg",
        "医疗集团",
        ConsortiumKind.CITY_MEDICAL_GROUP,
        "320602",
        (Membership("th", MemberRole.LEAD), Membership("thc")),
        dissolved=D(2025, 1, 1),
    )
    return Network(tuple(inst), (ccm, cmg))


def _scan(net: Network, day: dt.date, kinds: set[ConsortiumKind] | None = None) -> set[str]:
    return {
        i.id
        for i in net.institutions
        if any(kinds is None or c.kind in kinds for c in net.consortia_of(i.id, on=day))
    }


def test_members_on_agrees_with_consortia_of_on_every_day() -> None:
    net = _network()
    for day in (D(2023, 6, 1), D(2024, 3, 1), D(2024, 8, 1), D(2025, 6, 1)):
        assert net.members_on(day) == _scan(net, day), day
        kinds = {ConsortiumKind.CITY_MEDICAL_GROUP}
        assert net.members_on(day, kinds) == _scan(net, day, kinds), day


def test_membership_and_consortium_dates_count() -> None:
    net = _network()
    assert [c.id for c in net.consortia_of("thc", on=D(2023, 6, 1))] == ["cmg"]
    assert [c.id for c in net.consortia_of("thc", on=D(2024, 6, 1))] == ["ccm", "cmg"]
    assert [c.id for c in net.consortia_of("thc", on=D(2025, 6, 1))] == ["ccm"]
    assert net.consortia_of("vc", on=D(2024, 8, 1)) == ()
    assert "far" not in net.members_on(D(2024, 6, 1))


def test_area_queries_cover_the_division_and_what_lies_inside() -> None:
    net = _network()
    assert {i.id for i in net.institutions_in("320612")} == {"ch", "thc", "vc"}
    assert {i.id for i in net.institutions_in("320600")} == {"ch", "thc", "vc", "th"}
    assert {i.id for i in net.institutions_in("320000")} == {"ch", "thc", "vc", "th"}
    assert {c.id for c in net.consortia_in("320600")} == {"ccm", "cmg"}
    assert [c.id for c in net.consortia_in("320600", [ConsortiumKind.CITY_MEDICAL_GROUP])] == ["cmg"]
    assert list(net.consortia_in("371300")) == []
    assert net.divisions() == ("320602", "320612", "371302")


# -- members: kept per day, every consortium's ----------------------------------------------
def _ids(net: Network, consortium: Consortium, day: dt.date | None) -> list[str]:
    return [i.id for i in net.members(consortium, day)]


def test_members_on_interleaved_days_are_each_days_own() -> None:
    # vc left on 2024-07-01, thc joined on 2024-01-01: asked in turn, each day is its own.
    net = _network()
    ccm, cmg = net.consortia
    days = (D(2024, 8, 1), D(2023, 6, 1), D(2024, 8, 1), None, D(2024, 3, 1), D(2023, 6, 1), None)
    for day in days:
        for cons in (ccm, cmg):
            assert _ids(net, cons, day) == list(cons.member_ids(day)), (cons.id, day)
    assert _ids(net, ccm, D(2024, 8, 1)) == ["ch", "thc"]
    assert _ids(net, ccm, D(2023, 6, 1)) == ["ch", "vc"]
    assert _ids(net, ccm, None) == ["ch", "thc", "vc"]


def test_members_past_the_days_kept_are_asked_again() -> None:
    net = _network()
    ccm = net.consortia[0]
    days = [D(2023, 1, 1) + dt.timedelta(days=150 * n) for n in range(7)]  # 2023-01 to 2025-06
    for _ in range(2):
        for day in days:
            assert _ids(net, ccm, day) == list(ccm.member_ids(day)), day


def test_members_of_another_network_are_that_networks() -> None:
    # Same ids, other members: each network answers for its own consortium, and a consortium
    # that is not one of the network's is answered from its own member list.
    net = _network()
    other = Network(
        net.institutions,
        (
            Consortium(
                "ccm",
                "医共体",
                ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
                "320612",
                (Membership("ch", MemberRole.LEAD), Membership("far")),
            ),
        ),
    )
    day = D(2024, 8, 1)
    assert _ids(net, net.consortia[0], day) == ["ch", "thc"]
    assert _ids(other, other.consortia[0], day) == ["ch", "far"]
    assert _ids(net, other.consortia[0], day) == ["ch", "far"]
    assert _ids(net, net.consortia[0], day) == ["ch", "thc"]


def test_members_standing_elsewhere_or_few_among_many_are_found() -> None:
    # big: a county of many institutions, few of them in "few"; "wide" of 320612 has members
    # in two other places and one in none of its own.
    county = [make_institution(f"vc{n}", InstitutionType.VILLAGE_CLINIC, division="320612") for n in range(6)]
    net = Network(
        (
            make_institution("ch", InstitutionType.COUNTY_HOSPITAL, division="320612"),
            *county,
            make_institution("th", division="320602"),
            make_institution("far", division="371302"),
        ),
        (
            Consortium(
                "few",
                "医共体",
                ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
                "320612",
                (Membership("ch", MemberRole.LEAD), Membership("vc3")),
            ),
            Consortium(
                "wide",
                "医共体",
                ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
                "320612",
                (
                    Membership("ch", MemberRole.LEAD),
                    *(Membership(i.id) for i in county),
                    Membership("far"),
                    Membership("th"),
                ),
            ),
            Consortium(
                "city",
                "专科联盟",
                ConsortiumKind.SPECIALTY_ALLIANCE,
                "320600",
                (Membership("th", MemberRole.LEAD), Membership("ch")),
            ),
        ),
    )
    few, wide, city = net.consortia
    assert _ids(net, few, None) == ["ch", "vc3"]
    assert _ids(net, wide, None) == ["ch", *(i.id for i in county), "far", "th"]
    assert _ids(net, city, D(2024, 1, 1)) == ["th", "ch"]
    looked_up = zip(net.members(wide), map(net.institution, wide.member_ids()), strict=True)
    assert all(found is institution for found, institution in looked_up)  # the network's own
