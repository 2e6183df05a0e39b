"""A referral CSV file checked in two parts on two processes: the report of one process,
lines numbered in the whole file, the first bad record first with ``strict``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from referral_support import NOW, cli, csv_file, network_file

from medconsortium import Network, Registry
from medconsortium.engine.referral_checks import BatchReport, ReferralChecker, check_records
from medconsortium.io import referral_parts
from medconsortium.io.referral_io import read_referrals
from medconsortium.io.referral_parts import check_file, cut_of
from medconsortium.model.errors import InputError

HEADER = "id,patient,from_institution,to_institution,time,phase,priority"


def _rows(n: int, bad_at: tuple[int, ...] = ()) -> list[str]:
    # Passes, failures, not assessable, bad records (an unknown institution, a cell too
    # few, a bad flag) and blank lines, in both halves of the file.
    rows = []
    for i in range(n):
        if i in bad_at or i % 17 == 5:
            rows.append(f"b-{i},pk-{i},thc,ch,2024-03-01T09:00,,maybe")
        elif i % 13 == 0:
            rows.append(f"u-{i},pk-{i},thc,nowhere,2024-03-01T09:00,,true")
        elif i % 29 == 0:
            rows.append(f"s-{i},pk-{i},thc,ch,2024-03-01T09:00")
        elif i % 31 == 0:
            rows.append("")
        else:
            flag = ("true", "false", "")[i % 3]
            rows.append(f"r-{i},pk-{i},thc,ch,2024-03-{1 + i % 28:02d}T09:00,,{flag}")
    return rows


def _report(registry: Registry, path: Path, limit: int | None) -> BatchReport:
    j = registry.jurisdiction("national")
    return BatchReport(j, registry.chain(j.code), str(path), limit)


def _state(report: BatchReport) -> dict[str, Any]:
    return {
        "summary": report.summary(),
        "per_rule": list(report.per_rule.items()),
        "details": report.details,
        "errors": report.errors,
        "omitted": (report.omitted_details, report.omitted_errors),
    }


@pytest.fixture
def split(monkeypatch: pytest.MonkeyPatch) -> None:
    # Any file is large enough to be cut, on any machine with two CPUs or not.
    monkeypatch.setattr(referral_parts, "SPLIT_BYTES", 0)
    monkeypatch.setattr(referral_parts, "_cpus", lambda: 2)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("limit", [5, None])
def test_two_parts_give_the_report_of_one(
    tmp_path: Path, net: Network, split: None, newline: str, limit: int | None
) -> None:
    registry = Registry.load(only=())
    path = tmp_path / "r.csv"
    path.write_bytes(newline.join([HEADER, *_rows(600)]).encode() + newline.encode())
    cut = cut_of(path)
    assert cut is not None
    offset, lines = cut
    data = path.read_bytes()
    assert data[offset - 1 : offset] == b"\n" and data[:offset].count(b"\n") == lines
    assert abs(offset - len(data) / 2) < 100
    one = check_records(
        read_referrals(path, net, NOW),
        ReferralChecker(net, registry, registry.jurisdiction("national")),
        _report(registry, path, limit),
    )
    two = check_file(
        path,
        net,
        NOW,
        ReferralChecker(net, registry, registry.jurisdiction("national")),
        _report(registry, path, limit),
    )
    assert _state(two) == _state(one)
    assert one.bad > 0 and one.failed > 0
    # The bad records of the second part carry their lines in the whole file.
    assert max(e.line for e in two.errors) > lines or limit is not None


@pytest.mark.parametrize("first_bad", [10, 550])
def test_strict_stops_at_the_first_bad_record_of_the_file(
    tmp_path: Path, net: Network, split: None, first_bad: int
) -> None:
    registry = Registry.load(only=())
    good = [f"r-{i},pk-{i},thc,ch,2024-03-01T09:00,,true" for i in range(600)]
    good[first_bad] = f"b-{first_bad},pk-x,thc,ch,2024-03-01T09:00,,maybe"
    good[580] = "b-580,pk-y,thc,nowhere,2024-03-01T09:00,,true"
    path = csv_file(tmp_path / "r.csv", HEADER, *good)
    checker = ReferralChecker(net, registry, registry.jurisdiction("national"))
    with pytest.raises(InputError) as raised:
        check_file(path, net, NOW, checker, _report(registry, path, 5), strict=True)
    assert (raised.value.location, raised.value.message) == (
        f"line {first_bad + 2}",
        "priority: expected true or false",
    )


def test_a_line_not_utf8_in_the_second_part_is_named(tmp_path: Path, net: Network, split: None) -> None:
    registry = Registry.load(only=())
    path = csv_file(
        tmp_path / "r.csv", HEADER, *(f"r-{i},pk-{i},thc,ch,2024-03-01T09:00,,true" for i in range(600))
    )
    data = bytearray(path.read_bytes())
    at = data.find(b"\n", len(data) * 3 // 4) + 3
    data[at : at + 1] = b"\xff"
    path.write_bytes(bytes(data))
    checker = ReferralChecker(net, registry, registry.jurisdiction("national"))
    with pytest.raises(InputError) as raised:
        check_file(path, net, NOW, checker, _report(registry, path, 5))
    line = data[:at].count(b"\n") + 1
    assert raised.value.location == f"line {line}"
    assert raised.value.message.startswith("not UTF-8")


@pytest.mark.parametrize(
    "rows",
    [
        ['"r-1",pk-1,thc,ch,2024-03-01T09:00,,true'],  # a quote: a record may run over lines
        # A lone carriage return ends a line too.
        ["r-1,pk-1,thc,ch,2024-03-01T09:00,,true\rr-2,pk-2,thc,ch,2024-03-01T09:00,,true"],
    ],
)
def test_a_file_whose_lines_may_not_be_records_is_not_cut(tmp_path: Path, rows: list[str]) -> None:
    lines = [f"r-{i},pk-{i},thc,ch,2024-03-01T09:00,,true" for i in range(300)]
    path = csv_file(tmp_path / "r.csv", HEADER, *lines, *rows, *lines)
    assert cut_of(path, least=0) is None
    assert cut_of(csv_file(tmp_path / "plain.csv", HEADER, *lines, *lines), least=0) is not None
    assert cut_of(csv_file(tmp_path / "small.csv", HEADER, *lines)) is None  # below SPLIT_BYTES


def test_the_command_writes_the_same_bytes_in_two_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = Registry.load(only=())
    net_path = network_file(tmp_path / "net.json")
    path = csv_file(tmp_path / "r.csv", HEADER, *_rows(600))
    args = ("referral", "check", path, "-n", net_path, "-j", "national", "--as-of", "2025-06-30")
    outputs = {}
    for least in (1 << 40, 0):
        monkeypatch.setattr(referral_parts, "SPLIT_BYTES", least)
        monkeypatch.setattr(referral_parts, "_cpus", lambda: 2)
        for fmt in ("json", "text", "csv"):
            result = cli(registry, *args, "--format", fmt, "--limit", "7")
            assert result.exit_code == 1, result.stderr
            outputs[least, fmt] = result.stdout
    for fmt in ("json", "text", "csv"):
        assert outputs[0, fmt] == outputs[1 << 40, fmt]
    assert json.loads(outputs[0, "json"])["summary"]["bad_records"] > 7
