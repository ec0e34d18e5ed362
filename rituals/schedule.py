"""When a ritual comes round: a pure function of its rhythm, its first day and a zone.

Occurrences are computed, never stored: a ritual is one row whatever its length, and
only what a partner marks ("we did it", "we skipped it") is kept, one row per mark.
Days are calendar days in the ritual's time zone, so a weekly walk at 19:00 stays at
19:00 on the same weekday through daylight-saving changes. A time that does not exist
on a day the clocks go forward moves on by the gap (02:30 becomes 03:30), and a time
that happens twice on the day they go back is the first of the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

DAILY = "daily"
WEEKDAYS = "weekdays"
WEEKLY = "weekly"
FORTNIGHTLY = "fortnightly"
ALL_DAYS = 0b1111111


class Rhythm(StrEnum):
    DAILY = DAILY
    WEEKDAYS = WEEKDAYS
    WEEKLY = WEEKLY
    FORTNIGHTLY = FORTNIGHTLY


def days_mask(weekdays) -> int:
    """Monday is 0, as `date.weekday()` counts."""
    mask = 0
    for day in weekdays:
        mask |= 1 << int(day)
    return mask


def mask_days(mask: int) -> list[int]:
    return [day for day in range(7) if mask & (1 << day)]


@dataclass(frozen=True)
class Schedule:
    rhythm: Rhythm
    days: int  # a mask of weekdays; every day for a daily ritual
    starts_on: date
    at: time | None
    zone: tzinfo

    def __post_init__(self):
        if not self.days & ALL_DAYS:
            raise ValueError("A rhythm needs at least one day.")
        if self.rhythm in (Rhythm.WEEKLY, Rhythm.FORTNIGHTLY) and len(mask_days(self.days)) != 1:
            raise ValueError("A weekly rhythm has exactly one day.")

    def falls_on(self, day: date) -> bool:
        if day < self.starts_on:
            return False
        if self.rhythm == Rhythm.DAILY:
            return True
        if not self.days & (1 << day.weekday()):
            return False
        if self.rhythm == Rhythm.FORTNIGHTLY:
            return (day - self.first_day).days % 14 == 0
        return True

    @property
    def first_day(self) -> date:
        """The first of the chosen weekdays on or after the first day: a fortnightly
        ritual counts its every-other-week from there."""
        offset = min((d - self.starts_on.weekday()) % 7 for d in mask_days(self.days))
        return self.starts_on + timedelta(days=offset)

    def moment(self, day: date) -> datetime:
        """When the occurrence of `day` begins (its time, or the start of the day), aware."""
        local = datetime.combine(day, self.at or time(0), tzinfo=self.zone)
        # Through UTC and back: a time the clocks skipped moves on by the gap.
        return local.astimezone(UTC).astimezone(self.zone)

    def today(self, now: datetime) -> date:
        return now.astimezone(self.zone).date()

    def between(self, first: date, last: date) -> list[date]:
        """The occurrences from `first` to `last`, both included, in order."""
        first = max(first, self.starts_on)
        return [
            first + timedelta(days=n)
            for n in range((last - first).days + 1)
            if self.falls_on(first + timedelta(days=n))
        ]

    def has_begun(self, day: date, now: datetime) -> bool:
        # A day after today has not begun, however far ahead (and no moment is worked
        # out for it: the last days of the calendar have none in every time zone).
        return self.falls_on(day) and day <= self.today(now) and self.moment(day) <= now

    def recent(self, now: datetime, count: int) -> list[date]:
        """The latest `count` occurrences that have begun by `now`, newest first. Looks
        back at most `count` fortnights: enough for any rhythm."""
        last = self.today(now)
        days = self.between(last - timedelta(weeks=2 * count), last)
        begun = [day for day in days if self.moment(day) <= now]
        return begun[::-1][:count]

    def next_after(self, now: datetime) -> date | None:
        today = self.today(now)
        for day in self.between(today, today + timedelta(days=14)):
            if self.moment(day) > now:
                return day
        return None


def longest_run(kept: list[bool]) -> int:
    """The longest stretch of occurrences kept in a row (oldest first)."""
    best = run = 0
    for was_kept in kept:
        run = run + 1 if was_kept else 0
        best = max(best, run)
    return best
