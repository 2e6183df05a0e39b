"""Assets of the analysts' how-to, written before Sphinx runs (``make docs``):

- ``docs/_generated/analysts/workbook-sheets.rst``: the sheets and columns a workbook may
  have, from the schema the reader uses (so the page cannot drift from the code);
- ``docs/_generated/analysts/tongzhou-report.html``: the HTML report of the Tongzhou
  example, assessed from its workbooks;
- ``docs/_generated/analysts/tongzhou-report.png``: its first screen, as headless Chromium
  draws it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from click.testing import CliRunner

from medconsortium.cli import main as cli
from medconsortium.io.xlsx import NETWORK_SHEETS, STATISTICS_SHEETS, SheetSpec

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs/_generated/analysts"
EXAMPLES = ROOT / "plugins/tongzhou/src/medconsortium_tongzhou/examples"
KINDS = {
    "text": "text",
    "code": "code (full-width digits read as digits)",
    "int": "whole number",
    "number": "number (percent cells ×100)",
    "date": "date",
    "bool": "是/否, TRUE/FALSE",
    "enum": "choice",
    "list": "list, separated by ;",
}


def _sheet(spec: SheetSpec, required: bool) -> list[str]:
    title = f"{spec.zh} ({spec.key})" + (" — required" if spec.required else "")
    lines = [title, "~" * (len(title) * 2), ""]
    if spec.note:
        lines += [spec.note + ".", ""]
    lines += [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 18 22 22 38",
        "",
        "   * - 中文表头 (header)",
        "     - key (English header)",
        "     - cells",
        "     - values",
    ]
    for c in spec.columns:
        values = ", ".join(f"{zh} ``{key}``" for key, zh in c.choices) or (c.note or "—")
        lines += [
            f"   * - {c.zh}" + (" \\*" if c.required and required else ""),
            f"     - ``{c.key}``",
            f"     - {KINDS[c.kind]}",
            f"     - {values}",
        ]
    return [*lines, ""]


def sheets_rst() -> str:
    lines = ["Network workbook", "^^^^^^^^^^^^^^^^", ""]
    for spec in NETWORK_SHEETS:
        lines += _sheet(spec, True)
    lines += ["Statistics workbook", "^^^^^^^^^^^^^^^^^^^", ""]
    for spec in STATISTICS_SHEETS:
        lines += _sheet(spec, True)
    return "\n".join(lines)


def _browser() -> object:
    spec = importlib.util.spec_from_file_location("mc_browser", ROOT / "scripts/browser.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "workbook-sheets.rst").write_text(sheets_rst(), encoding="utf-8")
    page = OUT / "tongzhou-report.html"
    result = CliRunner().invoke(
        cli,
        [
            "assess", str(EXAMPLES / "tongzhou-network.xlsx"),
            "--stats", str(EXAMPLES / "tongzhou-statistics.xlsx"),
            "-j", "tongzhou", "--year", "2025", "--format", "html", "-o", str(page),
        ],
    )  # fmt: skip
    if result.exit_code not in (0, 1):
        print(result.output, file=sys.stderr)
        return 2
    with _browser().Browser() as browser:  # type: ignore[attr-defined]
        browser.open(page, 1280, 900)
        (OUT / "tongzhou-report.png").write_bytes(browser.screenshot(1280, 900))
    return 0


if __name__ == "__main__":
    sys.exit(main())
