"""A run that checked nothing says so on one line and exits 2, never 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import Cli, Files, geography, good_network_data, load


@pytest.mark.parametrize("command", [["validate"], ["assess", "--year", "2024"]])
def test_a_file_with_nothing_in_the_jurisdiction_exits_2(tmp_path: Path, command: list[str]) -> None:
    network = Files(tmp_path).yaml("net.yaml", good_network_data())  # institutions of 329901
    registry = load(("geo", geography()))
    result = Cli(registry)(command[0], network, "-j", "jiangsu", *command[1:])
    assert result.exit_code == 0 or result.exit_code == 1  # 329901 lies in Jiangsu: checked
    result = Cli(registry)(command[0], network, "-j", "national", *command[1:])
    assert result.exit_code in (0, 1)
    other = good_network_data()
    for inst in other["institutions"]:
        inst["division"] = "320684"  # a county of Jiangsu outside the test county
    other["consortia"][0]["division"] = "320684"
    elsewhere = Files(tmp_path).yaml("elsewhere.yaml", other)
    result = Cli(registry)(command[0], elsewhere, "-j", "testcounty", *command[1:])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert str(elsewhere) in line and "nothing was checked" in line and "329901" in line
