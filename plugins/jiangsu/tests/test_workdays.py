"""Working days come from China's official calendar, with make-up working days (调休)."""

from __future__ import annotations

import datetime as dt

import pytest
from medconsortium_jiangsu.workdays import is_working_day
from medconsortium_jiangsu.workdays import supported_years
from medconsortium_jiangsu.workdays import working_days_after

D = dt.date


def test_spring_festival_2019_counts_the_make_up_weekend() -> None:
    # Thu 31 Jan 2019. Sat 2 and Sun 3 Feb were make-up working days, 4-10 Feb the holiday.
    assert is_working_day(D(2019, 2, 2)) is True
    assert is_working_day(D(2019, 2, 3)) is True
    assert is_working_day(D(2019, 2, 5)) is False
    assert working_days_after(D(2019, 1, 31), 5) == D(2019, 2, 12)


def test_national_day_2019_counts_the_make_up_days() -> None:
    # Sun 29 Sep and Sat 12 Oct 2019 were make-up working days; 1-7 Oct the holiday.
    assert working_days_after(D(2019, 9, 27), 5) == D(2019, 10, 10)
    assert working_days_after(D(2019, 10, 8), 5) == D(2019, 10, 14)


def test_national_day_2020_with_mid_autumn() -> None:
    # 1-8 Oct 2020; Sat 10 Oct was a make-up working day.
    assert is_working_day(D(2020, 10, 10)) is True
    assert working_days_after(D(2020, 9, 30), 5) == D(2020, 10, 14)


def test_an_ordinary_week() -> None:
    assert working_days_after(D(2019, 3, 15), 5) == D(2019, 3, 22)
    assert working_days_after(D(2019, 3, 15), 0) == D(2019, 3, 15)


def test_outside_the_calendar_there_is_no_answer() -> None:
    first, last = supported_years()
    assert is_working_day(D(first - 1, 6, 3)) is None
    assert working_days_after(D(first - 1, 6, 3), 5) is None
    # The start is covered but the deadline runs past the last year the calendar knows.
    assert working_days_after(D(last, 12, 30), 5) is None


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        working_days_after(D(2019, 3, 15), -1)
