"""The rest of the Linyi clause pass (issue 12): 四（一）4 private participation and 四（四）1
nursing and rehabilitation members (encouraged: advisory, never a failure), 四（一）8 the city
remote consultation centre (mandatory), 四（四）1 the green channel (mandatory, both ways),
五（三） the two drug explorations and 五（五） records shared within a consortium (探索, no duty
word: advisory) and 四（一）8 the
telemedicine network's full coverage (qualitative):
pass, fail or advisory, missing data, the day before the document, strength and exit code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from medconsortium import FindingStatus
from medconsortium import Jurisdiction
from medconsortium import Membership
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import Strength
from medconsortium.cli import main
from medconsortium_linyi import EXAMPLES_DIR
from medconsortium_linyi.document import ISSUED
from medconsortium_linyi.drugs import PREPARATIONS_SHARED
from medconsortium_linyi.drugs import PROCUREMENT_LINKAGE
from medconsortium_linyi.information import RECORD_SHARING

from .test_linyi_referrals import referral
from .test_linyi_referrals import status
from .test_linyi_rules import AS_OF
from .test_linyi_rules import K
from .test_linyi_rules import L
from .test_linyi_rules import T
from .test_linyi_rules import cons
from .test_linyi_rules import findings
from .test_linyi_rules import inst

A = FindingStatus
BEFORE = dt.date(2017, 10, 25)
LANSHAN = "371302"
RMYY = inst("rmyy", T.GENERAL_HOSPITAL, L.TERTIARY, LANSHAN, "临沂市人民医院")
H2 = inst("h2", T.GENERAL_HOSPITAL, L.SECONDARY, LANSHAN)
PRIVATE_H2 = inst("ph2", T.GENERAL_HOSPITAL, L.SECONDARY, LANSHAN, ownership=Ownership.PRIVATE)
NURSING = inst("nh", T.NURSING_HOME, L.UNRATED, LANSHAN)
REHAB = inst("rh", T.REHABILITATION_HOSPITAL, L.SECONDARY, LANSHAN, ownership=Ownership.PRIVATE)


def statuses(
    registry: Registry, linyi: Jurisdiction, net: Network, rule: str, day: dt.date = AS_OF
) -> dict[str, str]:
    return {s: f.status.value for f in findings(registry, linyi, net, rule, day) for s in f.subjects}


# -- 四（一）4 鼓励民营医疗机构牵头或参加 -------------------------------------------------------
def test_private_participation_is_advisory_never_a_failure(registry: Registry, linyi: Jurisdiction) -> None:
    outside = Network((RMYY, H2, PRIVATE_H2), (cons("g", K.CITY_MEDICAL_GROUP, LANSHAN, "rmyy", "h2"),))
    assert statuses(registry, linyi, outside, "linyi.private_participation") == {"ph2": "advisory"}
    joined = Network((RMYY, H2, PRIVATE_H2), (cons("g", K.CITY_MEDICAL_GROUP, LANSHAN, "rmyy", "ph2"),))
    assert statuses(registry, linyi, joined, "linyi.private_participation") == {"ph2": "pass"}
    # leading counts as taking part (牵头或参加), and a specialty alliance is as good
    leads = Network((H2, PRIVATE_H2), (cons("s", K.SPECIALTY_ALLIANCE, LANSHAN, "ph2", "h2"),))
    assert statuses(registry, linyi, leads, "linyi.private_participation") == {"ph2": "pass"}


def test_private_participation_without_a_private_institution_is_not_assessed(
    registry: Registry, linyi: Jurisdiction
) -> None:
    net = Network((RMYY, H2), (cons("g", K.CITY_MEDICAL_GROUP, LANSHAN, "rmyy", "h2"),))
    assert statuses(registry, linyi, net, "linyi.private_participation") == {"371300": "not_assessable"}


# -- 四（四）1 鼓励护理院、专业康复机构等加入医联体 ---------------------------------------------------
def test_nursing_and_rehabilitation_members(registry: Registry, linyi: Jurisdiction) -> None:
    net = Network((RMYY, H2, NURSING, REHAB), (cons("g", K.CITY_MEDICAL_GROUP, LANSHAN, "rmyy", "h2", "rh"),))
    assert statuses(registry, linyi, net, "linyi.care_and_rehabilitation_members") == {
        "nh": "advisory",
        "rh": "pass",
    }


def test_a_member_that_left_before_the_day_no_longer_counts(registry: Registry, linyi: Jurisdiction) -> None:
    group = cons("g", K.CITY_MEDICAL_GROUP, LANSHAN, "rmyy", "h2")
    left = attrs.evolve(group, members=(*group.members, Membership("nh", left=dt.date(2018, 6, 30))))
    net = Network((RMYY, H2, NURSING), (left,))
    assert statuses(registry, linyi, net, "linyi.care_and_rehabilitation_members") == {"nh": "advisory"}
    assert statuses(registry, linyi, net, "linyi.care_and_rehabilitation_members", dt.date(2018, 6, 1)) == {
        "nh": "pass"
    }


# -- 四（一）8 以临沂市人民医院为平台组建全市远程医疗会诊中心 ------------------------------------------
def test_remote_centre_led_by_the_peoples_hospital(registry: Registry, linyi: Jurisdiction) -> None:
    rule = "linyi.remote_consultation_centre"
    network = Network((RMYY, H2), (cons("t", K.TELEMEDICINE_NETWORK, LANSHAN, "rmyy", "h2"),))
    assert statuses(registry, linyi, network, rule) == {"rmyy": "pass"}
    # a city group it leads is not a telemedicine network
    group = Network((RMYY, H2), (cons("g", K.CITY_MEDICAL_GROUP, LANSHAN, "rmyy", "h2"),))
    assert statuses(registry, linyi, group, rule) == {"rmyy": "fail"}
    # another hospital leads the network
    other = Network((RMYY, H2), (cons("t", K.TELEMEDICINE_NETWORK, LANSHAN, "h2", "rmyy"),))
    assert statuses(registry, linyi, other, rule) == {"rmyy": "fail"}
    # the hospital is not in the network: not assessable, never a pass
    assert statuses(registry, linyi, Network((H2,)), rule) == {"371300": "not_assessable"}


def test_not_in_force_the_day_before_the_document(registry: Registry, linyi: Jurisdiction) -> None:
    net = Network((RMYY, H2, PRIVATE_H2, NURSING), (cons("g", K.CITY_MEDICAL_GROUP, LANSHAN, "rmyy", "h2"),))
    for rule in (
        "linyi.private_participation",
        "linyi.care_and_rehabilitation_members",
        "linyi.remote_consultation_centre",
    ):
        assert findings(registry, linyi, net, rule, BEFORE) == []
        assert findings(registry, linyi, net, rule, dt.date(2017, 10, 26)) != []


# -- 四（四）1 建立医联体内部双向转诊绿色通道 ----------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "target", "priority", "expected"),
    [
        ("thc", "h3", True, A.PASS),
        ("thc", "h3", False, A.FAIL),
        ("thc", "h3", None, A.NOT_ASSESSABLE),
        ("h3", "thc", False, A.FAIL),  # both ways (双向)
        ("h3", "thc", True, A.PASS),
        ("thc", "out3", False, None),  # not within a consortium
    ],
)
def test_green_channel(
    registry: Registry,
    linyi: Jurisdiction,
    source: str,
    target: str,
    priority: bool | None,
    expected: FindingStatus | None,
) -> None:
    assert (
        status(registry, linyi, referral(source, target, priority=priority), "linyi.green_channel")
        is expected
    )


def test_green_channel_before_the_document(registry: Registry, linyi: Jurisdiction) -> None:
    ref = attrs.evolve(referral("thc", "h3", priority=False), time=dt.datetime(2017, 10, 25, 9, 0))
    assert status(registry, linyi, ref, "linyi.green_channel") is None


def test_strengths(registry: Registry) -> None:
    rules = {
        **{k: e.item for k, e in registry.rules.items()},
        **{k: e.item for k, e in registry.referral_rules.items()},
    }
    assert rules["linyi.private_participation"].strength is Strength.ENCOURAGED
    assert rules["linyi.care_and_rehabilitation_members"].strength is Strength.ENCOURAGED
    assert rules["linyi.remote_consultation_centre"].strength is Strength.MANDATORY
    assert rules["linyi.green_channel"].strength is Strength.MANDATORY


COMPLIANT = EXAMPLES_DIR / "linyi-compliant-network.yaml"
NURSING_HOME = (
    "  - {id: ly-nh, name: 示例民营护理院, level: unrated, type: nursing_home, ownership: private,"
    ' division: "371302"}\n'
)


def _validate(tmp_path: Path, text: str) -> int:
    path = tmp_path / "n.yaml"
    path.write_text(text, encoding="utf-8")
    args = ["validate", str(path), "-j", "linyi", "--as-of", "2018-12-31", "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 2, result.output
    return result.exit_code


def test_exit_codes(tmp_path: Path) -> None:
    """On the compliant example (exit 0): a nursing home outside every consortium is advisory
    and the exit code stays 0; without the remote centre led by 临沂市人民医院 it is 1."""
    text = COMPLIANT.read_text(encoding="utf-8")
    assert _validate(tmp_path, text) == 0
    with_outsider = text.replace("consortia:\n", NURSING_HOME + "consortia:\n", 1)
    assert with_outsider != text and _validate(tmp_path, with_outsider) == 0
    without_centre = text.replace(
        "kind: telemedicine_network", "kind: specialty_alliance\n    specialty: 远程", 1
    )
    assert without_centre != text and _validate(tmp_path, without_centre) == 1


# -- 五（五） 医联体内电子健康档案、电子病历记录等诊疗信息互通共享（无义务词：倡导） ----------------------
def _sharing(facts: dict[str, bool]) -> Network:
    return Network((RMYY, H2), (cons("g", K.CITY_MEDICAL_GROUP, LANSHAN, "rmyy", "h2", facts=facts),))


# 五（三） 探索…联动机制 / 探索院内制剂…调剂使用 (探索: advisory) and 五（五） the shared records
ADVISORY_FACTS = [
    ("linyi.procurement_linkage", PROCUREMENT_LINKAGE),
    ("linyi.preparations_shared", PREPARATIONS_SHARED),
    ("linyi.health_record_sharing", RECORD_SHARING),
]


@pytest.mark.parametrize(("rule", "fact"), ADVISORY_FACTS)
def test_advisory_facts_never_fail(registry: Registry, linyi: Jurisdiction, rule: str, fact: str) -> None:
    assert statuses(registry, linyi, _sharing({fact: True}), rule) == {"g": "pass"}
    assert statuses(registry, linyi, _sharing({fact: False}), rule) == {"g": "advisory"}
    assert statuses(registry, linyi, _sharing({}), rule) == {"g": "not_assessable"}
    # not in force the day before the document
    assert statuses(registry, linyi, _sharing({fact: False}), rule, BEFORE) == {}
    assert registry.rules[rule].item.strength is Strength.ENCOURAGED


@pytest.mark.parametrize(("rule", "fact"), ADVISORY_FACTS)
def test_advisory_fact_denied_keeps_the_exit_code_0(tmp_path: Path, rule: str, fact: str) -> None:
    text = COMPLIANT.read_text(encoding="utf-8")
    assert f"{fact}: true" in text
    assert _validate(tmp_path, text.replace(f"{fact}: true", f"{fact}: false")) == 0


def test_a_mandatory_fact_denied_in_the_same_file_exits_1(tmp_path: Path) -> None:
    text = COMPLIANT.read_text(encoding="utf-8")
    affiliation = text.replace("linyi_affiliation_unchanged: true", "linyi_affiliation_unchanged: false", 1)
    assert affiliation != text and _validate(tmp_path, affiliation) == 1


# -- 四（一）8 逐步形成…远程医疗服务网络…实现远程医疗服务全覆盖 -------------------------------------------
def test_telemedicine_coverage_is_a_qualitative_target(registry: Registry) -> None:
    target = registry.targets["linyi.telemedicine_full_coverage"].item
    assert target.kind.value == "qualitative"
    assert target.indicator is None and target.value is None
    assert target.citation.clause == "四（一）8" and "实现远程医疗服务全覆盖" in target.citation.text
    assert target.period.start == ISSUED
