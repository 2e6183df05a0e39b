"""Reading referrals from CSV and JSON Lines, one record at a time.

Files are streamed: :func:`read_referrals` yields one result per record and keeps nothing,
so memory does not grow with the file. A record is either a :class:`ReferralRecord` or a
:class:`RecordError` that names its line; a problem with the file as a whole (missing,
unknown columns, not UTF-8) is an :class:`~medconsortium.model.errors.InputError`.

Record errors: an unknown institution, a referral to itself, a time in the future, workflow
steps out of order, an unknown phase, a patient key (or any value) that looks like a
resident ID number. Messages name fields, never values that could identify a patient.

CSV columns are the :class:`~medconsortium.Referral` fields, with the nested ones flattened:
``contract_primary``, ``contract_secondary``, ``contract_tertiary``,
``prescription_days``, ``prescription_conditions_met``. JSON Lines records use the nested
form (``"contract": {"primary": ...}``). Both may carry the workflow as times of its
steps: ``accepted_at``, ``rejected_at``, ``arrived_at``, ``completed_at``,
``cancelled_at`` (``time`` is when the referral was requested); they also give the
receiver's answer ``accepted`` when it is empty (a contradiction is a record error).

Times are ISO 8601. A time with an offset is converted to China Standard Time, so that
the day a rule or the ledger sees is the day in China; a time without one is taken as
China Standard Time.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import itertools
import json
import typing
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import cattrs

from ..model.errors import InputError
from ..model.network import Network
from ..model.privacy import personal_number
from ..model.records import RecordError, RecordResult, ReferralRecord
from ..model.referrals import Referral
from ..model.workflow import ReferralStatus, TransitionError, Workflow
from . import limits
from .converter import converter
from .redaction import showable_id, withheld, without_cells

#: China Standard Time. Times with an offset are compared in it; times without one are
#: taken as local times in China, where every jurisdiction of this library lies.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")

EVENT_KEYS: dict[str, ReferralStatus] = {
    f"{status.value}_at": status for status in ReferralStatus if status is not ReferralStatus.REQUESTED
}

_FLAT = {
    "contract_primary": ("contract", "primary"),
    "contract_secondary": ("contract", "secondary"),
    "contract_tertiary": ("contract", "tertiary"),
    "prescription_days": ("prescription", "days"),
    "prescription_conditions_met": ("prescription", "conditions_met"),
}
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
CSV_COLUMNS = frozenset((_FIELDS - {"contract", "prescription"}) | set(_FLAT) | set(EVENT_KEYS))


class RecordProblem(ValueError):
    """Raised inside record parsing; becomes a :class:`RecordError` with the line."""


def naive_china_time(value: dt.datetime) -> dt.datetime:
    """A time without offset, in China Standard Time, so that times compare."""
    if value.tzinfo is None:
        return value
    return value.astimezone(CHINA_TZ).replace(tzinfo=None)


def now_in_china() -> dt.datetime:
    """The current time in China Standard Time, without offset."""
    return dt.datetime.now(CHINA_TZ).replace(tzinfo=None)


# -- one record ---------------------------------------------------------------------------
def _scan_resident_ids(data: Mapping[str, Any], prefix: str = "") -> None:
    # Every value is scanned, not only the patient key: a resident ID or mobile number put
    # in the id or reason column (or given as a JSON number) must not travel on into reports.
    for key, value in data.items():
        if isinstance(value, Mapping):
            _scan_resident_ids(value, f"{prefix}{key}.")
            continue
        kind = personal_number(value)
        if kind is not None:
            raise RecordProblem(
                f"{prefix}{key}: looks like a {kind}; use a pseudonymous key (the value is not repeated here)"
            )


def _expected(cls: Any) -> str:
    args = [a for a in typing.get_args(cls) if a is not type(None)] or [cls]
    target = args[0]
    if isinstance(target, type) and issubclass(target, enum.Enum):
        return "one of " + ", ".join(m.value for m in target)
    names = {
        dt.datetime: "a date and time (ISO 8601, e.g. 2024-03-01T09:30)",
        bool: "true or false",
        int: "a whole number",
        str: "a string",
    }
    return names.get(target, getattr(target, "__name__", str(target)))


def _format_exception(exc: BaseException, cls: Any) -> str:
    # Values are never echoed: a mis-filled column could hold a patient key.
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return "unknown key " + ", ".join(sorted(exc.extra_fields))
    if cls is None or cls is type(None):
        return str(exc)
    return f"invalid value, expected {_expected(cls)}"


def _explain(exc: Exception) -> str:
    if isinstance(exc, cattrs.BaseValidationError):
        # A validator or __attrs_post_init__ of the class itself fails "at $": its message
        # is ours (and never contains the value), so show it as it is.
        for sub in exc.exceptions:
            if isinstance(sub, ValueError | TypeError) and not isinstance(sub, cattrs.BaseValidationError):
                notes = getattr(sub, "__notes__", None)
                if not notes:
                    return str(sub)
        first = cattrs.transform_error(exc, format_exception=_format_exception)[0]
        message, _, where = first.rpartition(" @ ")
        where = where.removeprefix("$").lstrip(".")
        return f"{where}: {message}" if where else message
    return str(exc)


def parse_record(
    data: Mapping[str, Any], network: Network | None = None, now: dt.datetime | None = None
) -> tuple[Referral, Workflow | None]:
    """A referral (and its workflow) from one record in nested form.

    Raises :class:`RecordProblem` with a message naming the field. ``network``, when given,
    must know both institutions; ``now`` (default: the current time in China) bounds
    the times: none may lie after it.
    """
    if not isinstance(data, Mapping):
        raise RecordProblem(f"expected an object, got {type(data).__name__}")
    _scan_resident_ids(data)
    fields = {k: v for k, v in data.items() if k not in EVENT_KEYS}
    try:
        referral = converter.structure(fields, Referral)
    except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
        raise RecordProblem(_explain(exc)) from None
    if referral.time.tzinfo is not None:
        # Policy days are Chinese days: a referral at 20:00 UTC is made the next day there.
        referral = attrs.evolve(referral, time=referral.time.astimezone(CHINA_TZ))
    if network is not None:
        for field in ("from_institution", "to_institution"):
            ref = getattr(referral, field)
            if network.get_institution(ref) is None:
                raise RecordProblem(f"{field}: unknown institution {ref!r}")
    limit = now if now is not None else now_in_china()
    requested = naive_china_time(referral.time)
    events = [(ReferralStatus.REQUESTED, requested)]
    for key, status in EVENT_KEYS.items():
        if data.get(key) is None:
            continue
        try:
            events.append((status, naive_china_time(converter.structure(data[key], dt.datetime))))
        except (ValueError, TypeError):
            raise RecordProblem(f"{key}: invalid value, expected {_expected(dt.datetime)}") from None
    for status, time in events:
        if time > limit:
            key = "time" if status is ReferralStatus.REQUESTED else f"{status.value}_at"
            raise RecordProblem(f"{key}: {time.isoformat()} is in the future")
    if len(events) == 1:
        return referral, None
    try:
        workflow = Workflow.replay(referral.id, events)
    except TransitionError as exc:
        raise RecordProblem(f"workflow out of order: {exc.message}") from None
    return _answered(referral, workflow), workflow


def _answered(referral: Referral, workflow: Workflow) -> Referral:
    # One answer, not two: the dated steps give it, and an ``accepted`` value may only repeat it.
    answer = workflow.answer
    if answer is None or referral.accepted is answer:
        return referral
    if referral.accepted is not None:
        step = "accepted_at" if answer else "rejected_at"
        raise RecordProblem(f"accepted: {str(referral.accepted).lower()} contradicts {step}")
    return attrs.evolve(referral, accepted=answer)


def _nest_csv(row: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, text in row.items():
        value: Any = text
        if key in _BOOL_COLUMNS:
            if text.lower() not in ("true", "false"):
                raise RecordProblem(f"{key}: expected true or false")
            value = text.lower() == "true"
        elif key in _INT_COLUMNS:
            if not text.isdigit():
                raise RecordProblem(f"{key}: expected a whole number")
            value = int(text)
        if key in _FLAT:
            group, name = _FLAT[key]
            out.setdefault(group, {})[name] = value
        else:
            out[key] = value
    return out


# -- files --------------------------------------------------------------------------------
_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}


def _lines(path: Path) -> Iterator[str]:
    """The file's lines, decoded one at a time so that a line that is not UTF-8 is named
    by its number (the usual case: a spreadsheet saved as GB 18030)."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(source, "", f"cannot read: {exc.strerror}") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            try:
                yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                raise InputError(
                    source, f"line {number}", "not UTF-8 text (save the file as UTF-8)"
                ) from None


