"""Referral checks: the national rules (pass, fail, missing data), plugin rules by level,
and the cached checker agreeing with ``check_referral``."""

from __future__ import annotations

import datetime as dt
import itertools
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from referral_support import INSTITUTIONS, network, ref

from medconsortium import (
    Citation,
    ClinicalPhase,
    FindingStatus,
    Label,
    Network,
    Outcome,
    PolicyDocument,
    Referral,
    ReferralContext,
    ReferralRule,
    Registry,
    Routing,
    Strength,
    check_referral,
    hookimpl,
)
from medconsortium.engine.indexes import IndexedNetwork
from medconsortium.engine.referral_checks import BatchReport, ReferralChecker
from medconsortium.model.errors import NetworkError, PluginError

NATIONAL = "national"


@pytest.fixture(scope="module")
def core() -> Registry:
    return Registry.load(only=())


def statuses(findings: Any) -> dict[str, str]:
    return {f.rule: f.status.value for f in findings}


def both(referral: Referral, net: Network, registry: Registry, code: str = NATIONAL) -> dict[str, str]:
    """Findings by rule, from check_referral and from the checker, which must agree."""
    j = registry.jurisdiction(code)
    reference = check_referral(referral, net, registry, j)
    assert ReferralChecker(net, registry, j).check(referral) == reference
    return statuses(reference)


# -- national.upward_priority ---------------------------------------------------------
def test_upward_priority_passes_when_given(net: Network, core: Registry) -> None:
    assert both(ref("thc", "ch", priority=True), net, core) == {"national.upward_priority": "pass"}


def test_upward_priority_fails_when_refused(net: Network, core: Registry) -> None:
    found = check_referral(ref("thc", "ch", priority=False), net, core, core.jurisdiction(NATIONAL))
    assert statuses(found) == {"national.upward_priority": "fail"}
    assert found[0].citation.document == "国卫医发〔2016〕75号"
    assert found[0].level == "100000" and found[0].plugin == "national"


def test_upward_priority_not_assessable_when_not_recorded(net: Network, core: Registry) -> None:
    assert both(ref("thc", "ch"), net, core) == {"national.upward_priority": "not_assessable"}


def test_upward_priority_only_within_a_consortium(net: Network, core: Registry) -> None:
    # thc2 belongs to no consortium: the priority rule does not concern the referral.
    assert both(ref("thc2", "ch", priority=False), net, core) == {}


def test_membership_dates_decide_within_consortium(net: Network, core: Registry) -> None:
    # ch joined the city medical group on 2022-01-01.
    assert both(ref("ch", "th", "2021-12-31T23:00", priority=False), net, core) == {}
    assert both(ref("ch", "th", "2022-01-01T08:00", priority=False), net, core) == {
        "national.upward_priority": "fail"
    }


# -- national.downward_phase ----------------------------------------------------------
@pytest.mark.parametrize(
    "phase",
    [
        ClinicalPhase.ACUTE_RECOVERY,
        ClinicalPhase.POSTOPERATIVE_RECOVERY,
        ClinicalPhase.CRITICAL_STABLE,
        ClinicalPhase.CHRONIC_STABLE,
    ],
)
def test_downward_phase_passes_for_recovery_phases(
    net: Network, core: Registry, phase: ClinicalPhase
) -> None:
    assert both(ref("ch", "thc", phase=phase), net, core) == {"national.downward_phase": "pass"}


@pytest.mark.parametrize("phase", [ClinicalPhase.ACUTE, ClinicalPhase.CRITICAL, ClinicalPhase.OTHER])
def test_downward_phase_permits_and_never_forbids(net: Network, core: Registry, phase: ClinicalPhase) -> None:
    # "…可转往医联体内下级医疗机构": a permission; other phases are outside the clause.
    assert both(ref("ch", "thc", phase=phase), net, core) == {}


def test_downward_phase_not_assessable_without_phase(net: Network, core: Registry) -> None:
    assert both(ref("ch", "thc"), net, core) == {"national.downward_phase": "not_assessable"}


def test_lateral_referral_concerns_no_national_rule(net: Network, core: Registry) -> None:
    assert both(ref("thc", "vc", phase=ClinicalPhase.ACUTE, priority=False), net, core) == {}


