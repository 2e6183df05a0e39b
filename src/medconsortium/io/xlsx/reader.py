"""Reading network and statistics workbooks into the plain data of a YAML file, then
through the one strict converter; its errors are placed at the cell they came from."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from ...model.canonical import canonical
from ...model.errors import InputError
from ...model.network import Network
from ...model.statistics import Statistics
from ..loading import check_facts, network_from_data, statistics_from_data
from .book import Book, Row
from .cells import Sheet, read_cell
from .schema import (
    ABOUT,
    CHANGES,
    CONSORTIA,
    GOVERNANCE,
    GRID,
    INSTITUTIONS,
    LINKS,
    MEMBERSHIPS,
    NETWORK_SHEETS,
    SECONDMENTS,
    STATISTICS,
    STATISTICS_SHEETS,
    UNRESTRICTED,
    YES_NO,
    Kind,
)


def _about(book: Book, sheets: Mapping[str, Sheet], data: dict[str, Any], keys: Iterable[str]) -> None:
    if "about" not in sheets:
        return
    ws = sheets["about"]
    kinds: dict[str, Kind] = {"synthetic": "bool"}
    for row in book.rows(ws, ABOUT):
        key = str(row.values.get("key", ""))
        if key in data:
            raise book.fail(row.cells["key"], f"{key!r} appears twice")
        # the value's kind depends on the key: read the cell again as that kind
        letter, r = coordinate_from_string(row.cells["value"].split("!")[1])
        c = column_index_from_string(letter)
        fmt = ws.number_format(ws.style(r, c))
        data[key] = read_cell(ws.value(r, c), kinds.get(key, "text"), YES_NO, fmt)
        book.place(key, row.cells["value"])
        book.place(key + "#key", row.cells["key"])
    del keys


def _require(book: Book, row: Row, key: str) -> str:
    value = row.values.get(key)
    if value is None:
        raise book.fail(row.cells[key], "empty cell, a value is required")
    return str(value)


# -- network workbooks ----------------------------------------------------------------------


def network_data(path: str | Path) -> tuple[dict[str, Any], Book]:
    """The plain data of a network workbook (the shape of a network YAML file)."""
    book = Book(Path(path))
    sheets = book.sheets(NETWORK_SHEETS)
    data: dict[str, Any] = {}
    _about(book, sheets, data, ("synthetic", "description"))

    institutions = []
    for i, row in enumerate(book.rows(sheets["institutions"], INSTITUTIONS)):
        institutions.append(row.values)
        book.place_row(f"institutions[{i}]", row)
    data["institutions"] = institutions

    consortia: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for i, row in enumerate(book.rows(sheets["consortia"], CONSORTIA)):
        values = dict(row.values)
        base = f"consortia[{i}]"
        book.place_row(base, row)
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

    def owner(row: Row) -> tuple[dict[str, Any], str]:
        key = _require(book, row, "consortium")
        if key not in index:
            raise book.fail(row.cells["consortium"], f"unknown consortium {key!r}")
        return consortia[index[key]], f"consortia[{index[key]}]"

    for row in book.rows(sheets["memberships"], MEMBERSHIPS):
        cons, base = owner(row)
        member = {k: v for k, v in row.values.items() if k != "consortium"}
        where = f"{base}.members[{len(cons['members'])}]"
        cons["members"].append(member)
        book.place_row(where, row, main="institution")
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
            book.place_row(f"{base}.{field}[{len(items)}]", row)
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
            book.place_row(f"secondments[{i}]", row)
            secondments.append(row.values)
        data["secondments"] = secondments
    data["consortia"] = consortia
    return data, book


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


def statistics_data(path: str | Path, metrics: Mapping[str, Any] | None) -> tuple[dict[str, Any], Book]:
    """The plain data of a statistics workbook (the shape of a statistics YAML file).

    ``metrics`` maps metric ids to metrics (their Chinese names are accepted as headers);
    None accepts any column as a metric id.
    """
    book = Book(Path(path))
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
        book.place_row(base, row)
        book.place_row(f"{base}.values", row)  # records[i].values.<metric>: that metric's cell
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
