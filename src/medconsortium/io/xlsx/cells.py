"""Reading a workbook's sheets in one pass each, and its cells as a person means them.

Why not ``openpyxl.load_workbook`` in its default mode: it builds a cell object and a
row-dimension object for every cell and row of every sheet before the first value can
be read, which was most of the reading time of a province-size workbook (README, *Excel
in*). A read-only workbook streams each sheet's XML instead, but its sheets do not tell
which rows are hidden nor which cells are merged. :func:`read_sheet` runs the very parser
openpyxl's read-only sheets use (``WorkSheetParser``) and keeps what that one pass
meets: every value with its style, the hidden rows and the merged ranges.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Callable
from typing import Any

import attrs
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser

from .schema import Kind

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋％，／", "0123456789.-+%,/")
_TEXT_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_LIST_SPLIT = re.compile(r"[;；,，、]")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_TRUE = frozenset({"1", "true"})


@attrs.frozen
class Sheet:
    """A sheet as read: ``rows`` maps a row number to its cells (column to value and
    style id), blank cells left out; ``hidden`` the hidden rows; ``merged`` the merged
    ranges as (min_col, min_row, max_col, max_row)."""

    title: str
    rows: dict[int, dict[int, tuple[Any, int]]]
    hidden: frozenset[int]
    merged: tuple[tuple[int, int, int, int], ...]
    number_format: Callable[[int], str]

    @property
    def max_row(self) -> int:
        return max(self.rows, default=1)

    @property
    def max_column(self) -> int:
        return max((max(cells) for cells in self.rows.values() if cells), default=1)

    def value(self, row: int, column: int) -> Any:
        found = self.rows.get(row, {}).get(column)
        return None if found is None else found[0]

    def style(self, row: int, column: int) -> int:
        found = self.rows.get(row, {}).get(column)
        return 0 if found is None else found[1]


def read_sheet(ws: ReadOnlyWorksheet) -> Sheet:
    """Every value of a read-only sheet, its hidden rows and merged ranges, in one pass."""
    wb = ws.parent
    rows: dict[int, dict[int, tuple[Any, int]]] = {}
    # The parser and the sheet's source are openpyxl's own read-only machinery
    # (ReadOnlyWorksheet._cells_by_row builds the same parser); the version is locked.
    with ws._get_source() as src:  # type: ignore[attr-defined]
        parser = WorkSheetParser(
            src,
            ws._shared_strings,  # type: ignore[attr-defined]
            data_only=True,  # a formula cell gives the value Excel last computed
            epoch=wb.epoch,
            date_formats=wb._date_formats,  # type: ignore[attr-defined]
            timedelta_formats=wb._timedelta_formats,  # type: ignore[attr-defined]
        )
        for number, cells in parser.parse():
            found = {c["column"]: (c["value"], c["style_id"]) for c in cells if c["value"] is not None}
            if found:
                rows[number] = found
    hidden = frozenset(int(r) for r, row in parser.row_dimensions.items() if row.get("hidden") in _TRUE)
    merged = []
    for m in parser.merged_cells.mergeCell if parser.merged_cells is not None else ():
        min_col, min_row, max_col, max_row = range_boundaries(m.ref)
        merged.append((int(min_col or 1), int(min_row or 1), int(max_col or 1), int(max_row or 1)))
    formats: dict[int, str] = {}

    def number_format(style_id: int) -> str:
        if style_id not in formats:
            formats[style_id] = str(ReadOnlyCell(ws, 0, 0, None, style_id=style_id).number_format)
        return formats[style_id]

    return Sheet(ws.title, rows, hidden, tuple(merged), number_format)


def _integral(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _percent(value: float) -> float:
    # Through the decimal text, so that 0.9 reads as 90, not 90.00000000000001.
    return float(decimal.Decimal(repr(value)) * 100)


def _cell_text(value: Any) -> Any:
    """A text cell stripped; numbers written as text would be codes: integral floats lose
    their ``.0`` (Excel stores every number as a float)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def read_cell(value: Any, kind: Kind, choices: tuple[tuple[str, str], ...], number_format: str = "") -> Any:
    """A cell's value as the converter expects it, or None for a blank cell;
    ``number_format`` matters to numbers only (a percent cell holds a fraction).

    A value that cannot be read as ``kind`` is passed on as it is: the converter refuses
    it with its own message, which the caller places at this cell.

    >>> read_cell(0.9, "number", (), "0%"), read_cell(" ３２０６１２ ", "code", ())
    (90.0, '320612')
    >>> read_cell("890,000", "int", ()), read_cell("2024年7月1日", "date", ())
    (890000, datetime.date(2024, 7, 1))
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kind in ("text", "code"):
        value = _cell_text(value)
        return value.translate(_FULL_WIDTH) if kind == "code" and isinstance(value, str) else value
    if kind == "enum":
        value = _cell_text(value)
        for key, zh in choices:
            if value == zh:
                return key
        return value
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            found = {"true": True, "false": False, "是": True, "否": False}.get(value.strip().lower())
            return value.strip() if found is None else found
        return value
    if kind == "list":
        text = str(_cell_text(value))
        return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]
    if kind == "date":
        return _read_date(value)
    # int and number
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if kind == "number" and "%" in number_format:
            value = _percent(value)
        return _integral(value) if kind == "int" else value
    if isinstance(value, str):
        text = value.strip().translate(_FULL_WIDTH).replace(",", "").replace(" ", "")
        if kind == "int" and text.endswith("年"):
            text = text[:-1]
        if kind == "number" and text.endswith("%"):
            text = text[:-1]
        if _NUMBER.match(text):
            number = float(text)
            return int(number) if kind == "int" and number.is_integer() else number
        return value.strip()
    return value


def _read_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        # A date cell comes as midnight; a time of day is refused by the converter.
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            found = from_excel(value)
        except (ValueError, OverflowError, TypeError):
            return value
        return found.date() if isinstance(found, dt.datetime) and found.time() == dt.time() else found
    if isinstance(value, str):
        text = value.strip().translate(_FULL_WIDTH)
        match = _TEXT_DATE.match(text)
        if match:
            try:
                return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                return text  # 2024-13-01: the converter says it is not a date
        return text
    return value
