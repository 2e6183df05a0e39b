"""Reading referrals from CSV and JSON Lines, one record at a time.

Files are streamed: :func:`read_referrals` yields one result per record and keeps nothing,
so memory does not grow with the file. A record is either a :class:`ReferralRecord` or a
:class:`RecordError` that names its line; a problem with the file as a whole (missing,
unknown or repeated columns, not UTF-8) is an :class:`~medconsortium.model.errors.InputError`.

Record errors: a row with fewer or more cells than the header, an unknown institution, a
referral to itself, a time in the future, workflow steps out of order, an unknown phase, a
patient key (or any value) that looks like a resident ID number. Messages name the line
and the field (the column), never values that could identify a patient.

CSV columns are the :class:`~medconsortium.Referral` fields, with the nested ones flattened:
``contract_primary``, ``contract_secondary``, ``contract_tertiary``,
``prescription_days``, ``prescription_conditions_met``. JSON Lines records use the nested
form (``"contract": {"primary": ...}``). Both may carry the workflow as times of its
steps: ``accepted_at``, ``rejected_at``, ``arrived_at``, ``completed_at``,
``cancelled_at`` (``time`` is when the referral was requested). The receiving
institution's answer (``accepted``) is taken from ``accepted_at``/``rejected_at`` when
the column is empty; a column that contradicts them is a record error. A CSV file is read with
:func:`csv.reader`: where each field's cell sits and how it is read are resolved once,
from the header, and each row is then converted cell by cell (the rules a record must
satisfy whatever its file are in :mod:`medconsortium.io.referral_record`).

Times are ISO 8601. A time with an offset is converted to China Standard Time, so that
the day a rule or the ledger sees is the day in China; a time without one is taken as
China Standard Time.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import itertools
import json
import typing
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from ..model.errors import InputError
from ..model.network import Network
from ..model.privacy import personal_number
from ..model.records import RecordError, RecordResult, ReferralRecord
from ..model.referrals import Contract, Prescription, Referral
from ..model.workflow import ReferralStatus
from . import limits
from .redaction import showable_id, withheld
from .referral_record import (
    CHINA_TZ,
    EVENT_KEYS,
    EXPECTED_TIME,
    RecordProblem,
    complete,
    naive_china_time,
    now_in_china,
    parse_record,
    personal_number_problem,
)

_FLAT = {
    "contract_primary": ("contract", "primary"),
    "contract_secondary": ("contract", "secondary"),
    "contract_tertiary": ("contract", "tertiary"),
    "prescription_days": ("prescription", "days"),
    "prescription_conditions_met": ("prescription", "conditions_met"),
}
_GROUPS: dict[str, type] = {"contract": Contract, "prescription": Prescription}
_FIELDS = {a.name for a in attrs.fields(Referral)}
_BOOL_COLUMNS = {
    "critical",
    "priority",
    "patient_choice",
    "out_of_area_indication",
    "reserved_resource",
    "accepted",
    "prescription_conditions_met",
}
_INT_COLUMNS = {"prescription_days"}
CSV_COLUMNS = frozenset((_FIELDS - set(_GROUPS)) | set(_FLAT) | set(EVENT_KEYS))

#: Columns every referral file has: the fields of a Referral without a default.
REQUIRED_COLUMNS = tuple(a.name for a in attrs.fields(Referral) if a.default is attrs.NOTHING)


# -- CSV cells ------------------------------------------------------------------------------
Convert = Callable[[str], Any]
#: Reads a contract or prescription from the row's cells (None when none is filled).
GroupConvert = Callable[[Sequence[str]], Any]
_BOOLEANS = {"true": True, "false": False}


def _boolean(column: str) -> Convert:
    def convert(text: str) -> bool:
        found = _BOOLEANS.get(text.lower())
        if found is None:
            raise RecordProblem(f"{column}: expected true or false")
        return found

    return convert


def _whole(column: str) -> Convert:
    def convert(text: str) -> int:
        if not text.isdigit():
            raise RecordProblem(f"{column}: expected a whole number")
        return int(text)

    return convert


def _time(column: str) -> Convert:
    def convert(text: str) -> dt.datetime:
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            raise RecordProblem(f"{column}: invalid value, expected {EXPECTED_TIME}") from None

    return convert


def _member(column: str, cls: type[enum.Enum]) -> Convert:
    by_value = {m.value: m for m in cls}
    expected = "one of " + ", ".join(str(v) for v in by_value)

    def convert(text: str) -> enum.Enum:
        found = by_value.get(text)
        if found is None:
            raise RecordProblem(f"{column}: invalid value, expected {expected}")
        return found

    return convert


def _reader_of(column: str, annotation: Any) -> Convert | None:
    """How a cell of ``column`` is read; None: the text as it is."""
    if column in _BOOL_COLUMNS:
        return _boolean(column)
    if column in _INT_COLUMNS:
        return _whole(column)
    target = next((a for a in typing.get_args(annotation) if a is not type(None)), annotation)
    if target is dt.datetime:
        return _time(column)
    if isinstance(target, type) and issubclass(target, enum.Enum):
        return _member(column, target)
    return None


def _group_reader(field: str, cls: type, parts: list[tuple[str, int, Convert | None]]) -> GroupConvert:
    # A contract or prescription from its flat columns: None when none of them is filled.
    required = [a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING]

    def convert(texts: Sequence[str]) -> Any:
        values: dict[str, Any] = {}
        for name, position, read in parts:
            text = texts[position]
            if text:
                values[name] = text if read is None else read(text)
        if not values:
            return None
        for name in required:
            if name not in values:
                raise RecordProblem(f"{field}.{name}: required field missing")
        return cls(**values)

    return convert


class CsvColumns:
    """A referral CSV header, resolved once: where each field's cell sits and how it is
    read. :meth:`parse` turns the stripped cells of one row into a referral and its workflow.

    Fields are read in the order of :class:`~medconsortium.Referral`, so that a row with
    several problems names the first of them, as the JSON readers do.

    >>> columns = CsvColumns(["id", "patient", "from_institution", "to_institution", "time", "critical"])
    >>> referral, workflow = columns.parse(["r-1", "p-7", "a", "b", "2024-03-01T09:30", "TRUE"],
    ...                                    None, dt.datetime(2025, 1, 1))
    >>> referral.critical, referral.time.isoformat(), workflow
    (True, '2024-03-01T09:30:00', None)
    >>> columns.parse(["r-1", "p-7", "a", "b", "2024-03-01T09:30", "yes"], None, dt.datetime(2025, 1, 1))
    Traceback (most recent call last):
    ...
    medconsortium.io.referral_record.RecordProblem: critical: expected true or false
    """

    def __init__(self, header: Sequence[str]) -> None:
        self.header = tuple(header)
        position = {name: index for index, name in enumerate(self.header)}
        hints = typing.get_type_hints(Referral)
        # (field, position or -1 for a group read from several cells, reader, required)
        self._fields: list[tuple[str, int, Any, bool]] = []
        for field in attrs.fields(Referral):
            if field.name in _GROUPS:
                parts = [
                    (sub, position[column], _reader_of(column, str))
                    for column, (group, sub) in _FLAT.items()
                    if group == field.name and column in position
                ]
                if parts:
                    group = _group_reader(field.name, _GROUPS[field.name], parts)
                    self._fields.append((field.name, -1, group, False))
            elif field.name in position:
                read = _reader_of(field.name, hints[field.name])
                required = field.default is attrs.NOTHING
                self._fields.append((field.name, position[field.name], read, required))
        self._steps = [
            (position[key], status, _time(key)) for key, status in EVENT_KEYS.items() if key in position
        ]

    def parse(
        self, texts: Sequence[str], network: Network | None, limit: dt.datetime
    ) -> tuple[Referral, Any]:
        """The referral and workflow of one row's stripped cells (RecordProblem if bad)."""
        # One look at the whole row first: most rows hold no long run of digits at all.
        # The cells are joined with a character that breaks a run, so a number is found
        # exactly when one cell holds it.
        if personal_number("\x00".join(texts)) is not None:
            for column, text in zip(self.header, texts, strict=True):
                kind = personal_number(text)
                if kind is not None:
                    raise personal_number_problem(column, kind)
        values: dict[str, Any] = {}
        for name, position, read, required in self._fields:
            if position < 0:
                group = read(texts)
                if group is not None:
                    values[name] = group
                continue
            text = texts[position]
            if text:
                values[name] = text if read is None else read(text)
            elif required:
                raise RecordProblem(f"{name}: required field missing")
        steps: list[tuple[ReferralStatus, dt.datetime]] = []
        for position, status, read in self._steps:
            text = texts[position]
            if text:
                steps.append((status, read(text)))
        try:
            referral = Referral(**values)
        except (ValueError, TypeError) as exc:
            # The model's own checks (a referral to itself, an empty patient key): their
            # messages name no value.
            raise RecordProblem(str(exc)) from None
        return complete(referral, steps, network, limit)


