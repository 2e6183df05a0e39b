"""Network queries answer from indexes; they must say what a scan would say."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from medconsortium import (
    Consortium,
    ConsortiumKind,
    InstitutionType,
    MemberRole,
    Membership,
    Network,
)
from medconsortium.model.errors import NetworkError
from medconsortium.model.jurisdictions import code_within
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


def test_memberships_of_an_institution_in_none_one_or_several_consortia() -> None:
    # One membership is kept as its pair alone, several as a tuple of pairs: both read back
    # as a tuple of pairs in network order.
    net = _network()
    extra = Consortium(
        "tel",
        "远程医疗协作网",
        ConsortiumKind.TELEMEDICINE_NETWORK,
        "320612",
        (Membership("ch", MemberRole.LEAD), Membership("thc")),
    )
    wide = Network(net.institutions, (*net.consortia, extra))
    for network in (net, wide):
        for inst in network.institutions:
            scan = tuple((c, m) for c in network.consortia for m in c.members if m.institution == inst.id)
            assert network.memberships_of(inst.id) == scan, inst.id
            assert network.consortia_of(inst.id) == tuple(c for c, _ in scan)
    assert [c.id for c, _ in wide.memberships_of("thc")] == ["ccm", "cmg", "tel"]
    assert [c.id for c, _ in wide.memberships_of("ch")] == ["ccm", "tel"]
    assert [c.id for c, _ in wide.memberships_of("vc")] == ["ccm"]
    assert wide.memberships_of("far") == () and wide.memberships_of("nobody") == ()
    assert wide.consortia_of("thc", on=D(2023, 6, 1)) == (wide.consortium("cmg"), extra)


def test_a_network_indexed_by_its_reader_is_checked_and_uses_that_index() -> None:
    net = _network()
    by_id = {i.id: i for i in net.institutions}
    indexed = Network.indexed(net.institutions, by_id, net.consortia)
    assert indexed == net and indexed._by_id is by_id
    assert indexed.memberships_of("thc") == net.memberships_of("thc")
    assert list(indexed.institutions_in("320600")) == list(net.institutions_in("320600"))
    with pytest.raises(ValueError, match="every institution once"):
        Network.indexed(net.institutions, dict(list(by_id.items())[1:]), net.consortia)
    bad = (*net.institutions[:-1], attrs.evolve(net.institutions[-1], division="3713"))
    with pytest.raises(NetworkError, match=r"institutions\[4\]\.division.*not a GB/T 2260 code"):
        Network.indexed(bad, {i.id: i for i in bad}, net.consortia)
    with pytest.raises(NetworkError, match=r"consortia\[0\]\.members\[0\]: unknown institution 'ch'"):
        Network.indexed(net.institutions[1:], {i.id: i for i in net.institutions[1:]}, net.consortia)


def test_division_queries_agree_whether_divisions_stand_together_or_not() -> None:
    # Institutions of each county next to each other: the index keeps runs of the tuple;
    # interleaved: tuples of their own. Both answer as a scan does.
    together = _network()
    apart = Network((*together.institutions[3:], *together.institutions[:3]), together.consortia)
    first, *rest = together.institutions
    mixed = Network((first, rest[2], *rest[:2], rest[3]), together.consortia)
    assert type(together._institutions_by_division).__name__ == "Runs"
    assert isinstance(mixed._institutions_by_division, dict)
    for net in (together, apart, mixed):
        for code in ("100000", "320000", "320600", "320612", "320602", "371302", "371300", "110000"):
            scan = [i for i in net.institutions if code_within(i.division, code)]
            assert sorted(net.institutions_in(code), key=lambda i: i.id) == sorted(scan, key=lambda i: i.id)
            groups = list(net.institutions_by_division(code))
            assert [i for _, found in groups for i in found] == list(net.institutions_in(code))
            assert all(type(found) is tuple and {i.division for i in found} == {div} for div, found in groups)
        firsts = list(dict.fromkeys(i.division for i in net.institutions))
        assert [div for div, _ in net.institutions_by_division("100000")] == firsts
        assert net.divisions() == tuple(sorted(firsts))
        assert list(net.institutions_in("320612")) == [i for i in net.institutions if i.division == "320612"]
