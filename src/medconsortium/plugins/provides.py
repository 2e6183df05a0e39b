"""What a plugin provides, declared once, as data.

A plugin states its items in one :class:`Provides` object and exposes the one hook
implementation derived from it::

    PROVIDES = Provides(documents=(DOCUMENT,), targets=TARGETS, rules=RULES)
    register_policy = PROVIDES.hookimpl()

The core does the rest per kind: it sorts the items by their type, registers each kind in
the order the hooks are called, attributes every item to the plugin and checks it as it
checks items registered through the ``register_*`` hooks one by one (those stay, for
plugins that compute their items).

>>> from medconsortium import Label, Metric
>>> provides = Provides(metrics=(Metric("demo_visits", Label("就诊人次", "visits")),))
>>> got = []
>>> provides.register(got.append)
>>> [m.id for m in got]
['demo_visits']
>>> provides.hookimpl().__name__
'register_policy'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from ..model.jurisdictions import Jurisdiction
from ..model.statistics import Metric
from ..policy.catalog import Example, Fact, ReferenceTable
from ..policy.documents import PolicyDocument
from ..policy.indicators import Indicator
from ..policy.referral_rules import ReferralRule
from ..policy.rules import Rule, RuleException
from ..policy.targets import Target
from .hookspecs import Register, hookimpl


def _items(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Provides:
    """Every item a plugin provides, by kind, in the order it states them."""

    jurisdictions: tuple[Jurisdiction, ...] = attrs.field(default=(), converter=_items)
    documents: tuple[PolicyDocument, ...] = attrs.field(default=(), converter=_items)
    metrics: tuple[Metric, ...] = attrs.field(default=(), converter=_items)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_items)
    facts: tuple[Fact, ...] = attrs.field(default=(), converter=_items)
    targets: tuple[Target, ...] = attrs.field(default=(), converter=_items)
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=_items)
    referral_rules: tuple[ReferralRule, ...] = attrs.field(default=(), converter=_items)
    exceptions: tuple[RuleException, ...] = attrs.field(default=(), converter=_items)
    reference_tables: tuple[ReferenceTable, ...] = attrs.field(default=(), converter=_items)
    examples: tuple[Example, ...] = attrs.field(default=(), converter=_items)

    def __iter__(self) -> Iterator[Any]:
        for field in attrs.fields(Provides):
            yield from getattr(self, field.name)

    def register(self, register: Register) -> None:
        """Hand every item to ``register``, kind by kind."""
        for item in self:
            register(item)

    def hookimpl(self) -> Callable[[Register], None]:
        """The ``register_policy`` hook implementation that registers these items; assign
        it to a module attribute of that name."""

        def register_policy(register: Register) -> None:
            self.register(register)

        marked: Callable[[Register], None] = hookimpl(register_policy)
        return marked
