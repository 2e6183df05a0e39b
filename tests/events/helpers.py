"""Shared paths and a small network for the events tests."""

from __future__ import annotations

import csv
from pathlib import Path

from medconsortium.events.examples import REFERRALS, VISITS

ROOT = Path(__file__).resolve().parents[2]
TONGZHOU_NETWORK = ROOT / "plugins/tongzhou/src/medconsortium_tongzhou/examples/tongzhou-network.yaml"
VISIT_FILE = VISITS
REFERRAL_FILE = REFERRALS

VISIT_HEADER = [
    "visit_id",
    "patient_key",
    "institution_id",
    "visit_date",
    "kind",
    "first_visit",
    "residence_county",
    "discharge_date",
    "institution_county",
]


def write_visits(path: Path, rows: list[list[str]], header: list[str] | None = None) -> Path:
    """A visits CSV with ``rows`` under ``header`` (default: every schema column)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header or VISIT_HEADER)
        writer.writerows(rows)
    return path


def visit(
    number: int,
    institution: str,
    day: str,
    kind: str = "outpatient",
    first: str = "false",
    residence: str = "320612",
    discharge: str = "",
    outside: str = "",
) -> list[str]:
    return [f"v{number}", f"p-{number:04d}", institution, day, kind, first, residence, discharge, outside]
