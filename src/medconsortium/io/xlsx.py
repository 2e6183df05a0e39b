# Longer than 400 lines: one schema drives reading, writing, templates and the docs, and the
# reader's cases (merged headers, hidden rows, percent cells, serial dates) belong together.
"""Excel workbooks (.xlsx) in and out: network and statistics workbooks, templates.

A workbook is read into the same plain data a YAML file gives (``institutions: [...]``,
``records: [...]``) and handed to the one strict converter
(:func:`~medconsortium.io.loading.network_from_data`,
:func:`~medconsortium.io.loading.statistics_from_data`): the same model, the same checks,
the same messages. Only the place changes: every value remembers its cell, and an error
at ``consortia[2].members[5]`` is reported at ``成员!C17``.

What real workbooks hold is read as a person means it (docs: *Input formats*):

- a sheet and a column may be named in Chinese or by the English key (``成员`` or
  ``memberships``, ``机构编码`` or ``institution``);
- title rows above the header are skipped, and header cells may be merged (a header
  merged over two rows, or a group heading above its columns);
- blank rows, hidden rows (filtered out or hidden by hand: what you see is what is read),
  and rows whose first cell starts with ``#`` (notes) are skipped;
- numbers stored as text (``"890,000"``), full-width digits (``３２０６１２``) and
  trailing spaces are read as the number or code they show;
- a cell formatted as a percentage holds a fraction: ``90%`` is stored as 0.9 and read as
  **90** (percent), the unit every percentage metric uses; text ``"90%"`` reads as 90 too;
- dates may be date cells, Excel serial numbers (``45474``) or text (``2024-07-01``,
  ``2024/7/1``, ``2024年7月1日``);
- enumerations take the key or the Chinese label (``county_medical_community`` or
  ``县域医共体``), yes/no cells ``TRUE``/``FALSE``, ``是``/``否`` or ``true``/``false``,
  lists are separated by ``;`` ``；`` ``,`` ``，`` or ``、``.

Written workbooks (templates, report workbooks) have fixed metadata and zip entry dates:
the same content gives the same bytes.

>>> [sheet.zh for sheet in NETWORK_SHEETS][:3]
['机构', '医联体', '成员']
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import io
import re
import zipfile
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs
import openpyxl
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..model.canonical import canonical
from ..model.consortia import ConsortiumKind, Integration, MemberRole
from ..model.errors import InputError
from ..model.institutions import Grade, InstitutionLevel, InstitutionType, Ownership
from ..model.network import Network
from ..model.staffing import Title
from ..model.statistics import Scope, Statistics
from ..plugins.registry import Registry
from ..policy.catalog import FactKind
from ..policy.indicators import MetricValue, Ratio
from ..policy.targets import Basis
from .loading import check_facts, network_from_data, statistics_from_data

Kind = Literal["text", "code", "int", "number", "date", "bool", "enum", "list"]

# -- the schema: one description drives reading, templates and the docs -------------------------


def _choices(cls: type[enum.Enum], names: Mapping[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    """(key, Chinese label) of every member of an enumeration."""
    out = []
    for member in cls:
        zh = names[member.value] if names else member.label.zh  # type: ignore[attr-defined]
        out.append((str(member.value), zh))
    if len({zh for _, zh in out}) != len(out):
        raise ValueError(f"{cls.__name__}: two members share a Chinese label")
    return tuple(out)


_YES_NO = (("true", "是"), ("false", "否"))


@attrs.frozen
class Column:
    """A column of a sheet: the data key, its Chinese header, how its cells are read."""

    key: str
    zh: str
    kind: Kind = "text"
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    note: str = ""

    def headers(self) -> frozenset[str]:
        """Every header text that names this column.

        >>> sorted(Column("id", "编码").headers())
        ['id', '编码', '编码 id', '编码(id)', '编码（id）']
        """
        zh, key = self.zh, self.key
        return frozenset({key, zh, f"{zh} {key}", f"{zh}({key})", f"{zh}（{key}）"})


@attrs.frozen
class SheetSpec:
    """A sheet of a workbook. ``wide``: more columns follow, one per metric."""

    key: str
    zh: str
    columns: tuple[Column, ...]
    required: bool = False
    wide: bool = False
    note: str = ""

    def names(self) -> frozenset[str]:
        return Column(self.key, self.zh).headers()


_LEVELS = _choices(InstitutionLevel)
_TYPES = _choices(InstitutionType)
_OWNERSHIP = _choices(Ownership)
_GRADES = _choices(Grade, {"A": "甲等", "B": "乙等", "C": "丙等"})
_KINDS = _choices(ConsortiumKind)
_INTEGRATION = _choices(Integration, {"tight": "紧密型", "loose": "松散型"})
_ROLES = _choices(MemberRole, {"lead": "牵头单位", "member": "成员单位"})
_TITLES = _choices(Title)
_SCOPES = _choices(Scope, {"area": "区域", "consortium": "医联体", "institution": "机构"})

#: ``routing`` cell meaning "referral is not restricted" (``routing: {restricted_to: null}``).
UNRESTRICTED = ("不限", "unrestricted")

INSTITUTIONS = SheetSpec(
    "institutions",
    "机构",
    (
        Column("id", "机构编码", "code", True, note="unique id, e.g. tz-rm-01"),
        Column("name", "机构名称", required=True),
        Column("level", "医院等级", "enum", True, _LEVELS),
        Column("type", "机构类型", "enum", True, _TYPES),
        Column("ownership", "举办主体", "enum", True, _OWNERSHIP),
        Column("division", "区划代码", "code", True, note="county-level GB/T 2260 code"),
        Column("township", "乡镇街道"),
        Column("grade", "等次", "enum", choices=_GRADES),
        Column("provincially_administered", "省管", "bool", choices=_YES_NO),
        Column("name_en", "英文名称"),
        Column("capabilities", "能力", "list", note="separated by ;"),
    ),
    required=True,
)
CONSORTIA = SheetSpec(
    "consortia",
    "医联体",
    (
        Column("id", "医联体编码", "code", True),
        Column("name", "医联体名称", required=True),
        Column("kind", "组织形式", "enum", True, _KINDS),
        Column("division", "区划代码", "code", True, note="GB/T 2260 code of the area served"),
        Column("integration", "紧密程度", "enum", choices=_INTEGRATION),
        Column("specialty", "专科"),
        Column("formed", "成立日期", "date"),
        Column("dissolved", "撤销日期", "date"),
        Column("filed", "备案日期", "date"),
        Column("cancelled", "备案注销日期", "date"),
        Column("departments", "管理部门", "list", note="department ids, separated by ;"),
        Column("routing", "转诊去向", "list", note="不限 (unrestricted), or the only institution ids"),
        Column("name_en", "英文名称"),
    ),
    required=True,
)
MEMBERSHIPS = SheetSpec(
    "memberships",
    "成员",
    (
        Column("consortium", "医联体编码", "code", True),
        Column("institution", "机构编码", "code", True),
        Column("role", "角色", "enum", choices=_ROLES, note="blank: member"),
        Column("joined", "加入日期", "date"),
        Column("left", "退出日期", "date"),
    ),
    required=True,
)
GRID = SheetSpec(
    "grid",
    "网格",
    (Column("consortium", "医联体编码", "code", True), Column("township", "乡镇街道", required=True)),
)
LINKS = SheetSpec(
    "links",
    "关联",
    (
        Column("consortium", "医联体编码", "code", True),
        Column("relation", "关系", required=True, note="pairs_with, guides, branch_of ..."),
        Column("target", "对象编码", "code", True),
        Column("agreement", "协议", "bool", choices=_YES_NO, note="blank: unknown"),
    ),
)
GOVERNANCE = SheetSpec(
    "governance",
    "治理",
    (
        Column("consortium", "医联体编码", "code", True),
        Column("fact", "治理事项", "code", True, note="fact id, from the policy reference"),
        Column("value", "是否", "bool", True, _YES_NO),
    ),
)
CHANGES = SheetSpec(
    "changes",
    "变更",
    (
        Column("consortium", "医联体编码", "code", True),
        Column("date", "变更日期", "date", True),
        Column("description", "变更内容"),
        Column("filed", "报备日期", "date"),
    ),
)
SECONDMENTS = SheetSpec(
    "secondments",
    "派驻",
    (
        Column("person", "人员代码", "code", True, note="pseudonymous staff key, never a name"),
        Column("title", "职称", "enum", True, _TITLES),
        Column("from_institution", "派出机构", "code", True),
        Column("to_institution", "派驻机构", "code", True),
        Column("start", "开始日期", "date", True),
        Column("end", "结束日期", "date", note="blank: ongoing"),
    ),
)
ABOUT = SheetSpec(
    "about",
    "文件信息",
    (Column("key", "项目", "code", True), Column("value", "内容", required=True)),
    note="synthetic (是/否), description; statistics also: source",
)
STATISTICS = SheetSpec(
    "statistics",
    "统计",
    (
        Column("scope", "范围", "enum", True, _SCOPES),
        Column("id", "编码", "code", True, note="area code, consortium or institution id"),
        Column("year", "年份", "int", True),
    ),
    required=True,
    wide=True,
    note="one column per metric: its id or Chinese name",
)

NETWORK_SHEETS = (INSTITUTIONS, CONSORTIA, MEMBERSHIPS, GRID, LINKS, GOVERNANCE, CHANGES, SECONDMENTS, ABOUT)
STATISTICS_SHEETS = (STATISTICS, ABOUT)

# -- reading cells ---------------------------------------------------------------------------

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋％，／", "0123456789.-+%,/")
_TEXT_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_LIST_SPLIT = re.compile(r"[;；,，、]")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


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


def _read_cell(cell: Cell, kind: Kind, choices: tuple[tuple[str, str], ...]) -> Any:
    """The cell's value as the converter expects it, or None for a blank cell.

    A value that cannot be read as ``kind`` is passed on as it is: the converter refuses
    it with its own message, which the caller places at this cell.
    """
    value = cell.value
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
        if kind == "number" and "%" in (cell.number_format or ""):
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


# -- reading sheets -----------------------------------------------------------------------


@attrs.frozen
class _Row:
    """One data row: values by key (blank cells left out) and the cell of each key."""

    number: int
    values: dict[str, Any]
    cells: dict[str, str]
    first: str


class _Book:
    """An opened workbook and where every value of the plain data came from."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.source = str(path)
        self.places: dict[str, str] = {}
        try:
            # data_only: a formula cell gives the value Excel last computed.
            self.wb = openpyxl.load_workbook(path, data_only=True)
        except FileNotFoundError:
            raise InputError(self.source, "", "no such file") from None
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
            detail = getattr(exc, "strerror", None) or "not an Excel workbook (.xlsx)"
            raise InputError(self.source, "", f"cannot read: {detail}") from None

    def fail(self, where: str, message: str) -> InputError:
        return InputError(self.source, where, message)

    def sheets(self, specs: Sequence[SheetSpec]) -> dict[str, Worksheet]:
        """The sheets by spec key; an unknown visible sheet is refused (its rows would
        otherwise be dropped without a word). Hidden sheets and ``_lists`` are skipped."""
        found: dict[str, Worksheet] = {}
        for ws in self.wb.worksheets:
            if ws.sheet_state != "visible" or ws.title.startswith("_"):
                continue
            title = ws.title.strip()
            spec = next((s for s in specs if title in s.names()), None)
            if spec is None:
                known = ", ".join(f"{s.zh} ({s.key})" for s in specs)
                raise self.fail(f"sheet {ws.title!r}", f"unknown sheet (expected: {known})")
            if spec.key in found:
                raise self.fail(f"sheet {ws.title!r}", f"a second sheet for {spec.zh} ({spec.key})")
            found[spec.key] = ws
        for spec in specs:
            if spec.required and spec.key not in found:
                raise self.fail("", f"sheet {spec.zh} ({spec.key}) missing")
        return found

    def rows(self, ws: Worksheet, spec: SheetSpec, extra: Mapping[str, str] | None = None) -> list[_Row]:
        """The data rows of a sheet. ``extra`` maps further header texts to keys (the
        metrics of a wide sheet); their cells are read as numbers."""
        title = ws.title
        # openpyxl computes max_row and max_column over every cell at each call: once here.
        max_row, max_column = ws.max_row, ws.max_column
        merged = _merged_values(ws)
        by_header: dict[str, Column] = {}
        for column in spec.columns:
            for name in column.headers():
                by_header[name] = column
        header_row = 0
        for r in range(1, min(max_row, 20) + 1):
            texts = [_header_text(merged.get((r, c), ws.cell(r, c).value)) for c in range(1, max_column + 1)]
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
            text, r = _header_text(merged.get((header_row, c), ws.cell(header_row, c).value)), header_row
            # A group heading merged above its columns: the column's own header is below.
            below = _header_text(ws.cell(header_row + 1, c).value)
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
        out: list[_Row] = []
        letters = {c: get_column_letter(c) for c in columns}
        first = letters[min(columns)]
        for cells in ws.iter_rows(min_row=last_header + 1, max_row=max_row, max_col=max_column):
            r = int(cells[0].row or 0)
            if ws.row_dimensions[r].hidden:
                continue
            filled = [cell for cell in cells if cell.value is not None and str(cell.value).strip()]
            if not filled or str(filled[0].value).strip().startswith("#"):
                continue
            values: dict[str, Any] = {}
            places: dict[str, str] = {}
            for cell in filled:
                assert cell.column is not None
                if cell.column not in columns:
                    raise self.fail(f"{title}!{cell.coordinate}", "a value in a column without a header")
                key, kind, choices = columns[cell.column]
                value = _read_cell(cell, kind, choices)
                if value is not None:
                    values[key] = value
            for c, (key, _kind, _choices) in columns.items():
                places[key] = f"{title}!{letters[c]}{r}"
            out.append(_Row(r, values, places, f"{title}!{first}{r}"))
        return out

    def place(self, path: str, cell: str) -> None:
        self.places[path] = cell

    def locate(self, exc: InputError) -> InputError:
        """The converter's error, placed at the cell its path came from."""
        location = exc.location
        cell = None
        if exc.message.startswith("unknown"):
            cell = self.places.get(location + "#key")
        probe = location
        while cell is None and probe:
            cell = self.places.get(probe)
            probe = _PARENT.sub("", probe) if _PARENT.search(probe) else ""
        message = _FIRST_AT.sub(
            lambda m: f"(first at {self.places.get(m.group(1), m.group(1))})", exc.message
        )
        return InputError(self.source, cell or location, message)


