"""The report's templates ship in the wheel (they are package data, not Python)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "src/medconsortium/report/templates"


def test_the_wheel_carries_the_templates(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("medconsortium-*.whl")
    shipped = sorted(TEMPLATES.iterdir())
    assert {p.name for p in shipped} >= {"report.html.j2", "report.css"}
    with zipfile.ZipFile(wheel) as archive:
        for path in shipped:
            member = f"medconsortium/report/templates/{path.name}"
            assert archive.read(member) == path.read_bytes()
