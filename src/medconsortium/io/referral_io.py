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
import io
import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from ..model.errors import InputError
from ..model.network import Network
from ..model.records import RecordError, RecordResult, ReferralRecord
from . import limits
from .redaction import showable_id, withheld
from .referral_csv import CSV_COLUMNS, REQUIRED_COLUMNS, CsvColumns, csv_header, csv_rows
from .referral_record import (
    CHINA_TZ,
    EVENT_KEYS,
    RecordProblem,
    naive_china_time,
    now_in_china,
    parse_record,
)

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

    def __iter__(self) -> Iterator[RecordResult]:
        # A for loop runs the reader's own generator: through __next__, each record would
        # cost a call of it more.
        return self._results

    def __next__(self) -> RecordResult:
        return next(self._results)


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(str(path), "", f"cannot read: {exc.strerror}") from None


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


def not_utf8(path: Path) -> InputError:
    """The error of a file that is not UTF-8 text, naming its first line that is not."""
    return InputError(str(path), f"line {limits.undecodable_line(path)}", _NOT_UTF8)


def _csv_records(
    path: Path, network: Network | None, now: dt.datetime, stream: RecordStream, lines: int | None = None
) -> Iterator[RecordResult]:
    """The records of a CSV file, its header read (and checked) now: the rows are the one
    generator of :func:`csv_rows`, which closes the file, says when it has no record and
    turns text that is not UTF-8 into the error naming the line."""
    source = str(path)
    raw = _open(path)
    # Decoded by the text layer in large chunks (a line-by-line decode was a third of the
    # reading); a line that is not UTF-8 is found again by number if decoding fails.
    handle = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    stream.position = raw.tell
    # strict: an unterminated quote is an error at the end of the file, not a last field
    # that silently swallows every following line.
    reader = csv.reader(handle if lines is None else itertools.islice(handle, lines), strict=True)
    try:
        header = csv_header(source, reader)
    except UnicodeDecodeError:
        handle.close()
        raise not_utf8(path) from None
    except BaseException:
        handle.close()
        raise
    return csv_rows(
        source,
        reader,
        network,
        now,
        header=header,
        required=True,
        file=handle,
        undecodable=lambda: not_utf8(path),
    )


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


_READERS = {"jsonl": _jsonl_records, "json": _json_records}


def read_referrals(
    path: str | Path,
    network: Network | None = None,
    now: dt.datetime | None = None,
    *,
    lines: int | None = None,
) -> RecordStream:
    """Each record of a referral file (``.csv``, ``.jsonl``/``.ndjson``, or ``.json`` with
    one object or a list), good or bad, in file order.

    ``lines``: of a CSV file, read only the records in its first ``lines`` lines (the first
    part of a file checked in two, :mod:`medconsortium.io.referral_parts`).

    Raises :class:`~medconsortium.model.errors.InputError` for a problem with the whole file.
    ``now`` (naive, China Standard Time) defaults to the current time.
    """
    path = Path(path)
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind is None:
        if path.is_dir():  # named as a directory, not as an unsupported file type
            limits.input_file(path)
        raise InputError(str(path), "", f"unsupported file type {path.suffix!r} (use .csv, .jsonl or .json)")
    # Checked here, not when the first record is read, so the error comes at once.
    limits.input_file(path)
    limit = naive_china_time(now) if now is not None else now_in_china()
    try:
        size: int | None = path.stat().st_size
    except OSError:
        size = None
    stream = RecordStream(iter(()), size, "B")
    if kind == "csv":
        # The header is read (and checked) now: a missing column is a file-level error.
        # The rows say themselves when there is none.
        stream._results = _csv_records(path, network, limit, stream, lines)
        return stream
    found = _READERS[kind](path, network, limit, stream)
    if kind == "json":
        # A .json file is read whole now, so its number of records is known before the first.
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
    "not_utf8",
    "now_in_china",
    "parse_record",
    "read_referrals",
]
