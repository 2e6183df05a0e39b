"""Targets of 芜医改组〔2019〕7号.

The plan sets no numbers. The key assessment indicators of 五（一） are reported as
monitored values for each county, district and development zone; residents' health, which
no statistic here measures, and the 2020 goal are qualitative.
"""

from __future__ import annotations

import datetime as dt

from medconsortium import Label
from medconsortium import Level
from medconsortium import Period
from medconsortium import Scope
from medconsortium import TargetScope
from medconsortium.policy.shapes import monitored_each
from medconsortium.policy.shapes import qualitative

from .document import ISSUED
from .document import cite
from .indicators import PRIMARY_CARE_SECONDMENTS
from .indicators import REFERRAL_RATIO
from .indicators import TERTIARY_SECONDMENTS

ASSESSMENT = "五（一）"
KEY_INDICATORS = (
    "重点考核三级医院医疗资源下沉、对基层医疗卫生机构帮扶以及基层诊疗量占比、双向转诊比例、"
    "居民健康改善等关键指标"
)
EACH_AREA = TargetScope(
    Scope.AREA,
    area_level=Level.COUNTY,
    description=Label("各县区（经开区）", "each county, district and development zone"),
)
# The assessment system is standing, not tied to the plan's end.
STANDING = Period(ISSUED)
MONITORED = Label(
    "文件未给出数值或方向：只报告，不评分", "the text gives no number or direction: reported, not scored"
)

TARGETS = (
    # 五（一）重点考核…等关键指标: each one reported for each area.
    *monitored_each(
        cite(ASSESSMENT, KEY_INDICATORS),
        (
            (
                "wuhu.monitor.tertiary_resources_down",
                Label("三级医院医疗资源下沉", "resources sent down by tertiary hospitals"),
                TERTIARY_SECONDMENTS,
            ),
            (
                "wuhu.monitor.primary_care_support",
                Label("对基层医疗卫生机构帮扶", "support to primary care institutions"),
                PRIMARY_CARE_SECONDMENTS,
            ),
            (
                "wuhu.monitor.primary_care_visit_share",
                Label("基层诊疗量占比", "primary care share of visits"),
                "primary_care_visit_share",
            ),
            ("wuhu.monitor.referral_ratio", Label("双向转诊比例", "two-way referral ratio"), REFERRAL_RATIO),
        ),
        period=STANDING,
        scope=EACH_AREA,
        note=MONITORED,
    ),
    qualitative(
        "wuhu.monitor.residents_health",
        Label("居民健康改善", "improvement of residents' health"),
        cite(ASSESSMENT, KEY_INDICATORS),
        period=STANDING,
        note=Label("文件未给出可计算的指标", "the text names no measurable indicator"),
    ),
    qualitative(
        "wuhu.2020.tiered_care",
        Label(
            "到2020年医疗资源进一步整合共享、基层服务能力有效提升",
            "by 2020 resources are further shared and primary care capacity effectively raised",
        ),
        cite(
            "三",
            "到 2020 年，区域内医疗资源进一步整合共享，基层医疗卫生服务能力有效提升，"
            "医联体内不同级别、不同类别医疗机构（含民营医院）间建立目标明确、权责清晰的分工协作机制",
        ),
        deadline=dt.date(2020, 12, 31),
        period=Period(dt.date(2018, 1, 1), dt.date(2020, 12, 31)),
    ),
)
