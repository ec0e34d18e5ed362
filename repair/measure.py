"""Coming back to each other: the time from a pause or a shared trigger to a finished
repair, as the couple's median over the last 4 and 12 weeks, and its trend.

Shown as progress, never as a score. One query whatever the length of the history:
only the repairs finished in the last 12 weeks are read (at most MAX_READ of them),
and the median is taken in Python. The windows are whole days in the couple's time
zone ("the last 4 weeks" starts at local midnight 27 days before today), and each
time is elapsed time between two aware moments, so a night that changes the clocks
counts the hours that really passed.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from checkins.weeks import local_midnight

from .models import Repair

RECENT_DAYS = 28
QUARTER_DAYS = 84
MAX_READ = 500
# Within a tenth of each other, two medians are "about the same".
STEADY = 0.1


def window_start(today: date, days: int, zone: ZoneInfo) -> datetime:
    """Local midnight at the start of the last `days` days, today included."""
    return local_midnight(today - timedelta(days=days - 1), zone)


@dataclass(frozen=True)
class ComingBack:
    recent: timedelta | None  # the median over the last 4 weeks
    quarter: timedelta | None  # the median over the last 12 weeks
    previous: timedelta | None  # the median over the 4 weeks before the last 4
    recent_count: int
    quarter_count: int

    @property
    def trend(self) -> str:
        """ "faster", "slower", "steady", or "" when there is nothing to compare."""
        if self.recent is None or self.previous is None:
            return ""
        if abs(self.recent - self.previous) <= self.previous * STEADY:
            return "steady"
        return "faster" if self.recent < self.previous else "slower"

    @property
    def words(self) -> str:
        return coming_back_words(self)


def elapsed(began: datetime, done: datetime) -> timedelta:
    """The time that really passed. Python subtracts two datetimes of the same zone by
    their wall clocks, which would make a night when the clocks change an hour off."""
    return done.astimezone(UTC) - began.astimezone(UTC)


def summarise(
    moments: list[tuple[datetime, datetime]], now: datetime, zone: ZoneInfo
) -> ComingBack:
    """(began_at, completed_at) pairs -> the couple's medians. Plain Python."""
    times = [(done, elapsed(began, done)) for began, done in moments]
    today = now.astimezone(zone).date()
    recent_start = window_start(today, RECENT_DAYS, zone)
    previous_start = window_start(today, 2 * RECENT_DAYS, zone)
    quarter_start = window_start(today, QUARTER_DAYS, zone)
    recent = [took for done, took in times if recent_start <= done <= now]
    previous = [took for done, took in times if previous_start <= done < recent_start]
    quarter = [took for done, took in times if quarter_start <= done <= now]
    return ComingBack(
        recent=median(recent) if recent else None,
        quarter=median(quarter) if quarter else None,
        previous=median(previous) if previous else None,
        recent_count=len(recent),
        quarter_count=len(quarter),
    )


def coming_back(couple, now: datetime) -> ComingBack:
    """The couple's coming-back measure. One query."""
    zone = couple.zone
    since = window_start(now.astimezone(zone).date(), QUARTER_DAYS, zone)
    rows = (
        Repair.objects.measured()
        .filter(couple=couple, completed_at__gte=since, completed_at__lte=now)
        .order_by("-completed_at")
        .values_list("began_at", "completed_at")[:MAX_READ]
    )
    return summarise(list(rows), now, zone)


def about(duration: timedelta) -> str:
    """A time in kind, rounded words: "within the hour", "in about a day"."""
    hours = duration.total_seconds() / 3600
    if hours < 1:
        return _("within the hour")
    if hours < 1.5:
        return _("in about an hour")
    if hours < 18:
        return _("in about %(n)d hours") % {"n": round(hours)}
    if hours < 36:
        return _("in about a day")
    days = hours / 24
    if days < 10.5:
        return _("in about %(n)d days") % {"n": round(days)}
    return _("in about %(n)d weeks") % {"n": max(2, round(days / 7))}


def coming_back_words(measure: ComingBack) -> str:
    """One warm sentence, or "" when there is nothing to say yet."""
    if measure.recent is None:
        if measure.quarter is None:
            return ""
        return _("Over the last three months, you found your way back %(when)s.") % {
            "when": about(measure.quarter)
        }
    when = about(measure.recent)
    trend = measure.trend
    if trend == "faster":
        return _("You found your way back %(when)s, faster than last month.") % {"when": when}
    if trend == "slower":
        return _(
            "You found your way back %(when)s. It took a little longer than last month, "
            "and coming back at all is what matters."
        ) % {"when": when}
    if trend == "steady":
        return _("You found your way back %(when)s, steady with last month.") % {"when": when}
    return _("You found your way back %(when)s.") % {"when": when}
