"""Generate the SYNTHETIC Tongzhou event files (seeded: the same bytes on every run).

``python -m medconsortium.events.examples.generate [OUTDIR]`` writes
``synthetic-tongzhou-visits.csv`` and ``synthetic-tongzhou-referrals.csv`` (default: the
folder of this module). The Tongzhou plugin must be installed: its example network gives
the institutions. The volumes are about 1/300 of a district's and the shares are chosen
so that the example shows targets met and not met; none is a real figure.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path

SEED = 20241231
YEARS = (2024, 2025)
VISITS_PER_YEAR = {2024: 3600, 2025: 3700}
REFERRALS_PER_YEAR = {2024: 160, 2025: 180}
TONGZHOU = "320612"
#: Invented institutions outside the district where residents also go (SYNTHETIC ids).
OUTSIDE = (("syn-out-1", "320602"), ("syn-out-2", "320602"), ("syn-out-3", "320684"))
#: Counties of residence of visitors from outside the district.
OTHER_COUNTIES = ("320602", "320684", "320623")


def _network_institutions() -> list[tuple[str, str, str]]:
    """(id, type, level) of the example network's institutions."""
    from importlib.resources import files

    from medconsortium.io.loading import load_network

    path = files("medconsortium_tongzhou") / "examples" / "tongzhou-network.yaml"
    network = load_network(Path(str(path)))
    return [(i.id, i.type.value, i.level.value) for i in sorted(network.institutions, key=lambda i: i.id)]


def _day(rng: random.Random, year: int) -> dt.date:
    start = dt.date(year, 1, 1)
    return start + dt.timedelta(days=rng.randrange((dt.date(year, 12, 31) - start).days + 1))


def visits(rng: random.Random) -> list[list[str]]:
    institutions = _network_institutions()
    hospitals = [i for i, t, _ in institutions if t in ("county_hospital", "county_tcm_hospital")]
    primary = [i for i, t, _ in institutions if i not in hospitals]
    rows: list[list[str]] = []
    number = 0
    for year in YEARS:
        # The primary care share grows from 2024 to 2025 (the plan's 逐年提升).
        primary_share = {2024: 0.69, 2025: 0.72}[year]
        for _ in range(VISITS_PER_YEAR[year]):
            number += 1
            resident = rng.random() < 0.95
            residence = TONGZHOU if resident else rng.choice(OTHER_COUNTIES)
            roll = rng.random()
            kind = "outpatient" if roll < 0.80 else ("emergency" if roll < 0.90 else "inpatient")
            outside_county = ""
            if resident and rng.random() < (0.08 if kind == "inpatient" else 0.06):
                institution, outside_county = rng.choice(OUTSIDE)
            elif kind == "inpatient":
                share = {2024: 0.12, 2025: 0.14}[year]
                institution = rng.choice(primary if rng.random() < share else hospitals)
            else:
                institution = rng.choice(primary if rng.random() < primary_share else hospitals)
            day = _day(rng, year)
            discharge = ""
            if kind == "inpatient":
                leave = day + dt.timedelta(days=rng.choice((0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 21)))
                discharge = leave.isoformat()
            first = "true" if kind == "outpatient" and rng.random() < 0.3 else "false"
            patient = f"syn-p{rng.randrange(1, 2400):05d}"
            rows.append(
                [
                    f"SYN-V{number:06d}",
                    patient,
                    institution,
                    day.isoformat(),
                    kind,
                    first,
                    residence,
                    discharge,
                    outside_county,
                ]
            )
    return rows


def referrals(rng: random.Random) -> list[list[str]]:
    institutions = _network_institutions()
    hospitals = [i for i, t, _ in institutions if t in ("county_hospital", "county_tcm_hospital")]
    primary = [i for i, t, _ in institutions if i not in hospitals]
    rows: list[list[str]] = []
    number = 0
    for year in YEARS:
        for _ in range(REFERRALS_PER_YEAR[year]):
            number += 1
            time = dt.datetime.combine(_day(rng, year), dt.time(8 + rng.randrange(9), rng.randrange(60)))
            if rng.random() < 0.6:
                source, target = rng.choice(primary), rng.choice(hospitals)
                reserved = rng.choice(("true", "false", ""))
            else:
                source, target = rng.choice(hospitals), rng.choice(primary)
                reserved = ""
            if source == target:
                continue
            rejected = ""
            if rng.random() < 0.05:
                rejected = (time + dt.timedelta(hours=2)).isoformat(timespec="minutes")
            rows.append(
                [
                    f"SYN-R{number:05d}",
                    f"syn-p{rng.randrange(1, 2400):05d}",
                    source,
                    target,
                    time.isoformat(timespec="minutes"),
                    reserved,
                    rejected,
                ]
            )
    return rows


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
REFERRAL_HEADER = [
    "id",
    "patient",
    "from_institution",
    "to_institution",
    "time",
    "reserved_resource",
    "rejected_at",
]


def write(folder: Path) -> tuple[Path, Path]:
    """Write both files into ``folder``; the same seed gives the same bytes."""
    rng = random.Random(SEED)
    out = []
    for name, header, rows in (
        ("synthetic-tongzhou-visits.csv", VISIT_HEADER, visits(rng)),
        ("synthetic-tongzhou-referrals.csv", REFERRAL_HEADER, referrals(rng)),
    ):
        path = folder / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        out.append(path)
    return out[0], out[1]


if __name__ == "__main__":  # pragma: no cover - run by hand to regenerate
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
    for written in write(target):
        print(written)
