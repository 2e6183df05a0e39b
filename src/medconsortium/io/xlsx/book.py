"""An opened workbook: its sheets found by name, their rows read by the schema, and the
cell every value of the plain data came from (so that the converter's errors are
placed at ``sheet!cell``)."""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import attrs
import openpyxl
from openpyxl.utils import get_column_letter

from ...model.errors import InputError
from .cells import Sheet, read_cell, read_sheet
from .schema import Column, Kind, SheetSpec

#: How far down a header row (and a merged header) is looked for.
HEADER_ROWS = 20


class Cells(Mapping[str, str]):
    """The cell of each column of one row (``机构!C17``), made when asked for: a row's
    places are read only to report an error, so none is built for the rows that have none."""

    __slots__ = ("_letters", "_prefix", "_row")

    def __init__(self, prefix: str, letters: Mapping[str, str], row: int) -> None:
        self._prefix, self._letters, self._row = prefix, letters, row

    def __getitem__(self, key: str) -> str:
        return f"{self._prefix}{self._letters[key]}{self._row}"

    def __iter__(self) -> Iterator[str]:
        return iter(self._letters)

    def __len__(self) -> int:
        return len(self._letters)


@attrs.frozen
class Row:
    """One data row: values by key (blank cells left out) and the cell of each key."""

    number: int
    values: dict[str, Any]
    cells: Mapping[str, str]
    first: str


# What a damaged archive raises while it is opened or its sheets read: zipfile's own
# errors, a deflate stream cut or overwritten (zlib.error), an unknown zip version or
# compression method (NotImplementedError, a RuntimeError, as is an encrypted entry), a
# truncated entry (EOFError), broken XML (ParseError), and what openpyxl raises on parts
# it cannot make sense of. Each is "cannot read" of the file, not a traceback (found by
# fuzzing the shipped workbooks' bytes: tests/hostile/test_fuzz.py).
_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    RuntimeError,
    KeyError,
    OSError,
    ValueError,
    TypeError,
    ET.ParseError,
)
_PARENT = re.compile(r"(\.[^.\[]+|\[\d+\])$")
_LAST_KEY = re.compile(r"^(.*)\.([^.\[]+)$")
_FIRST_AT = re.compile(r"\(first at ([^)]+)\)")


