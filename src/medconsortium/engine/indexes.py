"""Indexes over a network: answers to the queries rules repeat, computed once.

A :class:`IndexedNetwork` is the same network, answering area queries from memo tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from ..model.consortia import Consortium, ConsortiumKind
from ..model.institutions import Institution
from ..model.network import Network


@attrs.frozen(eq=False)
class IndexedNetwork(Network):
    """A network that remembers the answers to the area queries referral rules repeat for
    every referral (a city's consortia, a county's institutions).

    It is the same network (same institutions, consortia and secondments, same answers,
    in the same order); only the cost of a query differs. Build it from a network with
    :meth:`of`.
    """

    _areas: dict[tuple[str, frozenset[ConsortiumKind] | None], tuple[Consortium, ...]] = attrs.field(
        init=False, factory=dict, repr=False
    )
    _places: dict[str, tuple[Institution, ...]] = attrs.field(init=False, factory=dict, repr=False)

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
