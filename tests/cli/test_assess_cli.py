"""``medconsortium assess --referrals``: growth targets assessed from a referral ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from medconsortium import Registry, api
from medconsortium.cli import main

HEADER = "id,patient,from_institution,to_institution,time,phase\n"


def _ledger(tmp_path: Path, downward_2017: int, downward_2018: int) -> Path:
    """Downward referrals 县医院 → 乡镇卫生院 within 莒南县医联体 (formed 2017-11-20) in
    Linyi's example network, per year, in December."""
    rows = [
        f"r{year}-{n},p-{year}-{n},ly-jn,ly-jn-thc,{year}-12-0{1 + n % 9}T09:00:00,postoperative_recovery\n"
        for year, count in ((2017, downward_2017), (2018, downward_2018))
        for n in range(count)
    ]
    path = tmp_path / "referrals.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def _status(tmp_path: Path, ledger: Path, target: str) -> str:
    registry = Registry.load()
    example = api.example(registry, "linyi")
    result = CliRunner().invoke(
        main,
        [
            "assess",
            str(example.network),
            "--referrals",
            str(ledger),
            "-j",
            "linyi",
            "--year",
            "2018",
            "--format",
            "json",
        ],
    )
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.output)
    found = [t["status"] for t in data["targets"] if t["id"] == target and t["subject"] == "371300"]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("before", "after", "status"),
    [(10, 11, "met"), (10, 10, "not_met"), (0, 5, "not_assessable")],
)
def test_linyi_downward_growth_from_a_ledger(tmp_path: Path, before: int, after: int, status: str) -> None:
    # 临政办发〔2017〕60号: downward referrals grow at least 10% in 2018; 10 → 11 is +10%.
    ledger = _ledger(tmp_path, before, after)
    assert _status(tmp_path, ledger, "linyi.2018.referrals_down") == status


def test_a_bad_ledger_is_one_line_and_exit_2(tmp_path: Path) -> None:
    registry = Registry.load()
    example = api.example(registry, "linyi")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "r1,p-1,ly-jn,nowhere,2018-05-01T09:00:00,\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["assess", str(example.network), "--referrals", str(bad), "-j", "linyi", "--year", "2018"]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "bad.csv" in result.output