_PARENT = re.compile(r"(\.[^.\[]+|\[\d+\])$")
_FIRST_AT = re.compile(r"\(first at ([^)]+)\)")


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _merged_values(ws: Worksheet) -> dict[tuple[int, int], Any]:
    """Every cell of a merged range near the top, with the value of its top-left cell."""
    out: dict[tuple[int, int], Any] = {}
    for rng in ws.merged_cells.ranges:
        if rng.min_row > 20:
            continue
        value = ws.cell(rng.min_row, rng.min_col).value
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                out[(r, c)] = value
    return out


def _merged_bottom(ws: Worksheet, r: int, c: int) -> int:
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= r <= rng.max_row and rng.min_col <= c <= rng.max_col:
            return int(rng.max_row)
    return r


def _about(book: _Book, sheets: Mapping[str, Worksheet], data: dict[str, Any], keys: Iterable[str]) -> None:
    if "about" not in sheets:
        return
    kinds: dict[str, Kind] = {"synthetic": "bool"}
    for row in book.rows(sheets["about"], ABOUT):
        key = str(row.values.get("key", ""))
        if key in data:
            raise book.fail(row.cells["key"], f"{key!r} appears twice")
        raw = sheets["about"][row.cells["value"].split("!")[1]]
        data[key] = _read_cell(raw, kinds.get(key, "text"), _YES_NO)
        book.place(key, row.cells["value"])
        book.place(key + "#key", row.cells["key"])
    del keys


