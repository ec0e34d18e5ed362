"""Patterns in a set of trigger entries, aggregated in the database.

Every count comes from ONE query, whatever the number of entries: a row per period of
the intensity chart, each with its counts by category, hour and weekday (summed
here). A second query reads the one or two middle waits for the median time to
reassurance. The entries themselves are chosen by the caller's queryset (so who may
see what stays in `TriggerQuerySet.visible_to`); local times are the ORM's
`Trunc`/`Extract` in the person's time zone.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, RowNumber, Trunc

from .models import Category, TriggerQuerySet

RANGES = {"3m": 91, "12m": 365, "all": None}
DEFAULT_RANGE = "3m"

HOURS = range(24)
WEEKDAYS = range(1, 8)  # ISO: 1 = Monday


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
    by_month = since is None
    rows = list(_by_period(entries, zone, "month" if by_month else "week"))
    # Each row's counts are for its period: the span's are their sums.
    totals = {name: sum(row[name] for row in rows) for name in _count_names()}
    reassured = sum(row["reassured"] for row in rows)
    return Patterns(
        total=sum(row["n"] for row in rows),
        by_category=[(label, totals[f"c_{value}"]) for value, label in Category.choices],
        intensity=[(row["period"].date(), row["summed"] / row["n"], row["n"]) for row in rows],
        by_month=by_month,
        by_hour=[(hour, totals[f"h_{hour}"]) for hour in HOURS],
        by_weekday=[(day, totals[f"d_{day}"]) for day in WEEKDAYS],
        reassured=reassured,
        median_wait=_median_wait(entries) if reassured else None,
    )


def _count_names() -> list[str]:
    return (
        [f"c_{value}" for value in Category.values]
        + [f"h_{hour}" for hour in HOURS]
        + [f"d_{day}" for day in WEEKDAYS]
    )


def _waited() -> Q:
    return Q(shared_at__isnull=False, first_reassured_at__isnull=False)


def _by_period(entries: TriggerQuerySet, zone: ZoneInfo, period: str):
    """One row per period (its local start, in order): entries, intensity sum, entries
    reassured, then the entries of each category, local hour and local weekday."""
    counts = {f"c_{value}": Count("pk", filter=Q(category=value)) for value in Category.values}
    counts |= {f"h_{hour}": Count("pk", filter=Q(at_hour=hour)) for hour in HOURS}
    counts |= {f"d_{day}": Count("pk", filter=Q(on_day=day)) for day in WEEKDAYS}
    return (
        entries.order_by()
        .annotate(
            period=Trunc("occurred_at", period, tzinfo=zone),
            at_hour=ExtractHour("occurred_at", tzinfo=zone),
            on_day=ExtractIsoWeekDay("occurred_at", tzinfo=zone),
        )
        .values("period")
        .annotate(
            n=Count("pk"),
            summed=Sum("intensity"),
            reassured=Count("pk", filter=_waited()),
            **counts,
        )
        .order_by("period")
    )


def _median_wait(entries: TriggerQuerySet) -> timedelta:
    """The median time from sharing to the first reassurance: the one or two middle
    waits in order (their average when two), read without the others."""
    wait = F("first_reassured_at") - F("shared_at")
    middle = (
        entries.filter(_waited())
        .annotate(
            wait=wait,
            place=Window(RowNumber(), order_by=[wait.asc(), F("pk").asc()]),
            n=Window(Count("pk")),
        )
        .filter(place__gte=(F("n") + 1) / 2, place__lte=F("n") / 2 + 1)
        .values_list("wait", flat=True)
    )
    waits = list(middle)
    return sum(waits, timedelta()) / len(waits)
