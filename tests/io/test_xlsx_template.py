"""Templates: generated from the schema and the registry; template -> filled -> assess."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from medconsortium import Registry
from medconsortium.cli import main
from medconsortium.io.loading import read_structured
from medconsortium.io.xlsx import NETWORK_SHEETS, target_metrics


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_statistics_template_has_exactly_the_metrics_of_the_targets(
    tmp_path: Path, registry: Registry
) -> None:
    path = tmp_path / "statistics.xlsx"
    assert _run("template", str(path), "-j", "tongzhou", "--year", "2025").exit_code == 0
    ws = openpyxl.load_workbook(path)["统计"]
    headers = [c.value for c in ws[1]]
    notes = [str(c.value) for c in ws[2]]
    expected = [key for key, _years in target_metrics(registry, "320612", 2025)]
    assert expected and [n.split(" · ")[0] for n in notes[3:]] == expected
    for key, header, note in zip(expected, headers[3:], notes[3:], strict=True):
        metric = registry.metrics[key].item
        assert header == metric.label.zh and note.endswith(metric.unit)
    # every target due in 2025 that reads statistics has its metrics there
    assert "residents_visits_in_county" in expected and "tongzhou_satisfaction_rate" in expected
    # a template for another jurisdiction differs: Linyi's targets read other metrics
    other = tmp_path / "statistics-linyi.xlsx"
    _run("template", str(other), "-j", "linyi", "--year", "2018")
    linyi = [str(c.value).split(" · ")[0] for c in openpyxl.load_workbook(other)["统计"][2]][3:]
    assert linyi != expected and "tongzhou_satisfaction_rate" not in linyi


def test_network_template_sheets_notes_and_dropdowns(tmp_path: Path) -> None:
    path = tmp_path / "network.xlsx"
    assert _run("template", str(path)).exit_code == 0
    wb = openpyxl.load_workbook(path)
    assert [s.zh for s in NETWORK_SHEETS] == [n for n in wb.sheetnames if n != "_lists"]
    ws = wb["机构"]
    assert ws["A1"].value == "机构编码" and str(ws["A2"].value).startswith("# id")
    assert ws.freeze_panes == "A3"
    ranges = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    level = ranges["C3:C500"]
    lists = wb["_lists"]
    column = level.split("!")[1].split(":")[0].replace("$", "")[0]
    assert [c.value for c in lists[column] if c.value] == ["三级医院", "二级医院", "一级医院", "未定级"]
    assert wb["_lists"].sheet_state == "hidden"
    gov = {str(dv.sqref) for dv in wb["治理"].data_validations.dataValidation}
    assert "B3:B500" in gov  # fact ids from the installed plugins


def _fill(ws: Worksheet, spec_columns: dict[str, str], rows: list[dict[str, Any]]) -> None:
    """Write rows under the header and notes rows, by the template's Chinese headers."""
    by_header = {c.value: i for i, c in enumerate(ws[1], start=1)}
    for r, row in enumerate(rows, start=ws.max_row + 1):
        for key, value in row.items():
            header = spec_columns.get(key, key)
            if header not in by_header:
                by_header[header] = ws.max_column + 1
                ws.cell(1, by_header[header], header)
            ws.cell(r, by_header[header], "; ".join(value) if isinstance(value, list) else value)


def test_template_filled_then_assessed(tmp_path: Path, registry: Registry, tongzhou_examples: Path) -> None:
    net_path, stats_path = tmp_path / "network.xlsx", tmp_path / "statistics.xlsx"
    _run("template", str(net_path))
    _run("template", str(stats_path), "-j", "tongzhou", "--year", "2025")
    network: Any = read_structured(tongzhou_examples / "tongzhou-network.yaml")
    stats: Any = read_structured(tongzhou_examples / "tongzhou-statistics.yaml")

    wb = openpyxl.load_workbook(net_path)
    zh = {s.key: {c.key: c.zh for c in s.columns} for s in NETWORK_SHEETS}
    _fill(wb["机构"], zh["institutions"], network["institutions"])
    members, facts, consortia = [], [], []
    for cons in network["consortia"]:
        row = {k: v for k, v in cons.items() if k in zh["consortia"]}
        row["departments"] = cons.get("governance", {}).get("departments")
        if "routing" in cons:
            row["routing"] = "不限"
        consortia.append({k: v for k, v in row.items() if v is not None})
        for m in cons["members"]:
            members.append({"consortium": cons["id"], **({"institution": m} if isinstance(m, str) else m)})
        for fact, value in cons.get("governance", {}).get("facts", {}).items():
            facts.append({"consortium": cons["id"], "fact": fact, "value": "是" if value else "否"})
    _fill(wb["医联体"], zh["consortia"], consortia)
    _fill(wb["成员"], zh["memberships"], members)
    _fill(wb["治理"], zh["governance"], facts)
    _fill(wb["派驻"], zh["secondments"], network["secondments"])
    wb.save(net_path)

    wb = openpyxl.load_workbook(stats_path)
    ws = wb["统计"]
    ws.delete_rows(3, ws.max_row)  # the offered area rows: filled below from the example
    names = {key: e.item.label.zh for key, e in registry.metrics.items()}
    _fill(
        ws,
        {},
        [
            {
                "范围": r["scope"],
                "编码": r["id"],
                "年份": r["year"],
                **{names[k]: v for k, v in r["values"].items()},
            }
            for r in stats["records"]
        ],
    )
    about = wb["文件信息"]
    about.append(["synthetic", "是"])
    wb.save(stats_path)

    def assess(net: Path, st: Path) -> dict[str, Any]:
        result = _run(
            "assess", str(net), "--stats", str(st), "-j", "tongzhou", "--year", "2025", "--format", "json"
        )
        assert result.exit_code == 1, result.output
        data: dict[str, Any] = json.loads(result.output)
        return data

    expected = assess(
        tongzhou_examples / "tongzhou-network.yaml", tongzhou_examples / "tongzhou-statistics.yaml"
    )
    assert assess(net_path, stats_path) == expected
