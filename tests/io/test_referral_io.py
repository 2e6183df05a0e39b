"""Reading referral files: CSV, JSON Lines and JSON; one error per bad record with its line."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from referral_support import DISGUISED_NUMBERS, NOW, csv_file, jsonl_file

from medconsortium import ClinicalPhase, Contract, InputError, Network, Prescription, Referral
from medconsortium.io import referral_record
from medconsortium.io.referral_io import CSV_COLUMNS, naive_china_time, parse_record, read_referrals
from medconsortium.model.records import RecordError, ReferralRecord
from medconsortium.model.workflow import ReferralStatus

HEADER = "id,patient,from_institution,to_institution,time"


def good(results: Sequence[object]) -> list[ReferralRecord]:
    return [r for r in results if isinstance(r, ReferralRecord)]


def bad(results: Sequence[object]) -> list[tuple[int, str]]:
    return [(r.line, r.message) for r in results if isinstance(r, RecordError)]


def test_csv_with_every_column(tmp_path: Path, net: Network) -> None:
    header = (
        "id,patient,from_institution,to_institution,time,reason,phase,critical,specialty,"
        "contract_primary,contract_secondary,contract_tertiary,pooling_area,prescription_days,"
        "prescription_conditions_met,priority,patient_choice,out_of_area_indication,reserved_resource,"
        "accepted,accepted_at,rejected_at,arrived_at,completed_at,cancelled_at"
    )
    assert set(header.split(",")) == CSV_COLUMNS
    path = csv_file(
        tmp_path / "r.csv",
        header,
        "r-1,pk-1,ch,thc,2024-03-01T09:00,康复,postoperative_recovery,false,骨科,thc,ch,th,320612,56,"
        "true,,TRUE,,false,,2024-03-01T10:00,,2024-03-02T09:00,2024-03-09T09:00,",
    )
    (record,) = list(read_referrals(path, net, NOW))
    assert isinstance(record, ReferralRecord) and record.line == 2
    r = record.referral
    assert (r.id, r.patient, r.from_institution, r.to_institution) == ("r-1", "pk-1", "ch", "thc")
    assert r.time == dt.datetime(2024, 3, 1, 9)
    assert r.phase is ClinicalPhase.POSTOPERATIVE_RECOVERY and r.critical is False
    assert r.contract == Contract("thc", "ch", "th")
    assert r.prescription == Prescription(56, True)
    assert (r.priority, r.patient_choice, r.out_of_area_indication, r.reserved_resource) == (
        None,
        True,
        None,
        False,
    )
    assert r.reason == "康复" and r.specialty == "骨科" and r.pooling_area == "320612"
    assert r.accepted is True  # from accepted_at: the column was empty
    assert record.workflow is not None and record.workflow.status is ReferralStatus.COMPLETED
    assert [e.status.value for e in record.workflow.history] == [
        "requested",
        "accepted",
        "arrived",
        "completed",
    ]


def test_jsonl_nested_and_json_single(tmp_path: Path, net: Network) -> None:
    record = {
        "id": "r-1",
        "patient": "pk-1",
        "from_institution": "thc",
        "to_institution": "ch",
        "time": "2024-03-01T09:00:00+08:00",
        "contract": {"primary": "thc"},
        "prescription": {"days": 30},
        "rejected_at": "2024-03-01T09:30:00+08:00",
    }
    (from_jsonl,) = list(read_referrals(jsonl_file(tmp_path / "r.jsonl", ["", record, "  "]), net, NOW))
    assert isinstance(from_jsonl, ReferralRecord) and from_jsonl.line == 2
    assert from_jsonl.referral.contract == Contract("thc")
    assert from_jsonl.workflow is not None and from_jsonl.workflow.status is ReferralStatus.REJECTED
    assert from_jsonl.referral.accepted is False
    (tmp_path / "one.json").write_text(json.dumps(record), encoding="utf-8")
    (from_json,) = list(read_referrals(tmp_path / "one.json", net, NOW))
    assert isinstance(from_json, ReferralRecord) and from_json.referral == from_jsonl.referral
    (tmp_path / "two.json").write_text(json.dumps([record, {**record, "id": "r-2"}]), encoding="utf-8")
    assert [r.line for r in read_referrals(tmp_path / "two.json", net, NOW)] == [1, 2]


BAD_HEADER = HEADER + ",phase,accepted_at,priority,arrived_at"


def full(row: str, width: int = len(BAD_HEADER.split(","))) -> str:
    """The row with empty cells added up to the header's width."""
    return row + "," * (width - len(row.split(",")))


