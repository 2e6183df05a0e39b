"""One evaluation pass: a rule's outcomes over a network, remembered for the same network,
registry, jurisdiction and day, so that ``assess`` reuses what ``validate`` found.

A rule's check sees a watched context: when it never reads ``statistics`` or ``year`` (most
governance rules do not), its outcomes hold for any statistics and year, and an ``assess``
of the year whose last day was validated reuses them; a check that reads them is run again
unless those are the same objects. Nothing is kept beyond the network's life.

>>> import datetime as dt
>>> from medconsortium import Registry, examples, validate, assess
>>> registry, net = Registry.load(only=()), examples.national_network()
>>> national = registry.jurisdiction("national")
>>> first = validate(net, registry, national, dt.date(2017, 12, 31))
>>> remembered(net, registry, national.code, dt.date(2017, 12, 31)) > 0
True
"""

from __future__ import annotations

import datetime as dt
import weakref
from typing import Any

import attrs

from ..model.network import Network
from ..model.statistics import Statistics
from ..plugins.registry import Registry
from ..policy.findings import Finding, Outcome
from ..policy.rules import RuleContext

_WATCHED = frozenset({"statistics", "year"})


class WatchedContext:
    """Forwards everything to a :class:`RuleContext`, noting whether the check read the
    statistics or the year (what differs between ``validate`` and ``assess``).

    Anything else read is kept on this object after its first reading, so that the next
    reading is a plain attribute look-up: rules read ``ctx.network`` and ``ctx.as_of`` once
    per institution, and forwarding each cost a tenth of validating a province. The two
    watched names are never kept, so that every reading of them is noted.

    >>> import datetime as dt
    >>> from medconsortium import examples
    >>> from medconsortium.model.jurisdictions import Jurisdiction, Level
    >>> from medconsortium.model.labels import Label
    >>> china = Jurisdiction("100000", "national", Label("全国", "China"), Level.NATIONAL)
    >>> watched = WatchedContext(RuleContext(examples.national_network(), china, dt.date(2024, 3, 1)))
    >>> watched.as_of == watched.as_of, watched.read, watched.year, watched.read
    (True, False, None, True)
    """

    def __init__(self, ctx: RuleContext) -> None:
        self._ctx = ctx
        self.read = False

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._ctx, name)
        if name in _WATCHED:
            self.read = True
        else:
            # The context is frozen: what it answers now it answers on every reading.
            self.__dict__[name] = value
        return value


@attrs.define
class _Run:
    outcomes: tuple[Outcome, ...]
    read: bool
    statistics: Statistics | None
    year: int | None
    #: The findings made of ``outcomes``, with the rule's entry and exceptions they were
    #: made for (:func:`remember`, :func:`recall_findings`).
    findings: tuple[object, tuple[object, ...], tuple[Finding, ...]] | None = None


@attrs.define
class _Memo:
    network: weakref.ref[Network]
    registry: weakref.ref[Registry]
    runs: dict[tuple[str, dt.date, str], _Run] = attrs.field(factory=dict)


#: By id of the network; each entry checks that its network and registry are still those.
_MEMOS: dict[int, _Memo] = {}


def _memo(network: Network, registry: Registry) -> _Memo:
    memo = _MEMOS.get(id(network))
    if memo is None or memo.network() is not network or memo.registry() is not registry:
        key = id(network)
        memo = _MEMOS[key] = _Memo(weakref.ref(network), weakref.ref(registry))
        weakref.finalize(network, _MEMOS.pop, key, None)
    return memo


def recall(
    network: Network,
    registry: Registry,
    code: str,
    day: dt.date,
    rule: str,
    statistics: Statistics | None,
    year: int | None,
) -> tuple[Outcome, ...] | None:
    """The outcomes of ``rule`` from an earlier pass that hold for these statistics and year."""
    run = _memo(network, registry).runs.get((code, day, rule))
    if run is None:
        return None
    if run.read and (run.statistics is not statistics or run.year != year):
        return None
    return run.outcomes


def remember(
    network: Network,
    registry: Registry,
    code: str,
    day: dt.date,
    rule: str,
    outcomes: tuple[Outcome, ...],
    watched: WatchedContext,
    statistics: Statistics | None,
    year: int | None,
    made: tuple[object, tuple[object, ...], tuple[Finding, ...]] | None = None,
) -> None:
    """Keep a rule's outcomes for the passes that follow; ``made``: the findings made of
    them, with the rule's entry and exceptions they were made for (:func:`recall_findings`)."""
    _memo(network, registry).runs[(code, day, rule)] = _Run(outcomes, watched.read, statistics, year, made)


def recall_findings(
    network: Network,
    registry: Registry,
    place: tuple[str, dt.date, str],
    entry: object,
    exceptions: tuple[object, ...],
) -> tuple[Finding, ...] | None:
    """The findings an earlier pass made of the outcomes :func:`recall` gives for ``place``
    (jurisdiction code, day, rule), when made for the same rule entry and exceptions:
    ``assess`` after ``validate`` shows the same frozen findings rather than making each of
    them again (a province's 7,858 were a tenth of the two passes)."""
    run = _memo(network, registry).runs.get(place)
    if run is None or run.findings is None:
        return None
    made_for, made_with, findings = run.findings
    return findings if made_for is entry and made_with == exceptions else None


def remembered(network: Network, registry: Registry, code: str, day: dt.date) -> int:
    """How many rules' outcomes are remembered for this network, jurisdiction and day."""
    return sum(1 for (c, d, _) in _memo(network, registry).runs if (c, d) == (code, day))
