"""Charts: which results get one, the series, the target line, the deadline, the colours."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from medconsortium import Label, Registry, api
from medconsortium.policy.targets import Basis, Operator
from medconsortium.report.charts import HEIGHT, LEFT, TOP, WIDTH, _chart, charts_for, compared_series
from medconsortium.report.formats import render_report

SVG = "{http://www.w3.org/2000/svg}"


def test_points_target_line_and_deadline() -> None:
    chart = _chart("c", Label("率", "rate"), "通州区", "%", [(2023, 87.0), (2024, 90.0), (2025, 92.5)],
                   90.0, Operator.AT_LEAST, 2025)  # fmt: skip
    assert [p.met for p in chart.points] == [False, True, True]
    assert chart.target_y is not None and chart.points[0].y > chart.target_y == chart.points[1].y
    assert chart.points[0].x == LEFT and chart.deadline_x == chart.points[-1].x == WIDTH - 24
    assert all(TOP <= p.y <= HEIGHT - 40 for p in chart.points)
    assert chart.path.startswith(f"M{LEFT},") and chart.path.count("L") == 2
    assert "2023: 87%" in chart.description("zh") and "Target >= 90%" in chart.description("en")


def test_trend_points_are_coloured_by_the_year_before() -> None:
    chart = _chart("c", Label("占比", "share"), "x", "%", [(2023, 14.0), (2024, 13.6), (2025, 13.8)],
                   None, Operator.RISING, None)  # fmt: skip
    assert [p.met for p in chart.points] == [None, False, True]
    assert chart.target_y is None and chart.deadline_x is None


def test_tongzhou_charts(registry: Registry, tongzhou_examples: Path) -> None:
    stats = tongzhou_examples / "tongzhou-statistics.yaml"
    report = api.assess_files(tongzhou_examples / "tongzhou-network.yaml", stats, registry, "tongzhou", 2025)
    charts = charts_for(report, registry, api.open_statistics(stats, registry))
    by_title = {c.title.zh: c for c in charts}
    inpatient = by_title["县域住院率稳定在90%以上"]
    assert [(p.year, round(p.value, 2), p.met) for p in inpatient.points] == [
        (2023, 87.0, False), (2024, 88.02, False), (2025, 88.6, False),
    ]  # fmt: skip
    assert inpatient.subject == "通州区" and inpatient.deadline == 2025
    assert inpatient.direction is None and inpatient.measure.en == "value"
    # a trend: the values, its direction, no line; each year against the year before
    rising = by_title["基层住院人次占比逐年提升"]
    assert rising.target is None and rising.target_y is None and rising.operator is None
    assert rising.direction == Operator.RISING.label and "no number set" in rising.description("en")
    assert rising.points[0].met is None
    assert charts == charts_for(report, registry, api.open_statistics(stats, registry))


def test_compared_series_follows_the_basis() -> None:
    values = [(2017, 0.0), (2018, 8.0), (2020, 12.0), (2021, 15.0)]
    # no percent after a zero, none across a missing year
    assert compared_series(values, Basis.YOY_PERCENT, None, False) == [(2021, 25.0)]
    assert compared_series(values, Basis.CHANGE_SINCE, 2018, False) == [(2018, 0.0), (2020, 4.0), (2021, 7.0)]
    assert compared_series(values, Basis.CHANGE_SINCE, 2019, False) == []  # no base-year value
    assert compared_series(values, Basis.CHANGE_SINCE, 2018, True) == values  # a trend: the values


def test_change_since_base_year_is_not_coloured() -> None:
    since = Label("较2018年变化", "change since 2018")
    chart = _chart("c", Label("平均住院日", "ALOS"), "x", "d", [(2018, 0.0), (2019, -0.6), (2020, -1.3)],
                   -1.0, Operator.AT_MOST, 2020, since, reference=2018)  # fmt: skip
    assert [p.met for p in chart.points] == [None, False, True]
    assert chart.target_y is not None and chart.points[2].y > chart.target_y > chart.points[1].y
    labels = [label for _y, label in chart.ticks]
    assert "0" in labels and "-1" in labels and all(TOP <= y <= HEIGHT - 40 for y, _l in chart.ticks)
    assert "change since 2018" in chart.description("en") and "较2018年变化" in chart.description("zh")


def _svgs(page: str) -> list[ET.Element]:
    """Every chart of an HTML report, parsed back as XML."""
    out = []
    for part in page.split("<svg ")[1:]:
        text = "<svg " + part.split("</svg>")[0] + "</svg>"
        out.append(ET.fromstring(text.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)))
    return out


@pytest.fixture(scope="module")
def jiangsu_page(registry: Registry) -> str:
    ex = api.example(registry, "jiangsu")
    assert ex.statistics is not None
    report = api.assess_files(ex.network, ex.statistics, registry, ex.jurisdiction, ex.year)
    charts = charts_for(report, registry, api.open_statistics(ex.statistics, registry))
    page = render_report(report, "html", "en", charts=charts)
    assert isinstance(page, str)
    return page


def test_yearly_growth_and_change_since_are_drawn(jiangsu_page: str) -> None:
    svgs = _svgs(jiangsu_page)
    by_title = {svg.findtext(f"{SVG}title"): svg for svg in svgs}
    down = by_title["downward referrals grow at least 20% a year — 320925"]
    desc = down.findtext(f"{SVG}desc") or ""
    assert "change on the year before (%)" in desc and "2020: 10%" in desc and "Target >= 20%" in desc
    target = [line for line in down.iter(f"{SVG}line") if line.get("class") == "target"]
    assert len(target) == 1
    (point,) = down.iter(f"{SVG}circle")
    assert point.get("class") == "notmet" and int(point.get("cy", 0)) > int(target[0].get("y1", 0))
    alos = by_title["lead hospitals' ALOS at least 1 day below 2018 — 示例甲县人民医院"]
    assert [c.get("class") for c in alos.iter(f"{SVG}circle")] == ["none", "met"]
    assert "change since 2018" in "".join(alos.itertext())


def test_every_chart_agrees_with_the_report(registry: Registry) -> None:
    """The point of the assessed year has the colour of the target's result, in every
    example: the chart recomputes nothing the engine would judge otherwise."""
    colour = {"met": "met", "not_met": "notmet"}
    checked = 0
    for name in ("jiangsu", "jiangsu-compliant", "linyi", "tongzhou"):
        ex = api.example(registry, name)
        assert ex.statistics is not None
        report = api.assess_files(ex.network, ex.statistics, registry, ex.jurisdiction, ex.year)
        status = {(t.title.zh, t.subject): t.status.value for t in report.targets}
        names = {**{j.code: j.name.zh for j in report.chain}, **report.names}
        subjects = {names.get(s, s): s for _t, s in status if s is not None}
        for chart in charts_for(report, registry, api.open_statistics(ex.statistics, registry)):
            result = status[(chart.title.zh, subjects[chart.subject])]
            last = chart.points[-1]
            if last.year == ex.year and result in colour:
                assert ("met" if last.met else "notmet") == colour[result], (name, chart.title.en)
                checked += 1
    assert checked >= 20
