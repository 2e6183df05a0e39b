"""Excel and CSV out (read back with openpyxl and csv), the HTML and text reports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from medconsortium.cli import main
from medconsortium.report.status import finding_style
from medconsortium.report.tables import RESULT_COLUMNS

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False, env=env)


@pytest.fixture(scope="module")
def report_json(assess_args: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_run(*assess_args, "--format", "json").output)
    return data


def test_xlsx_report_reads_back(tmp_path: Path, assess_args: list[str], report_json: dict[str, Any]) -> None:
    out = tmp_path / "report.xlsx"
    assert _run(*assess_args, "--format", "xlsx", "-o", str(out)).exit_code == 1
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "汇总 (summary)", "目标 (targets)", "规则 (rules)", "例外 (exceptions)", "出处 (citations)",
    ]  # fmt: skip
    rules = wb["规则 (rules)"]
    header = [c.value for c in rules[1]]
    assert header == [c.label.show("zh") for c in RESULT_COLUMNS]
    rows = [
        dict(zip([c.key for c in RESULT_COLUMNS], r, strict=True))
        for r in rules.iter_rows(2, values_only=True)
    ]
    assert len(rows) == len(report_json["findings"])
    assert [r["id"] for r in rows] == [f["rule"] for f in report_json["findings"]]
    assert [r["status_key"] for r in rows] == [f["status"] for f in report_json["findings"]]
    assert all(
        r["quote"] == f["citation"]["text"] for r, f in zip(rows, report_json["findings"], strict=True)
    )
    in_principle = [r for r in rows if r["strength"] == "原则上 (in principle)" and r["status_key"] == "fail"]
    assert in_principle and all(r["status"] == "不符合 (fail) — 原则上 (in principle)" for r in in_principle)
    # filters, frozen header, wrapped quotes, colours by conditional formatting
    assert rules.auto_filter.ref == f"A1:P{len(rows) + 1}" and rules.freeze_panes == "A2"
    assert rules["N2"].alignment.wrap_text
    formats = {str(r.sqref): [x.formula[0] for x in r.rules] for r in rules.conditional_formatting}
    assert f'"{finding_style("fail", "mandatory").shown("zh")}"' in formats[f"F2:F{len(rows) + 1}"]
    # a column of Chinese is wider than the same count of Latin letters would need
    assert rules.column_dimensions["C"].width >= 30
    exceptions = list(wb["例外 (exceptions)"].iter_rows(2, values_only=True))
    assert len(exceptions) == report_json["summary"]["findings.excepted"]
    quotes = {r[2] for r in wb["出处 (citations)"].iter_rows(2, values_only=True)}
    assert {f["citation"]["text"] for f in report_json["findings"]} <= quotes


def test_xlsx_is_byte_identical(tmp_path: Path, assess_args: list[str]) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    _run(*assess_args, "--format", "xlsx", "-o", str(first))
    _run(*assess_args, "--format", "xlsx", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()
    assert b"2000-01-01T00:00:00Z" in openpyxl.reader.excel.ZipFile(first).read("docProps/core.xml")


def test_xlsx_needs_a_file(assess_args: list[str]) -> None:
    result = CliRunner().invoke(main, [*assess_args, "--format", "xlsx"])
    assert result.exit_code == 2 and "-o FILE" in result.output


def test_csv_one_row_per_result_with_bom(
    tmp_path: Path, assess_args: list[str], report_json: dict[str, Any]
) -> None:
    out = tmp_path / "report.csv"
    _run(*assess_args, "--format", "csv", "--lang", "en", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == [c.key for c in RESULT_COLUMNS]
    assert len(rows) == len(report_json["targets"]) + len(report_json["findings"])
    assert [r["status_key"] for r in rows] == [t["status"] for t in report_json["targets"]] + [
        f["status"] for f in report_json["findings"]
    ]
    assert rows[0]["kind"] == "target" and rows[-1]["kind"] == "rule"


@pytest.mark.parametrize(
    "args",
    [
        ["rules", "tongzhou"],
        ["compare", "jiangsu", "linyi", "tongzhou"],
        ["validate", "NETWORK", "-j", "tongzhou", "--as-of", "2025-06-30"],
    ],
)
def test_other_commands_in_xlsx_and_csv(tmp_path: Path, tongzhou_examples: Path, args: list[str]) -> None:
    args = [str(tongzhou_examples / "tongzhou-network.xlsx") if a == "NETWORK" else a for a in args]
    book, table = tmp_path / "out.xlsx", tmp_path / "out.csv"
    assert _run(*args, "--format", "xlsx", "-o", str(book)).exit_code in (0, 1)
    assert _run(*args, "--format", "csv", "-o", str(table)).exit_code in (0, 1)
    wb = openpyxl.load_workbook(book)
    assert all(ws.freeze_panes == "A2" for ws in wb.worksheets)
    rows = list(csv.reader(io.StringIO(table.read_text("utf-8-sig"))))
    assert len(rows) > 2 and all(len(r) == len(rows[0]) for r in rows)
    assert sum(ws.max_row - 1 for ws in wb.worksheets) >= len(rows) - 1


def test_referral_check_in_xlsx_and_csv(tmp_path: Path) -> None:
    from medconsortium.examples import EXAMPLES

    net = EXAMPLES / "national-network.yaml"
    referrals = tmp_path / "r.csv"
    referrals.write_text(
        "id,patient,from_institution,to_institution,time,phase\nr1,pk-001,cn-thc-1,cn-county-1,2024-03-01T09:00,acute\n",
        encoding="utf-8",
    )
    book, table = tmp_path / "out.xlsx", tmp_path / "out.csv"
    first = _run(
        "referral",
        "check",
        str(referrals),
        "-n",
        str(net),
        "-j",
        "national",
        "--format",
        "xlsx",
        "-o",
        str(book),
    )
    assert first.exit_code in (0, 1), first.output
    _run(
        "referral",
        "check",
        str(referrals),
        "-n",
        str(net),
        "-j",
        "national",
        "--format",
        "csv",
        "-o",
        str(table),
    )
    rows = list(csv.DictReader(io.StringIO(table.read_text("utf-8-sig"))))
    assert rows and all(r["status_key"] in ("pass", "fail", "not_assessable", "excepted") for r in rows)
    text = table.read_text("utf-8-sig") + "".join(
        str(c.value) for ws in openpyxl.load_workbook(book).worksheets for row in ws.iter_rows() for c in row
    )
    assert "pk-001" not in text  # patient keys never appear in any output


def test_html_report(assess_args: list[str], report_json: dict[str, Any]) -> None:
    page = _run(*assess_args, "--format", "html", "--docs-url", "https://docs.example/mc/").output
    assert page.index('id="summary"') < page.index('id="problems"') < page.index('id="rest"')
    assert "<script" not in page and '<link rel="stylesheet"' not in page and "@import" not in page
    failing = [f for f in report_json["findings"] if f["status"] == "fail"]
    for f in failing:
        assert f["citation"]["text"] in page
    assert 'href="https://docs.example/mc/_generated/jurisdictions/tongzhou.html#tongzhou.' in page
    assert page.count("<details>") == 2 and page.count('<figure class="chart">') >= 3

    def failed(strength: str) -> int:
        return sum(1 for f in failing if f["strength"] == strength)

    assert failed("mandatory") and failed("in_principle")  # the example plants both
    assert f"必须遵守的规则中有 {failed('mandatory')} 项不符合" in page
    assert f"“原则上”规则中有 {failed('in_principle')} 项不符合" in page
    assert page == _run(*assess_args, "--format", "html", "--docs-url", "https://docs.example/mc/").output


def test_text_report_order_and_colour(assess_args: list[str]) -> None:
    plain = _run(*assess_args).output
    assert "\033[" not in plain  # CliRunner is not a terminal: no colour in a pipe
    assert (
        plain.index("结论 (Summary)")
        < plain.index("问题及其依据原文 (Problems and the text they rest on)")
        < plain.index("全部结果 (All results)")
    )
    from medconsortium import api
    from medconsortium.report.text import render_report_text, use_colour
    from medconsortium.report.view import report_view

    registry = api.load_registry()
    args = assess_args
    report = api.assess_files(args[1], args[3], registry, "tongzhou", 2025)
    coloured = render_report_text(report_view(report), "zh", colour=True)
    assert "\033[31;1m不符合 (fail)\033[0m" in coloured

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert use_colour(Tty())
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NO_COLOR", "1")
        assert not use_colour(Tty())


def test_permalinks_point_where_the_reference_puts_its_pages() -> None:
    from medconsortium.report.permalinks import REFERENCE_PAGES

    conf = (ROOT / "docs/conf.py").read_text(encoding="utf-8")
    assert f'medconsortium_pages = "{REFERENCE_PAGES}"' in conf


@pytest.mark.parametrize("option", ["--coverage", "--outdated"])
def test_rules_coverage_and_outdated_in_xlsx_and_csv(tmp_path: Path, option: str) -> None:
    args = ["rules", "tongzhou", option, "--as-of", "2026-12-01", "--lang", "en"]
    data = json.loads(_run(*args, "--format", "json").output)
    book, again, table = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "out.csv"
    for path in (book, again):
        assert _run(*args, "--format", "xlsx", "-o", str(path)).exit_code == 0
    assert _run(*args, "--format", "csv", "-o", str(table)).exit_code == 0
    assert book.read_bytes() == again.read_bytes()
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    wb = openpyxl.load_workbook(book)
    assert all(ws.freeze_panes == "A2" for ws in wb.worksheets)
    sheet = wb.worksheets[1] if option == "--coverage" else wb.worksheets[-1]
    if option == "--coverage":
        # one row per document, the counts and the percentage as in JSON, numbers as numbers
        documents = data["documents"]
        assert [r["document"] for r in rows] == [d["document"] for d in documents]
        assert [float(r["percent"]) for r in rows] == [d["percent"] for d in documents]
        assert [int(r["pending"]) for r in rows] == [d["counts"]["pending"] for d in documents]
        counts = wb.worksheets[0]
        assert counts["A1"].value == "document (文号)"
        encoded = [d["counts"]["encoded"] for d in documents]
        assert [r[2] for r in counts.iter_rows(2, values_only=True)] == encoded
        # the pending sentences, quoted whole
        pending = [s["text"] for d in documents for s in d["pending"] + d["unclassified"]]
        assert [r[3] for r in sheet.iter_rows(2, values_only=True)] == pending
    else:
        outdated = data["outdated"]
        assert outdated and [r["id"] for r in rows] == [o["id"] for o in outdated]
        assert [r["since"] for r in rows] == [o["since"] for o in outdated]
        assert [r[1] for r in sheet.iter_rows(2, values_only=True)] == [o["id"] for o in outdated]
        assert wb.worksheets[0]["B2"].value == "2026-12-01"
