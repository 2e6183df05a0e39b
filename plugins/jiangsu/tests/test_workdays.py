"""Working days come from China's official calendar, with make-up working days (调休)."""

from __future__ import annotations

import datetime as dt

import pytest
from medconsortium_jiangsu.workdays import is_working_day
from medconsortium_jiangsu.workdays import supported_years
from medconsortium_jiangsu.workdays import working_days_after

D = dt.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # Spring Festival 2019: Sat 2 and Sun 3 Feb were make-up working days, 4-10 Feb the holiday.
        (D(2019, 2, 2), True),
        (D(2019, 2, 3), True),
        (D(2019, 2, 5), False),
        # National Day 2020 with Mid-Autumn, 1-8 Oct; Sat 10 Oct was a make-up working day.
        (D(2020, 10, 10), True),
    ],
)
def test_make_up_working_days_and_holidays(day: dt.date, working: bool) -> None:
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Thu 31 Jan 2019, across the Spring Festival and its make-up weekend.
        (D(2019, 1, 31), 5, D(2019, 2, 12)),
        # National Day 2019: Sun 29 Sep and Sat 12 Oct were make-up working days; 1-7 Oct the holiday.
        (D(2019, 9, 27), 5, D(2019, 10, 10)),
        (D(2019, 10, 8), 5, D(2019, 10, 14)),
        # National Day 2020 with Mid-Autumn.
        (D(2020, 9, 30), 5, D(2020, 10, 14)),
        # An ordinary week.
        (D(2019, 3, 15), 5, D(2019, 3, 22)),
        (D(2019, 3, 15), 0, D(2019, 3, 15)),
    ],
)
def test_working_days_after_counts_the_official_calendar(start: dt.date, days: int, due: dt.date) -> None:
    assert working_days_after(start, days) == due


def test_outside_the_calendar_there_is_no_answer() -> None:
    first, last = supported_years()
    assert is_working_day(D(first - 1, 6, 3)) is None
    assert working_days_after(D(first - 1, 6, 3), 5) is None
    # The start is covered but the deadline runs past the last year the calendar knows.
    assert working_days_after(D(last, 12, 30), 5) is None


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        working_days_after(D(2019, 3, 15), -1)
