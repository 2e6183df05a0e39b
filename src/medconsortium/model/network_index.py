"""How a :class:`~medconsortium.model.network.Network` files its institutions and
memberships for its queries, compactly: a province has millions of institutions, and
every byte an institution costs here is 1.7 MiB (benchmarks/large_inputs.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import groupby
from operator import countOf
from typing import Any, TypeVar

from .consortia import Consortium, Membership

T = TypeVar("T")


def frozen_lists(index: dict[str, list[T]]) -> Mapping[str, tuple[T, ...]]:
    """The index with its lists made tuples, in place: each list is dropped as soon as its
    tuple exists, so that a large network never holds the index twice (at 1.8 million
    institutions, 14 MiB of lists beside as many of tuples, benchmarks/large_inputs.py)."""
    if isinstance(index, defaultdict):
        index.default_factory = None  # a missing key is a KeyError from now on, as in a dict
    frozen: dict[str, Any] = index  # the values change type
    for key in frozen:
        frozen[key] = tuple(frozen[key])  # an existing key: the order and the size stay
    return frozen


class Runs(Mapping[str, tuple[T, ...]]):
    """An index by division whose items stand together in the network's tuple, one run per
    division: each run is sliced from the tuple when asked, rather than kept as a tuple of
    its own (8 bytes an institution, 14 MiB at 1.8 million, benchmarks/large_inputs.py).
    Same keys, order and values as the dict of tuples it stands for."""

    __slots__ = ("_items", "_runs")

    def __init__(self, items: tuple[T, ...], runs: dict[str, tuple[int, int]]) -> None:
        self._items = items
        self._runs = runs

    def __getitem__(self, key: str) -> tuple[T, ...]:
        start, stop = self._runs[key]
        return self._items[start:stop]

    def __iter__(self) -> Iterator[str]:
        return iter(self._runs)

    def __len__(self) -> int:
        return len(self._runs)


def runs_of(keys: Iterable[str]) -> dict[str, tuple[int, int]] | None:
    """(start, stop) of each key's run in ``keys``, in order, or None when a key comes back
    after another (its items do not stand together). Counted in C: a loop in Python over
    a province's institutions would cost what the lists it saves cost."""
    runs: dict[str, tuple[int, int]] = {}
    start = 0
    for key, run in groupby(keys):
        if key in runs:
            return None
        stop = start + countOf(run, key)
        runs[key] = (start, stop)
        start = stop
    return runs


#: A consortium and an institution's membership of it.
Pair = tuple[Consortium, Membership]


def hold(held: dict[str, Any], ident: str, pair: Pair) -> None:
    """File a membership under its institution: the pair alone for the first (nearly every
    institution is in one consortium), then a tuple of pairs. No list per institution, not
    even for a moment: a tuple of one and a list would be 64 and 104 bytes more each (17
    MiB at 1.8 million institutions, benchmarks/large_inputs.py)."""
    found = held.get(ident)
    if found is None:
        held[ident] = pair
    elif found[0].__class__ is tuple:  # already several
        held[ident] = (*found, pair)
    else:
        held[ident] = (found, pair)


def by_key(items: tuple[T, ...], keys: Sequence[str]) -> Mapping[str, tuple[T, ...]]:
    """``items`` by their ``keys`` (one key per item, in order; each key's items in order,
    keys in order of first appearance): :class:`Runs` of ``items`` when each key's items
    stand together (ids that begin with the county), a dict of tuples otherwise.

    >>> dict(by_key(("a1", "a2", "b1"), ["a", "a", "b"]))
    {'a': ('a1', 'a2'), 'b': ('b1',)}
    >>> dict(by_key(("a1", "b1", "a2"), ["a", "b", "a"]))
    {'a': ('a1', 'a2'), 'b': ('b1',)}
    """
    runs = runs_of(keys)
    if runs is not None:
        return Runs(items, runs)
    index: dict[str, list[T]] = defaultdict(list)
    for item, found in zip(items, keys, strict=True):
        index[found].append(item)
    return frozen_lists(index)


def held(found: Pair | tuple[Pair, ...] | None) -> tuple[Pair, ...]:
    """The pairs :func:`hold` filed under an institution, as a tuple of pairs."""
    if found is None:
        return ()
    if found[0].__class__ is tuple:  # several pairs (one is kept alone)
        return found
    return (found,)  # type: ignore[return-value]
