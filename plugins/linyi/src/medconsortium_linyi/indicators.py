"""Linyi's own metrics, indicators and governance facts.

The core's indicators are reused where the meaning is the same (``referrals_down``,
``primary_first_visit_rate``); the ones here exist because Linyi's wording differs:
coverage of *all* primary care institutions and of *all public* institutions (the core
counts public primary care and government-run institutions), the outpatient volume of the
city's tertiary hospitals, and the counties' consortium plans.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from medconsortium import Better
from medconsortium import Computed
from medconsortium import Fact
from medconsortium import Indicator
from medconsortium import Institution
from medconsortium import InstitutionLevel
from medconsortium import InstitutionType
from medconsortium import Label
from medconsortium import MeasureContext
from medconsortium import Metric
from medconsortium import MetricValue
from medconsortium import Scope
from medconsortium import Unit

# -- metrics ------------------------------------------------------------------------------
PLAN_METRIC = "linyi_county_plan_on_time"

METRICS = (
    Metric(
        PLAN_METRIC,
        Label(
            "2017年11月底前完成辖区医联体建设规划（1=是，0=否）",
            "consortium plan of the county/district completed by 2017-11-30 (1 = yes, 0 = no)",
        ),
        "flag",
    ),
)


# -- network measures ---------------------------------------------------------------------
def _share_in_consortium(
    ctx: MeasureContext, subject: str, year: int, wanted: Callable[[Institution], bool]
) -> float | None:
    """Share (%) of the area's wanted institutions that are in a consortium at the end of
    ``year``. None without a network or without any such institution: an empty area is
    unknown, never 100 %."""
    if ctx.network is None:
        return None
    day = dt.date(year, 12, 31)
    pool = [i for i in ctx.network.institutions_in(subject) if wanted(i)]
    if not pool:
        return None
    members = ctx.network.members_on(day)
    covered = sum(1 for i in pool if i.id in members)
    return 100.0 * covered / len(pool)


def primary_care_coverage(ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
    """全市基层医疗机构医联体全覆盖: every primary care institution, whoever runs it."""
    return _share_in_consortium(ctx, subject, year, lambda i: i.is_primary_care)


def public_institution_coverage(ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
    """所有公立医疗机构都要启动医联体建设工作, measured as membership of a consortium at
    year end. Public-health institutions (CDC ...) are not 医疗机构 and are left out."""
    return _share_in_consortium(ctx, subject, year, lambda i: i.is_public and not i.type.is_public_health)


#: County-level hospitals are not "城市三级医院" even at grade 3B (莒南、兰陵、平邑).
COUNTY_LEVEL_TYPES = frozenset({InstitutionType.COUNTY_HOSPITAL, InstitutionType.COUNTY_TCM_HOSPITAL})


def is_city_tertiary_hospital(inst: Institution) -> bool:
    """A tertiary hospital that is not a county-level hospital."""
    return (
        inst.level is InstitutionLevel.TERTIARY
        and not inst.is_primary_care
        and inst.type not in COUNTY_LEVEL_TYPES
    )


def city_tertiary_outpatient_visits(
    ctx: MeasureContext, scope: Scope, subject: str, year: int
) -> float | None:
    """Outpatient visits of the area's city tertiary hospitals: the sum of their
    institution records. Unknown when any of them did not report (a partial sum would
    look like a fall)."""
    if ctx.network is None or ctx.statistics is None:
        return None
    hospitals = sorted(
        (i for i in ctx.network.institutions_in(subject) if is_city_tertiary_hospital(i)), key=lambda i: i.id
    )
    if not hospitals:
        return None
    total = 0.0
    for inst in hospitals:
        value = ctx.statistics.value(Scope.INSTITUTION, inst.id, year, "outpatient_visits")
        if value is None:
            return None
        total += value
    return total


INDICATORS = (
    Indicator(
        "linyi_primary_care_coverage",
        Label("基层医疗机构医联体覆盖率", "coverage of primary care institutions (all ownerships)"),
        Unit.PERCENT,
        Computed(
            primary_care_coverage,
            Label("年末参加医联体的基层医疗机构数", "primary care institutions in a consortium at year end"),
            Label("区域内基层医疗机构数", "primary care institutions in the area"),
        ),
    ),
    Indicator(
        "linyi_public_institution_coverage",
        Label("公立医疗机构参加医联体比例", "share of public institutions in a consortium"),
        Unit.PERCENT,
        Computed(
            public_institution_coverage,
            Label("年末参加医联体的公立医疗机构数", "public institutions in a consortium at year end"),
            Label("区域内公立医疗机构数", "public institutions in the area"),
        ),
    ),
    Indicator(
        "linyi_city_tertiary_outpatient_visits",
        Label("城市三级医院门诊量", "outpatient volume of city tertiary hospitals"),
        Unit.COUNT,
        Computed(
            city_tertiary_outpatient_visits,
            Label(
                "区域内城市三级医院（不含县级医院）门诊人次之和",
                "outpatient visits summed over the area's tertiary hospitals, county hospitals excluded",
            ),
        ),
        better=Better.LOWER,
    ),
    Indicator(
        "linyi_county_plan_on_time",
        Label("按期完成辖区医联体建设规划", "consortium plan completed on time"),
        Unit.COUNT,
        MetricValue(PLAN_METRIC),
    ),
)


# -- governance facts ---------------------------------------------------------------------
FACTS = (
    Fact(
        "linyi_affiliation_unchanged",
        Label("原隶属关系保持不变", "members' original affiliation unchanged"),
    ),
    Fact(
        "linyi_funding_unchanged",
        Label("原投入渠道保持不变", "members' original funding channels unchanged"),
    ),
    Fact(
        "linyi_staff_seconded",
        Label(
            "二级以上医疗机构向基层派出专业技术和管理人才",
            "secondary and higher institutions second professional and management staff to primary care",
        ),
        description=Label(
            "网络文件未列出派驻记录时使用", "used when the network file lists no secondment records"
        ),
    ),
)
