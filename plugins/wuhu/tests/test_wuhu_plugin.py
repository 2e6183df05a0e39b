"""The plugin as installed: jurisdiction, document, catalog, contract, CLI and examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from medconsortium import Registry
from medconsortium import load_network
from medconsortium import load_statistics
from medconsortium.cli import main
from medconsortium.testing import assert_contract


def examples_dir() -> Path:
    """Where the plugin ships its examples (asked of the registry: importing the package by
    name would give mypy the same file under two module names)."""
    return Registry.load(only=["wuhu"]).examples["wuhu"].item.network.parent


def test_jurisdiction_and_chain(wuhu_registry: Registry) -> None:
    wuhu = wuhu_registry.jurisdiction("芜湖市")
    assert (wuhu.code, wuhu.slug, wuhu.parent) == ("340200", "wuhu", "340000")
    assert [j.code for j in wuhu_registry.chain(wuhu.code)] == ["100000", "340000", "340200"]
    # Anhui exists in the chain but no document of its own is installed.
    assert not [d for d in wuhu_registry.documents.values() if d.item.jurisdiction == "340000"]


def test_document_names_what_it_rests_on(wuhu_registry: Registry) -> None:
    doc = wuhu_registry.documents["芜医改组〔2019〕7号"].item
    assert "皖政办〔2017〕57号" in doc.rests_on and "国办发〔2017〕32号" in doc.rests_on
    assert "皖政办〔2017〕57号" not in wuhu_registry.documents


def test_every_item_is_at_the_wuhu_level(wuhu_registry: Registry) -> None:
    for entries in (wuhu_registry.rules, wuhu_registry.referral_rules, wuhu_registry.targets):
        own = [e for e in entries.values() if e.plugin == "wuhu"]
        assert own and all(e.level == "340200" for e in own)


def test_contract() -> None:
    assert_contract("wuhu")


def test_rules_command_lists_everything_with_citations() -> None:
    result = CliRunner().invoke(main, ["--plugins", "wuhu", "rules", "wuhu", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    rule_ids = {r["id"] for r in data["rules"]}
    for rid in (
        "wuhu.one_city_group_per_district",
        "wuhu.city_group_named_lead",
        "wuhu.urban_rural_one_hospital_per_community",
        "wuhu.urban_rural_hospital_caps",
        "wuhu.one_alliance_per_specialty",
        "wuhu.telemedicine_five_unifications",
        "wuhu.city_referral_tertiary",
        "national.city_group_lead",
    ):
        assert rid in rule_ids
    referral_ids = {r["id"] for r in data["referral_rules"]}
    assert {"wuhu.referral_city_free_choice", "wuhu.referral_specialty_alliance"} <= referral_ids
    assert data["chain"] == ["100000", "340000", "340200"]
    wuhu_rules = [r for r in data["rules"] if r["plugin"] == "wuhu"]
    assert wuhu_rules and all(r["citation"]["document"] == "芜医改组〔2019〕7号" for r in wuhu_rules)
    assert all(r["citation"]["text"] and r["citation"]["clause"] for r in wuhu_rules)


def test_examples_are_synthetic_and_load(wuhu_registry: Registry) -> None:
    for name in ("wuhu", "wuhu-compliant"):
        example = wuhu_registry.examples[name].item
        assert example.statistics is not None
        assert load_statistics(example.statistics).synthetic
        assert load_network(example.network).consortia


def assess_example(name: str) -> dict[str, object]:
    example = {"wuhu": "wuhu-network.yaml", "wuhu-compliant": "wuhu-compliant-network.yaml"}[name]
    args = [
        "--plugins",
        "wuhu",
        "assess",
        str(examples_dir() / example),
        "--stats",
        str(examples_dir() / "wuhu-statistics.yaml"),
        "-j",
        "wuhu",
        "--year",
        "2020",
        "--format",
        "json",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def wuhu_findings(data: dict[str, object]) -> dict[str, set[str]]:
    """Rule id -> statuses, for the Wuhu rules."""
    out: dict[str, set[str]] = {}
    for f in data["findings"]:  # type: ignore[attr-defined]
        if f["rule"].startswith("wuhu."):
            out.setdefault(f["rule"], set()).add(f["status"])
    return out


def test_violating_example_shows_each_violation() -> None:
    data = assess_example("wuhu")
    assert data["synthetic"] is True
    found = wuhu_findings(data)
    for rule in (
        "wuhu.one_city_group_per_district",
        "wuhu.urban_rural_hospital_caps",
        "wuhu.urban_rural_one_hospital_per_community",
        "wuhu.one_alliance_per_specialty",
        "wuhu.city_referral_tertiary",
        "wuhu.county_referral_leads",
    ):
        assert "fail" in found[rule], rule
    statuses = set().union(*found.values())
    assert {"pass", "fail", "not_assessable"} <= statuses


def test_compliant_example_has_no_wuhu_failure() -> None:
    found = wuhu_findings(assess_example("wuhu-compliant"))
    assert found and all(statuses == {"pass"} for statuses in found.values()), found


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_demo_renders(fmt: str) -> None:
    result = CliRunner().invoke(main, ["--plugins", "wuhu", "demo", "wuhu", "--format", fmt])
    assert result.exit_code == 1, result.output  # the example has failures on purpose
    assert "芜医改组〔2019〕7号" in result.output


def test_example_referrals_through_the_cli() -> None:
    folder = examples_dir()
    args = [
        "--plugins",
        "wuhu",
        "referral",
        "check",
        str(folder / "wuhu-referrals.csv"),
        "-n",
        str(folder / "wuhu-network.yaml"),
        "-j",
        "wuhu",
        "--format",
        "json",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    found = {
        (f["rule"], f["subjects"][0]): f["status"] for f in data["findings"] if f["rule"].startswith("wuhu.")
    }
    assert found[("wuhu.referral_city_free_choice", "wr-02")] == "fail"  # 镜湖区 restricts to its lead
    assert found[("wuhu.referral_county_free_choice", "wr-05")] == "fail"
    assert found[("wuhu.referral_urban_rural_priority", "wr-10")] == "fail"
    # The report lists what did not pass; passes are counted per rule.
    assert ("wuhu.referral_city_free_choice", "wr-03") not in found  # to the other provincial hospital
    assert ("wuhu.referral_specialty_alliance", "wr-07") not in found
    counts = {(r["rule"], r["status"]): r["count"] for r in data["rules"]}
    assert counts[("wuhu.referral_city_free_choice", "pass")] == 2
    assert counts[("wuhu.referral_specialty_alliance", "pass")] == 1
    # Patient keys never appear in the report.
    assert "p-a1f3" not in result.output
