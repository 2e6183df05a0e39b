# Longer than 400 lines on purpose: the two generated readers (the Referral constructor, the
# row reader per header) sit beside the field loop and the cell readers they must match.
"""Referral CSV files: the columns, resolved once from the header, and the rows.

A CSV file is read with :func:`csv.reader`. Where each field's cell sits and how it is read
(text, true/false, a whole number, a date and time, one of an enumeration's values) are
resolved once from the header (:class:`CsvColumns`); each row is then converted cell by
cell and checked as every record is (:func:`medconsortium.io.referral_record.complete`).
A row with fewer or more cells than the header is a bad record that shows none of its
values; a problem with the header is an :class:`~medconsortium.model.errors.InputError`
at line 1. The file itself is opened by :mod:`medconsortium.io.referral_io`.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import typing
from collections.abc import Callable, Container, Iterator, Sequence
from typing import IO, Any

import attrs

from ..model.checks import draft_class, drafts_become, plain_fields
from ..model.errors import InputError
from ..model.network import Network
from ..model.privacy import personal_number
from ..model.records import RecordError, RecordResult, ReferralRecord
from ..model.referrals import Contract, Prescription, Referral
from ..model.workflow import ReferralStatus
from .redaction import showable_id, withheld
from .referral_record import (
    EVENT_KEYS,
    EXPECTED_TIME,
    RecordProblem,
    complete,
    institution_ids,
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


# -- a referral from cells already checked -------------------------------------------------
#: Referral's fields in order, and what each holds when its column is absent or empty.
_ATTRIBUTES: tuple[attrs.Attribute[Any], ...] = tuple(attrs.fields(Referral))
_REFERRAL_FIELDS = tuple(a.name for a in _ATTRIBUTES)
_DEFAULTS = tuple(a.default for a in _ATTRIBUTES)
#: The validators a row's reading already applies: the patient key is a non-empty
#: pseudonymous key (the whole row is scanned for personal numbers first) and the phase is
#: a ClinicalPhase (the cell is read as one).
_CHECKED_BY_THE_READER = ("patient", "phase")


def _plain_referral() -> bool:
    """Whether :class:`~medconsortium.Referral` is as the generated readers expect: no
    converter or factory, validators only on the fields the reader checks itself, and its
    own checks in ``__attrs_post_init__``."""
    plain = plain_fields(Referral, _CHECKED_BY_THE_READER)
    return plain and hasattr(Referral, "__attrs_post_init__") and _drafts_become_referrals()


#: A Referral while the generated readers fill its slots (model.checks.draft_class):
#: calling each slot's ``__set__`` cost a call with its arguments packed, 19 a row. Once
#: every slot is set, the object's class becomes Referral, before the model's own checks run.
_Draft = draft_class(Referral)


def _drafts_become_referrals() -> bool:
    """Whether a draft's class can be set to Referral (the same slots, no others)."""
    return drafts_become(_Draft, Referral)


#: A ReferralRecord while csv_rows fills its three slots, as ``_Draft`` for a Referral.
_RecordDraft = draft_class(ReferralRecord)


def _drafts_become_records() -> bool:
    """Whether a record draft's class can be set to ReferralRecord, which has no checks of
    its own to run (no validator, converter or ``__attrs_post_init__``)."""
    plain = plain_fields(ReferralRecord, ()) and not hasattr(ReferralRecord, "__attrs_post_init__")
    return plain and drafts_become(_RecordDraft, ReferralRecord)


#: Whether a record draft becomes a ReferralRecord: decided once, not for each file.
_RECORD_DRAFTS = _drafts_become_records()


def _referral_builder() -> Callable[[Sequence[Any]], Referral]:
    """A constructor of :class:`~medconsortium.Referral` from its values in field order
    that skips the validators the reader has applied already (a third of a row's reading),
    and still runs the model's own checks (``__attrs_post_init__``).

    Generated from the class's fields, as attrs generates ``__init__``; when Referral has
    a validator, converter or factory this does not know of, it is the class itself.
    """
    if not _plain_referral():
        return lambda values: Referral(*values)
    lines = ["def build(values):", "    referral = new(Draft)"]
    lines += [f"    referral.{name} = values[{i}]" for i, name in enumerate(_REFERRAL_FIELDS)]
    lines += ["    referral.__class__ = cls", "    post_init(referral)", "    return referral"]
    scope: dict[str, Any] = {
        "new": object.__new__,
        "Draft": _Draft,
        "cls": Referral,
        "post_init": Referral.__attrs_post_init__,
    }
    exec("\n".join(lines), scope)
    build: Callable[[Sequence[Any]], Referral] = scope["build"]
    return build


