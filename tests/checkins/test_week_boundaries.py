"""Weeks run Monday 00:00 to Sunday 24:00 in the couple's time zone, not the server's."""

from datetime import UTC, date, datetime
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse

from checkins import weeks
from checkins.models import Answer, CheckIn, WeekState
from checkins.weeks import week_closes_at, week_start_for

from ..conftest import client_for
from .conftest import answer_data, week_url

SUNDAY_WEEK = date(2026, 3, 2)  # Monday 2 March to Sunday 8 March 2026
NEXT_WEEK = date(2026, 3, 9)


@pytest.mark.parametrize(
    ("zone", "moment", "expected"),
    [
        # Berlin is UTC+1 in March: 23:30 on Sunday there is 22:30 UTC.
        ("Europe/Berlin", datetime(2026, 3, 8, 22, 30, tzinfo=UTC), SUNDAY_WEEK),
        # 00:30 on Monday in Berlin, while it is still Sunday 23:30 in UTC.
        ("Europe/Berlin", datetime(2026, 3, 8, 23, 30, tzinfo=UTC), NEXT_WEEK),
        # Los Angeles moved to UTC-7 that very Sunday: 23:30 there is Monday 06:30 UTC.
        ("America/Los_Angeles", datetime(2026, 3, 9, 6, 30, tzinfo=UTC), SUNDAY_WEEK),
        ("America/Los_Angeles", datetime(2026, 3, 9, 7, 0, tzinfo=UTC), NEXT_WEEK),
        # Auckland is UTC+13: Monday 00:00 there is Sunday 11:00 UTC.
        ("Pacific/Auckland", datetime(2026, 3, 8, 10, 59, tzinfo=UTC), SUNDAY_WEEK),
        ("Pacific/Auckland", datetime(2026, 3, 8, 11, 0, tzinfo=UTC), NEXT_WEEK),
    ],
)
def test_opening_the_check_in_around_sunday_midnight_uses_the_couples_zone(
    hurt, couple, zone, moment, expected
):
    couple.timezone = zone
    couple.save(update_fields=["timezone"])

    with time_machine.travel(moment, tick=False):
        response = client_for(hurt).get(reverse("checkins:this_week"))

    assert response.status_code == HTTPStatus.OK
    assert CheckIn.objects.get().week_start == expected


def test_the_week_starts_at_local_midnight_across_a_clock_change():
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    # Clocks go forward on Sunday 29 March 2026; the week still ends at local midnight.
    assert week_start_for(datetime(2026, 3, 29, 22, 59, tzinfo=UTC), london) == date(2026, 3, 23)
    assert week_start_for(datetime(2026, 3, 29, 23, 0, tzinfo=UTC), london) == date(2026, 3, 30)


@pytest.mark.parametrize(
    ("moment", "accepted"),
    [
        # The week of 2 March closes at the end of the following Sunday, 15 March, Berlin time.
        (datetime(2026, 3, 15, 22, 59, tzinfo=UTC), True),  # 23:59 Sunday in Berlin
        (datetime(2026, 3, 15, 23, 0, tzinfo=UTC), False),  # 00:00 Monday in Berlin
    ],
)
def test_late_answers_are_taken_until_the_end_of_the_following_week(hurt, couple, moment, accepted):
    couple.timezone = "Europe/Berlin"
    couple.save(update_fields=["timezone"])
    with time_machine.travel(datetime(2026, 3, 4, 12, tzinfo=UTC), tick=False):
        client_for(hurt).get(reverse("checkins:this_week"))

    with time_machine.travel(moment, tick=False):
        response = client_for(hurt).post(
            week_url("save_answer", SUNDAY_WEEK), answer_data() | {"action": "submit"}
        )

    if accepted:
        assert response.status_code == HTTPStatus.FOUND
        assert Answer.objects.submitted().count() == 1
    else:
        assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
        assert "check-in has closed" in response.content.decode()
        assert not Answer.objects.exists()


def test_last_weeks_check_in_is_offered_while_it_is_still_open(hurt, couple):
    couple.timezone = "Europe/Berlin"
    couple.save(update_fields=["timezone"])

    with time_machine.travel(datetime(2026, 3, 10, 9, tzinfo=UTC), tick=False):
        page = client_for(hurt).get(reverse("checkins:this_week")).content.decode()
        late = client_for(hurt).get(week_url("week", SUNDAY_WEEK)).content.decode()

    assert week_url("week", SUNDAY_WEEK) in page
    assert "Answer last week" in page
    assert "you can still share your answers until the end of Sunday 15 March" in late


def test_a_week_becomes_missed_only_when_it_closes_in_the_couples_zone(couple):
    couple.timezone = "Asia/Tokyo"  # UTC+9
    checkin = CheckIn.objects.create(couple=couple, week_start=SUNDAY_WEEK)

    assert week_closes_at(SUNDAY_WEEK, couple.zone) == datetime(2026, 3, 15, 15, 0, tzinfo=UTC)
    assert checkin.state(datetime(2026, 3, 15, 14, 59, tzinfo=UTC)) == WeekState.OPEN
    assert checkin.state(datetime(2026, 3, 15, 15, 0, tzinfo=UTC)) == WeekState.MISSED


@pytest.mark.parametrize(
    ("kept", "open_weeks", "streak"),
    [
        (set(), 2, 0),
        ({date(2026, 3, 2)}, 2, 1),  # this week, kept early
        ({date(2026, 2, 16)}, 2, 1),  # this week and last are still open: no break
        ({date(2026, 2, 16), date(2026, 2, 9)}, 2, 2),
        ({date(2026, 3, 2), date(2026, 2, 16), date(2026, 2, 9)}, 2, 3),
        ({date(2026, 2, 16)}, 1, 0),  # last week is over and was not kept
        ({date(2026, 2, 23), date(2026, 2, 9)}, 1, 1),
    ],
)
def test_one_streak_rule_open_weeks_never_break_the_run(kept, open_weeks, streak):
    assert weeks.streak(kept, date(2026, 3, 2), open_weeks=open_weeks) == streak


@pytest.mark.parametrize(
    "kept",
    [
        set(),
        {date(2026, 3, 2)},
        {date(2026, 2, 16)},
        {date(2026, 2, 23), date(2026, 2, 9), date(2026, 2, 2)},
        {date(2026, 3, 2), date(2026, 2, 16), date(2026, 2, 9), date(2026, 1, 26)},
    ],
)
def test_the_history_counts_its_streak_in_sql_by_the_same_rule(couple, kept):
    current = date(2026, 3, 2)
    for week in sorted(kept | {date(2026, 2, 2)}):  # a missed week among them
        CheckIn.objects.create(
            couple=couple,
            week_start=week,
            revealed_at=datetime(2026, 3, 1, tzinfo=UTC) if week in kept else None,
        )
    settled = current - weeks.WEEK * (1 + weeks.LATE_WEEKS)

    tally = CheckIn.objects.tally(couple, settled)

    expected = weeks.streak(kept, current, open_weeks=1 + weeks.LATE_WEEKS)
    assert tally["kept_lately"] + tally["run"] == expected
