"""Helpers plugins build their items with: shapes of rules and targets that recur across
documents, so that a plugin reads like the clauses it encodes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence

from ..model.consortia import Consortium, ConsortiumKind
from ..model.institutions import Institution, InstitutionLevel, InstitutionType, Ownership
from ..model.labels import Label
from ..model.referrals import Direction, Referral
from .findings import FindingStatus, Outcome, outcome
from .referral_rules import ReferralContext
from .rules import MISSING, RuleContext


def facts_outcome(
    ctx: RuleContext,
    consortium: Consortium,
    facts: tuple[str, ...],
    passed: Label | None = None,
    missing: Label = MISSING,
) -> Outcome:
    """``ctx.facts_verdict(consortium, facts, passed, missing)`` (``RuleContext.facts_verdict``)
    as a function of the context, as the rule bodies built with these helpers call it: any
    recorded false fails, else any not recorded is not assessable, else it passes.

    >>> import datetime as dt
    >>> from medconsortium import Jurisdiction, Level, examples
    >>> nation = Jurisdiction("100000", "national", Label("全国", "China"), Level.NATIONAL)
    >>> net = examples.national_network()
    >>> ctx = RuleContext(net, nation, dt.date(2017, 12, 31),
    ...     fact_labels={"disinfection_supply_centre": Label("消毒供应中心", "a sterile supply centre")})
    >>> out = facts_outcome(ctx, net.consortium("cn-ccm-1"), ("imaging_centre", "disinfection_supply_centre"),
    ...     missing=Label("未建：", "not built: "))
    >>> out.status.value, out.message.zh, out.message.en
    ('fail', '未建：消毒供应中心', 'not built: a sterile supply centre')
    """
    # Worded once per pattern of facts and pass, by the context (RuleContext.facts_verdict).
    return ctx.facts_verdict(consortium, facts, passed, missing)


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


#: Judges a consortium by its single lead on the day.
LeadJudge = Callable[[RuleContext, Consortium, Institution], Outcome]
#: What a consortium without exactly one lead on the day gets: (context, consortium, count).
NoSingleLead = Callable[[RuleContext, Consortium, int], Outcome]


def no_single_lead(zh: str, en: str, status: FindingStatus = FindingStatus.FAIL) -> NoSingleLead:
    """The outcome for a consortium without exactly one lead: ``status`` with the message
    templates (``{n}``: how many leads it has on the day).

    >>> import datetime as dt
    >>> from medconsortium import Jurisdiction, Level, examples
    >>> nation = Jurisdiction("100000", "national", Label("全国", "China"), Level.NATIONAL)
    >>> net = examples.national_network()
    >>> ctx = RuleContext(net, nation, dt.date(2017, 12, 31))
    >>> ONE_LEAD_EXPECTED(ctx, net.consortium("cn-ccm-1"), 2).message.en
    'expected one lead, found 2'
    """

    def lead_outcome(ctx: RuleContext, cons: Consortium, n: int) -> Outcome:
        return Outcome(status, (cons.id,), Label(zh.format(n=n), en.format(n=n)))

    return lead_outcome


#: The national baseline's wording.
NOT_ONE_LEAD_FAILED = no_single_lead("牵头单位应为1家，实有{n} leads", "expected one lead, found {n} leads")
#: A check that compares against the lead cannot judge without a single one.
NOT_ONE_LEAD_UNKNOWN = no_single_lead(
    "牵头单位不唯一（{n} leads）", "no single lead ({n} leads)", FindingStatus.NOT_ASSESSABLE
)
#: The plugins' wording (牵头单位应为1家).
ONE_LEAD_EXPECTED = no_single_lead("牵头单位应为1家，实有{n}家", "expected one lead, found {n}")


def single_lead(
    ctx: RuleContext, cons: Consortium, none: NoSingleLead = NOT_ONE_LEAD_FAILED
) -> Institution | Outcome:
    """The one lead of ``cons`` on the day (a lead whose membership ended before it no
    longer leads), or the outcome ``none`` gives when there is not exactly one."""
    leads = cons.leads_on(ctx.as_of)
    if len(leads) != 1:
        return none(ctx, cons, len(leads))
    return ctx.network.institution(leads[0])


def lead_check(
    kinds: Collection[ConsortiumKind],
    judge: LeadJudge,
    no_single_lead: NoSingleLead = NOT_ONE_LEAD_FAILED,
    where: Callable[[Consortium], bool] | None = None,
) -> Callable[[RuleContext], Iterator[Outcome]]:
    """A check of every consortium of ``kinds`` (and, given ``where``, only those it
    accepts) by its lead: ``judge`` gets the one lead on the day (:func:`single_lead`); a
    consortium with none or several gets ``no_single_lead``.

    >>> import datetime as dt
    >>> from medconsortium import Jurisdiction, Level, examples
    >>> nation = Jurisdiction("100000", "national", Label("全国", "China"), Level.NATIONAL)
    >>> net = examples.national_network()
    >>> def named(ctx, cons, lead):
    ...     return ctx.passed([cons.id], "", lead.id)
    >>> check = lead_check((ConsortiumKind.CITY_MEDICAL_GROUP,), named)
    >>> [(o.status.value, o.message.en) for o in check(RuleContext(net, nation, dt.date(2017, 12, 31)))]
    [('pass', 'cn-tert-1')]
    """

    def check(ctx: RuleContext) -> Iterator[Outcome]:
        for cons in ctx.consortia(*kinds):
            if where is not None and not where(cons):
                continue
            lead = single_lead(ctx, cons, no_single_lead)
            yield lead if isinstance(lead, Outcome) else judge(ctx, cons, lead)

    return check


def over_cap(items: Sequence[str], cap: int, zh: str, en: str) -> tuple[str, str] | None:
    """A breach of "at most ``cap``" (最多 / 不超过 N): the message (zh, en), ``{n}`` the count
    and ``{cap}`` the cap in the templates, followed by the items; None within the cap.

    >>> over_cap(["甲", "乙", "丙"], 2, "与{n}家合作（最多{cap}家）：", "pairs with {n} (at most {cap}): ")
    ('与3家合作（最多2家）：甲、乙、丙', 'pairs with 3 (at most 2): 甲, 乙, 丙')
    >>> over_cap(["甲"], 2, "{n}", "{n}") is None
    True
    """
    n = len(items)
    if n <= cap:
        return None
    return zh.format(n=n, cap=cap) + "、".join(items), en.format(n=n, cap=cap) + ", ".join(items)


def joined_rule(
    wanted: Callable[[Institution], bool],
    who: Label,
    kinds: tuple[ConsortiumKind, ...] = (),
    of_types: Collection[InstitutionType] | None = None,
    owned_by: Collection[Ownership] | None = None,
) -> Callable[[RuleContext], Iterator[Outcome]]:
    """A check that each institution of the jurisdiction that ``wanted`` accepts (named by
    ``who``) is, on the day, a member or lead of a consortium (of ``kinds``, any when
    empty). The shape of the participation sentences: registered as
    :attr:`~medconsortium.Strength.ENCOURAGED` for 鼓励民营医疗机构参加 (one outside is
    advisory, never a failure), as mandatory for 全区公办基层医疗卫生机构为成员单位 (it fails).
    No such institution: no finding. ``of_types`` and ``owned_by``: the types and the
    ownerships outside which ``wanted`` is never true, when there are some
    (:meth:`RuleContext.institutions_by_id`)."""
    where = Label(
        "、".join(k.label.zh for k in kinds) or "医联体", ", ".join(k.label.en for k in kinds) or "consortium"
    )

    def check(ctx: RuleContext) -> Iterator[Outcome]:
        for inst in ctx.institutions_by_id(wanted, of_types=of_types, owned_by=owned_by):
            joined = sorted(
                c.name
                for c in ctx.network.consortia_of(inst.id, on=ctx.as_of)
                if not kinds or c.kind in kinds
            )
            yield ctx.judge(
                [inst.id],
                bool(joined),
                passed=(
                    f"{who.zh}{inst.name}参加" + "、".join(joined),
                    f"{who.en} {inst.name} is in " + ", ".join(joined),
                ),
                failed=(f"{who.zh}{inst.name}未参加{where.zh}", f"{who.en} {inst.name} is in no {where.en}"),
            )

    return check


def _green_channel_labels(way: Label) -> dict[bool | None, tuple[FindingStatus, Label]]:
    return {
        True: (
            FindingStatus.PASS,
            Label(
                f"医联体内{way.zh}患者经绿色通道优先接诊",
                f"{way.en} referral within a consortium given priority",
            ),
        ),
        False: (
            FindingStatus.FAIL,
            Label(
                f"医联体内{way.zh}患者未获优先接诊（无绿色通道）",
                f"{way.en} referral within a consortium given no priority (no green channel)",
            ),
        ),
        None: (
            FindingStatus.NOT_ASSESSABLE,
            Label("未记录是否优先接诊", "whether priority was given is not recorded"),
        ),
    }


# The verdicts per direction and recorded priority, built once: the rule runs for every
# referral of a batch.
_GREEN_CHANNEL = {way: _green_channel_labels(way.label) for way in (Direction.UPWARD, Direction.DOWNWARD)}


def green_channel(referral: Referral, ctx: ReferralContext) -> tuple[Outcome, ...]:
    """The two-way referral green channel within a consortium (医联体内双向转诊绿色通道): an
    upward or downward referral between institutions of a common consortium is received
    with priority (``Referral.priority``); lateral referrals and referrals across
    consortia are not its concern."""
    verdicts = _GREEN_CHANNEL.get(ctx.direction)
    if verdicts is None or not ctx.shared_consortia:
        return ()
    priority = referral.priority
    status, message = verdicts[priority if priority is None else bool(priority)]
    return (outcome(status, (referral.id,), message),)
