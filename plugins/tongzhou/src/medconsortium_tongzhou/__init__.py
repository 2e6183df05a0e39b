"""medconsortium plugin for 通州区 (Tongzhou District, Nantong, Jiangsu): 通政办发〔2024〕20号.

Registers Nantong (320600) and Tongzhou (320612), the document, its targets, governance
and referral rules, the exceptions for 平潮区域性医共体, reference tables and the bundled
example of the three real county medical communities (with synthetic statistics).
"""

from __future__ import annotations

from pathlib import Path

from medconsortium import Example, Label, hookimpl
from medconsortium.plugins.hookspecs import Register

from .document import DOCUMENT, JURISDICTIONS, TONGZHOU_CODE
from .exceptions import EXCEPTIONS
from .facts import FACTS
from .indicators import INDICATORS, METRICS
from .reference import REFERENCE_TABLES
from .referral_rules import REFERRAL_RULES
from .rules import RULES
from .targets import TARGETS

MEDCONSORTIUM_HOOKS_VERSION = 1

EXAMPLES_DIR = Path(__file__).parent / "examples"

EXAMPLE = Example(
    "tongzhou",
    TONGZHOU_CODE,
    EXAMPLES_DIR / "tongzhou-network.yaml",
    EXAMPLES_DIR / "tongzhou-statistics.yaml",
    2025,
    Label(
        "通州区三大县域医共体（真实名单，合成统计数据）",
        "Tongzhou's three county medical communities (real members, synthetic statistics)",
    ),
    priority=10,
)


@hookimpl
def register_jurisdictions(register: Register) -> None:
    for jurisdiction in JURISDICTIONS:
        register(jurisdiction)


@hookimpl
def register_documents(register: Register) -> None:
    register(DOCUMENT)


@hookimpl
def register_metrics(register: Register) -> None:
    for metric in METRICS:
        register(metric)


@hookimpl
def register_indicators(register: Register) -> None:
    for indicator in INDICATORS:
        register(indicator)


@hookimpl
def register_facts(register: Register) -> None:
    for fact in FACTS:
        register(fact)


@hookimpl
def register_targets(register: Register) -> None:
    for target in TARGETS:
        register(target)


@hookimpl
def register_rules(register: Register) -> None:
    for rule in RULES:
        register(rule)


@hookimpl
def register_referral_rules(register: Register) -> None:
    for rule in REFERRAL_RULES:
        register(rule)


@hookimpl
def register_exceptions(register: Register) -> None:
    for exception in EXCEPTIONS:
        register(exception)


@hookimpl
def register_reference_data(register: Register) -> None:
    for table in REFERENCE_TABLES:
        register(table)


@hookimpl
def register_examples(register: Register) -> None:
    register(EXAMPLE)
