"""Referral files as a whole: missing columns, nothing in them, unterminated quotes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from hostile_support import Run, example, one_error

NETWORK = example("wuhu", "wuhu-network.yaml")
HEADER = "id,patient,from_institution,to_institution,time"
GOOD = "wr-01,p-a1f3,wh-chc-jh,wh-h2,2020-05-06T09:10:00"


def _check(run: Run, path: Path, *more: str) -> Result:
    return run("referral", "check", path, "-n", NETWORK, "-j", "wuhu", "--as-of", "2024-01-01", *more)


def test_a_missing_required_column_is_a_file_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    rows = [GOOD.rsplit(",", 2)[0] + ",2020-05-06T09:10:00"] * 7
    path.write_text("id,patient,from_institution,time\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert one_error(_check(run, path), path) == "line 1: required column 'to_institution' missing"


@pytest.mark.parametrize(
    ("name", "text"), [("r.csv", HEADER + "\n"), ("r.csv", HEADER + "\n\n,,,,\n"), ("r.jsonl", "\n")]
)
def test_an_empty_batch_is_said_and_exits_2(run: Run, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    message = one_error(_check(run, path), path)
    assert message == "no referral records (the file has no record after its header)"


def test_an_empty_ledger_is_said_and_exits_2(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "\n", encoding="utf-8")
    result = run("referral", "ledger", path, "-n", NETWORK)
    assert one_error(result, path) == "no referral records (the file has no record after its header)"


def test_an_unterminated_quote_is_reported_at_its_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    lines = [
        HEADER,
        GOOD,
        'wr-02,p-b7c2,wh-chc-jh,"wh-h2,2020-05-07T10:00:00',
        GOOD.replace("wr-01", "wr-03"),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _check(run, path, "--format", "json")
    assert result.exit_code == 1
    errors = json.loads(result.stdout)["bad_records"]
    assert errors == [
        {"line": 3, "referral": None, "message": "unterminated quote: the record runs to the end of the file"}
    ]
    strict = _check(run, path, "--strict")
    assert one_error(strict, path) == "line 3: unterminated quote: the record runs to the end of the file"
