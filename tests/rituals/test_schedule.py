"""Occurrences as tables: computed from the rhythm in the ritual's time zone, through
daylight-saving changes, for a couple in Auckland and one in Los Angeles."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from rituals.schedule import Rhythm, Schedule, days_mask, longest_run

LA = ZoneInfo("America/Los_Angeles")
AKL = ZoneInfo("Pacific/Auckland")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


CASES = [
    # Los Angeles: clocks go back on Sunday 1 November 2026; 19:00 stays 19:00.
    pytest.param(
        Schedule(Rhythm.WEEKLY, days_mask([THU]), date(2026, 10, 22), time(19), LA),
        date(2026, 10, 22),
        date(2026, 11, 12),
        [
            utc(2026, 10, 23, 2),
            utc(2026, 10, 30, 2),
            utc(2026, 11, 6, 3),
            utc(2026, 11, 13, 3),
        ],
        id="la-weekly-autumn",
    ),
    # Los Angeles: clocks go forward on Sunday 8 March 2026; 02:30 does not exist
    # that day and moves on by the gap, to 03:30.
    pytest.param(
        Schedule(Rhythm.DAILY, days_mask(range(7)), date(2026, 3, 7), time(2, 30), LA),
        date(2026, 3, 7),
        date(2026, 3, 9),
        [utc(2026, 3, 7, 10, 30), utc(2026, 3, 8, 10, 30), utc(2026, 3, 9, 9, 30)],
        id="la-daily-spring-gap",
    ),
    # Los Angeles: some weekdays with no time: the start of each day.
    pytest.param(
        Schedule(Rhythm.WEEKDAYS, days_mask([SAT, SUN]), date(2026, 3, 1), None, LA),
        date(2026, 3, 1),
        date(2026, 3, 10),
        [utc(2026, 3, 1, 8), utc(2026, 3, 7, 8), utc(2026, 3, 8, 8)],
        id="la-weekend-days-no-time",
    ),
    # Auckland: clocks go back on Sunday 5 April 2026; every other Sunday at 10:00.
    pytest.param(
        Schedule(Rhythm.FORTNIGHTLY, days_mask([SUN]), date(2026, 3, 29), time(10), AKL),
        date(2026, 3, 29),
        date(2026, 4, 30),
        [utc(2026, 3, 28, 21), utc(2026, 4, 11, 22), utc(2026, 4, 25, 22)],
        id="akl-fortnightly-autumn",
    ),
    # Auckland: clocks go forward on Sunday 27 September 2026; Mon, Wed, Fri at 07:00.
    pytest.param(
        Schedule(Rhythm.WEEKDAYS, days_mask([MON, WED, FRI]), date(2026, 9, 23), time(7), AKL),
        date(2026, 9, 23),
        date(2026, 10, 2),
        [
            utc(2026, 9, 22, 19),
            utc(2026, 9, 24, 19),
            utc(2026, 9, 27, 18),
            utc(2026, 9, 29, 18),
            utc(2026, 10, 1, 18),
        ],
        id="akl-weekdays-spring",
    ),
    # Auckland: 02:30 happens twice on 5 April 2026; the first one counts.
    pytest.param(
        Schedule(Rhythm.DAILY, days_mask(range(7)), date(2026, 4, 4), time(2, 30), AKL),
        date(2026, 4, 4),
        date(2026, 4, 6),
        [utc(2026, 4, 3, 13, 30), utc(2026, 4, 4, 13, 30), utc(2026, 4, 5, 14, 30)],
        id="akl-daily-repeated-hour",
    ),
    # Fortnightly from a Wednesday on Mondays: the first Monday after, then every other.
    pytest.param(
        Schedule(Rhythm.FORTNIGHTLY, days_mask([MON]), date(2026, 1, 7), time(20), AKL),
        date(2026, 1, 1),
        date(2026, 2, 10),
        [utc(2026, 1, 12, 7), utc(2026, 1, 26, 7), utc(2026, 2, 9, 7)],
        id="akl-fortnightly-from-midweek",
    ),
]


@pytest.mark.parametrize(("schedule", "first", "last", "moments"), CASES)
def test_occurrences(schedule, first, last, moments):
    days = schedule.between(first, last)
    assert [schedule.moment(day).astimezone(UTC) for day in days] == moments
    assert all(schedule.moment(day).astimezone(schedule.zone).date() == day for day in days)


def test_a_time_stays_the_same_on_the_local_clock():
    schedule = Schedule(Rhythm.WEEKLY, days_mask([THU]), date(2026, 10, 22), time(19), LA)
    for day in schedule.between(date(2026, 10, 22), date(2026, 12, 31)):
        assert schedule.moment(day).astimezone(LA).time() == time(19)


def test_nothing_before_the_first_day():
    schedule = Schedule(Rhythm.DAILY, days_mask(range(7)), date(2026, 5, 10), None, AKL)
    assert schedule.between(date(2026, 5, 1), date(2026, 5, 11)) == [
        date(2026, 5, 10),
        date(2026, 5, 11),
    ]
    assert not schedule.falls_on(date(2026, 5, 9))


@pytest.mark.parametrize(
    ("now", "begun"),
    [
        (utc(2026, 10, 23, 1, 59), False),  # 18:59 in Los Angeles
        (utc(2026, 10, 23, 2), True),  # 19:00
    ],
)
def test_an_occurrence_begins_at_its_time(now, begun):
    schedule = Schedule(Rhythm.WEEKLY, days_mask([THU]), date(2026, 10, 22), time(19), LA)
    assert schedule.has_begun(date(2026, 10, 22), now) is begun


def test_recent_and_next():
    schedule = Schedule(Rhythm.WEEKLY, days_mask([THU]), date(2026, 10, 1), time(19), LA)
    now = utc(2026, 10, 30, 12)  # Friday morning in Los Angeles
    assert schedule.recent(now, 3) == [date(2026, 10, 29), date(2026, 10, 22), date(2026, 10, 15)]
    assert schedule.next_after(now) == date(2026, 11, 5)


@pytest.mark.parametrize(
    ("rhythm", "days"),
    [(Rhythm.WEEKDAYS, 0), (Rhythm.WEEKLY, days_mask([MON, TUE])), (Rhythm.FORTNIGHTLY, 0)],
)
def test_a_rhythm_needs_its_days(rhythm, days):
    with pytest.raises(ValueError):
        Schedule(rhythm, days, date(2026, 1, 1), None, AKL)


def test_a_year_of_a_daily_ritual_is_computed_not_stored():
    schedule = Schedule(Rhythm.DAILY, days_mask(range(7)), date(2026, 1, 1), time(8), AKL)
    days = schedule.between(date(2026, 1, 1), date(2026, 12, 31))
    assert len(days) == 365
    assert days[-1] - days[0] == timedelta(days=364)


@pytest.mark.parametrize(
    ("kept", "run"),
    [([], 0), ([False, False], 0), ([True, True, False, True], 2), ([True] * 5, 5)],
)
def test_longest_run(kept, run):
    assert longest_run(kept) == run
