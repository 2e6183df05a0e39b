"""Core benchmark: load + validate + assess a synthetic province at 1x, 4x and 16x.

Not a test: run it by hand (``make bench`` or ``.venv/bin/python benchmarks/core.py``)
and record the figures in the README. The data come from ``benchmarks/generate.py``
(scale 1: one province of about 40,000 institutions, 400 consortia, 13 cities, 100
counties and 5 years of statistics). The network is read from JSON, the statistics from
CSV, through the same API calls the command line uses.

Each scale runs in a fresh Python process, so that its peak memory (maximum resident set
size) is its own; the files are written before that process starts. Printed per scale:
institutions, consortia, statistics records, the seconds spent loading (network and
statistics, checked against the registry), validating (rules), assessing (targets and
rules of the year), their total in wall-clock seconds and in CPU seconds of the process
(steadier on a busy machine), the peak memory, and the CPU cost per 1,000 institutions,
which stays flat when growth is linear.

Beside each figure stands its floor, measured in the same process and interleaved run by
run: parsing the same two files and nothing else (``json.loads`` of the network, one pass
of ``csv.reader`` over the statistics), with the ratio library / floor (goal ≤ 3×). The
same comparison as whole processes: ``medconsortium assess`` on the files against a
script that only parses them (goal ≤ 3.5×). The last line gives the largest scale's time
over the smallest's, against the ratio of their sizes (linear growth: ≤ 16.5× at 16x).
Both ratios are printed again in CPU seconds (the process's own, and ``getrusage`` of the
child processes), which a machine loaded by others disturbs less than wall-clock time.

Options: ``--scales 1 4 16``, ``--jurisdiction 320000`` (the level assessed: every rule
and target that applies there, national ones included), ``--plugins`` (only these
installed plugins; default all), ``--year 2024``, ``--repeat N`` (best of N).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import generate
import startup


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _peak_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def measure(
    folder: Path, jurisdiction: str, year: int, plugins: list[str] | None, repeat: int
) -> dict[str, Any]:
    """Time one scale (runs in the child process)."""
    from medconsortium import api, assess, validate

    registry = api.load_registry(only=plugins)
    where = registry.jurisdiction(jurisdiction)
    baseline = _peak_mib()
    best: dict[str, float] = {}
    counts: dict[str, int] = {}
    floor = floor_cpu = float("inf")
    for _ in range(repeat):
        c_floor = time.process_time()
        floor = min(floor, parse_floor(folder))
        floor_cpu = min(floor_cpu, time.process_time() - c_floor)
        c0 = time.process_time()
        t0 = time.perf_counter()
        network = api.open_network(folder / "network.json", registry)
        statistics = api.open_statistics(folder / "statistics.csv", registry)
        t1 = time.perf_counter()
        checked = validate(network, registry, where, as_of=dt.date(year, 12, 31))
        t2 = time.perf_counter()
        report = assess(network, statistics, registry, where, year)
        t3 = time.perf_counter()
        run = {"load": t1 - t0, "validate": t2 - t1, "assess": t3 - t2}
        run["total"] = sum(run.values())
        run["cpu"] = time.process_time() - c0
        if not best or run["total"] < best["total"]:
            best = run
        counts = {
            "institutions": len(network.institutions),
            "consortia": len(network.consortia),
            "records": len(statistics.records),
            "findings": len(checked.findings),
            "results": len(report.targets) + len(report.findings),
        }
        # Free this run's objects before the next one starts its clock: otherwise the next
        # load pays for deallocating this network (0.04 s at 1x, 0.6-0.8 s at 16x, measured
        # 2026-12-04), work no single load does.
        del network, statistics, checked, report
        gc.collect()
    return {
        **best,
        **counts,
        "floor": floor,
        "floor_cpu": floor_cpu,
        "baseline_mib": baseline,
        "peak_mib": _peak_mib(),
        "plugins": [p.name for p in registry.plugins],
    }


def parse_floor(folder: Path) -> float:
    """Seconds to parse the same files and nothing else: the floor of loading."""
    begin = time.perf_counter()
    json.loads((folder / "network.json").read_text(encoding="utf-8"))
    with (folder / "statistics.csv").open(encoding="utf-8", newline="") as handle:
        for _row in csv.reader(handle):
            pass
    return time.perf_counter() - begin


PARSE_ONLY = """\
import csv, json, sys
from pathlib import Path
folder = Path(sys.argv[1])
json.loads((folder / "network.json").read_text(encoding="utf-8"))
with (folder / "statistics.csv").open(encoding="utf-8", newline="") as handle:
    for _row in csv.reader(handle):
        pass
