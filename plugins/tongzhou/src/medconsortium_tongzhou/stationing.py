"""Stationed staff (派驻, 四（三）5): each township health centre and community health
service centre has at least one professional with an intermediate title or higher from the
lead hospital stationed all year; a posting lasts at least 6 months as a rule.

Checked over the network's secondment records. Patients are not involved; staff appear
only as pseudonymous keys, which no message repeats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Iterator

from medconsortium import Consortium
from medconsortium import ConsortiumKind
from medconsortium import Institution
from medconsortium import InstitutionType
from medconsortium import Outcome
from medconsortium import RuleContext
from medconsortium import Secondment
from medconsortium import Title

#: 镇卫生院（社区卫生服务中心）: the institutions that must have stationed staff.
STATION_TYPES = frozenset(
    {
        InstitutionType.TOWNSHIP_HEALTH_CENTRE,
        InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE,
        InstitutionType.COMMUNITY_HEALTH_CENTRE,
    }
)
MIN_TITLE = Title.INTERMEDIATE
MIN_MONTHS = 6

_ONE_DAY = dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (31 Aug + 6 → 28/29 Feb).

    >>> add_months(dt.date(2025, 1, 1), 6), add_months(dt.date(2024, 8, 31), 6)
    (datetime.date(2025, 7, 1), datetime.date(2025, 2, 28))
    """
    import calendar  # here, not at import: every command imports the plugin, few check postings

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def long_enough(start: dt.date, last_day: dt.date) -> bool:
    """Whether a posting from ``start`` to ``last_day`` (inclusive) lasts 6 months."""
    return last_day + _ONE_DAY >= add_months(start, MIN_MONTHS)


def stations(ctx: RuleContext) -> Iterator[tuple[Consortium, str, Institution]]:
    """(community, its lead id, centre) for each centre that must have stationed staff.

    The lead itself is left out: it cannot be stationed at by itself (平潮中心卫生院).
    Communities without a single lead are left to the lead rules, which report them.
    """
    for cons in ctx.consortia(ConsortiumKind.COUNTY_MEDICAL_COMMUNITY):
        lead = cons.lead_on(ctx.as_of)  # a lead that left before the day stations nobody
        if lead is None:
            continue
        for inst in sorted(ctx.network.members(cons, ctx.as_of), key=lambda i: i.id):
            if inst.type in STATION_TYPES and inst.id != lead:
                yield cons, lead, inst


def _gaps(postings: Iterable[Secondment], first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Stretches of [first, last] that no posting covers (an open posting runs to ``last``)."""
    gaps: list[tuple[dt.date, dt.date]] = []
    cursor = first
    for sec in sorted(postings, key=lambda s: s.start):
        end = last if sec.end is None else min(sec.end, last)
        if sec.start > cursor:
            gaps.append((cursor, min(sec.start - _ONE_DAY, last)))
        cursor = max(cursor, end + _ONE_DAY)
        if cursor > last:
            break
    if cursor <= last:
        gaps.append((cursor, last))
    return [g for g in gaps if g[0] <= g[1]]


def _span(first: dt.date, last: dt.date) -> str:
    return f"{first.isoformat()}–{last.isoformat()}"


def check_stationed_cover(ctx: RuleContext) -> Iterator[Outcome]:
    """Each centre is covered all year, from 1 January to the assessment date, by postings
    from its community's lead with an intermediate title or higher."""
    first = dt.date(ctx.as_of.year, 1, 1)
    last = ctx.as_of
    for _cons, lead, inst in stations(ctx):
        subjects = [inst.id]
        if not ctx.network.secondments:
            yield ctx.unknown(subjects, "未提供派驻记录", "no secondment records given")
            continue
        here = [s for s in ctx.network.secondments if s.to_institution == inst.id]
        qualifying = [
            s
            for s in here
            if s.from_institution == lead
            and s.title.at_least(MIN_TITLE)
            and s.start <= last
            and (s.end is None or s.end >= first)
        ]
        if not qualifying:
            other = len(here)
            yield ctx.failed(
                subjects,
                "无牵头医院中级以上职称人员派驻"
                + (f"（另有{other}条不符合条件的派驻记录）" if other else ""),
                "no staff with an intermediate title or higher stationed from the lead hospital"
                + (f" ({other} other secondment record(s) do not qualify)" if other else ""),
                measured="0",
                expected=f">=1 {MIN_TITLE.value}+ from {lead}",
            )
            continue
        gaps = _gaps(qualifying, first, last)
        if gaps:
            days = sum((b - a).days + 1 for a, b in gaps)
            spans = "、".join(_span(a, b) for a, b in gaps[:3]) + ("…" if len(gaps) > 3 else "")
            yield ctx.failed(
                subjects,
                f"派驻未覆盖全年：空缺{days}天（{spans}）",
                f"stationing does not cover the year: {days} day(s) uncovered ({spans})",
                measured=f"{days} days uncovered",
                expected="0",
            )
        else:
            yield ctx.passed(
                subjects,
                f"{_span(first, last)}均有牵头医院中级以上职称人员派驻",
                f"staff stationed from the lead hospital throughout {_span(first, last)}",
            )


def check_posting_length(ctx: RuleContext) -> Iterator[Outcome]:
    """Each posting from a lead to one of its centres in the assessed year lasts at least
    6 months; one outcome per centre.

    A centre fails when a posting finished by the assessment date was shorter; a posting
    still running on that date (open, or ending later) that has not yet reached 6 months
    cannot be judged (not assessable). Centres without any
    posting in the year are left to the stationed-staff rule.
    """
    first = dt.date(ctx.as_of.year, 1, 1)
    for _cons, lead, inst in stations(ctx):
        postings = [
            s
            for s in ctx.network.secondments
            if s.to_institution == inst.id
            and s.from_institution == lead
            and s.start <= ctx.as_of
            and (s.end is None or s.end >= first)
        ]
        if not postings:
            continue
        # A posting still running on the day (open, or ending after it) is not a short
        # posting yet, whatever its planned end: only a finished one can be short.
        finished = [s for s in postings if s.end is not None and s.end <= ctx.as_of]
        short = sorted(_span(s.start, s.end) for s in finished if s.end and not long_enough(s.start, s.end))
        running = sorted(
            s.start.isoformat()
            for s in postings
            if (s.end is None or s.end > ctx.as_of) and not long_enough(s.start, ctx.as_of)
        )
        subjects = [inst.id]
        if short:
            yield ctx.failed(
                subjects,
                "派驻不足6个月：" + "、".join(short),
                "postings shorter than 6 months: " + ", ".join(short),
                measured=", ".join(short),
                expected=">= 6 months",
            )
        elif running:
            yield ctx.unknown(
                subjects,
                "派驻自" + "、".join(running) + "起，尚未满6个月且未定结束日期",
                "open posting(s) since " + ", ".join(running) + ", under 6 months so far",
            )
        else:
            yield ctx.passed(
                subjects,
                f"{len(postings)}段派驻均不少于6个月",
                f"all {len(postings)} posting(s) last 6 months or more",
            )
