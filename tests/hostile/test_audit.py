"""``--audit FILE``: a record of the run, without patient data, byte-identical when rerun."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_support import Run, example, one_error

from medconsortium import Registry
from medconsortium.report.audit import rule_set_digest

NETWORK = example("wuhu", "wuhu-network.yaml")
STATS = example("wuhu", "wuhu-statistics.yaml")
REFERRALS = example("wuhu", "wuhu-referrals.csv")

COMMANDS = {
    "validate": ["validate", NETWORK, "-j", "wuhu", "--as-of", "2020-06-30"],
    "assess": ["assess", NETWORK, "--stats", STATS, "-j", "wuhu", "--year", "2020"],
    "referral check": ["referral", "check", REFERRALS, "-n", NETWORK, "-j", "wuhu", "--as-of", "2024-01-01"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_audit_record_of_each_command(run: Run, tmp_path: Path, command: str) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for path in (first, second):
        result = run(*COMMANDS[command], "--audit", path)
        assert result.exit_code in (0, 1), result.stderr
    assert first.read_bytes() == second.read_bytes()
    record = json.loads(first.read_text(encoding="utf-8"))
    assert record["command"] == command
    assert record["jurisdiction"] == "340200"
    assert {p["name"] for p in record["plugins"]} >= {"national", "wuhu"}
    assert all(p["version"] for p in record["plugins"])
    for item in record["inputs"]:
        data = Path(item["file"]).read_bytes()
        assert item["sha256"] == hashlib.sha256(data).hexdigest() and item["bytes"] == len(data)
    assert sum(v for k, v in record["counts"].items() if k.startswith("findings.")) > 0
    assert record["rule_set_sha256"] == rule_set_digest(run.registry)


def test_audit_of_a_referral_batch_has_no_patient_key_or_referral_id(run: Run, tmp_path: Path) -> None:
    audit = tmp_path / "audit.json"
    result = run(*COMMANDS["referral check"], "--audit", audit)
    assert result.exit_code in (0, 1)
    text = audit.read_text(encoding="utf-8")
    rows = [r.split(",") for r in REFERRALS.read_text(encoding="utf-8").splitlines()[1:] if r]
    for row in rows:
        assert row[0] not in text and row[1] not in text


def test_rule_set_digest_does_not_depend_on_the_process(registry: Registry) -> None:
    code = "from medconsortium import api; from medconsortium.report.audit import rule_set_digest; "
    code += "print(rule_set_digest(api.load_registry()))"
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == rule_set_digest(registry)


def test_audit_into_a_directory_is_one_line(run: Run, tmp_path: Path) -> None:
    result = run(*COMMANDS["validate"], "--audit", tmp_path)
    assert one_error(result, tmp_path) == "is a directory, expected a file"
