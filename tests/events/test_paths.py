"""One definition feeds both paths: events → statistics file → ``assess --stats`` gives
the same report as ``assess --events``; the event definitions are the catalog's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from medconsortium import MetricValue, Ratio, Registry, load_network, load_statistics
from medconsortium.cli import main
from medconsortium.engine.ledger import METRIC_IDS
from medconsortium.events.definitions import INDICATORS, METRICS
from medconsortium.events.examples import generate
from medconsortium.io.ledger import ledger_from_file

from .helpers import REFERRAL_FILE, ROOT, TONGZHOU_NETWORK, VISIT_FILE

EVENTS = [str(VISIT_FILE), f"referrals={REFERRAL_FILE}"]
AGGREGATE = ["events", "aggregate", *EVENTS, "-n", str(TONGZHOU_NETWORK), "-j", "tongzhou"]
AGGREGATE += ["--year", "2025", "--since", "2024"]


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def _assess(extra: list[str]) -> dict[str, object]:
    code, out = _run(
        ["assess", str(TONGZHOU_NETWORK), "-j", "tongzhou", "--year", "2025", "--format", "json", *extra]
    )
    assert code in (0, 1), out
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


def test_events_then_stats_gives_the_same_report_as_events_directly(tmp_path: Path) -> None:
    stats = tmp_path / "stats.csv"
    code, out = _run([*AGGREGATE, "-o", str(stats)])
    assert code == 0, out
    via_file = _assess(["--stats", str(stats)])
    direct = _assess([f"--events={e}" for e in EVENTS] + ["--since", "2024"])
    assert via_file == direct
    # Not vacuous: the event-based targets were measured, and some are met, some not.
    measured = {t["id"]: t for t in direct["targets"] if t["subject"] == "320612"}  # type: ignore[index, union-attr]
    assert measured["tongzhou.2025.county_outpatient_rate"]["status"] == "met"
    assert measured["tongzhou.2025.county_outpatient_rate"]["measured"] == pytest.approx(
        100 * 2950 / 3152, abs=1e-4
    )
    assert measured["tongzhou.2025.primary_care_visit_share"]["status"] == "met"  # 2096/3038 → 2270/3116
    assert measured["tongzhou.2025.primary_care_oe_share"]["status"] == "met"


def test_the_statistics_file_keeps_values_exact(tmp_path: Path, registry: Registry) -> None:
    # The core's statistics_csv writes %g (six digits); the events export must not round.
    from medconsortium.events.run import statistics_from_files

    stats = statistics_from_files(EVENTS, TONGZHOU_NETWORK, "tongzhou", 2025, registry, since=2024)
    code, out = _run(AGGREGATE)
    assert code == 0
    path = tmp_path / "s.csv"
    path.write_text(out, encoding="utf-8")
    back = load_statistics(path, frozenset(registry.metrics))
    assert [(r.scope, r.id, r.year, dict(r.values)) for r in back.records] == [
        (r.scope, r.id, r.year, dict(r.values)) for r in stats.records
    ]
    assert "provenance" in out.splitlines()[0]
    assert "definitions events-1" in out.splitlines()[1]


def test_each_event_indicator_is_the_catalog_definition(registry: Registry) -> None:
    assert len(INDICATORS) >= 15
    for item in INDICATORS:
        entry = registry.indicators.get(item.indicator)
        assert entry is not None, item.indicator
        definition = entry.item.definition
        if item.denominator is None:
            assert isinstance(definition, MetricValue), item.indicator
            assert definition.metric == item.numerator.id
        else:
            assert isinstance(definition, Ratio), item.indicator
            assert (definition.numerator, definition.denominator) == (item.numerator.id, item.denominator.id)
    for metric in METRICS:
        assert metric.id in registry.metrics, metric.id


def test_referral_metrics_equal_the_ledger(registry: Registry) -> None:
    from medconsortium.events.run import statistics_from_files

    network = load_network(TONGZHOU_NETWORK)
    ledger = ledger_from_file(REFERRAL_FILE, network)
    events = statistics_from_files(
        [f"referrals={REFERRAL_FILE}"], TONGZHOU_NETWORK, "tongzhou", 2025, registry, since=2024
    )

    def view(records: object) -> dict[tuple[str, str, int], dict[str, float]]:
        return {
            (r.scope.value, r.id, r.year): {k: v for k, v in r.values.items() if k in METRIC_IDS}
            for r in records  # type: ignore[attr-defined]
        }

    expected = view(ledger.records)
    assert view(events.records) == expected
    assert expected[("area", "320612", 2025)]["referrals_up"] > 0
    assert expected[("area", "320612", 2025)]["referrals_within_consortium"] > 0


def test_the_bundled_files_are_the_seeded_scripts_output(tmp_path: Path) -> None:
    visits, referrals = generate.write(tmp_path)
    assert visits.read_bytes() == VISIT_FILE.read_bytes()
    assert referrals.read_bytes() == REFERRAL_FILE.read_bytes()
    assert all(line.startswith("SYN-") for line in VISIT_FILE.read_text().splitlines()[1:])


def test_the_documented_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "docs/events.rst").read_text(encoding="utf-8")
    commands = [line.strip()[2:] for line in text.splitlines() if line.strip().startswith("$ medconsortium")]
    assert len(commands) >= 2
    monkeypatch.chdir(ROOT)
    for command in commands:
        args = re.sub(r"\s+", " ", command).split(" ")[1:]
        args = [str(tmp_path / a) if a == "tongzhou-stats.csv" else a for a in args]
        code, out = _run(args)
        assert code in (0, 1), (command, out)
    assert (tmp_path / "tongzhou-stats.csv").exists()
