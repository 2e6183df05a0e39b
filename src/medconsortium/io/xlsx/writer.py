"""Writing workbooks: network and statistics workbooks from plain data (the Tongzhou
example workbooks), the empty templates, and the fixed bytes every written workbook has."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ...plugins.registry import Registry
from ...policy.catalog import FactKind
from ...policy.indicators import MetricValue, Ratio
from ...policy.targets import Basis
from .schema import (
    ABOUT,
    CHANGES,
    CONSORTIA,
    GOVERNANCE,
    GRID,
    INSTITUTIONS,
    LINKS,
    MEMBERSHIPS,
    SECONDMENTS,
    STATISTICS,
    UNRESTRICTED,
    Column,
    Kind,
    SheetSpec,
)

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
    >>> import openpyxl
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
