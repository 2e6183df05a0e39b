"""Secondments (派驻): staff a senior institution stations at a primary care institution."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from .checks import enum_of
from .labels import Label


class Title(enum.Enum):
    """Professional title level (职称)."""

    JUNIOR = "junior"
    INTERMEDIATE = "intermediate"
    ASSOCIATE_SENIOR = "associate_senior"
    SENIOR = "senior"

    @property
    def rank(self) -> int:
        return list(Title).index(self)

    @property
    def label(self) -> Label:
        return {
            Title.JUNIOR: Label("初级", "junior"),
            Title.INTERMEDIATE: Label("中级", "intermediate"),
            Title.ASSOCIATE_SENIOR: Label("副高级", "associate senior"),
            Title.SENIOR: Label("正高级", "senior"),
        }[self]

    def at_least(self, other: Title) -> bool:
        return self.rank >= other.rank


@attrs.frozen
class Secondment:
    """One person stationed from one institution at another for a period.

    ``person`` is a pseudonymous staff key, never a name. ``end`` None means ongoing.
    """

    person: str
    title: Title = attrs.field(validator=enum_of(Title))
    from_institution: str
    to_institution: str
    start: dt.date
    end: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
