"""``medconsortium referral check`` and ``referral ledger``: formats, exit codes, strictness,
bounded reports, and no patient key in any output."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from referral_support import cli, csv_file, jsonl_file, network_file

from medconsortium import Registry, Scope, load_statistics
from medconsortium.report.render import FORMATS

HEADER = "id,patient,from_institution,to_institution,time,phase,priority"
AS_OF = ("--as-of", "2025-06-30")


@pytest.fixture(scope="module")
def core() -> Registry:
    return Registry.load(only=())


@pytest.fixture
def net_path(tmp_path: Path) -> Path:
    return network_file(tmp_path / "net.json")


def check(core: Registry, path: Path, net_path: Path, *more: str) -> tuple[int, str, str]:
    result = cli(core, "referral", "check", path, "-n", net_path, "-j", "national", *AS_OF, *more)
    return result.exit_code, result.stdout, result.stderr


def test_all_pass_exits_0(tmp_path: Path, net_path: Path, core: Registry) -> None:
    path = csv_file(
        tmp_path / "r.csv",
        HEADER,
        "r-1,pk-1,thc,ch,2024-03-01T09:00,,true",
        "r-2,pk-2,ch,thc,2024-03-01T09:00,acute_recovery,",
    )
    code, out, err = check(core, path, net_path, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["summary"] == {"records": 2, "checked": 2, "bad_records": 0, "findings.pass": 2}
    assert data["rules"] == [
        {"rule": "national.downward_phase", "status": "pass", "count": 1, "permalink": None},
        {"rule": "national.upward_priority", "status": "pass", "count": 1, "permalink": None},
    ]
    assert data["findings"] == [] and data["bad_records"] == []


def test_a_failed_rule_exits_1_and_is_listed(tmp_path: Path, net_path: Path, core: Registry) -> None:
    path = csv_file(tmp_path / "r.csv", HEADER, "r-1,pk-1,thc,ch,2024-03-01T09:00,,false")
    code, out, _ = check(core, path, net_path, "--format", "json")
    assert code == 1
    (finding,) = json.loads(out)["findings"]
    assert finding["rule"] == "national.upward_priority" and finding["status"] == "fail"
    assert finding["subjects"] == ["r-1"]
    assert finding["citation"]["document"] == "国卫医发〔2016〕75号"


def test_not_assessable_is_listed_but_does_not_fail(tmp_path: Path, net_path: Path, core: Registry) -> None:
    path = csv_file(tmp_path / "r.csv", HEADER, "r-1,pk-1,ch,thc,2024-03-01T09:00,,")
    code, out, _ = check(core, path, net_path, "--format", "json")
    assert code == 0
    assert [f["status"] for f in json.loads(out)["findings"]] == ["not_assessable"]


def test_bad_records_are_counted_listed_and_good_ones_checked(
    tmp_path: Path, net_path: Path, core: Registry
) -> None:
    path = csv_file(
        tmp_path / "r.csv",
        HEADER,
        "r-1,pk-1,thc,ch,2024-03-01T09:00,,true",
        "r-2,pk-2,thc,nowhere,2024-03-01T09:00,,",
        "r-3,pk-3,thc,ch,2024-03-01T09:00,later,",
        "r-4,pk-4,thc,ch,2024-03-01T09:00,,false",
    )
    code, out, _ = check(core, path, net_path, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["summary"] == {
        "records": 4,
        "checked": 2,
        "bad_records": 2,
        "findings.fail": 1,
        "findings.pass": 1,
    }
    assert [(e["line"], e["referral"]) for e in data["bad_records"]] == [(3, "r-2"), (4, "r-3")]
    assert data["bad_records"][0]["message"] == "to_institution: unknown institution 'nowhere'"


def test_strict_makes_a_bad_record_fatal(tmp_path: Path, net_path: Path, core: Registry) -> None:
    path = csv_file(
        tmp_path / "r.csv",
        HEADER,
        "r-1,pk-1,thc,ch,2024-03-01T09:00,,true",
        "r-2,pk-2,thc,thc,2024-03-01T09:00,,",
    )
    code, out, err = check(core, path, net_path, "--strict")
    assert code == 2
    assert out == ""
    assert (
        err.strip()
        == f"medconsortium: error: {path}: line 3: a referral cannot go from an institution to itself"
    )


def test_a_row_with_a_cell_too_few_is_a_bad_record_and_strict_stops_on_it(
    tmp_path: Path, net_path: Path, core: Registry
) -> None:
    path = csv_file(
        tmp_path / "r.csv",
        HEADER,
        "r-1,pk-1,thc,ch,2024-03-01T09:00,,true",
        "r-2,pk-2,thc,ch,2024-03-01T09:00,true",  # the phase's separator lost
        "r-3,pk-3,thc,ch,2024-03-01T09:00,,true,",
    )
    code, out, _ = check(core, path, net_path, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["summary"]["checked"] == 1 and data["summary"]["bad_records"] == 2
    assert data["bad_records"] == [
        {"line": 3, "referral": None, "message": "6 cells where the header has 7 columns"},
        {"line": 4, "referral": None, "message": "more cells than header columns"},
    ]
    code, out, err = check(core, path, net_path, "--strict")
    assert (code, out) == (2, "")
    assert err.strip() == f"medconsortium: error: {path}: line 3: 6 cells where the header has 7 columns"


def test_future_is_relative_to_as_of(tmp_path: Path, net_path: Path, core: Registry) -> None:
    path = csv_file(tmp_path / "r.csv", HEADER, "r-1,pk-1,thc,ch,2025-07-01T00:00,,true")
    code, out, _ = check(core, path, net_path, "--format", "json")
    assert code == 1
    assert json.loads(out)["bad_records"][0]["message"] == "time: 2025-07-01T00:00:00 is in the future"
    result = cli(core, "referral", "check", path, "-n", net_path, "-j", "national", "--as-of", "2025-07-01")
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-j", "atlantis"), "unknown jurisdiction 'atlantis'"),
        (("--network", "missing.yaml"), "missing.yaml: no such file"),
        (("--file", "missing.csv"), "missing.csv: no such file"),
    ],
)
def test_cannot_run_exits_2_with_one_line(
    tmp_path: Path, net_path: Path, core: Registry, args: tuple[str, str], message: str
) -> None:
    path = csv_file(tmp_path / "r.csv", HEADER, "r-1,pk-1,thc,ch,2024-03-01T09:00,,true")
    options = {"-j": "national", "--network": str(net_path), "--file": str(path)}
    options[args[0]] = args[1] if args[0] == "-j" else str(tmp_path / args[1])
    result = cli(
        core, "referral", "check", options["--file"], "-n", options["--network"], "-j", options["-j"]
    )
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_limit_bounds_the_details_and_says_what_is_left_out(
    tmp_path: Path, net_path: Path, core: Registry
) -> None:
    rows = [f"r-{i},pk-{i},thc,ch,2024-03-01T09:00,,false" for i in range(7)]
    rows += [f"b-{i},pk-b{i},ch,zz,2024-03-01T09:00,," for i in range(4)]
    path = csv_file(tmp_path / "r.csv", HEADER, *rows)
    code, out, _ = check(core, path, net_path, "--format", "json", "--limit", "3")
    data = json.loads(out)
    assert code == 1
    assert (len(data["findings"]), data["omitted_findings"]) == (3, 4)
    assert (len(data["bad_records"]), data["omitted_bad_records"]) == (3, 1)
    assert data["summary"]["findings.fail"] == 7 and data["summary"]["bad_records"] == 4
    _, text, _ = check(core, path, net_path, "--limit", "3", "--lang", "en")
    assert "4 more not listed" in text and "1 more not listed" in text
    _, everything, _ = check(core, path, net_path, "--format", "json", "--limit", "0")
    assert len(json.loads(everything)["findings"]) == 7


def test_jsonl_batch_and_single_json(tmp_path: Path, net_path: Path, core: Registry) -> None:
    record = {
        "id": "r-1",
        "patient": "pk-1",
        "from_institution": "ch",
        "to_institution": "thc",
        "time": "2024-03-01T09:00",
        "phase": "critical_stable",
    }
    code, out, _ = check(
        core, jsonl_file(tmp_path / "r.jsonl", [record, record]), net_path, "--format", "json"
    )
    assert code == 0 and json.loads(out)["summary"]["checked"] == 2
    (tmp_path / "one.json").write_text(json.dumps(record), encoding="utf-8")
    code, out, _ = check(core, tmp_path / "one.json", net_path, "--format", "json")
    assert code == 0 and json.loads(out)["summary"]["findings.pass"] == 1


def test_output_file_and_deterministic_output(tmp_path: Path, net_path: Path, core: Registry) -> None:
    path = csv_file(tmp_path / "r.csv", HEADER, "r-1,pk-1,thc,ch,2024-03-01T09:00,,false")
    outputs = []
    for fmt in FORMATS:
        target = tmp_path / f"report.{fmt}"
        code, out, _ = check(core, path, net_path, "--format", fmt, "-o", str(target))
        assert code == 1 and out == ""
        first = target.read_text(encoding="utf-8")
        check(core, path, net_path, "--format", fmt, "-o", str(target))
        assert target.read_text(encoding="utf-8") == first
        outputs.append(first)
    assert outputs[2].startswith("<!DOCTYPE html>") and outputs[1].startswith("# ")


DOCS = "https://d.example/mc/"
PAGE = "https://d.example/mc/_generated/jurisdictions/national.html"


def test_docs_url_links_every_rule_in_every_format(tmp_path: Path, net_path: Path, core: Registry) -> None:
    path = csv_file(
        tmp_path / "r.csv",
        HEADER,
        "r-1,pk-1,thc,ch,2024-03-01T09:00,,false",
        "r-2,pk-2,ch,thc,2024-03-01T09:00,acute_recovery,",
    )
    code, out, _ = check(core, path, net_path, "--format", "json", "--docs-url", DOCS)
    assert code == 1
    data = json.loads(out)
    assert [(r["rule"], r["permalink"]) for r in data["rules"]] == [
        ("national.downward_phase", f"{PAGE}#national.downward_phase"),
        ("national.upward_priority", f"{PAGE}#national.upward_priority"),
    ]
    (finding,) = data["findings"]
    assert finding["permalink"] == f"{PAGE}#national.upward_priority"
    # Without the address the key is there, null.
    plain = json.loads(check(core, path, net_path, "--format", "json")[1])
    assert {r["permalink"] for r in [*plain["rules"], *plain["findings"]]} == {None}
    links = {
        "text": f"政策参考：{PAGE}#national.upward_priority",
        "markdown": f"政策参考：<{PAGE}#national.upward_priority>",
        "html": f'<a href="{PAGE}#national.upward_priority">',
    }
    for fmt, link in links.items():
        linked = check(core, path, net_path, "--format", fmt, "--docs-url", DOCS)[1]
        assert link in linked and "#national.downward_phase" in linked
        assert check(core, path, net_path, "--format", fmt, "--docs-url", DOCS)[1] == linked
        without = check(core, path, net_path, "--format", fmt)[1]
        assert "政策参考" not in without and "d.example" not in without
        # The links are a section of their own: the rest of the report is unchanged.
        heading = {
            "text": "各规则的政策参考",
            "markdown": "## 各规则的政策参考",
            "html": "<h2>各规则的政策参考",
        }[fmt]
        start = linked.index(heading)
        end = linked.index("不符合与无法评估", start) - {"text": 0, "markdown": 3, "html": 4}[fmt]
        assert linked[:start] + linked[end:] == without, fmt


def test_no_progress_bar_when_not_a_terminal(tmp_path: Path, net_path: Path, core: Registry) -> None:
    path = csv_file(
        tmp_path / "r.csv", HEADER, *(f"r-{i},pk-{i},thc,ch,2024-03-01T09:00,,true" for i in range(50))
    )
    _, _, err = check(core, path, net_path)
    assert err == ""
    _, _, forced = check(core, path, net_path, "--progress")
    # The file's size is known: the bar counts its bytes, so it shows a percentage.
    assert "0%|" in forced


def test_the_progress_bar_shows_percent_done_and_time_left(tmp_path: Path) -> None:
    from medconsortium.cli.referral import _PROGRESS_EVERY, _progress
    from medconsortium.io.referral_io import read_referrals

    rows = (f"r-{i},pk-{i},thc,ch,2024-03-01T09:00,,true" for i in range(4 * _PROGRESS_EVERY))
    path = csv_file(tmp_path / "r.csv", HEADER, *rows)
    bar = io.StringIO()
    results = read_referrals(path)
    assert (results.total, results.unit) == (path.stat().st_size, "B")
    assert len(list(_progress(results, True, bar, mininterval=0))) == 4 * _PROGRESS_EVERY
    # Each redraw: percentage, bytes read of the file's size, time spent < time left.
    shown = re.findall(r"(\d+)%\|[^|]*\| [\d.]+k?B?/([\d.]+)kB? \[(\d\d:\d\d)<(\d\d:\d\d|\?)", bar.getvalue())
    percents = [int(p) for p, _, _, _ in shown]
    assert percents[0] == 0 and percents[-1] == 100 and percents == sorted(percents), percents
    assert len(set(percents)) >= 4  # a step every _PROGRESS_EVERY records
    assert all(left != "?" for *_, left in shown[1:])  # an estimate once reading has begun


def test_a_json_list_is_counted_in_records(tmp_path: Path) -> None:
    from medconsortium.cli.referral import _progress
    from medconsortium.io.referral_io import read_referrals

    record = {
        "patient": "pk-1",
        "from_institution": "thc",
        "to_institution": "ch",
        "time": "2024-03-01T09:00",
    }
    path = tmp_path / "r.json"
    path.write_text(json.dumps([{**record, "id": f"r-{i}"} for i in range(3)]), encoding="utf-8")
    results = read_referrals(path)
    bar = io.StringIO()
    assert len(list(_progress(results, True, bar, mininterval=0))) == 3
    assert (results.total, results.unit) == (3, " referrals")
    assert "100%" in bar.getvalue() and "3/3" in bar.getvalue()


def test_without_a_known_size_the_bar_counts_referrals(tmp_path: Path) -> None:
    from medconsortium.cli.referral import _progress
    from medconsortium.io.referral_io import read_referrals

    path = csv_file(tmp_path / "r.csv", HEADER, "r-1,pk-1,thc,ch,2024-03-01T09:00,,true")
    results = read_referrals(path)
    results.total = None
    bar = io.StringIO()
    assert len(list(_progress(results, True, bar, mininterval=0))) == 1
    assert "referrals" in bar.getvalue() and "%|" not in bar.getvalue()


# -- no patient key anywhere -----------------------------------------------------------
PATIENT_KEYS = [
    "pk-SECRET-a1",
    "pk-SECRET-b2",
    "pk-SECRET-c3",
    "pk-SECRET-d4",
    "pk-SECRET-e5",
    "pk-SECRET-f6",
]


def test_no_report_contains_a_patient_key(tmp_path: Path, net_path: Path, core: Registry) -> None:
    a, b, c, d, e, f = PATIENT_KEYS
    path = csv_file(
        tmp_path / "r.csv",
        HEADER,
        f"r-1,{a},thc,ch,2024-03-01T09:00,,false",  # fails
        f"r-2,{b},ch,thc,2024-03-01T09:00,,",  # not assessable
        f"r-3,{c},thc,nowhere,2024-03-01T09:00,,",  # bad record: unknown institution
        f"r-4,{d},thc,ch,2024-03-01T09:00,bogus,",  # bad record: unknown phase
        f"r-5,{e},thc,ch,not-a-time,,",  # bad record: bad time
        f"r-6,{f},thc,ch,2024-03-01T09:00,,true,extra",  # bad record: too many cells
        "r-7,110105194912310021,thc,ch,2024-03-01T09:00,,",  # resident ID
    )
    for fmt in FORMATS:
        for lang in ("zh", "en"):
            _, out, err = check(core, path, net_path, "--format", fmt, "--lang", lang)
            # The report does speak of every record, by referral id and line...
            assert all(f"r-{n}" in out for n in range(1, 6)), fmt
            if fmt == "json":
                assert [x["line"] for x in json.loads(out)["bad_records"]] == [4, 5, 6, 7, 8]
            # ...and never of a patient.
            for key in [*PATIENT_KEYS, "110105194912310021"]:
                assert key not in out and key not in err, (fmt, key)
            assert not re.search(r"pk-SECRET", out + err)
    _, _, strict_err = check(core, path, net_path, "--strict")
    assert not re.search(r"pk-SECRET", strict_err)
    csv_file(tmp_path / "id.csv", HEADER, "r-7,110105194912310021,thc,ch,2024-03-01T09:00,,")
    _, _, id_err = check(core, tmp_path / "id.csv", net_path, "--strict")
    assert "resident ID" in id_err and "110105194912310021" not in id_err


# -- referral ledger -------------------------------------------------------------------
def test_ledger_command_writes_statistics_assess_can_read(
    tmp_path: Path, net_path: Path, core: Registry
) -> None:
    path = csv_file(
        tmp_path / "r.csv", HEADER, "r-1,pk-1,thc,ch,2024-03-01T09:00,,", "r-2,pk-2,ch,thc,2024-03-01T09:00,,"
    )
    out = tmp_path / "stats.csv"
    result = cli(core, "referral", "ledger", path, "-n", net_path, *AS_OF, "-o", out)
    assert result.exit_code == 0, result.stderr
    header = out.read_text(encoding="utf-8").splitlines()[0]
    # Only metrics the registry knows (the core registers the ledger's), so that it loads.
    assert header == (
        "scope,id,year,referrals_down,referrals_down_within_consortium,referrals_out_of_county,"
        "referrals_reserved_recorded,referrals_reserved_resource,referrals_total,referrals_up,"
        "referrals_within_consortium"
    )
    stats = load_statistics(out, frozenset(core.metrics))
    assert stats.value(Scope.AREA, "320612", 2024, "referrals_up") == 1.0
    assert "pk-" not in out.read_text(encoding="utf-8")
    bad = csv_file(tmp_path / "bad.csv", HEADER, "r-1,pk-1,thc,zz,2024-03-01T09:00,,")
    failed = cli(core, "referral", "ledger", bad, "-n", net_path, *AS_OF)
    assert failed.exit_code == 2 and "line 2: to_institution: unknown institution 'zz'" in failed.stderr
