"""Options are validated in one line; Ctrl-C exits 130 and leaves -o files alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_support import Run, example, one_error

import medconsortium.api
from medconsortium.io.limits import MAX_YEAR, MIN_YEAR

NETWORK = example("core", "national-network.yaml")


@pytest.mark.parametrize("year", ["0", "10000", "-5", "1948", "2101"])
def test_year_out_of_range_is_one_line(run: Run, year: str) -> None:
    result = run("assess", NETWORK, "-j", "national", "--year", year)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"medconsortium: error: Invalid value for '--year': {year} is not in the range "
        f"{MIN_YEAR}<=x<={MAX_YEAR}. (see medconsortium assess --help)"
    ]


def test_unknown_option_is_one_line(run: Run) -> None:
    result = run("validate", NETWORK, "-j", "national", "--colour")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "medconsortium: error: No such option '--colour'. (see medconsortium validate --help)"
    ]


def test_output_into_a_directory_is_one_line(run: Run, tmp_path: Path) -> None:
    result = run("validate", NETWORK, "-j", "national", "-o", tmp_path)
    assert one_error(result, tmp_path) == "is a directory, expected a file"


def test_ctrl_c_exits_130_and_leaves_the_report_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "report.json"
    report.write_text("old report\n", encoding="utf-8")

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(medconsortium.api, "validate_file", interrupted)
    result = run("validate", NETWORK, "-j", "national", "--format", "json", "-o", report)
    assert result.exit_code == 130
    assert [line for line in result.stderr.splitlines() if line] == [
        "medconsortium: error: interrupted; no report file was written or changed"
    ]
    assert report.read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_help_and_version_still_exit_0(run: Run) -> None:
    assert run("--help").exit_code == 0
    assert run("--version").exit_code == 0


@pytest.mark.parametrize("year", [0, 10000, -5])
def test_the_api_refuses_a_year_out_of_range_too(run: Run, year: int) -> None:
    from medconsortium import UsageError

    with pytest.raises(UsageError, match=f"year {year} is outside {MIN_YEAR}..{MAX_YEAR}"):
        medconsortium.api.assess_files(NETWORK, None, run.registry, "national", year)


@pytest.mark.parametrize("command", [["validate", NETWORK, "-j", "national"], ["rules", "national"]])
def test_as_of_out_of_range_is_one_line(run: Run, command: list[str | Path]) -> None:
    result = run(*command, "--as-of", "0001-01-01")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("medconsortium: error: Invalid value for '--as-of': year 1 is outside 1949..2100")
