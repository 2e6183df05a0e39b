"""Urban–rural caps and agreements (四（三）): pass, fail, missing data, breaches named."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Finding
from medconsortium import FindingStatus
from medconsortium import InstitutionType
from medconsortium import Jurisdiction
from medconsortium import Link
from medconsortium import Network
from medconsortium import NetworkError
from medconsortium import Registry
from medconsortium import run_rules
from medconsortium.testing import make_consortium
from medconsortium.testing import make_institution

PASS, FAIL, UNKNOWN = FindingStatus.PASS, FindingStatus.FAIL, FindingStatus.NOT_ASSESSABLE
COUNTY = ConsortiumKind.COUNTY_MEDICAL_COMMUNITY
URBAN_RURAL = ConsortiumKind.URBAN_RURAL

HOSPITALS = (
    make_institution("yjs", InstitutionType.GENERAL_HOSPITAL, division="340202", name="皖南医学院弋矶山医院"),
    make_institution("h1", InstitutionType.GENERAL_HOSPITAL, division="340207", name="芜湖市第一人民医院"),
)
# Four communities led by county hospitals and two by county TCM hospitals.
COMMUNITY_LEADS = {
    "c-whx": ("whx-h", InstitutionType.COUNTY_HOSPITAL, "340221"),
    "c-fc": ("fc-h", InstitutionType.COUNTY_HOSPITAL, "340222"),
    "c-nl": ("nl-h", InstitutionType.COUNTY_HOSPITAL, "340223"),
    "c-ww": ("ww-h", InstitutionType.COUNTY_HOSPITAL, "340225"),
    "c-whx-tcm": ("whx-tcm", InstitutionType.COUNTY_TCM_HOSPITAL, "340221"),
    "c-ww-tcm": ("ww-tcm", InstitutionType.COUNTY_TCM_HOSPITAL, "340225"),
}


def network(pairings: dict[str, list[tuple[str, bool | None]]], *extra: Consortium) -> Network:
    """``pairings``: urban–rural consortium lead -> [(community id, agreement)]."""
    institutions = [*HOSPITALS]
    consortia: list[Consortium] = []
    for cid, (lead, kind, division) in COMMUNITY_LEADS.items():
        institutions.append(make_institution(lead, kind, division=division, name=f"{lead}医院"))
        consortia.append(make_consortium(cid, COUNTY, lead, [], division, name=f"{cid}医共体"))
    for hospital, links in pairings.items():
        cons = make_consortium(f"ur-{hospital}", URBAN_RURAL, hospital, [], "340200")
        consortia.append(attrs.evolve(cons, links=tuple(Link("pairs_with", c, a) for c, a in links)))
    return Network(tuple(institutions), (*consortia, *extra))


def findings(
    registry: Registry, wuhu: Jurisdiction, net: Network, rule: str
) -> dict[tuple[str, ...], Finding]:
    found = {f.subjects: f for f in run_rules(net, registry, wuhu, dt.date(2020, 12, 31)) if f.rule == rule}
    assert found, f"{rule} gave no finding"
    return found


def status_of(found: dict[tuple[str, ...], Finding]) -> dict[tuple[str, ...], FindingStatus]:
    return {k: f.status for k, f in found.items()}


# -- each community pairs with at most one city hospital ----------------------------------------
ONE = "wuhu.urban_rural_one_hospital_per_community"


def test_community_with_one_hospital_passes(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = network({"yjs": [("c-whx", True)], "h1": [("c-fc", True)]})
    assert status_of(findings(wuhu_registry, wuhu, net, ONE)) == {("c-fc",): PASS, ("c-whx",): PASS}


def test_community_with_two_hospitals_fails_naming_them(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = network({"yjs": [("c-fc", True)], "h1": [("c-fc", True)]})
    found = findings(wuhu_registry, wuhu, net, ONE)
    finding = found[("c-fc", "h1", "yjs")]
    assert finding.status is FAIL
    assert "皖南医学院弋矶山医院" in finding.message.zh and "芜湖市第一人民医院" in finding.message.zh


def test_pairing_not_stated_is_not_assessable(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = network({"yjs": []})
    assert status_of(findings(wuhu_registry, wuhu, net, ONE)) == {("ur-yjs",): UNKNOWN}


def test_pairing_with_an_institution_is_refused_by_the_network() -> None:
    # pairs_with links two consortia: a hospital as its target is a broken network.
    with pytest.raises(NetworkError, match="'h1' is an institution; pairs_with links two consortia"):
        network({"yjs": [("h1", True)]})


# -- a hospital pairs with at most two county-hospital and one county-TCM communities -----------
CAPS = "wuhu.urban_rural_hospital_caps"


def test_hospital_at_its_caps_passes(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = network({"yjs": [("c-whx", True), ("c-fc", True), ("c-ww-tcm", True)]})
    found = findings(wuhu_registry, wuhu, net, CAPS)
    assert status_of(found) == {("yjs", "c-fc", "c-whx", "c-ww-tcm"): PASS}


def test_a_partner_dissolved_before_the_day_no_longer_counts(
    wuhu_registry: Registry, wuhu: Jurisdiction
) -> None:
    # Three county-hospital communities, but c-nl was dissolved in 2018: two on 2020-12-31.
    net = network({"yjs": [("c-whx", True), ("c-fc", True), ("c-nl", True)]})
    gone = [attrs.evolve(c, dissolved=dt.date(2018, 1, 1)) if c.id == "c-nl" else c for c in net.consortia]
    found = findings(wuhu_registry, wuhu, Network(net.institutions, tuple(gone)), CAPS)
    assert status_of(found) == {("yjs", "c-fc", "c-whx"): PASS}


def test_a_pairing_ended_before_the_day_no_longer_counts(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = network({"yjs": [("c-whx", True), ("c-fc", True)]})
    ended = Link("pairs_with", "c-nl", True, until=dt.date(2019, 6, 30))
    cons = [attrs.evolve(c, links=(*c.links, ended)) if c.id == "ur-yjs" else c for c in net.consortia]
    found = findings(wuhu_registry, wuhu, Network(net.institutions, tuple(cons)), CAPS)
    assert status_of(found) == {("yjs", "c-fc", "c-whx"): PASS}
    # The same link still running on the day counts: three, over the cap.
    running = Link("pairs_with", "c-nl", True, since=dt.date(2019, 6, 30))
    cons = [attrs.evolve(c, links=(*c.links, running)) if c.id == "ur-yjs" else c for c in net.consortia]
    [finding] = findings(wuhu_registry, wuhu, Network(net.institutions, tuple(cons)), CAPS).values()
    assert finding.status is FAIL


def test_a_lead_that_left_before_the_day_no_longer_counts(
    wuhu_registry: Registry, wuhu: Jurisdiction
) -> None:
    from medconsortium import MemberRole
    from medconsortium import Membership

    net = network({"yjs": [("c-fc", True)], "h1": [("c-fc", True)]})
    # h1 left the lead of its urban-rural consortium in 2019: c-fc pairs with one hospital.
    left = Membership("h1", MemberRole.LEAD, left=dt.date(2019, 1, 1))
    cons = [attrs.evolve(c, members=(left,)) if c.id == "ur-h1" else c for c in net.consortia]
    found = findings(wuhu_registry, wuhu, Network(net.institutions, tuple(cons)), ONE)
    assert status_of(found)[("c-fc",)] is PASS


def test_three_county_hospital_communities_fail(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = network({"yjs": [("c-whx", True), ("c-fc", True), ("c-nl", True)]})
    [finding] = findings(wuhu_registry, wuhu, net, CAPS).values()
    assert finding.status is FAIL
    assert finding.subjects == ("yjs", "c-fc", "c-nl", "c-whx")
    for name in ("皖南医学院弋矶山医院", "c-whx医共体", "c-fc医共体", "c-nl医共体", "whx-h医院"):
        assert name in finding.message.zh


def test_pairings_are_gathered_over_several_consortia(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    second = attrs.evolve(
        make_consortium("ur-yjs-2", URBAN_RURAL, "yjs", [], "340200"),
        links=(Link("pairs_with", "c-nl", True),),
    )
    net = network({"yjs": [("c-whx", True), ("c-fc", True)]}, second)
    assert [f.status for f in findings(wuhu_registry, wuhu, net, CAPS).values()] == [FAIL]


def test_two_tcm_communities_fail(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = network({"h1": [("c-whx-tcm", True), ("c-ww-tcm", True)]})
    [finding] = findings(wuhu_registry, wuhu, net, CAPS).values()
    assert finding.status is FAIL and "县中医院" in finding.message.zh


def test_caps_without_a_stated_pairing_are_not_assessable(
    wuhu_registry: Registry, wuhu: Jurisdiction
) -> None:
    net = network({"h1": []})
    assert status_of(findings(wuhu_registry, wuhu, net, CAPS)) == {("ur-h1",): UNKNOWN}


def test_caps_without_urban_rural_consortia_are_not_assessable(
    wuhu_registry: Registry, wuhu: Jurisdiction
) -> None:
    found = findings(wuhu_registry, wuhu, network({}), CAPS)
    assert status_of(found) == {(wuhu.code,): UNKNOWN}


# -- every pairing rests on a signed agreement ---------------------------------------------------
def test_agreements(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    net = network({"yjs": [("c-whx", True), ("c-fc", False), ("c-nl", None)]})
    found = status_of(findings(wuhu_registry, wuhu, net, "wuhu.urban_rural_agreement"))
    assert found == {("ur-yjs", "c-whx"): PASS, ("ur-yjs", "c-fc"): FAIL, ("ur-yjs", "c-nl"): UNKNOWN}
