"""The clause-by-clause pass (issue 12) for 通政办发〔2024〕20号: the three named communities
of 四（一）1–3, the district's promotion mechanism of 三（一） and the health-management
teams of 五（五）. Each: pass, fail, missing data, and the day before the document
(2024-06-21), when it is not in force."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files

import pytest
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import MemberRole
from medconsortium import Membership
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import api
from medconsortium_tongzhou.reference import COMMUNITIES
from medconsortium_tongzhou.teams import HEALTH_TEAMS
from medconsortium_tongzhou.teams import LEAD_STAFF_IN_TEAMS
from medconsortium_tongzhou.teams import PROMOTION_MECHANISM
from medconsortium_tongzhou.testing import TONGZHOU
from medconsortium_tongzhou.testing import basic_network
from medconsortium_tongzhou.testing import findings
from medconsortium_tongzhou.testing import statuses

BEFORE = dt.date(2024, 6, 21)
PINGCHAO = "tongzhou.pingchao_community"


def named(id: str, name: str, type: InstitutionType = InstitutionType.TOWNSHIP_HEALTH_CENTRE) -> Institution:
    return Institution(id, name, InstitutionLevel.UNRATED, type, Ownership.GOVERNMENT, TONGZHOU)


def pingchao(
    *, lead: str = "平潮中心卫生院", drop: int | None = None, extra: Institution | None = None
) -> Network:
    """平潮区域性医共体 as 四（一）3 names it, with a village clinic (admitted in bulk)."""
    name, _, members, _ = COMMUNITIES[2]
    people = [named(f"m{i}", n) for i, n in enumerate(members) if i != drop]
    institutions = [
        named("lead", lead, InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE),
        *people,
        named("vc", "某村卫生室", InstitutionType.VILLAGE_CLINIC),
        *([extra] if extra else []),
    ]
    others = [i for i in institutions if i.id != "lead"]
    cons = Consortium(
        "pc",
        name,
        ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
        TONGZHOU,
        (Membership("lead", MemberRole.LEAD), *(Membership(i.id) for i in others)),
    )
    return Network(tuple(institutions), (cons,))


def test_pingchao_as_the_text_names_it_passes(registry: Registry) -> None:
    assert statuses(findings(registry, pingchao(), PINGCHAO)) == {("pc",): "pass"}
    assert findings(registry, pingchao(), PINGCHAO, as_of=BEFORE) == []


def test_another_lead_fails(registry: Registry) -> None:
    (finding,) = findings(registry, pingchao(lead="刘桥中心卫生院"), PINGCHAO)
    assert finding.status.value == "fail"
    assert "应由平潮中心卫生院牵头" in finding.message.zh


def test_a_named_member_missing_fails_and_is_named(registry: Registry) -> None:
    (finding,) = findings(registry, pingchao(drop=4), PINGCHAO)
    assert finding.status.value == "fail"
    assert finding.message.zh == "缺少成员：五接镇卫生院"


def test_a_member_the_text_does_not_name_fails(registry: Registry) -> None:
    # 平潮's base is 下辖村卫生室 only: a community health station is not the text's.
    station = named("st", "某社区卫生服务站", InstitutionType.COMMUNITY_HEALTH_STATION)
    (finding,) = findings(registry, pingchao(extra=station), PINGCHAO)
    assert finding.status.value == "fail"
    assert "文件未列的成员：某社区卫生服务站" in finding.message.zh


def test_a_network_without_the_community_is_not_assessable(registry: Registry) -> None:
    assert statuses(findings(registry, basic_network(), PINGCHAO)) == {(TONGZHOU,): "not_assessable"}


def test_the_bundled_example_holds_the_three_communities_as_named(registry: Registry) -> None:
    example = files("medconsortium_tongzhou").joinpath("examples", "tongzhou-network.yaml")
    network = api.open_network(str(example), registry)
    for rule in ("tongzhou.people_hospital_community", "tongzhou.tcm_hospital_community", PINGCHAO):
        assert [f.status.value for f in findings(registry, network, rule)] == ["pass"], rule


# -- 三（一） and 五（五） ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rule", "facts", "subject"),
    [
        ("tongzhou.promotion_mechanism", (PROMOTION_MECHANISM,), TONGZHOU),
        ("tongzhou.health_management_teams", (HEALTH_TEAMS, LEAD_STAFF_IN_TEAMS), "cc"),
    ],
)
def test_mechanism_and_teams(registry: Registry, rule: str, facts: tuple[str, ...], subject: str) -> None:
    all_true = dict.fromkeys(facts, True)
    one_false = {**all_true, facts[-1]: False}
    one_missing = {f: True for f in facts[:-1]}
    assert statuses(findings(registry, basic_network(all_true), rule)) == {(subject,): "pass"}
    assert statuses(findings(registry, basic_network(one_false), rule)) == {(subject,): "fail"}
    assert statuses(findings(registry, basic_network(one_missing), rule)) == {(subject,): "not_assessable"}
    assert findings(registry, basic_network(all_true), rule, as_of=BEFORE) == []
