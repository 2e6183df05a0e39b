"""The command for integrators: ``-`` for standard input, ``-o -``, ``python -m``, NO_COLOR,
shell completion, and ``plugins`` saying who provides each jurisdiction."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from medconsortium import Registry, api
from medconsortium.cli import main

LINYI = Path(api.example(Registry.load(only=("linyi",)), "linyi").network).parent


def run(*args: str | Path, stdin: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin, env=env)


def test_a_network_from_standard_input_gives_the_report_of_the_file(registry: Registry) -> None:
    ex = api.example(registry, "tongzhou")
    args = ["--stats", ex.statistics, "-j", "tongzhou", "--year", str(ex.year), "--format", "json"]
    from_file = run("assess", ex.network, *args)
    text = Path(ex.network).read_text(encoding="utf-8")
    from_stdin = run("assess", "-", *args, stdin=text)
    assert from_stdin.exit_code == from_file.exit_code
    assert from_stdin.stdout == from_file.stdout
    # The same network as JSON on standard input.
    network = api.open_network(ex.network, registry)
    from medconsortium.io.converter import converter

    data = {
        "institutions": [converter.unstructure(i) for i in network.institutions],
        "consortia": [converter.unstructure(c) for c in network.consortia],
        "secondments": [converter.unstructure(s) for s in network.secondments],
        "synthetic": True,
    }
    as_json = run("assess", "-", *args, stdin=json.dumps(data, ensure_ascii=False, default=sorted))
    assert json.loads(as_json.stdout)["findings"] == json.loads(from_file.stdout)["findings"]


def test_statistics_from_standard_input_as_csv(tmp_path: Path) -> None:
    csv_text = "scope,id,year,residents_visits_in_county,residents_visits_total\narea,130123,2017,90,100\n"
    ex = api.example(Registry.load(only=()), "national")
    with_file = tmp_path / "stats.csv"
    with_file.write_text(csv_text, encoding="utf-8")
    args = ["-j", "national", "--year", "2017", "--format", "json"]
    expected = run("assess", ex.network, "--stats", with_file, *args)
    got = run("assess", ex.network, "--stats", "-", *args, stdin=csv_text)
    assert got.stdout == expected.stdout and got.exit_code == expected.exit_code


def test_errors_on_standard_input_name_it() -> None:
    bad = (
        "institutions: []\nconsortia:\n"
        "  - {id: c, name: c, kind: county_medical_community, division: '130123', members: [ghost]}\n"
    )
    result = run("validate", "-", "-j", "national", stdin=bad)
    assert result.exit_code == 2
    assert (
        result.stderr
        == "medconsortium: error: <stdin>: consortia[0].members: no member has the role 'lead'\n"
    )


def test_only_one_input_may_come_from_standard_input() -> None:
    result = run("assess", "-", "--stats", "-", "-j", "national", "--year", "2017", stdin="")
    assert result.exit_code == 2
    assert "only one input can be read from standard input" in result.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        # Standard input spooled, then the command ran: a report (the example fails a rule
        # on that day), then a usage error raised inside the command.
        (["validate", "-", "-j", "national", "--as-of", "2024-12-31"], 1),
        (["validate", "-", "-j", "national", "--as-of", "not-a-date"], 2),
        # Spooled while the options were parsed, then parsing failed on a later option: the
        # command never ran, so only the outermost context's close can remove the copy.
        (["assess", "-", "--stats", "-", "-j", "national", "--year", "2017"], 2),
        (["assess", "-", "--stats", "no-such-file.csv", "-j", "national", "--year", "2017"], 2),
    ],
)
def test_the_copy_of_standard_input_is_removed_however_the_command_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int
) -> None:
    import tempfile

    network = Path(api.example(Registry.load(only=()), "national").network).read_text("utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = run(*args, stdin=network)
    assert result.exit_code == code, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_referrals_from_standard_input_and_reports_to_standard_output(tmp_path: Path) -> None:
    network = LINYI / "linyi-network.yaml"
    referrals = LINYI / "linyi-referrals.csv"
    base = ["--plugins", "linyi", "referral", "check"]
    from_file = run(*base, referrals, "-n", network, "-j", "linyi", "--format", "json", "-o", "-")
    from_stdin = run(
        *base,
        "-",
        "-n",
        network,
        "-j",
        "linyi",
        "--format",
        "json",
        "-o",
        "-",
        stdin=referrals.read_text(encoding="utf-8"),
    )
    assert from_file.exit_code == from_stdin.exit_code
    # The report names its source: the file, or <stdin>.
    assert json.loads(from_stdin.stdout)["source"] == "<stdin>"
    a, b = json.loads(from_file.stdout), json.loads(from_stdin.stdout)
    a.pop("source"), b.pop("source")
    assert a == b
    assert not Path("-").exists()
    ledger = run(
        "--plugins",
        "linyi",
        "referral",
        "ledger",
        "-",
        "-n",
        network,
        "-o",
        "-",
        stdin=referrals.read_text(encoding="utf-8"),
    )
    assert ledger.exit_code == 0, ledger.stderr
    assert ledger.stdout.startswith("scope,id,year,")


def test_dash_output_writes_standard_output_not_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--plugins", "", "demo", "--format", "json", "-o", "-")
    assert json.loads(result.stdout)["command"] == "assess"
    assert not (tmp_path / "-").exists()


def test_python_m_medconsortium_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "medconsortium", "--version"], capture_output=True, text=True, check=False
    )
    from importlib.metadata import version

    assert done.returncode == 0, done.stderr
    assert done.stdout == f"medconsortium, version {version('medconsortium')}\n"
    helped = subprocess.run(
        [sys.executable, "-m", "medconsortium", "--help"], capture_output=True, text=True, check=False
    )
    assert helped.stdout.startswith("Usage: medconsortium ")


def test_no_color_output_has_no_escape_sequences() -> None:
    env = {"NO_COLOR": "1"}
    for args in (["--help"], ["plugins"], ["demo"], ["rules", "national"], ["jurisdictions"]):
        result = run(*args, env=env)
        assert "\x1b" not in result.output, args


def test_shell_completion_is_click_s() -> None:
    env = {**os.environ, "_MEDCONSORTIUM_COMPLETE": "bash_source"}
    done = subprocess.run(
        [sys.executable, "-m", "medconsortium"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0
    assert "_medconsortium_completion" in done.stdout and "complete -o nosort" in done.stdout


def test_plugins_says_who_registers_and_who_issues_policy() -> None:
    result = run("plugins", "--format", "json")
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    # The core registers the provinces: Jiangsu's plugin registers none, it issues 320000's policy.
    assert rows["jiangsu"]["registers"] == [] and rows["jiangsu"]["policy_for"] == ["320000"]
    assert "320000" in rows["national"]["registers"]
    assert rows["tongzhou"]["registers"] == ["320600", "320612"]
    text = run("plugins").stdout
    [jiangsu] = [line.split() for line in text.splitlines() if line.startswith("320000")]
    assert jiangsu == ["320000", "江苏省", "national", "jiangsu"]