def _require(book: _Book, row: _Row, key: str) -> str:
    value = row.values.get(key)
    if value is None:
        raise book.fail(row.cells[key], "empty cell, a value is required")
    return str(value)


# -- network workbooks ----------------------------------------------------------------------


def network_data(path: str | Path) -> tuple[dict[str, Any], _Book]:
    """The plain data of a network workbook (the shape of a network YAML file)."""
    book = _Book(Path(path))
    sheets = book.sheets(NETWORK_SHEETS)
    data: dict[str, Any] = {}
    _about(book, sheets, data, ("synthetic", "description"))

    institutions = []
    for i, row in enumerate(book.rows(sheets["institutions"], INSTITUTIONS)):
        institutions.append(row.values)
        _place_row(book, f"institutions[{i}]", row)
    data["institutions"] = institutions

    consortia: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for i, row in enumerate(book.rows(sheets["consortia"], CONSORTIA)):
        values = dict(row.values)
        base = f"consortia[{i}]"
        _place_row(book, base, row)
        filing = {k: values.pop(k) for k in ("filed", "cancelled") if k in values}
        if filing:
            values["filing"] = filing
        for k in ("filed", "cancelled"):
            book.place(f"{base}.filing.{k}", row.cells[k]) if k in row.cells else None
        departments = values.pop("departments", None)
        if departments is not None:
            values["governance"] = {"departments": departments}
            book.place(f"{base}.governance.departments", row.cells["departments"])
        routing = values.pop("routing", None)
        if routing is not None:
            unrestricted = len(routing) == 1 and routing[0].lower() in UNRESTRICTED
            values["routing"] = {"restricted_to": None if unrestricted else routing}
            book.place(f"{base}.routing", row.cells["routing"])
        values["members"] = []
        book.place(f"{base}.members", row.cells.get("id", row.first))
        consortia.append(values)
        if "id" in values:
            index.setdefault(str(values["id"]), i)

    def owner(row: _Row) -> tuple[dict[str, Any], str]:
        key = _require(book, row, "consortium")
        if key not in index:
            raise book.fail(row.cells["consortium"], f"unknown consortium {key!r}")
        return consortia[index[key]], f"consortia[{index[key]}]"

    for row in book.rows(sheets["memberships"], MEMBERSHIPS):
        cons, base = owner(row)
        member = {k: v for k, v in row.values.items() if k != "consortium"}
        where = f"{base}.members[{len(cons['members'])}]"
        cons["members"].append(member)
        _place_row(book, where, row, main="institution")
    if "grid" in sheets:
        for row in book.rows(sheets["grid"], GRID):
            cons, base = owner(row)
            grid = cons.setdefault("grid", [])
            book.place(f"{base}.grid[{len(grid)}]", row.cells["township"])
            grid.append(row.values.get("township"))
    for key, spec, field in (("links", LINKS, "links"), ("changes", CHANGES, "changes")):
        if key not in sheets:
            continue
        for row in book.rows(sheets[key], spec):
            cons, base = owner(row)
            items = cons.setdefault(field, [])
            _place_row(book, f"{base}.{field}[{len(items)}]", row)
            items.append({k: v for k, v in row.values.items() if k != "consortium"})
    if "governance" in sheets:
        for row in book.rows(sheets["governance"], GOVERNANCE):
            cons, base = owner(row)
            fact = _require(book, row, "fact")
            facts = cons.setdefault("governance", {}).setdefault("facts", {})
            where = f"{base}.governance.facts.{fact}"
            if fact in facts:
                raise book.fail(row.cells["fact"], f"governance fact {fact!r} appears twice for {base}")
            facts[fact] = row.values.get("value")
            book.place(where, row.cells["value"])
            book.place(where + "#key", row.cells["fact"])
    if "secondments" in sheets:
        secondments = []
        for i, row in enumerate(book.rows(sheets["secondments"], SECONDMENTS)):
            _place_row(book, f"secondments[{i}]", row)
            secondments.append(row.values)
        data["secondments"] = secondments
    data["consortia"] = consortia
    return data, book


