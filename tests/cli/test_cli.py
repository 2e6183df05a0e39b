"""The ``medconsortium`` command: each subcommand, format and language, exit codes, files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from core_support import (
    Cli,
    Files,
    city_cite,
    county_cite,
    geography,
    good_network_data,
    load,
)

from medconsortium import Label, Operator, Registry, Target
from medconsortium.national import DOC
from medconsortium.report.render import FORMATS

FORMAT_MARKS = {
    "text": "====",
    "markdown": "\n# ",
    "html": "<!DOCTYPE html>",
    "json": "{",
}


def _targets_registry() -> Registry:
    share = "primary_care_visit_share"
    city = Target(
        "geo.city_share",
        Label("市级占比", "city share"),
        city_cite("市级占比句子"),
        indicator=share,
        operator=Operator.AT_LEAST,
        value=60.0,
    )
    county = Target(
        "geo.county_share",
        Label("县级占比", "county share"),
        county_cite("县级占比句子"),
        indicator=share,
        operator=Operator.AT_LEAST,
        value=65.0,
    )
    return load(("geo", geography(register_targets=[city, county])))


@pytest.fixture(scope="module")
def geo_cli() -> Cli:
    return Cli(_targets_registry())


def _network(files: Files) -> Path:
    return files.yaml("network.yaml", good_network_data())


def _stats(files: Files, share: float) -> Path:
    return files.yaml(
        "stats.yaml",
        {
            "records": [
                {
                    "scope": "area",
                    "id": "329901",
                    "year": 2024,
                    "values": {"primary_care_visits": share * 10, "total_visits": 1000},
                }
            ]
        },
    )


# -- jurisdictions, rules, compare, plugins -----------------------------------------------------
def test_jurisdictions_tree(geo_cli: Cli) -> None:
    result = geo_cli("jurisdictions", "--format", "json")
    assert result.exit_code == 0, result.output
    tree = [(j["depth"], j["code"]) for j in json.loads(result.stdout)]
    assert tree == [(0, "100000"), (1, "320000"), (2, "329900"), (3, "329901")]
    text = geo_cli("jurisdictions", "--lang", "en").stdout
    lines = {line.split(" (")[0].strip("\u3000└ "): line for line in text.splitlines()}
    assert lines["Test County"].startswith("\u3000\u3000└ Test County")  # indented by depth
    assert lines["Test City"].startswith("\u3000└ Test City")
    assert "Beijing" not in text
    assert "Beijing" in geo_cli("jurisdictions", "--all", "--lang", "en").stdout


def test_rules_json_contract(geo_cli: Cli) -> None:
    result = geo_cli("rules", "testcounty", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {"jurisdiction", "documents", "targets", "rules"} <= set(data)
    assert data["jurisdiction"]["code"] == "329901"
    assert [d["number"] for d in data["documents"]] == [DOC, "测市卫〔2016〕1号", "测县卫〔2016〕2号"]
    for target in data["targets"]:
        assert {"id", "indicator", "operator", "value", "unit", "level", "citation"} <= set(target)
        assert "deadline" in target or "effective" in target
        assert target["operator"] in (">=", "<=", "==", "rising", "falling", None)
        assert set(target["citation"]) == {"document", "clause", "text"}
        assert target["level"] in ("100000", "329900", "329901")
    by_id = {t["id"]: t for t in data["targets"]}
    county = by_id["geo.county_share"]
    assert (county["operator"], county["value"], county["unit"], county["level"]) == (
        ">=",
        65.0,
        "percent",
        "329901",
    )
    assert county["citation"] == {"document": "测县卫〔2016〕2号", "clause": "二", "text": "县级占比句子"}
    for rule in data["rules"]:
        assert {"id", "title", "strength", "level", "citation"} <= set(rule)
        assert set(rule["title"]) == {"zh", "en"}
        assert rule["strength"] in ("mandatory", "in_principle", "encouraged", "permitted")
        assert set(rule["citation"]) == {"document", "clause", "text"}


def test_rules_as_of_date(cli: Cli) -> None:
    early = json.loads(cli("rules", "national", "--as-of", "2017-06-30", "--format", "json").stdout)
    late = json.loads(cli("rules", "national", "--as-of", "2021-01-01", "--format", "json").stdout)
    early_ids = {t["id"] for t in early["targets"]}
    late_ids = {t["id"] for t in late["targets"]}
    assert "national.2017.primary_care_visit_share" in early_ids
    assert "national.2017.primary_care_visit_share" not in late_ids
    assert "national.2020.tiered_care" in late_ids
    assert early["as_of"] == "2017-06-30"


def test_rules_bad_date_is_a_usage_error(cli: Cli) -> None:
    result = cli("rules", "national", "--as-of", "2017-13-01")
    assert result.exit_code == 2
    assert "is not a date (YYYY-MM-DD)" in result.stderr


def test_rules_text_quotes_the_sentences(cli: Cli) -> None:
    text = cli("rules", "national").stdout
    assert "以1家三级医院为牵头单位" in text
    assert "国卫医发〔2016〕75号" in text


def test_unknown_jurisdiction_exit_2(cli: Cli) -> None:
    result = cli("rules", "atlantis")
    assert result.exit_code == 2
    assert result.stderr.startswith("medconsortium: error: unknown jurisdiction 'atlantis' (installed: ")
    assert result.stderr.count("\n") == 1


def test_compare_puts_one_indicator_in_one_row(geo_cli: Cli) -> None:
    result = geo_cli("compare", "testcity", "testcounty", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [j["code"] for j in data["jurisdictions"]] == ["329900", "329901"]
    (row,) = [r for r in data["rows"] if r["indicator"] == "primary_care_visit_share"]
    city, county = row["cells"]
    assert [t["id"] for t in city["targets"]] == ["geo.city_share"]
    assert [t["id"] for t in county["targets"]] == ["geo.county_share"]
    assert (city["stricter"], county["stricter"]) == (False, True)
    text = geo_cli("compare", "testcity", "testcounty", "--lang", "en").stdout
    assert "★ >= 65" in text


def test_plugins_command(geo_cli: Cli) -> None:
    result = geo_cli("plugins", "--format", "json")
    assert result.exit_code == 0
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert set(rows) == {"national", "geo"}
    assert rows["geo"]["targets"] == 2 and rows["geo"]["jurisdictions"] == 2
    assert rows["national"]["rules"] >= 7
    assert "geo" in geo_cli("plugins").stdout


def test_plugins_option_with_unknown_plugin() -> None:
    from click.testing import CliRunner

    from medconsortium.cli import main

    result = CliRunner().invoke(main, ["--plugins", "atlantis", "plugins"])
    assert result.exit_code == 2
    assert (
        result.stderr == "medconsortium: error: plugin 'atlantis': named in the allowlist but not installed\n"
    )


# -- validate and assess: exit codes -------------------------------------------------------
def test_validate_exit_codes(geo_cli: Cli, files: Files) -> None:
    cli = geo_cli  # the test county 329901 is a division only with the geography plugin
    data = good_network_data()
    facts = {
        "imaging_centre": True,
        "laboratory_centre": True,
        "disinfection_supply_centre": True,
        "logistics_centre": True,
        "mutual_recognition": True,
    }
    data["consortia"][0]["governance"] = {"facts": facts}
    ok = files.yaml("ok.yaml", data)
    result = cli("validate", ok, "-j", "national", "--as-of", "2024-06-30", "--format", "json")
    assert result.exit_code == 0, result.output
    statuses = {f["status"] for f in json.loads(result.stdout)["findings"]}
    assert "fail" not in statuses
    data["consortia"][0]["governance"] = {"facts": {**facts, "logistics_centre": False}}
    bad = files.yaml("bad.yaml", data)
    result = cli("validate", bad, "-j", "national", "--as-of", "2024-06-30", "--format", "json")
    assert result.exit_code == 1
    assert "fail" in {f["status"] for f in json.loads(result.stdout)["findings"]}


def test_assess_json_contract_and_exit_codes(geo_cli: Cli, files: Files) -> None:
    net = _network(files)
    met = geo_cli(
        "assess",
        net,
        "--stats",
        _stats(files, 70.0),
        "-j",
        "testcounty",
        "--year",
        "2024",
        "--format",
        "json",
    )
    data = json.loads(met.stdout)
    assert {"jurisdiction", "year", "targets", "findings"} <= set(data)
    assert data["year"] == 2024 and data["jurisdiction"]["code"] == "329901"
    targets = {t["id"]: t for t in data["targets"]}
    assert targets["geo.county_share"]["status"] == "met"
    assert targets["geo.county_share"]["measured"] == 70.0
    for t in data["targets"]:
        assert t["status"] in ("met", "not_met", "not_assessable", "not_scored")
        assert set(t["citation"]) == {"document", "clause", "text"}
    for f in data["findings"]:
        # docs/json.rst: advisory is the status of an encouraged item not taken up
        # (national.telemedicine_to_primary_care for the county hospital here).
        assert f["status"] in ("pass", "fail", "not_assessable", "excepted", "advisory")
        assert {"rule", "title", "strength", "status", "subjects", "level", "citation"} <= set(f)
    # national fact rules are not assessable (facts not stated), which is not a failure
    assert met.exit_code == 0, met.output
    not_met = geo_cli("assess", net, "--stats", _stats(files, 62.0), "-j", "testcounty", "--year", "2024")
    assert not_met.exit_code == 1
    missing = geo_cli("assess", net, "-j", "testcounty", "--year", "2024", "--format", "json")
    assert missing.exit_code == 0
    statuses = {t["id"]: t["status"] for t in json.loads(missing.stdout)["targets"]}
    assert statuses["geo.county_share"] == "not_assessable"


def test_usage_errors_exit_2(cli: Cli, files: Files) -> None:
    net = _network(files)
    assert cli("assess", net, "-j", "national").exit_code == 2  # --year missing
    assert cli("validate", net).exit_code == 2  # -j missing
    assert cli("validate", net, "-j", "national", "--format", "pdf").exit_code == 2
    assert cli("validate", net, "-j", "national", "--lang", "fr").exit_code == 2
    assert cli("no-such-command").exit_code == 2
    result = cli("demo", "atlantis")
    assert result.exit_code == 2
    assert result.stderr == "medconsortium: error: unknown example 'atlantis' (installed: national)\n"


# -- demo, formats, languages ------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_demo_in_every_format(cli: Cli, fmt: str) -> None:
    result = cli("demo", "--format", fmt)
    assert result.exit_code == 1  # the example has a failing rule on purpose
    assert FORMAT_MARKS[fmt] in ("\n" + result.stdout)
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["synthetic"] is True and data["year"] == 2017
    else:
        assert "国卫医发〔2016〕75号" in result.stdout


def test_html_is_complete_and_names_its_language(cli: Cli) -> None:
    html = cli("demo", "--format", "html").stdout
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh">') and html.rstrip().endswith("</html>")
    assert html.count("<table") == html.count("</table>") >= 2
    assert '<html lang="en">' in cli("demo", "--format", "html", "--lang", "en").stdout


def test_html_escapes_what_it_shows(tmp_path: Path) -> None:
    from medconsortium.report.render import _Doc

    doc = _Doc("<b>&", "en")
    doc.para("a < b")
    doc.table(["h"], [["<script>"]])
    out = doc.render("html")
    assert "<b>&" not in out and "&lt;b&gt;&amp;" in out
    assert "a &lt; b" in out and "<script>" not in out


def test_markdown_tables(cli: Cli) -> None:
    md = cli("demo", "--format", "markdown").stdout
    assert md.startswith("# ")
    assert ("\n## " in md and "|:" in md) or "|-" in md


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_language_decides_what_comes_first(cli: Cli, fmt: str) -> None:
    zh = cli("demo", "--format", fmt, "--lang", "zh").stdout
    en = cli("demo", "--format", fmt, "--lang", "en").stdout
    assert "评估 (assessment)" in zh
    assert "assessment (评估)" in en
    assert "Summary: " in en and "汇总：" in zh
    # quotes and document numbers stay Chinese in both
    assert "国卫医发〔2016〕75号" in en


def test_json_does_not_depend_on_language(cli: Cli) -> None:
    assert (
        cli("demo", "--format", "json", "--lang", "zh").stdout
        == cli("demo", "--format", "json", "--lang", "en").stdout
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_inputs_give_byte_identical_output(cli: Cli, fmt: str) -> None:
    first = cli("demo", "--format", fmt)
    second = cli("demo", "--format", fmt)
    assert first.stdout_bytes == second.stdout_bytes


def test_output_does_not_depend_on_the_run(files: Files, tmp_path: Path) -> None:
    # Two separately loaded registries, two files: the same bytes.
    net = _network(files)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    Cli(_targets_registry())(
        "validate", net, "-j", "testcounty", "--as-of", "2024-06-30", "--format", "json", "-o", a
    )
    Cli(_targets_registry())(
        "validate", net, "-j", "testcounty", "--as-of", "2024-06-30", "--format", "json", "-o", b
    )
    assert a.read_bytes() == b.read_bytes()


# -- -o FILE ---------------------------------------------------------------------------------
def test_output_file_is_written_whole(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = cli("demo", "--format", "markdown", "-o", out)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == cli("demo", "--format", "markdown").stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]  # no temporary left


def test_output_file_replaces_an_old_report(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    cli("demo", "--format", "json", "-o", out)
    assert json.loads(out.read_text(encoding="utf-8"))["command"] == "assess"


def test_output_file_respects_the_umask(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    old = os.umask(0o022)
    try:
        cli("demo", "-o", out)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_a_json_report_file_is_its_text_in_utf8(cli: Cli, tmp_path: Path) -> None:
    # Written as bytes from the start (render.report_utf8): the bytes of the text printed.
    out = tmp_path / "report.json"
    cli("demo", "--format", "json", "-o", out)
    assert out.read_bytes() == cli("demo", "--format", "json").stdout_bytes


def test_the_temporary_file_is_new_and_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from medconsortium.cli import common

    drawn = iter([b"\0" * 6, b"\0" * 6, b"\1" * 6])
    monkeypatch.setattr(common.os, "urandom", lambda n: next(drawn))
    fd, first = common._temporary(tmp_path, ".r.json.")
    os.close(fd)
    fd, second = common._temporary(tmp_path, ".r.json.")  # the first name is taken: drawn again
    os.close(fd)
    assert Path(first).name == ".r.json.000000000000.tmp"
    assert Path(second).name == ".r.json.010101010101.tmp"
    assert stat.S_IMODE(Path(second).stat().st_mode) == 0o600


def test_no_temporary_name_left_to_draw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from medconsortium.cli import common

    monkeypatch.setattr(common.os, "urandom", lambda n: b"\0" * n)
    os.close(common._temporary(tmp_path, ".r.")[0])
    with pytest.raises(FileExistsError):
        common._temporary(tmp_path, ".r.")


def test_the_command_freezes_the_heap_as_it_exits() -> None:
    # The last exit handler of a process that imported the command: the shut-down's full
    # collections then walk nothing the command built.
    import subprocess
    import sys

    code = "import atexit, gc, medconsortium.cli; atexit._run_exitfuncs(); print(gc.get_freeze_count() > 0)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_no_file_on_bad_input(cli: Cli, files: Files, tmp_path: Path) -> None:
    bad = files.text("network.yaml", "institutions: [\n")
    out = tmp_path / "report.json"
    result = cli("validate", bad, "-j", "national", "-o", out)
    assert result.exit_code == 2
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["network.yaml"]


def test_old_report_survives_an_error(cli: Cli, files: Files, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous report", encoding="utf-8")
    result = cli("validate", files.text("network.yaml", "- x\n"), "-j", "national", "-o", out)
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "previous report"


def test_no_file_when_writing_fails(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report.txt"

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("medconsortium.cli.common.os.replace", broken)
    result = cli("demo", "-o", out)
    assert result.exit_code == 2
    assert result.stderr == f"medconsortium: error: {out}: cannot write: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


def test_output_into_a_missing_folder(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "report.txt"
    result = cli("demo", "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"medconsortium: error: {out}: cannot write: ")
    assert "Traceback" not in result.output


def test_version_and_help(cli: Cli) -> None:
    assert cli("--version").exit_code == 0
    result = cli("--help")
    for command in ("assess", "compare", "demo", "jurisdictions", "plugins", "rules", "validate"):
        assert command in result.stdout


def test_missing_network_file(cli: Cli, tmp_path: Path) -> None:
    result = cli("validate", tmp_path / "none.yaml", "-j", "national")
    assert result.exit_code == 2
    assert result.stderr == f"medconsortium: error: {tmp_path / 'none.yaml'}: no such file\n"


def test_directory_as_network_file(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    result = cli("validate", folder, "-j", "national")
    assert result.exit_code == 2
    assert result.stderr == f"medconsortium: error: {folder}: is a directory, expected a file\n"


def test_listing_shows_deadline_or_period() -> None:
    from medconsortium.engine.listing import policy_listing
    from medconsortium.report.render import render_listing

    open_ended = Target("geo.open", Label("无期限", "open"), county_cite("无期限句子"))
    reg = load(("geo", geography(register_targets=[open_ended])))
    text = render_listing(policy_listing(reg, reg.jurisdiction("testcounty")), reg, "text", "en")
    (line,) = [row for row in text.splitlines() if "geo.open" in row]
    # No period written by the plugin: in force from its document's date, each year on.
    document = reg.documents[open_ended.citation.document].item
    assert f"{document.in_force_from.isoformat()} onwards, each year" in line
    assert "2017-12-31" in text  # the national 2017 targets' deadline


def test_text_tables_wrap_long_cells_but_keep_quotes_whole(cli: Cli) -> None:
    from wcwidth import wcswidth

    from medconsortium.national import RULES

    report = cli("demo", "national")
    assert report.exit_code in (0, 1), report.output
    # Six columns of at most 30 terminal columns each, and their separators.
    assert max(wcswidth(line) for line in report.output.splitlines()) <= 6 * 30 + 5 * 2
    listing = cli("rules", "national")
    assert listing.exit_code == 0, listing.output
    for rule in RULES:
        assert rule.citation.text in listing.output
