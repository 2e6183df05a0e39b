"""Checking a large referral CSV file on two processes, with the result of one.

:func:`check_file` checks the records of a referral file into a
:class:`~medconsortium.engine.referral_checks.BatchReport`. A large CSV file whose lines
are its records (no quoted cell, so no record runs over several lines; lines end in
``\\n`` or ``\\r\\n``) is cut in two at a line near its middle, where two CPUs are free and
processes can be forked: this process checks the first part while a forked one checks the
second; the second part's report is then merged after the first's, so the report is the
one a single process makes (same counts, the same first findings and bad records kept,
lines numbered in the whole file). With ``strict`` the first bad record of the file is the
one reported. Any other file is read and checked here, record by record.

Both parts are streamed, so memory stays flat; the progress bar counts the bytes of both.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import multiprocessing as mp
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..engine.referral_checks import BatchReport, ReferralChecker, check_records
from ..model.errors import InputError, PluginError
from ..model.network import Network
from ..model.records import RecordResult
from .referral_csv import csv_rows
from .referral_io import RecordStream, naive_china_time, not_utf8, now_in_china, read_referrals

#: Files smaller than this are checked in one process: forking costs more than it saves.
SPLIT_BYTES = 4 << 20
_SCAN = 1 << 20


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def cut_of(path: Path, least: int | None = None) -> tuple[int, int] | None:
    """Where a CSV file can be cut in two at a line: (the byte offset of the second part's
    first line, the number of lines before it), or None when it is smaller than ``least``
    bytes (default :data:`SPLIT_BYTES`) or a line may not be a record (a quote, a lone
    ``\\r``)."""
    size = path.stat().st_size
    if size < (SPLIT_BYTES if least is None else least):
        return None
    middle = size // 2
    lines = 0
    offset = 0
    cut: int | None = None
    with path.open("rb") as handle:
        while chunk := handle.read(_SCAN):
            if b'"' in chunk or chunk.count(b"\r") != chunk.count(b"\r\n"):
                return None
            if chunk.endswith(b"\r"):
                return None  # a \r\n across two chunks: rare enough to read in one process
            if cut is None:
                if offset + len(chunk) > middle:
                    found = chunk.find(b"\n", middle - offset)
                    if found >= 0:
                        cut = offset + found + 1
                        lines += chunk.count(b"\n", 0, found + 1)
                    else:
                        lines += chunk.count(b"\n")
                        middle = offset + len(chunk)  # the next line end, in the next chunk
                else:
                    lines += chunk.count(b"\n")
            offset += len(chunk)
    if cut is None or cut >= size:
        return None
    return cut, lines


def _second_part(
    path: Path, cut: tuple[int, int], network: Network, now: dt.datetime, done: Any
) -> Iterator[RecordResult]:
    """The records after the cut, numbered by their lines in the whole file; how far
    reading has got is put in ``done`` every
    :data:`~medconsortium.io.referral_csv.TICK_ROWS` rows. The rows are the one generator
    of csv_rows, which closes the file."""
    offset, lines = cut
    raw = path.open("rb")
    header = raw.readline().decode("utf-8-sig")  # decoded by the first part already
    raw.seek(offset)
    handle = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    # The header read again first, so that the rows are read by the same columns.
    # Its line numbers count from the cut's line: ``shift`` lines lie between the header
    # and it.
    reader = csv.reader(itertools.chain((header,), handle), strict=True)

    def tick() -> None:
        done.value = raw.tell() - offset

    return csv_rows(
        str(path), reader, network, now, shift=lines - 1, file=handle, undecodable=_NotUtf8, tick=tick
    )


class _NotUtf8(Exception):
    """The second part holds a line that is not UTF-8 (found again by number)."""


#: What the forked process inherits: the file, the cut, the checker, an empty report.
_SHARED: tuple[Path, tuple[int, int], Network, dt.datetime, ReferralChecker, BatchReport, bool, Any] | None
_SHARED = None


def _check_second() -> tuple[str, Any]:
    assert _SHARED is not None
    path, cut, network, now, checker, template, strict, done = _SHARED
    part = BatchReport(template.jurisdiction, template.chain, template.source, template.limit)
    try:
        check_records(_second_part(path, cut, network, now, done), checker, part, strict)
    except InputError as exc:
        # Sent back as its parts: an InputError is not rebuilt from its pickled form.
        return "error", (exc.source, exc.location, exc.message)
    except PluginError as exc:
        return "plugin", (exc.plugin, exc.message, exc.item)
    except _NotUtf8:
        return "not utf-8", None
    return "report", part


def check_file(
    path: Path,
    network: Network,
    now: dt.datetime | None,
    checker: ReferralChecker,
    report: BatchReport,
    strict: bool = False,
    progress: Callable[[RecordStream], Iterator[RecordResult]] = iter,
) -> BatchReport:
    """Check every record of the referral file ``path`` into ``report``, as
    ``check_records(read_referrals(path, network, now), ...)`` does, on two processes when
    the file is a large CSV file that can be cut (see the module's description).
    ``progress`` wraps the records this process reads (a progress bar)."""
    global _SHARED
    # The same limit for both parts, whenever each reads its records.
    limit = naive_china_time(now) if now is not None else now_in_china()
    cut = None
    if path.suffix.lower() == ".csv" and _cpus() >= 2 and "fork" in mp.get_all_start_methods():
        try:
            cut = cut_of(path)
        except OSError:
            cut = None  # read_referrals says what is wrong with the file
    if cut is None:
        check_records(progress(read_referrals(path, network, limit)), checker, report, strict)
        return report
    offset, lines = cut
    results = read_referrals(path, network, limit, lines=lines)
    done = mp.get_context("fork").RawValue("q", 0)
    own = results.position
    results.position = lambda: min(own(), offset) + done.value
    _SHARED = (path, cut, network, limit, checker, report, strict, done)
    try:
        with mp.get_context("fork").Pool(1) as pool:
            second = pool.apply_async(_check_second, ())
            check_records(progress(results), checker, report, strict)
            kind, value = second.get()
    finally:
        _SHARED = None
    if kind == "error":
        raise InputError(*value)
    if kind == "plugin":
        raise PluginError(*value)
    if kind == "not utf-8":
        raise not_utf8(path)
    report.merge(value)
    return report


__all__ = ["SPLIT_BYTES", "check_file", "cut_of"]
