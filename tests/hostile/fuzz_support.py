"""Mutations of the shipped examples for the fuzz tests, and writers for every format.

A mutation is drawn by hypothesis: delete a key or an item, change a value's type,
insert random unicode into a string, truncate it, duplicate or reorder list items (data
level), or truncate the text, insert random text, delete a span or duplicate a line (text
level). Values are never moved from one field to another: a patient key that a mutation
put in the id column would be printed as an id, and no reader can tell.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Callable
from typing import Any

import yaml
from hypothesis import strategies as st

Draw = Callable[..., Any]

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.dates(min_value=dt.date(1, 1, 1)),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
JUNK = st.text(min_size=1, max_size=8)


def _places(data: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in the data."""
    if isinstance(data, dict):
        for key in list(data):
            out.append((data, key))
            _places(data[key], out)
    elif isinstance(data, list):
        for index in range(len(data)):
            out.append((data, index))
            _places(data[index], out)
    return out


def mutate_data(data: Any, draw: Draw) -> Any:
    """A copy of ``data`` with one to three mutations."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3), label="mutations")):
        places = _places(data, [])
        if not places:
            return data
        container, key = places[draw(st.integers(0, len(places) - 1), label="place")]
        value = container[key]
        op = draw(
            st.sampled_from(["delete", "replace", "unicode", "truncate", "duplicate", "reorder"]), label="op"
        )
        if op == "delete":
            del container[key]
        elif op == "replace":
            container[key] = draw(VALUES, label="value")
        elif op == "unicode" and isinstance(value, str):
            at = draw(st.integers(0, len(value)))
            container[key] = value[:at] + draw(JUNK, label="junk") + value[at:]
        elif op == "truncate" and isinstance(value, str):
            container[key] = value[: draw(st.integers(0, len(value)))]
        elif op == "duplicate" and isinstance(container, list):
            container.insert(key, copy.deepcopy(value))
        elif op == "reorder" and isinstance(value, list):
            container[key] = draw(st.permutations(value), label="order")
    return data


def mutate_text(text: str, draw: Draw) -> str:
    """``text`` truncated, with random text inserted, a span deleted or a line doubled."""
    op = draw(st.sampled_from(["truncate", "insert", "delete", "duplicate_line"]), label="text op")
    at = draw(st.integers(0, len(text)), label="at")
    if op == "truncate":
        return text[:at]
    if op == "insert":
        return text[:at] + draw(st.text(min_size=1, max_size=10), label="inserted") + text[at:]
    if op == "delete":
        return text[:at] + text[at + draw(st.integers(1, 20), label="span") :]
    lines = text.splitlines(keepends=True)
    index = draw(st.integers(0, max(len(lines) - 1, 0)), label="line")
    return "".join(lines[: index + 1] + lines[index:])


# -- writers ----------------------------------------------------------------------------
def to_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_key(key: Any) -> str:
    text = str(key)
    return text if _BARE_KEY.fullmatch(text) else json.dumps(text, ensure_ascii=False)


def _toml_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return repr(value) if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        items = [v for v in (_toml_value(i) for i in value) if v is not None]
        return "[" + ", ".join(items) + "]"
    if isinstance(value, dict):
        pairs = [(k, _toml_value(v)) for k, v in value.items()]
        return "{" + ", ".join(f"{_toml_key(k)} = {v}" for k, v in pairs if v is not None) + "}"
    return json.dumps(str(value))


def to_toml(data: Any) -> str:
    """TOML for plain data: top-level keys, nested values as inline tables and arrays."""
    if not isinstance(data, dict):
        return f"value = {_toml_value(data)}\n"
    lines = []
    for key, value in data.items():
        text = _toml_value(value)
        if text is not None:
            lines.append(f"{_toml_key(key)} = {text}")
    return "\n".join(lines) + "\n"


def to_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def mutate_cells(rows: list[list[str]], draw: Draw) -> list[list[str]]:
    """Rows with one to three cells changed (junk inserted, emptied or replaced), or a row
    duplicated, deleted or cut short."""
    rows = [list(r) for r in rows]
    for _ in range(draw(st.integers(1, 3), label="cell mutations")):
        if not rows:
            break
        r = draw(st.integers(0, len(rows) - 1), label="row")
        op = draw(
            st.sampled_from(["junk", "empty", "replace", "dup_row", "del_row", "short_row"]), label="cell op"
        )
        if op == "dup_row":
            rows.insert(r, list(rows[r]))
            continue
        if op == "del_row":
            del rows[r]
            continue
        if op == "short_row":
            rows[r] = rows[r][: draw(st.integers(0, len(rows[r])))]
            continue
        if not rows[r]:
            continue
        c = draw(st.integers(0, len(rows[r]) - 1), label="cell")
        if op == "junk":
            rows[r][c] += draw(JUNK, label="junk")
        elif op == "empty":
            rows[r][c] = ""
        else:
            rows[r][c] = str(draw(SCALARS, label="cell value"))
    return rows


# -- workbooks ----------------------------------------------------------------------------
# What a person can type into a cell: openpyxl refuses control characters and Excel holds
# neither dates before 1900 nor NaN, so those are not inputs a workbook can carry.
CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.dates(min_value=dt.date(1900, 3, 1)),
)


def mutate_workbook(workbook: Any, draw: Draw) -> None:
    """One to three changes to an openpyxl workbook, in place: a cell given junk, emptied
    or replaced (header cells included), a row duplicated or deleted, a sheet renamed,
    removed, hidden or shown."""
    for _ in range(draw(st.integers(1, 3), label="workbook mutations")):
        sheets = workbook.worksheets
        if not sheets:
            return
        ws = sheets[draw(st.integers(0, len(sheets) - 1), label="sheet")]
        op = draw(
            st.sampled_from(["junk", "empty", "replace", "dup_row", "del_row", "rename", "remove", "state"]),
            label="workbook op",
        )
        row = draw(st.integers(1, max(ws.max_row, 1)), label="row")
        column = draw(st.integers(1, max(ws.max_column, 1)), label="column")
        cell = ws.cell(row=row, column=column)
        if op == "junk":
            junk = draw(
                st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=8)
            )
            cell.value = f"{'' if cell.value is None else cell.value}{junk}"
        elif op == "empty":
            cell.value = None
        elif op == "replace":
            cell.value = draw(CELL_VALUES, label="cell value")
        elif op == "dup_row":
            ws.insert_rows(row)
            for c in range(1, ws.max_column + 1):
                ws.cell(row=row, column=c).value = ws.cell(row=row + 1, column=c).value
        elif op == "del_row":
            ws.delete_rows(row)
        elif op == "rename":
            ws.title = draw(st.sampled_from(["机构", "成员", "统计", "Sheet", "杂项", ws.title + "2"]))[:31]
        elif op == "remove" and len(sheets) > 1:
            workbook.remove(ws)
        elif op == "state" and len(sheets) > 1:
            ws.sheet_state = "visible" if ws.sheet_state != "visible" else "hidden"
        # openpyxl saves no workbook without a visible sheet, and Excel makes none.
        if all(s.sheet_state != "visible" for s in workbook.worksheets):
            workbook.worksheets[0].sheet_state = "visible"


def mutate_bytes(data: bytes, draw: Draw) -> bytes:
    """The file's bytes truncated, with bytes inserted, or a span overwritten."""
    op = draw(st.sampled_from(["truncate", "insert", "overwrite"]), label="byte op")
    at = draw(st.integers(0, len(data)), label="at")
    if op == "truncate":
        return data[:at]
    junk = draw(st.binary(min_size=1, max_size=16), label="bytes")
    if op == "insert":
        return data[:at] + junk + data[at:]
    return data[:at] + junk + data[at + len(junk) :]
