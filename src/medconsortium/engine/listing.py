"""What applies where: the policy listing of a jurisdiction and comparisons between them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from ..model.jurisdictions import Jurisdiction
from ..plugins.registry import Entry, Registry
from ..policy.catalog import ReferenceTable
from ..policy.documents import PolicyDocument
from ..policy.indicators import Better
from ..policy.referral_rules import ReferralRule
from ..policy.rules import Rule, RuleException
from ..policy.targets import Basis, Operator, Target, TargetKind


@attrs.frozen
class PolicyListing:
    """Everything that applies in a jurisdiction: its chain, documents, targets, rules,
    referral rules, exceptions and reference tables, each with its level and plugin."""

    jurisdiction: Jurisdiction
    chain: tuple[Jurisdiction, ...]
    as_of: dt.date | None
    documents: tuple[Entry[PolicyDocument], ...]
    targets: tuple[Entry[Target], ...]
    rules: tuple[Entry[Rule], ...]
    referral_rules: tuple[Entry[ReferralRule], ...]
    exceptions: tuple[Entry[RuleException], ...]
    reference_tables: tuple[Entry[ReferenceTable], ...]


def policy_listing(
    registry: Registry, jurisdiction: Jurisdiction, as_of: dt.date | None = None
) -> PolicyListing:
    """What applies in ``jurisdiction`` (in force on ``as_of``, or ever when None)."""
    code = jurisdiction.code
    return PolicyListing(
        jurisdiction,
        registry.chain(code),
        as_of,
        registry.documents_for(code, as_of),
        registry.targets_for(code, as_of),
        registry.rules_for(code, as_of),
        registry.referral_rules_for(code, as_of),
        registry.exceptions_for(code, as_of),
        registry.reference_tables_for(code),
    )


@attrs.frozen
class ComparisonCell:
    """One jurisdiction's own targets for one indicator (not its ancestors')."""

    targets: tuple[Target, ...]
    stricter: bool = False


@attrs.frozen
class ComparisonRow:
    indicator: str
    basis: Basis
    cells: tuple[ComparisonCell, ...]


@attrs.frozen
class Comparison:
    """Targets side by side: one row per (indicator, basis), one column per jurisdiction.

    Each cell holds the targets the jurisdiction's own documents set; ``stricter`` marks
    the cell whose threshold is the hardest to meet in that row (when thresholds compare).
    """

    jurisdictions: tuple[Jurisdiction, ...]
    rows: tuple[ComparisonRow, ...]


def _strictness(target: Target, better: Better | None) -> float | None:
    """A number that grows with how hard the target is, or None if it does not compare."""
    if target.value is None or target.kind is not TargetKind.QUANTITATIVE:
        return None
    if target.operator is Operator.AT_LEAST:
        return target.value
    if target.operator is Operator.AT_MOST:
        return -target.value
    return None


def compare(registry: Registry, jurisdictions: Sequence[Jurisdiction]) -> Comparison:
    """Compare the targets each jurisdiction sets itself, indicator by indicator."""
    keys: dict[tuple[str, Basis], None] = {}
    own: list[dict[tuple[str, Basis], list[Target]]] = []
    for j in jurisdictions:
        mine: dict[tuple[str, Basis], list[Target]] = {}
        for entry in registry.targets.values():
            t = entry.item
            if entry.level == j.code and t.indicator is not None:
                mine.setdefault((t.indicator, t.basis), []).append(t)
                keys[(t.indicator, t.basis)] = None
        own.append(mine)
    rows = []
    for key in sorted(keys, key=lambda k: (k[0], k[1].value)):
        better = registry.indicators[key[0]].item.better
        scores = []
        for mine in own:
            values = [s for t in mine.get(key, []) if (s := _strictness(t, better)) is not None]
            scores.append(max(values) if values else None)
        known = [s for s in scores if s is not None]
        best = max(known) if len(known) > 1 else None
        cells = tuple(
            ComparisonCell(tuple(mine.get(key, [])), best is not None and score == best)
            for mine, score in zip(own, scores, strict=True)
        )
        rows.append(ComparisonRow(key[0], key[1], cells))
    return Comparison(tuple(jurisdictions), tuple(rows))
