"""Patterns in a set of trigger entries, aggregated in the database.

Every figure is one GROUP BY query (or two for the median), so the cost does not
grow with the number of entries shown.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncMonth, TruncWeek
from django.utils import timezone

from .models import Category, TriggerQuerySet

RANGES = {"3m": 91, "12m": 365, "all": None}
DEFAULT_RANGE = "3m"


@dataclass(frozen=True)
class Patterns:
    total: int
    by_category: list[tuple[str, int]]
    intensity: list[tuple[date, float, int]]  # period start, average, entries
    by_month: bool
    by_hour: list[tuple[int, int]]
    by_weekday: list[tuple[int, int]]  # ISO weekday 1 = Monday
    reassured: int
    median_wait: timedelta | None


def summarise(entries: TriggerQuerySet, zone: ZoneInfo, since: datetime | None) -> Patterns:
    if since is not None:
        entries = entries.filter(occurred_at__gte=since)
    entries = entries.order_by()
    by_category = dict(entries.values_list("category").annotate(n=Count("pk")))
    by_month = since is None
    trunc = TruncMonth if by_month else TruncWeek
    intensity = [
        (timezone.localtime(row["period"], zone).date(), row["average"], row["n"])
        for row in entries.annotate(period=trunc("occurred_at", tzinfo=zone))
        .values("period")
        .annotate(average=Avg("intensity"), n=Count("pk"))
        .order_by("period")
    ]
    by_hour = dict(
        entries.annotate(hour=ExtractHour("occurred_at", tzinfo=zone))
        .values_list("hour")
        .annotate(n=Count("pk"))
    )
    by_weekday = dict(
        entries.annotate(day=ExtractIsoWeekDay("occurred_at", tzinfo=zone))
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    reassured, median_wait = _median_wait(entries)
    return Patterns(
        total=sum(by_category.values()),
        by_category=[(label, by_category.get(value, 0)) for value, label in Category.choices],
        intensity=intensity,
        by_month=by_month,
        by_hour=[(hour, by_hour.get(hour, 0)) for hour in range(24)],
        by_weekday=[(day, by_weekday.get(day, 0)) for day in range(1, 8)],
        reassured=reassured,
        median_wait=median_wait,
    )


def _median_wait(entries: TriggerQuerySet) -> tuple[int, timedelta | None]:
    """Median time from sharing to the first reassurance: count, then read the one or
    two middle values in order, so the database sorts and Python sees two rows."""
    waits = entries.filter(shared_at__isnull=False, first_reassured_at__isnull=False).annotate(
        wait=ExpressionWrapper(
            F("first_reassured_at") - F("shared_at"), output_field=DurationField()
        )
    )
    count = waits.count()
    if not count:
        return 0, None
    middle = list(
        waits.order_by("wait").values_list("wait", flat=True)[(count - 1) // 2 : count // 2 + 1]
    )
    return count, sum(middle, timedelta()) / len(middle)
