"""The clause pass over the sentences the coverage map listed as pending (issue 12) and
those it had as not checkable (part D): 四（一）1 the regional centres' cross-regional
consortia and the cities they link, 四（一）2 the other provincial hospitals'
cross-regional consortia, their pairing with city-level and county hospitals (对口帮扶)
and the approvals of the branches set up before the plan, 四（一）4 the county hospital's
telemedicine network where it can, 四（一）5 private hospitals encouraged to join, 四（四）
the telemedicine network's lead's quality control and remote diagnosis, its recognised and
interconnected examinations, 四（六） every consortium's shared health information and
continuous records, 五（二） the encouraged finance centre.

Each item: pass, fail (advisory when it is only encouraged), missing data, the day before
the plan (2018-12-31), and the exit code its strength sets.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from typing import cast

import pytest
import yaml
from click.testing import CliRunner
from medconsortium import ConsortiumKind
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Integration
from medconsortium import Link
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import Strength
from medconsortium import api
from medconsortium.cli import main
from medconsortium_jiangsu.centres import ASSISTS
from medconsortium_jiangsu.centres import REGIONAL_CENTRE_LINK

from .test_rules import ALLIANCE
from .test_rules import CCM
from .test_rules import CMG
from .test_rules import COUNTY
from .test_rules import TELE
from .test_rules import cons
from .test_rules import county_community_results
from .test_rules import inst
from .test_rules import results

BEFORE = dt.date(2018, 12, 31)
UNRATED = InstitutionLevel.UNRATED
NANJING, ZHENJIANG = "320102", "321102"
NANTONG, YANCHENG = "320602", "320902"


def named(id: str, name: str, division: str, *, provincial: bool = True) -> Institution:
    return Institution(
        id,
        name,
        InstitutionLevel.TERTIARY,
        InstitutionType.GENERAL_HOSPITAL,
        Ownership.GOVERNMENT,
        division,
        provincially_administered=provincial,
    )


def test_strengths_follow_the_words(registry: Registry) -> None:
    strength = {rule: registry.rules[rule].item.strength for rule in registry.rules}
    for rule in (
        "jiangsu.regional_centre_cross_regional_leads",
        "jiangsu.regional_centre_links",
        "jiangsu.provincial_hospital_cross_regional_leads",
        "jiangsu.provincial_hospital_assistance",  # the same sentence, no modal word
        "jiangsu.existing_branch_approval",  # 应补办
        "jiangsu.telemedicine_exam_recognition",  # 要严格执行
        "jiangsu.telemedicine_quality_control",  # 要对成员单位…质控
        "jiangsu.shared_health_information",  # 要…共建共享
        "jiangsu.continuous_health_records",  # 要加快…系统对接
    ):
        assert strength[rule] is Strength.MANDATORY, rule
    assert strength["jiangsu.private_hospitals_encouraged"] is Strength.ENCOURAGED  # 鼓励
    assert strength["jiangsu.finance_centre"] is Strength.ENCOURAGED  # 鼓励
    # 有条件的…还应: the condition is not in the data, so a county hospital without a network
    # is advised, never failed.
    assert strength["jiangsu.county_hospital_telemedicine"] is Strength.ENCOURAGED


# -- 四（一）1–2 cross-regional specialty alliances and telemedicine networks ---------------------
CENTRE = named("jsph", "江苏省人民医院", NANJING)
PROVINCIAL = named("p", "省属医院甲", NANJING)
NJ = inst("nj", division=NANJING)
ZJ = inst("zj", division=ZHENJIANG)
NJ2 = inst("nj2", division=NANJING)


def _leading(lead: str, *consortia: tuple[ConsortiumKind, tuple[str, ...]]) -> Network:
    return Network(
        (CENTRE, PROVINCIAL, NJ, ZJ, NJ2),
        tuple(
            cons(f"k{i}", kind, lead, members, division="320000", integration=None)
            for i, (kind, members) in enumerate(consortia)
        ),
    )


class TestCrossRegionalLeads:
    @pytest.mark.parametrize(
        ("rule", "lead"),
        [
            ("jiangsu.regional_centre_cross_regional_leads", "jsph"),
            ("jiangsu.provincial_hospital_cross_regional_leads", "p"),
        ],
    )
    def test_leading_both_across_cities_passes(self, registry: Registry, rule: str, lead: str) -> None:
        net = _leading(lead, (ALLIANCE, ("nj", "zj")), (TELE, ("zj",)))
        assert results(registry, net, rule)[(lead, "k0", "k1")] == "pass"
        assert results(registry, net, rule, as_of=BEFORE) == {}

    def test_a_network_inside_one_city_is_not_cross_regional(self, registry: Registry) -> None:
        rule = "jiangsu.regional_centre_cross_regional_leads"
        net = _leading("jsph", (ALLIANCE, ("nj", "zj")), (TELE, ("nj", "nj2")))
        assert results(registry, net, rule) == {("jsph", "k0"): "fail"}
        from .test_rules import messages

        assert messages(registry, net, rule) == [
            "provincial regional medical centre 江苏省人民医院 leads no cross-regional telemedicine network"
        ]

    def test_members_placed_only_at_the_province_cannot_be_placed(self, registry: Registry) -> None:
        rule = "jiangsu.regional_centre_cross_regional_leads"
        unplaced = named("u", "省属医院乙", "320000")
        institutions = (CENTRE, PROVINCIAL, NJ, ZJ, NJ2, unplaced)

        def net(*consortia: tuple[ConsortiumKind, tuple[str, ...]]) -> Network:
            return Network(
                institutions,
                tuple(
                    cons(f"k{i}", kind, "jsph", members, division="320000", integration=None)
                    for i, (kind, members) in enumerate(consortia)
                ),
            )

        # One known city and a member whose city is not recorded: cannot tell.
        assert results(registry, net((ALLIANCE, ("u",)), (TELE, ("zj",))), rule) == {
            ("jsph", "k1"): "not_assessable"
        }
        # ... but no telemedicine network at all is a failure, naming only that.
        assert results(registry, net((ALLIANCE, ("u",))), rule) == {("jsph",): "fail"}
        from .test_rules import messages

        assert messages(registry, net((ALLIANCE, ("u",))), rule) == [
            "provincial regional medical centre 江苏省人民医院 leads no cross-regional telemedicine network"
        ]

    def test_leading_nothing_fails(self, registry: Registry) -> None:
        net = _leading("nj", (ALLIANCE, ("jsph", "zj")))
        assert results(registry, net, "jiangsu.regional_centre_cross_regional_leads") == {("jsph",): "fail"}
        assert results(registry, net, "jiangsu.provincial_hospital_cross_regional_leads") == {("p",): "fail"}

    def test_the_centres_are_not_the_other_provincial_hospitals(self, registry: Registry) -> None:
        net = Network((CENTRE, NJ))
        assert results(registry, net, "jiangsu.provincial_hospital_cross_regional_leads") == {
            ("320000",): "not_assessable"
        }

    def test_no_centre_in_the_network_is_not_assessable(self, registry: Registry) -> None:
        assert results(registry, Network((NJ,)), "jiangsu.regional_centre_cross_regional_leads") == {
            ("320000",): "not_assessable"
        }


# -- 四（一）2 对口帮扶设区市级医院和县医院 ---------------------------------------------------------
YC_COUNTY = inst("ycc", InstitutionType.COUNTY_HOSPITAL, division="320921")
YC_TOWNSHIP = inst("yct", InstitutionType.TOWNSHIP_HEALTH_CENTRE, division="320921")


def _paired(*links: Link, other: tuple[Link, ...] = ()) -> Network:
    """The provincial hospital p leads alliance a (linking ``links``); the county hospital
    ycc leads a community whose links are ``other``."""
    return Network(
        (CENTRE, PROVINCIAL, NJ, ZJ, YC_COUNTY, YC_TOWNSHIP),
        (
            cons("a", ALLIANCE, "p", ("zj",), division="320000", integration=None, links=links),
            cons("y", CCM, "ycc", ("yct",), division="320921", links=other),
        ),
    )


class TestProvincialAssistance:
    RULE = "jiangsu.provincial_hospital_assistance"

    def test_a_pairing_with_a_county_or_city_hospital_passes(self, registry: Registry) -> None:
        for target in ("ycc", "zj"):
            net = _paired(Link(ASSISTS, target))
            assert results(registry, net, self.RULE) == {("p",): "pass"}
            assert results(registry, net, self.RULE, as_of=BEFORE) == {}

    def test_pairings_recorded_but_none_of_this_hospital_fails(self, registry: Registry) -> None:
        # The network records pairings (of another consortium), none from p's.
        net = _paired(other=(Link(ASSISTS, "zj"),))
        assert results(registry, net, self.RULE) == {("p",): "fail"}

    def test_only_a_primary_care_or_provincial_target_fails(self, registry: Registry) -> None:
        # A township health centre or another provincial hospital is not 设区市级医院和县医院.
        for target in ("yct", "jsph"):
            assert results(registry, _paired(Link(ASSISTS, target)), self.RULE) == {("p",): "fail"}

    def test_no_pairing_recorded_at_all_is_not_assessable(self, registry: Registry) -> None:
        assert results(registry, _paired(), self.RULE) == {("p",): "not_assessable"}

    def test_a_pairing_that_ended_no_longer_counts(self, registry: Registry) -> None:
        ended = Link(ASSISTS, "ycc", since=dt.date(2019, 1, 1), until=dt.date(2020, 1, 1))
        net = _paired(ended, other=(Link(ASSISTS, "zj"),))
        assert results(registry, net, self.RULE, as_of=dt.date(2019, 6, 30)) == {("p",): "pass"}
        assert results(registry, net, self.RULE) == {("p",): "fail"}

    def test_the_named_centres_are_not_asked(self, registry: Registry) -> None:
        net = _paired(Link(ASSISTS, "ycc"))
        assert ("jsph",) not in results(registry, net, self.RULE)


# -- 四（一）4 有条件的县级医院还应牵头组建县域内的远程医疗协作网 -------------------------------------------
class TestCountyTelemedicine:
    RULE = "jiangsu.county_hospital_telemedicine"

    def test_the_community_lead_leading_the_county_network_passes(self, registry: Registry) -> None:
        net = Network(
            COUNTY, (cons("c", CCM, "hosp", ["thc"]), cons("t", TELE, "hosp", ["thc"], integration=None))
        )
        assert results(registry, net, self.RULE) == {("hosp", "t"): "pass"}
        assert results(registry, net, self.RULE, as_of=BEFORE) == {}

    def test_without_a_network_it_is_advisory(self, registry: Registry) -> None:
        # A network of another county, or one it is only a member of, does not count.
        other = cons("t", TELE, "thc", ["hosp"], integration=None)
        elsewhere = cons("t2", TELE, "hosp", ["thc"], division="320925", integration=None)
        net = Network(COUNTY, (cons("c", CCM, "hosp", ["thc"]), other, elsewhere))
        assert results(registry, net, self.RULE) == {("hosp",): "advisory"}

    def test_no_county_community_lead_is_not_assessable(self, registry: Registry) -> None:
        net = Network(COUNTY, (cons("t", TELE, "hosp", ["thc"], integration=None),))
        assert results(registry, net, self.RULE) == {("320000",): "not_assessable"}


# -- 四（一）1 each centre links the cities named ------------------------------------------------
NTU = named("ntu", "南通大学附属医院", NANTONG)
NT = inst("nt", division=NANTONG)
YC = inst("yc", division=YANCHENG)


def _linked(nantong: bool, yancheng: bool | None) -> Network:
    def links(on: bool) -> tuple[Link, ...]:
        return (Link(REGIONAL_CENTRE_LINK, "ntu"),) if on else ()

    consortia = [cons("ntg", CMG, "nt", division=NANTONG, links=links(nantong))]
    if yancheng is not None:
        consortia.append(cons("ycg", CMG, "yc", division=YANCHENG, links=links(yancheng)))
    return Network((NTU, NT, YC), tuple(consortia))


class TestCentreLinks:
    RULE = "jiangsu.regional_centre_links"

    def test_both_cities_linked_pass(self, registry: Registry) -> None:
        net = _linked(True, True)
        assert results(registry, net, self.RULE) == {
            ("ntu", "320600", "ntg"): "pass",
            ("ntu", "320900", "ycg"): "pass",
        }
        assert results(registry, net, self.RULE, as_of=BEFORE) == {}

    def test_a_city_not_linked_fails(self, registry: Registry) -> None:
        assert results(registry, _linked(True, False), self.RULE) == {
            ("ntu", "320600", "ntg"): "pass",
            ("ntu", "320900"): "fail",
        }

    def test_no_link_recorded_at_all_is_not_assessable(self, registry: Registry) -> None:
        assert results(registry, _linked(False, False), self.RULE) == {
            ("ntu", "320600"): "not_assessable",
            ("ntu", "320900"): "not_assessable",
        }

    def test_a_city_without_consortia_in_the_network_is_not_assessable(self, registry: Registry) -> None:
        assert results(registry, _linked(True, None), self.RULE)[("ntu", "320900")] == "not_assessable"

    def test_a_link_that_ended_no_longer_counts(self, registry: Registry) -> None:
        ended = Link(REGIONAL_CENTRE_LINK, "ntu", until=dt.date(2020, 1, 1))
        net = Network(
            (NTU, NT, YC),
            (
                cons("ntg", CMG, "nt", division=NANTONG, links=(Link(REGIONAL_CENTRE_LINK, "ntu"),)),
                cons("ycg", CMG, "yc", division=YANCHENG, links=(ended,)),
            ),
        )
        assert results(registry, net, self.RULE)[("ntu", "320900")] == "fail"


# -- 四（一）2 已设置的，应补办报批手续 ---------------------------------------------------------------
CONSENTS = ("jiangsu_city_commission_consent", "jiangsu_provincial_commission_consent")
CITY = "320902"


def _branch(formed: dt.date | None, facts: dict[str, bool]) -> Network:
    hospital = inst("p", division=CITY, provincial=True)
    return Network(
        (
            hospital,
            inst("chc", InstitutionType.COMMUNITY_HEALTH_CENTRE, InstitutionLevel.UNRATED, division=CITY),
        ),
        (cons("b", CMG, "p", ["chc"], division=CITY, facts=facts, formed=formed),),
    )


@pytest.mark.parametrize(
    ("facts", "status"),
    [
        (dict.fromkeys(CONSENTS, True), "pass"),
        ({CONSENTS[0]: True, CONSENTS[1]: False}, "fail"),
        ({CONSENTS[0]: True}, "not_assessable"),
    ],
)
def test_a_branch_set_up_before_the_plan_needs_the_approvals_afterwards(
    registry: Registry, facts: dict[str, bool], status: str
) -> None:
    net = _branch(dt.date(2017, 5, 1), facts)
    assert results(registry, net, "jiangsu.existing_branch_approval") == {("b",): status}
    assert results(registry, net, "jiangsu.provincial_branch_consent") == {("320000",): "not_assessable"}
    assert results(registry, net, "jiangsu.existing_branch_approval", as_of=BEFORE) == {}


@pytest.mark.parametrize("formed", [dt.date(2020, 5, 1), None])
def test_a_branch_set_up_under_the_plan_is_the_consent_rules(
    registry: Registry, formed: dt.date | None
) -> None:
    net = _branch(formed, {CONSENTS[0]: False})
    assert results(registry, net, "jiangsu.provincial_branch_consent") == {("b",): "fail"}
    assert results(registry, net, "jiangsu.existing_branch_approval") == {("320000",): "not_assessable"}


# -- 四（一）5 鼓励二、三级民营医院参与 ----------------------------------------------------------------
PRIVATE = inst(
    "priv", InstitutionType.GENERAL_HOSPITAL, InstitutionLevel.SECONDARY, ownership=Ownership.PRIVATE
)
PRIVATE_CLINIC = inst(
    "pc", InstitutionType.VILLAGE_CLINIC, InstitutionLevel.UNRATED, ownership=Ownership.PRIVATE
)


def test_private_hospitals_are_encouraged_to_join(registry: Registry) -> None:
    rule = "jiangsu.private_hospitals_encouraged"
    inside = Network((*COUNTY, PRIVATE, PRIVATE_CLINIC), (cons("c", CCM, "hosp", ["thc", "vc", "priv"]),))
    outside = Network((*COUNTY, PRIVATE, PRIVATE_CLINIC), (cons("c", CCM, "hosp", ["thc", "vc"]),))
    assert results(registry, inside, rule) == {("priv",): "pass"}
    # Encouraged: a private hospital outside is advisory, never a failure; a clinic is no 二、三级医院.
    assert results(registry, outside, rule) == {("priv",): "advisory"}
    assert results(registry, Network(COUNTY), rule) == {("320000",): "not_assessable"}
    assert results(registry, outside, rule, as_of=BEFORE) == {}


# -- 四（四） the telemedicine network's lead: quality control and remote diagnosis; examinations --
TELEMEDICINE_FACTS = {
    "jiangsu.telemedicine_quality_control": (
        "jiangsu_member_quality_control",
        "jiangsu_remote_complex_diagnosis",
    ),
    "jiangsu.telemedicine_exam_recognition": ("mutual_recognition", "jiangsu_exam_interconnection"),
}


@pytest.mark.parametrize("rule", list(TELEMEDICINE_FACTS))
@pytest.mark.parametrize(
    ("values", "status"),
    [((True, True), "pass"), ((True, False), "fail"), ((None, True), "not_assessable")],
)
def test_telemedicine_facts(
    registry: Registry, rule: str, values: tuple[bool | None, bool], status: str
) -> None:
    facts = {f: v for f, v in zip(TELEMEDICINE_FACTS[rule], values, strict=True) if v is not None}
    net = Network(COUNTY, (cons("t", TELE, "hosp", ["thc"], facts=facts, integration=None),))
    assert results(registry, net, rule) == {("t",): status}
    assert results(registry, net, rule, as_of=BEFORE) == {}


# -- 四（六） 各级各类医联体：共建共享居民健康信息，电子健康档案和电子病历连续记录 ---------------------------
@pytest.mark.parametrize(
    ("rule", "fact"),
    [
        ("jiangsu.shared_health_information", "jiangsu_shared_health_information"),
        ("jiangsu.continuous_health_records", "jiangsu_continuous_health_records"),
    ],
)
@pytest.mark.parametrize("kind", [CCM, CMG, ALLIANCE, TELE])
def test_health_information_of_every_kind(
    registry: Registry, rule: str, fact: str, kind: ConsortiumKind
) -> None:
    def net(facts: dict[str, bool]) -> Network:
        return Network(COUNTY, (cons("c", kind, "hosp", ["thc"], facts=facts),))

    assert results(registry, net({fact: True}), rule) == {("c",): "pass"}
    assert results(registry, net({fact: False}), rule) == {("c",): "fail"}
    assert results(registry, net({}), rule) == {("c",): "not_assessable"}
    assert results(registry, net({fact: True}), rule, as_of=BEFORE) == {}


# -- 五（二） 鼓励紧密型医联体设立财务管理中心 --------------------------------------------------------
@pytest.mark.parametrize(
    ("facts", "integration", "status"),
    [
        ({"jiangsu_finance_centre": True}, Integration.TIGHT, {("c",): "pass"}),
        ({"jiangsu_finance_centre": False}, Integration.TIGHT, {("c",): "advisory"}),
        ({}, Integration.TIGHT, {("c",): "not_assessable"}),
        ({"jiangsu_finance_centre": False}, Integration.LOOSE, {("320000",): "not_assessable"}),
    ],
)
def test_finance_centre(
    registry: Registry, facts: dict[str, bool], integration: Integration, status: dict[tuple[str, ...], str]
) -> None:
    # In force on the day; before its document, the rule is not there at all.
    assert county_community_results(registry, "jiangsu.finance_centre", facts, integration, BEFORE) == (
        status,
        {},
    )


# -- exit codes ------------------------------------------------------------------------------
def _validate(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], *more: str
) -> tuple[int, dict[str, str]]:
    """``validate`` of the compliant example (exit 0), changed by ``change``."""
    example = api.example(api.load_registry(), "jiangsu-compliant")
    data = yaml.safe_load(example.network.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "net.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    args = ["validate", str(path), "-j", "jiangsu", "--as-of", "2020-12-31", "--format", "json", *more]
    result = CliRunner().invoke(main, [*args])
    return result.exit_code, {
        f"{f['rule']} {' '.join(f['subjects'])}": f["status"] for f in json.loads(result.stdout)["findings"]
    }


def _consortium(data: dict[str, Any], ident: str) -> dict[str, Any]:
    (found,) = [c for c in data["consortia"] if c["id"] == ident]
    return cast(dict[str, Any], found)


def _private_hospital_outside(data: dict[str, Any]) -> None:
    data["institutions"].append(
        {"id": "js-priv", "name": "示例民营医院", "level": "secondary", "type": "general_hospital",
         "ownership": "private", "division": "320902", "township": "五星街道"}
    )  # fmt: skip


def _no_finance_centre(data: dict[str, Any]) -> None:
    _consortium(data, "js-ccm-a1")["governance"]["facts"]["jiangsu_finance_centre"] = False


def _no_interconnection(data: dict[str, Any]) -> None:
    facts = dict(_consortium(data, "js-tm-1")["governance"]["facts"])
    _consortium(data, "js-tm-1")["governance"]["facts"] = {**facts, "jiangsu_exam_interconnection": False}


def _records_not_continuous(data: dict[str, Any]) -> None:
    facts = dict(_consortium(data, "js-ccm-a1")["governance"]["facts"])
    _consortium(data, "js-ccm-a1")["governance"]["facts"] = {
        **facts,
        "jiangsu_continuous_health_records": False,
    }


def _no_quality_control(data: dict[str, Any]) -> None:
    facts = dict(_consortium(data, "js-tm-1")["governance"]["facts"])
    _consortium(data, "js-tm-1")["governance"]["facts"] = {**facts, "jiangsu_member_quality_control": False}


def test_exit_codes(tmp_path: Path) -> None:
    assert _validate(tmp_path, lambda data: None)[0] == 0
    # Encouraged items not taken up are advisory: exit 0, and 1 with --fail-on any.
    for change, finding in (
        (_private_hospital_outside, "jiangsu.private_hospitals_encouraged js-priv"),
        (_no_finance_centre, "jiangsu.finance_centre js-ccm-a1"),
        # The example's county hospital leads no network of its county (有条件的, advised).
        (lambda data: None, "jiangsu.county_hospital_telemedicine js-a-hosp"),
    ):
        code, found = _validate(tmp_path, change)
        assert found[finding] == "advisory"
        assert code == 0
        assert _validate(tmp_path, change, "--fail-on", "any")[0] == 1
    # A mandatory duty recorded as not done: exit 1.
    code, found = _validate(tmp_path, _no_interconnection)
    assert found["jiangsu.telemedicine_exam_recognition js-tm-1"] == "fail"
    assert code == 1
    code, found = _validate(tmp_path, _records_not_continuous)
    assert found["jiangsu.continuous_health_records js-ccm-a1"] == "fail"
    assert found["jiangsu.shared_health_information js-ccm-a1"] == "pass"
    assert code == 1
    code, found = _validate(tmp_path, _no_quality_control)
    assert found["jiangsu.telemedicine_quality_control js-tm-1"] == "fail"
    assert code == 1


def _provincial_hospital(target: str | None) -> Callable[[dict[str, Any]], None]:
    """A provincially administered hospital that meets the other duties of 四（一）2 (in a
    tight consortium of its city, leading a cross-regional network and alliance), paired
    with ``target`` (no pairing recorded when None)."""

    def change(data: dict[str, Any]) -> None:
        data["institutions"].append(
            {"id": "js-prov-x", "name": "江苏省示例省属医院", "level": "tertiary", "type": "general_hospital",
             "ownership": "government", "division": "320902", "township": "五星街道",
             "provincially_administered": True}
        )  # fmt: skip
        _consortium(data, "js-cmg-1")["members"].append("js-prov-x")
        members = [{"institution": "js-prov-x", "role": "lead"}, "js-city-1", "js-b-hosp"]
        links = [] if target is None else [{"relation": ASSISTS, "target": target}]
        network = {
            **_consortium(data, "js-rtm-gulou"),
            "id": "js-rtm-prov",
            "members": members,
            "links": links,
        }
        alliance = {
            **_consortium(data, "js-pa-01"),
            "id": "js-pa-prov",
            "name": "示例专科联盟",
            "members": members,
        }
        data["consortia"] += [{**network, "name": "示例远程医疗协作网"}, alliance]

    return change


@pytest.mark.parametrize(
    ("target", "status", "exit_code"),
    [("js-a-hosp", "pass", 0), ("js-a-thc1", "fail", 1), (None, "not_assessable", 0)],
)
def test_exit_code_of_the_pairing(tmp_path: Path, target: str | None, status: str, exit_code: int) -> None:
    # Paired with the county hospital: 0; only with a township health centre: a mandatory
    # failure, 1; no pairing recorded anywhere: not assessable, which is not a failure.
    code, found = _validate(tmp_path, _provincial_hospital(target))
    assert found["jiangsu.provincial_hospital_assistance js-prov-x"] == status
    assert code == exit_code