_build_referral = _referral_builder()


# -- CSV cells ------------------------------------------------------------------------------
Convert = Callable[[str], Any]
#: Reads a contract or prescription from the row's cells (None when none is filled).
GroupConvert = Callable[[Sequence[str]], Any]
#: The workflow's dated steps of a row, after the request.
Steps = Sequence[tuple[ReferralStatus, dt.datetime]]
#: Reads one row's cells into its referral and steps (RecordProblem for a bad row).
RowReader = Callable[[Sequence[str]], tuple[Referral, Steps]]
_BOOLEANS = {"true": True, "false": False}


class _Cells(dict[str, Any]):
    """The values a column's cells may hold, looked up in one call: a cell that is none of
    them is read by ``other`` (which raises RecordProblem for a bad one)."""

    def __init__(self, values: dict[str, Any], other: Callable[[str], Any]) -> None:
        super().__init__(values)
        self._other = other

    def __missing__(self, text: str) -> Any:
        return self._other(text)


def _boolean(column: str) -> Convert:
    def convert(text: str) -> bool:
        found = _BOOLEANS.get(text.lower())
        if found is None:
            raise RecordProblem(f"{column}: expected true or false")
        return found

    # true and false as written, in one dict lookup (a third of a row's cells are flags);
    # any other case goes through lower().
    return _Cells(_BOOLEANS, convert).__getitem__


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

    def refuse(text: str) -> enum.Enum:
        raise RecordProblem(f"{column}: invalid value, expected {expected}")

    return _Cells(by_value, refuse).__getitem__


def _target(annotation: Any) -> Any:
    """The type a field holds when it holds a value (``X`` of ``X | None``)."""
    return next((a for a in typing.get_args(annotation) if a is not type(None)), annotation)


