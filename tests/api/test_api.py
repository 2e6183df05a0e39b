"""The Python API an integrator calls: argument order, serialisation, networks in memory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from medconsortium import InputError, Network, Registry, api, load_network
from medconsortium.cli import main
from medconsortium.report.rows import COLUMNS

DOCS_EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.fixture(scope="module")
def tongzhou_report(registry: Registry) -> api.Report:
    ex = api.example(registry, "tongzhou")
    return api.assess_files(ex.network, ex.statistics, registry, ex.jurisdiction, ex.year)


def test_assess_files_takes_the_order_of_assess_and_warns_on_the_old_one(registry: Registry) -> None:
    ex = api.example(registry, "tongzhou")
    new = api.assess_files(ex.network, ex.statistics, registry, ex.jurisdiction, ex.year)
    with pytest.warns(FutureWarning, match=r"call assess_files\(network, statistics, registry"):
        old = api.assess_files(ex.network, ex.statistics, ex.jurisdiction, ex.year, registry)
    assert old == new
    # The Jurisdiction object works where its code does, as in assess().
    j = registry.jurisdiction(ex.jurisdiction)
    assert api.assess_files(ex.network, ex.statistics, registry, j, ex.year) == new
    network = api.open_network(ex.network, registry)
    stats = api.open_statistics(ex.statistics, registry)
    assert api.assess(network, stats, registry, j, ex.year) == new


def test_validate_file_takes_the_order_of_validate_and_warns_on_the_old_one(registry: Registry) -> None:
    ex = api.example(registry, "tongzhou")
    import datetime as dt

    day = dt.date(2025, 6, 30)
    new = api.validate_file(ex.network, registry, "tongzhou", day)
    with pytest.warns(FutureWarning, match="validate_file"):
        old = api.validate_file(ex.network, "tongzhou", registry, day)
    assert old == new
    assert new.command == "validate" and new.findings


def test_to_json_is_what_format_json_prints(registry: Registry, tongzhou_report: api.Report) -> None:
    printed = CliRunner().invoke(main, ["demo", "tongzhou", "--format", "json"])
    assert printed.exit_code in (0, 1), printed.output
    assert tongzhou_report.to_json() == printed.stdout
    assert tongzhou_report.to_dict() == json.loads(printed.stdout)
    assert api.render(tongzhou_report, "json") == printed.stdout


def test_records_are_flat_rows_with_names_beside_ids(tongzhou_report: api.Report) -> None:
    rows = tongzhou_report.records()
    assert all(tuple(row) == COLUMNS for row in rows)
    assert all(
        value is None or type(value) in (str, int, float, bool) for row in rows for value in row.values()
    )
    targets = [r for r in rows if r["kind"] == "target"]
    findings = [r for r in rows if r["kind"] == "finding"]
    assert len(targets) == len(tongzhou_report.targets)
    assert len(findings) == sum(max(1, len(f.subjects)) for f in tongzhou_report.findings)
    # Every consortium or institution mentioned carries its name from the network.
    named = [r for r in rows if r["subject"] in tongzhou_report.names]
    assert named and all(r["subject_name"] == tongzhou_report.names[r["subject"]] for r in named)
    # Area subjects of the chain are named too (通州区).
    assert any(r["subject"] == "320612" and r["subject_name"] == "通州区" for r in targets)
    # A row per subject points back at its finding.
    for row in findings:
        finding = tongzhou_report.findings[row["finding"]]
        assert row["id"] == finding.rule and row["status"] == finding.status.value
        assert row["subject"] in (finding.subjects or (None,))


def _network_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DOCS_EXAMPLES / "network.json").read_text(encoding="utf-8"))
    return data


def test_from_dict_gives_the_network_the_file_gives(core_registry: Registry) -> None:
    from_file = api.open_network(DOCS_EXAMPLES / "network.json", core_registry)
    assert Network.from_dict(_network_data()) == from_file
    assert api.network_from_dict(_network_data(), core_registry) == from_file


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (
            lambda d: d["consortia"][0]["members"].append("ghost"),
            "consortia[0].members[",
            "unknown institution",
        ),
        (lambda d: d["institutions"][0].update(level="quaternary"), "institutions[0].level", "level"),
        (lambda d: d.update(extra=1), "", "unknown key"),
        (lambda d: d["consortia"][0].update(formed="2020-13-01"), "consortia[0].formed", ""),
    ],
    ids=["reference", "enum", "top-level key", "date"],
)
def test_from_dict_raises_the_errors_a_file_raises(
    tmp_path: Path, change: Any, where: str, message: str
) -> None:
    data = _network_data()
    change(data)
    path = tmp_path / "network.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as from_file:
        load_network(path)
    with pytest.raises(InputError) as from_dict:
        Network.from_dict(data, source="memory")
    assert (from_dict.value.location, from_dict.value.message) == (
        from_file.value.location,
        from_file.value.message,
    )
    assert from_dict.value.source == "memory"
    assert where in from_dict.value.location and message in str(from_dict.value)


def test_unknown_governance_facts_are_refused_with_a_registry(core_registry: Registry) -> None:
    data = _network_data()
    data["consortia"][0]["governance"]["facts"]["no_such_fact"] = True
    Network.from_dict(data)  # the model alone does not know which facts exist
    with pytest.raises(InputError, match=r"<dict>: consortia\[0\]\.governance\.facts\.no_such_fact"):
        api.network_from_dict(data, core_registry)
