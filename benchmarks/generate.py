"""A synthetic province-scale network and its statistics, for the core benchmark.

Scale 1 is one province (code 320000) the size of Jiangsu: 13 cities, 100 counties,
about 40,000 institutions (a county hospital, a county TCM hospital, a maternal and child
health institution, a CDC, 18 township health centres and 375 village clinics per county;
tertiary and secondary hospitals, community centres and stations in each city), 400
consortia (one county medical community per county, city medical groups, specialty
alliances, urban–rural consortia) and 5 years of statistics (2020–2024) per area,
consortium and institution (village clinics report through their township centre).

Scale ``k`` multiplies everything by ``k`` inside the same province: ``13k`` cities
(at most 70, the GB/T 2260 limit for prefecture-level cities) sharing ``100k`` counties.
Names and numbers are made up; the output depends only on ``scale`` and ``seed``.
"""

from __future__ import annotations

import csv
import json
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from medconsortium.policy.vocabulary import METRICS as NATIONAL_METRICS

# The synthetic geography invents county codes (numbered in every city as it needs), which
# the division table would refuse: only the structure of codes is checked, for this run and
# the commands it starts (see medconsortium.model.divisions).
os.environ.setdefault("MEDCONSORTIUM_DIVISIONS", "structure")

PROVINCE = "320000"
YEARS = tuple(range(2020, 2025))
COUNTIES_PER_SCALE = 100
CITIES_PER_SCALE = 13

FACTS = (
    "charter",
    "council",
    "management_committee",
    "party_committee",
    "imaging_centre",
    "laboratory_centre",
    "disinfection_supply_centre",
    "logistics_centre",
    "mutual_recognition",
)
INSTITUTION_METRICS = (
    "total_visits",
    "outpatient_emergency_visits",
    "admissions",
    "discharges",
    "bed_days",
    "referrals_up",
    "referrals_down",
)
AREA_METRICS = (
    "total_visits",
    "primary_care_visits",
    "outpatient_emergency_visits",
    "primary_care_outpatient_emergency_visits",
    "first_visits",
    "primary_care_first_visits",
    "admissions",
    "primary_care_admissions",
    "residents_visits_total",
    "residents_visits_in_county",
    "residents_admissions_total",
    "residents_admissions_in_county",
    "referrals_up",
    "referrals_down",
)


def _geography(scale: int) -> list[tuple[str, list[str]]]:
    """(city code, its county codes) for every city."""
    # At most 70: GB/T 2260 numbers prefecture-level cities 01-70 (see medconsortium.model.divisions).
    cities = min(CITIES_PER_SCALE * scale, 70)
    counties = COUNTIES_PER_SCALE * scale
    out: list[tuple[str, list[str]]] = []
    for c in range(cities):
        share = counties // cities + (1 if c < counties % cities else 0)
        city = f"{PROVINCE[:2]}{c + 1:02d}00"
        out.append((city, [f"{city[:4]}{n + 1:02d}" for n in range(share)]))
    return out


def _inst(iid: str, name: str, level: str, type_: str, division: str, **more: Any) -> dict[str, Any]:
    return {
        "id": iid,
        "name": name,
        "level": level,
        "type": type_,
        "ownership": more.pop("ownership", "government"),
        "division": division,
        **more,
    }


def _facts(rng: random.Random) -> dict[str, bool]:
    # Each fact stated true (mostly), false, or not stated at all.
    out: dict[str, bool] = {}
    for fact in FACTS:
        draw = rng.random()
        if draw < 0.8:
            out[fact] = True
        elif draw < 0.9:
            out[fact] = False
    return out


