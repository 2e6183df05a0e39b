"""Metrics, indicators and governance facts the plan needs beyond the core's catalog.

The core (national.py) already provides the visit, referral, first-visit and length-of-stay
measures, the coverage of government-run institutions, and the common governance facts
and departments; they are reused, not redefined.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from medconsortium import Better
from medconsortium import Computed
from medconsortium import ConsortiumKind
from medconsortium import Fact
from medconsortium import Indicator
from medconsortium import InstitutionType
from medconsortium import Label
from medconsortium import MeasureContext
from medconsortium import Metric
from medconsortium import MetricValue
from medconsortium import Ownership
from medconsortium import Scope
from medconsortium import Unit

from .document import JIANGSU
from .grid import grid_coverage
from .reference import ALLIANCE_LEADS

if TYPE_CHECKING:
    # Only in annotations: the network model is not imported when the plugin loads.
    from medconsortium import Network

METRICS = (
    Metric(
        "jiangsu_comprehensive_assessments",
        Label("医联体综合考核次数", "comprehensive performance assessments of consortia held"),
    ),
    # 四（三） 逐步减少患者就诊跨省级行政区域流动: the province's patients seen in another province.
    Metric(
        "jiangsu_out_of_province_visits",
        Label("本省患者跨省级行政区域就诊人次", "visits of the province's patients in other provinces"),
    ),
)

#: 城乡政府举办的社区卫生服务机构、乡镇卫生院、村卫生室
GOVERNMENT_PRIMARY_TYPES = frozenset(
    {
        InstitutionType.COMMUNITY_HEALTH_CENTRE,
        InstitutionType.COMMUNITY_HEALTH_STATION,
        InstitutionType.TOWNSHIP_HEALTH_CENTRE,
        InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE,
        InstitutionType.VILLAGE_CLINIC,
    }
)

#: 以乡镇卫生院、社区卫生服务中心为单位
TELEMEDICINE_UNITS = frozenset(
    {
        InstitutionType.TOWNSHIP_HEALTH_CENTRE,
        InstitutionType.CENTRAL_TOWNSHIP_HEALTH_CENTRE,
        InstitutionType.COMMUNITY_HEALTH_CENTRE,
    }
)


def _share_in(
    network: Network,
    area: str,
    day: dt.date,
    types: frozenset[InstitutionType],
    kinds: tuple[ConsortiumKind, ...] | None,
    ownership: Ownership | None,
) -> float | None:
    """Share (%) of the area's institutions of ``types`` (and ``ownership``) that belong,
    on ``day``, to a consortium (of ``kinds``). None without such institutions."""
    pool = [
        i
        for i in network.institutions_in(area)
        if i.type in types and (ownership is None or i.ownership is ownership)
    ]
    if not pool:
        return None
    members = network.members_on(day, kinds)
    covered = sum(1 for i in pool if i.id in members)
    return 100.0 * covered / len(pool)


def _government_primary_coverage(ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
    if ctx.network is None:
        return None
    return _share_in(ctx.network, subject, ctx.on(year), GOVERNMENT_PRIMARY_TYPES, None, Ownership.GOVERNMENT)


def _telemedicine_coverage(ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
    if ctx.network is None:
        return None
    return _share_in(
        ctx.network, subject, ctx.on(year), TELEMEDICINE_UNITS, (ConsortiumKind.TELEMEDICINE_NETWORK,), None
    )


def _grid_coverage(ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
    if ctx.network is None:
        return None
    return grid_coverage(ctx.network, subject, ctx.on(year))


def provincial_alliances_built(network: Network, day: dt.date) -> int:
    """How many of the alliances of 附件2 the network holds (by name), active on ``day``."""
    names = {
        c.name
        for c in network.consortia_in(JIANGSU, (ConsortiumKind.SPECIALTY_ALLIANCE,))
        if c.active_on(day) and c.name in ALLIANCE_LEADS
    }
    return len(names)


def _provincial_alliances(ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
    # The provincial alliances are the province's: below it (a city, a county) there is no
    # meaningful count, so the value is unknown rather than zero.
    if ctx.network is None or subject != JIANGSU:
        return None
    return float(provincial_alliances_built(ctx.network, ctx.on(year)))


INDICATORS = (
    Indicator(
        "jiangsu_grid_coverage",
        Label("网格化布局完成率", "townships/streets in exactly one tight consortium's grid"),
        Unit.PERCENT,
        Computed(
            _grid_coverage,
            Label("年末恰由一个紧密型医联体负责的乡镇（街道）数", "townships/streets with exactly one grid"),
            Label("区域内乡镇（街道）数", "townships/streets in the area"),
        ),
    ),
    Indicator(
        "jiangsu_government_primary_coverage",
        Label(
            "政府办社区卫生服务机构、乡镇卫生院、村卫生室加入医联体比例",
            "government-run community, township and village institutions in a consortium",
        ),
        Unit.PERCENT,
        Computed(
            _government_primary_coverage,
            Label("年末加入医联体的上述机构数", "such institutions in a consortium at year end"),
            Label("区域内政府办社区卫生服务机构、乡镇卫生院、村卫生室数", "such institutions in the area"),
        ),
    ),
    Indicator(
        "jiangsu_telemedicine_coverage",
        Label(
            "远程医疗协作网覆盖乡镇卫生院、社区卫生服务中心比例",
            "township and community health centres in a telemedicine network",
        ),
        Unit.PERCENT,
        Computed(
            _telemedicine_coverage,
            Label("年末加入远程医疗协作网的乡镇卫生院、社区卫生服务中心数", "such centres in a network"),
            Label("区域内乡镇卫生院、社区卫生服务中心数", "township and community health centres"),
        ),
    ),
    Indicator(
        "jiangsu_provincial_alliances",
        Label("已建成的省级专科专病联盟数", "provincial specialty alliances built (附件2)"),
        Unit.COUNT,
        Computed(
            _provincial_alliances,
            Label("年末网络中附件2所列的省级专科联盟数", "alliances of 附件2 in the network at year end"),
        ),
    ),
    Indicator(
        "jiangsu_comprehensive_assessments",
        Label("医联体综合考核次数", "comprehensive performance assessments held"),
        Unit.COUNT,
        MetricValue("jiangsu_comprehensive_assessments"),
    ),
    Indicator(
        "jiangsu_out_of_province_visits",
        Label(
            "患者就诊跨省级行政区域流动（人次）",
            "visits of patients going to other provinces",
        ),
        Unit.COUNT,
        MetricValue("jiangsu_out_of_province_visits"),
        better=Better.LOWER,
    ),
)

FACTS = (
    Fact(
        "jiangsu_council_president_system",
        Label(
            "党委领导下的理事会决策和院长负责制",
            "council decisions under the party committee, president responsible",
        ),
    ),
    Fact(
        "jiangsu_unified_infrastructure",
        Label("基础设施建设统一管理", "unified management of infrastructure"),
    ),
    Fact("jiangsu_unified_finance", Label("财务统一管理", "unified financial management")),
    Fact(
        "jiangsu_unified_procurement",
        Label("药品耗材采购统一管理", "unified procurement of drugs and consumables"),
    ),
    Fact("jiangsu_unified_equipment", Label("设备配置统一管理", "unified equipment allocation")),
    Fact("jiangsu_council_regular_meetings", Label("理事会定期召开例会", "the council meets regularly")),
    Fact(
        "jiangsu_members_status_unchanged",
        Label(
            "成员单位隶属关系、资产归属、法人地位、功能定位和财政投入渠道不变",
            "members keep their affiliation, assets, legal status, functions and funding channels",
        ),
    ),
    Fact("jiangsu_remote_consultation_centre", Label("远程会诊中心", "remote consultation centre")),
    Fact("jiangsu_remote_imaging_centre", Label("远程影像诊断中心", "remote imaging diagnosis centre")),
    Fact("jiangsu_remote_pathology_centre", Label("远程病理诊断中心", "remote pathology diagnosis centre")),
    Fact("jiangsu_remote_ecg_centre", Label("远程心电诊断中心", "remote ECG diagnosis centre")),
    Fact("jiangsu_remote_training_centre", Label("远程培训中心", "remote training centre")),
    Fact(
        "jiangsu_city_commission_consent",
        Label("所在设区市卫生健康委同意", "consent of the city health commission"),
    ),
    Fact(
        "jiangsu_provincial_commission_consent",
        Label("省卫生健康委同意", "consent of the provincial health commission"),
    ),
)
