"""Targets of 三、主要目标 and 五（四）: what must be reached, by when, and for whom.

Dates: "2019年3月底" is 31 March 2019, "2019年6月底前" 30 June 2019, "到2020年" the end
of 2020. Once due, a target stays in force (nothing in the text lifts it); "每年" targets
are assessed every year from their deadline on.
"""

from __future__ import annotations

import datetime as dt

from medconsortium import ConsortiumKind
from medconsortium import Label
from medconsortium import Level
from medconsortium import MemberRole
from medconsortium import Period
from medconsortium import Scope
from medconsortium import TargetScope
from medconsortium.policy.shapes import When
from medconsortium.policy.shapes import at_least
from medconsortium.policy.shapes import fall_at_least
from medconsortium.policy.shapes import fall_since
from medconsortium.policy.shapes import falling
from medconsortium.policy.shapes import growth_at_least
from medconsortium.policy.shapes import growth_at_most
from medconsortium.policy.shapes import qualitative

from .document import cite

GOALS = "三"
FROM_2019 = Period(dt.date(2019, 1, 1))
END_MARCH_2019 = dt.date(2019, 3, 31)
END_JUNE_2019 = dt.date(2019, 6, 30)
END_2020 = dt.date(2020, 12, 31)

EACH_COUNTY = TargetScope(
    Scope.AREA,
    area_level=Level.COUNTY,
    description=Label("每个县（市、区）", "each county-level area in the statistics"),
)
GROUP_AND_COMMUNITY_LEADS = TargetScope(
    Scope.INSTITUTION,
    role=MemberRole.LEAD,
    consortium_kinds=frozenset({ConsortiumKind.CITY_MEDICAL_GROUP, ConsortiumKind.COUNTY_MEDICAL_COMMUNITY}),
    description=Label(
        "医疗集团、县域医共体牵头医院", "lead hospitals of city medical groups and county communities"
    ),
)

GRID_SENTENCE = "2019年3月底各设区市及市、县（市、区）完成医联体网格化布局，医联体覆盖所有政府办医疗机构。"
LEADS_SENTENCE = "医疗集团、县域医共体牵头医院首诊门诊量降幅每年不少于10%、平均住院日较2018年下降不少于1天"

#: The province as a whole, never a county or district below it (a Tongzhou assessment
#: does not score it).
PROVINCE = TargetScope(Scope.AREA, area_level=Level.PROVINCE, description=Label("全省", "the province"))

EACH_YEAR_TO_2020 = Label(
    "每年评估，至2020年止（到2020年…每年）",
    "assessed each year up to 2020 (到2020年…每年: every year to 2020)",
)

# When each group of goals is due; all are in force from the plan on.
BY_MARCH_2019: When = {"deadline": END_MARCH_2019, "period": FROM_2019}
BY_JUNE_2019: When = {"deadline": END_JUNE_2019, "period": FROM_2019}
BY_2020: When = {"deadline": END_2020, "period": FROM_2019}
# "到2020年，…增幅每年…": every year from the plan on, up to its horizon.
EVERY_YEAR_TO_2020: When = {"horizon": 2020, "period": FROM_2019}

