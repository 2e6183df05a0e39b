"""Helpers plugins build their items with: shapes of rules and targets that recur across
documents, so that a plugin reads like the clauses it encodes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model.consortia import Consortium, ConsortiumKind
from ..model.institutions import Institution, InstitutionLevel, InstitutionType
from ..model.labels import Label
from .findings import Outcome
from .rules import RuleContext


def facts_outcome(
    ctx: RuleContext, consortium: Consortium, facts: tuple[str, ...], passed: Label | None = None
) -> Outcome:
    """The verdict on one consortium's governance ``facts``: any recorded false fails (the
    missing ones named), else any not recorded is not assessable, else it passes (with
    ``passed`` as the message, by default the facts named)."""
    values = {f: consortium.governance.fact(f) for f in facts}
    absent = [f for f, v in values.items() if v is False]
    unknown = [f for f, v in values.items() if v is None]
    if absent:
        return ctx.failed(
            [consortium.id],
            "缺少：" + "、".join(ctx.fact_label(f) for f in absent),
            "missing: " + ", ".join(ctx.fact_label(f, "en") for f in absent),
        )
    if unknown:
        return ctx.unknown(
            [consortium.id],
            "未提供：" + "、".join(ctx.fact_label(f) for f in unknown),
            "not stated: " + ", ".join(ctx.fact_label(f, "en") for f in unknown),
        )
    if passed is not None:
        return ctx.passed([consortium.id], passed.zh, passed.en)
    return ctx.passed(
        [consortium.id],
        "均已具备：" + "、".join(ctx.fact_label(f) for f in facts),
        "all in place: " + ", ".join(ctx.fact_label(f, "en") for f in facts),
    )


def facts_rule(
    facts: tuple[str, ...],
    kinds: tuple[ConsortiumKind, ...],
    where: Callable[[Consortium], bool] | None = None,
    passed: Label | None = None,
) -> Callable[[RuleContext], Iterator[Outcome]]:
    """A check that every consortium of ``kinds`` (and, given ``where``, only those it
    accepts) states each of ``facts`` as true (:func:`facts_outcome`).

    False for any fact fails; otherwise an unknown fact makes it not assessable.
    Plugins use this for their own governance-fact rules.
    """

    def check(ctx: RuleContext) -> Iterator[Outcome]:
        for cons in ctx.consortia(*kinds):
            if where is None or where(cons):
                yield facts_outcome(ctx, cons, facts, passed)

    return check


TERTIARY_GENERAL = Label("三级综合医院", "tertiary general hospital")


def is_tertiary_general(inst: Institution) -> bool:
    """A tertiary (三级) general hospital (综合医院)."""
    return inst.level is InstitutionLevel.TERTIARY and inst.type is InstitutionType.GENERAL_HOSPITAL


def tertiary_general_lead(
    ctx: RuleContext, subjects: list[str], lead: Institution, who: Label = TERTIARY_GENERAL
) -> Outcome:
    """The verdict on a lead that must be a tertiary general hospital (三级综合医院牵头);
    ``who`` names it in the passing message (e.g. 市属三级综合医院)."""
    return ctx.judge(
        subjects,
        is_tertiary_general(lead),
        passed=(f"由{who.zh}{lead.name}牵头", f"led by {who.en} {lead.name}"),
        failed=(
            f"牵头单位{lead.name}不是三级综合医院（{lead.level.label.zh}、{lead.type.label.zh}）",
            f"lead {lead.name} is not a tertiary general hospital "
            f"({lead.level.label.en}, {lead.type.label.en})",
        ),
        measured=f"{lead.level.value}/{lead.type.value}",
        expected="tertiary/general_hospital",
    )
