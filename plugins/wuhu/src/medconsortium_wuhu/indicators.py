"""Indicators of the Wuhu performance assessment (五（一）) that core does not define.

The text names them without thresholds; the targets report them as monitored values.
"""

from __future__ import annotations

import datetime as dt

from medconsortium import Computed
from medconsortium import Indicator
from medconsortium import InstitutionLevel
from medconsortium import Label
from medconsortium import MeasureContext
from medconsortium import Ratio
from medconsortium import Scope
from medconsortium import Secondment
from medconsortium import Unit

TERTIARY_SECONDMENTS = "wuhu_tertiary_secondments"
PRIMARY_CARE_SECONDMENTS = "wuhu_primary_care_secondments"
REFERRAL_RATIO = "wuhu_referral_ratio"


def _active_in(sec: Secondment, year: int) -> bool:
    return sec.start <= dt.date(year, 12, 31) and (sec.end is None or sec.end >= dt.date(year, 1, 1))


def _secondments_into(ctx: MeasureContext, subject: str, year: int, *, tertiary_only: bool) -> float | None:
    """Secondments active in ``year`` into institutions of the area ``subject``.

    ``tertiary_only``: only those from tertiary hospitals, to less senior institutions
    (资源下沉); otherwise every secondment into a primary care institution (帮扶基层).
    None when the network records no secondments at all: absence of records is not zero.
    """
    net = ctx.network
    if net is None or not net.secondments:
        return None
    area = {i.id for i in net.institutions_in(subject)}
    count = 0
    for sec in net.secondments:
        if sec.to_institution not in area or not _active_in(sec, year):
            continue
        source = net.institution(sec.from_institution)
        target = net.institution(sec.to_institution)
        if tertiary_only:
            if source.level is InstitutionLevel.TERTIARY and target.seniority < source.seniority:
                count += 1
        elif target.is_primary_care:
            count += 1
    return float(count)


def _tertiary_secondments(ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
    return _secondments_into(ctx, subject, year, tertiary_only=True)


def _primary_care_secondments(ctx: MeasureContext, scope: Scope, subject: str, year: int) -> float | None:
    return _secondments_into(ctx, subject, year, tertiary_only=False)


INDICATORS = (
    Indicator(
        TERTIARY_SECONDMENTS,
        Label("三级医院下沉人员人次", "staff sent down by tertiary hospitals"),
        Unit.COUNT,
        Computed(
            _tertiary_secondments,
            Label(
                "年内在岗的、由三级医院派驻区域内下级机构的人员人次",
                "secondments from tertiary hospitals to less senior institutions of the area, "
                "active in the year",
            ),
        ),
        description=Label(
            "“三级医院医疗资源下沉”以网络中记录的派驻人员计量",
            "'resources sent down by tertiary hospitals', measured by the secondments the network records",
        ),
    ),
    Indicator(
        PRIMARY_CARE_SECONDMENTS,
        Label("派驻基层医疗卫生机构帮扶人次", "staff seconded to support primary care"),
        Unit.COUNT,
        Computed(
            _primary_care_secondments,
            Label(
                "年内在岗的、派驻区域内基层医疗卫生机构的人员人次",
                "secondments to primary care institutions of the area, active in the year",
            ),
        ),
        description=Label(
            "“对基层医疗卫生机构帮扶”以网络中记录的派驻人员计量",
            "'support to primary care', measured by the secondments the network records",
        ),
    ),
    Indicator(
        REFERRAL_RATIO,
        Label("双向转诊比例（下转:上转）", "two-way referral ratio (downward : upward)"),
        Unit.RATIO,
        Ratio("referrals_down", "referrals_up", scale=1.0),
        better=None,
        description=Label(
            "文件未定义“双向转诊比例”，此处取下转例数与上转例数之比",
            "the text does not define the ratio; here it is downward over upward referrals",
        ),
    ),
)
