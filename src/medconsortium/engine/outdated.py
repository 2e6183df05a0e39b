"""Stale policy: documents, targets and rules past their review date or deadline.

``medconsortium rules J --outdated`` lists them, so that a plugin's maintainers know what
to re-read against the issuing authority's newer documents.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ..model.jurisdictions import Jurisdiction
from ..model.labels import Label
from ..plugins.registry import Entry, Registry
from ..policy.targets import Target


@attrs.frozen
class Outdated:
    """A document, target or rule that needs its maintainers' attention.

    ``since`` is the date that passed (review date, deadline or end of the period).
    """

    kind: str
    id: str
    plugin: str
    level: str
    since: dt.date
    reason: Label


def _due(target: Target) -> dt.date | None:
    """When a target stops asking anything new: its deadline, else the end of its period."""
    if target.deadline is not None:
        return target.deadline
    return target.period.end


def _later(other: Target, due: dt.date, today: dt.date) -> bool:
    other_due = _due(other)
    if other_due is None:
        return other.period.end is None or other.period.end >= today
    return other_due > due


def find_outdated(
    registry: Registry, jurisdiction: Jurisdiction | None, today: dt.date
) -> tuple[Outdated, ...]:
    """What is past its review date, or past its deadline with nothing after it, on ``today``.

    For ``jurisdiction`` and its ancestors (every level when None). A target is past its
    deadline when its deadline (else the end of its period) is before ``today``; something
    comes after it when another target of the same level measures the same indicator (or,
    for qualitative targets, is qualitative too) with a later deadline or none. A rule is
    past when its period ended and no rule of its level starts later.
    """
    levels = (
        [j.code for j in registry.chain(jurisdiction.code)]
        if jurisdiction is not None
        else sorted(registry.jurisdictions)
    )
    depth = {code: n for n, code in enumerate(levels)}
    out: list[Outdated] = []

    def review(kind: str, key: str, entry: Entry[Any], level: str) -> None:
        review_by = getattr(entry.item, "review_by", None)
        if review_by is not None and review_by < today:
            out.append(
                Outdated(
                    kind, key, entry.plugin, level, review_by, Label("已过复核日期", "review date passed")
                )
            )

    for number, doc in registry.documents.items():
        if doc.item.jurisdiction in depth:
            review("document", number, doc, doc.item.jurisdiction)
    targets = [(k, e) for k, e in registry.targets.items() if e.level in depth]
    for key, t_entry in targets:
        assert t_entry.level is not None
        review("target", key, t_entry, t_entry.level)
        target = t_entry.item
        due = _due(target)
        if due is None or due >= today:
            continue
        successors = [
            k
            for k, e in targets
            if k != key
            and e.level == t_entry.level
            and e.item.indicator == target.indicator
            and _later(e.item, due, today)
        ]
        if not successors:
            out.append(
                Outdated(
                    "target",
                    key,
                    t_entry.plugin,
                    t_entry.level,
                    due,
                    Label("已过期限，无后续目标", "past its deadline, nothing after it"),
                )
            )
    for kind, entries in (("rule", registry.rules), ("referral rule", registry.referral_rules)):
        owned = [(k, e) for k, e in entries.items() if e.level in depth]
        for key, r_entry in owned:
            assert r_entry.level is not None
            review(kind, key, r_entry, r_entry.level)
            end = r_entry.item.period.end
            if end is None or end >= today:
                continue
            if not any(
                e.level == r_entry.level and e.item.period.start is not None and e.item.period.start > end
                for _, e in owned
            ):
                out.append(
                    Outdated(
                        kind,
                        key,
                        r_entry.plugin,
                        r_entry.level,
                        end,
                        Label("已过施行期，无后续规则", "period ended, nothing after it"),
                    )
                )
    kinds = {"document": 0, "target": 1, "rule": 2, "referral rule": 3}
    out.sort(key=lambda o: (depth[o.level], kinds[o.kind], o.id, o.since))
    return tuple(out)
