"""Targets (目标): what an indicator must reach, by when, for whom, and where it is written."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

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

    subject: Scope = Scope.AREA
    area_level: Level | None = None
    consortium_kinds: frozenset[ConsortiumKind] = frozenset()
    role: MemberRole | None = None
    institution_types: frozenset[InstitutionType] = frozenset()
    description: Label | None = None


@attrs.frozen
class Target:
    """A target a jurisdiction sets.

    ``deadline``: the date by which it must be met; it is assessed for that year and later
    (within ``period``). ``period``: when it is in force (``每年`` targets have an open end).
    A target with no ``operator`` is qualitative (no indicator) or monitored (an indicator
    reported without threshold): shown, never scored.
    """

    id: str
    title: Label
    citation: Citation
    indicator: str | None = None
    operator: Operator | None = None
    value: float | None = None
    basis: Basis = Basis.VALUE
    base_year: int | None = None
    deadline: dt.date | None = None
    period: Period = Period()
    scope: TargetScope = TargetScope()
    note: Label | None = None
    review_by: dt.date | None = None

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

    @property
    def kind(self) -> TargetKind:
        if self.operator is None:
            return TargetKind.QUALITATIVE if self.indicator is None else TargetKind.MONITORED
        return TargetKind.TREND if self.operator.is_trend else TargetKind.QUANTITATIVE

    def due_in(self, year: int) -> bool:
        """Whether the target is assessed for ``year``: in force and past its deadline year."""
        if not self.period.overlaps_year(year):
            return False
        return self.deadline is None or self.deadline.year <= year

    def in_force(self, day: dt.date) -> bool:
        return self.period.contains(day)
