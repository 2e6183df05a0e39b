"""Targets (目标): what an indicator must reach, by when, for whom, and where it is written."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from ..model.checks import enum_of, optional_enum_of
from ..model.consortia import ConsortiumKind, MemberRole
from ..model.institutions import InstitutionType
from ..model.jurisdictions import Level
from ..model.labels import Label
from ..model.statistics import Scope
from .documents import Citation, Period


class Operator(enum.Enum):
    """How the measured value is compared (the JSON contract's ``operator``)."""

    AT_LEAST = ">="
    AT_MOST = "<="
    EQUAL = "=="
    RISING = "rising"
    FALLING = "falling"

    @property
    def is_trend(self) -> bool:
        return self in (Operator.RISING, Operator.FALLING)

    @property
    def label(self) -> Label:
        return {
            Operator.AT_LEAST: Label("不低于", "at least"),
            Operator.AT_MOST: Label("不高于", "at most"),
            Operator.EQUAL: Label("等于", "equal to"),
            Operator.RISING: Label("逐年上升", "rising year on year"),
            Operator.FALLING: Label("逐年下降", "falling year on year"),
        }[self]


class Basis(enum.Enum):
    """What is compared: the value itself or its change.

    ``value``: the indicator in the assessed year. ``yoy_percent``: its change against the
    year before, in percent. ``change_since``: its absolute change since ``base_year``.
    """

    VALUE = "value"
    YOY_PERCENT = "yoy_percent"
    CHANGE_SINCE = "change_since"


class TargetKind(enum.Enum):
    """Derived from the operator: a threshold, a trend, a qualitative goal, or a monitor."""

    QUANTITATIVE = "quantitative"
    TREND = "trend"
    QUALITATIVE = "qualitative"
    MONITORED = "monitored"


@attrs.frozen
class TargetScope:
    """Which subjects a target is assessed for.

    ``subject`` is the kind of subject. For ``area``: ``area_level`` None means the
    jurisdiction itself, a level means every area of that level inside it. For
    ``consortium``: consortia of ``consortium_kinds`` (all when empty). For
    ``institution``: institutions with ``role`` in consortia of ``consortium_kinds``
    (e.g. the leads of city medical groups), or of ``institution_types``.
    """

    subject: Scope = attrs.field(default=Scope.AREA, validator=enum_of(Scope))
    area_level: Level | None = attrs.field(default=None, validator=optional_enum_of(Level))
    consortium_kinds: frozenset[ConsortiumKind] = frozenset()
    role: MemberRole | None = attrs.field(default=None, validator=optional_enum_of(MemberRole))
    institution_types: frozenset[InstitutionType] = frozenset()
    description: Label | None = None


@attrs.frozen
class Target:
    """A target a jurisdiction sets.

    ``deadline``: the date by which it must be met; it is assessed from that year on and,
    when the deadline is given to a day, measured on that day (the network as it stood
    then). ``horizon``: the last year it is assessed. Without one, a target with a deadline
    is assessed in its deadline's year only (a goal "by 2019年6月底" is a goal for that day),
    unless it is ``ongoing`` (稳定在…, 保持…: it holds every year from the deadline on); a
    target without deadline ("每年…") is assessed every year it is in force, up to its
    horizon where the text sets one ("每年…到2020年" → horizon 2020). ``period``: when it
    is in force (never before its document: the registry sees to that). A target with no
    ``operator`` is qualitative (no indicator) or monitored (an indicator reported without
    threshold): shown, never scored.
    """

    id: str
    title: Label
    citation: Citation
    indicator: str | None = None
    operator: Operator | None = attrs.field(default=None, validator=optional_enum_of(Operator))
    value: float | None = None
    basis: Basis = attrs.field(default=Basis.VALUE, validator=enum_of(Basis))
    base_year: int | None = None
    deadline: dt.date | None = None
    period: Period = Period()
    scope: TargetScope = TargetScope()
    note: Label | None = None
    review_by: dt.date | None = None
    horizon: int | None = None
    ongoing: bool = False

    def __attrs_post_init__(self) -> None:
        op = self.operator
        if op is not None and self.indicator is None:
            raise ValueError(f"target {self.id}: an operator needs an indicator")
        if op is not None and not op.is_trend and self.value is None:
            raise ValueError(f"target {self.id}: operator {op.value} needs a value")
        if (op is None or op.is_trend) and self.value is not None:
            raise ValueError(f"target {self.id}: a value needs a threshold operator")
        if (self.basis is Basis.CHANGE_SINCE) != (self.base_year is not None):
            raise ValueError(f"target {self.id}: change_since goes with a base_year")
        if self.ongoing and self.horizon is not None:
            raise ValueError(f"target {self.id}: an ongoing target has no horizon")
        if self.horizon is not None and self.deadline is not None and self.horizon < self.deadline.year:
            raise ValueError(f"target {self.id}: horizon {self.horizon} is before the deadline")

    @property
    def last_year(self) -> int | None:
        """The last year the target is assessed (``None``: no end).

        >>> from medconsortium import Citation, Label
        >>> t = Target("x.t", Label("目标", "t"), Citation("文", "一", "到2020年"),
        ...     deadline=dt.date(2019, 6, 30))
        >>> t.last_year
        2019
        >>> attrs.evolve(t, ongoing=True).last_year is None
        True
        """
        if self.horizon is not None:
            return self.horizon
        if self.ongoing or self.deadline is None:
            return None
        return self.deadline.year

    def measured_on(self, year: int) -> dt.date:
        """The day the target is measured on for ``year``: its deadline in the deadline's
        year, else the year's last day."""
        if self.deadline is not None and self.deadline.year == year:
            return self.deadline
        return dt.date(year, 12, 31)

    @property
    def kind(self) -> TargetKind:
        if self.operator is None:
            return TargetKind.QUALITATIVE if self.indicator is None else TargetKind.MONITORED
        return TargetKind.TREND if self.operator.is_trend else TargetKind.QUANTITATIVE

    def due_in(self, year: int) -> bool:
        """Whether the target is assessed for ``year``: in force, from its deadline's year,
        up to its :attr:`last_year`."""
        if not self.period.overlaps_year(year):
            return False
        if self.deadline is not None and self.deadline.year > year:
            return False
        last = self.last_year
        return last is None or year <= last

    def in_force(self, day: dt.date) -> bool:
        return self.period.contains(day)
