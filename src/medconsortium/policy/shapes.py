"""Shapes of targets that recur across documents, so that a plugin's ``targets.py`` reads
like the clauses it encodes: "不低于90%" is :func:`at_least`, "增幅每年不低于20%" is
:func:`growth_at_least`, "较2018年下降不少于1天" is :func:`fall_since`, "逐年提升" is
:func:`rising`, an indicator the text names without a number is :func:`monitored`, a goal
no statistic measures is :func:`qualitative`.

Each returns a plain :class:`~medconsortium.policy.targets.Target`; the keyword arguments
are the target's own (deadline, period, scope, note, horizon, ongoing, review_by). Values
go through as given: ``100`` and ``100.0`` print differently in JSON, so a plugin keeps the
number its document's reading calls for.

>>> from medconsortium import Citation, Label
>>> t = growth_at_least("x.down", Label("下转增幅每年不低于20%", "downward referrals +20% a year"),
...     Citation("文", "三", "下转病人例数增幅每年不低于20%"), "referrals_down", 20.0, horizon=2020)
>>> t.operator.value, t.value, t.basis.value, t.horizon
('>=', 20.0, 'yoy_percent', 2020)
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict, Unpack

from ..model.labels import Label
from .documents import Citation, Period
from .targets import Basis, Operator, Target, TargetScope


class When(TypedDict, total=False):
    """When a target applies (see :class:`Target`): a plugin names the ones its document
    repeats, ``BY_2025: When = {"deadline": END_2025, "period": FROM_ISSUE}``, and passes
    them as ``**BY_2025`` beside the target's own scope and note."""

    deadline: dt.date | None
    period: Period
    horizon: int | None
    ongoing: bool


class TargetFields(When, total=False):
    """The fields of a target a shape leaves to the plugin (see :class:`Target`)."""

    scope: TargetScope
    note: Label | None
    review_by: dt.date | None


def _compare(
    operator: Operator,
    id: str,
    title: Label,
    citation: Citation,
    indicator: str,
    value: float,
    basis: Basis = Basis.VALUE,
    base_year: int | None = None,
    **kw: Unpack[TargetFields],
) -> Target:
    """A threshold target: every shape below is one of these."""
    return Target(
        id,
        title,
        citation,
        indicator=indicator,
        operator=operator,
        value=value,
        basis=basis,
        base_year=base_year,
        **kw,
    )


def at_least(
    id: str, title: Label, citation: Citation, indicator: str, value: float, **kw: Unpack[TargetFields]
) -> Target:
    """不低于 / 以上 / 达到: the indicator is at least ``value``.

    >>> from medconsortium import Citation, Label
    >>> at_least("x.rate", Label("就诊率不低于90%", "rate at least 90%"),
    ...     Citation("文", "三", "县域内就诊率不低于90%"), "county_visit_rate", 90).operator.value
    '>='
    """
    return _compare(Operator.AT_LEAST, id, title, citation, indicator, value, **kw)


def at_most(
    id: str, title: Label, citation: Citation, indicator: str, value: float, **kw: Unpack[TargetFields]
) -> Target:
    """不超过 / 不高于: the indicator is at most ``value``.

    >>> from medconsortium import Citation, Label
    >>> at_most("x.cap", Label("不超过5个", "at most 5"), Citation("文", "三", "不超过5个"), "n", 5).value
    5
    """
    return _compare(Operator.AT_MOST, id, title, citation, indicator, value, **kw)


def equals(
    id: str, title: Label, citation: Citation, indicator: str, value: float, **kw: Unpack[TargetFields]
) -> Target:
    """A flag or count that must be exactly ``value`` (a plan made on time: 1).

    >>> from medconsortium import Citation, Label
    >>> equals("x.plan", Label("按时制定规划", "plan on time"), Citation("文", "六", "要制定完成规划"),
    ...     "plan_on_time", 1.0).operator.value
    '=='
    """
    return _compare(Operator.EQUAL, id, title, citation, indicator, value, **kw)


def growth_at_least(
    id: str, title: Label, citation: Citation, indicator: str, percent: float, **kw: Unpack[TargetFields]
) -> Target:
    """增长 / 增幅不低于 N%: the change against the year before is at least ``percent``."""
    return _compare(Operator.AT_LEAST, id, title, citation, indicator, percent, Basis.YOY_PERCENT, **kw)


