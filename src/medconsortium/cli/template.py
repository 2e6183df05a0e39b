"""``medconsortium template FILE.xlsx``: empty workbooks to fill in, generated from the schema.

- ``template network.xlsx`` writes the network workbook: one sheet per part of a network
  (机构, 医联体, 成员, 网格, 关联, 治理, 变更, 派驻, 文件信息), a header row, a notes row
  (key, required, format) and drop-down lists for every enumeration column.
- ``template statistics.xlsx -j tongzhou --year 2025`` writes the statistics workbook with
  exactly the metrics the targets due that year read, headed by their Chinese names, with
  their ids and units in the notes row, and the area rows those targets need.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import click

from ..model.errors import UsageError
from .common import _registry, handles_errors, write_output


def _kind_of(path: Path) -> Literal["network", "statistics"]:
    name = path.name.lower()
    return "statistics" if name.startswith("stat") or "统计" in name else "network"


@click.command("template")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(["network", "statistics"]),
    help="Which workbook (default: statistics when the file name starts with 'stat' or has 统计).",
)
@click.option("-j", "--jurisdiction", help="Statistics: the jurisdiction whose targets decide the metrics.")
@click.option("--year", type=int, help="Statistics: the year to be assessed.")
@click.pass_context
@handles_errors
def template(
    ctx: click.Context, output: Path, kind: str | None, jurisdiction: str | None, year: int | None
) -> None:
    """Write an empty Excel workbook (OUTPUT.xlsx) to fill in."""
    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"{output}: a template is an Excel workbook, name it .xlsx")
    from ..io.xlsx import network_template, statistics_template  # openpyxl: only when asked

    registry = _registry(ctx)
    if (kind or _kind_of(output)) == "network":
        write_output(network_template(registry), output)
        return
    if jurisdiction is None or year is None:
        raise UsageError("a statistics template needs -j JURISDICTION and --year YEAR")
    code = registry.jurisdiction(jurisdiction).code
    write_output(statistics_template(registry, code, year), output)
