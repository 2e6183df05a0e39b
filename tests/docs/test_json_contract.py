"""docs/json.rst documents every key the JSON output has, and no key it lacks."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest

from medconsortium import (
    AppliedException,
    Citation,
    Finding,
    FindingStatus,
    Label,
    Registry,
    Scope,
    Strength,
    api,
)
from medconsortium.engine.listing import compare, policy_listing
from medconsortium.plugins.coverage import source_document
from medconsortium.report.render import finding_json, listing_json, render_comparison, report_json
from medconsortium.report.sources import _sentence_json, coverage_json, source_json
from medconsortium.sphinxext import rst

JSON_RST = Path(__file__).resolve().parents[2] / "docs" / "json.rst"
_MARKER = re.compile(r"^\.\. json-object: (\S+)$")
_KEY = re.compile(r"^   \* - ``([a-z_]+)``$")


def documented() -> dict[str, list[str]]:
    """Object name → keys, from the ``.. json-object:`` tables of docs/json.rst."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in JSON_RST.read_text(encoding="utf-8").splitlines():
        marker = _MARKER.match(line)
        if marker:
            current = out.setdefault(marker.group(1), [])
            continue
        key = _KEY.match(line)
        if key and current is not None:
            current.append(key.group(1))
        elif current is not None and line and not line.startswith(" ") and not line.startswith(".."):
            current = None
    return out


def actual(registry: Registry) -> dict[str, list[str]]:
    """Object name → keys, from real output of the national baseline and the demo plugin."""
    listing = listing_json(policy_listing(registry, registry.jurisdiction("hangzhou")), registry)
    ex = api.example(registry, "national")
    report = report_json(api.assess_files(ex.network, ex.statistics, registry, ex.jurisdiction, ex.year))
    comparison: dict[str, Any] = json.loads(
        render_comparison(
            compare(registry, [registry.jurisdiction("zhejiang"), registry.jurisdiction("hangzhou")]), "json"
        )
    )
    finding = finding_json(_excepted())
    row = comparison["rows"][0]
    national = source_document(registry, "国卫医发〔2016〕75号")
    coverage = coverage_json(national)
    source = source_json(national)
    return {
        "listing": list(listing),
        "jurisdiction": list(listing["jurisdiction"]),
        "document": list(listing["documents"][0]),
        "target": list(listing["targets"][0]),
        "target.scope": list(listing["targets"][0]["scope"]),
        "target.effective": list(listing["targets"][0]["effective"]),
        "rule": list(listing["rules"][0]),
        "exception": list(listing["exceptions"][0]),
        "citation": list(listing["rules"][0]["citation"]),
        "report": list(report),
        "target_result": list(report["targets"][0]),
        "finding": list(report["findings"][0]),
        "finding.exception": list(finding["exception"]),
        "target_result.missing": list(next(t["missing"][0] for t in report["targets"] if t["missing"])),
        "explanation": list(report["findings"][0]["explanation"]),
        "comparison": list(comparison),
        "comparison.row": list(row),
        "comparison.cell": list(row["cells"][0]),
        "comparison.target": list(next(c for c in row["cells"] if c["targets"])["targets"][0]),
        "reference_table": list(listing["reference_tables"][0]),
        "coverage": list(coverage),
        # The national map has no pending sentence left: any sentence has the same shape.
        "coverage.sentence": list(_sentence_json(national.coverage.sentences[0])),
        "source.clause": list(source["clauses"][0]),
        "source.sentence": list(source["clauses"][0]["sentences"][0]),
    }


def _excepted() -> Finding:
    """A finding with an exception applied, to see the keys of ``exception``."""
    base = Finding(
        "r",
        Label("规则", "rule"),
        Strength.MANDATORY,
        FindingStatus.EXCEPTED,
        ("c",),
        Label("例外", "excepted"),
        Citation("d", "一", "原文"),
        "100000",
        "national",
    )
    applied = AppliedException("x", "330100", Citation("d", "二", "原文"), Label("因", "why"))
    return attrs.evolve(base, exception=applied)


EXAMPLES = JSON_RST.parent / "examples"


def referral_actual(registry: Registry, tmp_path: Path) -> dict[str, list[str]]:
    """Object name → keys of ``referral check``, ``referral ledger`` and ``plugins``, from
    the documented referral example with one bad record added."""
    from click.testing import CliRunner

    from medconsortium.cli import main

    # r-3 is bad; r-4 fails 上转优先 (priority recorded "no"), so a finding is listed.
    bad = "r-3,pk-9,x-thc-1,ghost,2024-03-01T09:30,,,,,,\n"
    bad += "r-4,pk-8,x-thc-1,x-county-hosp,2024-03-01T09:30,,,false,,,\n"
    path = tmp_path / "referrals.csv"
    path.write_text((EXAMPLES / "referrals.csv").read_text(encoding="utf-8") + bad, encoding="utf-8")
    network = EXAMPLES / "network.yaml"

    def run(*args: str | Path) -> str:
        result = CliRunner().invoke(main, [str(a) for a in args], obj={"registry": registry})
        assert result.exit_code in (0, 1), result.output
        return result.stdout

    batch = json.loads(run("referral", "check", path, "-n", network, "-j", "national", "--format", "json"))
    ledger = run("referral", "ledger", EXAMPLES / "referrals.csv", "-n", network)
    plugins = json.loads(run("plugins", "--format", "json"))
    return {
        "batch": list(batch),
        "batch.rule": list(batch["rules"][0]),
        "batch.finding": list(batch["findings"][0]),
        "batch.bad_record": list(batch["bad_records"][0]),
        "ledger": ledger.splitlines()[0].split(","),
        "plugin": list(plugins[0]),
    }