class Book:
    """An opened workbook and where every value of the plain data came from."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.source = str(path)
        self.places: dict[str, str] = {}
        #: data path of a row -> (the row, the key whose cell stands for the whole row)
        self.row_places: dict[str, tuple[Row, str | None]] = {}
        try:
            # read_only: each sheet's XML is streamed once (cells.read_sheet), not built
            # into cell objects first; data_only: a formula gives its last computed value.
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except FileNotFoundError:
            raise InputError(self.source, "", "no such file") from None
        except _DAMAGED as exc:
            detail = getattr(exc, "strerror", None) or "not an Excel workbook (.xlsx)"
            raise InputError(self.source, "", f"cannot read: {detail}") from None
        self.wb = wb
        self.visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]

    def fail(self, where: str, message: str) -> InputError:
        return InputError(self.source, where, message)

    def sheets(self, specs: Sequence[SheetSpec]) -> dict[str, Sheet]:
        """The sheets by spec key; an unknown visible sheet is refused (its rows would
        otherwise be dropped without a word). Hidden sheets and ``_lists`` are skipped."""
        found: dict[str, str] = {}
        for name in self.visible:
            if name.startswith("_"):
                continue
            spec = next((s for s in specs if name.strip() in s.names()), None)
            if spec is None:
                known = ", ".join(f"{s.zh} ({s.key})" for s in specs)
                raise self.fail(f"sheet {name!r}", f"unknown sheet (expected: {known})")
            if spec.key in found:
                raise self.fail(f"sheet {name!r}", f"a second sheet for {spec.zh} ({spec.key})")
            found[spec.key] = name
        for spec in specs:
            if spec.required and spec.key not in found:
                raise self.fail("", f"sheet {spec.zh} ({spec.key}) missing")
        try:
            return {key: read_sheet(self.wb[name]) for key, name in found.items()}
        except _DAMAGED:
            raise self.fail("", "cannot read: not an Excel workbook (.xlsx)") from None
        finally:
            self.wb.close()  # every sheet is read: the archive is not needed any more

    def rows(self, ws: Sheet, spec: SheetSpec, extra: Mapping[str, str] | None = None) -> list[Row]:
        """The data rows of a sheet. ``extra`` maps further header texts to keys (the
        metrics of a wide sheet); their cells are read as numbers."""
        title = ws.title
        max_column = ws.max_column
        merged = _merged_values(ws)
        by_header: dict[str, Column] = {}
        for column in spec.columns:
            for name in column.headers():
                by_header[name] = column
        header_row = 0
        for r in range(1, min(ws.max_row, HEADER_ROWS) + 1):
            texts = [_header_text(merged.get((r, c), ws.value(r, c))) for c in range(1, max_column + 1)]
            if any(t in by_header for t in texts):
                header_row = r
                break
        if header_row == 0:
            need = spec.columns[0]
            raise self.fail(f"{title}!A1", f"no header row (expected a column {need.zh} or {need.key})")
        columns: dict[int, tuple[str, Kind, tuple[tuple[str, str], ...]]] = {}
        seen: dict[str, str] = {}
        last_header = header_row
        for c in range(1, max_column + 1):
            text, r = _header_text(merged.get((header_row, c), ws.value(header_row, c))), header_row
            # A group heading merged above its columns: the column's own header is below.
            below = _header_text(ws.value(header_row + 1, c))
            known = text in by_header or (extra is not None and text in extra)
            if not known and (header_row, c) in merged and below:
                text, r = below, header_row + 1
            if (header_row, c) in merged or r > header_row:
                last_header = max(last_header, _merged_bottom(ws, header_row, c), r)
            where = f"{title}!{get_column_letter(c)}{r}"
            if not text:
                continue
            if text in by_header:
                column = by_header[text]
                key, kind, choices = column.key, column.kind, column.choices
            elif extra is not None and text in extra:
                key, kind, choices = extra[text], "number", ()
            elif spec.wide:
                raise self.fail(where, f"unknown metric {text!r}")
            else:
                expected = ", ".join(f"{col.zh} ({col.key})" for col in spec.columns)
                raise self.fail(where, f"unknown column {text!r} (expected: {expected})")
            if key in seen:
                raise self.fail(where, f"column {text!r} appears twice (first at {seen[key]})")
            seen[key] = where
            columns[c] = (key, kind, choices)
        for column in spec.columns:
            if column.required and column.key not in seen:
                raise self.fail(
                    f"{title}!A{header_row}", f"required column {column.zh} ({column.key}) missing"
                )
        out: list[Row] = []
        letters = {key: get_column_letter(c) for c, (key, _kind, _choices) in columns.items()}
        first, prefix = get_column_letter(min(columns)), f"{title}!"
        hidden = ws.hidden
        for r, cells in ws.rows.items():  # in the order of the sheet, each row's cells too
            if r <= last_header or r in hidden:
                continue
            values: dict[str, Any] = {}
            filled = False
            # One loop per cell, no call it does not need: a province has millions of cells.
            for c, (raw, style) in cells.items():
                if type(raw) is str and not raw.strip():
                    continue  # blank
                if not filled:
                    if str(raw).strip().startswith("#"):
                        break  # a notes row
                    filled = True
                read_as = columns.get(c)
                if read_as is None:
                    where = f"{title}!{get_column_letter(c)}{r}"
                    raise self.fail(where, "a value in a column without a header")
                key, kind, choices = read_as
                fmt = ws.number_format(style) if style and kind == "number" else ""
                value = read_cell(raw, kind, choices, fmt)
                if value is not None:
                    values[key] = value
            else:
                if filled:
                    out.append(Row(r, values, Cells(prefix, letters, r), f"{title}!{first}{r}"))
        return out

    def place(self, path: str, cell: str) -> None:
        self.places[path] = cell

    def place_row(self, base: str, row: Row, main: str | None = None) -> None:
        """``base`` (a data path) and each ``base.key`` come from ``row``; the row as a
        whole is placed at its ``main`` column's cell, or at its first cell."""
        self.row_places[base] = (row, main)

    def _cell(self, path: str) -> str | None:
        found = self.places.get(path)
        if found is not None:
            return found
        if path in self.row_places:
            row, main = self.row_places[path]
            return row.cells.get(main, row.first) if main else row.first
        last = _LAST_KEY.match(path)
        if last is not None and last.group(1) in self.row_places:
            return self.row_places[last.group(1)][0].cells.get(last.group(2))
        return None

    def locate(self, exc: InputError) -> InputError:
        """The converter's error, placed at the cell its path came from."""
        location = exc.location
        cell = None
        if exc.message.startswith("unknown"):
            cell = self.places.get(location + "#key")
        probe = location
        while cell is None and probe:
            cell = self._cell(probe)
            probe = _PARENT.sub("", probe) if _PARENT.search(probe) else ""
        message = _FIRST_AT.sub(lambda m: f"(first at {self._cell(m.group(1)) or m.group(1)})", exc.message)
        return InputError(self.source, cell or location, message)


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _merged_values(ws: Sheet) -> dict[tuple[int, int], Any]:
    """Every cell of a merged range near the top, with the value of its top-left cell."""
    out: dict[tuple[int, int], Any] = {}
    for min_col, min_row, max_col, max_row in ws.merged:
        if min_row > HEADER_ROWS:
            continue
        value = ws.value(min_row, min_col)
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                out[(r, c)] = value
    return out


def _merged_bottom(ws: Sheet, r: int, c: int) -> int:
    for min_col, min_row, max_col, max_row in ws.merged:
        if min_row <= r <= max_row and min_col <= c <= max_col:
            return max_row
    return r
