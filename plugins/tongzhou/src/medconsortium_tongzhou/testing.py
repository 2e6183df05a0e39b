"""Builders for tests of Tongzhou's rules and targets (used by this plugin's test suite).

Networks are built in Python, a few institutions at a time, so that each test shows the
one thing it varies; results come from the core's own evaluation functions, assessed for
通州区 (320612) over a registry the caller loads (national, Jiangsu, Tongzhou ...).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Mapping

from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Finding
from medconsortium import Governance
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Integration
from medconsortium import MemberRole
from medconsortium import Membership
from medconsortium import Network
from medconsortium import Ownership
from medconsortium import Registry
from medconsortium import Routing
from medconsortium import Scope
from medconsortium import Secondment
from medconsortium import Statistics
from medconsortium import TargetResult
from medconsortium import assess
from medconsortium import run_rules

TONGZHOU = "320612"
YEAR_END = dt.date(2025, 12, 31)


def inst(
    id: str,
    type: InstitutionType = InstitutionType.TOWNSHIP_HEALTH_CENTRE,
    level: InstitutionLevel = InstitutionLevel.UNRATED,
    ownership: Ownership = Ownership.GOVERNMENT,
    division: str = TONGZHOU,
    capabilities: Iterable[str] = (),
) -> Institution:
    """An institution named after its id."""
    caps = frozenset(capabilities)
    return Institution(id, f"机构{id}", level, type, ownership, division, capabilities=caps)


def hospital(
    id: str = "h",
    type: InstitutionType = InstitutionType.COUNTY_HOSPITAL,
    division: str = TONGZHOU,
    capabilities: Iterable[str] = (),
) -> Institution:
    """A tertiary hospital (by default the county hospital, like 区人民医院)."""
    return inst(id, type, InstitutionLevel.TERTIARY, division=division, capabilities=capabilities)


def community(
    id: str,
    lead: str,
    members: Iterable[str | Membership],
    facts: Mapping[str, bool] | None = None,
    departments: Iterable[str] | None = None,
    integration: Integration | None = Integration.TIGHT,
    routing: Routing | None = None,
) -> Consortium:
    """A county medical community in Tongzhou led by ``lead``."""
    rest = [m if isinstance(m, Membership) else Membership(m) for m in members]
    return Consortium(
        id,
        f"医共体{id}",
        ConsortiumKind.COUNTY_MEDICAL_COMMUNITY,
        TONGZHOU,
        (Membership(lead, MemberRole.LEAD), *rest),
        integration=integration,
        governance=Governance(dict(facts or {}), None if departments is None else frozenset(departments)),
        routing=routing,
    )


def basic_network(
    facts: Mapping[str, bool] | None = None,
    departments: Iterable[str] | None = None,
    integration: Integration | None = Integration.TIGHT,
    routing: Routing | None = None,
    secondments: Iterable[Secondment] = (),
    extra: Iterable[Institution] = (),
) -> Network:
    """Lead ``h`` (a county hospital) with a township centre ``c1``, a community centre
    ``c2`` and a village clinic ``v1``, in community ``cc``."""
    institutions = (
        hospital(),
        inst("c1"),
        inst("c2", InstitutionType.COMMUNITY_HEALTH_CENTRE),
        inst("v1", InstitutionType.VILLAGE_CLINIC),
        *extra,
    )
    cons = community("cc", "h", ["c1", "c2", "v1"], facts, departments, integration, routing)
    return Network(institutions, (cons,), tuple(secondments))


def findings(
    registry: Registry,
    network: Network,
    rule: str,
    as_of: dt.date = YEAR_END,
    statistics: Statistics | None = None,
    year: int | None = None,
) -> list[Finding]:
    """The findings of one rule, assessed for Tongzhou."""
    j = registry.jurisdiction(TONGZHOU)
    return [f for f in run_rules(network, registry, j, as_of, statistics, year) if f.rule == rule]


def statuses(found: Iterable[Finding]) -> dict[tuple[str, ...], str]:
    """Status of each finding by its subjects."""
    return {f.subjects: f.status.value for f in found}


def results(
    registry: Registry, network: Network, statistics: Statistics | None, target: str, year: int = 2025
) -> list[TargetResult]:
    """The results of one target for Tongzhou in ``year``."""
    report = assess(network, statistics, registry, registry.jurisdiction(TONGZHOU), year)
    return [t for t in report.targets if t.target == target]


def stats(*rows: tuple[Scope, str, int, Mapping[str, float]]) -> Statistics:
    """Synthetic statistics from (scope, subject, year, values) rows."""
    return Statistics.from_values(rows, synthetic=True)
