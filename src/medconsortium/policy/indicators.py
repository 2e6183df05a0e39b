"""Indicators (指标): named measures over statistics or the network, with definitions.

An indicator says how to compute one number for one subject (an area, a consortium or an
institution) in one year. Targets compare indicators with thresholds; the definition is
what the policy reference prints as numerator and denominator.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from ..model.checks import enum_of, optional_enum_of
from ..model.labels import Label
from ..model.statistics import Scope, Statistics

if TYPE_CHECKING:
    # Only in annotations: listing the policy does not import the network model.
    from ..model.network import Network


class Unit(enum.Enum):
    """Unit of an indicator's value."""

    PERCENT = "percent"
    COUNT = "count"
    DAYS = "days"
    RATIO = "ratio"

    @property
    def symbol(self) -> str:
        return {"percent": "%", "count": "", "days": " d", "ratio": ""}[self.value]


class Better(enum.Enum):
    """Which direction of an indicator is good, for comparing jurisdictions' targets."""

    HIGHER = "higher"
    LOWER = "lower"


@attrs.frozen
class MeasureContext:
    """What an indicator may read: the statistics and, for network measures, the network.

    ``day`` is the day a network measure is taken on: a deadline given to the day
    ("2019年3月底前") is measured on that day, against the network as it stood then;
    otherwise (``None``) on the last day of the year assessed (:meth:`on`).
    """

    statistics: Statistics | None
    network: Network | None
    jurisdiction: str
    day: dt.date | None = None

    def on(self, year: int) -> dt.date:
        """The day to measure the network on for ``year``.

        >>> MeasureContext(None, None, "320000").on(2019)
        datetime.date(2019, 12, 31)
        >>> MeasureContext(None, None, "320000", dt.date(2019, 3, 31)).on(2019)
        datetime.date(2019, 3, 31)
        """
        if self.day is not None and self.day.year == year:
            return self.day
        return dt.date(year, 12, 31)


@attrs.frozen
class MetricValue:
    """The reported value of one metric."""

    metric: str

    def compute(self, ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
        if ctx.statistics is None:
            return None
        return ctx.statistics.value(scope, subject, year, self.metric)

    def describe(self) -> tuple[str, str | None]:
        return self.metric, None


@attrs.frozen
class Ratio:
    """``scale × numerator / denominator`` over two metrics of the same record.

    A zero or missing denominator makes the value unknown, never zero.
    """

    numerator: str
    denominator: str
    scale: float = 100.0

    def compute(self, ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
        if ctx.statistics is None:
            return None
        num = ctx.statistics.value(scope, subject, year, self.numerator)
        den = ctx.statistics.value(scope, subject, year, self.denominator)
        if num is None or den is None or den == 0:
            return None
        return self.scale * num / den

    def describe(self) -> tuple[str, str | None]:
        return self.numerator, self.denominator


MeasureFunction = Callable[[MeasureContext, Scope, str, int], "float | None"]


@attrs.frozen
class Computed:
    """A measure computed by a function, e.g. coverage over the network.

    ``numerator`` and ``denominator`` describe it in words for the reference.
    """

    function: MeasureFunction
    numerator: Label
    denominator: Label | None = None

    def compute(self, ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
        return self.function(ctx, scope, subject, year)

    def describe(self) -> tuple[str, str | None]:
        return self.numerator.show("zh"), (self.denominator.show("zh") if self.denominator else None)


Definition = MetricValue | Ratio | Computed


@attrs.frozen
class Indicator:
    """A named measure. ``better`` says which direction is an improvement.

    >>> from medconsortium.model.statistics import StatRecord
    >>> ind = Indicator("x_rate", Label("x率", "x rate"), Unit.PERCENT, Ratio("a", "b"))
    >>> stats = Statistics((StatRecord(Scope.AREA, "320612", 2024, {"a": 9, "b": 10}),))
    >>> ind.measure(MeasureContext(stats, None, "320612"), Scope.AREA, "320612", 2024)
    90.0
    """

    id: str
    label: Label
    unit: Unit = attrs.field(validator=enum_of(Unit))
    definition: Definition
    better: Better | None = attrs.field(default=Better.HIGHER, validator=optional_enum_of(Better))
    description: Label | None = None

    def measure(self, ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
        return self.definition.compute(ctx, scope, subject, year)
