"""The grid (网格): which tight consortium answers for which township or street.

Each city medical group and county medical community that is not declared loose is a
tight consortium responsible for the townships/streets in its ``grid`` (分区包段). A
township belongs to the county-level division of the institutions standing in it, or of
the consortium that names it; a consortium whose division is a city claims the name in
every district (市辖区) of that city, not in its counties or county-level cities.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs
from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Integration
from medconsortium import Level
from medconsortium.model.jurisdictions import NATIONAL_CODE
from medconsortium.model.jurisdictions import level_of_code
from medconsortium.model.jurisdictions import served_by

if TYPE_CHECKING:
    # Only in annotations: the network model is not imported when the plugin loads.
    from medconsortium import Network

GRID_KINDS = (ConsortiumKind.CITY_MEDICAL_GROUP, ConsortiumKind.COUNTY_MEDICAL_COMMUNITY)
#: Read once: on Python 3.11 a member read from its enumeration costs a call of
#: ``EnumType.__getattr__``, and is_tight runs for every consortium a rule looks at.
_LOOSE = Integration.LOOSE


def is_tight(cons: Consortium) -> bool:
    """City medical groups and county medical communities are the plan's tight consortia
    (紧密型医联体) unless the network declares them loose."""
    return cons.kind in GRID_KINDS and cons.integration is not _LOOSE


def tight_consortia(network: Network, within: str, on: dt.date) -> list[Consortium]:
    """Tight consortia inside ``within`` that are active on ``on``, by id."""
    found = (c for c in network.consortia_in(within, GRID_KINDS) if is_tight(c) and c.active_on(on))
    return sorted(found, key=lambda c: c.id)


@attrs.frozen
class AreaGrid:
    """The grid of one county-level division (or of a city for city-wide claims).

    ``claims`` maps each township/street to the ids of the consortia claiming it;
    ``undeclared`` lists consortia covering the division whose grid is not stated, which
    makes any gap uncertain.
    """

    division: str
    claims: dict[str, tuple[str, ...]]
    undeclared: tuple[str, ...] = ()

    @property
    def overlaps(self) -> dict[str, tuple[str, ...]]:
        return {t: ids for t, ids in sorted(self.claims.items()) if len(ids) > 1}

    @property
    def gaps(self) -> tuple[str, ...]:
        return tuple(t for t, ids in sorted(self.claims.items()) if not ids)

    @property
    def covered(self) -> tuple[str, ...]:
        return tuple(t for t, ids in sorted(self.claims.items()) if len(ids) == 1)


def area_grids(network: Network, within: str, on: dt.date) -> Iterator[AreaGrid]:
    """The grid of every division inside ``within`` that has townships or a declared grid,
    in code order."""
    consortia = tight_consortia(network, within, on)
    townships: dict[str, set[str]] = {}
    for division, institutions in network.institutions_by_division(within):
        # Only institutions placed in a township of a county-level division make up grids.
        if level_of_code(division) is Level.COUNTY:
            named = {inst.township for inst in institutions if inst.township}
            if named:
                townships.setdefault(division, set()).update(named)
    for cons in consortia:
        if cons.grid:
            townships.setdefault(cons.division, set()).update(cons.grid)
    # Consortia by the division they serve: a township's division is covered by those of
    # the division itself and of the city and province above it (a lookup, not a scan).
    by_division: dict[str, list[Consortium]] = {}
    for cons in consortia:
        by_division.setdefault(cons.division, []).append(cons)
    for division in sorted(townships):
        above = {division, division[:4] + "00", division[:2] + "0000", NATIONAL_CODE}
        covering = sorted(
            (c for d in above for c in by_division.get(d, ()) if served_by(division, c.division)),
            key=lambda c: c.id,
        )
        claims = {t: tuple(c.id for c in covering if t in c.grid) for t in sorted(townships[division])}
        undeclared = tuple(c.id for c in covering if not c.grid)
        yield AreaGrid(division, claims, undeclared)


def grid_coverage(network: Network, area: str, on: dt.date) -> float | None:
    """Share (%) of the area's townships/streets claimed by exactly one tight consortium.

    None without any township, or when a covering consortium does not state its grid.
    """
    grids = list(area_grids(network, area, on))
    if any(g.undeclared for g in grids):
        return None
    total = sum(len(g.claims) for g in grids)
    if total == 0:
        return None
    return 100.0 * sum(len(g.covered) for g in grids) / total
