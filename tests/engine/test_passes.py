"""One evaluation pass: assess reuses the findings validate computed for the same network,
registry, jurisdiction and day, unless a rule reads what differs (statistics, year)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from medconsortium import (
    Citation,
    Label,
    Outcome,
    Registry,
    Rule,
    RuleContext,
    Strength,
    assess,
    examples,
    validate,
)
from medconsortium.national import DOC
from medconsortium.testing import fake_plugin

DAY = dt.date(2017, 12, 31)
QUOTE = "在加强医疗质量控制的基础上,推进医联体内医疗机构间检查检验结果互认。"


def registry_with(*rules: Rule) -> Registry:
    def hook(register: Any) -> None:
        for rule in rules:
            register(rule)

    return Registry.load(only=(), extra=[("count", fake_plugin(register_rules=hook))])


def counted(name: str, calls: list[str], reads_statistics: bool) -> Rule:
    def check(ctx: RuleContext) -> Iterator[Outcome]:
        calls.append(name)
        if reads_statistics:
            seen = "有统计" if ctx.statistics is not None else "无统计"
            yield ctx.passed([ctx.jurisdiction.code], seen, seen)
        else:
            yield ctx.passed([ctx.jurisdiction.code], "网络", "network")

    # Cited at the national document: the plugin adds a rule at the national level.
    return Rule(
        f"national.{name}", Label(name, name), Strength.MANDATORY, Citation(DOC, "四（六）", QUOTE), check
    )


def test_assess_reuses_what_validate_found_for_the_same_day() -> None:
    calls: list[str] = []
    registry = registry_with(counted("governance", calls, False), counted("volumes", calls, True))
    national, net = registry.jurisdiction("national"), examples.national_network()
    validated = validate(net, registry, national, DAY)
    assessed = assess(net, None, registry, national, 2017)
    # The governance rule ran once; the one that reads the year's data ran for each.
    assert calls == ["governance", "volumes", "volumes"]
    governance = [f for f in assessed.findings if f.rule == "national.governance"]
    assert governance == [f for f in validated.findings if f.rule == "national.governance"]


def test_another_day_or_network_runs_the_rules_again() -> None:
    calls: list[str] = []
    registry = registry_with(counted("governance", calls, False))
    national = registry.jurisdiction("national")
    net = examples.national_network()
    validate(net, registry, national, DAY)
    validate(net, registry, national, dt.date(2018, 6, 30))
    validate(examples.national_network(), registry, national, DAY)
    assert calls == ["governance"] * 3
    validate(net, registry, national, DAY)
    assert calls == ["governance"] * 3


def test_the_findings_are_those_of_a_fresh_pass() -> None:
    registry = Registry.load(only=())
    national = registry.jurisdiction("national")
    net = examples.national_network()
    first = validate(net, registry, national, DAY)
    again = validate(net, registry, national, DAY)
    fresh = validate(examples.national_network(), registry, national, DAY)
    assert first.findings == again.findings == fresh.findings
