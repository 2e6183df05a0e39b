"""The assessment indicators (五（一）): reported without a threshold, never scored."""

from __future__ import annotations

import datetime as dt

import pytest
from medconsortium import InstitutionType
from medconsortium import Jurisdiction
from medconsortium import Network
from medconsortium import Registry
from medconsortium import Secondment
from medconsortium import Statistics
from medconsortium import TargetResult
from medconsortium import TargetStatus
from medconsortium import Title
from medconsortium import assess
from medconsortium.policy.targets import TargetKind
from medconsortium.testing import make_institution
from medconsortium.testing import make_statistics

YJS = make_institution("yjs", InstitutionType.GENERAL_HOSPITAL, division="340202")
WHX = make_institution("whx-h", InstitutionType.COUNTY_HOSPITAL, division="340221")
THC = make_institution("thc", InstitutionType.TOWNSHIP_HEALTH_CENTRE, division="340221")


def results(
    registry: Registry,
    wuhu: Jurisdiction,
    net: Network,
    stats: Statistics | None,
    target: str,
    year: int = 2020,
) -> dict[str | None, TargetResult]:
    report = assess(net, stats, registry, wuhu, year)
    return {t.subject: t for t in report.targets if t.target == target}


def test_every_wuhu_target_is_monitored_or_qualitative(wuhu_registry: Registry) -> None:
    """The text sets no number: no Wuhu target may carry an operator or a value."""
    own = [e.item for e in wuhu_registry.targets.values() if e.plugin == "wuhu"]
    assert len(own) == 6
    assert {t.kind for t in own} == {TargetKind.MONITORED, TargetKind.QUALITATIVE}
    assert all(t.operator is None and t.value is None for t in own)


STATS = make_statistics(
    {
        2019: {"primary_care_visits": 500, "total_visits": 1000, "referrals_up": 40, "referrals_down": 10},
        2020: {"primary_care_visits": 300, "total_visits": 1000, "referrals_up": 40},
    },
    "340221",
)


def test_primary_care_share_is_reported_not_scored(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    # The share fell from 50% to 30%: still only reported, the text gives no direction.
    found = results(wuhu_registry, wuhu, Network((WHX,)), STATS, "wuhu.monitor.primary_care_visit_share")
    assert found["340221"].status is TargetStatus.NOT_SCORED and found["340221"].measured == 30.0


def test_referral_ratio_is_downward_over_upward(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    found = results(wuhu_registry, wuhu, Network((WHX,)), STATS, "wuhu.monitor.referral_ratio", 2019)
    assert found["340221"].status is TargetStatus.NOT_SCORED and found["340221"].measured == 0.25


def test_missing_metric_is_not_assessable(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    found = results(wuhu_registry, wuhu, Network((WHX,)), STATS, "wuhu.monitor.referral_ratio")
    assert found["340221"].status is TargetStatus.NOT_ASSESSABLE


def test_without_statistics_nothing_is_assessable(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    found = results(wuhu_registry, wuhu, Network((WHX,)), None, "wuhu.monitor.primary_care_visit_share")
    assert [r.status for r in found.values()] == [TargetStatus.NOT_ASSESSABLE]


SECONDMENTS = (
    Secondment("s-1", Title.INTERMEDIATE, "yjs", "whx-h", dt.date(2020, 3, 1), dt.date(2020, 8, 31)),
    Secondment("s-2", Title.SENIOR, "whx-h", "thc", dt.date(2019, 1, 1)),
    Secondment("s-3", Title.SENIOR, "yjs", "thc", dt.date(2018, 1, 1), dt.date(2019, 12, 31)),
)


@pytest.mark.parametrize(
    ("target", "year", "expected"),
    [
        ("wuhu.monitor.tertiary_resources_down", 2020, 1.0),  # s-1 only: s-3 ended in 2019
        ("wuhu.monitor.tertiary_resources_down", 2019, 1.0),  # s-3
        ("wuhu.monitor.primary_care_support", 2020, 1.0),  # s-2
        ("wuhu.monitor.primary_care_support", 2019, 2.0),  # s-2 and s-3
    ],
)
def test_secondments_count_resources_sent_down(
    wuhu_registry: Registry, wuhu: Jurisdiction, target: str, year: int, expected: float
) -> None:
    net = Network((YJS, WHX, THC), secondments=SECONDMENTS)
    stats = make_statistics({year: {"total_visits": 1}}, "340221")
    found = results(wuhu_registry, wuhu, net, stats, target, year)
    assert found["340221"].status is TargetStatus.NOT_SCORED and found["340221"].measured == expected


def test_no_secondments_recorded_is_not_zero(wuhu_registry: Registry, wuhu: Jurisdiction) -> None:
    stats = make_statistics({2020: {"total_visits": 1}}, "340221")
    found = results(
        wuhu_registry, wuhu, Network((YJS, WHX, THC)), stats, "wuhu.monitor.tertiary_resources_down"
    )
    assert found["340221"].status is TargetStatus.NOT_ASSESSABLE


@pytest.mark.parametrize(("year", "due"), [(2020, True), (2021, False)])
def test_2020_goal_is_qualitative_and_bounded(
    wuhu_registry: Registry, wuhu: Jurisdiction, year: int, due: bool
) -> None:
    found = results(wuhu_registry, wuhu, Network((WHX,)), None, "wuhu.2020.tiered_care", year)
    if due:
        assert [r.status for r in found.values()] == [TargetStatus.NOT_SCORED]
    else:
        assert found == {}
