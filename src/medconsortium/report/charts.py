"""Charts of indicators over the years, as inline SVG drawn by the report's template.

For every target result whose indicator is computed from statistics (a metric or a ratio
of two) and has values in at least two years, a :class:`Chart` holds the series, the
target line (thresholds on the value itself), the deadline year and, per point, whether
it meets the threshold. The geometry is computed here, in whole pixels and fixed
decimals, so the SVG bytes depend only on the data.

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

    def description(self, lang: str) -> str:
        """The text alternative: every value, the target and the deadline in words."""
        values = "; ".join(f"{p.year}: {number(p.value)}{self.unit}" for p in self.points)
        if lang == "zh":
            text = f"{self.title.zh}（{self.subject}）各年数值：{values}。"
            if self.target is not None:
                text += f"目标 {self.operator} {number(self.target)}{self.unit}。"
            if self.deadline is not None:
                text += f"期限 {self.deadline} 年。"
            return text
        text = f"{self.title.en} ({self.subject}) by year: {values}."
        if self.target is not None:
            text += f" Target {self.operator} {number(self.target)}{self.unit}."
        if self.deadline is not None:
            text += f" Deadline {self.deadline}."
        return text


def _meets(
    value: float, operator: Operator | None, threshold: float | None, previous: float | None
) -> bool | None:
    """Whether a year's value meets the target: the threshold, or for a trend the change
    on the year before (None for the first year of a trend, or without a threshold)."""
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
        if not isinstance(indicator.definition, MetricValue | Ratio):
            continue
        key = (result.target, result.subject)
        if key in seen:
            continue
        seen.add(key)
        series = []
        for year in years:
            value = indicator.measure(ctx, target.scope.subject, result.subject, year)
            if value is not None:
                series.append((year, value))
        if len(series) < 2:
            continue
        if target.basis is not Basis.VALUE or target.operator is None:
            continue  # a change or a yearly growth: the series of values would not show it
        threshold = target.value if not target.operator.is_trend else None
        operator = target.operator
        names = {**{j.code: j.name.zh for j in report.chain}, **report.names}
        name = names.get(result.subject, result.subject)
        out.append(
            _chart(
                f"chart-{len(out) + 1}",
                result.title,
                name,
                indicator.unit.symbol.strip(),
                series,
                threshold,
                operator,
                target.deadline.year if target.deadline else None,
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
) -> Chart:
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
    points = tuple(
        Point(y, v, x_of(y), y_of(v), _meets(v, operator, threshold, series[i - 1][1] if i else None))
        for i, (y, v) in enumerate(series)
    )
    path = " ".join(("M" if i == 0 else "L") + f"{p.x},{p.y}" for i, p in enumerate(points))
    return Chart(
        ident,
        title,
        subject,
        unit,
        points,
        threshold,
        y_of(threshold) if threshold is not None else None,
        operator.value if operator and threshold is not None else None,
        deadline,
        x_of(deadline) if deadline is not None else None,
        tuple(ticks),
        path,
    )