def _place_row(book: _Book, base: str, row: _Row, main: str | None = None) -> None:
    book.place(base, row.cells.get(main, row.first) if main else row.first)
    for key, cell in row.cells.items():
        book.place(f"{base}.{key}", cell)


def load_network_xlsx(
    path: str | Path,
    known_facts: Mapping[str, str] | None = None,
    installed: Collection[str] | None = None,
) -> Network:
    """A network from a workbook, checked like any network file; ``known_facts`` (fact id
    to kind, as :func:`~medconsortium.loading.check_facts` takes it) also checks the
    governance sheet against the installed plugins."""
    data, book = network_data(path)
    try:
        network = network_from_data(data, book.source, installed=installed)
        if known_facts is not None:
            check_facts(network, known_facts, book.source)
    except InputError as exc:
        raise book.locate(exc) from None
    # In canonical order, as every network file reader gives it (reports do not depend on
    # the order of the rows).
    return canonical(network)


# -- statistics workbooks -----------------------------------------------------------------


def metric_headers(metrics: Mapping[str, Any]) -> dict[str, str]:
    """Header text to metric id: the id, and the Chinese name where no two metrics share it."""
    out: dict[str, str] = {}
    names: dict[str, list[str]] = {}
    for key, metric in metrics.items():
        out[key] = key
        label = getattr(metric, "label", None)
        if label is not None:
            names.setdefault(label.zh, []).append(key)
    for zh, keys in names.items():
        if len(keys) == 1 and zh not in out:
            for text in (zh, f"{zh} {keys[0]}", f"{zh}({keys[0]})", f"{zh}（{keys[0]}）"):
                out[text] = keys[0]
    return out


