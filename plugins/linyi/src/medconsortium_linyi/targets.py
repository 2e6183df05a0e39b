"""The targets of 临政办发〔2017〕60号 (二、工作目标 and 六（一）).

"10%以上" and "95%以上" are read as "at least": 以上 includes the number in Chinese
administrative usage. The 2017 and 2018 goals are set for those years only, so each is in
force for its year; the 2020 goal is qualitative (shown, not scored).
"""

from __future__ import annotations

import datetime as dt

from medconsortium import Label
from medconsortium import Level
from medconsortium import Period
from medconsortium import TargetScope
from medconsortium.policy.shapes import When
from medconsortium.policy.shapes import at_least
from medconsortium.policy.shapes import equals
from medconsortium.policy.shapes import fall_at_least
from medconsortium.policy.shapes import growth_at_least
from medconsortium.policy.shapes import qualitative

from .document import ISSUED
from .document import cite

GOALS = "二、工作目标"
PLANS = "六（一）"

YEAR_2017 = Period(ISSUED, dt.date(2017, 12, 31))
YEAR_2018 = Period(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
# The 2017 and 2018 goals are each set for their year, due at its end.
BY_END_2017: When = {"deadline": dt.date(2017, 12, 31), "period": YEAR_2017}
BY_END_2018: When = {"deadline": dt.date(2018, 12, 31), "period": YEAR_2018}

TARGETS = (
    at_least(
        "linyi.2017.primary_care_coverage",
        Label(
            "年底实现全市基层医疗机构医联体全覆盖",
            "every primary care institution in a consortium by 2017",
        ),
        cite(GOALS, "力争年底实现全市基层医疗机构医联体全覆盖"),
        "linyi_primary_care_coverage",
        100.0,
        note=Label(
            "“全覆盖”按100%评估；基层医疗机构不分举办主体",
            "'full coverage' is read as 100 %, primary care institutions of any ownership",
        ),
        **BY_END_2017,
    ),
    equals(
        "linyi.2017.county_plans",
        Label(
            "各县区2017年11月底前制定完成医联体建设规划",
            "each county/district has its plan by 2017-11-30",
        ),
        cite(PLANS, "2017年11月底前各县区要制定完成辖区医联体建设规划"),
        "linyi_county_plan_on_time",
        1.0,
        deadline=dt.date(2017, 11, 30),
        period=YEAR_2017,
        scope=TargetScope(
            area_level=Level.COUNTY,
            description=Label("每个县区", "each county and district"),
        ),
    ),
    at_least(
        "linyi.2017.public_institutions_started",
        Label("年底前全市所有公立医疗机构启动医联体建设", "every public institution has started by 2017"),
        cite(PLANS, "年底前全市所有公立医疗机构都要启动医联体建设工作"),
        "linyi_public_institution_coverage",
        100.0,
        note=Label(
            "“启动”以年末已加入医联体为证据",
            "'started' is evidenced by membership of a consortium at the year end",
        ),
        **BY_END_2017,
    ),
    growth_at_least(
        "linyi.2018.referrals_down",
        Label(
            "医联体内二、三级医院向基层、慢性病等医疗机构转诊人数增长10%以上",
            "downward referrals within a consortium from secondary and tertiary hospitals grow by "
            "at least 10 %",
        ),
        cite(GOALS, "医联体内由二、三级医院向基层医疗机构、慢性病等医疗机构转诊人数增长率10%以上"),
        # "医联体内": only referrals between members of a common consortium count.
        "referrals_down_within_consortium",
        10.0,
        **BY_END_2018,
    ),
    fall_at_least(
        "linyi.2018.city_tertiary_outpatients",
        Label(
            "城市三级医院门诊量下降10%以上",
            "outpatient volume of city tertiary hospitals falls by at least 10 %",
        ),
        cite(GOALS, "城市三级医院门诊量下降率10%以上"),
        "linyi_city_tertiary_outpatient_visits",
        10.0,
        note=Label(
            "城市三级医院指县级医院以外的三级医院；任一家缺报则无法评估",
            "city tertiary hospitals are tertiary hospitals other than county hospitals; "
            "one missing report makes it not assessable",
        ),
        **BY_END_2018,
    ),
    at_least(
        "linyi.2018.primary_first_visit_rate",
        Label("基层首诊率95%以上", "primary first-visit rate at least 95 %"),
        cite(GOALS, "基层首诊率95%以上"),
        "primary_first_visit_rate",
        95.0,
        **BY_END_2018,
    ),
    qualitative(
        "linyi.2020.tiered_care",
        Label("2020年前全面落实分级诊疗", "tiered care fully in place by 2020"),
        cite(GOALS, "2020年前全面落实分级诊疗"),
        deadline=dt.date(2020, 12, 31),
        period=Period(ISSUED),
    ),
)