BAD_ROWS = [
    (full("r-2,110105194912310021,thc,ch,2024-03-01T09:00"), "patient: looks like a resident ID number"),
    (full("11010519491231002X,pk-3,thc,ch,2024-03-01T09:00"), "id: looks like a resident ID number"),
    (full("r-4,pk-4,thc,nowhere,2024-03-01T09:00"), "to_institution: unknown institution 'nowhere'"),
    (full("r-5,pk-5,elsewhere,ch,2024-03-01T09:00"), "from_institution: unknown institution 'elsewhere'"),
    (full("r-6,pk-6,thc,thc,2024-03-01T09:00"), "a referral cannot go from an institution to itself"),
    (full("r-7,pk-7,thc,ch,2025-07-01T00:00"), "time: 2025-07-01T00:00:00 is in the future"),
    (full("r-8,pk-8,thc,ch,2024-02-30T09:00"), "time: invalid value, expected a date and time"),
    (full("r-9,pk-9,thc,ch,2024-03-01T09:00,bogus"), "phase: invalid value, expected one of acute_recovery"),
    (full("r-10,pk-10,thc,ch,2024-03-01T09:00,,2024-03-01T08:00"), "workflow out of order: 'accepted' at"),
    (full("r-11,pk-11,thc,ch,2024-03-01T09:00,,,yes"), "priority: expected true or false"),
    (full("r-12,pk-12,thc,ch"), "time: required field missing"),
    ("r-13,pk-13,thc,ch,2024-03-01T09:00,,,,,extra", "more cells than header columns"),
    (
        "r-14,pk-14,thc,ch,2024-03-01T09:00,,2024-03-01T10:00,,2025-12-01T00:00",
        "arrived_at: 2025-12-01T00:00:00 is in the future",
    ),
    # A row short of cells may have lost a separator, so that its cells sit in the wrong
    # columns: refused, and none of its values shown (not even its id).
    ("r-15,pk-15,thc,ch,2024-03-01T09:00", "5 cells where the header has 9 columns"),
    ("r-16,pk-16,thc,ch,2024-03-01T09:00,,,", "8 cells where the header has 9 columns"),
]


def test_each_bad_csv_record_is_reported_with_its_line_and_good_ones_still_read(
    tmp_path: Path, net: Network
) -> None:
    rows = [full("r-1,pk-1,thc,ch,2024-03-01T09:00")]
    for row, _ in BAD_ROWS:
        rows.append(row)
    rows.append(full("r-99,pk-99,ch,thc,2024-03-01T09:00"))
    path = csv_file(tmp_path / "r.csv", BAD_HEADER, *rows)
    results = list(read_referrals(path, net, NOW))
    assert [r.referral.id for r in good(results)] == ["r-1", "r-99"]
    errors = bad(results)
    assert [line for line, _ in errors] == list(range(3, 3 + len(BAD_ROWS)))
    for (_, message), (_, expected) in zip(errors, BAD_ROWS, strict=True):
        assert message.startswith(expected), message
    assert len(results) == len(BAD_ROWS) + 2  # nothing dropped