#: Columns every referral file has: the fields of a Referral without a default.
REQUIRED_COLUMNS = tuple(a.name for a in attrs.fields(Referral) if a.default is attrs.NOTHING)


def _csv_records(path: Path, network: Network | None, now: dt.datetime) -> Iterator[RecordResult]:
    source = str(path)
    # strict: an unterminated quote is an error at the end of the file, not a last field
    # that silently swallows every following line.
    reader = csv.reader(_lines(path), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(source, "line 1", f"invalid CSV header: {exc}") from None
    if header is None:
        raise InputError(source, "line 1", "empty CSV file, expected a header row")
    header = [h.strip() for h in header]
    unknown = sorted(set(header) - CSV_COLUMNS)
    if unknown:
        raise InputError(source, "line 1", f"unknown column {unknown[0]!r}")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(source, "line 1", f"required column {missing[0]!r} missing")
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
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            yield RecordError(line, None, "more cells than header columns")
            continue
        row = {h: c.strip() for h, c in zip(header, cells, strict=False) if c.strip() != ""}
        result = _result(line, row, network, now, csv_row=True)
        if isinstance(result, RecordError) and len(cells) < len(header):
            # Trailing empty cells may be left out, but a short row may also have lost a
            # separator in the middle, so that its cells sit in the wrong columns (a
            # patient key in the id or institution column): name no value of it.
            result = RecordError(line, None, without_cells(result.message, cells))
        yield result


def _jsonl_records(path: Path, network: Network | None, now: dt.datetime) -> Iterator[RecordResult]:
    for line, text in enumerate(_lines(path), start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield RecordError(line, None, f"invalid JSON: {exc.msg}")
            continue
        yield _result(line, data, network, now)


def _json_records(path: Path, network: Network | None, now: dt.datetime) -> Iterator[RecordResult]:
    # A .json file holds one referral (an object) or a few (a list): read whole, as it is
    # meant for single checks. Records are numbered from 1 in place of lines.
    source = str(path)
    text = "".join(_lines(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"line {exc.lineno}", f"invalid JSON: {exc.msg}") from None
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items, start=1):
        yield _result(index, item, network, now)


def _result(
    line: int, data: Any, network: Network | None, now: dt.datetime, csv_row: bool = False
) -> RecordResult:
    try:
        nested = _nest_csv(data) if csv_row else data
        referral, workflow = parse_record(nested, network, now)
    except RecordProblem as exc:
        return RecordError(line, showable_id(data), withheld(str(exc), data))
    return ReferralRecord(line, referral, workflow)


def read_referrals(
    path: str | Path, network: Network | None = None, now: dt.datetime | None = None
) -> Iterator[RecordResult]:
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
    if kind == "csv":
        found = _csv_records(path, network, limit)
        # The header is read (and checked) now: a missing column is a file-level error.
        first = next(found, None)
        return _not_empty(itertools.chain(() if first is None else (first,), found), str(path))
    if kind == "jsonl":
        return _not_empty(_jsonl_records(path, network, limit), str(path))
    return _not_empty(_json_records(path, network, limit), str(path))


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
    "RecordError",
    "RecordProblem",
    "RecordResult",
    "ReferralRecord",
    "iter_good",
    "naive_china_time",
    "now_in_china",
    "parse_record",
    "read_referrals",
]
