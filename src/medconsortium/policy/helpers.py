"""Helpers plugins build their items with: shapes of rules and targets that recur across
documents, so that a plugin reads like the clauses it encodes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model.consortia import ConsortiumKind
from .findings import Outcome
from .rules import RuleContext


def facts_rule(
    facts: tuple[str, ...], kinds: tuple[ConsortiumKind, ...]
) -> Callable[[RuleContext], Iterator[Outcome]]:
    """A check that every consortium of ``kinds`` states each of ``facts`` as true.

    False for any fact fails; otherwise an unknown fact makes it not assessable.
    Plugins use this for their own governance-fact rules.
    """

    def check(ctx: RuleContext) -> Iterator[Outcome]:
        for cons in ctx.consortia(*kinds):
            values = {f: cons.governance.fact(f) for f in facts}
            absent = [f for f, v in values.items() if v is False]
            unknown = [f for f, v in values.items() if v is None]
            if absent:
                yield ctx.failed(
                    [cons.id],
                    "缺少：" + "、".join(ctx.fact_label(f) for f in absent),
                    "missing: " + ", ".join(ctx.fact_label(f, "en") for f in absent),
                )
            elif unknown:
                yield ctx.unknown(
                    [cons.id],
                    "未提供：" + "、".join(ctx.fact_label(f) for f in unknown),
                    "not stated: " + ", ".join(ctx.fact_label(f, "en") for f in unknown),
                )
            else:
                yield ctx.passed(
                    [cons.id],
                    "均已具备：" + "、".join(ctx.fact_label(f) for f in facts),
                    "all in place: " + ", ".join(ctx.fact_label(f, "en") for f in facts),
                )

    return check
