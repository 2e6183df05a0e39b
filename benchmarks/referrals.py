"""Referral benchmark: 1,000,000 synthetic referrals checked on a synthetic network.

Not a test: run it by hand (``.venv/bin/python benchmarks/referrals.py``) and record the
figures. The network is synthetic: Jiangsu (13 cities, with Nantong's Tongzhou district
320612 among the counties) plus Linyi (371300) and Wuhu (340200), so that the national
baseline and all four plugins' referral rules apply. Each referral is checked in the most
specific installed jurisdiction of its sending institution.

Printed: batch throughput of :class:`ReferralChecker` (the bulk path), of plain
:func:`check_referral` on a sample, the latency distribution of single checks, and the
streaming throughput of ``read_referrals`` + checking from a CSV file.

Each figure stands beside its floor, measured in the same run:

- the national baseline's two referral rules through the library, against a plain loop
  applying the same two rules to the same referrals (same counts of pass, fail and
  not assessable, checked);
- parsing the CSV file with ``read_referrals``, against ``csv.DictReader`` over the file;
- ``medconsortium referral check`` on the CSV file as a whole process, against a script
  that only runs ``csv.DictReader`` over it (goal: ≤ 3.6×, ≥ 100k rows/s).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import startup

from medconsortium import (
    ClinicalPhase,
    Consortium,
    ConsortiumKind,
    Contract,
    Grade,
    Institution,
    InstitutionLevel,
    InstitutionType,
    Jurisdiction,
    MemberRole,
    Membership,
    Network,
    Ownership,
    Prescription,
    Referral,
    Registry,
    check_referral,
)
from medconsortium.engine.referral_checks import BatchReport, ReferralChecker, check_batch, check_records
from medconsortium.io.referral_io import read_referrals

# The synthetic geography invents county codes (numbered in every city as it needs), which
# the division table would refuse: only the structure of codes is checked, for this run and
# the commands it starts (see medconsortium.model.divisions).
os.environ.setdefault("MEDCONSORTIUM_DIVISIONS", "structure")

T = InstitutionType
L = InstitutionLevel

JIANGSU_CITIES = [f"32{n:02d}00" for n in range(1, 14)]
OTHER_CITIES = ["371300", "340200"]
SPECIALTIES = ["cardiology", "orthopaedics", "oncology", "paediatrics", "neurology", None]
PHASES = [*ClinicalPhase, None]


def _inst(
    id: str, type: InstitutionType, level: InstitutionLevel, division: str, grade: Grade | None = None
) -> Institution:
    return Institution(id, f"合成机构{id}", level, type, Ownership.GOVERNMENT, division, grade=grade)


def synthetic_network(counties_per_city: int = 6, townships: int = 12, villages: int = 4) -> Network:
    """Per city: two tertiary hospitals leading a city medical group with community
    centres; per county: a county hospital leading a county medical community of
    township health centres and village clinics, and a county TCM hospital outside it."""
    institutions: list[Institution] = []
    consortia: list[Consortium] = []
    for city in JIANGSU_CITIES + OTHER_CITIES:
        district = city[:4] + "02"
        t1, t2 = f"t1-{city}", f"t2-{city}"
        institutions += [
            _inst(t1, T.GENERAL_HOSPITAL, L.TERTIARY, district, Grade.A),
            _inst(t2, T.GENERAL_HOSPITAL, L.TERTIARY, district, Grade.B),
        ]
        chcs = [f"chc{k}-{city}" for k in range(8)]
        institutions += [_inst(c, T.COMMUNITY_HEALTH_CENTRE, L.UNRATED, district) for c in chcs]
        consortia.append(
            Consortium(
                f"cmg-{city}",
                f"合成城市医疗集团{city}",
                ConsortiumKind.CITY_MEDICAL_GROUP,
                city,
                (Membership(t1, MemberRole.LEAD), *(Membership(c) for c in chcs)),
            )
        )
        counties = [city[:4] + f"{12 + k:02d}" for k in range(counties_per_city)]
        for county in counties:
            ch, tcm = f"ch-{county}", f"tcm-{county}"
            institutions += [
                _inst(ch, T.COUNTY_HOSPITAL, L.SECONDARY, county, Grade.A),
                _inst(tcm, T.COUNTY_TCM_HOSPITAL, L.SECONDARY, county),
            ]
            members = [Membership(ch, MemberRole.LEAD)]
            for k in range(townships):
                thc = f"thc{k}-{county}"
                institutions.append(_inst(thc, T.TOWNSHIP_HEALTH_CENTRE, L.UNRATED, county))
                members.append(Membership(thc))
                for v in range(villages):
                    vc = f"vc{k}.{v}-{county}"
                    institutions.append(_inst(vc, T.VILLAGE_CLINIC, L.UNRATED, county))
                    members.append(Membership(vc))
            consortia.append(
                Consortium(
                    f"ccm-{county}",
                    f"合成医共体{county}",
                    ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
                    county,
                    tuple(members),
                )
            )
    return Network(tuple(institutions), tuple(consortia))


def synthetic_referrals(network: Network, n: int, seed: int = 20241123) -> list[Referral]:
    """A realistic mix: most referrals go up from primary care or down to it inside a
    county; some go to the city's tertiary hospitals; a few are lateral."""
    rng = random.Random(seed)
    by_county: dict[str, list[Institution]] = {}
    for inst in network.institutions:
        by_county.setdefault(inst.division, []).append(inst)
    counties = sorted(c for c in by_county if any(i.type is T.COUNTY_HOSPITAL for i in by_county[c]))
    start = dt.datetime(2024, 1, 1)
    out: list[Referral] = []
    for k in range(n):
        county = rng.choice(counties)
        city = county[:4] + "00"
        ch, tcm = f"ch-{county}", f"tcm-{county}"
        primary = rng.choice([i.id for i in by_county[county] if i.is_primary_care])
        tertiary = rng.choice([f"t1-{city}", f"t2-{city}"])
        roll = rng.random()
        if roll < 0.45:
            pair = (primary, ch)
        elif roll < 0.55:
            pair = (ch, tertiary)
        elif roll < 0.85:
            pair = (ch, primary)
        elif roll < 0.95:
            pair = (tertiary, ch)
        else:
            pair = (ch, tcm)
        out.append(
            Referral(
                f"r{k:07d}",
                # A letter in the middle: twelve hex digits may be all digits, and look
                # like a mobile number (refused as a patient key).
                f"pk-{rng.getrandbits(24):06x}g{rng.getrandbits(24):06x}",
                pair[0],
                pair[1],
                start + dt.timedelta(minutes=rng.randrange(366 * 24 * 60)),
                phase=rng.choice(PHASES),
                critical=rng.random() < 0.05,
                specialty=rng.choice(SPECIALTIES),
                contract=Contract(primary) if rng.random() < 0.4 else None,
                pooling_area=county if rng.random() < 0.8 else city,
                prescription=Prescription(rng.choice([14, 30, 60, 90])) if rng.random() < 0.3 else None,
                priority=rng.choice([True, False, None]),
                patient_choice=rng.choice([True, False, None]),
                out_of_area_indication=rng.choice([True, None]),
                reserved_resource=rng.choice([True, False, None]),
            )
        )
    return out


