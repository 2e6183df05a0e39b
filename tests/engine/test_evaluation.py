"""Evaluation: operators, bases, periods, scopes, exceptions; missing data is never met."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pytest
from core_support import (
    CITY,
    COUNTY,
    city_cite,
    cons,
    county_cite,
    county_network,
    geography,
    inst,
    load,
    rule,
    stats,
)

from medconsortium import (
    Basis,
    ConsortiumKind,
    FindingStatus,
    InstitutionLevel,
    InstitutionType,
    Label,
    Level,
    MemberRole,
    Network,
    Operator,
    Outcome,
    Period,
    PluginError,
    Registry,
    RuleContext,
    RuleException,
    Scope,
    Statistics,
    Target,
    TargetResult,
    TargetScope,
    TargetStatus,
    assess,
    run_rules,
    validate,
)
from medconsortium.engine.evaluation import evaluate_target

MET, NOT_MET, NA, NOT_SCORED = (
    TargetStatus.MET,
    TargetStatus.NOT_MET,
    TargetStatus.NOT_ASSESSABLE,
    TargetStatus.NOT_SCORED,
)
SHARE = "primary_care_visit_share"  # national indicator: 100 × primary_care_visits / total_visits
COUNT = "referrals_down"  # national indicator: the metric itself


def _target(**kw: Any) -> Target:
    fields: dict[str, Any] = {"indicator": SHARE, "operator": Operator.AT_LEAST, "value": 40.0}
    fields.update(kw)
    return Target("geo.t", Label("目标", "target"), county_cite(), **fields)


def _share(*pairs: tuple[int, float | None]) -> Statistics:
    """County statistics with the primary care share (percent) of each year."""
    rows = []
    for year, share in pairs:
        values: dict[str, float] = {"total_visits": 1000.0}
        if share is not None:
            values["primary_care_visits"] = share * 10
        rows.append((Scope.AREA, COUNTY.code, year, values))
    return stats(*rows)


def _count(*pairs: tuple[int, float]) -> Statistics:
    return stats(*((Scope.AREA, COUNTY.code, y, {"referrals_down": v}) for y, v in pairs))


def results(
    target: Target,
    statistics: Statistics | None,
    year: int = 2024,
    network: Network | None = None,
    where: str = COUNTY.code,
) -> list[TargetResult]:
    reg = load(("geo", geography(register_targets=[target])))
    return list(
        evaluate_target(
            reg.targets[target.id],
            reg,
            network or county_network(),
            statistics,
            reg.jurisdiction(where),
            year,
        )
    )


def status(target: Target, statistics: Statistics | None, year: int = 2024) -> TargetStatus:
    (only,) = results(target, statistics, year)
    return only.status


# -- operators on the value ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("operator", "value", "share", "expected"),
    [
        (Operator.AT_LEAST, 40.0, 45.0, MET),
        (Operator.AT_LEAST, 40.0, 40.0, MET),
        (Operator.AT_LEAST, 40.0, 39.9, NOT_MET),
        (Operator.AT_MOST, 40.0, 39.9, MET),
        (Operator.AT_MOST, 40.0, 40.0, MET),
        (Operator.AT_MOST, 40.0, 40.1, NOT_MET),
        (Operator.EQUAL, 40.0, 40.0, MET),
        (Operator.EQUAL, 40.0, 40.1, NOT_MET),
    ],
)
def test_threshold_operators(operator: Operator, value: float, share: float, expected: TargetStatus) -> None:
    target = _target(operator=operator, value=value)
    (result,) = results(target, _share((2024, share)))
    assert result.status is expected
    assert result.measured == pytest.approx(share)
    assert result.expected == value
    assert result.subject == COUNTY.code
    assert result.operator == operator.value
    assert result.unit == "percent"


@pytest.mark.parametrize("operator", [Operator.AT_LEAST, Operator.AT_MOST, Operator.EQUAL])
def test_threshold_missing_data_is_not_assessable(operator: Operator) -> None:
    target = _target(operator=operator)
    assert status(target, _share((2024, None))) is NA  # numerator missing
    assert status(target, _share((2023, 50.0))) is NA  # no record for the year
    assert status(target, None) is NA  # no statistics at all
    zero = stats((Scope.AREA, COUNTY.code, 2024, {"primary_care_visits": 0.0, "total_visits": 0.0}))
    assert status(target, zero) is NA  # a zero denominator is unknown, not 0 %


def test_missing_data_message_names_the_year() -> None:
    (result,) = results(_target(), _share((2023, 50.0)))
    assert result.message == Label("缺少数据（2024年）", "data missing (2024)")
    assert result.measured is None


@pytest.mark.parametrize(
    ("operator", "before", "now", "expected"),
    [
        (Operator.RISING, 40.0, 41.0, MET),
        (Operator.RISING, 40.0, 40.0, NOT_MET),
        (Operator.RISING, 40.0, 39.0, NOT_MET),
        (Operator.FALLING, 40.0, 39.0, MET),
        (Operator.FALLING, 40.0, 40.0, NOT_MET),
        (Operator.FALLING, 40.0, 41.0, NOT_MET),
    ],
)
def test_trend_operators(operator: Operator, before: float, now: float, expected: TargetStatus) -> None:
    target = _target(operator=operator, value=None)
    (result,) = results(target, _share((2023, before), (2024, now)))
    assert result.status is expected
    assert result.expected == pytest.approx(before)  # the reference is last year's value
    assert result.measured == pytest.approx(now)


@pytest.mark.parametrize("operator", [Operator.RISING, Operator.FALLING])
def test_trend_missing_either_year_is_not_assessable(operator: Operator) -> None:
    target = _target(operator=operator, value=None)
    assert status(target, _share((2024, 50.0))) is NA
    assert status(target, _share((2023, 50.0))) is NA
    assert status(target, _share((2023, None), (2024, 50.0))) is NA
    (result,) = results(target, _share((2024, 50.0)))
    assert result.message.en == "data missing (2023)"


# -- bases ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("operator", "value", "before", "now", "expected"),
    [
        (Operator.AT_LEAST, 10.0, 100.0, 110.0, MET),
        (Operator.AT_LEAST, 10.0, 100.0, 109.0, NOT_MET),
        (Operator.AT_MOST, -5.0, 100.0, 90.0, MET),
        (Operator.AT_MOST, -5.0, 100.0, 96.0, NOT_MET),
    ],
)
def test_yoy_percent(
    operator: Operator, value: float, before: float, now: float, expected: TargetStatus
) -> None:
    target = _target(indicator=COUNT, operator=operator, value=value, basis=Basis.YOY_PERCENT)
    (result,) = results(target, _count((2023, before), (2024, now)))
    assert result.status is expected
    assert result.measured == pytest.approx(100 * (now - before) / before)
    assert result.unit == "percent"


def test_yoy_percent_missing_or_zero_base() -> None:
    target = _target(indicator=COUNT, operator=Operator.AT_LEAST, value=10.0, basis=Basis.YOY_PERCENT)
    assert status(target, _count((2024, 110.0))) is NA
    assert status(target, _count((2023, 100.0))) is NA
    (result,) = results(target, _count((2023, 0.0), (2024, 5.0)))
    assert result.status is NA  # growth from zero has no percentage
    assert result.message.en == "data missing (2023=0)"


@pytest.mark.parametrize(
    ("base", "now", "expected"), [(40.0, 46.0, MET), (40.0, 45.0, MET), (40.0, 44.9, NOT_MET)]
)
def test_change_since_base_year(base: float, now: float, expected: TargetStatus) -> None:
    target = _target(operator=Operator.AT_LEAST, value=5.0, basis=Basis.CHANGE_SINCE, base_year=2020)
    (result,) = results(target, _share((2020, base), (2023, 0.0), (2024, now)))
    assert result.status is expected
    assert result.measured == pytest.approx(now - base)


def test_change_since_missing_base_year() -> None:
    target = _target(operator=Operator.AT_LEAST, value=5.0, basis=Basis.CHANGE_SINCE, base_year=2020)
    (result,) = results(target, _share((2024, 50.0)))
    assert result.status is NA
    assert result.message.en == "data missing (2020)"
    assert status(target, _share((2020, 40.0))) is NA


@pytest.mark.parametrize(
    ("operator", "base", "last", "now", "expected"),
    [
        # "rising since 2020": the value now is above the base year's, whatever last year did.
        (Operator.RISING, 40.0, 50.0, 45.0, MET),
        (Operator.RISING, 40.0, 30.0, 39.0, NOT_MET),
        (Operator.FALLING, 40.0, 30.0, 39.0, MET),
        (Operator.FALLING, 40.0, 50.0, 41.0, NOT_MET),
    ],
)
def test_trend_since_base_year_compares_with_the_base(
    operator: Operator, base: float, last: float, now: float, expected: TargetStatus
) -> None:
    target = _target(operator=operator, value=None, basis=Basis.CHANGE_SINCE, base_year=2020)
    assert status(target, _share((2020, base), (2023, last), (2024, now))) is expected


@pytest.mark.parametrize(
    ("operator", "before", "now", "expected"),
    [
        (Operator.RISING, 100.0, 101.0, MET),
        (Operator.RISING, 100.0, 99.0, NOT_MET),
        (Operator.FALLING, 100.0, 99.0, MET),
        (Operator.FALLING, 100.0, 101.0, NOT_MET),
    ],
)
def test_trend_on_yoy_basis_means_the_same_direction(
    operator: Operator, before: float, now: float, expected: TargetStatus
) -> None:
    target = _target(indicator=COUNT, operator=operator, value=None, basis=Basis.YOY_PERCENT)
    assert status(target, _count((2023, before), (2024, now))) is expected


# -- target definitions -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"indicator": None}, "an operator needs an indicator"),
        ({"value": None}, "operator >= needs a value"),
        ({"operator": Operator.RISING}, "a value needs a threshold operator"),
        ({"basis": Basis.CHANGE_SINCE}, "change_since goes with a base_year"),
        ({"base_year": 2020}, "change_since goes with a base_year"),
    ],
)
def test_inconsistent_targets_are_refused(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _target(**fields)


def test_qualitative_target_is_not_scored() -> None:
    target = _target(indicator=None, operator=None, value=None)
    (result,) = results(target, _share((2024, 99.0)))
    assert (result.status, result.subject, result.measured) == (NOT_SCORED, None, None)


def test_monitored_target_is_not_scored_but_shows_the_value() -> None:
    target = _target(operator=None, value=None)
    (result,) = results(target, _share((2024, 42.0)))
    assert result.status is NOT_SCORED
    assert result.measured == pytest.approx(42.0)
    assert result.message.en == "monitored value 42"


def test_monitored_target_without_data_is_not_assessable() -> None:
    target = _target(operator=None, value=None)
    assert status(target, None) is NA


def _assessed(target: Target, year: int, statistics: Statistics) -> list[TargetResult]:
    reg = load(("geo", geography(register_targets=[target])))
    report = assess(county_network(), statistics, reg, reg.jurisdiction("testcounty"), year)
    return [r for r in report.targets if r.target == target.id]


def test_deadline_decides_the_first_year_assessed() -> None:
    target = _target(deadline=dt.date(2025, 12, 31))
    data = _share((2024, 50.0), (2025, 50.0), (2026, 50.0))
    assert _assessed(target, 2024, data) == []
    assert [r.status for r in _assessed(target, 2025, data)] == [MET]
    # A goal "by" a date is a goal for that date: not assessed after its year ...
    assert _assessed(target, 2026, data) == []
    # ... unless it holds from then on (稳定在…), or the text sets a later horizon.
    ongoing = attrs.evolve(target, ongoing=True)
    assert [r.status for r in _assessed(ongoing, 2026, data)] == [MET]
    assert [r.status for r in _assessed(ongoing, 2030, _share((2030, 50.0)))] == [MET]
    horizon = attrs.evolve(target, horizon=2026)
    assert [r.status for r in _assessed(horizon, 2026, data)] == [MET]
    assert _assessed(horizon, 2027, _share((2027, 50.0))) == []


def test_each_year_up_to_the_horizon() -> None:
    # "每年…到2020年": every year from the document on, up to the horizon, not after.
    target = _target(horizon=2026)
    data = _share((2024, 50.0), (2025, 50.0), (2026, 50.0), (2027, 50.0))
    assert [r.status for r in _assessed(target, 2025, data)] == [MET]
    assert [r.status for r in _assessed(target, 2026, data)] == [MET]
    assert _assessed(target, 2027, data) == []


def test_horizon_and_ongoing_are_checked() -> None:
    with pytest.raises(ValueError, match="ongoing target has no horizon"):
        _target(ongoing=True, horizon=2026)
    with pytest.raises(ValueError, match="before the deadline"):
        _target(deadline=dt.date(2025, 12, 31), horizon=2024)


def test_period_bounds_the_years_assessed() -> None:
    target = _target(period=Period(dt.date(2022, 1, 1), dt.date(2024, 12, 31)))
    data = _share((2021, 50.0), (2022, 50.0), (2024, 50.0), (2025, 50.0))
    assert _assessed(target, 2021, data) == []
    assert len(_assessed(target, 2022, data)) == 1
    assert len(_assessed(target, 2024, data)) == 1
    assert _assessed(target, 2025, data) == []
    assert target.due_in(2023) and not target.due_in(2025)


def test_targets_apply_down_the_chain_not_up() -> None:
    city_target = attrs.evolve(_target(), id="geo.city", citation=city_cite())
    county_target = _target()
    reg = load(("geo", geography(register_targets=[city_target, county_target])))
    data = _share((2024, 50.0))
    at_county = assess(county_network(), data, reg, reg.jurisdiction("testcounty"), 2024)
    at_city = assess(county_network(), data, reg, reg.jurisdiction("testcity"), 2024)
    assert {r.target for r in at_county.targets} >= {"geo.city", "geo.t"}
    assert "geo.t" not in {r.target for r in at_city.targets}
    levels = {r.target: r.level for r in at_county.targets}
    assert levels["geo.city"] == CITY.code and levels["geo.t"] == COUNTY.code


# -- scopes ------------------------------------------------------------------------------
def test_consortium_scope_measures_each_consortium() -> None:
    net = Network(
        (*county_network().institutions, inst("ch2", InstitutionType.COUNTY_TCM_HOSPITAL)),
        (
            *county_network().consortia,
            cons("ccm2", "ch2"),
            cons("cmg", "ch2", kind=ConsortiumKind.URBAN_RURAL),
        ),
    )
    scope = TargetScope(
        Scope.CONSORTIUM, consortium_kinds=frozenset({ConsortiumKind.COUNTY_MEDICAL_COMMUNITY})
    )
    target = _target(indicator=COUNT, value=10.0, scope=scope)
    data = stats(
        (Scope.CONSORTIUM, "ccm", 2024, {"referrals_down": 12}),
        (Scope.CONSORTIUM, "cmg", 2024, {"referrals_down": 1}),
    )
    found = {r.subject: r.status for r in results(target, data, network=net)}
    assert found == {"ccm": MET, "ccm2": NA}


def test_institution_scope_by_role() -> None:
    scope = TargetScope(
        Scope.INSTITUTION,
        consortium_kinds=frozenset({ConsortiumKind.COUNTY_MEDICAL_COMMUNITY}),
        role=MemberRole.LEAD,
    )
    target = _target(indicator=COUNT, value=10.0, scope=scope)
    data = stats(
        (Scope.INSTITUTION, "ch", 2024, {"referrals_down": 9}),
        (Scope.INSTITUTION, "thc", 2024, {"referrals_down": 99}),
    )
    assert [(r.subject, r.status) for r in results(target, data)] == [("ch", NOT_MET)]


def test_institution_scope_by_type() -> None:
    scope = TargetScope(Scope.INSTITUTION, institution_types=frozenset({InstitutionType.VILLAGE_CLINIC}))
    target = _target(indicator=COUNT, value=1.0, scope=scope)
    data = stats((Scope.INSTITUTION, "vc", 2024, {"referrals_down": 1}))
    assert [(r.subject, r.status) for r in results(target, data)] == [("vc", MET)]


def test_area_scope_by_level_covers_the_counties_inside() -> None:
    scope = TargetScope(Scope.AREA, area_level=Level.COUNTY)
    target = attrs.evolve(_target(indicator=COUNT, value=10.0, scope=scope), citation=city_cite())
    data = stats(
        (Scope.AREA, "329901", 2024, {"referrals_down": 11}),
        (Scope.AREA, "329902", 2024, {"referrals_down": 9}),
        (Scope.AREA, "329900", 2024, {"referrals_down": 99}),  # the city itself: not a county
        (Scope.AREA, "320612", 2024, {"referrals_down": 99}),  # another city's county
    )
    found = [(r.subject, r.status) for r in results(target, data, where=CITY.code)]
    assert found == [("329901", MET), ("329902", NOT_MET)]


def test_no_subject_is_not_assessable() -> None:
    scope = TargetScope(Scope.CONSORTIUM, consortium_kinds=frozenset({ConsortiumKind.SPECIALTY_ALLIANCE}))
    (result,) = results(_target(indicator=COUNT, value=1.0, scope=scope), stats())
    assert (result.status, result.subject) == (NA, None)


# -- rules: exceptions, silence, area -------------------------------------------------------
def _fails_for(*subjects: str) -> Any:
    def check(ctx: RuleContext) -> Iterator[Outcome]:
        yield ctx.failed(list(subjects), "不符合", "fails")

    return check


def _outcomes(outcomes: Mapping[str, FindingStatus]) -> Any:
    def check(ctx: RuleContext) -> Iterator[Outcome]:
        for subject, st in outcomes.items():
            yield Outcome(st, (subject,), Label("结果", "result"))

    return check


EXC = RuleException(
    "geo.exc",
    "geo.city_rule",
    frozenset({"ccm"}),
    Label("山区县", "mountain county"),
    county_cite("例外的句子"),
)


def _exception_registry(check: Any) -> Registry:
    city_rule = rule("geo.city_rule", check, city_cite())
    return load(("geo", geography(register_rules=[city_rule], register_exceptions=[EXC])))


def _findings(reg: Registry, where: str = "testcounty", network: Network | None = None) -> list[Any]:
    found = run_rules(network or county_network(), reg, reg.jurisdiction(where), dt.date(2024, 6, 30))
    return [f for f in found if f.plugin == "geo"]


def test_exception_turns_a_failure_into_excepted_with_its_citation() -> None:
    (finding,) = _findings(_exception_registry(_fails_for("ccm")))
    assert finding.status is FindingStatus.EXCEPTED
    assert finding.exception is not None
    assert finding.exception.id == "geo.exc"
    assert finding.exception.level == COUNTY.code
    assert finding.exception.citation == county_cite("例外的句子")
    assert finding.exception.reason.en == "mountain county"
    # The parent rule stays visible with its own citation and level.
    assert (finding.rule, finding.level, finding.citation) == ("geo.city_rule", CITY.code, city_cite())


def test_partial_cover_stays_a_failure() -> None:
    (finding,) = _findings(_exception_registry(_fails_for("ccm", "other")))
    assert finding.status is FindingStatus.FAIL and finding.exception is None


def test_pass_and_not_assessable_are_not_touched_by_an_exception() -> None:
    check = _outcomes({"ccm": FindingStatus.PASS})
    (finding,) = _findings(_exception_registry(check))
    assert finding.status is FindingStatus.PASS and finding.exception is None
    check = _outcomes({"ccm": FindingStatus.NOT_ASSESSABLE})
    (finding,) = _findings(_exception_registry(check))
    assert finding.status is FindingStatus.NOT_ASSESSABLE and finding.exception is None


def test_exception_applies_only_below_its_own_level() -> None:
    (finding,) = _findings(_exception_registry(_fails_for("ccm")), where="testcity")
    assert finding.status is FindingStatus.FAIL


def test_exception_outside_its_period_does_not_apply() -> None:
    expired = attrs.evolve(EXC, period=Period(end=dt.date(2023, 12, 31)))
    city_rule = rule("geo.city_rule", _fails_for("ccm"), city_cite())
    reg = load(("geo", geography(register_rules=[city_rule], register_exceptions=[expired])))
    (finding,) = _findings(reg)
    assert finding.status is FindingStatus.FAIL


def _class_registry(check: Any, covers: Any) -> Registry:
    by_class = attrs.evolve(EXC, subjects=frozenset(), applies_to=covers)
    city_rule = rule("geo.city_rule", check, city_cite())
    return load(("geo", geography(register_rules=[city_rule], register_exceptions=[by_class])))


def test_an_exception_may_cover_a_class_the_text_describes() -> None:
    def county_communities(network: Network, subject: str) -> bool:
        cons = network.get_consortium(subject)
        return cons is not None and cons.kind is ConsortiumKind.COUNTY_MEDICAL_COMMUNITY

    (finding,) = _findings(_class_registry(_fails_for("ccm"), county_communities))
    assert finding.status is FindingStatus.EXCEPTED
    assert finding.exception is not None and finding.exception.id == "geo.exc"
    # A subject outside the class keeps the failure.
    (finding,) = _findings(_class_registry(_fails_for("ccm", "ch"), county_communities))
    assert finding.status is FindingStatus.FAIL


def test_a_subject_test_that_raises_names_the_plugin_and_the_exception() -> None:
    def broken(network: Network, subject: str) -> bool:
        raise RuntimeError("boom")

    with pytest.raises(PluginError, match=r"plugin 'geo', exception geo.exc: applies_to raised"):
        _findings(_class_registry(_fails_for("ccm"), broken))


def test_an_exception_that_covers_nothing_is_refused() -> None:
    empty = attrs.evolve(EXC, subjects=frozenset())
    city_rule = rule("geo.city_rule", _fails_for("ccm"), city_cite())
    with pytest.raises(PluginError, match="would cover nothing"):
        load(("geo", geography(register_rules=[city_rule], register_exceptions=[empty])))


def test_excepted_findings_do_not_fail_the_report() -> None:
    reg = _exception_registry(_fails_for("ccm"))
    report = validate(county_network(), reg, reg.jurisdiction("testcounty"), dt.date(2024, 6, 30))
    excepted = [f for f in report.findings if f.status is FindingStatus.EXCEPTED]
    assert len(excepted) == 1
    assert report.counts()["findings.excepted"] == 1


def test_a_silent_rule_is_not_assessable_never_a_pass() -> None:
    silent = rule("geo.silent", lambda ctx: iter(()), county_cite())
    reg = load(("geo", geography(register_rules=[silent])))
    (finding,) = _findings(reg)
    assert finding.status is FindingStatus.NOT_ASSESSABLE
    assert finding.subjects == (COUNTY.code,)


def _every_consortium(ctx: RuleContext) -> Iterator[Outcome]:
    for c in ctx.consortia():
        yield ctx.passed([c.id], "有", "seen")


def test_rules_see_only_the_jurisdictions_area() -> None:
    base = county_network()
    elsewhere = inst("far", InstitutionType.COUNTY_HOSPITAL, division="130123")
    net = Network(
        (*base.institutions, elsewhere), (*base.consortia, cons("far-ccm", "far", division="130123"))
    )
    county_rule = rule("geo.seen", _every_consortium, county_cite())
    reg = load(("geo", geography(register_rules=[county_rule])))
    assert [f.subjects for f in _findings(reg, network=net)] == [("ccm",)]
    national_view = run_rules(net, reg, reg.jurisdiction("national"), dt.date(2024, 6, 30))
    assert "geo.seen" not in {f.rule for f in national_view}
    lead_findings = {f.subjects[0] for f in national_view if f.rule == "national.county_community_lead"}
    assert lead_findings == {"ccm", "far-ccm"}


def test_rules_see_only_consortia_active_on_the_date() -> None:
    base = county_network()
    late = cons("late", "ch", ["thc"], formed=dt.date(2025, 1, 1))
    net = Network(base.institutions, (*base.consortia, late))
    reg = load(("geo", geography(register_rules=[rule("geo.seen", _every_consortium, county_cite())])))
    assert [f.subjects for f in _findings(reg, network=net)] == [("ccm",)]


def test_report_order_is_national_first_then_by_id() -> None:
    reg = load(("geo", geography(register_rules=[rule("geo.a", _every_consortium, county_cite())])))
    report = validate(county_network(), reg, reg.jurisdiction("testcounty"), dt.date(2024, 6, 30))
    levels = [f.level for f in report.findings]
    assert levels == sorted(levels, key=["100000", "320000", "329900", "329901"].index)
    assert report.findings[-1].rule == "geo.a"


def test_assess_marks_synthetic_statistics() -> None:
    reg = load(("geo", geography()))
    data = Statistics(synthetic=True)
    report = assess(county_network(), data, reg, reg.jurisdiction("testcounty"), 2024)
    assert report.synthetic and report.year == 2024 and report.as_of == dt.date(2024, 12, 31)


def test_institution_levels_do_not_leak() -> None:
    # Guard for the builders: the county hospital is secondary, the clinics unrated.
    net = county_network()
    assert net.institution("ch").level is InstitutionLevel.SECONDARY
    assert net.institution("vc").level is InstitutionLevel.UNRATED


def test_a_message_never_contradicts_its_status() -> None:
    # 19.998 against ">= 20": not met, and the message must not read "20.00".
    target = _target(value=20.0)
    (result,) = _assessed(target, 2024, _share((2024, 19.998)))
    assert result.status is TargetStatus.NOT_MET
    assert "19.998" in result.message.zh and "19.998" in result.message.en
    assert "20.00" not in result.message.en
    # The exact value is kept, not rounded.
    assert result.measured is not None and abs(result.measured - 19.998) < 1e-12
    (met,) = _assessed(target, 2024, _share((2024, 20.004)))
    assert met.status is TargetStatus.MET and "20.004" in met.message.en


def test_counts_by_kind_and_status() -> None:
    reg = _exception_registry(_fails_for("ccm"))
    report = validate(county_network(), reg, reg.jurisdiction("testcounty"), dt.date(2024, 6, 30))
    expected: dict[str, int] = {}
    for f in report.findings:
        expected[f"findings.{f.status.value}"] = expected.get(f"findings.{f.status.value}", 0) + 1
    assert report.counts() == dict(sorted(expected.items()))
    assert list(report.counts()) == sorted(report.counts())