# -- files --------------------------------------------------------------------------------
_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}
_NOT_UTF8 = "not UTF-8 text (save the file as UTF-8)"


class RecordStream(Iterator[RecordResult]):
    """The records of a referral file, one at a time, and how far reading has got.

    ``total`` is what :meth:`position` counts up to: the file's size in bytes
    (``unit == "B"``) for CSV and JSON Lines, the number of records for a JSON list, or
    None when it is not known; a progress bar shows a percentage and the time left from it.
    """

    def __init__(self, results: Iterator[RecordResult], total: int | None, unit: str) -> None:
        self._results = results
        self.total = total
        self.unit = unit
        #: Bytes (or records) read so far; the reader sets it once the file is open.
        self.position: Callable[[], int] = lambda: 0

    def __iter__(self) -> RecordStream:
        return self

    def __next__(self) -> RecordResult:
        return next(self._results)


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(str(path), "", f"cannot read: {exc.strerror}") from None


def _undecodable_line(path: Path) -> int:
    """The number of the first line that is not UTF-8 (the usual case: a spreadsheet saved
    as GB 18030). Only called once decoding failed, so the second reading costs nothing
    on good files."""
    with _open(path) as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                return number
    return 1  # not reached: the file failed to decode as a whole


def _lines(path: Path, stream: RecordStream) -> Iterator[str]:
    """The file's lines, decoded one at a time so that a line that is not UTF-8 is named
    by its number."""
    source = str(path)
    with _open(path) as handle:
        stream.position = handle.tell
        for number, raw in enumerate(handle, start=1):
            try:
                yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                raise InputError(source, f"line {number}", _NOT_UTF8) from None


