"""What each metric counts, on a few hand-made rows: memberships on the event's day,
discharges in their own year, visits outside the network counted for residents only."""

from __future__ import annotations

from pathlib import Path

from medconsortium import Registry, Scope, Statistics
from medconsortium.events.run import statistics_from_files

from .helpers import TONGZHOU_NETWORK, visit, write_visits


def _stats(tmp_path: Path, registry: Registry, rows: list[list[str]], since: int = 2024) -> Statistics:
    path = write_visits(tmp_path / "visits.csv", rows)
    return statistics_from_files([str(path)], TONGZHOU_NETWORK, "tongzhou", 2025, registry, since=since)


def test_counts_by_kind_level_and_first_visit(tmp_path: Path, registry: Registry) -> None:
    rows = [
        visit(1, "tz-rm-04", "2025-03-01", first="true"),  # primary care, first visit
        visit(2, "tz-rm-04", "2025-03-02"),
        visit(3, "tz-rmyy", "2025-03-03", kind="emergency"),
        visit(4, "tz-rmyy", "2025-03-04", first="true"),
        visit(5, "tz-rmyy", "2025-05-01", kind="inpatient", discharge="2025-05-08"),
        visit(6, "tz-rm-04", "2025-06-01", kind="inpatient", discharge="2025-06-01"),  # same day: 1 day
    ]
    s = _stats(tmp_path, registry, rows, since=2025)
    v = dict(s.records[[r.id for r in s.records].index("320612")].values)
    assert v["total_visits"] == 4 and v["outpatient_visits"] == 3
    assert v["primary_care_visits"] == 2 and v["primary_care_outpatient_emergency_visits"] == 2
    assert v["first_visits"] == 2 and v["primary_care_first_visits"] == 1
    assert v["admissions"] == 2 and v["primary_care_admissions"] == 1
    assert v["discharges"] == 2 and v["bed_days"] == 7 + 1
    assert s.value(Scope.INSTITUTION, "tz-rmyy", 2025, "total_visits") == 2
    assert s.value(Scope.CONSORTIUM, "tz-ccm-rmyy", 2025, "total_visits") == 4
    assert s.value(Scope.AREA, "320600", 2025, "total_visits") == 4  # the city above
    # Institutions seen get zeros, unseen ones no record (not missing → zero by guess).
    assert s.value(Scope.INSTITUTION, "tz-rm-04", 2025, "referrals_up") is None
    assert s.value(Scope.INSTITUTION, "tz-zyy", 2025, "total_visits") is None


def test_membership_on_the_visits_day(tmp_path: Path, registry: Registry) -> None:
    # tz-moved-vc left the 区中医院 community and joined 平潮's on 2024-07-01.
    rows = [visit(1, "tz-moved-vc", "2024-06-30"), visit(2, "tz-moved-vc", "2024-07-01")]
    s = _stats(tmp_path, registry, rows)
    assert s.value(Scope.CONSORTIUM, "tz-ccm-zyy", 2024, "total_visits") == 1
    assert s.value(Scope.CONSORTIUM, "tz-ccm-pingchao", 2024, "total_visits") == 1
    assert s.value(Scope.INSTITUTION, "tz-moved-vc", 2024, "total_visits") == 2
    assert s.value(Scope.CONSORTIUM, "tz-ccm-pingchao", 2025, "total_visits") == 0  # seen, zero-filled


def test_discharge_counts_in_its_own_year(tmp_path: Path, registry: Registry) -> None:
    rows = [
        # Admitted before the years (allowed for a stay), discharged in the first one.
        visit(1, "tz-rmyy", "2023-12-28", kind="inpatient", discharge="2024-01-03"),
        visit(2, "tz-rmyy", "2024-12-30", kind="inpatient", discharge="2025-01-02"),
        visit(3, "tz-rmyy", "2025-12-30", kind="inpatient"),  # still in hospital
    ]
    s = _stats(tmp_path, registry, rows)
    assert s.value(Scope.INSTITUTION, "tz-rmyy", 2024, "admissions") == 1
    assert s.value(Scope.INSTITUTION, "tz-rmyy", 2024, "discharges") == 1
    assert s.value(Scope.INSTITUTION, "tz-rmyy", 2024, "bed_days") == 6
    assert s.value(Scope.INSTITUTION, "tz-rmyy", 2025, "admissions") == 1
    assert s.value(Scope.INSTITUTION, "tz-rmyy", 2025, "discharges") == 1
    assert s.value(Scope.INSTITUTION, "tz-rmyy", 2025, "bed_days") == 3


def test_residents_visits_in_and_out_of_their_county(tmp_path: Path, registry: Registry) -> None:
    rows = [
        visit(1, "tz-rm-04", "2025-01-05"),
        visit(2, "syn-out-1", "2025-01-06", outside="320602"),  # outside the network
        visit(3, "tz-rmyy", "2025-01-07", kind="inpatient", discharge="2025-01-09"),
        visit(4, "tz-rmyy", "2025-01-08", residence="320684"),  # a visitor from 海门
    ]
    s = _stats(tmp_path, registry, rows, since=2025)
    get = lambda area, m: s.value(Scope.AREA, area, 2025, m)  # noqa: E731
    assert get("320612", "residents_visits_total") == 3
    assert get("320612", "residents_visits_in_county") == 2
    assert get("320612", "residents_outpatient_total") == 2
    assert get("320612", "residents_outpatient_in_county") == 1
    assert get("320612", "residents_admissions_in_county") == 1
    assert get("320684", "residents_visits_total") == 1
    assert get("320684", "residents_visits_in_county") == 0
    # The outside visit counts for the residents, never for an institution of the network.
    assert get("320612", "total_visits") == 2
    assert get("320602", "total_visits") is None
    assert get("320600", "residents_visits_total") == 4  # the city: both counties' residents
    assert get("320600", "residents_visits_in_county") == 2