def test_every_json_object_is_documented_key_for_key(
    demo_registry: Registry, core_registry: Registry, tmp_path: Path
) -> None:
    docs = documented()
    real = actual(demo_registry) | referral_actual(core_registry, tmp_path)
    # A batch's findings are the report's, without the explanation (documented so in the
    # batch table, not in a table of their own).
    batch_finding = real.pop("batch.finding")
    assert batch_finding == [k for k in docs["finding"] if k != "explanation"]
    assert sorted(docs) == sorted(real)
    for name, keys in real.items():
        assert docs[name] == keys, name


def test_the_json_page_shows_generated_examples() -> None:
    text = JSON_RST.read_text(encoding="utf-8")
    assert ".. medconsortium-json:: rules national" in text
    assert ".. medconsortium-json:: assess national" in text


@pytest.mark.parametrize("name", ["network.yaml", "network.json", "network.toml", "network-csv.yaml"])
def test_documented_network_examples_load(core_registry: Registry, name: str) -> None:
    network = api.open_network(JSON_RST.parent / "examples" / name, core_registry)
    assert [c.id for c in network.consortia] == ["x-ccm-1"]
    assert network.consortia[0].lead == "x-county-hosp"


def test_documented_formats_describe_the_same_network(core_registry: Registry) -> None:
    folder = JSON_RST.parent / "examples"
    loaded = [api.open_network(folder / name, core_registry) for name in ("network.json", "network.toml")]
    assert loaded[0] == loaded[1]
    from_csv = api.open_network(folder / "network-csv.yaml", core_registry)
    assert from_csv.institutions == loaded[0].institutions


@pytest.mark.parametrize("name", ["statistics.yaml", "statistics.csv"])
def test_documented_statistics_examples_load(core_registry: Registry, name: str) -> None:
    stats = api.open_statistics(JSON_RST.parent / "examples" / name, core_registry)
    assert stats.value(Scope.AREA, "130123", 2024, "residents_visits_in_county") == 9100.0
    assert stats.value(Scope.CONSORTIUM, "x-ccm-1", 2024, "referrals_up") == 120.0


def test_json_example_blocks_are_valid(core_registry: Registry) -> None:
    block = rst.json_rst(rst.json_example(core_registry, "assess", "national"), items=1)
    body = "\n".join(line[3:] for line in block.splitlines()[2:])
    assert json.loads(body)["command"] == "assess"


def test_the_documented_ledger_columns_are_every_ledger_metric() -> None:
    # The example writes every column; the ledger can write no others.
    from medconsortium.engine.ledger import METRIC_IDS

    assert documented()["ledger"] == ["scope", "id", "year", *sorted(METRIC_IDS)]


def test_documented_referral_examples_load_and_agree(core_registry: Registry) -> None:
    from medconsortium.io.referral_io import read_referrals
    from medconsortium.model.records import ReferralRecord

    network = api.open_network(EXAMPLES / "network.yaml", core_registry)
    loaded = {
        name: list(read_referrals(EXAMPLES / name, network)) for name in ("referrals.csv", "referrals.jsonl")
    }
    for records in loaded.values():
        assert all(isinstance(r, ReferralRecord) for r in records)
    csv_records, jsonl_records = loaded["referrals.csv"], loaded["referrals.jsonl"]
    # The header is line 1 of the CSV file; JSON Lines has none.
    assert [r.line for r in csv_records] == [2, 3] and [r.line for r in jsonl_records] == [1, 2]
    assert [(r.referral, r.workflow) for r in csv_records] == [
        (r.referral, r.workflow) for r in jsonl_records
    ]
    text = (JSON_RST.parent / "input-formats.rst").read_text(encoding="utf-8")
    for name in loaded:
        for line in (EXAMPLES / name).read_text(encoding="utf-8").splitlines():
            assert f"   {line}" in text, (name, line)


def test_every_referral_field_is_documented() -> None:
    from medconsortium.io.referral_io import CSV_COLUMNS

    text = (JSON_RST.parent / "input-formats.rst").read_text(encoding="utf-8")
    missing = sorted(c for c in CSV_COLUMNS if f"``{c}``" not in text)
    assert missing == []
