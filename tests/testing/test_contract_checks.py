"""Each check of the plugin contract: it passes a good plugin and names what a bad one breaks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from medconsortium import (
    ConsortiumKind,
    FindingStatus,
    Indicator,
    Label,
    Metric,
    Operator,
    Outcome,
    Period,
    PluginError,
    Ratio,
    ReferralRule,
    Rule,
    RuleContext,
    RuleException,
    Strength,
    Target,
    Unit,
)
from medconsortium.testing import (
    CHECKS,
    ContractError,
    Problem,
    assert_contract,
    contract_problems,
    temporary_plugin,
)


def problems(kit: Any, checks: tuple[str, ...] = CHECKS, **parts: Any) -> list[Problem]:
    with temporary_plugin("kit", kit.plugin(**parts)) as registry:
        return list(contract_problems("kit", registry, texts=kit.TEXTS, checks=checks))


def messages(found: list[Problem]) -> list[str]:
    return [str(p) for p in found]


def rule(check: Any, rule_id: str = "kit.r", **kw: Any) -> Rule:
    return Rule(
        rule_id, Label("规则", "rule"), Strength.MANDATORY, kw.pop("citation", None) or _cite(), check, **kw
    )


def _cite() -> Any:
    from medconsortium import Citation

    return Citation("测试〔2016〕1号", "二", "每个县域医共体应当制定章程")


def trend(target_id: str = "kit.visits", **kw: Any) -> Target:
    from medconsortium import Citation

    fields: dict[str, Any] = {
        "indicator": "county_visit_rate",
        "operator": Operator.RISING,
        "citation": Citation("测试〔2016〕1号", "一", "县域内就诊率逐年提高"),
    }
    fields.update(kw)
    return Target(target_id, Label("县域内就诊率逐年提高", "county visit rate rises"), **fields)


# -- a good plugin ------------------------------------------------------------------------------
def test_a_good_plugin_keeps_the_contract(kit: Any) -> None:
    assert problems(kit, targets=[trend()]) == []


def test_the_national_baseline_keeps_the_contract() -> None:
    # No registry given: the contract loads twice and also checks that ids are stable.
    assert contract_problems("national") == ()


def test_assert_contract_lists_every_problem(kit: Any) -> None:
    bad = trend("visits")
    with temporary_plugin("kit", kit.plugin(targets=[bad])) as registry, pytest.raises(ContractError) as err:
        assert_contract("kit", registry, texts=kit.TEXTS)
    assert str(err.value).splitlines() == [
        "plugin 'kit' breaks the contract (1 problems):",
        "  [ids] target visits: id is not lower-case dotted (e.g. 'linyi.lead')",
    ]


def test_a_document_that_ships_no_text_breaks_the_contract(kit: Any) -> None:
    # Without ``texts`` the quotes are checked against the text the document ships; the
    # kit's document ships none, so its quote cannot be checked.
    with temporary_plugin("kit", kit.plugin()) as registry:
        found = messages(list(contract_problems("kit", registry, checks=("citations",))))
    assert found == [
        "[citations] document 测试〔2016〕1号: ships no text (set PolicyDocument.text)",
        "[citations] rule kit.charter: no text given for 测试〔2016〕1号",
    ]


def test_a_plugin_that_is_not_loaded(kit: Any) -> None:
    with temporary_plugin("kit", kit.plugin()) as registry:
        assert messages(list(contract_problems("absent", registry))) == ["[ids] plugin: is not loaded"]


def test_unknown_check_names_are_refused(kit: Any) -> None:
    with pytest.raises(ValueError, match="unknown checks"):
        problems(kit, checks=("spelling",))


# -- ids ------------------------------------------------------------------------------------
def test_ids_start_with_the_plugin_name(kit: Any) -> None:
    found = problems(kit, checks=("ids",), rules=[kit.CHARTER, rule(kit.CHARTER.check, "other.charter")])
    assert messages(found) == ["[ids] rule other.charter: id does not start with 'kit.'"]


def test_plugin_vocabulary_is_prefixed(kit: Any) -> None:
    found = problems(kit, checks=("ids",), metrics=[Metric("visits", Label("诊疗人次", "visits"))])
    assert messages(found) == ["[ids] metric visits: id should be lower-case 'kit_<name>'"]


def test_a_jurisdiction_slug_may_not_repeat_a_province(kit: Any) -> None:
    from medconsortium import Jurisdiction, Level

    clash = Jurisdiction("320685", "jiangsu", Label("测试县", "Kit"), Level.COUNTY, parent="320000")
    # Refused when the registry loads already (issue 19), in one line naming both plugins.
    with pytest.raises(PluginError) as err:
        problems(kit, checks=("ids",), jurisdictions=[clash])
    assert str(err.value) == (
        "plugin 'kit', jurisdiction 320685: jurisdiction 320685 has the slug 'jiangsu' of "
        "jurisdiction 320000, provided by plugin 'national'"
    )


# -- citations ------------------------------------------------------------------------------
def test_a_quote_must_be_chinese(kit: Any) -> None:
    found = problems(kit, checks=("citations",), targets=[trend(citation=kit.cite("the rate rises", "一"))])
    assert "[citations] target kit.visits: the quote has no Chinese (quote the original)" in messages(found)


def test_a_quote_must_be_verbatim(kit: Any) -> None:
    # A half-width comma where the text has none: not verbatim.
    found = problems(
        kit, checks=("citations",), targets=[trend(citation=kit.cite("县域内就诊率,逐年提高", "一"))]
    )
    assert messages(found) == [
        "[citations] target kit.visits: quote not verbatim in 测试〔2016〕1号: 县域内就诊率,逐年提高…"
    ]


def test_line_breaks_in_the_text_do_not_matter(kit: Any) -> None:
    found = problems(
        kit, checks=("citations",), targets=[trend(citation=kit.cite("一、工作目标县域内就诊率", "一"))]
    )
    assert found == []


def test_a_document_nothing_cites(kit: Any) -> None:
    found = problems(kit, checks=("citations",), rules=[])
    assert messages(found) == ["[citations] document 测试〔2016〕1号: no target, rule or table cites it"]


# -- indicators and units -------------------------------------------------------------------
def test_an_indicator_reading_an_unknown_metric(kit: Any) -> None:
    metric = Metric("kit_a", Label("甲", "a"))
    indicator = Indicator("kit_share", Label("甲占比", "share of a"), Unit.PERCENT, Ratio("kit_a", "kit_b"))
    found = problems(kit, checks=("indicators",), metrics=[metric], indicators=[indicator])
    assert messages(found) == ["[indicators] indicator kit_share: reads unknown metric 'kit_b'"]


def test_a_percentage_is_scaled_by_100(kit: Any) -> None:
    metric = Metric("kit_a", Label("甲", "a"))
    indicator = Indicator(
        "kit_share", Label("甲占比", "share of a"), Unit.PERCENT, Ratio("kit_a", "total_visits", scale=1.0)
    )
    found = problems(kit, checks=("units",), metrics=[metric], indicators=[indicator])
    assert messages(found) == ["[units] indicator kit_share: percentage scaled by 1.0"]


def test_a_percentage_threshold_lies_in_0_to_100(kit: Any) -> None:
    over = trend(operator=Operator.AT_LEAST, value=120.0)
    assert messages(problems(kit, checks=("units",), targets=[over])) == [
        "[units] target kit.visits: a percentage of 120.0 is outside 0–100"
    ]
    assert problems(kit, checks=("units",), targets=[trend(operator=Operator.AT_LEAST, value=90.0)]) == []


# -- dates ------------------------------------------------------------------------------------
def test_a_deadline_after_the_period_is_never_assessed(kit: Any) -> None:
    late = trend(deadline=dt.date(2030, 12, 31), period=Period(dt.date(2025, 1, 1), dt.date(2026, 12, 31)))
    assert messages(problems(kit, checks=("dates",), targets=[late])) == [
        "[dates] target kit.visits: deadline 2030-12-31 is after the period 2025-01-01–2026-12-31: "
        "it is never assessed"
    ]


def test_a_review_date_before_the_issue_date(kit: Any) -> None:
    import attrs

    document = attrs.evolve(kit.DOCUMENT, review_by=dt.date(2015, 1, 1))
    assert messages(problems(kit, checks=("dates",), documents=[document])) == [
        "[dates] document 测试〔2016〕1号: review date 2015-01-01 before issue"
    ]


def test_an_exception_never_in_force_with_its_rule(kit: Any) -> None:
    from medconsortium import Citation

    national_rule = "national.county_community_lead"
    exception = RuleException(
        "kit.lead_exception",
        national_rule,
        frozenset({"ccm-1"}),
        Label("历史原因", "history"),
        Citation(kit.NUMBER, "二", "每个县域医共体应当制定章程"),
        period=Period(end=dt.date(2016, 12, 31)),
    )
    # The national rule is in force from its document's printing day (2017-01-12): an
    # exception that ends before then never applies.
    assert messages(problems(kit, checks=("dates", "exceptions"), exceptions=[exception])) == [
        "[dates] exception kit.lead_exception: in force 2016-01-01–2016-12-31, never while its rule "
        "is (2017-01-12–…)"
    ]
    later = attrs_evolve(exception, period=Period(end=dt.date(2017, 12, 31)))
    assert problems(kit, checks=("dates", "exceptions"), exceptions=[later]) == []
    # One that names no subject and describes no class is refused as soon as it loads.
    with pytest.raises(PluginError, match="would cover nothing"):
        problems(kit, checks=("exceptions",), exceptions=[attrs_evolve(exception, subjects=frozenset())])


def attrs_evolve(item: Any, **changes: Any) -> Any:
    import attrs

    return attrs.evolve(item, **changes)


def test_an_exception_to_a_rule_of_its_own_level_does_not_load(kit: Any) -> None:
    from medconsortium import Citation

    exception = RuleException(
        "kit.own",
        "kit.charter",
        frozenset({"x"}),
        Label("因", "because"),
        Citation(kit.NUMBER, "二", "每个县域医共体"),
    )
    with pytest.raises(PluginError) as err, temporary_plugin("kit", kit.plugin(exceptions=[exception])):
        pass
    assert str(err.value) == (
        "plugin 'kit', exception kit.own: rule 'kit.charter' is not an ancestor's rule (it belongs to 320685)"
    )


# -- rule checks on generated networks ------------------------------------------------------------
def test_a_check_that_raises(kit: Any) -> None:
    def broken(ctx: RuleContext) -> Iterator[Outcome]:
        for cons in ctx.consortia():
            raise KeyError(cons.id)
        yield from ()

    found = messages(problems(kit, checks=("rules",), rules=[kit.CHARTER, rule(broken)]))
    assert "[rules] rule kit.r: facts true: check raised KeyError('city_medical_group')" in found


def test_a_check_that_returns_something_else(kit: Any) -> None:
    def strings(ctx: RuleContext) -> Iterator[Any]:
        for cons in ctx.consortia():
            yield cons.id

    found = messages(problems(kit, checks=("rules",), rules=[kit.CHARTER, rule(strings)]))
    assert "[rules] rule kit.r: facts true, outcome 0: returned a str, expected Outcome" in found


def test_outcomes_name_subjects_of_the_network_in_both_languages(kit: Any) -> None:
    def sloppy(ctx: RuleContext) -> Iterator[Outcome]:
        for cons in ctx.consortia(ConsortiumKind.COUNTY_MEDICAL_COMMUNITY):
            yield Outcome(FindingStatus.FAIL, (cons.name,), Label("不符合", ""))

    found = messages(problems(kit, checks=("rules",), rules=[kit.CHARTER, rule(sloppy)]))
    assert (
        "[rules] rule kit.r: facts true, outcome 0: "
        "subject '县域医共体county_medical_community' is not in the network" in found
    )
    assert (
        "[rules] rule kit.r: facts true, outcome 0: message needs both a Chinese and an English text" in found
    )


def test_a_pass_with_nothing_to_look_at(kit: Any) -> None:
    def vacuous(ctx: RuleContext) -> Iterator[Outcome]:
        yield ctx.passed([ctx.jurisdiction.code], "无问题", "no problem")

    found = messages(problems(kit, checks=("rules",), rules=[kit.CHARTER, rule(vacuous)]))
    assert found == ["[rules] rule kit.r: passes on an empty network (yield nothing)"]


def test_a_check_that_changes_its_mind(kit: Any) -> None:
    calls: list[int] = []

    def flaky(ctx: RuleContext) -> Iterator[Outcome]:
        calls.append(1)
        for cons in ctx.consortia(ConsortiumKind.COUNTY_MEDICAL_COMMUNITY):
            if len(calls) % 2:
                yield ctx.passed([cons.id], "符合", "pass")
            else:
                yield ctx.failed([cons.id], "不符合", "fail")

    found = messages(problems(kit, checks=("rules",), rules=[kit.CHARTER, rule(flaky)]))
    assert "[rules] rule kit.r: facts true: not deterministic" in found


def test_referral_outcomes_are_about_the_referral(kit: Any) -> None:
    def about_patient(referral: Any, ctx: Any) -> Iterator[Outcome]:
        yield Outcome(FindingStatus.PASS, (referral.patient,), Label("已转诊", "referred"))

    bad = ReferralRule("kit.referral", Label("转诊", "referral"), Strength.MANDATORY, _cite(), about_patient)
    found = messages(problems(kit, checks=("referral_rules",), referral_rules=[bad]))
    assert (
        "[referral_rules] referral rule kit.referral: referral up: subjects should be (referral.id,)" in found
    )
    # The message never shows the patient key itself.
    assert not any("p-0001" in m for m in found)


# -- hooks ------------------------------------------------------------------------------------
def test_a_hook_without_the_marker_is_reported(kit: Any) -> None:
    import types

    def register_rules(register: Any) -> None:
        """Forgot @hookimpl: pluggy would never call it, silently."""

    def register_indicator(register: Any) -> None:
        """Unmarked and misspelt."""

    def registered_names() -> list[str]:
        return []

    module = types.SimpleNamespace(
        MEDCONSORTIUM_HOOKS_VERSION=1,
        register_rules=register_rules,
        register_indicator=register_indicator,
        registered_names=registered_names,
    )
    with temporary_plugin("kit", kit.plugin()) as registry:
        found = contract_problems("kit", registry, checks=("hooks",), plugin_object=module)
    assert messages(list(found)) == [
        "[hooks] function register_indicator: is not a hook (did you mean register_indicators?)",
        "[hooks] function register_rules: is not marked @hookimpl: medconsortium never calls it",
    ]


def test_the_hooks_of_an_installed_module_are_found() -> None:
    from medconsortium import national
    from medconsortium.testing import installed_plugin

    assert installed_plugin("national") is national
    assert installed_plugin("nosuch") is None