def _reader_of(column: str, annotation: Any) -> Convert | None:
    """How a cell of ``column`` is read; None: the text as it is."""
    if column in _BOOL_COLUMNS:
        return _boolean(column)
    if column in _INT_COLUMNS:
        return _whole(column)
    target = _target(annotation)
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
        # (index among Referral's fields, position or -1 for a group read from several
        # cells, reader, required)
        self._fields: list[tuple[int, int, Any, bool]] = []
        for index, field in enumerate(_ATTRIBUTES):
            if field.name in _GROUPS:
                parts = [
                    (sub, position[column], _reader_of(column, str))
                    for column, (group, sub) in _FLAT.items()
                    if group == field.name and column in position
                ]
                if parts:
                    group = _group_reader(field.name, _GROUPS[field.name], parts)
                    self._fields.append((index, -1, group, False))
            elif field.name in position:
                read = _reader_of(field.name, hints[field.name])
                required = field.default is attrs.NOTHING
                self._fields.append((index, position[field.name], read, required))
        self._steps = [
            (position[key], status, _time(key)) for key, status in EVENT_KEYS.items() if key in position
        ]
        self._build = _build_referral
        self._read: RowReader = self._read_fields
        if any(name not in position for name in REQUIRED_COLUMNS):
            # Only a header csv_header refused lacks one: the class itself says what is missing.
            self._build = lambda values: Referral(
                **{n: v for n, v in zip(_REFERRAL_FIELDS, values, strict=True) if v is not attrs.NOTHING}
            )
        elif _plain_referral():
            self._read = self._reader()

    def _read_fields(
        self, texts: Sequence[str]
    ) -> tuple[Referral, Sequence[tuple[ReferralStatus, dt.datetime]]]:
        """The referral and the workflow's dated steps of one row's cells, field by field
        (RecordProblem if bad): the fields in order, then the steps, then the model's checks."""
        values = list(_DEFAULTS)
        for index, position, read, required in self._fields:
            if position < 0:
                group = read(texts)
                if group is not None:
                    values[index] = group
                continue
            text = texts[position]
            if text:
                values[index] = text if read is None else read(text)
            elif required:
                raise RecordProblem(f"{_REFERRAL_FIELDS[index]}: required field missing")
        steps: list[tuple[ReferralStatus, dt.datetime]] = []
        for position, status, read in self._steps:
            text = texts[position]
            if text:
                steps.append((status, read(text)))
        try:
            # Every required field is in the header (csv_header) and was filled above.
            return self._build(values), steps
        except (ValueError, TypeError) as exc:
            # The model's own checks (a referral to itself): their messages name no value.
            raise RecordProblem(str(exc)) from None

    def _reader(
        self,
    ) -> Callable[[Sequence[str]], tuple[Referral, Sequence[tuple[ReferralStatus, dt.datetime]]]]:
        """:meth:`_read_fields` for this header as one generated function: each cell's
        position and reader written in, each slot set as its cell is read (as
        :func:`_referral_builder`), a field whose column is absent set to its default. The
        same referral or the same problem (fields in order, the first problem raised)."""
        scope: dict[str, Any] = {
            "new": object.__new__,
            "Draft": _Draft,
            "cls": Referral,
            "Problem": RecordProblem,
        }
        scope["post_init"] = Referral.__attrs_post_init__
        scope["fromisoformat"] = dt.datetime.fromisoformat
        hints = typing.get_type_hints(Referral)
        lines = ["def read(texts):", "    referral = new(Draft)"]
        given = {index: (position, read, required) for index, position, read, required in self._fields}
        for index, name in enumerate(_REFERRAL_FIELDS):
            scope[f"default_{index}"] = _DEFAULTS[index]
            if index not in given:
                lines.append(f"    referral.{name} = default_{index}")
                continue
            position, read, required = given[index]
            scope[f"read_{index}"] = read
            if position < 0:  # a group read from several cells: None when none is filled
                lines += [
                    f"    value = read_{index}(texts)",
                    f"    referral.{name} = default_{index} if value is None else value",
                ]
                continue
            value = "text" if read is None else f"read_{index}(text)"
            lines.append(f"    text = texts[{position}]")
            if required and _target(hints[name]) is dt.datetime and name not in _BOOL_COLUMNS | _INT_COLUMNS:
                # The time, read here as _time reads it (a call of it less for each row).
                scope[f"missing_{index}"] = f"{name}: required field missing"
                scope[f"invalid_{index}"] = f"{name}: invalid value, expected {EXPECTED_TIME}"
                lines += [
                    "    if not text:",
                    f"        raise Problem(missing_{index})",
                    "    try:",
                    f"        referral.{name} = fromisoformat(text)",
                    "    except ValueError:",
                    f"        raise Problem(invalid_{index}) from None",
                ]
                continue
            if required:
                scope[f"missing_{index}"] = f"{name}: required field missing"
                lines += [
                    "    if not text:",
                    f"        raise Problem(missing_{index})",
                    f"    referral.{name} = {value}",
                ]
            else:
                lines.append(f"    referral.{name} = {value} if text else default_{index}")
        # The workflow's dated steps after the fields, and the model's checks last.
        lines.append("    steps = []" if self._steps else "    steps = ()")
        for k, (position, status, read) in enumerate(self._steps):
            scope[f"status_{k}"], scope[f"step_{k}"] = status, read
            lines += [
                f"    text = texts[{position}]",
                "    if text:",
                f"        steps.append((status_{k}, step_{k}(text)))",
            ]
        lines += [
            "    referral.__class__ = cls",  # every slot set: the draft is a Referral now
            "    try:",
            "        post_init(referral)",
            "    except (ValueError, TypeError) as exc:",
            "        raise Problem(str(exc)) from None",  # the model's own checks: no value named
            "    return referral, steps",
        ]
        exec("\n".join(lines), scope)
        reader: RowReader = scope["read"]
        return reader

    def parse(
        self,
        texts: Sequence[str],
        network: Network | None,
        limit: dt.datetime,
        joined: str | None = None,
        known: Container[str] | None = None,
    ) -> tuple[Referral, Any]:
        """The referral and workflow of one row's stripped cells (RecordProblem if bad).
        ``joined``: the cells joined with commas, when the caller has it already;
        ``known``: the network's institution ids (see :func:`complete`)."""
        # One look at the whole row first: most rows hold no long run of digits at all.
        # The cells are joined with a character that breaks a run (neither a digit nor a
        # separator inside a number), so a number is found exactly when one cell holds it.
        if joined is None:
            joined = ",".join(texts)
        if personal_number(joined) is not None:
            self.refuse_personal_number(texts)
        referral, steps = self._read(texts)
        return complete(referral, steps, network, limit, known)

    def refuse_personal_number(self, texts: Sequence[str]) -> None:
        """Raise the RecordProblem of the first cell holding a personal number, if one does."""
        for column, text in zip(self.header, texts, strict=True):
            kind = personal_number(text)
            if kind is not None:
                raise personal_number_problem(column, kind)


def csv_header(source: str, reader: Any) -> list[str]:
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


#: Rows between two calls of csv_rows' ``tick`` (a progress count; a call is not free).
TICK_ROWS = 1024


