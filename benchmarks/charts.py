"""Chart libraries compared, for the HTML report's charts (README *Dependencies*).

Not a test: run it by hand (``.venv/bin/python benchmarks/charts.py``, and
``--other-python PATH`` for an interpreter that has pygal and matplotlib installed, which
the project does not depend on). Each library draws the same line chart (five years, a
target line, a deadline) in a fresh process, twice; printed per library: the time to
import it and draw the first chart (beside the floor, a bare interpreter's start-up,
measured in the same run, and the ratio), the bytes of one chart, whether two processes
wrote the same bytes, and whether the output refers to the network.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time

YEARS = [2021, 2022, 2023, 2024, 2025]
VALUES = [85.2, 86.0, 87.4, 88.1, 88.6]

DRAW = {
    "hand-written SVG (medconsortium.report.charts + template)": f"""
from medconsortium.model.labels import Label
from medconsortium.report.charts import _chart
from medconsortium.report.html import _ENV
from medconsortium.report.view import number
from medconsortium.policy.targets import Operator
c = _chart("chart-1", Label("县域住院率", "county inpatient rate"), "通州区", "%",
           list(zip({YEARS}, {VALUES})), 90.0, Operator.AT_LEAST, 2025)
# the template's figure element alone: what one chart adds to the page
src = _ENV.loader.get_source(_ENV, "report.html.j2")[0]
fig = src[src.index('<figure class="chart">'):src.index('</figure>') + 9]
geometry = {{"width": 640, "height": 260, "left": 64, "right": 616, "top": 36, "bottom": 220}}
out = _ENV.from_string(fig).render(c=c, L=Label, lang="zh", number=number, geometry=geometry)
""",
    "pygal": f"""
import pygal
chart = pygal.Line(width=640, height=260, show_legend=False, disable_xml_declaration=True)
chart.title = "县域住院率"
chart.x_labels = [str(y) for y in {YEARS}]
chart.add("value", {VALUES})
chart.add("target", [90] * 5)
out = chart.render(is_unicode=True)
""",
    "matplotlib": f"""
import io
import matplotlib
matplotlib.use("svg")
import matplotlib.pyplot as plt
plt.rcParams["svg.hashsalt"] = "medconsortium"
plt.rcParams["svg.fonttype"] = "none"
fig, ax = plt.subplots(figsize=(6.4, 2.6))
ax.plot({YEARS}, {VALUES}, marker="o")
ax.axhline(90, linestyle="--")
ax.axvline(2025, linestyle=":")
ax.set_title("县域住院率")
buf = io.StringIO()
fig.savefig(buf, format="svg", metadata={{"Date": None}})
out = buf.getvalue()
""",
}
RUN = """
import time, json, sys, warnings
warnings.simplefilter("ignore")
{preload}
t0 = time.perf_counter()
{draw}
t1 = time.perf_counter()
print(json.dumps({{"ms": 1000 * (t1 - t0), "out": out}}))
"""


def _run(python: str, code: str) -> dict[str, object] | None:
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--other-python", help="an interpreter with pygal and matplotlib")
    args = parser.parse_args()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    floor_ms = 1000 * (time.perf_counter() - t0)
    print(f"floor: bare interpreter start-up {floor_ms:.0f} ms (whole process, for scale)")
    columns = ["library", "import + first chart ms", "× floor", "bytes per chart", "same bytes twice"]
    print("| " + " | ".join([*columns, "refers to network"]) + " |")
    print("|---|---|---|---|---|---|")
    for name, draw in DRAW.items():
        python = sys.executable if name.startswith("hand") else (args.other_python or sys.executable)
        # The core is loaded anyway when a report is drawn: not counted against the charts.
        # So is Jinja2 with the report's template, which the HTML report needs in any case.
        preload = (
            "import medconsortium.engine.evaluation\nfrom medconsortium.report.html import _ENV\n"
            "_ENV.get_template('report.html.j2')"
            if name.startswith("hand")
            else ""
        )
        code = RUN.format(draw=draw, preload=preload)
        first, second = _run(python, code), _run(python, code)
        if first is None or second is None:
            print(f"| {name} | not installed | | | | |")
            continue
        out = str(first["out"])
        # XML namespaces name the W3C's addresses without fetching them: not counted.
        network = bool(re.search(r"(https?:)?//(?!www\.w3\.org)[\w.-]+\.\w+/", out))
        print(
            f"| {name} | {float(str(first['ms'])):.0f} | {float(str(first['ms'])) / floor_ms:.1f} | "
            f"{len(out.encode()):,} | "
            f"{'yes' if out == second['out'] else 'no'} | {'yes' if network else 'no'} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
