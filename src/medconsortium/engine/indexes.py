"""Indexes over a network: answers to the queries rules repeat, computed once.

A :class:`IndexedNetwork` is the same network, answering area queries and the consortia
of an institution on a day from memo tables.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Iterator

import attrs

from ..model.consortia import Consortium, ConsortiumKind
from ..model.institutions import Institution
from ..model.network import Network


@attrs.frozen(eq=False)
class IndexedNetwork(Network):
    """A network that remembers the answers to the queries referral rules repeat for
    every referral (a city's consortia, a county's institutions, the consortia an
    institution belongs to on a day).

    It is the same network (same institutions, consortia and secondments, same answers,
    in the same order); only the cost of a query differs. Build it from a network with
    :meth:`of`.

    >>> from medconsortium import examples
    >>> net = IndexedNetwork.of(examples.national_network())
    >>> [c.id for c in net.consortia_of("cn-thc-1", on=dt.date(2024, 3, 1))]
    ['cn-ccm-1']
    >>> net.period_of("cn-thc-1", dt.date(2024, 3, 1)) == net.period_of("cn-thc-1", dt.date(2025, 1, 1))
    True
    """

    _areas: dict[tuple[str, frozenset[ConsortiumKind] | None], tuple[Consortium, ...]] = attrs.field(
        init=False, factory=dict, repr=False
    )
    _places: dict[str, tuple[Institution, ...]] = attrs.field(init=False, factory=dict, repr=False)
    # Per institution, the days its memberships change (a consortium formed or dissolved,
    # the institution joined or left): between two such days, its consortia are the same.
    _changes: dict[str, tuple[dt.date, ...]] = attrs.field(init=False, factory=dict, repr=False)
    # consortia_of per (institution, period): as many entries as memberships change, so the
    # memo stays the network's size however many days are asked.
    _held: dict[tuple[str, int], tuple[Consortium, ...]] = attrs.field(init=False, factory=dict, repr=False)

    @classmethod
    def of(cls, network: Network) -> IndexedNetwork:
        if isinstance(network, IndexedNetwork):
            return network
        return cls(network.institutions, network.consortia, network.secondments)

    def consortia_in(
        self, division: str, kinds: Iterable[ConsortiumKind] | None = None
    ) -> Iterator[Consortium]:
        wanted = frozenset(kinds) if kinds is not None else None
        key = (division, wanted)
        found = self._areas.get(key)
        if found is None:
            found = self._areas[key] = tuple(super().consortia_in(division, wanted))
        return iter(found)

    def institutions_in(self, division: str) -> Iterator[Institution]:
        found = self._places.get(division)
        if found is None:
            found = self._places[division] = tuple(super().institutions_in(division))
        return iter(found)

    def period_of(self, institution_id: str, day: dt.date) -> int:
        """The number of the period ``day`` falls in among the days the institution's
        memberships change: on two days of the same period it belongs to the same
        consortia (every date test is ``since <= day`` or ``day < until``)."""
        changes = self._changes.get(institution_id)
        if changes is None:
            if institution_id not in self._by_id:
                return 0  # nothing kept for ids the network does not know: bad input stays small
            days = {
                d
                for c, m in self.memberships_of(institution_id)
                for d in (c.formed, c.dissolved, m.joined, m.left)
                if d is not None
            }
            changes = self._changes[institution_id] = tuple(sorted(days))
        return bisect_right(changes, day) if changes else 0

    def period_days(self, institution_id: str, day: dt.date) -> tuple[dt.date, dt.date]:
        """The first and the last day of the period ``day`` falls in (:meth:`period_of`):
        every day between them has the same period, so a memo of that period's answers can
        be tested by two comparisons of days instead of a look-up of the period."""
        period = self.period_of(institution_id, day)
        changes = self._changes.get(institution_id, ())
        first = changes[period - 1] if period else dt.date.min
        # changes[period] > day >= date.min, so the day before it exists.
        last = changes[period] - dt.timedelta(days=1) if period < len(changes) else dt.date.max
        return first, last

    def consortia_of(self, institution_id: str, on: dt.date | None = None) -> tuple[Consortium, ...]:
        key = (institution_id, -1 if on is None else self.period_of(institution_id, on))
        found = self._held.get(key)
        if found is None:
            if institution_id not in self._by_id:
                return ()
            found = self._held[key] = super().consortia_of(institution_id, on)
        return found
