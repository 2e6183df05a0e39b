"""Bad event input: one line naming the file (or table) and the column, exit 2, no file
written; patient keys that look like resident ID numbers are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from medconsortium.cli import main

from .helpers import TONGZHOU_NETWORK, VISIT_HEADER, visit, write_visits


def _aggregate(source: str, tmp_path: Path) -> tuple[int, str, Path]:
    out = tmp_path / "stats.csv"
    result = CliRunner().invoke(
        main,
        [
            "events",
            "aggregate",
            source,
            "-n",
            str(TONGZHOU_NETWORK),
            "-j",
            "tongzhou",
            "--year",
            "2025",
            "-o",
            str(out),
        ],
    )
    return result.exit_code, result.output, out


GOOD = visit(1, "tz-rm-04", "2025-03-01")


@pytest.mark.parametrize(
    ("rows", "header", "column", "words"),
    [
        (
            [GOOD[:2] + GOOD[3:]],
            [c for c in VISIT_HEADER if c != "institution_id"],
            "institution_id",
            "missing",
        ),
        ([visit(1, "tz-rm-04", "1 March 2025")], None, "visit_date", "expected date"),
        ([visit(1, "tz-rm-04", "2025-03-01", first="maybe")], None, "first_visit", "expected boolean"),
        (
            [GOOD, visit(2, "tz-nowhere", "2025-03-01")],
            None,
            "institution_id",
            "'tz-nowhere' is not in the network",
        ),
        ([GOOD, visit(2, "tz-rm-04", "2024-12-31")], None, "visit_date", "outside the years"),
        ([visit(1, "tz-rm-04", "2025-03-01", kind="home")], None, "kind", "not one of"),
        ([visit(1, "tz-rm-04", "2025-03-01", residence="3206")], None, "residence_county", "GB/T 2260"),
        (
            [visit(1, "tz-rmyy", "2025-03-05", kind="inpatient", discharge="2025-03-01")],
            None,
            "discharge_date",
            "before the admission",
        ),
        ([[*GOOD, "extra"]], [*VISIT_HEADER, "diagnosis"], "diagnosis", "unknown column"),
    ],
)
def test_one_line_naming_file_and_column(
    tmp_path: Path, rows: list[list[str]], header: list[str] | None, column: str, words: str
) -> None:
    path = write_visits(tmp_path / "bad-visits.csv", rows, header)
    code, output, out = _aggregate(str(path), tmp_path)
    assert code == 2, output
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert "bad-visits.csv" in lines[0] and f"column {column}" in lines[0] and words in lines[0], lines[0]
    assert not out.exists()


@pytest.mark.parametrize(
    "key", ["11010519491231002X", "１１０１０５１９４９１２３１００２Ｘ", "110105491231002"]
)
def test_resident_id_keys_are_refused_without_repeating_them(tmp_path: Path, key: str) -> None:
    row = visit(2, "tz-rm-04", "2025-03-01")
    row[1] = key
    path = write_visits(tmp_path / "visits.csv", [visit(1, "tz-rm-04", "2025-03-01"), row])
    code, output, out = _aggregate(str(path), tmp_path)
    assert code == 2
    assert "column patient_key" in output and "resident ID" in output
    assert key not in output and not out.exists()


def test_an_18_digit_key_with_a_wrong_check_character_is_a_pseudonym(tmp_path: Path) -> None:
    row = visit(1, "tz-rm-04", "2025-03-01")
    row[1] = "110105194912310021"  # the check character would be X
    code, output, _ = _aggregate(str(write_visits(tmp_path / "v.csv", [row])), tmp_path)
    assert code == 0, output


def test_a_missing_file_and_a_missing_table(tmp_path: Path) -> None:
    code, output, _ = _aggregate(f"parquet:{tmp_path}/none-*.parquet", tmp_path)
    assert code == 2 and "no file matches" in output
    import duckdb

    db = tmp_path / "data.db"
    duckdb.connect(str(db)).close()
    code, output, _ = _aggregate(f"visits=duckdb://{db}", tmp_path)
    assert code == 2 and "table visits" in output and "no such table" in output


def test_referrals_and_events_together_are_refused(tmp_path: Path) -> None:
    path = str(write_visits(tmp_path / "v.csv", [GOOD]))
    args = ["assess", str(TONGZHOU_NETWORK), "--events", path, "--referrals", path]
    args += ["-j", "tongzhou", "--year", "2025"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "--events referrals=" in result.output