def statistics_data(path: str | Path, metrics: Mapping[str, Any] | None) -> tuple[dict[str, Any], _Book]:
    """The plain data of a statistics workbook (the shape of a statistics YAML file).

    ``metrics`` maps metric ids to metrics (their Chinese names are accepted as headers);
    None accepts any column as a metric id.
    """
    book = _Book(Path(path))
    sheets = book.sheets(STATISTICS_SHEETS)
    data: dict[str, Any] = {}
    _about(book, sheets, data, ("synthetic", "source", "description"))
    ws = sheets["statistics"]
    if metrics is None:
        extra: dict[str, str] = _AnyMetric()
    else:
        extra = metric_headers(metrics)
    records = []
    for i, row in enumerate(book.rows(ws, STATISTICS, extra)):
        head = ("scope", "id", "year")
        record: dict[str, Any] = {k: row.values[k] for k in head if k in row.values}
        record["values"] = {k: v for k, v in row.values.items() if k not in head}
        base = f"records[{i}]"
        _place_row(book, base, row)
        for key, cell in row.cells.items():
            if key not in head:
                book.place(f"{base}.values.{key}", cell)
        records.append(record)
    data["records"] = records
    return data, book


class _AnyMetric(dict[str, str]):
    """Without a metric catalog, every header is a metric id."""

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(key)

    def __getitem__(self, key: str) -> str:
        return key


