"""CSV rows as :func:`csv.reader` gives them (the default dialect), read faster where a
line holds no quote.

A line without a quote character is, to :func:`csv.reader`, its text up to the line end
split at the commas (a blank line is a row of no cells): :meth:`str.split` does that in one
call, where the reader's state machine takes each character in turn. On the 1x province of
``benchmarks/core.py``, reading the 16,365 rows of its statistics so took 118M callgrind
instructions instead of 182M. Every other line (a quote, which may open a cell that goes on
over the next lines; a NUL, which older readers refused; more characters than
:func:`csv.field_size_limit`, which the reader refuses) is read by :func:`csv.reader`
itself, with the lines after it that its record takes: the rows, their line numbers and the
errors are the reader's.

The file must be opened with ``newline=""``, as :mod:`csv` asks: its lines then end at
``\\n``, ``\\r\\n`` or ``\\r``, where the reader ends a row of unquoted cells too.

>>> import io
>>> text = 'scope,id\\r\\narea,320612\\n\\n"say ""hi"" now","c\\nd"\\n'
>>> list(rows(io.StringIO(text, newline=""), 0))
[(1, ['scope', 'id']), (2, ['area', '320612']), (3, []), (5, ['say "hi" now', 'c\\nd'])]
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator


def plain(text: str, limit: int) -> bool:
    """Whether :func:`csv.reader` reads the line ``text`` as its cells split at the commas:
    it holds no quote and no NUL, and is no longer than ``limit``
    (:func:`csv.field_size_limit`). Loops that read many rows test this inline.

    >>> plain("area,320612\\n", 131072), plain('area,"320612"\\n', 131072)
    (True, False)
    """
    return '"' not in text and "\0" not in text and len(text) <= limit


def cells(text: str) -> list[str]:
    """The cells of a line that is :func:`plain`, as :func:`csv.reader` gives them.

    >>> cells("a,,b\\r\\n"), cells("\\n")
    (['a', '', 'b'], [])
    """
    text = text.rstrip("\r\n")  # one line end at most: the file is read with newline=""
    return text.split(",") if text else []


def record(text: str, lines: Iterator[str]) -> tuple[list[str], int]:
    """The row that starts with the line ``text`` (not :func:`plain`), read by
    :func:`csv.reader` from it and as many of ``lines`` as it takes (it reads no further),
    and the number of lines it took. Raises :class:`csv.Error` as the reader does.

    >>> lines = iter(['c",d\\n', "e,f\\n"])
    >>> record('a,"b\\n', lines), next(lines)
    ((['a', 'b\\nc', 'd'], 2), 'e,f\\n')
    """
    reader = csv.reader(itertools.chain((text,), lines))
    return next(reader), reader.line_num


def rows(lines: Iterator[str], line: int) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each row of ``lines``, the line number of its last line, as
    :func:`csv.reader` gives them with its ``line_num``, counting on from ``line`` (the lines
    already read: 1 after a one-line header).

    >>> list(rows(iter(["a,b\\n", "\\r\\n", 'c,"d"\\n']), 1))
    [(2, ['a', 'b']), (3, []), (4, ['c', 'd'])]
    """
    limit = csv.field_size_limit()
    for text in lines:
        if plain(text, limit):
            line += 1
            yield line, cells(text)
        else:
            found, taken = record(text, lines)
            line += taken
            yield line, found


__all__ = ["cells", "plain", "record", "rows"]
