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
