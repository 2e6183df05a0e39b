"""A made-up plugin for the documentation tests: Zhejiang (core) › Hangzhou (here).

The documents and sentences are invented for the tests. They exercise what the policy
reference must render: two levels with documents, a stricter target below, a trend
target, a rule, a referral rule, a reference table, an exception to a national rule, and
a quote full of characters that reStructuredText would otherwise read as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from medconsortium import (
    Citation,
    Jurisdiction,
    Label,
    Level,
    Operator,
    Outcome,
    PolicyDocument,
    ReferenceTable,
    Referral,
    ReferralContext,
    ReferralRule,
    Rule,
    RuleContext,
    RuleException,
    Strength,
    Target,
    hookimpl,
)
from medconsortium.plugins.hookspecs import Register

MEDCONSORTIUM_HOOKS_VERSION = 1

PROVINCE_DOC = "浙测〔2024〕1号"
CITY_DOC = "杭测〔2024〕2号"
#: A quote that would be markup if it were not escaped, with ASCII double quotes that
#: smart quotes would curl.
TRICKY = '1. 第*一*条：`代码` |替换| 链接_ "原样" -- 保留 \\ 反斜杠'


@hookimpl
def register_jurisdictions(register: Register) -> None:
    register(Jurisdiction("330100", "hangzhou", Label("杭州市", "Hangzhou"), Level.CITY, "330000"))


@hookimpl
def register_documents(register: Register) -> None:
    register(
        PolicyDocument(
            PROVINCE_DOC,
            "浙江省测试文件",
            Label("浙江省测试委员会", "Zhejiang test commission"),
            dt.date(2024, 1, 2),
            "330000",
        )
    )
    register(
        PolicyDocument(
            CITY_DOC,
            "杭州市测试文件",
            Label("杭州市测试办公室", "Hangzhou test office"),
            dt.date(2024, 3, 4),
            "330100",
            title_en="Hangzhou test document",
        )
    )


@hookimpl
def register_targets(register: Register) -> None:
    register(
        Target(
            "zj.primary_share",
            Label("基层诊疗占比", "primary care share"),
            Citation(PROVINCE_DOC, "二（一）", "基层诊疗量占比达到65%"),
            indicator="primary_care_visit_share",
            operator=Operator.AT_LEAST,
            value=65.0,
            deadline=dt.date(2025, 12, 31),
        )
    )
    register(
        Target(
            "hz.primary_share",
            Label("基层诊疗占比", "primary care share"),
            Citation(CITY_DOC, "三、主要目标", "基层诊疗量占比达到70%"),
            indicator="primary_care_visit_share",
            operator=Operator.AT_LEAST,
            value=70.0,
            deadline=dt.date(2025, 12, 31),
        )
    )
    register(
        Target(
            "hz.alos",
            Label("平均住院日下降", "length of stay falls"),
            Citation(CITY_DOC, "三、主要目标", "平均住院日逐年下降"),
            indicator="alos",
            operator=Operator.FALLING,
        )
    )


def _check(ctx: RuleContext) -> Iterable[Outcome]:
    return [ctx.unknown([], "无数据", "no data")]


@hookimpl
def register_rules(register: Register) -> None:
    register(
        Rule(
            "hz.tricky",
            Label("转义测试", "escaping test"),
            Strength.MANDATORY,
            Citation(CITY_DOC, "四（二）", TRICKY),
            _check,
            description=Label("检查*星号*", "checks *stars*"),
        )
    )


def _referral(referral: Referral, ctx: ReferralContext) -> Iterable[Outcome]:
    return []


@hookimpl
def register_referral_rules(register: Register) -> None:
    register(
        ReferralRule(
            "hz.referral",
            Label("转诊测试", "referral test"),
            Strength.ENCOURAGED,
            Citation(CITY_DOC, "五", "鼓励医联体内双向转诊"),
            _referral,
        )
    )


@hookimpl
def register_exceptions(register: Register) -> None:
    register(
        RuleException(
            "hz.exception",
            "national.city_group_lead",
            frozenset({"hz-cmg-2", "hz-cmg-1"}),
            Label("由两家医院共同牵头", "led jointly by two hospitals"),
            Citation(CITY_DOC, "六", "允许两家三级医院共同牵头"),
        )
    )


@hookimpl
def register_reference_data(register: Register) -> None:
    register(
        ReferenceTable(
            "hz.leads",
            Label("牵头医院名单", "lead hospitals"),
            (Label("医联体", "consortium"), Label("牵头医院", "lead hospital")),
            (("杭州第一医疗集团", "杭州市第一人民医院"),),
            Citation(CITY_DOC, "附件1", "牵头医院名单"),
        )
    )
