"""medconsortium plugin for Wuhu (芜湖市, 340200): 芜医改组〔2019〕7号.

One city medical group per district, the named district leads, tight county medical
communities, the urban–rural caps, free choice of referral, one specialty alliance per
specialty, the telemedicine platform's five unifications, and the assessment indicators.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import attrs

from medconsortium import Example, Label, Period, ReferralRule, Rule, hookimpl
from medconsortium.plugins.hookspecs import Register

from . import exceptions, facts, indicators, reference, referral_rules, routing, rules, targets, urban_rural
from .document import CODE, DOCUMENT, ISSUED, JURISDICTION

MEDCONSORTIUM_HOOKS_VERSION = 1

EXAMPLES_DIR = Path(__file__).parent / "examples"

EXAMPLES = (
    Example(
        "wuhu",
        CODE,
        EXAMPLES_DIR / "wuhu-network.yaml",
        EXAMPLES_DIR / "wuhu-statistics.yaml",
        2020,
        Label(
            "芜湖市示例：含违规情形（合成数据）",
            "Wuhu example with violations (synthetic data, real districts and named leads)",
        ),
        priority=0,
    ),
    Example(
        "wuhu-compliant",
        CODE,
        EXAMPLES_DIR / "wuhu-compliant-network.yaml",
        EXAMPLES_DIR / "wuhu-statistics.yaml",
        2020,
        Label("芜湖市示例：合规情形（合成数据）", "Wuhu example, compliant variant (synthetic data)"),
        # Below the featured examples: ``medconsortium demo`` should not pick it by default.
        priority=-1,
    ),
)


R = TypeVar("R", Rule, ReferralRule)


def _from_issue(rule: R) -> R:
    """The rule in force from the day the plan was issued. No end: the plan covers 2018-2020,
    but no later text repeals its rules (the document's ``review_by`` asks to check)."""
    return attrs.evolve(rule, period=Period(ISSUED))


@hookimpl
def register_jurisdictions(register: Register) -> None:
    register(JURISDICTION)


@hookimpl
def register_documents(register: Register) -> None:
    register(DOCUMENT)


@hookimpl
def register_indicators(register: Register) -> None:
    for indicator in indicators.INDICATORS:
        register(indicator)


@hookimpl
def register_facts(register: Register) -> None:
    for fact in facts.FACTS:
        register(fact)


@hookimpl
def register_targets(register: Register) -> None:
    for target in targets.TARGETS:
        register(target)


@hookimpl
def register_rules(register: Register) -> None:
    for rule in (*rules.RULES, *urban_rural.RULES, *routing.RULES):
        register(_from_issue(rule))


@hookimpl
def register_referral_rules(register: Register) -> None:
    for rule in referral_rules.REFERRAL_RULES:
        register(_from_issue(rule))


@hookimpl
def register_exceptions(register: Register) -> None:
    for exception in exceptions.EXCEPTIONS:
        register(exception)


@hookimpl
def register_reference_data(register: Register) -> None:
    for table in reference.REFERENCE_TABLES:
        register(table)


@hookimpl
def register_examples(register: Register) -> None:
    for example in EXAMPLES:
        register(example)
