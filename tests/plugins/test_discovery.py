"""The cache of entry points: the same answer as importlib.metadata, rebuilt whenever the
installation changes, and never in the way when it cannot be kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from medconsortium.plugins import manager
from medconsortium.plugins.discovery import CachedDistribution, CachedEntryPoint, entry_points_cached


class Found:
    def __init__(self, name: str, value: str, dist: str, version: str) -> None:
        self.name, self.value, self.dist = name, value, CachedDistribution(dist, version)


def _counting(points: list[Found]) -> tuple[list[int], Any]:
    calls = [0]

    def discover(group: str) -> list[Found]:
        calls[0] += 1
        return points

    return calls, discover


def test_the_second_start_reads_the_cache_and_gives_the_same_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEDCONSORTIUM_CACHE_DIR", str(tmp_path))
    calls, discover = _counting([Found("jsonish", "json:dumps", "dist-a", "1.2.3")])
    first = entry_points_cached("medconsortium", discover)
    second = entry_points_cached("medconsortium", discover)
    assert calls == [1]
    assert second == [CachedEntryPoint("jsonish", "json:dumps", CachedDistribution("dist-a", "1.2.3"))]
    assert [p.name for p in first] == ["jsonish"] and second[0].load()({}) == "{}"


def test_a_change_to_the_installation_rebuilds_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDCONSORTIUM_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    calls, discover = _counting([])
    entry_points_cached("medconsortium", discover)
    (site / "new_plugin-1.0.dist-info").mkdir()  # what installing a distribution does
    stat = os.stat(site)
    os.utime(site, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    entry_points_cached("medconsortium", discover)
    assert calls == [2]
    monkeypatch.setattr(sys, "path", [*sys.path, str(tmp_path)])  # another path: another key
    entry_points_cached("medconsortium", discover)
    assert calls == [3]


def test_starting_in_turns_from_two_folders_reads_the_cache_for_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The console script's folder and a benchmark's come first on the path in turns.
    monkeypatch.setenv("MEDCONSORTIUM_CACHE_DIR", str(tmp_path / "cache"))
    calls, discover = _counting([Found("p", "json:dumps", "d", "1")])
    starts = [str(tmp_path / "bin"), str(tmp_path / "benchmarks")]
    rest = list(sys.path)
    for first in [*starts, *starts, *starts]:
        monkeypatch.setattr(sys, "path", [first, *rest])
        assert [p.name for p in entry_points_cached("medconsortium", discover)] == ["p"]
    assert calls == [2]
    for n in range(10):  # a few keys are kept, not every one ever seen
        monkeypatch.setattr(sys, "path", [str(tmp_path / f"other-{n}"), *rest])
        entry_points_cached("medconsortium", discover)
    (cache,) = (tmp_path / "cache").iterdir()
    assert len(json.loads(cache.read_text(encoding="utf-8"))["entries"]) == 8


@pytest.mark.parametrize(
    "content",
    ["", "{not json", '{"key": 1}', '{"key": [], "groups": 3}', '{"entries": 3}', '{"entries": [1]}'],
)
def test_a_broken_cache_file_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str
) -> None:
    monkeypatch.setenv("MEDCONSORTIUM_CACHE_DIR", str(tmp_path))
    calls, discover = _counting([Found("p", "json:dumps", "d", "1")])
    entry_points_cached("medconsortium", discover)
    (cache,) = tmp_path.iterdir()
    cache.write_text(content, encoding="utf-8")
    assert [p.name for p in entry_points_cached("medconsortium", discover)] == ["p"]
    assert calls == [2] and [p.name for p in entry_points_cached("medconsortium", discover)] == ["p"]
    assert calls == [2]


def test_off_or_unwritable_means_no_cache_and_the_same_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls, discover = _counting([Found("p", "json:dumps", "d", "1")])
    monkeypatch.setenv("MEDCONSORTIUM_CACHE_DIR", "off")
    entry_points_cached("medconsortium", discover)
    entry_points_cached("medconsortium", discover)
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("MEDCONSORTIUM_CACHE_DIR", str(blocked / "below-a-file"))
    assert [p.name for p in entry_points_cached("medconsortium", discover)] == ["p"]
    assert calls == [3]


def test_the_loader_finds_the_installed_plugins_through_the_cache_as_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEDCONSORTIUM_CACHE_DIR", str(tmp_path))
    cold = manager.load_plugins(strict=False).infos
    assert list(tmp_path.iterdir())  # written
    warm = manager.load_plugins(strict=False).infos
    monkeypatch.setenv("MEDCONSORTIUM_CACHE_DIR", "off")
    assert cold == warm == manager.load_plugins(strict=False).infos


def test_a_warm_start_does_not_import_importlib_metadata(tmp_path: Path) -> None:
    script = (
        "import sys; from medconsortium.plugins.manager import load_plugins; "
        "print(len(load_plugins().infos), 'importlib.metadata' in sys.modules)"
    )
    env = {**os.environ, "MEDCONSORTIUM_CACHE_DIR": str(tmp_path)}
    runs = [
        subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    ]
    runs.append(
        subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    )
    (count, cold), (again, warm) = (run.stdout.split() for run in runs)
    assert count == again and (cold, warm) == ("True", "False")