def network(scale: int, seed: int = 2024) -> dict[str, Any]:
    """The network file's content (plain data, as it would be read from JSON)."""
    rng = random.Random(seed)
    institutions: list[dict[str, Any]] = []
    consortia: list[dict[str, Any]] = []
    county_hospitals: dict[str, list[str]] = {}
    geography = _geography(scale)
    # Past 99 cities each city gets more of everything, so that totals stay linear.
    factor = CITIES_PER_SCALE * scale / len(geography)

    def per_city(n: int) -> int:
        return round(n * factor)

    for city, counties in geography:
        district = f"{city[:4]}01" if counties else city
        tertiary = [f"t{city}-{i}" for i in range(per_city(4))]
        secondary = [f"s{city}-{i}" for i in range(per_city(6))]
        community = [f"chc{city}-{i}" for i in range(per_city(10))]
        stations = [f"chs{city}-{i}" for i in range(per_city(20))]
        for i, iid in enumerate(tertiary):
            institutions.append(
                _inst(iid, f"{city}市第{i + 1}人民医院", "tertiary", "general_hospital", district, grade="A")
            )
        for i, iid in enumerate(secondary):
            institutions.append(
                _inst(iid, f"{city}市第{i + 11}医院", "secondary", "general_hospital", district)
            )
        institutions.append(
            _inst(
                f"rh{city}",
                f"{city}市康复医院",
                "secondary",
                "rehabilitation_hospital",
                district,
                ownership="private",
            )
        )
        institutions.append(
            _inst(f"nh{city}", f"{city}市护理院", "unrated", "nursing_home", district, ownership="private")
        )
        institutions.append(
            _inst(f"rh2{city}", f"{city}市第二康复医院", "secondary", "rehabilitation_hospital", district)
        )
        for i, iid in enumerate(community):
            institutions.append(
                _inst(
                    iid,
                    f"{city}市第{i + 1}社区卫生服务中心",
                    "unrated",
                    "community_health_centre",
                    district,
                    township=f"街道{i}",
                )
            )
        for i, iid in enumerate(stations):
            institutions.append(
                _inst(
                    iid,
                    f"{city}市第{i + 1}社区卫生服务站",
                    "unrated",
                    "community_health_station",
                    district,
                    township=f"街道{i % 10}",
                )
            )
        hospitals: list[str] = []
        for county in counties:
            ch = f"ch{county}"
            hospitals.append(ch)
            institutions.append(
                _inst(ch, f"{county}县人民医院", "secondary", "county_hospital", county, grade="A")
            )
            institutions.append(
                _inst(f"tcm{county}", f"{county}县中医院", "secondary", "county_tcm_hospital", county)
            )
            institutions.append(
                _inst(f"mch{county}", f"{county}县妇幼保健院", "secondary", "maternal_child", county)
            )
            institutions.append(_inst(f"cdc{county}", f"{county}县疾控中心", "unrated", "cdc", county))
            members: list[Any] = [{"institution": ch, "role": "lead"}]
            for t in range(18):
                kind = "central_township_health_centre" if t < 2 else "township_health_centre"
                thc = f"thc{county}-{t}"
                institutions.append(
                    _inst(thc, f"{county}县第{t + 1}镇卫生院", "unrated", kind, county, township=f"镇{t}")
                )
                members.append(thc)
            for v in range(375):
                vc = f"vc{county}-{v}"
                institutions.append(
                    _inst(
                        vc,
                        f"{county}县第{v + 1}村卫生室",
                        "unrated",
                        "village_clinic",
                        county,
                        township=f"镇{v % 18}",
                    )
                )
                members.append(vc)
            consortia.append(
                {
                    "id": f"ccm{county}",
                    "name": f"{county}县医共体",
                    "kind": "county_medical_community",
                    "integration": "tight",
                    "division": county,
                    "formed": "2019-01-01",
                    "members": members,
                    "grid": [f"镇{t}" for t in range(18)],
                    "governance": {"facts": _facts(rng)},
                }
            )
        county_hospitals[city] = hospitals
        pool = [*secondary, f"rh{city}", f"nh{city}", f"rh2{city}", *community, *stations]
        for g in range(per_city(12)):
            lead = tertiary[g % len(tertiary)]
            chosen = sorted(rng.sample(pool, 20))
            consortia.append(
                {
                    "id": f"cmg{city}-{g}",
                    "name": f"{city}市第{g + 1}城市医疗集团",
                    "kind": "city_medical_group",
                    "integration": rng.choice(["tight", "loose"]),
                    "division": district,
                    "formed": f"{rng.choice(YEARS[:3]) - 2}-07-01",
                    "members": [{"institution": lead, "role": "lead"}, *chosen],
                    "governance": {"facts": _facts(rng)},
                }
            )
        for a in range(per_city(8)):
            lead = tertiary[a % len(tertiary)]
            members = sorted(rng.sample(hospitals, min(len(hospitals), 6))) if hospitals else []
            consortia.append(
                {
                    "id": f"sa{city}-{a}",
                    "name": f"{city}市第{a + 1}专科联盟",
                    "kind": "specialty_alliance",
                    "division": city,
                    "specialty": rng.choice(["cardiology", "oncology", "paediatrics", "stroke"]),
                    "members": [{"institution": lead, "role": "lead"}, *members],
                }
            )
    # Urban–rural consortia: a city's tertiary hospital paired with a county hospital.
    cities = sorted(county_hospitals)
    for u in range(40 * scale):
        city = cities[u % len(cities)]
        if not county_hospitals[city]:
            continue
        consortia.append(
            {
                "id": f"ur{u}",
                "name": f"城乡医联体{u}",
                "kind": "urban_rural",
                "division": city,
                "members": [
                    {"institution": f"t{city}-{u % 4}", "role": "lead"},
                    {"institution": rng.choice(county_hospitals[city]), "joined": "2021-03-01"},
                ],
            }
        )
    return {
        "synthetic": True,
        "description": f"benchmark network, scale {scale}",
        "institutions": institutions,
        "consortia": consortia,
    }


