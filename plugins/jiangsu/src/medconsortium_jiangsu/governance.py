"""A small builder for "these governance facts and departments must be in place" checks.

It extends the core's ``national.facts_rule`` with two things the plan asks for: a group
of facts where any one will do (章程或协议, a charter *or* an agreement) and a list of
management departments.
"""

from __future__ import annotations

from collections.abc import Iterator

from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Outcome
from medconsortium import RuleContext
from medconsortium.policy.rules import RuleCheck


def _group_value(cons: Consortium, group: tuple[str, ...]) -> bool | None:
    """True if any fact of the group is true, False if all are false, else unknown."""
    if len(group) == 1:  # most groups: the fact's own value when it is a bool
        value = cons.governance.fact(group[0])
        return value if value is True or value is False else None
    values = [cons.governance.fact(f) for f in group]
    if any(v is True for v in values):
        return True
    if all(v is False for v in values):
        return False
    return None


def governance_check(
    kinds: tuple[ConsortiumKind, ...],
    facts: tuple[str, ...] = (),
    any_of: tuple[tuple[str, ...], ...] = (),
    departments: tuple[str, ...] = (),
) -> RuleCheck:
    """A check that every active consortium of ``kinds`` has each of ``facts``, at least one
    fact of each ``any_of`` group, and each of ``departments``.

    Anything stated as absent fails (naming what is missing); otherwise anything not
    stated makes the consortium not assessable.
    """
    groups = tuple((f,) for f in facts) + any_of

    def check(ctx: RuleContext) -> Iterator[Outcome]:
        for cons in ctx.consortia(*kinds):
            missing: list[str] = []
            unknown: list[str] = []
            for group in groups:
                value = _group_value(cons, group)
                name = "/".join(group)
                if value is False:
                    missing.append(name)
                elif value is None:
                    unknown.append(name)
            if departments:
                have = cons.governance.departments
                if have is None:
                    unknown.append("departments")
                else:
                    missing.extend(f"department {d}" for d in departments if d not in have)
            if missing:
                yield ctx.failed([cons.id], "缺少：" + "、".join(missing), "missing: " + ", ".join(missing))
            elif unknown:
                yield ctx.unknown(
                    [cons.id], "未提供：" + "、".join(unknown), "not stated: " + ", ".join(unknown)
                )
            else:
                yield ctx.passed([cons.id], "均已具备", "all in place")

    return check