def load_statistics_xlsx(
    path: str | Path,
    metrics: frozenset[str] | Mapping[str, Any] | None = None,
    network: Network | None = None,
) -> Statistics:
    """Statistics from a workbook, checked like any statistics file."""
    catalog = metrics if metrics is None or isinstance(metrics, Mapping) else dict.fromkeys(metrics)
    data, book = statistics_data(path, catalog)
    try:
        # Given the declarations, every value is also checked against its metric's domain.
        domains = metrics if isinstance(metrics, Mapping) else catalog
        return statistics_from_data(data, book.source, domains, network)
    except InputError as exc:
        raise book.locate(exc) from None


# -- writing --------------------------------------------------------------------------------

#: Fixed creation and modification time written into every workbook (docProps/core.xml).
FIXED_TIME = "2000-01-01T00:00:00Z"
_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_NOTE_FONT = Font(italic=True, color="666666")


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook as .xlsx bytes that depend only on its content: openpyxl stamps the
    time of saving into the metadata and the zip entries; both are set to fixed values."""
    wb.properties.creator = "medconsortium"
    wb.properties.lastModifiedBy = "medconsortium"
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = zin.read(info)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIME.sub(rb"\g<1>" + FIXED_TIME.encode(), content)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            zout.writestr(entry, content)
    return out.getvalue()


def display_width(text: str) -> int:
    """Width in Excel's character units: a CJK character takes two.

    >>> display_width("区人民医院"), display_width("tz-rm-01")
    (10, 8)
    """
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def fit_columns(ws: Worksheet, minimum: int = 6, maximum: int = 60) -> None:
    """Column widths that fit the longest line of each column (Chinese counted double)."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None or isinstance(cell, MergedCell):
                continue
            text = cell.value.isoformat() if isinstance(cell.value, dt.date) else str(cell.value)
            longest = max((display_width(line) for line in text.splitlines()), default=0)
            assert cell.column is not None
            widths[cell.column] = max(widths.get(cell.column, 0), longest)
    for column, width in sorted(widths.items()):
        ws.column_dimensions[get_column_letter(column)].width = max(minimum, min(maximum, width + 2))


class _Lists:
    """The hidden ``_lists`` sheet that holds the choices of drop-down cells (an inline
    list is limited to 255 characters, which the institution types exceed)."""

    def __init__(self, wb: Workbook) -> None:
        self.ws = wb.create_sheet("_lists")
        self.ws.sheet_state = "hidden"
        self.done: dict[tuple[str, ...], str] = {}

    def range_of(self, values: Sequence[str]) -> str:
        key = tuple(values)
        if key not in self.done:
            column = get_column_letter(len(self.done) + 1)
            for r, value in enumerate(values, start=1):
                self.ws[f"{column}{r}"] = value
            self.done[key] = f"_lists!${column}$1:${column}${len(values)}"
        return self.done[key]


