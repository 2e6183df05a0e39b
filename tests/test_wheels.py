"""Each distribution's wheel carries the text of the document it encodes, and its coverage map."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("folder", "member"),
    [
        (".", "medconsortium/national/national-guoweiyifa-2016-75.txt"),
        ("plugins/jiangsu", "medconsortium_jiangsu/jiangsu-suweiyizheng-2019-17.txt"),
        ("plugins/linyi", "medconsortium_linyi/linyi-linzhengbanfa-2017-60.txt"),
        ("plugins/wuhu", "medconsortium_wuhu/wuhu-wuyigaizu-2019-7.txt"),
        ("plugins/tongzhou", "medconsortium_tongzhou/tongzhou-tongzhengbanfa-2024-20.txt"),
    ],
)
def test_the_wheel_contains_the_text(wheel_of: Callable[[str], Path], folder: str, member: str) -> None:
    # The build backend comes from the lock (hatchling), so no network is needed.
    wheel = wheel_of(folder)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert member in names
        installed = archive.read(member).decode("utf-8")
        # ... and the coverage map beside it
        coverage_map = member.replace(".txt", ".coverage.toml")
        assert coverage_map in names
        shipped_map = archive.read(coverage_map).decode("utf-8")
    assert installed == (ROOT / folder / "src" / member).read_text(encoding="utf-8")
    assert shipped_map == (ROOT / folder / "src" / coverage_map).read_text(encoding="utf-8")
