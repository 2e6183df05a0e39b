"""Write the Tongzhou example as Excel workbooks, from its YAML files.

    .venv/bin/python scripts/example_workbooks.py

writes ``tongzhou-network.xlsx`` and ``tongzhou-statistics.xlsx`` beside the YAML files
of the Tongzhou plugin. The workbooks are committed; a test regenerates them and checks
the bytes are the same, and that they assess to the same findings as the YAML files.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from medconsortium import api
from medconsortium.io.loading import read_structured
from medconsortium.io.xlsx import network_workbook, statistics_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "plugins/tongzhou/src/medconsortium_tongzhou/examples"


def workbooks(folder: Path = EXAMPLES) -> dict[str, bytes]:
    """File name to bytes of each workbook."""
    registry = api.load_registry()
    network: Any = read_structured(folder / "tongzhou-network.yaml")
    stats: Any = read_structured(folder / "tongzhou-statistics.yaml")
    used: list[str] = []
    for record in stats["records"]:
        used += [m for m in record["values"] if m not in used]
    metrics = []
    for key in used:
        metric = registry.metrics[key].item
        metrics.append((key, metric.label.zh, metric.unit))
    facts = sorted(key for key, e in registry.facts.items() if e.item.kind.value == "fact")
    return {
        "tongzhou-network.xlsx": network_workbook(network, facts),
        "tongzhou-statistics.xlsx": statistics_workbook(metrics, stats["records"], stats),
    }


def main() -> int:
    for name, content in workbooks().items():
        (EXAMPLES / name).write_bytes(content)
        print(f"wrote {EXAMPLES / name} ({len(content):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