def test_a_row_with_a_cell_too_few_or_too_many_shows_none_of_its_values(tmp_path: Path, net: Network) -> None:
    # A lost separator: the patient key has moved into the institution column.
    rows = ["r-1;pk-secret,thc,ch,2024-03-01T09:00", "r-2,pk-2,thc,ch,x,y"]
    path = csv_file(tmp_path / "r.csv", HEADER, *rows)
    short, long = list(read_referrals(path, net, NOW))
    assert isinstance(short, RecordError) and isinstance(long, RecordError)
    assert (short.referral, str(short)) == (None, "line 2: 4 cells where the header has 5 columns")
    assert (long.referral, str(long)) == (None, "line 3: more cells than header columns")


def test_blank_lines_are_no_records(tmp_path: Path, net: Network) -> None:
    path = csv_file(tmp_path / "r.csv", HEADER, "", ",,,,", "r-1,pk-1,thc,ch,2024-03-01T09:00", " , ")
    assert [r.line for r in read_referrals(path, net, NOW)] == [4]


def test_a_csv_row_and_its_json_record_give_the_same_referral_or_the_same_problem(
    tmp_path: Path, net: Network
) -> None:
    # The CSV reader converts cells itself (columns resolved once); the JSON readers go
    # through the converter. Both must agree, value for value and message for message.
    rows = [full("r-1,pk-1,thc,ch,2024-03-01T09:00,chronic_stable,2024-03-01T10:00,true,")]
    rows += [row for row, _ in BAD_ROWS if len(row.split(",")) == len(BAD_HEADER.split(","))]
    path = csv_file(tmp_path / "r.csv", BAD_HEADER, *rows)
    columns = BAD_HEADER.split(",")
    records = []
    for row in rows:
        record: dict[str, object] = {}
        for column, cell in zip(columns, row.split(","), strict=True):
            if cell:
                flag = {"true": True, "false": False}.get(cell, cell)
                record[column] = flag if column == "priority" else cell
        records.append(record)
    jsonl = jsonl_file(tmp_path / "r.jsonl", records)
    from_csv, from_json = list(read_referrals(path, net, NOW)), list(read_referrals(jsonl, net, NOW))
    assert len(from_csv) == len(from_json) == len(rows)
    for one, other in zip(from_csv, from_json, strict=True):
        if isinstance(one, ReferralRecord):
            assert isinstance(other, ReferralRecord)
            assert (one.referral, one.workflow) == (other.referral, other.workflow)
        else:
            assert isinstance(other, RecordError), one
            assert one.message.split(":")[0] == other.message.split(":")[0], (one, other)


def test_error_records_carry_the_referral_id_unless_it_is_unsafe(tmp_path: Path, net: Network) -> None:
    path = csv_file(tmp_path / "r.csv", BAD_HEADER, BAD_ROWS[1][0], BAD_ROWS[2][0])
    first, second = list(read_referrals(path, net, NOW))
    assert isinstance(first, RecordError) and first.referral is None
    assert isinstance(second, RecordError) and second.referral == "r-4"
    assert str(second) == "line 3: to_institution: unknown institution 'nowhere'"


def test_bad_jsonl_lines(tmp_path: Path, net: Network) -> None:
    ok = {
        "id": "r-1",
        "patient": "pk-1",
        "from_institution": "thc",
        "to_institution": "ch",
        "time": "2024-03-01T09:00",
    }
    path = jsonl_file(
        tmp_path / "r.jsonl",
        [
            ok,
            "{not json",
            "[1, 2]",
            {**ok, "zzz": 1},
            {**ok, "patient": 110105194912310021},
            {**ok, "phase": "later"},
            ok,
        ],
    )
    results = list(read_referrals(path, net, NOW))
    assert [r.line for r in good(results)] == [1, 7]
    assert [(line, msg.split(":")[0]) for line, msg in bad(results)] == [
        (2, "invalid JSON"),
        (3, "expected an object, got list"),
        (4, "unknown key zzz"),
        (5, "patient"),
        (6, "phase"),
    ]


