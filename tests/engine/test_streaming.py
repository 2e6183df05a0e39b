"""Batch checking streams: memory does not grow with the number of records."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from referral_support import NOW

from medconsortium import Network, Registry
from medconsortium.engine.referral_checks import BatchReport, ReferralChecker, check_records
from medconsortium.io.referral_io import read_referrals

HEADER = "id,patient,from_institution,to_institution,time,phase,priority"


def _write(path: Path, n: int) -> Path:
    # Every record fails a rule or is bad, the worst case for what a report keeps.
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER + "\n")
        for i in range(n):
            if i % 10 == 0:
                handle.write(f"b-{i},pk-{i},thc,nowhere,2024-03-01T09:00,,\n")
            else:
                handle.write(f"r-{i},pk-{i},thc,ch,2024-03-{1 + i % 28:02d}T09:00,,false\n")
    return path


def _peak(path: Path, net: Network, registry: Registry) -> tuple[int, BatchReport]:
    j = registry.jurisdiction("national")
    report = BatchReport(j, registry.chain(j.code), str(path), limit=50)
    checker = ReferralChecker(net, registry, j)
    tracemalloc.start()
    try:
        check_records(read_referrals(path, net, NOW), checker, report)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, report


def test_memory_does_not_grow_with_the_file(tmp_path: Path, net: Network) -> None:
    registry = Registry.load(only=())
    small_peak, small = _peak(_write(tmp_path / "small.csv", 2_000), net, registry)
    large_peak, large = _peak(_write(tmp_path / "large.csv", 20_000), net, registry)
    assert (small.records, large.records) == (2_000, 20_000)
    assert (large.bad, large.failed) == (2_000, 18_000)
    assert (len(large.details), large.omitted_details) == (50, 17_950)
    assert (len(large.errors), large.omitted_errors) == (50, 1_950)
    # Ten times the records, not ten times the memory (a list of them would be).
    assert large_peak < 1.5 * small_peak + 256 * 1024, (small_peak, large_peak)