TARGETS = (
    # -- by the end of March 2019 --------------------------------------------------------
    at_least(
        "jiangsu.2019.grid_layout",
        Label("完成医联体网格化布局", "grid layout completed"),
        cite(GOALS, GRID_SENTENCE),
        "jiangsu_grid_coverage",
        100.0,
        note=Label(
            "每个乡镇（街道）恰由一个紧密型医联体负责即为完成",
            "done when every township/street is in exactly one tight consortium's grid",
        ),
        **BY_MARCH_2019,
    ),
    at_least(
        "jiangsu.2019.government_coverage",
        Label("医联体覆盖所有政府办医疗机构", "consortia cover every government-run institution"),
        cite(GOALS, GRID_SENTENCE),
        "government_institution_coverage",
        100.0,
        **BY_MARCH_2019,
    ),
    # -- by the end of June 2019 ---------------------------------------------------------
    qualitative(
        "jiangsu.2019.county_communities_started",
        Label(
            "所有县（市）和涉农区全面启动县域医共体建设",
            "every county and rural district starts a county community",
        ),
        cite(GOALS, "2019年6月底前，所有县（市）和涉农区全面启动县域医共体建设工作"),
        note=Label(
            "网络数据不区分涉农区，按定性目标展示",
            "networks do not tell which districts are rural: shown as a qualitative target",
        ),
        **BY_JUNE_2019,
    ),
    qualitative(
        "jiangsu.2019.city_groups_started",
        Label("所有设区市市区全面启动医疗集团建设", "every city's urban area starts city medical groups"),
        cite(GOALS, "所有设区市市区全面启动医疗集团建设工作"),
        **BY_JUNE_2019,
    ),
    at_least(
        "jiangsu.2019.government_primary_coverage",
        Label(
            "政府办社区卫生服务机构、乡镇卫生院、村卫生室全部加入医联体",
            "every government-run community, township and village institution joins a consortium",
        ),
        cite(GOALS, "城乡政府举办的社区卫生服务机构、乡镇卫生院、村卫生室全部加入医联体"),
        "jiangsu_government_primary_coverage",
        100.0,
        **BY_JUNE_2019,
    ),
    at_least(
        "jiangsu.2019.telemedicine_coverage",
        Label(
            "远程医疗协作网覆盖所有乡镇卫生院、社区卫生服务中心",
            "telemedicine networks cover every township and community health centre",
        ),
        cite(GOALS, "远程医疗协作网以乡镇卫生院、社区卫生服务中心为单位实现全覆盖"),
        "jiangsu_telemedicine_coverage",
        100.0,
        **BY_JUNE_2019,
    ),
    at_least(
        "jiangsu.2019.provincial_alliances",
        Label("首批19个省级专科联盟全面建成", "the first 19 provincial specialty alliances built"),
        cite(GOALS, "首批19个省级专科联盟全面建成"),
        "jiangsu_provincial_alliances",
        19.0,
        note=Label("按附件2的联盟名称计数", "counted by the alliance names of 附件2"),
        **BY_JUNE_2019,
    ),
    qualitative(
        "jiangsu.2019.city_specialty_alliances",
        Label("各设区市建成市域内专科联盟", "each city builds its own specialty alliances"),
        cite(GOALS, "各设区市以现有临床重点专科所在医疗机构为龙头全面建成市域内专科联盟"),
        **BY_JUNE_2019,
    ),
    # -- by 2020 -------------------------------------------------------------------------
    qualitative(
        "jiangsu.2020.service_system",
        Label(
            "形成布局合理、管理规范、运行高效的医联体服务体系", "a well-laid-out, well-run consortium system"
        ),
        cite(GOALS, "到2020年，形成布局合理、管理规范、运行高效的医联体服务体系。"),
        **BY_2020,
    ),
    at_least(
        "jiangsu.2020.county_visit_rate",
        Label("县域内就诊率不低于90%", "county visit rate at least 90%"),
        cite(GOALS, "县域内就诊率不低于90%"),
        "county_visit_rate",
        90.0,
        scope=EACH_COUNTY,
        **BY_2020,
    ),
    growth_at_most(
        "jiangsu.2020.referrals_up",
        Label("基层上转病人例数增幅每年不超过10%", "upward referrals grow at most 10% a year"),
        cite(GOALS, "基层医疗卫生机构上转病人例数增幅每年不超过10%"),
        "referrals_up",
        10.0,
        scope=EACH_COUNTY,
        note=EACH_YEAR_TO_2020,
        **EVERY_YEAR_TO_2020,
    ),
    growth_at_least(
        "jiangsu.2020.referrals_down",
        Label("二、三级医院下转病人例数增幅每年不低于20%", "downward referrals grow at least 20% a year"),
        cite(GOALS, "由二、三级医院向基层医疗卫生机构、接续性医疗机构下转病人例数增幅每年不低于20%"),
        "referrals_down",
        20.0,
        scope=EACH_COUNTY,
        note=EACH_YEAR_TO_2020,
        **EVERY_YEAR_TO_2020,
    ),
    fall_at_least(
        "jiangsu.2020.lead_first_visits",
        Label(
            "牵头医院首诊门诊量降幅每年不少于10%",
            "lead hospitals' first-visit volume falls at least 10% a year",
        ),
        cite(GOALS, LEADS_SENTENCE),
        "first_visits",
        10.0,
        scope=GROUP_AND_COMMUNITY_LEADS,
        note=EACH_YEAR_TO_2020,
        **EVERY_YEAR_TO_2020,
    ),
    fall_since(
        "jiangsu.2020.lead_alos",
        Label("牵头医院平均住院日较2018年下降不少于1天", "lead hospitals' ALOS at least 1 day below 2018"),
        cite(GOALS, LEADS_SENTENCE),
        "alos",
        1.0,
        2018,
        scope=GROUP_AND_COMMUNITY_LEADS,
        **BY_2020,
    ),
    # -- a trend the text gives without a number (issue 12) -----------------------------
    falling(
        "jiangsu.out_of_province_visits",
        Label(
            "逐步减少患者就诊跨省级行政区域流动",
            "fewer patients go to other provinces for care",
        ),
        cite("四（三）", "逐步减少患者就诊跨省级行政区域流动"),
        "jiangsu_out_of_province_visits",
        period=FROM_2019,
        scope=PROVINCE,
        note=Label(
            "“逐步减少”未给出数值，按逐年下降评估（与上一年比较）；流动按本省患者赴省外就诊人次计",
            "'reduce step by step' gives no number: assessed as falling year on year; "
            "the flow is counted as the province's patients' visits in other provinces",
        ),
    ),
    # -- every year ----------------------------------------------------------------------
    at_least(
        "jiangsu.annual_assessment",
        Label(
            "每年至少进行一次医联体综合考核", "a comprehensive performance assessment at least once a year"
        ),
        cite("五（四）", "我委将会同有关部门组织开展医联体综合绩效考核工作，每年至少进行一次综合考核"),
        "jiangsu_comprehensive_assessments",
        1.0,
        period=FROM_2019,
        # "我委": a duty of the provincial commission, assessed for the province only, never
        # per county or district below it (a Tongzhou assessment does not score it).
        scope=PROVINCE,
        note=Label(
            "由省卫生健康委组织，按全省统计", "held by the provincial commission: counted for the province"
        ),
    ),
)
