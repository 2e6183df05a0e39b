"""The collector during a pass: what was loaded before it is not walked again.

A province's network is millions of objects, none of them garbage while rules run; the
rules allocate as they go, and every full collection the allocations trigger walks the
whole network again (at 16x, half the time of ``validate``). :func:`settled` moves what
exists when a pass starts out of the collector's sight (:func:`gc.freeze`) and gives it
back when the pass ends (:func:`gc.unfreeze`), so that nothing is kept that would
otherwise be collected: garbage from before the pass is collected after it. During the
pass only the young generations are collected: what a pass keeps past two collections (the
members it looked up, its outcomes and findings) lives until it ends, and each full
collection walked all of it again, with every network object it points to, far apart in
memory (at 16x, five full collections cost a quarter of ``validate``; at 1x none happens).
The young generation is collected every 100,000 allocations instead of every 700: what a
pass allocates and drops goes by reference counting, which no threshold touches, and what
it keeps is live until it ends, so the collections at 700 walked live objects to free
nothing (at 1x, 50 young collections found no garbage and cost 40.8M instructions of
``validate``'s 741M; at 100,000 none runs).

:func:`starting` is the same idea for a command's start-up (importing the policy and the
plugins, loading the registry): objects that live as long as the process, few of them
garbage.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

#: A count of young collections the oldest generation's threshold never reaches.
_NEVER = 2**31 - 1
#: The young generation's threshold during a pass (allocations between collections).
_YOUNG = 100_000


def settled(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with the heap as it was at the call frozen, no full collection, and
    the young generation collected every :data:`_YOUNG` allocations (every threshold given
    back when it returns or raises).

    A process that froze objects itself (a server before forking) keeps control of them:
    with anything frozen already, nothing is frozen or given back here.

    >>> @settled
    ... def frozen_inside() -> bool:
    ...     return gc.get_freeze_count() > 0
    >>> frozen_inside() or not gc.isenabled(), gc.get_freeze_count()
    (True, 0)
    >>> settled(gc.get_threshold)()[0] >= _YOUNG or gc.get_freeze_count() > 0
    True
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if gc.get_freeze_count() or not gc.isenabled():
            return func(*args, **kwargs)
        gc.freeze()
        young, middle, oldest = gc.get_threshold()
        gc.set_threshold(max(young, _YOUNG), middle, _NEVER)
        try:
            return func(*args, **kwargs)
        finally:
            gc.set_threshold(young, middle, oldest)
            gc.unfreeze()

    return wrapper


@contextlib.contextmanager
def starting() -> Iterator[None]:
    """Start-up work with the collector paused; what exists when it ends is handed to the
    oldest generation, where it is not walked again until a full collection.

    Importing the policy and the plugins and loading the registry builds tens of thousands
    of objects that live as long as the process (modules, classes, functions, policy items)
    and a few thousand that are garbage (the classes attrs replaces by slotted ones):
    collecting as they were built walked the survivors some sixty times, about a tenth of
    ``medconsortium rules``' CPU time. The garbage goes with the next full collection. A
    process that paused the collector or froze objects itself keeps control of them.

    >>> with starting():
    ...     gc.isenabled()
    False
    >>> gc.isenabled(), gc.get_freeze_count()
    (True, 0)
    """
    if not gc.isenabled() or gc.get_freeze_count():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        to_oldest()
        gc.enable()


def to_oldest() -> None:
    """Hand everything the collector tracks to the oldest generation without walking it:
    :func:`gc.freeze` then :func:`gc.unfreeze`, two splices of the collector's lists
    whatever their length. Only for a process that has frozen nothing itself (this gives
    back whatever was frozen).

    >>> kept = [[n] for n in range(1000)]
    >>> to_oldest()
    >>> gc.get_count()[0] < 1000, gc.get_freeze_count()
    (True, 0)
    """
    gc.freeze()
    gc.unfreeze()