@pytest.mark.parametrize(
    ("answer", "steps", "expected"),
    [
        ("true", ",,", True),
        ("false", ",,", False),
        ("", ",,", None),
        ("", ",,2024-03-01T11:00", None),  # cancelled before any answer: not recorded
        ("true", "2024-03-01T10:00,,", True),
        ("false", ",2024-03-01T10:00,", False),
        ("", ",2024-03-01T10:00,", False),
        ("", "2024-03-01T10:00,,2024-03-01T11:00", True),  # accepted, then cancelled
    ],
)
def test_the_receivers_answer_from_the_column_or_the_dated_steps(
    tmp_path: Path, net: Network, answer: str, steps: str, expected: bool | None
) -> None:
    path = csv_file(
        tmp_path / "r.csv",
        HEADER + ",accepted,accepted_at,rejected_at,cancelled_at",
        f"r-1,pk-1,thc,ch,2024-03-01T09:00,{answer},{steps}",
    )
    (record,) = good(list(read_referrals(path, net, NOW)))
    assert record.referral.accepted is expected


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"accepted": False, "accepted_at": "2024-03-01T10:00"}, "accepted: false contradicts accepted_at"),
        ({"accepted": True, "rejected_at": "2024-03-01T10:00"}, "accepted: true contradicts rejected_at"),
        ({"accepted": "yes"}, "accepted: invalid value, expected true or false"),
    ],
)
def test_an_answer_that_contradicts_the_steps_is_a_record_error(
    tmp_path: Path, net: Network, record: dict[str, object], message: str
) -> None:
    base = {"id": "r-1", "patient": "pk-1", "from_institution": "thc", "to_institution": "ch"}
    path = jsonl_file(tmp_path / "r.jsonl", [{**base, "time": "2024-03-01T09:00", **record}])
    assert bad(list(read_referrals(path, net, NOW))) == [(1, message)]


def test_times_with_an_offset_are_compared_in_china_time(net: Network) -> None:
    base = {"id": "r-1", "patient": "pk-1", "from_institution": "thc", "to_institution": "ch"}
    # 04:30 UTC is 12:30 in China, after NOW (12:00): in the future.
    with pytest.raises(ValueError, match="in the future"):
        parse_record({**base, "time": "2025-06-30T04:30:00+00:00"}, net, NOW)
    referral, _ = parse_record({**base, "time": "2025-06-30T03:30:00+00:00"}, net, NOW)
    assert naive_china_time(referral.time) == dt.datetime(2025, 6, 30, 11, 30)
    # The day rules and the ledger see is the day in China.
    late, _ = parse_record({**base, "time": "2024-12-31T20:00:00+00:00"}, net, NOW)
    assert (late.time.date(), late.time.year) == (dt.date(2025, 1, 1), 2025)
    assert late.time.utcoffset() == dt.timedelta(hours=8)


@settings(max_examples=100, deadline=None)
@given(
    name=st.sampled_from(["time", "accepted"]),
    hours=st.integers(-12, 14),
    accepted=st.sampled_from([True, False, None]),
    phase=st.sampled_from([None, *ClinicalPhase]),
)
def test_a_referral_at_another_time_or_answered_is_the_one_evolve_gives(
    name: str, hours: int, accepted: bool | None, phase: ClinicalPhase | None
) -> None:
    # complete() copies a referral slot by slot for its time in China and its answer.
    zone = dt.timezone(dt.timedelta(hours=hours))
    referral = Referral("r-1", "pk-1", "thc", "ch", dt.datetime(2024, 12, 31, 20, tzinfo=zone), phase=phase)
    value = referral.time.astimezone(referral_record.CHINA_TZ) if name == "time" else accepted
    replace = referral_record._at_time if name == "time" else referral_record._answered_as
    copied = replace(referral, value)
    assert copied == attrs.evolve(referral, **{name: value})
    assert type(copied) is Referral
    assert getattr(copied, name) is value


