"""The plugin as installed: registration, listing, the bundled example through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from medconsortium import Registry
from medconsortium.cli import main
from medconsortium.testing import assert_contract
from medconsortium_linyi import EXAMPLE
from medconsortium_linyi import EXAMPLES_DIR
from medconsortium_linyi.document import DOC
from medconsortium_linyi.reference import NAMED_LEADS

NETWORK = str(EXAMPLES_DIR / "linyi-network.yaml")
STATISTICS = str(EXAMPLES_DIR / "linyi-statistics.yaml")
REFERRALS = str(EXAMPLES_DIR / "linyi-referrals.csv")


def run(*args: str) -> tuple[int, Any]:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.output)


def test_contract() -> None:
    assert_contract("linyi")


def test_jurisdiction_and_document(registry: Registry) -> None:
    linyi = registry.jurisdiction("临沂市")
    assert (linyi.code, linyi.slug, linyi.parent) == ("371300", "linyi", "370000")
    assert [j.code for j in registry.chain("371300")] == ["100000", "370000", "371300"]
    doc = registry.documents[DOC].item
    assert doc.jurisdiction == "371300"
    assert doc.rests_on == ("鲁政办发〔2017〕51号",)
    # The provincial plan is named, not registered.
    assert "鲁政办发〔2017〕51号" not in registry.documents


def test_every_linyi_item_sits_at_the_city_level(registry: Registry) -> None:
    for entries in (registry.targets, registry.rules, registry.referral_rules, registry.reference_tables):
        own = [e for key, e in entries.items() if key.startswith("linyi.")]
        assert own
        assert all(e.level == "371300" and e.plugin == "linyi" for e in own)


def test_named_leads_table_lists_every_named_hospital() -> None:
    leads = {row[0] for row in NAMED_LEADS.rows}
    assert leads == {
        "临沂市人民医院",
        "临沂市中心医院",
        "莒南县人民医院",
        "兰陵县人民医院",
        "平邑县人民医院",
        "临沂市中医医院",
        "平邑县中医院",
        "临沂市妇女儿童医院",
        "临沂市肿瘤医院",
        "临沂市精神卫生中心",
    }


def test_rules_listing(registry: Registry) -> None:
    code, listing = run("rules", "linyi")
    assert code == 0
    text = json.dumps(listing, ensure_ascii=False)
    own = [
        k for k in (*registry.rules, *registry.referral_rules, *registry.targets) if k.startswith("linyi.")
    ]
    # 25, linyi.district_secondary_docking (四（一）4), and from the clause pass the receiving
    # duties (四（三）1–2), the reimbursement trend (五（二）), private participation (四（一）4),
    # the remote consultation centre (四（一）8), the green channel and care members (四（四）1)
    # and from the second pass the telemedicine coverage goal (四（一）8), the drug explorations (五（三）)
    # and the shared records (五（五）)
    assert len(own) == 37
    for key in own:
        assert f'"{key}"' in text, key
    # The national baseline applies too.
    assert '"national.city_group_lead"' in text


def test_rules_listing_text_shows_the_empty_province() -> None:
    result = CliRunner().invoke(main, ["rules", "linyi"])
    assert result.exit_code == 0
    assert "山东省" in result.output
    assert "临政办发〔2017〕60号" in result.output


def test_example_is_registered(registry: Registry) -> None:
    entry = registry.examples["linyi"]
    assert entry.item == EXAMPLE
    assert (entry.item.jurisdiction, entry.item.year, entry.item.priority) == ("371300", 2018, 0)
    assert Path(NETWORK).is_file() and Path(STATISTICS).is_file()


def _statuses(report: Any, prefix: str = "linyi.") -> tuple[set[str], set[str]]:
    targets = {t["status"] for t in report["targets"] if t["id"].startswith(prefix)}
    findings = {f["status"] for f in report["findings"] if f["rule"].startswith(prefix)}
    return targets, findings


def test_demo_shows_every_outcome() -> None:
    code, report = run("demo", "linyi")
    assert code == 1  # something is not met
    assert report["synthetic"] is True
    assert report["year"] == 2018
    targets, findings = _statuses(report)
    # not_scored: the qualitative telemedicine goal of 四（一）8, shown and never scored
    assert targets == {"met", "not_met", "not_assessable", "not_scored"}
    # advisory: the private nursing home outside every consortium (encouraged, never a failure)
    assert findings == {"pass", "fail", "not_assessable", "advisory"}


@pytest.mark.parametrize(
    ("target", "subject", "status"),
    [
        ("linyi.2017.primary_care_coverage", "371300", "not_met"),
        ("linyi.2017.public_institutions_started", "371300", "not_met"),
        ("linyi.2017.county_plans", "371327", "met"),
        ("linyi.2017.county_plans", "371328", "not_met"),
        ("linyi.2017.county_plans", "371329", "not_assessable"),
    ],
)
def test_assess_2017(target: str, subject: str, status: str) -> None:
    code, report = run("assess", NETWORK, "--stats", STATISTICS, "-j", "linyi", "--year", "2017")
    assert code == 1
    [found] = [t for t in report["targets"] if t["id"] == target and t["subject"] == subject]
    assert found["status"] == status


@pytest.mark.parametrize(
    ("rule", "subject", "status"),
    [
        ("linyi.tertiary_lead_members", "ly-ll-ccm", "fail"),
        ("linyi.county_consortium_count", "371328", "fail"),
        ("linyi.guidance_of_3b_hospitals", "ly-py", "fail"),
        ("linyi.named_leads_general", "ly-zxyy", "fail"),
        ("linyi.named_leads_general", "ly-rmyy", "pass"),
        ("linyi.named_leads_specialty", "371300", "not_assessable"),
        ("linyi.prior_cooperation_filed", "ly-central", "pass"),
        ("linyi.prior_cooperation_filed", "ly-ll-ccm", "not_assessable"),
        ("linyi.staff_secondment", "ly-jn-ccm", "fail"),
        ("linyi.urban_lead", "ly-urban", "pass"),
    ],
)
def test_example_rules(rule: str, subject: str, status: str) -> None:
    _, report = run("demo", "linyi")
    found = [f["status"] for f in report["findings"] if f["rule"] == rule and subject in f["subjects"]]
    assert found == [status]


def test_example_referrals() -> None:
    result = CliRunner().invoke(
        main, ["referral", "check", REFERRALS, "-n", NETWORK, "-j", "linyi", "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    assert "p-000" not in result.output  # patient keys never appear
    report = json.loads(result.output)
    text = json.dumps(report, ensure_ascii=False)
    for rule in (
        "linyi.contract_form",
        "linyi.contracted_priority",
        "linyi.downward_phase",
        "linyi.downward_reception",
        "linyi.long_prescription",
        "linyi.referral_insurance",
    ):
        assert rule in text


def test_compliant_variant_passes_every_linyi_rule(registry: Registry) -> None:
    compliant = str(EXAMPLES_DIR / "linyi-compliant-network.yaml")
    _, report = run("validate", compliant, "-j", "linyi", "--as-of", "2018-12-31")
    own = [f for f in report["findings"] if f["rule"].startswith("linyi.")]
    assert {f["status"] for f in own} == {"pass"}
    assert {f["rule"] for f in own} == {k for k in registry.rules if k.startswith("linyi.")}
