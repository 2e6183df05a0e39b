"""What could not be assessed names each missing metric, its kind of record, whose and
which years, in every format, from the JSON report's ``missing``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from medconsortium import Registry, Scope, api
from medconsortium.cli import main
from medconsortium.report.missing import missing_lines

# The Tongzhou example records no family-doctor contracts: its coverage trend cannot be assessed.
CONTRACTED = "家庭医生签约居民数 residents with a family-doctor contract [tongzhou_contracted_residents]"
SENTENCE = {
    "en": f"missing {CONTRACTED}: area 通州区 [320612], 2024, 2025",
    "zh": f"缺少 {CONTRACTED}：区域 通州区 [320612]，2024、2025年",
}


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_json_names_every_value_not_recorded(
    registry: Registry, tongzhou_examples: Path, assess_args: list[str]
) -> None:
    data = json.loads(_run(*assess_args, "--format", "json").output)
    stats = api.open_statistics(tongzhou_examples / "tongzhou-statistics.yaml", registry)
    coverage = next(t for t in data["targets"] if t["id"] == "tongzhou.contract_coverage")
    assert coverage["status"] == "not_assessable"
    assert {(m["metric"], m["scope"], m["subject"], m["year"]) for m in coverage["missing"]} == {
        (metric, "area", "320612", year)
        for metric in ("tongzhou_contracted_residents", "tongzhou_resident_population")
        for year in (2024, 2025)
    }
    name = {"zh": "家庭医生签约居民数", "en": "residents with a family-doctor contract"}
    assert coverage["missing"][0]["name"] == name
    checked = 0
    for t in data["targets"]:
        if t["status"] in ("met", "not_met"):
            assert t["missing"] == []
        for m in t["missing"]:
            # each one is truly absent from the statistics, and named as its plugin declares it
            assert stats.value(Scope(m["scope"]), m["subject"], m["year"], m["metric"]) is None
            label = registry.metrics[m["metric"]].item.label
            assert m["name"] == {"zh": label.zh, "en": label.en}
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_for_people_names_the_metric(assess_args: list[str], fmt: str, lang: str) -> None:
    out = _run(*assess_args, "--format", fmt, "--lang", lang).output
    if fmt == "text":  # wrapped: compare with every break and indent taken out
        assert "".join(SENTENCE[lang].split()) in "".join(out.split())
    else:
        assert SENTENCE[lang] in out


def test_text_summary_lines_fit_a_terminal(assess_args: list[str]) -> None:
    from wcwidth import wcswidth

    out = _run(*assess_args, "--format", "text", "--lang", "en").output
    summary = out.split("Problems and the text they rest on")[0]
    missing = [line for line in summary.splitlines() if line.startswith("    ")]
    assert missing and all(wcswidth(line) <= 100 for line in missing)


def test_spreadsheets_name_the_metric(tmp_path: Path, assess_args: list[str]) -> None:
    book, table = tmp_path / "r.xlsx", tmp_path / "r.csv"
    _run(*assess_args, "--format", "xlsx", "--lang", "en", "-o", str(book))
    _run(*assess_args, "--format", "csv", "--lang", "en", "-o", str(table))
    rows = list(csv.DictReader(io.StringIO(table.read_text("utf-8-sig"))))
    (coverage,) = [r for r in rows if r["id"] == "tongzhou.contract_coverage"]
    assert SENTENCE["en"] in coverage["missing"]
    assert all(r["missing"] == "" for r in rows if r["status_key"] in ("met", "not_met", "pass", "fail"))
    wb = openpyxl.load_workbook(book)
    summary = [str(v) for row in wb.worksheets[0].iter_rows(values_only=True) for v in row if v]
    assert any(SENTENCE["en"] in text and text.startswith("family-doctor") for text in summary)
    targets = wb.worksheets[1]
    header = [c.value for c in targets[1]]
    column = header.index("data missing (缺少的数据)")
    rows_of = targets.iter_rows(2, values_only=True)
    found = [r[column] for r in rows_of if r[1] == "tongzhou.contract_coverage"]
    assert found and SENTENCE["en"] in found[0]


def test_many_subjects_are_counted_not_listed() -> None:
    entries = [
        {"metric": "m", "name": None, "scope": "institution", "subject": f"i-{n}", "year": 2020}
        for n in range(5)
    ]
    (line,) = missing_lines(entries, {"i-0": "甲院"})
    assert line.en == "missing m: institution 甲院 [i-0], i-1, i-2 and 2 more, 2020"
    assert line.zh == "缺少 m：机构 甲院 [i-0]、i-1、i-2 等 5 个，2020年"
