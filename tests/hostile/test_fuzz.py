"""Fuzzing every reader with mutations of the shipped examples.

Each input must give exit code 0, 1 or 2; never a traceback; on exit 2 one line naming one
of the input files; no patient key of the examples in any output; and each input within
the hypothesis deadline. ``make test`` runs the short profile (derandomized, so CI sees the
same inputs every run); ``make fuzz`` the long one (``HYPOTHESIS_PROFILE=fuzz-long``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from click.testing import Result
from fuzz_support import (
    csv_rows,
    mutate_bytes,
    mutate_cells,
    mutate_data,
    mutate_text,
    mutate_workbook,
    to_csv,
    to_json,
    to_toml,
    to_yaml,
)
from hostile_support import Run, example
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

settings.register_profile(
    "fuzz-short",
    max_examples=25,
    deadline=5000,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz-long",
    max_examples=1000,
    deadline=5000,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fuzz-short"))


def _load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


NETWORKS = {
    "national": _load_yaml(example("core", "national-network.yaml")),
    "wuhu": _load_yaml(example("wuhu", "wuhu-network.yaml")),
    "tongzhou": _load_yaml(example("tongzhou", "tongzhou-network.yaml")),
}
TZ_NETWORK = example("tongzhou", "tongzhou-network.yaml")
TZ_STATS = _load_yaml(example("tongzhou", "tongzhou-statistics.yaml"))
REFERRAL_FILES = {
    "wuhu": example("wuhu", "wuhu-referrals.csv").read_text(encoding="utf-8"),
    "linyi": example("linyi", "linyi-referrals.csv").read_text(encoding="utf-8"),
}
PATIENT_KEYS = frozenset(
    row["patient"] for text in REFERRAL_FILES.values() for row in csv.DictReader(io.StringIO(text))
)


@contextmanager
def _folder() -> Iterator[Path]:
    # Not pytest's tmp_path: a function-scoped fixture is shared by every example.
    with tempfile.TemporaryDirectory(prefix="fuzz-") as name:
        yield Path(name)


def _assert_clean(result: Result, inputs: list[Path]) -> None:
    output = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), (result.exit_code, output)
    assert "Traceback" not in output
    assert not [k for k in PATIENT_KEYS if k in output], "a patient key was printed"
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert any(lines[0].startswith(f"medconsortium: error: {p}") for p in inputs), lines[0]


def _validate(run: Run, path: Path, jurisdiction: str, extra: list[Path] | None = None) -> None:
    result = run("validate", path, "-j", jurisdiction, "--as-of", "2024-06-30", "--format", "json")
    _assert_clean(result, [path, *(extra or [])])


# -- networks -----------------------------------------------------------------------------
WRITERS = {".yaml": to_yaml, ".json": to_json, ".toml": to_toml}


def _network_case(run: Run, data: st.DataObject, suffix: str) -> None:
    jurisdiction = data.draw(st.sampled_from(sorted(NETWORKS)), label="example")
    with _folder() as folder:
        path = folder / f"network{suffix}"
        if data.draw(st.booleans(), label="text level"):
            text = mutate_text(WRITERS[suffix](NETWORKS[jurisdiction]), data.draw)
        else:
            text = WRITERS[suffix](mutate_data(NETWORKS[jurisdiction], data.draw))
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _validate(run, path, jurisdiction)


@given(data=st.data())
def test_fuzz_network_yaml(run: Run, data: st.DataObject) -> None:
    _network_case(run, data, ".yaml")


@given(data=st.data())
def test_fuzz_network_json(run: Run, data: st.DataObject) -> None:
    _network_case(run, data, ".json")


@given(data=st.data())
def test_fuzz_network_toml(run: Run, data: st.DataObject) -> None:
    _network_case(run, data, ".toml")


def _institution_rows(network: dict[str, Any]) -> list[list[str]]:
    columns = ["id", "name", "level", "type", "ownership", "division", "township", "grade"]
    rows = [columns]
    for inst in network["institutions"]:
        rows.append([str(inst.get(c, "")) for c in columns])
    return rows


@given(data=st.data())
def test_fuzz_network_csv(run: Run, data: st.DataObject) -> None:
    network = NETWORKS["wuhu"]
    rows = _institution_rows(network)
    with _folder() as folder:
        csv_path = folder / "institutions.csv"
        if data.draw(st.booleans(), label="text level"):
            text = mutate_text(to_csv(rows), data.draw)
        else:
            text = to_csv([rows[0], *mutate_cells(rows[1:], data.draw)])
        csv_path.write_text(text, encoding="utf-8", errors="surrogatepass")
        path = folder / "network.yaml"
        path.write_text(to_yaml({**network, "institutions": "institutions.csv"}), encoding="utf-8")
        _validate(run, path, "wuhu", [csv_path])


# -- statistics ---------------------------------------------------------------------------
def _assess(run: Run, stats: Path) -> None:
    result = run(
        "assess", TZ_NETWORK, "--stats", stats, "-j", "tongzhou", "--year", "2025", "--format", "json"
    )
    _assert_clean(result, [stats, TZ_NETWORK])


@given(data=st.data())
def test_fuzz_statistics_yaml(run: Run, data: st.DataObject) -> None:
    with _folder() as folder:
        path = folder / "stats.yaml"
        if data.draw(st.booleans(), label="text level"):
            text = mutate_text(to_yaml(TZ_STATS), data.draw)
        else:
            text = to_yaml(mutate_data(TZ_STATS, data.draw))
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _assess(run, path)


def _statistics_rows() -> list[list[str]]:
    metrics = sorted({m for r in TZ_STATS["records"] for m in r["values"]})
    rows = [["scope", "id", "year", *metrics]]
    for r in TZ_STATS["records"]:
        rows.append(
            [r["scope"], str(r["id"]), str(r["year"]), *(str(r["values"].get(m, "")) for m in metrics)]
        )
    return rows


STATS_ROWS = _statistics_rows()


@given(data=st.data())
def test_fuzz_statistics_csv(run: Run, data: st.DataObject) -> None:
    with _folder() as folder:
        path = folder / "stats.csv"
        if data.draw(st.booleans(), label="text level"):
            text = mutate_text(to_csv(STATS_ROWS), data.draw)
        else:
            text = to_csv([STATS_ROWS[0], *mutate_cells(STATS_ROWS[1:], data.draw)])
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _assess(run, path)


# -- referrals ----------------------------------------------------------------------------
def _check(run: Run, plugin: str, path: Path) -> None:
    network = example(plugin, f"{plugin}-network.yaml")
    result = run(
        "referral", "check", path, "-n", network, "-j", plugin, "--as-of", "2024-01-01", "--format", "json"
    )
    _assert_clean(result, [path, network])


@given(data=st.data())
def test_fuzz_referrals_csv(run: Run, data: st.DataObject) -> None:
    plugin = data.draw(st.sampled_from(sorted(REFERRAL_FILES)), label="example")
    text = REFERRAL_FILES[plugin]
    with _folder() as folder:
        path = folder / "referrals.csv"
        if data.draw(st.booleans(), label="text level"):
            mutated = mutate_text(text, data.draw)
        else:
            rows = csv_rows(text)
            mutated = to_csv([rows[0], *mutate_cells(rows[1:], data.draw)])
        path.write_text(mutated, encoding="utf-8", errors="surrogatepass")
        _check(run, plugin, path)


def _jsonl_records(text: str) -> list[dict[str, str]]:
    return [{k: v for k, v in row.items() if v} for row in csv.DictReader(io.StringIO(text))]


@given(data=st.data())
def test_fuzz_referrals_jsonl(run: Run, data: st.DataObject) -> None:
    plugin = data.draw(st.sampled_from(sorted(REFERRAL_FILES)), label="example")
    records = _jsonl_records(REFERRAL_FILES[plugin])
    with _folder() as folder:
        path = folder / "referrals.jsonl"
        if data.draw(st.booleans(), label="text level"):
            text = mutate_text(
                "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", data.draw
            )
        else:
            mutated = mutate_data(records, data.draw)
            text = "\n".join(to_json(r) for r in mutated) + "\n"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _check(run, plugin, path)


# -- workbooks ----------------------------------------------------------------------------
TZ_NETWORK_XLSX = example("tongzhou", "tongzhou-network.xlsx")
TZ_STATS_XLSX = example("tongzhou", "tongzhou-statistics.xlsx")


def _workbook_case(data: st.DataObject, source: Path, path: Path) -> None:
    # Either the workbook's cells and sheets (saved by openpyxl, so still a workbook) or
    # the file's bytes (a broken zip, a damaged part): both are files a user may hand in.
    if data.draw(st.booleans(), label="byte level"):
        path.write_bytes(mutate_bytes(source.read_bytes(), data.draw))
        return
    workbook = openpyxl.load_workbook(source)
    mutate_workbook(workbook, data.draw)
    workbook.save(path)


@given(data=st.data())
def test_fuzz_network_xlsx(run: Run, data: st.DataObject) -> None:
    with _folder() as folder:
        path = folder / "network.xlsx"
        _workbook_case(data, TZ_NETWORK_XLSX, path)
        _validate(run, path, "tongzhou")


@given(data=st.data())
def test_fuzz_statistics_xlsx(run: Run, data: st.DataObject) -> None:
    with _folder() as folder:
        path = folder / "stats.xlsx"
        _workbook_case(data, TZ_STATS_XLSX, path)
        _assess(run, path)