def _csv_header(source: str, reader: Any) -> list[str]:
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(source, "line 1", f"invalid CSV header: {exc}") from None
    if header is None:
        raise InputError(source, "line 1", "empty CSV file, expected a header row")
    header = [h.strip() for h in header]
    seen: set[str] = set()
    for column in header:
        if not column:
            raise InputError(source, "line 1", "a column has no name")
        if column in seen:
            raise InputError(source, "line 1", f"column {column!r} appears twice")
        seen.add(column)
    unknown = sorted(seen - CSV_COLUMNS)
    if unknown:
        raise InputError(source, "line 1", f"unknown column {unknown[0]!r}")
    missing = [c for c in REQUIRED_COLUMNS if c not in seen]
    if missing:
        raise InputError(source, "line 1", f"required column {missing[0]!r} missing")
    return header


def _csv_records(
    path: Path, network: Network | None, now: dt.datetime, stream: RecordStream
) -> Iterator[RecordResult]:
    source = str(path)
    raw = _open(path)
    # Decoded by the text layer in large chunks (a line-by-line decode was a third of the
    # reading); a line that is not UTF-8 is found again by number if decoding fails.
    handle = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    stream.position = raw.tell
    try:
        # strict: an unterminated quote is an error at the end of the file, not a last field
        # that silently swallows every following line.
        reader = csv.reader(handle, strict=True)
        yield from _csv_rows(source, reader, network, now)
    except UnicodeDecodeError:
        raise InputError(source, f"line {_undecodable_line(path)}", _NOT_UTF8) from None
    finally:
        handle.close()


