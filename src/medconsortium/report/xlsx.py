"""Excel reports (``--format xlsx -o FILE``): one sheet per table, ready to filter.

Each sheet has a frozen, bold header row with a filter, column widths that fit Chinese
(a CJK character counts double), long columns (quotes, explanations) wrapped, and the
status column coloured by conditional formatting (so colours follow a status someone
edits). Bytes depend only on the content (:func:`~medconsortium.io.xlsx.workbook_bytes`).
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from ..io.xlsx import display_width, workbook_bytes
from ..model.labels import Lang
from .status import COLOURS
from .tables import Table

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def _sheet_title(table: Table, lang: Lang, taken: set[str]) -> str:
    # Excel allows 31 characters and no []:*?/\ in a sheet name.
    title = table.name.show(lang)
    for ch in "[]:*?/\\":
        title = title.replace(ch, " ")
    title = title[:31]
    while title in taken:
        title = title[:29] + f"{len(taken) % 100:02d}"
    taken.add(title)
    return title


def render_tables(tables: Sequence[Table], lang: Lang) -> bytes:
    """The workbook of ``tables``, one sheet each, in order."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    taken: set[str] = set()
    for table in tables:
        ws = wb.create_sheet(_sheet_title(table, lang, taken))
        ws.append([c.label.show(lang) for c in table.columns])
        for cell in ws[1]:
            cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        for row in table.rows:
            ws.append(list(row))
        widths = [display_width(c.label.show(lang)) for c in table.columns]
        for row in table.rows:
            for i, value in enumerate(row):
                widths[i] = max(widths[i], display_width(str(value)) if value is not None else 0)
        for i, column in enumerate(table.columns, start=1):
            letter = get_column_letter(i)
            width = column.width or min(max(widths[i - 1] + 2, 8), 40)
            if column.width:
                width = min(column.width, max(widths[i - 1] + 2, 10))
            ws.column_dimensions[letter].width = width
            alignment = _WRAP if column.width else _TOP
            for r in range(2, len(table.rows) + 2):
                ws.cell(r, i).alignment = alignment
        ws.freeze_panes = "A2"
        if table.rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
        if table.status is not None and table.rows:
            index = [c.key for c in table.columns].index(table.status) + 1
            letter = get_column_letter(index)
            area = f"{letter}2:{letter}{len(table.rows) + 1}"
            for style in table.styles:
                font_colour, fill = COLOURS[style.css]
                ws.conditional_formatting.add(
                    area,
                    CellIsRule(  # type: ignore[no-untyped-call]
                        operator="equal",
                        formula=['"' + style.shown(lang).replace('"', '""') + '"'],
                        font=Font(color=font_colour, bold=style.problem),
                        fill=PatternFill("solid", start_color=fill, end_color=fill),
                    ),
                )
    return workbook_bytes(wb)