def csv_rows(
    source: str,
    reader: Any,
    network: Network | None,
    now: dt.datetime,
    *,
    header: list[str] | None = None,
    shift: int = 0,
    required: bool = False,
    file: IO[Any] | None = None,
    undecodable: Callable[[], Exception] | None = None,
    tick: Callable[[], None] | None = None,
) -> Iterator[RecordResult]:
    """Each record of the rows of ``reader`` (a :func:`csv.reader`), good or bad.

    One generator does what the file's readers would otherwise wrap around it, each a
    generator resumed for every row: ``header``, when the caller has read it already
    (with :func:`csv_header`, so that a bad header is an error at once); ``shift``: lines
    the reader has not seen before its rows (a part of a file, numbered as in the whole
    file: not after the header, which is its first line); ``required``: a
    file with no record is an InputError at its end; ``file`` is closed when the rows end
    (or fail); ``undecodable`` makes the exception raised for text that is not UTF-8;
    ``tick`` is called every :data:`TICK_ROWS` rows (a progress count)."""
    try:
        if header is None:
            header = csv_header(source, reader)
        width = len(header)
        columns = CsvColumns(header)
        # What parse() does, step by step here (three calls less for each row).
        read, refuse = columns._read, columns.refuse_personal_number
        known = None if network is None else institution_ids(network)
        new, drafts = object.__new__, _RECORD_DRAFTS
        strip = str.strip
        start = reader.line_num + shift + 1
        empty = True
        rows, every = 0, TICK_ROWS
        while True:
            try:
                # One loop over the reader for every row; it is left only when a row is not CSV.
                for cells in reader:
                    rows += 1
                    if rows == every:
                        rows = 0
                        if tick is not None:
                            tick()
                    line = reader.line_num + shift
                    if len(cells) != width:
                        start = line + 1
                        if not any(c.strip() for c in cells):
                            continue  # a blank line
                        # A cell too few or too many is refused: a lost or extra separator
                        # shifts the cells into the wrong columns (a patient key in the id or
                        # institution column), so the row shows none of its values, not even its id.
                        empty = False
                        if len(cells) > width:
                            yield RecordError(line, None, "more cells than header columns")
                        else:
                            yield RecordError(
                                line, None, f"{len(cells)} cells where the header has {width} columns"
                            )
                        continue
                    start = line + 1
                    # The row's cells joined once, for two looks: a row with no whitespace
                    # needs no stripping (str.split splits on exactly the characters str.strip
                    # removes, so the row is its only part; one pass in C, where isprintable
                    # looked each character up), and the joined row is what is scanned for
                    # personal numbers (the comma breaks a run of digits).
                    joined = ",".join(cells)
                    if joined.split() != [joined]:
                        texts = list(map(strip, cells))
                        joined = ",".join(texts)
                    else:
                        texts = cells
                    if not any(texts):
                        continue
                    empty = False
                    try:
                        if personal_number(joined) is not None:
                            refuse(texts)
                        referral, steps = read(texts)
                        time = referral.time
                        # complete() where it has anything to do; where it has not (no
                        # offset, no steps, both institutions known, not in the future), it
                        # would give back the referral and no workflow.
                        if (
                            steps
                            or known is None
                            or time.tzinfo is not None
                            or time > now
                            or referral.from_institution not in known
                            or referral.to_institution not in known
                        ):
                            referral, workflow = complete(referral, steps, network, now, known)
                        else:
                            workflow = None
                    except RecordProblem as exc:
                        row = dict(zip(header, texts, strict=True))
                        yield RecordError(line, showable_id(row), withheld(str(exc), row))
                        continue
                    if drafts:  # as the referral itself: plain stores, then the class
                        record: Any = new(_RecordDraft)
                        record.line, record.referral, record.workflow = line, referral, workflow
                        record.__class__ = ReferralRecord
                        yield record
                    else:
                        yield ReferralRecord(line, referral, workflow)
                break
            except csv.Error as exc:
                empty = False
                if str(exc) == "unexpected end of data":
                    yield RecordError(
                        start, None, "unterminated quote: the record runs to the end of the file"
                    )
                    break
                yield RecordError(reader.line_num + shift, None, f"unreadable CSV: {exc}")
                start = reader.line_num + shift + 1
        if empty and required:
            # A batch of nothing is checked as nothing and would pass: say so instead.
            raise InputError(source, "", "no referral records (the file has no record after its header)")
    except UnicodeDecodeError:
        if undecodable is None:
            raise
        raise undecodable() from None
    finally:
        if file is not None:
            file.close()


__all__ = ["CSV_COLUMNS", "REQUIRED_COLUMNS", "TICK_ROWS", "CsvColumns", "csv_header", "csv_rows"]
