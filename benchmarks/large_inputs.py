"""Memory and time of loading very large network files (JSON, CSV, YAML).

Writes synthetic networks of about ``--mib`` MiB (default 191, the size of the issue's
files) and of a quarter of that, loads each with ``api.open_network`` in a fresh process,
and prints the load time, the peak resident memory and its ratio to the file's size,
beside floors measured in the same run: reading the file's bytes, (JSON) the bare
``json.loads`` of it, and the model's own floor: the same institutions built in memory
with no file at all, in a tuple and indexed by id (``objects``), which a loaded network
cannot go below. YAML is read from its events (``medconsortium.io.yaml_events``).

Goals (issue 19): peak memory at most 3x the file for JSON and CSV, 5x for YAML; time
linear in size (the per-MiB figures of the two sizes should match).

    python benchmarks/large_inputs.py            # about 5 minutes on 2 cores
    python benchmarks/large_inputs.py --mib 40   # a quicker look
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# The synthetic geography invents county codes (numbered in every city as it needs), which
# the division table would refuse: only the structure of codes is checked, for this run and
# the commands it starts (see medconsortium.model.divisions).
os.environ.setdefault("MEDCONSORTIUM_DIVISIONS", "structure")

COLUMNS = ("id", "name", "level", "type", "ownership", "division", "township")
TYPES = (
    ("tertiary", "general_hospital"),
    ("secondary", "county_hospital"),
    ("unrated", "township_health_centre"),
    ("unrated", "village_clinic"),
    ("unrated", "village_clinic"),
    ("unrated", "community_health_station"),
)
PER_CONSORTIUM = 200


def _institution(n: int) -> dict[str, str]:
    level, type_ = TYPES[n % len(TYPES)]
    county = n // 5000
    city, county_no = 1 + (county // 60) % 70, 1 + county % 60
    return {
        "id": f"inst-{n:08d}",
        "name": f"示例县第{n}号医疗卫生机构",
        "level": level,
        "type": type_,
        "ownership": "government",
        "division": f"32{city:02d}{county_no:02d}",
        "township": f"示例镇{n % 40}",
    }


def _consortium(k: int, count: int) -> dict[str, Any]:
    first = k * PER_CONSORTIUM
    members: list[Any] = [{"institution": f"inst-{first:08d}", "role": "lead"}]
    members += [f"inst-{n:08d}" for n in range(first + 1, min(first + PER_CONSORTIUM, count))]
    return {
        "id": f"cons-{k:06d}",
        "name": f"示例医联体{k}",
        "kind": "specialty_alliance",
        "division": _institution(first)["division"],
        "specialty": "cardiology",
        "members": members,
    }


def _count_for(target_bytes: int, fmt: str) -> int:
    # Bytes per institution of each writer, measured on the writers below.
    per = {"json": 203, "yaml": 232, "csv": 111}[fmt]
    return max(target_bytes // per, PER_CONSORTIUM)


def write(folder: Path, fmt: str, target_bytes: int) -> tuple[Path, int]:
    """A network of about ``target_bytes`` in ``fmt``; (file to load, institutions)."""
    count = _count_for(target_bytes, fmt)
    consortia = count // (PER_CONSORTIUM * 10)  # every tenth block of institutions forms one
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with (folder / "institutions.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            for n in range(count):
                inst = _institution(n)
                writer.writerow([inst[c] for c in COLUMNS])
        network = folder / "network.json"
        cons = [_consortium(k * 10, count) for k in range(consortia)]
        network.write_text(
            json.dumps({"institutions": "institutions.csv", "consortia": cons}), encoding="utf-8"
        )
        return network, count
    path = folder / f"network.{fmt}"
    with path.open("w", encoding="utf-8") as handle:
        if fmt == "json":
            handle.write('{"institutions": [\n')
            for n in range(count):
                handle.write(("," if n else "") + json.dumps(_institution(n), ensure_ascii=False) + "\n")
            handle.write('], "consortia": [\n')
            handle.write(",\n".join(json.dumps(_consortium(k * 10, count)) for k in range(consortia)))
            handle.write("]}\n")
        else:
            handle.write("institutions:\n")
            for n in range(count):
                inst = _institution(n)
                handle.write("  - {" + ", ".join(f"{k}: {v}" for k, v in inst.items()) + "}\n")
            handle.write("consortia:\n")
            for k in range(consortia):
                handle.write("  - " + json.dumps(_consortium(k * 10, count), ensure_ascii=False) + "\n")
    return path, count


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: Path, what: str) -> dict[str, Any]:
    """Runs in the child: load the network (or a floor) and report time and peak memory."""
    from medconsortium import InputError, api

    registry = api.load_registry(only=())
    baseline = _peak_mib()
    t0 = time.perf_counter()
    result: dict[str, Any] = {}
    if what == "read":
        result["bytes"] = len(path.read_bytes())
    elif what == "json.loads":
        result["items"] = len(json.loads(path.read_bytes())["institutions"])
    elif what.startswith("objects:"):
        result["institutions"] = _objects(int(what.split(":")[1]))
    else:
        try:
            network = api.open_network(path, registry)
            result["institutions"] = len(network.institutions)
        except InputError as exc:
            result["refused"] = str(exc)
    result["seconds"] = time.perf_counter() - t0
    result["peak_mib"] = _peak_mib()
    result["baseline_mib"] = baseline
    return result


def _objects(count: int) -> int:
    """The model's own floor: the same institutions built in memory (no file, no checks),
    held in a tuple and indexed by id, as a loaded network holds them."""
    from medconsortium import Institution, InstitutionLevel, InstitutionType, Ownership

    def build(n: int) -> Institution:
        data = _institution(n)
        return Institution(
            data["id"],
            data["name"],
            InstitutionLevel(data["level"]),
            InstitutionType(data["type"]),
            Ownership(data["ownership"]),
            sys.intern(data["division"]),
            sys.intern(data["township"]),
        )

    institutions = tuple(build(n) for n in range(count))
    by_id = {i.id: i for i in institutions}
    return len(by_id)


def _child(path: Path, what: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(path), "--what", what],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _size(path: Path) -> int:
    total = path.stat().st_size
    if path.suffix == ".json" and (path.parent / "institutions.csv").exists():
        total += (path.parent / "institutions.csv").stat().st_size
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--mib", type=float, default=191.0, help="size of the large files (default 191)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--what", default="load", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.measure, args.what)))
        return
    from medconsortium.io.limits import MAX_YAML_BYTES

    target = int(args.mib * 2**20)
    print(f"{'file':<26} {'MiB':>7} {'institutions':>12} {'load s':>7} {'s/MiB':>6} {'peak MiB':>9} "
          f"{'x file':>6} {'floor':<18} {'floor s':>7} {'floor MiB':>9} {'x floor':>7} "
          f"{'objects MiB':>11} {'x file':>6} {'x objects':>9}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="large-inputs-") as name:
        root = Path(name)
        plan = [
            ("json", target // 4),
            ("json", target),
            ("csv", target // 4),
            ("csv", target),
            ("yaml", target // 4),
            ("yaml", min(target, MAX_YAML_BYTES - 2**20)),
        ]
        for fmt, size in plan:
            folder = root / f"{fmt}-{size}"
            path, count = write(folder, fmt, size)
            mib = _size(path) / 2**20
            loaded = _child(path, "load")
            floor_kind = "json.loads" if fmt == "json" else "read bytes"
            floor_file = path if fmt != "csv" else path.parent / "institutions.csv"
            floor = _child(floor_file, "json.loads" if fmt == "json" else "read")
            objects = _child(floor_file, f"objects:{count}")
            label = f"{fmt} ({mib:.0f} MiB)"
            if "refused" in loaded:
                print(
                    f"{label:<26} {mib:7.1f} {'refused':>12} {loaded['seconds']:7.2f}   "
                    f"({loaded['refused'][-70:]})"
                )
                continue
            print(
                f"{label:<26} {mib:7.1f} {loaded['institutions']:12,} {loaded['seconds']:7.2f} "
                f"{loaded['seconds'] / mib:6.3f} {loaded['peak_mib']:9.0f} {loaded['peak_mib'] / mib:6.2f} "
                f"{floor_kind:<18} {floor['seconds']:7.2f} {floor['peak_mib']:9.0f} "
                f"{loaded['peak_mib'] / floor['peak_mib']:7.2f} "
                f"{objects['peak_mib']:11.0f} {objects['peak_mib'] / mib:6.2f} "
                f"{loaded['peak_mib'] / objects['peak_mib']:9.2f}"
            )
            sys.stdout.flush()
            for child in folder.iterdir():
                child.unlink()


if __name__ == "__main__":
    main()
