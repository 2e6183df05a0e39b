"""Start-up benchmark: how long the ``medconsortium`` command takes before it does any work.

Not a test: run it by hand (``make bench`` or ``.venv/bin/python benchmarks/startup.py``)
and record the figures in the README. Each command runs as a whole process, the way a
user or a shell script starts it, and beside it, interleaved run by run so that both see
the same machine, runs its floor: a minimal click program with ``--version`` and nothing
else, started by the same interpreter. Printed per command: the median and the best wall
time of ``--runs`` runs, the floor's, and the ratio of medians (the figure the goals are
set in: ``--version`` ≤ 1.5× the floor, ``rules tongzhou --format json`` ≤ 2.7×), then the
same ratio in CPU seconds (user + system of each process), which a machine loaded by
others disturbs less: there a process that is preempted waits longer the more it does.

``-X importtime`` breaks a command's start-up down by module: ``--importtime`` prints the
ten modules that cost most, cumulative, for ``--version``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = '''\
import click


@click.command()
@click.version_option("0.0.0")
def main() -> None:
    """A minimal click program: the floor any click command starts from."""


main()
'''

COMMANDS: dict[str, list[str]] = {
    "--version": ["--version"],
    "rules tongzhou --format json": ["rules", "tongzhou", "--format", "json"],
}


#: Prints the source folders of the package and of every installed plugin.
_SOURCES = """\
import importlib, importlib.metadata as md, pathlib
names = ["medconsortium"] + [e.module.split(".")[0] for e in md.entry_points(group="medconsortium")]
for name in dict.fromkeys(names):
    print(pathlib.Path(importlib.import_module(name).__file__).parent)
"""


def compile_bytecode() -> None:
    """Bytecode for the package and its plugins, as an installed wheel has it (pip compiles
    on install; click, the floor, is compiled so): an editable install under
    PYTHONDONTWRITEBYTECODE would otherwise compile every module at every start."""
    sources = subprocess.run(
        [sys.executable, "-c", _SOURCES], capture_output=True, text=True, check=True
    ).stdout.split()
    subprocess.run([sys.executable, "-m", "compileall", "-q", *sources], check=True)


def _cli() -> list[str]:
    # The console script of the same environment, run by the same interpreter.
    script = Path(sys.executable).with_name("medconsortium")
    if script.exists():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "medconsortium"]


def _run(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one process."""
    begin = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), argv)
    return time.perf_counter() - begin, usage.ru_utime + usage.ru_stime


def _importtime(argv: list[str], top: int = 10) -> list[tuple[float, str]]:
    done = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]], capture_output=True, text=True, check=True
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
        if not name.startswith(" ") and "." not in name.strip():  # top-level packages only
            rows.append((int(cumulative) / 1e6, name.strip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs ({platform.machine()})")
    cli = _cli()
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR, encoding="utf-8")
        floor = [sys.executable, str(floor_script), "--version"]
        for argv in (floor, [*cli, "--version"]):  # warm the file cache once
            _run(argv)
        print(
            f"{'command':<32} {'median s':>9} {'best s':>7} {'floor median s':>15} {'ratio':>6}"
            f" {'CPU s':>6} {'floor CPU s':>11} {'CPU ratio':>9}"
        )
        for name, extra in COMMANDS.items():
            ours: list[tuple[float, float]] = []
            base: list[tuple[float, float]] = []
            for _ in range(args.runs):
                ours.append(_run([*cli, *extra]))
                base.append(_run(floor))
            wall, floor_wall = ([w for w, _c in runs] for runs in (ours, base))
            cpu, floor_cpu = (statistics.median(c for _w, c in runs) for runs in (ours, base))
            ratio = statistics.median(wall) / statistics.median(floor_wall)
            print(
                f"{name:<32} {statistics.median(wall):>9.3f} {min(wall):>7.3f} "
                f"{statistics.median(floor_wall):>15.3f} {ratio:>5.1f}x"
                f" {cpu:>6.3f} {floor_cpu:>11.3f} {cpu / floor_cpu:>8.1f}x"
            )
    if args.importtime:
        print("slowest top-level imports for --version (cumulative s):")
        for seconds, module in _importtime([*cli, "--version"]):
            print(f"  {seconds:6.3f} {module}")


if __name__ == "__main__":
    main()