def test_subjects_are_referral_ids_only(net: Network, core: Registry) -> None:
    r = ref("ch", "thc", id="r-abc", patient="pk-hidden", phase=ClinicalPhase.ACUTE_RECOVERY)
    (finding,) = check_referral(r, net, core, core.jurisdiction(NATIONAL))
    assert finding.subjects == ("r-abc",)
    assert "pk-hidden" not in repr(finding)


@pytest.mark.parametrize("field", ["from_institution", "to_institution"])
def test_unknown_institution_is_a_network_error(net: Network, core: Registry, field: str) -> None:
    r = ref("nowhere", "ch") if field == "from_institution" else ref("ch", "nowhere")
    j = core.jurisdiction(NATIONAL)
    with pytest.raises(NetworkError, match=f"{field}: unknown institution 'nowhere'"):
        check_referral(r, net, core, j)
    with pytest.raises(NetworkError, match=f"{field}: unknown institution 'nowhere'"):
        ReferralChecker(net, core, j).check(r)


# -- plugin rules at their level ------------------------------------------------------
PROVINCE_DOC = PolicyDocument(
    "测苏卫〔2024〕9号", "测试省级转诊文件", Label("测试", "test"), dt.date(2024, 1, 1), "320000"
)


def _plugin(check: Any, period_start: dt.date | None = None) -> types.ModuleType:
    from medconsortium import Period

    rule = ReferralRule(
        "test.critical_to_tertiary",
        Label("危重转三级", "critical patients go to a tertiary hospital"),
        Strength.MANDATORY,
        Citation(PROVINCE_DOC.number, "一", "测试句子"),
        check,
        period=Period(period_start),
    )
    module = types.ModuleType("medconsortium_test_referrals")
    module.MEDCONSORTIUM_HOOKS_VERSION = 1  # type: ignore[attr-defined]

    def register_documents(register: Any) -> None:
        register(PROVINCE_DOC)

    def register_referral_rules(register: Any) -> None:
        register(rule)

    module.register_documents = hookimpl(register_documents)  # type: ignore[attr-defined]
    module.register_referral_rules = hookimpl(register_referral_rules)  # type: ignore[attr-defined]
    return module


