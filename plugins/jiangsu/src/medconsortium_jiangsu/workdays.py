"""Working days (工作日) on China's official calendar, from the ``chinesecalendar`` library.

The library carries each year's public holidays and the make-up working days (调休) that
the State Council announces; it covers a fixed range of years. A date outside that range
has no answer here (``None``), never a guess from weekdays.
"""

from __future__ import annotations

import datetime as dt
import functools

# chinese_calendar is imported where a day is asked, not with the plugin: listing or
# loading the policy asks none.


@functools.cache  # the installed calendar does not change while running
def supported_years() -> tuple[int, int]:
    """The first and last year the installed calendar covers."""
    import chinese_calendar

    years = sorted({day.year for day in chinese_calendar.holidays})
    return years[0], years[-1]


def is_working_day(day: dt.date) -> bool | None:
    """Whether ``day`` is a working day (make-up days included); None outside the calendar."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


# A deadline per filing and a filing per consortium, the same dates asked by every pass:
# answers kept (a few bytes each, bounded).
@functools.lru_cache(maxsize=1 << 14)
def working_days_after(start: dt.date, count: int) -> dt.date | None:
    """The ``count``-th working day after ``start`` (``start`` itself not counted).

    "组建完成后5个工作日内" is therefore due on ``working_days_after(formed, 5)``. None when
    the calendar does not cover ``start`` or a day up to the result.

    >>> working_days_after(dt.date(2019, 1, 31), 5)  # across the 2019 Spring Festival
    datetime.date(2019, 2, 12)
    >>> working_days_after(dt.date(1999, 1, 4), 5) is None
    True
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if is_working_day(start) is None:
        return None
    day = start
    found = 0
    while found < count:
        day += dt.timedelta(days=1)
        working = is_working_day(day)
        if working is None:
            return None
        if working:
            found += 1
    return day
