"""The Wuhu clause pass (issue 12): 四（二）1 the county community's internal management
system and 四（三）4 telemedicine for the partner communities (mandatory governance facts),
五（二） mutual recognition of examination results and the resident health card as one card
(advisory, never a failure): pass, fail
or advisory, not stated, the day before the document, strength and exit code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from medconsortium import ConsortiumKind
from medconsortium import Jurisdiction
from medconsortium import Network
from medconsortium import Registry
from medconsortium import Strength
from medconsortium import run_rules
from medconsortium.cli import main
from medconsortium.testing import make_consortium
from medconsortium.testing import make_institution
from medconsortium_wuhu import EXAMPLES_DIR
from medconsortium_wuhu import facts as F
from medconsortium_wuhu.document import ISSUED

K = ConsortiumKind
WUHU_COUNTY = "340222"  # 繁昌县
AS_OF = dt.date(2020, 12, 31)

CASES = [
    # rule, kind of consortium, fact, status when the fact is false
    ("wuhu.county_community_internal_management", K.COUNTY_MEDICAL_COMMUNITY, F.INTERNAL_MANAGEMENT, "fail"),
    ("wuhu.urban_rural_telemedicine", K.URBAN_RURAL, F.PARTNER_TELEMEDICINE, "fail"),
    ("wuhu.mutual_recognition", K.COUNTY_MEDICAL_COMMUNITY, "mutual_recognition", "advisory"),
    ("wuhu.health_card", K.CITY_MEDICAL_GROUP, F.HEALTH_CARD, "advisory"),
]


def network(kind: ConsortiumKind, facts: dict[str, bool]) -> Network:
    lead = make_institution("h", division=WUHU_COUNTY)
    member = make_institution("t", division=WUHU_COUNTY)
    return Network((lead, member), (make_consortium("c", kind, "h", ["t"], WUHU_COUNTY, facts=facts),))


def statuses(
    registry: Registry, wuhu: Jurisdiction, net: Network, rule: str, day: dt.date = AS_OF
) -> list[str]:
    return [f.status.value for f in run_rules(net, registry, wuhu, day) if f.rule == rule]


@pytest.mark.parametrize(("rule", "kind", "fact", "when_false"), CASES)
def test_stated_not_stated_and_false(
    wuhu_registry: Registry, wuhu: Jurisdiction, rule: str, kind: ConsortiumKind, fact: str, when_false: str
) -> None:
    assert statuses(wuhu_registry, wuhu, network(kind, {fact: True}), rule) == ["pass"]
    assert statuses(wuhu_registry, wuhu, network(kind, {fact: False}), rule) == [when_false]
    assert statuses(wuhu_registry, wuhu, network(kind, {}), rule) == ["not_assessable"]


@pytest.mark.parametrize(("rule", "kind", "fact", "when_false"), CASES)
def test_not_in_force_the_day_before_the_document(
    wuhu_registry: Registry, wuhu: Jurisdiction, rule: str, kind: ConsortiumKind, fact: str, when_false: str
) -> None:
    net = network(kind, {fact: False})
    assert statuses(wuhu_registry, wuhu, net, rule, ISSUED - dt.timedelta(days=1)) == []
    assert statuses(wuhu_registry, wuhu, net, rule, ISSUED) == [when_false]


def test_the_partner_telemedicine_is_asked_of_urban_rural_consortia_only(
    wuhu_registry: Registry, wuhu: Jurisdiction
) -> None:
    net = network(K.COUNTY_MEDICAL_COMMUNITY, {F.PARTNER_TELEMEDICINE: False})
    # no urban-rural consortium: nothing the rule applies to, never a failure
    assert statuses(wuhu_registry, wuhu, net, "wuhu.urban_rural_telemedicine") == ["not_assessable"]


def test_strengths_follow_the_words(wuhu_registry: Registry) -> None:
    rules = {k: e.item for k, e in wuhu_registry.rules.items()}
    # 要重点做好 (四（二）, 四（三）): mandatory; 加快推进…实现 (五（二）), no duty word: encouraged
    assert rules["wuhu.county_community_internal_management"].strength is Strength.MANDATORY
    assert rules["wuhu.urban_rural_telemedicine"].strength is Strength.MANDATORY
    assert rules["wuhu.mutual_recognition"].strength is Strength.ENCOURAGED
    # 鼓励…使用居民健康卡 (五（二）): encouraged
    assert rules["wuhu.health_card"].strength is Strength.ENCOURAGED


def _validate(tmp_path: Path, text: str) -> int:
    path = tmp_path / "n.yaml"
    path.write_text(text, encoding="utf-8")
    args = [
        "--plugins",
        "wuhu",
        "validate",
        str(path),
        "-j",
        "wuhu",
        "--as-of",
        "2020-12-31",
        "--format",
        "json",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 2, result.output
    return result.exit_code


def test_exit_codes_on_the_compliant_example(tmp_path: Path) -> None:
    text = (EXAMPLES_DIR / "wuhu-compliant-network.yaml").read_text(encoding="utf-8")
    assert _validate(tmp_path, text) == 0
    # mutual recognition denied everywhere: advisory, still 0
    assert _validate(tmp_path, text.replace("mutual_recognition: true", "mutual_recognition: false")) == 0
    # the health card denied everywhere: advisory, still 0
    card = text.replace("wuhu_health_card_one_card: true", "wuhu_health_card_one_card: false")
    assert card != text and _validate(tmp_path, card) == 0
    # the internal management system denied: a mandatory rule fails, 1
    denied = text.replace(
        "wuhu_internal_management_system: true", "wuhu_internal_management_system: false", 1
    )
    assert denied != text and _validate(tmp_path, denied) == 1