def critical_to_tertiary(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    if not referral.critical:
        return
    ok = ctx.target.level.value == "tertiary"
    yield Outcome(FindingStatus.PASS if ok else FindingStatus.FAIL, (referral.id,), Label("危重", "critical"))


def test_a_plugin_rule_applies_at_its_level_and_below_only(net: Network) -> None:
    registry = Registry.load(only=(), extra=[("testprov", _plugin(critical_to_tertiary))])
    # Lateral (secondary to secondary), so that no national rule speaks.
    critical = ref("sec2", "ch", critical=True)
    assert both(critical, net, registry, "320000") == {"test.critical_to_tertiary": "fail"}
    assert both(ref("sec2", "th", critical=True), net, registry, "320000") == {
        "test.critical_to_tertiary": "pass"
    }
    # Checked for the nation, the province's rule does not apply.
    assert both(critical, net, registry, NATIONAL) == {}


def test_a_rule_not_yet_in_force_is_not_applied(net: Network) -> None:
    registry = Registry.load(
        only=(), extra=[("testprov", _plugin(critical_to_tertiary, dt.date(2024, 6, 1)))]
    )
    assert both(ref("sec2", "ch", "2024-05-31T23:59", critical=True), net, registry, "320000") == {}
    assert both(ref("sec2", "ch", "2024-06-01T00:00", critical=True), net, registry, "320000") == {
        "test.critical_to_tertiary": "fail"
    }


def _raises(referral: Referral, ctx: ReferralContext) -> Iterator[Outcome]:
    raise RuntimeError("boom")


def _wrong_type(referral: Referral, ctx: ReferralContext) -> Iterator[Any]:
    yield "pass"


@pytest.mark.parametrize(("check", "message"), [(_raises, "check raised"), (_wrong_type, "expected Outcome")])
def test_a_misbehaving_plugin_rule_is_named(net: Network, check: Any, message: str) -> None:
    registry = Registry.load(only=(), extra=[("testprov", _plugin(check))])
    j = registry.jurisdiction("320000")
    for run in (lambda r: check_referral(r, net, registry, j), ReferralChecker(net, registry, j).check):
        with pytest.raises(PluginError, match=message) as info:
            run(ref("ch", "thc"))
        assert info.value.plugin == "testprov"
        assert info.value.item == "referral rule test.critical_to_tertiary"


# -- the checker agrees with check_referral everywhere -------------------------------
def _outcome(run: Callable[[], Any]) -> Any:
    # A plugin rule that raises must raise the same way on both paths.
    try:
        return run()
    except PluginError as exc:
        return ("error", str(exc))


def test_checker_agrees_with_check_referral_on_every_pair(net: Network, registry: Registry) -> None:
    ids = [i.id for i in INSTITUTIONS]
    codes = [c for c in ("100000", "320000", "320600", "320612") if c in registry.jurisdictions]
    checkers = {code: ReferralChecker(net, registry, registry.jurisdiction(code)) for code in codes}
    count = 0
    for (source, target), day, phase, flag in itertools.product(
        itertools.permutations(ids, 2),
        ("2021-06-01T10:00", "2024-06-01T10:00"),
        (None, ClinicalPhase.ACUTE, ClinicalPhase.ACUTE_RECOVERY),
        (None, True, False),
    ):
        r = ref(source, target, day, phase=phase, priority=flag, critical=bool(flag), patient_choice=flag)
        for code, checker in checkers.items():
            j = registry.jurisdiction(code)
            assert _outcome(lambda: checker.check(r)) == _outcome(  # noqa: B023
                lambda: check_referral(r, net, registry, j)  # noqa: B023
            )
            count += 1
    assert count >= 42 * 2 * 3 * 3 * 2


def test_indexed_network_answers_as_the_network() -> None:
    from medconsortium import ConsortiumKind, examples

    for net in (network(), network(Routing(frozenset({"ch"}))), examples.national_network()):
        indexed = IndexedNetwork.of(net)
        assert IndexedNetwork.of(indexed) is indexed
        assert (indexed.institutions, indexed.consortia) == (net.institutions, net.consortia)
        divisions = {i.division for i in net.institutions} | {c.division for c in net.consortia}
        divisions |= {d[:4] + "00" for d in divisions} | {d[:2] + "0000" for d in divisions} | {"100000"}
        for division in sorted(divisions):
            assert list(indexed.institutions_in(division)) == list(net.institutions_in(division))
            for kinds in (None, [ConsortiumKind.COUNTY_MEDICAL_COMMUNITY], list(ConsortiumKind)):
                # Asked twice: the second answer comes from the index.
                for _ in range(2):
                    assert list(indexed.consortia_in(division, kinds)) == list(
                        net.consortia_in(division, kinds)
                    )
        for inst in net.institutions:
            assert indexed.consortia_of(inst.id) == net.consortia_of(inst.id)
            for day in (dt.date(2016, 1, 1), dt.date(2021, 12, 31), dt.date(2022, 1, 1), dt.date(2024, 6, 1)):
                assert indexed.consortia_of(inst.id, on=day) == net.consortia_of(inst.id, on=day)


# -- the checker's contexts, kept per pair and period of its memberships -------------------------
def _joining_network(joins: bool = True) -> Network:
    """The support network with the county medical community undated (its members'
    consortia never change) and the county hospital in the city medical group from
    2022-01-01 to 2023-06-01 (or, with ``joins`` False, never)."""
    import attrs

    from medconsortium import MemberRole, Membership

    city = (Membership("th", MemberRole.LEAD),)
    if joins:
        city += (Membership("ch", joined=dt.date(2022, 1, 1), left=dt.date(2023, 6, 1)),)
    county, city_group = network().consortia
    return Network(INSTITUTIONS, (attrs.evolve(county, formed=None), attrs.evolve(city_group, members=city)))


def test_context_follows_a_member_joining_and_leaving_between_referral_days(core: Registry) -> None:
    net = _joining_network()
    j = core.jurisdiction(NATIONAL)
    checker = ReferralChecker(net, core, j)
    # Days in and out of the membership, in an order that leaves a period and comes back.
    days = ["2021-12-31T23:00", "2022-01-01T08:00", "2023-05-31T20:00", "2023-06-01T08:00",
            "2021-06-01T09:00", "2022-06-01T09:00", "2030-01-01T09:00", "2022-01-01T00:00"]  # fmt: skip
    counted = BatchReport(j, core.chain(j.code), "tally", limit=None)
    reference = BatchReport(j, core.chain(j.code), "tally", limit=None)
    shared = []
    for when in days:
        for source, target in (("ch", "th"), ("th", "ch")):
            r = ref(source, target, when, priority=False, phase=ClinicalPhase.ACUTE_RECOVERY)
            # Counted first, as batches do.
            checker.tally(r, counted)
            reference.add(check_referral(r, net, core, j))
            assert counted == reference
            ctx = checker.context(r)
            day = r.time.date()
            expected = tuple(c for c in net.consortia_of(source, day) if c in net.consortia_of(target, day))
            assert ctx.shared_consortia == expected
            assert checker.check(r) == check_referral(r, net, core, j)
        shared.append([c.id for c in ctx.shared_consortia])
    assert shared == [[], ["cmg"], ["cmg"], [], [], ["cmg"], [], ["cmg"]]
    # Back in a period seen before (the last referral was in another): the context resolved then.
    context = checker.context
    assert context(ref("ch", "th", "2021-01-01T09:00")) is context(ref("ch", "th", "2021-12-31T09:00"))
    assert context(ref("ch", "th", "2022-02-01T09:00")) is context(ref("ch", "th", "2023-01-01T09:00"))
    assert context(ref("ch", "th", "2030-01-01T09:00")) is context(ref("ch", "th", "2023-06-01T00:00"))
    assert context(ref("ch", "th", "2022-02-01T09:00")) is not context(ref("ch", "th", "2023-06-01T00:00"))


def test_period_days_are_the_first_and_last_days_of_the_period() -> None:
    net = IndexedNetwork.of(_joining_network())
    assert net.period_days("ch", dt.date(2021, 6, 1)) == (dt.date(2020, 1, 1), dt.date(2021, 12, 31))
    assert net.period_days("ch", dt.date(2022, 1, 1)) == (dt.date(2022, 1, 1), dt.date(2023, 5, 31))
    assert net.period_days("ch", dt.date(2023, 5, 31)) == (dt.date(2022, 1, 1), dt.date(2023, 5, 31))
    assert net.period_days("ch", dt.date(2023, 6, 1)) == (dt.date(2023, 6, 1), dt.date.max)
    assert net.period_days("nowhere", dt.date(2023, 6, 1)) == (dt.date.min, dt.date.max)
    day = dt.date(2019, 6, 1)
    while day < dt.date(2023, 7, 1):
        first, last = net.period_days("ch", day)
        assert net.period_of("ch", first) == net.period_of("ch", day) == net.period_of("ch", last)
        assert first == dt.date.min or net.period_of("ch", first - dt.timedelta(days=1)) != net.period_of(
            "ch", day
        )
        assert last == dt.date.max or net.period_of("ch", last + dt.timedelta(days=1)) != net.period_of(
            "ch", day
        )
        day += dt.timedelta(days=7)


def test_context_of_a_pair_whose_memberships_never_change_holds_for_every_day(core: Registry) -> None:
    checker = ReferralChecker(_joining_network(), core, core.jurisdiction(NATIONAL))
    first = checker.context(ref("vc", "rehab", "2016-01-01T09:00"))
    assert [c.id for c in first.shared_consortia] == ["ccm"]
    for when in ("2022-01-01T09:00", "2023-06-01T09:00", "2099-12-31T09:00", "2016-01-01T09:00"):
        assert checker.context(ref("vc", "rehab", when)) is first
    # A pair with one changing member is not held beyond the change.
    before = checker.context(ref("vc", "ch", "2021-01-01T09:00"))
    assert checker.context(ref("vc", "ch", "2022-01-01T09:00")) is not before


def test_checkers_of_two_networks_keep_their_own_contexts(core: Registry) -> None:
    j = core.jurisdiction(NATIONAL)
    joined, never = _joining_network(), _joining_network(joins=False)
    one, other = ReferralChecker(joined, core, j), ReferralChecker(never, core, j)
    for when in ("2021-06-01T09:00", "2022-06-01T09:00", "2024-06-01T09:00", "2022-07-01T09:00"):
        r = ref("ch", "th", when, priority=False)
        assert one.check(r) == check_referral(r, joined, core, j)
        assert other.check(r) == check_referral(r, never, core, j)
        assert other.context(r).shared_consortia == ()
        assert one.context(r).network is not other.context(r).network
    assert statuses(one.check(ref("ch", "th", "2022-06-01T09:00", priority=False))) == {
        "national.upward_priority": "fail"
    }
