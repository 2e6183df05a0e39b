"""Filing (备案) within 5 working days, 五（三）.

A consortium files its charter and member list within 5 working days after it is formed,
and has the filing cancelled (or the change reported) within 5 working days after it ends
or changes materially. Working days come from :mod:`.workdays` (China's official calendar,
with the make-up working days); a date the calendar does not cover is not assessable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Iterator

import attrs
from medconsortium import Consortium
from medconsortium import Label
from medconsortium import Outcome
from medconsortium import Rule
from medconsortium import RuleContext
from medconsortium import Strength
from medconsortium.model.consortia import Recorded
from medconsortium.model.consortia import date_of
from medconsortium.model.consortia import done_on

from .document import cite
from .workdays import supported_years
from .workdays import working_days_after

WORKING_DAYS = 5
FILE = Label("备案", "filing")
REPORT = Label("报备", "report")
CANCEL = Label("取消备案", "cancellation of the filing")


@attrs.frozen
class Obligation:
    """One thing to file: what happened and when, the filing it calls for (``action``),
    and when that was done (None: not done)."""

    what: Label
    action: Label
    happened: dt.date | None
    done: Recorded


@attrs.frozen
class Verdict:
    """The state of an obligation on a day: ``ok``, ``late``, ``missing`` or ``unknown``."""

    state: str
    message: Label
    due: dt.date | None = None


def judge(obligation: Obligation, as_of: dt.date) -> Verdict | None:
    """Whether ``obligation`` is met on ``as_of``; None when it has not arisen yet.

    The record of the act (``done``) reads as the truth table in :doc:`concepts` says: a
    date by ``as_of`` is judged on time or late; a date after ``as_of`` is not done yet;
    ``False`` (recorded not done) is missing once due; ``True`` (done, no date) and no
    record at all are not assessable once due.
    """
    what, action = obligation.what, obligation.action
    zh, en = f"{what.zh}后{action.zh}", f"{action.en} after {what.en}"
    if obligation.happened is None:
        return Verdict("unknown", Label(f"{what.zh}日期未填写", f"date of {what.en} not stated"))
    if obligation.happened > as_of:
        return None
    due = working_days_after(obligation.happened, WORKING_DAYS)
    if due is None:
        first, last = supported_years()
        return Verdict(
            "unknown",
            Label(
                f"{zh}的期限超出工作日历范围（{first}–{last}年），{what.zh}于{obligation.happened.isoformat()}",
                f"the deadline for {en} ({obligation.happened.isoformat()}) is outside the "
                f"working-day calendar ({first}-{last})",
            ),
        )
    done = done_on(obligation.done, as_of)
    if done and date_of(obligation.done) is None:
        # Done, but the record gives no date: whether on time cannot be told.
        return Verdict(
            "unknown",
            Label(
                f"{zh}已完成，但未记录日期（应于{due.isoformat()}前）",
                f"{en} done, date not recorded (due {due.isoformat()})",
            ),
            due,
        )
    if done is None and as_of > due:
        return Verdict(
            "unknown",
            Label(
                f"未记录是否{action.zh}（应于{due.isoformat()}前）",
                f"{en} not recorded (due {due.isoformat()})",
            ),
            due,
        )
    if done and isinstance(obligation.done, dt.date):
        if obligation.done <= due:
            return Verdict("ok", Label(f"{zh}按期完成", f"{en} on time (due {due.isoformat()})"), due)
        return Verdict(
            "late",
            Label(
                f"{zh}逾期：应于{due.isoformat()}前，实为{obligation.done.isoformat()}",
                f"{en} late: due {due.isoformat()}, done {obligation.done.isoformat()}",
            ),
            due,
        )
    if as_of > due:
        return Verdict(
            "missing",
            Label(f"{what.zh}后未{action.zh}，应于{due.isoformat()}前", f"no {en}, due {due.isoformat()}"),
            due,
        )
    return Verdict(
        "ok", Label(f"{zh}尚未到期（{due.isoformat()}）", f"{en} not yet due ({due.isoformat()})"), due
    )


def _outcome(ctx: RuleContext, cons: Consortium, verdicts: list[Verdict]) -> Outcome:
    bad = [v for v in verdicts if v.state in ("late", "missing")]
    unknown = [v for v in verdicts if v.state == "unknown"]
    chosen = bad or unknown or verdicts
    zh = "；".join(v.message.zh for v in chosen)
    en = "; ".join(v.message.en for v in chosen)
    due = ", ".join(v.due.isoformat() for v in chosen if v.due is not None) or None
    if bad:
        return ctx.failed([cons.id], zh, en, expected=due)
    if unknown:
        return ctx.unknown([cons.id], zh, en)
    return ctx.passed([cons.id], zh, en)


def formation_obligations(cons: Consortium) -> Iterable[Obligation]:
    """Filing the charter and member list after the consortium is formed."""
    yield Obligation(Label("组建", "formation"), FILE, cons.formed, cons.filing.filed)


def ending_obligations(cons: Consortium) -> Iterable[Obligation]:
    """Reporting each material change, and cancelling the filing after the consortium ends."""
    for change in sorted(cons.changes, key=lambda c: c.date):
        what = f"重大变化（{change.description}）" if change.description else "重大变化"
        what_en = f"material change ({change.description})" if change.description else "material change"
        yield Obligation(Label(what, what_en), REPORT, change.date, change.filed)
    if cons.dissolved is not None:
        yield Obligation(Label("终止", "termination"), CANCEL, cons.dissolved, cons.filing.cancelled)


def check_formation_filing(ctx: RuleContext) -> Iterator[Outcome]:
    """Every consortium formed by ``as_of`` filed within 5 working days of forming."""
    for cons in ctx.consortia(active=False):
        verdicts = [v for o in formation_obligations(cons) if (v := judge(o, ctx.as_of)) is not None]
        if verdicts:
            yield _outcome(ctx, cons, verdicts)


def check_ending_filing(ctx: RuleContext) -> Iterator[Outcome]:
    """Every material change and every termination up to ``as_of`` was reported (the filing
    cancelled) within 5 working days. Consortia with neither are not concerned."""
    for cons in ctx.consortia(active=False):
        verdicts = [v for o in ending_obligations(cons) if (v := judge(o, ctx.as_of)) is not None]
        if verdicts:
            yield _outcome(ctx, cons, verdicts)


FILING_RULES = (
    Rule(
        "jiangsu.filing",
        Label("组建完成后5个工作日内备案", "filing within 5 working days after forming"),
        Strength.MANDATORY,
        cite(
            "五（三）",
            "并于组建完成后 5 个工作日内将医联体章程、成员单位名单等报所属卫生健康行政部门备案。",
        ),
        check_formation_filing,
    ),
    Rule(
        "jiangsu.filing_cancellation",
        Label(
            "终止或重大变化后5个工作日内取消备案",
            "cancellation within 5 working days after ending or a change",
        ),
        Strength.MANDATORY,
        cite(
            "五（三）",
            "医联体终止或发生其他重大变化时，应于 5 个工作日内报所属卫生健康行政部门取消备案。",
        ),
        check_ending_filing,
    ),
)
