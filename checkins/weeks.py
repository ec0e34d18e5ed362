"""Calendar weeks in a couple's time zone (plain Python, no Django).

A week runs from Monday 00:00 to the next Monday 00:00 local time. A week's
check-in stays open for late answers until the end of the following week.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEK = timedelta(days=7)
LATE_WEEKS = 1


def week_start_for(moment: datetime, zone: ZoneInfo) -> date:
    """The Monday of the local week that `moment` (aware) falls in."""
    local_day = moment.astimezone(zone).date()
    return local_day - timedelta(days=local_day.weekday())


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def week_starts_at(week_start: date, zone: ZoneInfo) -> datetime:
    return local_midnight(week_start, zone)


def week_ends_at(week_start: date, zone: ZoneInfo) -> datetime:
    return local_midnight(week_start + WEEK, zone)


def week_closes_at(week_start: date, zone: ZoneInfo) -> datetime:
    """After this moment nobody can answer for the week any more."""
    return local_midnight(week_start + WEEK * (1 + LATE_WEEKS), zone)


def is_monday(day: date) -> bool:
    return day.weekday() == 0


def weeks_between(first: date, last: date) -> list[date]:
    """Every Monday from `first` to `last` included, oldest first."""
    count = (last - first).days // 7 + 1
    return [first + WEEK * index for index in range(max(count, 0))]


def streak(kept: set[date], current: date, open_weeks: int = 1) -> int:
    """Weeks in a row with something kept, counted back from the week of `current`.

    The last `open_weeks` weeks (this one included) are not over yet: those kept
    count, and those not kept (yet) never break the run that reached them."""
    recent = [current - WEEK * back for back in range(open_weeks)]
    count = sum(week in kept for week in recent)
    week = current - WEEK * open_weeks
    while week in kept:
        count += 1
        week -= WEEK
    return count