def growth_at_most(
    id: str, title: Label, citation: Citation, indicator: str, percent: float, **kw: Unpack[TargetFields]
) -> Target:
    """增幅不超过 N%: the change against the year before is at most ``percent``.

    >>> from medconsortium import Citation, Label
    >>> growth_at_most("x.up", Label("上转增幅每年不超过10%", "upward +10% at most"),
    ...     Citation("文", "三", "上转病人例数增幅每年不超过10%"), "referrals_up", 10.0).basis.value
    'yoy_percent'
    """
    return _compare(Operator.AT_MOST, id, title, citation, indicator, percent, Basis.YOY_PERCENT, **kw)


def fall_at_least(
    id: str, title: Label, citation: Citation, indicator: str, percent: float, **kw: Unpack[TargetFields]
) -> Target:
    """降幅 / 下降率 N%以上: the indicator falls by at least ``percent`` against the year
    before (its change is at most minus ``percent``).

    >>> from medconsortium import Citation, Label
    >>> t = fall_at_least("x.fall", Label("门诊量下降10%以上", "visits fall 10%"),
    ...     Citation("文", "二", "门诊量下降率10%以上"), "visits", 10.0)
    >>> t.operator.value, t.value
    ('<=', -10.0)
    """
    return growth_at_most(id, title, citation, indicator, -percent, **kw)


def fall_since(
    id: str,
    title: Label,
    citation: Citation,
    indicator: str,
    amount: float,
    base_year: int,
    **kw: Unpack[TargetFields],
) -> Target:
    """较 base_year 下降不少于 amount: the indicator is at least ``amount`` below its value
    in ``base_year`` (an absolute change, in the indicator's unit).

    >>> from medconsortium import Citation, Label
    >>> t = fall_since("x.alos", Label("平均住院日较2018年下降不少于1天", "ALOS 1 day below 2018"),
    ...     Citation("文", "三", "平均住院日较2018年下降不少于1天"), "alos", 1.0, 2018)
    >>> t.operator.value, t.value, t.basis.value, t.base_year
    ('<=', -1.0, 'change_since', 2018)
    """
    return _compare(
        Operator.AT_MOST, id, title, citation, indicator, -amount, Basis.CHANGE_SINCE, base_year, **kw
    )


def rising(id: str, title: Label, citation: Citation, indicator: str, **kw: Unpack[TargetFields]) -> Target:
    """逐年提升 / 提高 / 稳步提升: a trend, no number (never a threshold).

    >>> from medconsortium import Citation, Label
    >>> rising("x.up", Label("逐年提升", "rising"), Citation("文", "二", "逐年提升"), "share").kind.value
    'trend'
    """
    return Target(id, title, citation, indicator=indicator, operator=Operator.RISING, **kw)


def falling(id: str, title: Label, citation: Citation, indicator: str, **kw: Unpack[TargetFields]) -> Target:
    """逐步减少 / 下降, without a number: a falling trend."""
    return Target(id, title, citation, indicator=indicator, operator=Operator.FALLING, **kw)


def monitored(
    id: str, title: Label, citation: Citation, indicator: str, **kw: Unpack[TargetFields]
) -> Target:
    """An indicator the text names (考核…等指标) without a number or direction: reported,
    never scored.

    >>> from medconsortium import Citation, Label
    >>> cite = Citation("文", "六", "下转率等指标")
    >>> monitored("x.m", Label("下转率", "downward rate"), cite, "rate").kind.value
    'monitored'
    """
    return Target(id, title, citation, indicator=indicator, **kw)


def qualitative(id: str, title: Label, citation: Citation, **kw: Unpack[TargetFields]) -> Target:
    """A goal no statistic measures (基本建成…, 进一步完善…): shown, never scored.

    >>> from medconsortium import Citation, Label
    >>> qualitative("x.q", Label("基本建成", "built"), Citation("文", "二", "基本建成")).kind.value
    'qualitative'
    """
    return Target(id, title, citation, **kw)


def monitored_each(
    citation: Citation, rows: tuple[tuple[str, Label, str], ...], **kw: Unpack[TargetFields]
) -> tuple[Target, ...]:
    """One :func:`monitored` target for each (id, title, indicator) of ``rows``: the
    indicators one sentence lists (重点考核…、…、…等关键指标), with the same fields.

    >>> from medconsortium import Citation, Label
    >>> [t.id for t in monitored_each(Citation("文", "五", "考核甲、乙等指标"),
    ...     (("x.a", Label("甲", "a"), "a"), ("x.b", Label("乙", "b"), "b")))]
    ['x.a', 'x.b']
    """
    return tuple(monitored(id, title, citation, indicator, **kw) for id, title, indicator in rows)
