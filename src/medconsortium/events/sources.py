"""Where event tables come from: files and globs (Parquet, CSV, JSON Lines) read by an
embedded DuckDB, or the tables of an Ibis connection (``duckdb:///data.db``, Spark ...).

A source spec is ``[ROLE=]FORMAT:PATH``, ``[ROLE=]PATH`` or ``[ROLE=]URL``:

- ROLE is ``visits`` (the default) or ``referrals``;
- FORMAT is ``parquet``, ``csv`` or ``jsonl``; without it the suffix decides;
- PATH may be a glob (``visits/*.parquet``), quoted so that the shell leaves it alone;
- a URL (``duckdb:///data.db``) is opened with :func:`ibis.connect`; its tables named
  ``visits`` and ``referrals`` are read (with ROLE given, only that one).

>>> parse_spec("parquet:visits/*.parquet")
Spec(role='visits', kind='parquet', target='visits/*.parquet')
>>> parse_spec("referrals=ref.csv")
Spec(role='referrals', kind='csv', target='ref.csv')
>>> parse_spec("duckdb:///data.db")
Spec(role=None, kind='url', target='duckdb:///data.db')
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import ibis

from ..model.errors import InputError, UsageError

ROLES = ("visits", "referrals")
_FORMATS = {"parquet": "parquet", "csv": "csv", "jsonl": "jsonl", "json": "jsonl"}
_SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".json": "jsonl"}

#: Columns read as text from CSV and JSON files whatever they look like: DuckDB's type
#: detection would make a division code or a numeric id a number.
_TEXT_COLUMNS = (
    "visit_id",
    "patient_key",
    "institution_id",
    "kind",
    "residence_county",
    "institution_county",
    "id",
    "patient",
    "from_institution",
    "to_institution",
)


@attrs.frozen
class Spec:
    """A parsed source spec."""

    role: str | None
    kind: str
    target: str


@attrs.frozen
class EventTables:
    """The event tables of one run, on one Ibis backend, each with the name that error
    messages and the provenance column use."""

    backend: Any
    visits: Any | None = None
    referrals: Any | None = None
    names: dict[str, str] = attrs.field(factory=dict)

    def name(self, role: str) -> str:
        return self.names.get(role, role)


def parse_spec(spec: str) -> Spec:
    role: str | None = None
    head, sep, rest = spec.partition("=")
    if sep and head in ROLES:
        role, spec = head, rest
    if "://" in spec:
        return Spec(role, "url", spec)
    prefix, sep, rest = spec.partition(":")
    if sep and prefix.lower() in _FORMATS and len(prefix) > 1:
        return Spec(role or "visits", _FORMATS[prefix.lower()], rest)
    kind = _SUFFIXES.get(Path(spec).suffix.lower())
    if kind is None:
        raise UsageError(f"{spec}: cannot tell the format; write parquet:PATH, csv:PATH, jsonl:PATH or a URL")
    return Spec(role or "visits", kind, spec)


def connect_duckdb() -> Any:
    """An embedded DuckDB connection whose day boundaries are China's (times with an
    offset fall on their day in China Standard Time)."""
    con = ibis.duckdb.connect()
    _quiet(con)
    return con


def _quiet(con: Any) -> None:
    # DuckDB draws its own progress bar on long queries, even into a pipe: it would land
    # in the statistics written to standard output. Ours goes to stderr, on a terminal.
    con.raw_sql("SET TimeZone = 'Asia/Shanghai'")
    con.raw_sql("SET enable_progress_bar = false")


def _files(spec: Spec) -> list[str]:
    found = sorted(glob.glob(spec.target)) if glob.has_magic(spec.target) else [spec.target]
    if not found:
        raise InputError(spec.target, "", "no file matches")
    for path in found:
        if not Path(path).is_file():
            raise InputError(path, "", "no such file")
    return found


def _read_file(con: Any, spec: Spec) -> Any:
    files = _files(spec)
    try:
        if spec.kind == "parquet":
            return con.read_parquet(files)
        if spec.kind == "csv":
            header = _csv_header(files[0])
            types = {c: "VARCHAR" for c in _TEXT_COLUMNS if c in header}
            return _empty_columns_typed(con.read_csv(files, types=types))
        # JSON has no date type: ISO strings in the date columns are cast in the engine
        # (a malformed one stops the run there, naming the file).
        return _dates_cast(con.read_json(files, format="newline_delimited"))
    except Exception as exc:  # DuckDB's reader errors: one line naming the file
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(spec.target, "", f"cannot read as {spec.kind}: {message}") from None


#: Columns whose type DuckDB cannot detect when every cell is empty (it says text).
_TYPED_COLUMNS = {
    "discharge_date": "date",
    "rejected_at": "timestamp",
    "cancelled_at": "timestamp",
    "reserved_resource": "boolean",
    "first_visit": "boolean",
}


def _empty_columns_typed(table: Any) -> Any:
    """Give an all-empty CSV column its schema type (a file without discharges has an
    empty ``discharge_date``); a column with text in it keeps its type, and the schema
    check names it."""
    casts = {}
    for column, dtype in _TYPED_COLUMNS.items():
        if (
            column in table.columns
            and str(table.schema()[column]) == "string"
            and table.filter(table[column].notnull()).limit(1).count().execute() == 0
        ):
            casts[column] = table[column].cast(dtype)
    return table.mutate(**casts) if casts else table


_DATE_COLUMNS = {
    "visit_date": "date",
    "discharge_date": "date",
    "time": "timestamp",
    "rejected_at": "timestamp",
    "cancelled_at": "timestamp",
}


def _dates_cast(table: Any) -> Any:
    casts = {
        column: table[column].cast(dtype)
        for column, dtype in _DATE_COLUMNS.items()
        if column in table.columns and str(table.schema()[column]) == "string"
    }
    return table.mutate(**casts) if casts else table


def _csv_header(path: str) -> tuple[str, ...]:
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return tuple(next(csv.reader(handle), []))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(path, "line 1", f"cannot read the header: {exc}") from None


def open_sources(specs: Iterable[str]) -> EventTables:
    """Open every spec on one backend: embedded DuckDB for files, the URL's for a URL."""
    parsed = [parse_spec(s) for s in specs]
    if not parsed:
        raise UsageError("no event source given")
    urls = [p for p in parsed if p.kind == "url"]
    if urls and len({p.target for p in urls}) > 1:
        raise UsageError("event tables must come from one connection or from files, not several")
    if urls and len(urls) != len(parsed):
        raise UsageError("event tables must come from one connection or from files, not both")
    tables: dict[str, Any] = {}
    names: dict[str, str] = {}
    if urls:
        url = urls[0].target
        try:
            backend = ibis.connect(url)
        except Exception as exc:
            raise InputError(url, "", f"cannot connect: {str(exc).splitlines()[0]}") from None
        if getattr(backend, "name", "") == "duckdb":
            _quiet(backend)
        wanted = [p.role for p in urls if p.role] or list(ROLES)
        for role in wanted:
            try:
                tables[role] = backend.table(role)
            except Exception:  # each backend has its own "no such table" error
                if any(p.role == role for p in urls):
                    raise InputError(url, f"table {role}", "no such table") from None
                continue
            names[role] = f"{url} table {role}"
        if not tables:
            raise InputError(url, "", "no table named visits or referrals")
    else:
        backend = connect_duckdb()
        for spec in parsed:
            assert spec.role is not None
            if spec.role in tables:
                raise UsageError(f"two sources for the {spec.role} table")
            tables[spec.role] = _read_file(backend, spec)
            names[spec.role] = spec.target
    return EventTables(backend, tables.get("visits"), tables.get("referrals"), names)
