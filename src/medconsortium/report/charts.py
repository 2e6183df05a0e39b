"""Charts of indicators over the years, as inline SVG drawn by the report's template.

For every target result whose indicator is computed from statistics (a metric or a ratio
of two) and has values in at least two years, a :class:`Chart` holds the series of what
the target compares, the target line, the deadline year and, per point, whether it meets
the target. What is compared is the target's basis: the value itself; for a yearly growth
(``yoy_percent``) each year's percent change on the year before; for a change since a
base year (``change_since``) each year's change since then (the base year at 0). A trend
(逐年上升/下降) has no line, since the text sets no number: its series is the value, its
direction is written on the chart, and each year is coloured by the one it is compared
with. The geometry is computed here, in whole pixels and fixed decimals, so the SVG bytes
depend only on the data.

Why hand-written SVG (measured, README *Dependencies*): pygal writes a random id into
every chart and links its script from the network; matplotlib is deterministic with a
hash salt but costs ~0.5 s to import and ~80 MB installed, and draws CJK titles only with
a configured font. A chart here is a few hundred bytes of template output.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..engine.evaluation import Report
from ..model.labels import Label
from ..model.statistics import Statistics
from ..plugins.registry import Registry
from ..policy.indicators import MeasureContext, MetricValue, Ratio
from ..policy.targets import Basis, Operator
from .view import number

WIDTH, HEIGHT = 640, 260
#: What most charts draw: the indicator's value itself.
VALUE = Label("数值", "value")
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 36, 40


@attrs.frozen
class Point:
    year: int
    value: float
    x: int
    y: int
    met: bool | None  # None: no threshold to meet


@attrs.frozen
class Chart:
    id: str
    title: Label
    subject: str
    unit: str
    points: tuple[Point, ...]
    target: float | None
    target_y: int | None
    #: the comparison of the threshold (">="), None for a trend
    operator: str | None
    deadline: int | None
    deadline_x: int | None
    ticks: tuple[tuple[int, str], ...]  # (y, label) of the value axis
    path: str
    #: what the series is: the value, its change on the year before, its change since a year
    measure: Label = VALUE
    #: a trend's direction (逐年上升 rising year on year), written on the chart
    direction: Label | None = None

    def description(self, lang: str) -> str:
        """The text alternative: what is drawn, every value, the target and the deadline."""
        values = "; ".join(f"{p.year}: {number(p.value)}{self.unit}" for p in self.points)
        if lang == "zh":
            text = f"{self.title.zh}（{self.subject}）各年{self.measure.zh}：{values}。"
            if self.target is not None:
                text += f"目标 {self.operator} {number(self.target)}{self.unit}。"
            if self.direction is not None:
                text += f"要求{self.direction.zh}（无数值目标）。"
            if self.deadline is not None:
                text += f"期限 {self.deadline} 年。"
            return text
        measure = "" if self.measure.en == "value" else f", {self.measure.en},"
        text = f"{self.title.en} ({self.subject}){measure} by year: {values}."
        if self.target is not None:
            text += f" Target {self.operator} {number(self.target)}{self.unit}."
        if self.direction is not None:
            text += f" Required: {self.direction.en} (no number set)."
        if self.deadline is not None:
            text += f" Deadline {self.deadline}."
        return text


def _meets(
    value: float, operator: Operator | None, threshold: float | None, previous: float | None
) -> bool | None:
    """Whether a year's value meets the target: the threshold, or for a trend the change
    on the value it is compared with (None for a trend's first year, or without a threshold)."""
    if operator is Operator.RISING:
        return None if previous is None else value > previous
    if operator is Operator.FALLING:
        return None if previous is None else value < previous
    if operator is None or threshold is None:
        return None
    if operator is Operator.AT_LEAST:
        return value >= threshold
    if operator is Operator.AT_MOST:
        return value <= threshold
    if operator is Operator.EQUAL:
        return value == threshold
    return None


def _nice_step(span: float) -> float:
    raw = span / 4 if span > 0 else 1.0
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def compared_series(
    values: Sequence[tuple[int, float]], basis: Basis, base_year: int | None, trend: bool
) -> list[tuple[int, float]]:
    """What a target compares, year by year, from the indicator's values: the values
    themselves (and for every trend), the percent change on the year before (a year
    without the year before, or after a zero, has none), or the change since
    ``base_year`` (from the base year, which is 0, on).

    >>> values = [(2018, 8.0), (2019, 10.0), (2020, 12.0)]
    >>> compared_series(values, Basis.YOY_PERCENT, None, False)
    [(2019, 25.0), (2020, 20.0)]
    >>> compared_series(values, Basis.CHANGE_SINCE, 2019, False)
    [(2019, 0.0), (2020, 2.0)]
    >>> compared_series(values, Basis.YOY_PERCENT, None, True) == values
    True
    """
    by_year = dict(values)
    if trend or basis is Basis.VALUE:
        return list(values)
    if basis is Basis.CHANGE_SINCE:
        if base_year not in by_year:
            return []
        return [(y, v - by_year[base_year]) for y, v in values if y >= base_year]
    out = []
    for year, value in values:
        before = by_year.get(year - 1)
        if before is not None and before != 0:
            out.append((year, 100.0 * (value - before) / before))
    return out


def _measure_label(basis: Basis, base_year: int | None, trend: bool) -> Label:
    if trend or basis is Basis.VALUE:
        return VALUE
    if basis is Basis.YOY_PERCENT:
        return Label("较上年变化（%）", "change on the year before (%)")
    return Label(f"较{base_year}年变化", f"change since {base_year}")


def charts_for(report: Report, registry: Registry, statistics: Statistics | None) -> list[Chart]:
    """The charts of a report's targets (several years of statistics needed)."""
    if statistics is None:
        return []
    ctx = MeasureContext(statistics, None, report.jurisdiction.code)
    years = statistics.years()
    out: list[Chart] = []
    seen: set[tuple[str, str]] = set()
    for result in report.targets:
        entry = registry.targets.get(result.target)
        if entry is None or result.indicator is None or result.subject is None:
            continue
        target = entry.item
        indicator = registry.indicators[result.indicator].item
        if not isinstance(indicator.definition, MetricValue | Ratio) or target.operator is None:
            continue  # a network measure, or a monitored indicator (no target to draw)
        key = (result.target, result.subject)
        if key in seen:
            continue
        seen.add(key)
        values = []
        for year in years:
            value = indicator.measure(ctx, target.scope.subject, result.subject, year)
            if value is not None:
                values.append((year, value))
        if len(values) < 2:
            continue
        operator = target.operator
        trend = operator.is_trend
        series = compared_series(values, target.basis, target.base_year, trend)
        if not series:
            continue
        names = {**{j.code: j.name.zh for j in report.chain}, **report.names}
        unit = "%" if target.basis is Basis.YOY_PERCENT and not trend else indicator.unit.symbol.strip()
        out.append(
            _chart(
                f"chart-{len(out) + 1}",
                result.title,
                names.get(result.subject, result.subject),
                unit,
                series,
                None if trend else target.value,
                operator,
                target.deadline.year if target.deadline else None,
                _measure_label(target.basis, target.base_year, trend),
                reference=target.base_year if target.basis is Basis.CHANGE_SINCE else None,
            )
        )
    return out


def _chart(
    ident: str,
    title: Label,
    subject: str,
    unit: str,
    series: Sequence[tuple[int, float]],
    threshold: float | None,
    operator: Operator | None,
    deadline: int | None,
    measure: Label = VALUE,
    reference: int | None = None,
) -> Chart:
    """The geometry of one chart. A trend's year is compared with the year before, or
    with ``reference`` (the base year of a ``change_since`` target) when it is set; the
    reference year's own point is never coloured."""
    first, last = series[0][0], series[-1][0]
    if deadline is not None:
        first, last = min(first, deadline), max(last, deadline)
    values = [v for _y, v in series] + ([threshold] if threshold is not None else [])
    low, high = min(values), max(values)
    step = _nice_step(high - low)
    low = step * int(low // step) - (step if low == high else 0)
    high = step * (int(high // step) + 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(year: int) -> int:
        return LEFT + round(plot_w * (year - first) / (last - first)) if last > first else LEFT + plot_w // 2

    def y_of(value: float) -> int:
        return TOP + round(plot_h * (high - value) / (high - low))

    ticks = []
    tick = low
    while tick <= high + step / 1000:
        ticks.append((y_of(tick), number(tick)))
        tick += step
    by_year = dict(series)
    points = []
    for year, value in series:
        previous = by_year.get(year - 1) if reference is None else by_year.get(reference)
        # the base year itself is what the others are compared with: never coloured
        met = None if year == reference else _meets(value, operator, threshold, previous)
        points.append(Point(year, value, x_of(year), y_of(value), met))
    path = " ".join(("M" if i == 0 else "L") + f"{p.x},{p.y}" for i, p in enumerate(points))
    return Chart(
        ident,
        title,
        subject,
        unit,
        tuple(points),
        threshold,
        y_of(threshold) if threshold is not None else None,
        operator.value if operator and threshold is not None else None,
        deadline,
        x_of(deadline) if deadline is not None else None,
        tuple(ticks),
        path,
        measure,
        operator.label if operator is not None and operator.is_trend else None,
    )
