"""The trace switch (which plugin produced which result) and outdated policy."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import click
import pytest
from click.testing import CliRunner

from medconsortium import Label, Operator, Period, Registry, api
from medconsortium.engine.outdated import find_outdated
from medconsortium.report.outdated import render_outdated
from medconsortium.report.tracing import TRACE_ENV, emit_trace, trace_enabled, trace_lines
from medconsortium.testing import temporary_plugin


@pytest.fixture(scope="module")
def national_report() -> Any:
    registry = Registry.load(only=())
    example = api.example(registry, "national")
    return api.assess_files(example.network, example.statistics, registry, "national", example.year)


def test_trace_names_the_plugin_of_every_result(national_report: Any) -> None:
    lines = trace_lines(national_report)
    assert len(lines) == len(national_report.targets) + len(national_report.findings)
    assert "trace: national [100000] rule national.city_group_lead cn-cmg-1: pass" in lines
    assert all(line.startswith("trace: national [100000] ") for line in lines)


def test_trace_is_off_unless_asked(
    national_report: Any, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.delenv(TRACE_ENV, raising=False)
    emit_trace(national_report)
    assert capsys.readouterr().err == ""
    monkeypatch.setenv(TRACE_ENV, "1")
    emit_trace(national_report)
    captured = capsys.readouterr()
    assert captured.out == ""  # the report on standard output is untouched
    assert captured.err.splitlines() == trace_lines(national_report)
    assert trace_enabled(False) is False


def test_a_command_flag_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TRACE_ENV, "1")

    @click.command()
    @click.pass_context
    def probe(ctx: click.Context) -> None:
        ctx.obj = {"trace": False}
        click.echo(str(trace_enabled()))

    assert CliRunner().invoke(probe, []).output == "False\n"


TODAY = dt.date(2026, 11, 23)


def _stale(kit: Any) -> object:
    document = attrs.evolve(kit.DOCUMENT, review_by=dt.date(2026, 1, 1))
    cite = kit.cite("县域内就诊率逐年提高", "一")
    from medconsortium import Target

    def target(target_id: str, deadline: dt.date | None, **kw: Any) -> Target:
        return Target(
            target_id,
            Label("县域内就诊率", "county visit rate"),
            cite,
            indicator=kw.pop("indicator", "county_visit_rate"),
            operator=Operator.RISING,
            deadline=deadline,
            **kw,
        )

    return kit.plugin(
        documents=[document],
        targets=[
            target("kit.old_rate", dt.date(2020, 12, 31)),  # followed by kit.new_rate
            target("kit.new_rate", dt.date(2027, 12, 31)),
            target("kit.lapsed", dt.date(2022, 12, 31), indicator="primary_care_visit_share"),
            target("kit.current", None, indicator="alos", review_by=dt.date(2030, 1, 1)),
        ],
        rules=[attrs.evolve(kit.CHARTER, period=Period(end=dt.date(2023, 12, 31)))],
    )


def test_outdated_lists_what_is_past_with_nothing_after_it(kit: Any) -> None:
    with temporary_plugin("kit", _stale(kit)) as registry:
        found = find_outdated(registry, registry.jurisdiction("kit"), TODAY)
    mine = [(o.kind, o.id, o.since.isoformat(), o.reason.en) for o in found if o.plugin == "kit"]
    assert mine == [
        ("document", kit.NUMBER, "2026-01-01", "review date passed"),
        ("target", "kit.lapsed", "2022-12-31", "past its deadline, nothing after it"),
        ("rule", "kit.charter", "2023-12-31", "period ended, nothing after it"),
    ]
    # Ancestors are listed first (the national baseline's 2017 and 2020 targets).
    assert [o.level for o in found] == sorted((o.level for o in found), key=lambda c: c != "100000")


def test_nothing_is_outdated_before_its_dates(kit: Any) -> None:
    with temporary_plugin("kit", _stale(kit)) as registry:
        found = find_outdated(registry, registry.jurisdiction("kit"), dt.date(2019, 1, 1))
    assert [o.id for o in found if o.plugin == "kit"] == []


def test_outdated_renders_as_json_and_text(kit: Any) -> None:
    with temporary_plugin("kit", _stale(kit)) as registry:
        found = find_outdated(registry, None, TODAY)
    data = json.loads(render_outdated(found, TODAY, "json"))
    assert data["as_of"] == "2026-11-23"
    assert {
        "kind": "target",
        "id": "kit.lapsed",
        "plugin": "kit",
        "level": "320685",
        "since": "2022-12-31",
        "reason": {"zh": "已过期限，无后续目标", "en": "past its deadline, nothing after it"},
    } in data["outdated"]
    text = render_outdated(found, TODAY, "text", "en")
    assert "kit.lapsed" in text and "kit.old_rate" not in text
    assert render_outdated((), TODAY, "markdown").endswith("(none)\n")
