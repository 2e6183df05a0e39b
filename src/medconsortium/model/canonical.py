"""A network in canonical order, so that reports do not depend on the order of the file.

Institutions and consortia are sorted by id, a consortium's members by institution id, its
links by (relation, target) and its changes by date; secondments by (from, to, start,
person). None of these orders means anything in the policy: a file that lists the same
consortia in another order is the same network, and must give byte-identical reports.

Where file order is meaningful it is kept: referral batches are reported in file order,
each record with its line; a file's errors name the place in the file as written (the
network is checked in file order first, then put in canonical order).

>>> from medconsortium import examples
>>> net = examples.national_network()
>>> shuffled = Network(net.institutions[::-1], net.consortia[::-1])
>>> canonical(shuffled).institutions == canonical(net).institutions
True
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeVar

from .checks import replacer
from .consortia import Consortium
from .network import Network

T = TypeVar("T")


_INSTITUTION = operator.attrgetter("institution")
#: A consortium with its members, links and changes in another order, copied slot by slot
#: (its leads derived again from the reordered members by its own check): evolve checking
#: the values again cost two thirds of the canonical order of a province whose members are
#: listed out of order (callgrind).
_reordered = replacer(Consortium, "members", "links", "changes")


def _consortium(cons: Consortium) -> Consortium:
    # Members keyed in C: a key function in Python cost a third of the canonical order of a
    # province (benchmarks/core.py). Sorted once, and compared with the members as they
    # were: a tuple compares its items by identity first, so the memberships' own equality
    # runs once at most, for the first member out of place. Sorting the ids to compare
    # them, then the members, cost 28M instructions more for a province (out of order).
    members = tuple(sorted(cons.members, key=_INSTITUTION))
    in_order = members == cons.members
    links = tuple(sorted(cons.links, key=lambda link: (link.relation, link.target)))
    changes = tuple(sorted(cons.changes, key=lambda c: (c.date, c.description)))
    if in_order and links == cons.links and changes == cons.changes:
        return cons
    return _reordered(cons, members, links, changes)


def _in_order(items: tuple[T, ...], key: Callable[[T], Any]) -> tuple[T, ...]:
    """``items`` sorted by ``key``: themselves when they already are (a large network usually
    is, and sorting a copy of millions of references only to compare it costs memory)."""
    keys = map(key, items)
    previous = next(keys, None)
    for current in keys:
        if current < previous:
            return tuple(sorted(items, key=key))
        previous = current
    return items


def canonical(network: Network) -> Network:
    """The same network in canonical order (itself when it already is, and is indexed: see
    :func:`~medconsortium.model.network.unindexed`)."""
    institutions = _in_order(network.institutions, operator.attrgetter("id"))
    consortia = tuple(sorted((_consortium(c) for c in network.consortia), key=lambda c: c.id))
    secondments = tuple(
        sorted(network.secondments, key=lambda s: (s.from_institution, s.to_institution, s.start, s.person))
    )
    if (
        institutions == network.institutions
        and consortia == network.consortia
        and secondments == network.secondments
        and network._queryable()
    ):
        return network
    return Network.reordered(institutions, consortia, secondments, of=network)
