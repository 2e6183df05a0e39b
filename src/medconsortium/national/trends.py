"""The trend the national text states without a number (issue 12): 四（三） has tertiary
hospitals reduce, step by step (逐步减少), the share of their patients with common and
frequent diseases and stable chronic disease. No number is given, so it is a falling
trend, never a threshold.

>>> TARGETS[0].operator.value, TARGETS[0].value
('falling', None)
"""

from __future__ import annotations

import datetime as dt

from ..model.labels import Label
from ..model.statistics import Metric
from ..policy.documents import Citation, Period
from ..policy.indicators import Better, Indicator, Ratio, Unit
from ..policy.shapes import falling

DOC = "国卫医发〔2016〕75号"

METRICS = (
    Metric(
        "tertiary_common_chronic_visits",
        Label(
            "三级医院常见病、多发病、病情稳定的慢性病患者诊疗人次",
            "tertiary hospitals' visits for common and frequent diseases and stable chronic disease",
        ),
        at_most=("tertiary_visits",),
    ),
    Metric("tertiary_visits", Label("三级医院诊疗人次", "tertiary hospitals' visits")),
)

INDICATORS = (
    Indicator(
        "tertiary_common_chronic_share",
        Label(
            "三级医院常见病、多发病、病情稳定的慢性病患者比例",
            "share of tertiary hospitals' visits for common, frequent and stable chronic disease",
        ),
        Unit.PERCENT,
        Ratio("tertiary_common_chronic_visits", "tertiary_visits"),
        better=Better.LOWER,
    ),
)

TARGETS = (
    falling(
        "national.tertiary_common_chronic_share",
        Label(
            "三级医院逐步减少常见病、多发病、病情稳定的慢性病患者比例",
            "tertiary hospitals reduce the share of common, frequent and stable chronic patients",
        ),
        Citation(DOC, "四（三）", "三级医院逐步减少常见病、多发病、病情稳定的慢性病患者比例。"),
        "tertiary_common_chronic_share",
        period=Period(dt.date(2017, 1, 1)),
        note=Label(
            "“逐步减少”未给出数值，按逐年下降评估（与上一年比较）",
            "'reduce step by step' gives no number: assessed as falling year on year",
        ),
    ),
)
