"""Trends 通政办发〔2024〕20号 states without a number (issue 12): the family-doctor
contract coverage rises steadily (稳步提升覆盖率, 五（五）) and the number of provincial
primary care featured departments rises markedly by 2025 (明显提升, 五（二）). Both are
rising trends against the year before, never a threshold; the 质量 of the departments is
not measured.

>>> [t.operator.value for t in TARGETS]
['rising', 'rising']
"""

from __future__ import annotations

import datetime as dt

from medconsortium import Indicator
from medconsortium import Label
from medconsortium import Metric
from medconsortium import MetricValue
from medconsortium import Period
from medconsortium import Ratio
from medconsortium import Unit
from medconsortium.policy.shapes import rising

from .document import IN_FORCE
from .document import cite

METRICS = (
    Metric(
        "tongzhou_contracted_residents",
        Label("家庭医生签约居民数", "residents with a family-doctor contract"),
        at_most=("tongzhou_resident_population",),
    ),
    Metric("tongzhou_resident_population", Label("常住人口数", "resident population")),
    Metric(
        "tongzhou_provincial_featured_departments",
        Label("创建的省级基层特色科室数", "provincial primary care featured departments created"),
    ),
)

INDICATORS = (
    Indicator(
        "tongzhou_contract_coverage",
        Label("家庭医生签约覆盖率", "family-doctor contract coverage"),
        Unit.PERCENT,
        Ratio("tongzhou_contracted_residents", "tongzhou_resident_population"),
    ),
    Indicator(
        "tongzhou_provincial_featured_departments",
        Label("省级基层特色科室数", "provincial primary care featured departments"),
        Unit.COUNT,
        MetricValue("tongzhou_provincial_featured_departments"),
    ),
)

TARGETS = (
    rising(
        "tongzhou.contract_coverage",
        Label("家庭医生签约覆盖率稳步提升", "family-doctor contract coverage rises steadily"),
        cite("五（五）", "扩大做实一般人群和重点人群签约服务，稳步提升覆盖率。"),
        "tongzhou_contract_coverage",
        period=Period(IN_FORCE),
        note=Label(
            "“稳步提升”未给出数值，按逐年上升评估（与上一年比较）",
            "'rises steadily' gives no number: assessed as rising year on year",
        ),
    ),
    rising(
        "tongzhou.2025.provincial_featured_departments",
        Label(
            "创建省级基层特色科室的数量明显提升", "provincial featured departments rise markedly in number"
        ),
        cite("五（二）", "创建省级基层特色科室的数量和质量明显提升。"),
        "tongzhou_provincial_featured_departments",
        period=Period(dt.date(2024, 1, 1), dt.date(2025, 12, 31)),
        note=Label(
            "“明显提升”未给出数值，按逐年上升评估；质量不计量",
            "'rises markedly' gives no number: assessed as rising year on year; quality is not measured",
        ),
    ),
)
