"""medconsortium plugin for 临沂市 (371300): 临政办发〔2017〕60号.

Registers the jurisdiction, the document, its targets, governance rules, referral rules,
reference tables and a bundled example. See the README of the distribution.
"""

from __future__ import annotations

from pathlib import Path

from medconsortium import Example, Label, hookimpl
from medconsortium.plugins.hookspecs import Register

from .document import CODE, DOCUMENT, JURISDICTION
from .indicators import FACTS, INDICATORS, METRICS
from .reference import TABLES
from .referral_rules import REFERRAL_RULES
from .rules import RULES
from .targets import TARGETS

MEDCONSORTIUM_HOOKS_VERSION = 1

EXAMPLES_DIR = Path(__file__).parent / "examples"

EXAMPLE = Example(
    "linyi",
    CODE,
    EXAMPLES_DIR / "linyi-network.yaml",
    EXAMPLES_DIR / "linyi-statistics.yaml",
    2018,
    Label(
        "临沂市示例：文件指定的牵头医院，合成统计数据",
        "Linyi example: the lead hospitals the text names, synthetic statistics",
    ),
    priority=0,
)


@hookimpl
def register_jurisdictions(register: Register) -> None:
    register(JURISDICTION)


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
def register_reference_data(register: Register) -> None:
    for table in TABLES:
        register(table)


@hookimpl
def register_examples(register: Register) -> None:
    register(EXAMPLE)
