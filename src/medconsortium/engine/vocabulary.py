"""Networks and statistics built in memory are checked like loaded ones: every governance
fact, department and metric they name must be one a plugin registers (a typo would
otherwise be an unknown fact, and the rule that needs it "not assessable", silently).

>>> import attrs
>>> from medconsortium import Governance, Registry, examples
>>> registry, net = Registry.load(only=()), examples.national_network()
>>> typo = attrs.evolve(net.consortia[0], governance=Governance({"charterr": True}))
>>> try:
...     check_network(attrs.evolve(net, consortia=(typo, *net.consortia[1:])), registry)
... except NetworkError as exc:
...     print(exc)
consortia[0].governance.facts.charterr: unknown governance fact 'charterr'
"""

from __future__ import annotations

from ..model.errors import NetworkError, UsageError
from ..model.network import Network
from ..model.statistics import Statistics
from ..plugins.registry import Registry
from ..policy.catalog import FactKind


def check_network(network: Network, registry: Registry) -> None:
    """Refuse governance facts and departments no plugin registers (NetworkError)."""
    fact, department = FactKind.FACT, FactKind.DEPARTMENT  # read once, not for every fact
    for index, cons in enumerate(network.consortia):
        for key in sorted(cons.governance.facts):
            entry = registry.facts.get(key)
            if entry is None or entry.item.kind is not fact:
                raise NetworkError(
                    f"consortia[{index}].governance.facts.{key}", f"unknown governance fact {key!r}"
                )
        for dept in sorted(cons.governance.departments or ()):
            entry = registry.facts.get(dept)
            if entry is None or entry.item.kind is not department:
                raise NetworkError(
                    f"consortia[{index}].governance.departments", f"unknown department {dept!r}"
                )


def check_statistics(statistics: Statistics, registry: Registry) -> None:
    """Refuse metrics no plugin registers (UsageError naming the record)."""
    known = registry.metrics
    # Every metric named at all, gathered in C: when each is known (the usual case), no
    # record is looked at one by one; otherwise the first record naming an unknown one is.
    named: set[str] = set().union(*(record.values for record in statistics.records))
    if named.issubset(known):
        return
    for record in statistics.records:
        for metric in record.values:
            if metric not in known:
                raise UsageError(
                    f"statistics: {record.scope.value} {record.id} {record.year}: unknown metric {metric!r}"
                )
