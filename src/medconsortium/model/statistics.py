"""Yearly statistics: the inputs of indicators, per area, consortium or institution."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from .checks import draft_class, drafts_become, enum_of, plain_fields
from .labels import Label


class Scope(enum.Enum):
    """What a statistics record describes."""

    # By identity, as ConsortiumKind's: every record's (scope, id, year) key is hashed at
    # load, and Enum's own __hash__ is a Python call.
    __hash__ = object.__hash__

    AREA = "area"
    CONSORTIUM = "consortium"
    INSTITUTION = "institution"


#: The domain each unit implies: (minimum, maximum, whole numbers only).
UNIT_DOMAINS: Mapping[str, tuple[float | None, float | None, bool]] = {
    "count": (0.0, None, True),
    "days": (0.0, None, False),
    "percent": (0.0, 100.0, False),
    "flag": (0.0, 1.0, True),
    "ratio": (0.0, None, False),
}


@attrs.frozen
class Metric:
    """A raw quantity that statistics report, e.g. outpatient and emergency visits.

    Plugins may register metrics of their own; statistics files may only use known ones.

    Every metric has a domain, and a value outside it is bad input, not a number to
    assess: by default the one its unit implies (:data:`UNIT_DOMAINS`: a count is a whole
    number from 0, a percentage lies in 0..100, a flag is 0 or 1); ``minimum``,
    ``maximum`` and ``integer`` override it where the unit does not tell. ``at_most``
    names the metrics this one is part of, in the same record (in-county visits are at
    most all visits).

    >>> m = Metric("in_county", Label("县域内", "in county"), at_most=("visits",))
    >>> m.bounds, m.at_most
    ((0.0, None, True), ('visits',))
    """

    id: str
    label: Label
    unit: str = "count"
    minimum: float | None = None
    maximum: float | None = None
    integer: bool | None = None
    at_most: tuple[str, ...] = ()

    @property
    def bounds(self) -> tuple[float | None, float | None, bool]:
        """(minimum, maximum, whole numbers only), the unit's unless declared."""
        low, high, whole = UNIT_DOMAINS.get(self.unit, (None, None, False))
        return (
            low if self.minimum is None else self.minimum,
            high if self.maximum is None else self.maximum,
            whole if self.integer is None else self.integer,
        )


@attrs.frozen
class StatRecord:
    """The values of one subject (area code, consortium id or institution id) in one year."""

    scope: Scope = attrs.field(validator=enum_of(Scope))
    id: str
    year: int
    values: Mapping[str, float]


#: A StatRecord while :func:`built_record` fills its slots (model.checks.draft_class).
_DraftRecord = draft_class(StatRecord)


def _drafts_become_records() -> bool:
    """Whether :func:`built_record` can build a StatRecord as it does: its fields are the four
    it sets, with a validator on ``scope`` only (which it applies itself)."""
    fields = ("scope", "id", "year", "values")
    return plain_fields(StatRecord, ("scope",), fields) and drafts_become(_DraftRecord, StatRecord)


_new = object.__new__
_FAST_RECORDS = _drafts_become_records()


def built_record(scope: Scope, id: str, year: int, values: Mapping[str, float]) -> StatRecord:
    """``StatRecord(scope, id, year, values)``: the same frozen object with the same check,
    built by plain slot stores, for loaders that build one per row of a file (a province's
    statistics have tens of thousands).

    >>> made = built_record(Scope.AREA, "320612", 2024, {"x": 1.0})
    >>> type(made) is StatRecord, made == StatRecord(Scope.AREA, "320612", 2024, {"x": 1.0})
    (True, True)
    """
    if scope.__class__ is not Scope or not _FAST_RECORDS:
        return StatRecord(scope, id, year, values)  # the class's own check raises its error
    made: Any = _new(_DraftRecord)  # a draft: its slots are set once, then it is frozen
    # In pairs: a pair is swapped on the stack, four would be packed in a tuple first.
    made.scope, made.id = scope, id
    made.year, made.values = year, values
    made.__class__ = StatRecord  # every slot set: the draft is a StatRecord now
    return made  # type: ignore[no-any-return]


@attrs.frozen
class Statistics:
    """A set of yearly records, indexed by (scope, subject id, year).

    ``synthetic`` marks made-up example data, which reports then say.

    >>> s = Statistics((StatRecord(Scope.AREA, "320612", 2024, {"x": 1.0}),))
    >>> s.value(Scope.AREA, "320612", 2024, "x"), s.value(Scope.AREA, "320612", 2023, "x")
    (1.0, None)
    """

    records: tuple[StatRecord, ...] = ()
    synthetic: bool = False
    source: str | None = None
    _index: Mapping[tuple[Scope, str, int], Mapping[str, float]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        index: dict[tuple[Scope, str, int], dict[str, float]] = {}
        for record in self.records:
            # Several records for one subject and year merge; a later value wins only if
            # the loader allowed it (the loaders reject duplicates with their location).
            index.setdefault((record.scope, record.id, record.year), {}).update(record.values)
        object.__setattr__(self, "_index", index)

    @classmethod
    def indexed(
        cls,
        records: tuple[StatRecord, ...],
        index: Mapping[tuple[Scope, str, int], Mapping[str, float]],
        synthetic: bool = False,
        source: str | None = None,
    ) -> Statistics:
        """``Statistics(records, synthetic, source)`` with the index a loader built as it
        refused duplicates: each (scope, id, year) of ``records`` once, to its record's
        values (the records' own mappings, not copies). Building it again cost a
        twentieth of loading a province's statistics.

        >>> r = StatRecord(Scope.AREA, "320612", 2024, {"x": 1.0})
        >>> Statistics.indexed((r,), {(r.scope, r.id, r.year): r.values}) == Statistics((r,))
        True
        """
        made = cls.__new__(cls)
        for name, value in (
            ("records", records),
            ("synthetic", synthetic),
            ("source", source),
            ("_index", index),
        ):
            object.__setattr__(made, name, value)
        return made

    def value(self, scope: Scope, subject: str, year: int, metric: str) -> float | None:
        """A metric's value, or None when it was not reported."""
        values = self._index.get((scope, subject, year))
        return None if values is None else values.get(metric)

    def subjects(self, scope: Scope) -> Iterator[str]:
        """Every subject id that has a record of that scope, each once, sorted."""
        return iter(sorted({key[1] for key in self._index if key[0] is scope}))

    def years(self) -> tuple[int, ...]:
        return tuple(sorted({key[2] for key in self._index}))

    def merged(self, other: Statistics) -> Statistics:
        """These records and then ``other``'s (other's values win for the same key)."""
        return Statistics(
            self.records + other.records,
            synthetic=self.synthetic or other.synthetic,
            source=self.source or other.source,
        )

    @classmethod
    def from_values(
        cls, rows: Iterable[tuple[Scope, str, int, Mapping[str, float]]], synthetic: bool = False
    ) -> Statistics:
        return cls(tuple(StatRecord(s, i, y, dict(v)) for s, i, y, v in rows), synthetic)
