"""The plugin as installed: what it registers, its examples end to end through the CLI."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from medconsortium import Citation
from medconsortium import Registry
from medconsortium import api
from medconsortium.cli import main
from medconsortium_jiangsu.document import DOC
from medconsortium_jiangsu.reference import PROVINCIAL_ALLIANCES
from medconsortium_jiangsu.reference import REGIONAL_CENTRES


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"MEDCONSORTIUM_PLUGINS": "jiangsu"})
    return result.exit_code, result.output


def test_everything_cites_the_plan_at_the_province(registry: Registry) -> None:
    ours: list[tuple[str | None, str, Citation]] = [
        *((e.level, e.item.id, e.item.citation) for e in registry.targets.values() if e.plugin == "jiangsu"),
        *((e.level, e.item.id, e.item.citation) for e in registry.rules.values() if e.plugin == "jiangsu"),
        *(
            (e.level, e.item.id, e.item.citation)
            for e in registry.reference_tables.values()
            if e.plugin == "jiangsu"
        ),
    ]
    assert len(ours) > 40
    assert {level for level, _, _ in ours} == {"320000"}
    assert {citation.document for _, _, citation in ours} == {DOC}
    assert all(item_id.startswith("jiangsu.") for _, item_id, _ in ours)


def test_the_fixed_rule_id_other_plugins_rely_on(registry: Registry) -> None:
    rule = registry.rules["jiangsu.county_community_lead"]
    assert rule.plugin == "jiangsu" and rule.level == "320000"


def test_reference_tables(registry: Registry) -> None:
    alliances = registry.reference_tables["jiangsu.provincial_alliances"].item
    assert len(alliances.rows) == len(PROVINCIAL_ALLIANCES) == 19
    assert alliances.rows[0] == ("1", "江苏省卒中救治联盟", "南京鼓楼医院")
    centres = {row[0]: row[1] for row in registry.reference_tables["jiangsu.regional_centres"].item.rows}
    assert len(REGIONAL_CENTRES) == 6 and centres["江苏省人民医院"] == "南京市、镇江市、扬州市"
    five = registry.reference_tables["jiangsu.treatment_centres"].item.rows
    assert [row[0] for row in five] == [
        "chest_pain",
        "stroke",
        "trauma",
        "high_risk_maternal",
        "neonatal_critical_care",
    ]


def test_examples_are_registered(registry: Registry) -> None:
    for name in ("jiangsu", "jiangsu-compliant"):
        example = registry.examples[name].item
        assert example.jurisdiction == "320000" and example.year == 2020 and example.priority == 0
        assert example.network.is_file() and example.statistics is not None and example.statistics.is_file()


def _report(name: str) -> dict[str, Any]:
    code, out = run("demo", name, "--format", "json")
    data: dict[str, Any] = json.loads(out)
    data["exit_code"] = code
    return data


def test_the_example_shows_met_not_met_and_not_assessable() -> None:
    report = _report("jiangsu")
    assert report["exit_code"] == 1
    assert report["synthetic"] is True
    target_statuses = {t["status"] for t in report["targets"] if t["id"].startswith("jiangsu.")}
    assert {"met", "not_met", "not_assessable", "not_scored"} <= target_statuses
    ours = [f for f in report["findings"] if f["rule"].startswith("jiangsu.")]
    assert {"pass", "fail", "not_assessable"} <= {f["status"] for f in ours}
    failed = {f["rule"] for f in ours if f["status"] == "fail"}
    # At least one of each kind of violation the plan names.
    assert {
        "jiangsu.grid",
        "jiangsu.one_tight_consortium",
        "jiangsu.city_group_lead",
        "jiangsu.county_community_lead",
        "jiangsu.provincial_hospital_lead",
        "jiangsu.city_group_committees",
        "jiangsu.county_community_leadership",
        "jiangsu.county_community_charter_departments",
        "jiangsu.county_community_unified_management",
        "jiangsu.specialty_alliance_charter",
        "jiangsu.provincial_alliances",
        "jiangsu.telemedicine_office",
        "jiangsu.filing",
        "jiangsu.filing_cancellation",
    } <= failed


def test_the_example_names_the_grid_problems_and_due_dates() -> None:
    findings = _report("jiangsu")["findings"]
    messages = {(f["rule"], tuple(f["subjects"])): f["message"]["en"] for f in findings}
    assert messages[("jiangsu.grid", ("320924",))] == "overlaps: 临海镇 (js-ccm-a1, js-ccm-a2)"
    assert messages[("jiangsu.grid", ("320925",))] == "not covered: 上冈镇"
    assert (
        messages[("jiangsu.filing", ("js-ccm-a1",))]
        == "filing after formation late: due 2019-10-10, done 2019-10-11"
    )
    assert messages[("jiangsu.filing", ("js-cmg-1",))] == "filing after formation on time (due 2019-02-12)"


def test_the_compliant_variant_passes() -> None:
    report = _report("jiangsu-compliant")
    assert report["exit_code"] == 0
    assert not [t for t in report["targets"] if t["status"] in ("not_met", "not_assessable")]
    assert not [f for f in report["findings"] if f["status"] == "fail"]
    # Only rules with nothing to look at in this network are not assessable.
    assert {f["rule"] for f in report["findings"] if f["status"] == "not_assessable"} == {
        "national.urban_rural_lead",
        "jiangsu.provincial_branch_consent",
        "jiangsu.provincial_hospital_lead",
        # No provincially administered hospital, regional centre or city medical centre
        # is recorded in the example: 四（一）2–3 have no subject there.
        "jiangsu.provincial_hospital_participation",
        "jiangsu.regional_centres_in_city_groups",
        "jiangsu.city_centre_alliance_telemedicine",
        "jiangsu.provincial_hospital_cross_regional_leads",
        "jiangsu.provincial_hospital_assistance",
        # No branch of a provincial hospital, no urban–rural consortium.
        "jiangsu.existing_branch_approval",
        "national.urban_rural_secondment",
        # The example holds no consortium of the cities the regional centres link (盐城市,
        # the one it has, is linked by 南通大学附属医院, which it does not hold).
        "jiangsu.regional_centre_links",
    }


def test_assess_on_the_files_matches_the_demo(registry: Registry) -> None:
    example = api.example(registry, "jiangsu")
    assert example.statistics is not None
    code, out = run(
        "assess", str(example.network), "--stats", str(example.statistics), "-j", "jiangsu", "--year", "2020"
    )
    assert code == 1
    assert "苏卫医政〔2019〕17号" in out and "合成" in out


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_other_formats_render(fmt: str) -> None:
    code, out = run("demo", "jiangsu-compliant", "--format", fmt)
    assert code == 0 and "苏卫医政〔2019〕17号" in out


def test_rules_lists_the_plan_with_the_national_baseline() -> None:
    code, out = run("rules", "jiangsu")
    assert code == 0
    assert "jiangsu.county_community_lead" in out and "national.county_community_lead" in out
    assert "每年至少进行一次综合考核" in out