def jurisdiction_for(registry: Registry, division: str) -> Jurisdiction:
    """The most specific installed jurisdiction containing a division."""
    for code in (division, division[:4] + "00", division[:2] + "0000"):
        if code in registry.jurisdictions:
            return registry.jurisdictions[code].item
    return registry.jurisdiction("national")


def percentile(sorted_values: Sequence[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def timed(label: str, func: Callable[[], int]) -> float:
    begin = time.perf_counter()
    count = func()
    seconds = time.perf_counter() - begin
    print(f"{label}: {count:,} in {seconds:.2f} s = {count / seconds:,.0f} /s")
    return seconds


def national_floor(referrals: Sequence[Referral], network: Network) -> dict[str, int]:
    """The national baseline's two referral rules as a plain loop: the floor of checking.

    Direction by level (primary care below hospitals, continuing care below acute ones)
    and membership of a shared consortium, computed from dictionaries built once; the same
    outcomes as ``national.upward_priority`` and ``national.downward_phase``.
    """
    from medconsortium.model.referrals import direction_between
    from medconsortium.national import DOWNWARD_ELIGIBLE

    institutions = {i.id: i for i in network.institutions}
    # Per institution: (consortium, first day, last day) of each membership, the
    # consortium's own formation and dissolution folded in.
    spans: dict[str, list[tuple[str, dt.date, dt.date]]] = {}
    for c in network.consortia:
        for m in c.members:
            first = max(d for d in (c.formed, m.joined, dt.date.min) if d is not None)
            last = min(d for d in (c.dissolved, m.left, dt.date.max) if d is not None)
            spans.setdefault(m.institution, []).append((c.id, first, last))

    def active(institution: str, day: dt.date) -> set[str]:
        return {c for c, first, last in spans.get(institution, ()) if first <= day < last}

    direction: dict[tuple[str, str], object] = {}
    counts = {"pass": 0, "fail": 0, "not_assessable": 0}
    for r in referrals:
        key = (r.from_institution, r.to_institution)
        d = direction.get(key)
        if d is None:
            d = direction[key] = direction_between(institutions[key[0]], institutions[key[1]])
        name = getattr(d, "name", "")
        if name != "UPWARD" and name != "DOWNWARD":
            continue
        # Both rules judge only referrals within a consortium.
        day = r.time.date()
        if not active(key[0], day) & active(key[1], day):
            continue
        if name == "UPWARD":
            status = "not_assessable" if r.priority is None else ("pass" if r.priority else "fail")
            counts[status] += 1
        elif r.phase is None:
            counts["not_assessable"] += 1
        elif r.phase in DOWNWARD_ELIGIBLE:  # a permission: another phase gets no finding
            counts["pass"] += 1
    return counts


def _clean(value: object) -> object:
    # The network as its input file would hold it: no nulls or empty collections.
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None and v not in ({}, [], ())}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(_clean(v) for v in value)  # type: ignore[type-var]
    return value


def write_network(network: Network, path: Path) -> None:
    from medconsortium.io.converter import converter

    path.write_text(json.dumps(_clean(converter.unstructure(network)), default=str), encoding="utf-8")


DICTREADER = """\
import csv, sys
with open(sys.argv[1], encoding="utf-8", newline="") as handle:
    for _row in csv.DictReader(handle):
        pass
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="referrals (default 1,000,000)")
    parser.add_argument("--latency-sample", type=int, default=100_000)
    parser.add_argument("--file-records", type=int, default=200_000)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1, help="for check_batch")
    parser.add_argument("--repeat", type=int, default=3, help="batch runs; the best is shown")
    args = parser.parse_args()

    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor() or "?",
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs ({cpu})")

    registry = Registry.load()
    print(
        "plugins:",
        ", ".join(p.name for p in registry.plugins),
        f"({len(registry.referral_rules)} referral rules)",
    )
    network = synthetic_network()
    print(f"network: {len(network.institutions):,} institutions, {len(network.consortia):,} consortia")
    referrals = synthetic_referrals(network, args.n)
    checkers: dict[str, ReferralChecker] = {}
    for inst in network.institutions:
        j = jurisdiction_for(registry, inst.division)
        if j.code not in checkers:
            checkers[j.code] = ReferralChecker(network, registry, j)
    by_source = {i.id: checkers[jurisdiction_for(registry, i.division).code] for i in network.institutions}
    print("jurisdictions checked:", ", ".join(sorted(checkers)))
    # The million referrals live for the whole run: move them out of the collector's
    # way, as a long-running service does with its start-up data, so that the figures
    # measure checking and not full collections over the input.
    gc.collect()
    gc.freeze()

    groups: dict[str, list[Referral]] = {}
    for r in referrals:
        groups.setdefault(by_source[r.from_institution].jurisdiction.code, []).append(r)

    print(
        "referrals per jurisdiction:",
        ", ".join(f"{code} {len(group):,}" for code, group in sorted(groups.items())),
    )
    # Best of --repeat runs, as timeit does: the machine may be shared, and the best run
    # is the one least disturbed by others.
    for processes in sorted({1, args.processes}):
        best: dict[str, float] = {}
        total = BatchReport(registry.jurisdiction("national"), (), "memory")
        for _ in range(args.repeat):
            total = BatchReport(registry.jurisdiction("national"), (), "memory")
            for code, group in sorted(groups.items()):
                report = BatchReport(checkers[code].jurisdiction, registry.chain(code), "memory")
                begin = time.perf_counter()
                check_batch(group, checkers[code], report, processes)
                seconds = time.perf_counter() - begin
                best[code] = min(best.get(code, seconds), seconds)
                total.merge(report)
            assert total.records == len(referrals) and total.bad == 0
        seconds = sum(best.values())
        print(
            f"batch, check_batch, {processes} process(es): {len(referrals):,} in {seconds:.2f} s "
            f"= {len(referrals) / seconds:,.0f} /s (best of {args.repeat})"
        )
        print(
            "  per jurisdiction (/s): "
            + ", ".join(f"{code} {len(groups[code]) / best[code]:,.0f}" for code in sorted(groups))
        )
        print(f"  findings: {sum(total.statuses.values()):,} {total.statuses}")

    sample = referrals[: args.latency_sample]

    def plain() -> int:
        for r in sample:
            c = by_source[r.from_institution]
            check_referral(r, network, registry, c.jurisdiction)
        return len(sample)

    timed("batch, check_referral (uncached)", plain)

    def cached(r: Referral) -> object:
        return by_source[r.from_institution].check(r)

    def uncached(r: Referral) -> object:
        return check_referral(r, network, registry, by_source[r.from_institution].jurisdiction)

    runs: list[tuple[str, Callable[[Referral], object]]] = [
        ("ReferralChecker.check", cached),
        ("check_referral", uncached),
    ]
    for name, run in runs:
        latencies = []
        clock = time.perf_counter_ns
        for r in sample:
            begin = clock()
            run(r)
            latencies.append((clock() - begin) / 1000)
        latencies.sort()
        print(
            f"single-check latency, {name} (µs, n={len(latencies):,}): "
            f"p50 {percentile(latencies, 0.50):.1f}, p90 {percentile(latencies, 0.90):.1f}, "
            f"p99 {percentile(latencies, 0.99):.1f}, p99.9 {percentile(latencies, 0.999):.1f}, "
            f"max {latencies[-1]:.0f}, mean {statistics.fmean(latencies):.1f}"
        )

    # The national baseline alone, every referral checked at the national level.
    national = Registry.load(only=["national"])
    nation = national.jurisdiction("national")
    national_checker = ReferralChecker(network, national, nation)
    library_counts: dict[str, int] = {}
    floor_s = library_s = float("inf")
    for _ in range(args.repeat):
        begin = time.perf_counter()
        floor_counts = national_floor(referrals, network)
        floor_s = min(floor_s, time.perf_counter() - begin)
        report = BatchReport(nation, national.chain(nation.code), "memory")
        begin = time.perf_counter()
        check_batch(referrals, national_checker, report, 1)
        library_s = min(library_s, time.perf_counter() - begin)
        library_counts = {str(k.value if hasattr(k, "value") else k): n for k, n in report.statuses.items()}
    print(
        f"national rules only, 1 process: library {len(referrals) / library_s:,.0f} /s, "
        f"plain loop {len(referrals) / floor_s:,.0f} /s, ratio {library_s / floor_s:.1f}x "
        f"(best of {args.repeat})"
    )
    print(f"  library findings {library_counts}; plain loop {floor_counts}")
    if {k: v for k, v in library_counts.items() if v} != {k: v for k, v in floor_counts.items() if v}:
        raise SystemExit("the plain loop and the library disagree: the floor is not the same rules")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "referrals.csv"
        with path.open("w", encoding="utf-8") as handle:
            handle.write(
                "id,patient,from_institution,to_institution,time,phase,critical,priority,reserved_resource\n"
            )
            for r in referrals[: args.file_records]:
                phase = r.phase.value if r.phase else ""
                flag = "" if r.priority is None else str(r.priority).lower()
                res = "" if r.reserved_resource is None else str(r.reserved_resource).lower()
                handle.write(
                    f"{r.id},{r.patient},{r.from_institution},{r.to_institution},{r.time.isoformat()},"
                    f"{phase},{str(r.critical).lower()},{flag},{res}\n"
                )
        # One jurisdiction for the whole file, as the CLI does: Jiangsu.
        j = registry.jurisdiction("320000")
        report = BatchReport(j, registry.chain(j.code), str(path))
        checker = ReferralChecker(network, registry, j)

        def stream() -> int:
            check_records(read_referrals(path, network), checker, report)
            return report.records

        timed("stream CSV → parse → check (read_referrals + check_records)", stream)
        print(f"  bad records: {report.bad}")

        def parse_only() -> float:
            begin = time.perf_counter()
            for _r in read_referrals(path, network):
                pass
            return time.perf_counter() - begin

        def dictreader() -> float:
            begin = time.perf_counter()
            with path.open(encoding="utf-8", newline="") as handle:
                for _row in csv.DictReader(handle):
                    pass
            return time.perf_counter() - begin

        ours = min(parse_only() for _ in range(args.repeat))
        floor = min(dictreader() for _ in range(args.repeat))
        rows = args.file_records
        print(
            f"CSV parse only: read_referrals {rows / ours:,.0f} rows/s, "
            f"csv.DictReader {rows / floor:,.0f} rows/s, ratio {ours / floor:.1f}x"
        )

        network_file = Path(tmp) / "network.json"
        write_network(network, network_file)
        script = Path(tmp) / "dictreader.py"
        script.write_text(DICTREADER, encoding="utf-8")
        cli = [sys.executable, str(Path(sys.executable).with_name("medconsortium"))]
        command = [*cli, "referral", "check", str(path), "-n", str(network_file), "-j", "320000",
                   "--format", "json", "-o", str(Path(tmp) / "out.json")]  # fmt: skip
        # The command's process starts as an installed wheel's does, from bytecode (it is
        # not written under PYTHONDONTWRITEBYTECODE, so every module would be compiled at
        # each start, about 670M instructions: a quarter of a 10-row run).
        startup.compile_bytecode()
        whole = base = whole_cpu = base_cpu = float("inf")
        for _ in range(args.repeat):
            # CPU seconds of the child beside its wall time: on a machine others load, the
            # wall time of both sides wanders; the CPU time much less.
            before = _children_cpu()
            begin = time.perf_counter()
            done = subprocess.run(command, capture_output=True, check=False)
            whole = min(whole, time.perf_counter() - begin)
            whole_cpu = min(whole_cpu, _children_cpu() - before)
            if done.returncode not in (0, 1):
                raise SystemExit(f"referral check failed: {done.stderr.decode(errors='replace')}")
            before = _children_cpu()
            begin = time.perf_counter()
            subprocess.run([sys.executable, str(script), str(path)], check=True)
            base = min(base, time.perf_counter() - begin)
            base_cpu = min(base_cpu, _children_cpu() - before)
        print(
            f"whole process, referral check of {rows:,} rows: {whole:.2f} s = {rows / whole:,.0f} rows/s; "
            f"csv.DictReader script {base:.2f} s; ratio {whole / base:.1f}x (best of {args.repeat})"
        )
        print(
            f"  CPU time: referral check {whole_cpu:.2f} s = {rows / whole_cpu:,.0f} rows/s; "
            f"csv.DictReader script {base_cpu:.2f} s; ratio {whole_cpu / base_cpu:.1f}x"
        )
        if (os.cpu_count() or 1) >= 2 and shutil.which("taskset"):
            # The same command held to one CPU: referral check then reads and checks the
            # whole file in one process (it cuts a large file in two only with two CPUs).
            one = one_cpu = float("inf")
            for _ in range(args.repeat):
                before = _children_cpu()
                begin = time.perf_counter()
                done = subprocess.run(["taskset", "-c", "0", *command], capture_output=True, check=False)
                one = min(one, time.perf_counter() - begin)
                one_cpu = min(one_cpu, _children_cpu() - before)
                if done.returncode not in (0, 1):
                    raise SystemExit(f"referral check failed: {done.stderr.decode(errors='replace')}")
            print(
                f"  held to 1 CPU (taskset -c 0): {one:.2f} s = {rows / one:,.0f} rows/s, "
                f"ratio {one / base:.1f}x; "
                f"CPU {one_cpu:.2f} s, ratio {one_cpu / base_cpu:.1f}x (the figures above use 2 processes)"
            )


def _children_cpu() -> float:
    """User and system CPU seconds of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
