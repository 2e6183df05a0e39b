"""The report's templates ship in the wheel (they are package data, not Python)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "src/medconsortium/report/templates"


def test_the_wheel_carries_the_templates(wheel_of: Callable[[str], Path]) -> None:
    wheel = wheel_of(".")
    shipped = sorted(TEMPLATES.iterdir())
    assert {p.name for p in shipped} >= {"report.html.j2", "report.css"}
    with zipfile.ZipFile(wheel) as archive:
        for path in shipped:
            member = f"medconsortium/report/templates/{path.name}"
            assert archive.read(member) == path.read_bytes()
