"""Week arithmetic for the wins strip. Plain Python, no Django."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def week_start(now: datetime, zone: ZoneInfo) -> datetime:
    """Monday 00:00 of the week containing `now`, where the couple lives."""
    local = now.astimezone(zone).date()
    return datetime.combine(local - timedelta(days=local.weekday()), time(0), zone)


def consecutive_weeks(weeks: set[date], this_week: date) -> int:
    """Weeks in a row, ending this week, each with something good in it.

    The current week is not over yet, so a streak that reached last week still counts.
    """
    week = this_week if this_week in weeks else this_week - timedelta(weeks=1)
    streak = 0
    while week in weeks:
        streak += 1
        week -= timedelta(weeks=1)
    return streak