#: Metrics that are part of another one (in-county visits of all visits...).
PARTS = {m.id: m.at_most for m in NATIONAL_METRICS if m.at_most}


def _consistent(row: dict[str, Any]) -> dict[str, Any]:
    """The row with every part at most its whole, as the loader requires (no RNG drawn)."""
    for part, wholes in PARTS.items():
        for whole in wholes:
            if part in row and whole in row and row[part] > row[whole]:
                row[part] = row[whole]
    return row


def _rows(net: dict[str, Any], scale: int, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed + 1)
    geography = _geography(scale)
    areas = [PROVINCE] + [c for c, _ in geography] + [k for _, ks in geography for k in ks]
    for year in YEARS:
        growth = 1 + 0.03 * (year - YEARS[0])
        for inst in net["institutions"]:
            if inst["type"] == "village_clinic":
                continue
            visits = rng.randint(5_000, 900_000) * growth
            row: dict[str, Any] = {"scope": "institution", "id": inst["id"], "year": year}
            row.update({m: round(visits * rng.uniform(0.01, 1.0)) for m in INSTITUTION_METRICS})
            row["total_visits"] = round(visits)
            yield _consistent(row)
        for cons in net["consortia"]:
            yield {
                "scope": "consortium",
                "id": cons["id"],
                "year": year,
                "referrals_up": rng.randint(100, 20_000),
                "referrals_down": rng.randint(50, 10_000),
            }
        for area in areas:
            total = rng.randint(1_000_000, 9_000_000) * growth
            row = {"scope": "area", "id": area, "year": year}
            row.update({m: round(total * rng.uniform(0.3, 0.95)) for m in AREA_METRICS})
            row["total_visits"] = round(total)
            row["residents_visits_total"] = round(total)
            yield _consistent(row)


def write(folder: Path, scale: int, seed: int = 2024, network_format: str = "json") -> tuple[Path, Path]:
    """Write ``network.<format>`` and ``statistics.csv`` into ``folder``; return both paths."""
    net = network(scale, seed)
    folder.mkdir(parents=True, exist_ok=True)
    net_path = folder / f"network.{network_format}"
    if network_format == "json":
        net_path.write_text(json.dumps(net, ensure_ascii=False), encoding="utf-8")
    else:
        import yaml

        net_path.write_text(yaml.safe_dump(net, allow_unicode=True, sort_keys=False), encoding="utf-8")
    stats_path = folder / "statistics.csv"
    columns = ["scope", "id", "year", *sorted(set(INSTITUTION_METRICS) | set(AREA_METRICS))]
    with stats_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(_rows(net, scale, seed))
    return net_path, stats_path
