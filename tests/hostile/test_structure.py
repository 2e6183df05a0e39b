"""Structure errors and impossible statistics are refused, naming file, record and field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile_support import Run, example, one_error

from medconsortium import InputError, Label, Metric, Scope
from medconsortium.io.loading import _Kept, load_statistics
from medconsortium.model.divisions import division_problem, division_table, installed_codes
from medconsortium.model.domains import value_checker, value_problem
from medconsortium.model.jurisdictions import _PROVINCES, is_division_code

NATIONAL = yaml.safe_load(example("core", "national-network.yaml").read_text(encoding="utf-8"))
TZ_NETWORK = example("tongzhou", "tongzhou-network.yaml")


def _write(tmp_path: Path, data: Any, name: str = "n.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _edited(edit: Any) -> dict[str, Any]:
    data = copy.deepcopy(NATIONAL)
    edit(data)
    return data


def _link(data: dict[str, Any], index: int, target: str) -> None:
    data["consortia"][index]["links"] = [{"relation": "pairs_with", "target": target}]


def _urban_rural_pair(data: dict[str, Any]) -> None:
    for index, other in ((0, "cn-ccm-1"), (1, "cn-cmg-1")):
        data["consortia"][index]["kind"] = "urban_rural"
        _link(data, index, other)


NETWORK_CASES = [
    (
        lambda d: d["consortia"][0].update(filing={"filed": "2018-01-01", "cancelled": "2017-12-01"}),
        "consortia[0].filing: cancelled 2017-12-01 is before filed 2018-01-01",
    ),
    (
        lambda d: d["consortia"][0].update(filing={"filed": "2017-01-01"}),
        "consortia[0].filing.filed: filed 2017-01-01 is before the consortium was formed (2017-03-01)",
    ),
    (
        lambda d: d["consortia"][1]["members"].__setitem__(
            1, {"institution": "cn-thc-1", "joined": "2016-01-01"}
        ),
        "consortia[1].members[1].joined: joined 2016-01-01 is before the consortium was formed (2017-06-01)",
    ),
    (lambda d: _link(d, 0, "cn-cmg-1"), "consortia[0].links[0].target: a consortium cannot pair with itself"),
    (
        lambda d: _link(d, 0, "cn-sec-1"),
        "consortia[0].links[0].target: 'cn-sec-1' is an institution; pairs_with links two consortia",
    ),
    (
        _urban_rural_pair,
        "consortia[0].links[0].target: urban-rural consortia 'cn-cmg-1' and 'cn-ccm-1' pair with each other",
    ),
    (
        lambda d: d["institutions"][0].update(division="139999"),
        "institutions[0].division: '139999' is not a division of a known city (city part 99)",
    ),
    (
        lambda d: d["institutions"][0].update(division="320699"),
        "institutions[0].division: '320699' is not a county of 南通市 (320600) in the division table of "
        "2016-01 to 2023-06",
    ),
    (
        lambda d: d["consortia"][1].update(division="130023"),
        "consortia[1].division: '130023' is not a division code (a province code ends in 0000)",
    ),
]


@pytest.mark.parametrize(("edit", "message"), NETWORK_CASES)
def test_structure_errors_are_refused(run: Run, tmp_path: Path, edit: Any, message: str) -> None:
    path = _write(tmp_path, _edited(edit))
    assert one_error(run("validate", path, "-j", "national"), path) == message


def test_division_codes_checked_are_documented() -> None:
    # The full table: Nantong has no county 99; a development zone's statistical code and a
    # code abolished since 2016 (海门市, a district since 2020) are divisions.
    assert division_problem("320699", ()) == (
        "'320699' is not a county of 南通市 (320600) in the division table of 2016-01 to 2023-06"
    )
    assert division_problem("340271", ()) is None
    assert division_problem("320684", ()) is None and division_problem("320614", ()) is None


def test_without_the_table_only_the_structure_of_codes_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDCONSORTIUM_DIVISIONS", "structure")
    assert division_problem("320699", ()) is None  # a synthetic county of a real city
    assert division_problem("139999", ()) == "'139999' is not a division of a known city (city part 99)"
    vouched = installed_codes(["320000", "320600"])  # the mode is read once, here
    monkeypatch.delenv("MEDCONSORTIUM_DIVISIONS")
    assert division_problem("320699", vouched) is None
    assert division_problem("320699", installed_codes(["320000", "320600"])) is not None


def test_every_code_of_the_table_is_a_valid_code_in_a_province() -> None:
    # division_problem answers a code of the table at once, before any other check.
    table = division_table()
    assert len(table) > 3000
    assert all(is_division_code(code) and division_problem(code, ()) is None for code in table)
    provinces = {code[:2] for code, *_ in _PROVINCES}
    assert provinces - {"71", "81", "82"} <= {code[:2] for code in table} <= provinces


def _stats(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


STATS_CASES = [
    (
        "s.csv",
        "scope,id,year,tongzhou_satisfaction_rate\ninstitution,tz-rm-01,2025,150\n",
        "line 2: column tongzhou_satisfaction_rate: tongzhou_satisfaction_rate 150 is above its maximum 100 "
        "(institution 'tz-rm-01', 2025)",
    ),
    (
        "s.csv",
        "scope,id,year,tongzhou_satisfaction_rate\ninstitution,tz-rm-01,2025,-5\n",
        "line 2: column tongzhou_satisfaction_rate: tongzhou_satisfaction_rate -5 is below its minimum 0 "
        "(institution 'tz-rm-01', 2025)",
    ),
    (
        "s.yaml",
        "records:\n  - {scope: institution, id: tz-rm-01, year: 2025, values: {referrals_up: -3}}\n",
        "records[0].values.referrals_up: referrals_up -3 is below its minimum 0 "
        "(institution 'tz-rm-01', 2025)",
    ),
    (
        "s.yaml",
        "records:\n  - {scope: area, id: '320612', year: 2025, values: {admissions: 1.5}}\n",
        "records[0].values.admissions: admissions 1.5 is not a whole number (count) (area '320612', 2025)",
    ),
    (
        "s.yaml",
        "records:\n  - scope: area\n    id: '320612'\n    year: 2025\n    values:\n"
        "      residents_visits_total: 100\n      residents_visits_in_county: 120\n",
        "records[0].values.residents_visits_in_county: residents_visits_in_county 120 is more than "
        "residents_visits_total 100 (area '320612', 2025)",
    ),
    (
        "s.csv",
        "scope,id,year,admissions\narea,320612,2025,1.5\n",
        "line 2: column admissions: admissions 1.5 is not a whole number (count) (area '320612', 2025)",
    ),
    (
        "s.csv",
        "scope,id,year,residents_visits_in_county,residents_visits_total\narea,320612,2025,120,100\n",
        "line 2: column residents_visits_in_county: residents_visits_in_county 120 is more than "
        "residents_visits_total 100 (area '320612', 2025)",
    ),
    (
        "s.csv",  # the unknown id is named before the value outside its domain, as in YAML
        "scope,id,year,referrals_up\ninstitution,tz-nowhere,2025,-3\n",
        "line 2: column id: the network has no institution 'tz-nowhere'",
    ),
    (
        "s.csv",
        "scope,id,year,total_visits\ninstitution,tz-nowhere,2025,10\n",
        "line 2: column id: the network has no institution 'tz-nowhere'",
    ),
    (
        "s.yaml",
        "records:\n  - {scope: consortium, id: tz-ccm-xx, year: 2025, values: {total_visits: 1}}\n",
        "records[0].id: the network has no consortium 'tz-ccm-xx'",
    ),
    (
        "s.yaml",
        "records:\n  - {scope: area, id: '320612', year: 10000, values: {total_visits: 1}}\n",
        "records[0].year: year 10000 is outside 1949..2100",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), STATS_CASES)
def test_impossible_statistics_are_refused(
    run: Run, tmp_path: Path, name: str, text: str, message: str
) -> None:
    stats = _stats(tmp_path, name, text)
    result = run("assess", TZ_NETWORK, "--stats", stats, "-j", "tongzhou", "--year", "2025")
    assert one_error(result, stats) == message


def test_a_plugin_metric_declares_its_own_domain() -> None:
    metrics = {"score": Metric("score", Label("评分", "score"), "points", minimum=1, maximum=5, integer=True)}
    assert value_problem(metrics, {"score": 6.0}) == ("values.score", "score 6 is above its maximum 5")
    assert value_problem(metrics, {"score": 2.5}) == (
        "values.score",
        "score 2.5 is not a whole number (points)",
    )
    assert value_problem(metrics, {"score": 3.0}) is None


def test_the_compiled_domain_check_names_the_same_first_problem_as_value_problem(run: Run) -> None:
    metrics = {key: entry.item for key, entry in run.registry.metrics.items()}
    check = value_checker(metrics)
    parts = [(key, m.at_most[0]) for key, m in metrics.items() if m.at_most]
    assert parts, "some installed metric is part of another"
    part, whole = parts[0]
    records = [
        {whole: 10.0, part: 12.0, "unknown_to_the_registry": -5.0},
        {"zz_not_declared": -1.0, part: 1.5, whole: -1.0},  # two problems: the first in sorted order
        {whole: 10.0, part: 10.0},
        {},
    ]
    for values in records:
        # The values in both orders: the answer does not depend on the record's order.
        for ordered in (values, dict(reversed(values.items()))):
            assert check(ordered) == value_problem(metrics, ordered)
    assert check(records[1]) is not None and check(records[2]) is None


def test_every_installed_metric_has_a_domain_and_parts_name_known_metrics(run: Run) -> None:
    metrics = {key: entry.item for key, entry in run.registry.metrics.items()}
    for metric in metrics.values():
        low, _high, _whole = metric.bounds
        assert low is not None, metric.id  # no installed metric may go negative
        assert set(metric.at_most) <= set(metrics), metric.id


def test_csv_records_are_judged_as_read_exactly_when_value_checker_finds_nothing(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CSV reader compares each cell with its column's domain as it reads it and leaves
    # only the records outside to value_checker (through _Kept.judge): it must let none
    # through that has a problem, and (not to slow the usual file) send none that has not.
    metrics = {key: entry.item for key, entry in run.registry.metrics.items()}
    part, whole = next((key, m.at_most[0]) for key, m in metrics.items() if m.at_most)
    rows = [
        (10, 12, 5),  # a part above its whole
        (10, 10, 5),
        (10, "", 5),  # no part: nothing to compare
        ("", 12, 5),
        (10, 3, -1),  # below the minimum
        (10, 3, 2.5),  # not a whole number
        (10, 3, 1e300),
    ]
    text = f"scope,id,year,{whole},{part},admissions\n"
    text += "".join(f"area,320612,{2000 + i},{a},{b},{c}\n" for i, (a, b, c) in enumerate(rows))
    check = value_checker(metrics)
    sent: list[Any] = []
    # Recorded, not refused, so that every row is loaded.
    monkeypatch.setattr(_Kept, "judge", lambda _kept, where, _record: sent.append(where))
    loaded = load_statistics(_stats(tmp_path, "s.csv", text), metrics)
    assert len(loaded.records) == len(rows)
    problems = [line for line, r in enumerate(loaded.records, start=2) if check(r.values) is not None]
    assert sent == problems == [2, 6, 7]
    # Without the declarations (metric names only), nothing is judged against a domain.
    sent.clear()
    load_statistics(tmp_path / "s.csv", frozenset(metrics))
    assert sent == []


LATER_HEAD = "scope,id,year,residents_visits_total,residents_visits_in_county,admissions,bed_days\n"


@pytest.mark.parametrize(
    "cells",
    [
        "10,12,5,1",  # a part above its whole
        "10,3,-1,1",  # below the minimum
        "10,3,2.5,1",  # not a whole number
        "10,3,5,-0.5",  # below the minimum, not a count
        "10,3,lots,1",
        "10,3,inf,1",
        "10,3,nan,1",
        "10,3,1e400,1",  # a number too large for a float: an infinity
        "10,3,\u00b2,1",  # a digit to str.isdigit(), not to float()
    ],
)
def test_a_row_of_the_shape_of_its_scopes_first_is_refused_as_a_first_row_is(
    run: Run, tmp_path: Path, cells: str
) -> None:
    # The rows of a scope with the same empty cells as its first are read by a function
    # made for that shape, which hands a row it refuses back to the cell-by-cell reading.
    metrics = {key: entry.item for key, entry in run.registry.metrics.items()}
    row = f"area,320612,2001,{cells}\n"
    alone = _stats(tmp_path, "alone.csv", LATER_HEAD + row)
    later = _stats(tmp_path, "later.csv", LATER_HEAD + "area,320612,2000,10,3,5,2.5\n" + row)
    with pytest.raises(InputError) as first:
        load_statistics(alone, metrics)
    with pytest.raises(InputError) as second:
        load_statistics(later, metrics)
    assert first.value.location == "line 2" + second.value.location.removeprefix("line 3")
    assert second.value.message == first.value.message


@pytest.mark.parametrize("cell", [" 12", "12\t", "1_2", "\u0661\u0662", "12.0", "1.2e1", "012", "+12"])
def test_a_row_of_the_shape_of_its_scopes_first_reads_as_a_first_row_does(
    run: Run, tmp_path: Path, cell: str
) -> None:
    metrics = {key: entry.item for key, entry in run.registry.metrics.items()}
    row = f"area,320612,2001,10,3,{cell},1\n"
    alone = load_statistics(_stats(tmp_path, "alone.csv", LATER_HEAD + row), metrics)
    later = load_statistics(
        _stats(tmp_path, "later.csv", LATER_HEAD + "area,320612,2000,10,3,5,2.5\n" + row), metrics
    )
    assert later.records[1] == alone.records[0]
    assert list(later.records[1].values.items()) == list(alone.records[0].values.items())
    assert later.value(Scope.AREA, "320612", 2001, "admissions") == 12.0