def test_without_network_institutions_are_not_resolved() -> None:
    referral, workflow = parse_record(
        {
            "id": "r-1",
            "patient": "pk-1",
            "from_institution": "a",
            "to_institution": "b",
            "time": "2024-01-01T00:00",
        },
        None,
        NOW,
    )
    assert referral.to_institution == "b" and workflow is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("r.txt", "x", "unsupported file type '.txt'"),
        ("r.csv", "", "line 1: empty CSV file"),
        ("r.csv", "id,patient,colour\n", "line 1: unknown column 'colour'"),
        ("r.csv", "id,patient,id\n", "line 1: column 'id' appears twice"),
        ("r.csv", "id,,patient\n", "line 1: a column has no name"),
        ("r.json", "{", "line 1: invalid JSON"),
    ],
)
def test_problems_with_the_whole_file(
    tmp_path: Path, net: Network, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        list(read_referrals(path, net, NOW))


def test_missing_file_fails_at_once(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_referrals(tmp_path / "none.csv")


def test_not_utf8_is_an_input_error(tmp_path: Path, net: Network) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes((HEADER + "\n").encode() + "r-1,病人,thc,ch,2024-03-01T09:00\n".encode("gb18030"))
    with pytest.raises(InputError, match="line 2: not UTF-8"):
        list(read_referrals(path, net, NOW))


def test_reading_is_lazy(tmp_path: Path, net: Network) -> None:
    # The first record comes before the rest of the file is even looked at: a broken
    # tail does not stop it, it is a later record error.
    path = csv_file(tmp_path / "r.csv", HEADER, "r-1,pk-1,thc,ch,2024-03-01T09:00", "r-2,pk-2,thc,ch,garbage")
    results = read_referrals(path, net, NOW)
    first = next(results)
    assert isinstance(first, ReferralRecord)
    assert isinstance(next(results), RecordError)
    assert next(results, None) is None


def test_a_stream_read_by_a_for_loop_and_by_next_gives_the_same_records(tmp_path: Path, net: Network) -> None:
    # A for loop runs the reader's generator itself (RecordStream.__iter__), next() goes
    # through the stream: the same records, in order, from wherever the other left off.
    rows = [f"r-{k},pk-{k},thc,ch,2024-03-01T09:00" for k in range(5)]
    path = csv_file(tmp_path / "r.csv", HEADER, *rows)
    results = read_referrals(path, net, NOW)
    first = next(results)
    rest = [r for r in results]
    assert [r.referral.id for r in good([first, *rest])] == [f"r-{k}" for k in range(5)]
    assert next(results, None) is None


def test_csv_rows_tick_every_so_many_rows_and_count_lines_from_a_shift(net: Network) -> None:
    import csv
    import io

    from medconsortium.io.referral_csv import TICK_ROWS, csv_rows

    rows = [f"r-{k},pk-{k},thc,ch,2024-03-01T09:00" for k in range(2 * TICK_ROWS + 3)]
    ticks: list[int] = []
    reader = csv.reader(io.StringIO("\n".join([HEADER, *rows, "r-x,pk-x,thc,nowhere,2024-03-01T09:00"])))
    results = list(csv_rows("r.csv", reader, net, NOW, shift=100, tick=lambda: ticks.append(len(ticks))))
    assert ticks == [0, 1]
    assert [r.line for r in results[:2]] == [102, 103]
    assert bad(results) == [(2 * TICK_ROWS + 105, "to_institution: unknown institution 'nowhere'")]


# A row is stripped only when it holds whitespace; the joined row is scanned for personal
# numbers. Both directions of each: padded and plain rows read alike, and a personal number
# is caught in any column, padded or not, in every disguise.
PADDING = ["", " ", "\t", "\u3000", "\xa0", "\u2002", "\x0b", "\x1c", "\x85"]


@pytest.mark.parametrize("pad", PADDING)
def test_csv_cells_read_alike_with_or_without_whitespace_around_them(
    tmp_path: Path, net: Network, pad: str
) -> None:
    cells = ["r-1", "pk-1", "ch", "thc", "2024-03-01T09:00", "acute", "true"]
    header = HEADER + ",phase,critical"
    plain = read_referrals(csv_file(tmp_path / "plain.csv", header, ",".join(cells)), net, NOW)
    padded_row = ",".join(f"{pad}{c}{pad}" for c in cells)
    padded = read_referrals(csv_file(tmp_path / "padded.csv", header, padded_row), net, NOW)
    (one,), (other,) = good(list(plain)), good(list(padded))
    assert one.referral == other.referral
    assert one.referral.phase is ClinicalPhase.ACUTE and one.referral.critical is True
    # A row of whitespace only is a blank line, skipped.
    blank = ",".join(pad or " " for _ in cells)
    results = list(read_referrals(csv_file(tmp_path / "b.csv", header, blank, ",".join(cells)), net, NOW))
    assert [r.line for r in good(results)] == [3] and not bad(results)


def test_a_row_is_stripped_exactly_when_it_holds_a_character_strip_removes() -> None:
    # The CSV reader strips a row's cells when str.split finds whitespace in the row: the
    # same characters as str.strip's, every one of them.
    import sys

    chars = map(chr, range(sys.maxunicode + 1))
    assert {c for c in chars if ("a" + c + "b").split() != ["a" + c + "b"]} == {
        c for c in map(chr, range(sys.maxunicode + 1)) if (c + "x" + c).strip() == "x"
    }


PERSONAL = DISGUISED_NUMBERS


@pytest.mark.parametrize("pad", ["", " ", "\u3000"])
@pytest.mark.parametrize("column", ["id", "patient", "from_institution", "reason"])
@pytest.mark.parametrize("number", PERSONAL)
def test_a_personal_number_is_caught_in_any_column_padded_or_not(
    tmp_path: Path, net: Network, number: str, column: str, pad: str
) -> None:
    header = HEADER + ",reason"
    cells = {"id": "r-1", "patient": "pk-1", "from_institution": "ch", "to_institution": "thc"}
    cells |= {"time": "2024-03-01T09:00", "reason": "康复"}
    cells[column] = f"{pad}{number}{pad}"
    row = ",".join(json.dumps(v, ensure_ascii=False) if "," in v else v for v in cells.values())
    ((line, message),) = bad(list(read_referrals(csv_file(tmp_path / "r.csv", header, row), net, NOW)))
    assert line == 2 and message.startswith(f"{column}: looks like a")
    assert number not in message and number.replace(" ", "") not in message


def test_digits_split_across_cells_are_no_personal_number(tmp_path: Path, net: Network) -> None:
    # Eleven digits in a row only once the cells are joined: no cell holds a number.
    path = csv_file(
        tmp_path / "r.csv", HEADER + ",reason,specialty", "r-1,pk-1,ch,thc,2024-03-01T09:00,138123,45678"
    )
    (record,) = good(list(read_referrals(path, net, NOW)))
    assert record.referral.reason == "138123"


# -- the row reader generated per header --------------------------------------------------
_CELLS = {
    # column: (a good value, a bad one); every column may also be empty
    "id": ("r-1", None),
    "patient": ("pk-1", None),
    "from_institution": ("thc", None),
    "to_institution": ("ch", None),
    "time": ("2024-03-01T09:00", "yesterday"),
    "reason": ("follow-up", None),
    "phase": ("chronic_stable", "later"),
    "critical": ("TRUE", "yes"),
    "priority": ("false", "0"),
    "contract_primary": ("thc", None),
    "contract_secondary": ("ch", None),
    "prescription_days": ("60", "sixty"),
    "prescription_conditions_met": ("true", "maybe"),
    "accepted_at": ("2024-03-01T10:00", "soon"),
    "cancelled_at": ("2024-03-01T11:00", "never"),
    "accepted": ("true", "y"),
}


def _outcome(read: object, cells: list[str]) -> object:
    from medconsortium.io.referral_record import RecordProblem

    try:
        return read(cells)  # type: ignore[operator]
    except RecordProblem as exc:
        return f"problem: {exc}"


@pytest.mark.parametrize("order", [list(_CELLS), list(reversed(_CELLS)), ["time", "to_institution", "patient",
                                   "from_institution", "id", "accepted_at", "phase"]])  # fmt: skip
def test_the_row_reader_made_for_a_header_reads_as_the_field_by_field_one(order: list[str]) -> None:
    import random

    from medconsortium.io.referral_csv import CsvColumns

    columns = CsvColumns(order)
    assert columns._read != columns._read_fields  # generated for this header
    rng = random.Random(len(order))
    seen: set[str] = set()
    for _ in range(3000):
        cells = []
        for column in order:
            value, wrong = _CELLS[column]
            roll = rng.random()
            cells.append("" if roll < 0.2 else wrong if wrong is not None and roll < 0.3 else value)
        if rng.random() < 0.1:  # a referral to itself, which the model refuses
            cells[order.index("to_institution")] = cells[order.index("from_institution")]
        expected = _outcome(columns._read_fields, cells)
        assert _outcome(columns._read, cells) == expected, cells
        seen.add(expected.split(":")[1] if isinstance(expected, str) else "read")
    assert "read" in seen and len(seen) > 6, seen


def test_a_header_without_a_required_column_reads_field_by_field() -> None:
    from medconsortium.io.referral_csv import CsvColumns
    from medconsortium.io.referral_record import RecordProblem

    columns = CsvColumns(["id", "patient", "from_institution", "time"])  # no to_institution
    assert columns._read == columns._read_fields
    with pytest.raises(RecordProblem, match="missing 1 required positional argument: 'to_institution'"):
        columns.parse(["r-1", "pk-1", "thc", "2024-03-01T09:00"], None, NOW)


def test_the_generated_readers_give_referrals_of_the_class_itself() -> None:
    # The readers fill a draft's slots and then make it a Referral: what they give must be
    # the frozen class itself, equal to what the class builds from the same values.
    import attrs

    from medconsortium import Referral
    from medconsortium.io.referral_csv import _DEFAULTS, CsvColumns, _build_referral

    columns = CsvColumns(list(_CELLS))
    assert columns._read != columns._read_fields
    cells = [_CELLS[column][0] for column in _CELLS]
    cells[list(_CELLS).index("accepted_at")] = cells[list(_CELLS).index("cancelled_at")] = ""
    for referral in (columns._read(cells)[0], columns._read_fields(cells)[0]):
        assert type(referral) is Referral
        assert referral == Referral(**attrs.asdict(referral, recurse=False))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            referral.id = "r-2"  # type: ignore[misc]
    values: tuple[Any, ...] = ("r-1", "pk-1", "thc", "ch", dt.datetime(2024, 3, 1, 9), *_DEFAULTS[5:])
    built = _build_referral(values)
    assert type(built) is Referral and built == Referral(*values)
    with pytest.raises(ValueError, match="itself"):
        _build_referral(("r-1", "pk-1", "thc", "thc", dt.datetime(2024, 3, 1, 9), *_DEFAULTS[5:]))


def test_without_drafts_that_become_referrals_the_class_builds_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # Where a draft's class cannot be set to Referral (another layout), the readers are the
    # field loop and the class's own constructor, which read the same.
    from medconsortium import Referral
    from medconsortium.io import referral_csv

    monkeypatch.setattr(referral_csv, "_drafts_become_referrals", lambda: False)
    columns = referral_csv.CsvColumns(list(_CELLS))
    assert columns._read == columns._read_fields
    values: tuple[Any, ...] = (
        "r-1",
        "pk-1",
        "thc",
        "ch",
        dt.datetime(2024, 3, 1, 9),
        *referral_csv._DEFAULTS[5:],
    )
    assert referral_csv._referral_builder()(values) == Referral(*values)
    cells = [_CELLS[column][0] for column in _CELLS]
    cells[list(_CELLS).index("accepted_at")] = cells[list(_CELLS).index("cancelled_at")] = ""
    assert type(columns._read(cells)[0]) is Referral