#: Rows a template offers drop-down lists for.
TEMPLATE_ROWS = 500


def _write_sheet(
    wb: Workbook,
    lists: _Lists,
    spec: SheetSpec,
    rows: Sequence[Mapping[str, Any]],
    extra: Sequence[tuple[str, str, str]] = (),
    choices: Mapping[str, Sequence[str]] | None = None,
) -> Worksheet:
    """A sheet with a header row (Chinese), a notes row (``#`` key, required, unit) and
    the rows; ``extra`` adds (key, header, note) columns; ``choices`` overrides the
    drop-down of a column (e.g. the fact ids the installed plugins declare)."""
    ws: Worksheet = wb.create_sheet(spec.zh)
    columns = [(c.key, c.zh, c.kind, c.choices, _note(c)) for c in spec.columns]
    columns += [(key, zh, "number", (), note) for key, zh, note in extra]
    for c, (_key, zh, _kind, _ch, note) in enumerate(columns, start=1):
        head = ws.cell(1, c, zh)
        head.font, head.fill = _HEADER_FONT, _HEADER_FILL
        notes = ws.cell(2, c, ("# " if c == 1 else "") + note)
        notes.font = _NOTE_FONT
    for r, row in enumerate(rows, start=3):
        for c, (key, _zh, kind, choice, _note_text) in enumerate(columns, start=1):
            value = row.get(key)
            if value is None:
                continue
            cell = ws.cell(r, c, _written(value, kind, choice))
            if kind == "date":
                cell.number_format = "yyyy-mm-dd"
    for c, (key, _zh, _kind, choice, _note_text) in enumerate(columns, start=1):
        options = list((choices or {}).get(key) or [zh for _k, zh in choice])
        if not options:
            continue
        letter = get_column_letter(c)
        rule = DataValidation(type="list", formula1=f"={lists.range_of(options)}", allow_blank=True)
        rule.add(f"{letter}3:{letter}{max(TEMPLATE_ROWS, len(rows) + 2)}")
        ws.add_data_validation(rule)
    ws.freeze_panes = "A3"
    fit_columns(ws)
    return ws


def _note(column: Column) -> str:
    parts = [column.key]
    if column.required:
        parts.append("必填 required")
    if column.kind == "date":
        parts.append("YYYY-MM-DD")
    if column.kind == "list":
        parts.append("以 ; 分隔 separated by ;")
    if column.note:
        parts.append(column.note)
    return " · ".join(parts)


def _written(value: Any, kind: Kind, choices: tuple[tuple[str, str], ...]) -> Any:
    if kind == "enum":
        return dict(choices).get(str(value), value)
    if kind == "bool" and isinstance(value, bool):
        return "是" if value else "否"
    if kind == "list" and isinstance(value, list | tuple | frozenset | set):
        return "; ".join(str(v) for v in value)
    if kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def network_workbook(data: Mapping[str, Any] | None = None, facts: Sequence[str] = ()) -> bytes:
    """A network workbook from plain network data (a parsed YAML file), or an empty
    template when ``data`` is None; ``facts`` are offered as the governance drop-down."""
    data = data or {}
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    lists = _Lists(wb)
    consortia = list(data.get("consortia", []))
    cons_rows, members, grid, links, governance, changes = [], [], [], [], [], []
    for cons in consortia:
        row = {k: v for k, v in cons.items() if not isinstance(v, dict | list) or k in ("departments",)}
        filing = cons.get("filing") or {}
        row.update({k: filing.get(k) for k in ("filed", "cancelled")})
        gov = cons.get("governance") or {}
        row["departments"] = gov.get("departments")
        if "routing" in cons:
            restricted = (cons["routing"] or {}).get("restricted_to")
            row["routing"] = UNRESTRICTED[0] if restricted is None else restricted
        cons_rows.append(row)
        cid = cons["id"]
        for m in cons.get("members", []):
            members.append({"consortium": cid, **({"institution": m} if isinstance(m, str) else m)})
        grid += [{"consortium": cid, "township": t} for t in cons.get("grid", [])]
        links += [{"consortium": cid, **link} for link in cons.get("links", [])]
        changes += [{"consortium": cid, **change} for change in cons.get("changes", [])]
        governance += [{"consortium": cid, "fact": k, "value": v} for k, v in gov.get("facts", {}).items()]
    _write_sheet(wb, lists, INSTITUTIONS, list(data.get("institutions", [])))
    _write_sheet(wb, lists, CONSORTIA, cons_rows)
    _write_sheet(wb, lists, MEMBERSHIPS, members)
    _write_sheet(wb, lists, GRID, grid)
    _write_sheet(wb, lists, LINKS, links)
    _write_sheet(wb, lists, GOVERNANCE, governance, choices={"fact": list(facts)} if facts else None)
    _write_sheet(wb, lists, CHANGES, changes)
    _write_sheet(wb, lists, SECONDMENTS, list(data.get("secondments", [])))
    _write_about(wb, lists, data, ("synthetic", "description"))
    wb.move_sheet("_lists", offset=len(wb.sheetnames))
    return workbook_bytes(wb)


