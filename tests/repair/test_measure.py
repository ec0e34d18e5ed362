"""Coming back, measured kindly: medians over the couple's last 4 and 12 weeks (whole
local days), across time zones and clock changes; and the words it is shown in."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from repair.measure import ComingBack, about, coming_back, coming_back_words, summarise
from repair.models import Origin, Repair
from together.models import Pause

from .builders import both_finish

H = timedelta(hours=1)
D = timedelta(days=1)


def at(zone: str, *parts) -> datetime:
    return datetime(*parts, tzinfo=ZoneInfo(zone))


@pytest.mark.parametrize(
    ("zone", "began", "done", "hours"),
    [
        # Elapsed time, whatever the wall clock says.
        ("UTC", (2026, 3, 28, 22, 0), (2026, 3, 29, 22, 0), 24),
        # Paris springs forward on 29 March 2026: 22:00 to 22:00 is 23 hours.
        ("Europe/Paris", (2026, 3, 28, 22, 0), (2026, 3, 29, 22, 0), 23),
        # ...and falls back on 25 October 2026: 25 hours.
        ("Europe/Paris", (2026, 10, 24, 22, 0), (2026, 10, 25, 22, 0), 25),
        # New York springs forward on 8 March 2026.
        ("America/New_York", (2026, 3, 7, 20, 0), (2026, 3, 8, 20, 0), 23),
        # Auckland falls back on 5 April 2026.
        ("Pacific/Auckland", (2026, 4, 4, 21, 0), (2026, 4, 5, 21, 0), 25),
        # A pause of twenty minutes and a repair the same evening in Kolkata.
        ("Asia/Kolkata", (2026, 6, 1, 19, 0), (2026, 6, 1, 21, 30), 2.5),
    ],
)
def test_the_time_to_repair_is_the_time_that_really_passed(zone, began, done, hours):
    began_at, done_at = at(zone, *began), at(zone, *done)
    now = done_at + H
    measure = summarise([(began_at, done_at)], now, ZoneInfo(zone))
    assert measure.recent == timedelta(hours=hours)
    assert measure.recent_count == measure.quarter_count == 1


@pytest.mark.parametrize(
    ("zone", "done", "in_last_4_weeks"),
    [
        # Now is Friday 29 May 2026, 10:00 UTC. The last 4 weeks start at local midnight
        # on 2 May (27 days before today) in the couple's own time zone.
        ("UTC", (2026, 5, 2, 0, 0), True),
        ("UTC", (2026, 5, 1, 23, 59), False),
        # In Tokyo it is already 19:00 on the 29th: 2 May 00:00 Tokyo is 1 May 15:00 UTC.
        ("Asia/Tokyo", (2026, 5, 2, 0, 0), True),
        ("Asia/Tokyo", (2026, 5, 1, 23, 59), False),
        # In Honolulu it is still 00:00 on the 29th.
        ("Pacific/Honolulu", (2026, 5, 2, 0, 0), True),
        ("Pacific/Honolulu", (2026, 5, 1, 23, 30), False),
    ],
)
def test_the_four_weeks_are_whole_local_days(zone, done, in_last_4_weeks):
    now = datetime(2026, 5, 29, 10, 0, tzinfo=UTC)
    done_at = at(zone, *done)
    measure = summarise([(done_at - 5 * H, done_at)], now, ZoneInfo(zone))
    assert (measure.recent_count == 1) is in_last_4_weeks
    assert measure.quarter_count == 1


def test_the_four_weeks_across_a_clock_change_still_start_at_local_midnight():
    # Now is 20 April 2026 in Paris: 27 days back is 24 March, before the clocks went
    # forward; its midnight is 23:00 UTC on the 23rd.
    zone = ZoneInfo("Europe/Paris")
    now = at("Europe/Paris", 2026, 4, 20, 12, 0)
    inside = datetime(2026, 3, 23, 23, 0, tzinfo=UTC)
    outside = datetime(2026, 3, 23, 22, 59, tzinfo=UTC)
    assert summarise([(inside - H, inside)], now, zone).recent_count == 1
    assert summarise([(outside - H, outside)], now, zone).recent_count == 0


@pytest.mark.parametrize(
    ("recent_hours", "previous_hours", "trend"),
    [
        ([10, 20, 30], [40, 50], "faster"),
        ([40], [10, 20], "slower"),
        ([20], [21], "steady"),
        ([20], [], ""),
        ([], [20], ""),
    ],
)
def test_medians_and_trend(recent_hours, previous_hours, trend):
    zone = ZoneInfo("UTC")
    now = datetime(2026, 5, 29, 10, 0, tzinfo=UTC)
    times = [(now - D - h * H, now - D) for h in recent_hours]
    times += [(now - 40 * D - h * H, now - 40 * D) for h in previous_hours]
    measure = summarise(times, now, zone)
    assert measure.trend == trend
    if len(recent_hours) % 2:
        assert measure.recent == sorted(recent_hours)[len(recent_hours) // 2] * H
    assert measure.quarter_count == len(recent_hours) + len(previous_hours)


def test_a_median_of_an_even_count_is_the_middle_of_the_two():
    now = datetime(2026, 5, 29, 10, 0, tzinfo=UTC)
    done = now - D
    measure = summarise([(done - 2 * H, done), (done - 4 * H, done)], now, ZoneInfo("UTC"))
    assert measure.recent == 3 * H


@pytest.mark.parametrize(
    ("duration", "words"),
    [
        (timedelta(minutes=25), "within the hour"),
        (timedelta(minutes=70), "in about an hour"),
        (5 * H, "in about 5 hours"),
        (23 * H, "in about a day"),
        (30 * H, "in about a day"),
        (3 * D, "in about 3 days"),
        (15 * D, "in about 2 weeks"),
    ],
)
def test_about(duration, words):
    assert about(duration) == words


@pytest.mark.parametrize(
    ("measure", "words"),
    [
        (ComingBack(None, None, None, 0, 0), ""),
        (
            ComingBack(24 * H, 30 * H, 48 * H, 2, 5),
            "You found your way back in about a day, faster than last month.",
        ),
        (
            ComingBack(None, 24 * H, None, 0, 1),
            "Over the last three months, you found your way back in about a day.",
        ),
        (ComingBack(5 * H, 5 * H, None, 1, 1), "You found your way back in about 5 hours."),
    ],
)
def test_the_words(measure, words):
    assert coming_back_words(measure) == words


def test_a_slower_month_is_never_a_reproach():
    words = coming_back_words(ComingBack(48 * H, 30 * H, 24 * H, 1, 3))
    assert "coming back at all is what matters" in words
    for harsh in ("score", "worse", "fail", "only"):
        assert harsh not in words


def test_only_pauses_and_shared_triggers_count(sam, alex, hurt):
    pause = Pause.start(sam, datetime.now(UTC) + timedelta(minutes=20))
    pause.end(sam)
    from_pause = both_finish(sam, alex, Origin.PAUSE, pause=pause)
    both_finish(sam, alex)  # on its own: no moment to measure from
    assert Repair.objects.measured().get() == from_pause
    measure = coming_back(sam.couple, datetime.now(UTC) + H)
    assert measure.quarter_count == 1
    assert measure.recent == from_pause.time_to_repair