"""


def processes(folder: Path, args: argparse.Namespace) -> tuple[float, float]:
    """Best wall seconds of ``medconsortium assess`` on the files, and of a script that only
    parses them, run alternately ``--repeat`` times (at least 3)."""
    cli = [sys.executable, str(Path(sys.executable).with_name("medconsortium"))]
    if args.plugins is not None:
        cli += ["--plugins", args.plugins]
    assess = [
        *cli,
        "assess",
        str(folder / "network.json"),
        "--stats",
        str(folder / "statistics.csv"),
        "-j",
        args.jurisdiction,
        "--year",
        str(args.year),
        "--format",
        "json",
        "-o",
        str(folder / "report.json"),
    ]
    parse = [sys.executable, "-c", PARSE_ONLY, str(folder)]
    ours, floor = [float("inf")] * 2, [float("inf")] * 2
    for _ in range(max(3, args.repeat)):
        begin, cpu = time.perf_counter(), _children_cpu()
        done = subprocess.run(assess, capture_output=True, check=False)
        ours = [min(ours[0], time.perf_counter() - begin), min(ours[1], _children_cpu() - cpu)]
        if done.returncode not in (0, 1):
            raise SystemExit(f"assess failed: {done.stderr.decode(errors='replace')}")
        begin, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(parse, check=True)
        floor = [min(floor[0], time.perf_counter() - begin), min(floor[1], _children_cpu() - cpu)]
    return ours[0], floor[0], ours[1], floor[1]


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes: steadier than wall
    time on a machine that others load."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _child(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--measure",
        str(folder),
        "--jurisdiction",
        args.jurisdiction,
        "--year",
        str(args.year),
        "--repeat",
        str(args.repeat),
    ]
    if args.plugins is not None:
        command += ["--plugins", args.plugins]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--jurisdiction", default=generate.PROVINCE)
    parser.add_argument("--year", type=int, default=generate.YEARS[-1])
    parser.add_argument("--plugins", help="comma-separated installed plugins to load (default: all)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    only = None if args.plugins is None else [p for p in args.plugins.split(",") if p]
    if args.measure is not None:
        print(json.dumps(measure(args.measure, args.jurisdiction, args.year, only, args.repeat)))
        return

    print(f"machine: {os.cpu_count()} CPUs, {_cpu_model()}; Python {platform.python_version()}")
    print(f"jurisdiction {args.jurisdiction}, year {args.year}, best of {args.repeat}")
    header = (
        f"{'scale':>5} {'institutions':>12} {'consortia':>9} {'records':>8} "
        f"{'load s':>7} {'validate s':>10} {'assess s':>8} {'total s':>7} {'CPU s':>6} {'peak MiB':>8} "
        f"{'CPU ms/1k inst':>14} {'parse s':>7} {'ratio':>6} "
        f"{'process s':>9} {'parse-only s':>12} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    # The command line's processes start as an installed wheel's do, from bytecode (it is
    # not written under PYTHONDONTWRITEBYTECODE, so every module was compiled at each start).
    startup.compile_bytecode()
    totals: dict[int, float] = {}
    totals_cpu: dict[int, float] = {}
    floors: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="medconsortium-bench-") as tmp:
        for scale in args.scales:
            folder = Path(tmp) / f"x{scale}"
            generate.write(folder, scale, args.seed)
            r = _child(args, folder)
            ours, floor, ours_cpu, floor_cpu = processes(folder, args)
            totals[scale] = r["total"]
            totals_cpu[scale] = r["cpu"]
            floors[scale] = r["floor"]
            per_k = 1000 * r["cpu"] / (r["institutions"] / 1000)
            print(
                f"{scale:>4}x {r['institutions']:>12,} {r['consortia']:>9,} {r['records']:>8,} "
                f"{r['load']:>7.2f} {r['validate']:>10.2f} {r['assess']:>8.2f} {r['total']:>7.2f} "
                f"{r['cpu']:>6.2f} {r['peak_mib']:>8.0f} {per_k:>14.1f} "
                f"{r['floor']:>7.2f} {r['total'] / r['floor']:>5.1f}x "
                f"{ours:>9.2f} {floor:>12.2f} {ours / floor:>5.1f}x",
                flush=True,
            )
            print(
                f"{'':>5} in CPU seconds: library {r['cpu']:.2f}, parse floor {r['floor_cpu']:.2f} "
                f"({r['cpu'] / r['floor_cpu']:.1f}x); processes: assess {ours_cpu:.2f}, "
                f"parse-only {floor_cpu:.2f} ({ours_cpu / floor_cpu:.1f}x)",
                flush=True,
            )
    print(f"plugins: {', '.join(r['plugins'])}")
    small, large = min(totals), max(totals)
    if large != small:
        print(
            f"growth: {large}x takes {totals[large] / totals[small]:.1f}x the time of {small}x "
            f"(linear: {large / small:.0f}x); in CPU seconds {totals_cpu[large] / totals_cpu[small]:.1f}x"
        )
        # The floor grows too: parsing alone builds objects in proportion to the input, and
        # past the L3 cache each of them costs more to reach.
        print(
            f"growth of the parse floor in the same run: {floors[large] / floors[small]:.1f}x; "
            f"the library's growth over the floor's: "
            f"{(totals[large] / totals[small]) / (floors[large] / floors[small]):.2f}"
        )


if __name__ == "__main__":
    main()