def _write_about(wb: Workbook, lists: _Lists, data: Mapping[str, Any], keys: Sequence[str]) -> None:
    rows = [
        {"key": k, "value": ("是" if data[k] else "否") if isinstance(data[k], bool) else data[k]}
        for k in keys
        if data.get(k) is not None
    ]
    _write_sheet(wb, lists, ABOUT, rows, choices={"key": list(keys)})


def statistics_workbook(
    metrics: Sequence[tuple[str, str, str]],
    records: Sequence[Mapping[str, Any]] = (),
    about: Mapping[str, Any] | None = None,
) -> bytes:
    """A statistics workbook: ``metrics`` are (id, Chinese name, unit) columns, headed by
    the Chinese name (the notes row gives id and unit); ``records`` as in a YAML file."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    lists = _Lists(wb)
    extra = [(key, zh or key, f"{key} · {unit}") for key, zh, unit in metrics]
    rows = [{**{k: r.get(k) for k in ("scope", "id", "year")}, **dict(r.get("values", {}))} for r in records]
    _write_sheet(wb, lists, STATISTICS, rows, extra)
    _write_about(wb, lists, about or {}, ("synthetic", "source", "description"))
    wb.move_sheet("_lists", offset=len(wb.sheetnames))
    return workbook_bytes(wb)


# -- templates ------------------------------------------------------------------------------


def target_metrics(registry: Registry, code: str, year: int) -> tuple[tuple[str, set[int]], ...]:
    """The metrics the targets due in ``year`` read, in the order of the targets, each
    with the years whose area record they need (the year, and the reference year of a
    trend or a change)."""
    found: dict[str, set[int]] = {}
    for entry in registry.targets_for(code):
        target = entry.item
        if not target.due_in(year) or target.indicator is None:
            continue
        definition = registry.indicators[target.indicator].item.definition
        if isinstance(definition, MetricValue):
            needed = [definition.metric]
        elif isinstance(definition, Ratio):
            needed = [definition.numerator, definition.denominator]
        else:
            continue  # computed over the network, not from statistics
        years = {year}
        if target.basis is Basis.CHANGE_SINCE and target.base_year is not None:
            years.add(target.base_year)
        elif target.basis is Basis.YOY_PERCENT or (target.operator is not None and target.operator.is_trend):
            years.add(year - 1)
        for metric in needed:
            found.setdefault(metric, set()).update(years)
    return tuple(found.items())


def statistics_template(registry: Registry, code: str, year: int) -> bytes:
    """An empty statistics workbook for ``code`` and ``year``: exactly the metrics its
    targets due that year read, with their names and units, and the area rows they need.

    >>> from medconsortium import api
    >>> wb = openpyxl.load_workbook(io.BytesIO(statistics_template(api.load_registry(), "100000", 2017)))
    >>> [c.value for c in wb["统计"][1]][:4]
    ['范围', '编码', '年份', '基层医疗卫生机构诊疗人次']
    """
    needed = target_metrics(registry, code, year)
    metrics = []
    for key, _years in needed:
        metric = registry.metrics[key].item
        metrics.append((key, metric.label.zh, metric.unit))
    years = sorted({y for _key, ys in needed for y in ys}) or [year]
    rows = [{"scope": "area", "id": code, "year": y} for y in years]
    return statistics_workbook(metrics, rows)


def network_template(registry: Registry) -> bytes:
    """An empty network workbook; the governance sheet offers the facts plugins declare."""
    facts = sorted(key for key, e in registry.facts.items() if e.item.kind is FactKind.FACT)
    return network_workbook(None, facts)