def _csv_rows(source: str, reader: Any, network: Network | None, now: dt.datetime) -> Iterator[RecordResult]:
    header = _csv_header(source, reader)
    width = len(header)
    parse = CsvColumns(header).parse
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if str(exc) == "unexpected end of data":
                yield RecordError(start, None, "unterminated quote: the record runs to the end of the file")
                return
            yield RecordError(reader.line_num, None, f"unreadable CSV: {exc}")
            continue
        line = reader.line_num
        if len(cells) != width:
            if not any(c.strip() for c in cells):
                continue  # a blank line
            # A cell too few or too many is refused: a lost or extra separator shifts the
            # cells into the wrong columns (a patient key in the id or institution column),
            # so the row shows none of its values, not even its id.
            if len(cells) > width:
                yield RecordError(line, None, "more cells than header columns")
            else:
                yield RecordError(line, None, f"{len(cells)} cells where the header has {width} columns")
            continue
        texts = list(map(str.strip, cells))
        if not any(texts):
            continue
        try:
            referral, workflow = parse(texts, network, now)
        except RecordProblem as exc:
            row = dict(zip(header, texts, strict=True))
            yield RecordError(line, showable_id(row), withheld(str(exc), row))
            continue
        yield ReferralRecord(line, referral, workflow)


def _jsonl_records(
    path: Path, network: Network | None, now: dt.datetime, stream: RecordStream
) -> Iterator[RecordResult]:
    for line, text in enumerate(_lines(path, stream), start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield RecordError(line, None, f"invalid JSON: {exc.msg}")
            continue
        yield _result(line, data, network, now)


def _json_records(
    path: Path, network: Network | None, now: dt.datetime, stream: RecordStream
) -> Iterator[RecordResult]:
    # A .json file holds one referral (an object) or a few (a list): read whole, as it is
    # meant for single checks. Records are numbered from 1 in place of lines.
    source = str(path)
    text = "".join(_lines(path, stream))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"line {exc.lineno}", f"invalid JSON: {exc.msg}") from None
    items = data if isinstance(data, list) else [data]
    stream.total, stream.unit = len(items), " referrals"
    done = [0]
    stream.position = lambda: done[0]
    for index, item in enumerate(items, start=1):
        done[0] = index
        yield _result(index, item, network, now)


def _result(line: int, data: Any, network: Network | None, now: dt.datetime) -> RecordResult:
    try:
        referral, workflow = parse_record(data, network, now)
    except RecordProblem as exc:
        return RecordError(line, showable_id(data), withheld(str(exc), data))
    return ReferralRecord(line, referral, workflow)


_READERS = {"csv": _csv_records, "jsonl": _jsonl_records, "json": _json_records}


def read_referrals(
    path: str | Path, network: Network | None = None, now: dt.datetime | None = None
) -> RecordStream:
    """Each record of a referral file (``.csv``, ``.jsonl``/``.ndjson``, or ``.json`` with
    one object or a list), good or bad, in file order.

    Raises :class:`~medconsortium.model.errors.InputError` for a problem with the whole file.
    ``now`` (naive, China Standard Time) defaults to the current time.
    """
    path = Path(path)
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(str(path), "", f"unsupported file type {path.suffix!r} (use .csv, .jsonl or .json)")
    # Checked here, not when the first record is read, so the error comes at once.
    limits.input_file(path)
    limit = naive_china_time(now) if now is not None else now_in_china()
    try:
        size: int | None = path.stat().st_size
    except OSError:
        size = None
    stream = RecordStream(iter(()), size, "B")
    found = _READERS[kind](path, network, limit, stream)
    if kind == "csv":
        # The header is read (and checked) now: a missing column is a file-level error.
        first = next(found, None)
        found = itertools.chain(() if first is None else (first,), found)
    stream._results = _not_empty(found, str(path))
    return stream


def _not_empty(results: Iterator[RecordResult], source: str) -> Iterator[RecordResult]:
    # A batch of nothing is checked as nothing and would pass: say so instead.
    empty = True
    for result in results:
        empty = False
        yield result
    if empty:
        raise InputError(source, "", "no referral records (the file has no record after its header)")


def iter_good(results: Iterator[RecordResult], source: str) -> Iterator[ReferralRecord]:
    """Only good records; the first bad one raises an InputError naming file and line
    (for callers that accept no bad record, such as ``assess --referrals``)."""
    for result in results:
        if isinstance(result, RecordError):
            raise InputError(source, f"line {result.line}", result.message)
        yield result


__all__ = [
    "CHINA_TZ",
    "CSV_COLUMNS",
    "EVENT_KEYS",
    "REQUIRED_COLUMNS",
    "CsvColumns",
    "RecordError",
    "RecordProblem",
    "RecordResult",
    "RecordStream",
    "ReferralRecord",
    "iter_good",
    "naive_china_time",
    "now_in_china",
    "parse_record",
    "read_referrals",
]
