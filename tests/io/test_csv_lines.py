"""CSV rows read a line at a time (io/csv_lines.py, and the statistics loop that inlines
it): the rows, line numbers and errors of csv.reader, whatever the text, and the same
statistics or the same error as a file whose every cell is quoted (which csv.reader reads
line by line)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medconsortium import InputError, load_statistics
from medconsortium.io import csv_lines

#: What changes how csv.reader reads a line: separators, quotes, the three line ends, a NUL,
#: blanks, and characters that are line breaks elsewhere (str.splitlines) but not to csv.
TEXT = st.text(alphabet=st.sampled_from(list(',"\r\n\x00 ab1.\u2028\x0b\x1c')), max_size=60)


def _reader(text: str) -> list[Any]:
    """What csv.reader gives: (line_num, row) per row, then the error if one is raised."""
    reader = csv.reader(io.StringIO(text, newline=""))
    found: list[Any] = []
    try:
        for row in reader:
            found.append((reader.line_num, row))
    except csv.Error as exc:
        found.append(str(exc))
    return found


def _ours(text: str) -> list[Any]:
    found: list[Any] = []
    try:
        found.extend(csv_lines.rows(io.StringIO(text, newline=""), 0))
    except csv.Error as exc:
        found.append(str(exc))
    return found


@settings(max_examples=400)
@given(TEXT)
def test_rows_are_csv_readers_rows_with_their_line_numbers(text: str) -> None:
    assert _ours(text) == _reader(text)


@pytest.mark.parametrize(
    "text",
    [
        "a,b\n\n\nc\r\nd\re\n",  # every line end, and blank lines
        "a,b",  # no line end at the end
        ' , \n"x""y",z\n',  # blanks are cells; a doubled quote
        'a,"b\nc\r\nd",e\nf\n',  # a quoted cell over three lines
        'a,"b',  # a quote left open at the end
        "a,b\x00c\n",  # a NUL
        "\ufeffa,b\n",  # a byte-order mark is text to csv
    ],
)
def test_rows_of_odd_texts_are_csv_readers(text: str) -> None:
    assert _ours(text) == _reader(text)


def test_a_line_longer_than_the_field_limit_is_refused_as_csv_reader_refuses_it() -> None:
    limit = csv.field_size_limit()
    try:
        csv.field_size_limit(10)
        text = "a,b\n" + "x" * 11 + "\nc,d\n"
        assert _ours(text) == _reader(text)
        assert isinstance(_ours(text)[-1], str)  # the reader's error, after the first row
    finally:
        csv.field_size_limit(limit)


def test_record_reads_no_line_past_its_row() -> None:
    lines = iter(['"b\n', 'c",d\n', "e\n"])
    assert csv_lines.record('a,"x"\n', lines) == (["a", "x"], 1)
    assert csv_lines.record(next(lines), lines) == (["b\nc", "d"], 2)
    assert list(lines) == ["e\n"]


# -- the statistics loop ------------------------------------------------------------------
METRICS = frozenset({"total_visits", "primary_care_visits"})
HEAD = ("scope", "id", "year", "total_visits", "primary_care_visits")
#: No line end in a cell: csv.writer leaves a "\n" unquoted when lines end in "\r", and the
#: twins would then differ in their lines (a cell over several lines: the test above).
CELL = st.sampled_from(["", " ", "12", " 3 ", "2.5", "x", "inf", "329901", "area", "2023", '"', ","])


def _outcome(path: Path) -> Any:
    try:
        stats = load_statistics(path, METRICS)
    except InputError as exc:
        return str(exc).removeprefix(str(path))
    return [(r.scope, r.id, r.year, dict(r.values)) for r in stats.records]


def _write(path: Path, rows: list[list[str]], quoting: Literal[0, 1], end: str) -> Path:
    out = io.StringIO(newline="")
    csv.writer(out, quoting=quoting, lineterminator=end).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return path


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.sampled_from(["area", "consortium", " area"]), CELL, CELL, CELL, CELL),
            st.tuples(st.just("area"), st.sampled_from(["329901", "329902"]), st.just("2023"), CELL, CELL),
            st.just(()),  # a blank line
        ).map(list),
        max_size=8,
    ),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_a_statistics_file_reads_as_its_twin_with_every_cell_quoted(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], end: str
) -> None:
    # csv.writer quotes only the cells that need it (a quote, a comma, a line end), so most
    # lines of the first file are split in the loop; in the twin every line holds a quote
    # and goes to csv.reader. Same rows, same line numbers: same statistics, same error.
    folder = tmp_path_factory.mktemp("twins")
    written = [list(HEAD), *rows]
    minimal = _write(folder / "minimal.csv", written, csv.QUOTE_MINIMAL, end)
    quoted = _write(folder / "quoted.csv", written, csv.QUOTE_ALL, end)
    assert _outcome(minimal) == _outcome(quoted)
