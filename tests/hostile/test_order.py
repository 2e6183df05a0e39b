"""Reports do not depend on the order of the network file: shuffled, byte-identical."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from hostile_support import Run, example

from medconsortium.report.render import FORMATS

CASES = [
    ("jiangsu", "2020"),
    ("tongzhou", "2025"),
    ("wuhu", "2020"),
    ("linyi", "2018"),
]


def _shuffled(source: Path, target: Path, seed: int) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    shuffle = random.Random(seed).shuffle
    if isinstance(data["institutions"], list):
        shuffle(data["institutions"])
    shuffle(data["consortia"])
    for cons in data["consortia"]:
        shuffle(cons["members"])
        if "links" in cons:
            shuffle(cons["links"])
    if "secondments" in data:
        shuffle(data["secondments"])
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


@pytest.mark.parametrize(("plugin", "year"), CASES)
def test_shuffled_network_gives_identical_reports(run: Run, tmp_path: Path, plugin: str, year: str) -> None:
    original = example(plugin, f"{plugin}-network.yaml")
    stats = example(plugin, f"{plugin}-statistics.yaml")
    shuffled = _shuffled(original, tmp_path / original.name, seed=len(plugin))
    for fmt in FORMATS:
        outputs = []
        for network in (original, shuffled):
            result = run("assess", network, "--stats", stats, "-j", plugin, "--year", year, "--format", fmt)
            assert result.exit_code in (0, 1), result.stderr
            outputs.append(result.stdout.replace(str(network), "NETWORK"))
        assert outputs[0] == outputs[1], (plugin, fmt)


def test_shuffled_network_gives_identical_referral_reports(run: Run, tmp_path: Path) -> None:
    original = example("wuhu", "wuhu-network.yaml")
    shuffled = _shuffled(original, tmp_path / original.name, seed=3)
    referrals = example("wuhu", "wuhu-referrals.csv")
    for fmt in FORMATS:
        outputs = [
            run("referral", "check", referrals, "-n", n, "-j", "wuhu", "--format", fmt).stdout
            for n in (original, shuffled)
        ]
        assert outputs[0] == outputs[1], fmt


def test_shuffled_statistics_give_identical_reports(run: Run, tmp_path: Path) -> None:
    network = example("tongzhou", "tongzhou-network.yaml")
    original = example("tongzhou", "tongzhou-statistics.yaml")
    data = yaml.safe_load(original.read_text(encoding="utf-8"))
    random.Random(5).shuffle(data["records"])
    shuffled = tmp_path / original.name
    shuffled.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for fmt in FORMATS:
        outputs = []
        for stats in (original, shuffled):
            result = run(
                "assess", network, "--stats", stats, "-j", "tongzhou", "--year", "2025", "--format", fmt
            )
            outputs.append(result.stdout.replace(str(stats), "STATS"))
        assert outputs[0] == outputs[1], fmt
