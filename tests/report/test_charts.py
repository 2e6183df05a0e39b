"""Charts: which results get one, the series, the target line, the deadline, the colours."""

from __future__ import annotations

from pathlib import Path

from medconsortium import Label, Registry, api
from medconsortium.policy.targets import Operator
from medconsortium.report.charts import HEIGHT, LEFT, TOP, WIDTH, _chart, charts_for


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
    # yearly-growth targets are not drawn as a series of values
    assert not any("增幅" in title for title in by_title)
    assert charts == charts_for(report, registry, api.open_statistics(stats, registry))
