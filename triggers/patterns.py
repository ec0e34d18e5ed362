"""Patterns in a set of trigger entries, aggregated in the database.

Every count comes from ONE query, whatever the number of entries: a row per period of
the intensity chart, each with its counts by category, hour and weekday (summed
here). A second query reads the one or two middle waits for the median time to
reassurance. The entries themselves are chosen by the caller's queryset (so who may
see what stays in `TriggerQuerySet.visible_to`); local times are the ORM's
`Trunc`/`Extract` in the person's time zone.

Putting forty-odd conditional counts together costs the ORM more than the database
takes to run them, so the page keeps its figures (numbers only) in the cache under
the couple's version stamp (`accounts.versions`, replaced by every write to a trigger)
until the oldest entry of the span leaves it (`cached_summary`).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, Trunc

from accounts import versions

from .models import Category, TriggerQuerySet

RANGES = {"3m": 91, "12m": 365, "all": None}
DEFAULT_RANGE = "3m"

HOURS = range(24)
WEEKDAYS = range(1, 8)  # ISO: 1 = Monday


@dataclass(frozen=True)
class Patterns:
    total: int
    category_counts: list[tuple[str, int]]  # category value, entries
    intensity: list[tuple[date, float, int]]  # period start, average, entries
    by_month: bool
    by_hour: list[tuple[int, int]]
    by_weekday: list[tuple[int, int]]  # ISO weekday 1 = Monday
    reassured: int
    median_wait: timedelta | None

    @property
    def by_category(self) -> list[tuple[str, int]]:
        # Labels at the time of reading: the cached figures keep numbers and keys only
        # (a pickled translation would be rebuilt as a new lazy class on every read).
        return [(Category(value).label, n) for value, n in self.category_counts]


PATTERNS_SECONDS = 24 * 3600


def cached_summary(
    entries: TriggerQuerySet,
    zone: ZoneInfo,
    now: datetime,
    days: int | None,
    *,
    couple_id: int,
    scope: str,
) -> Patterns:
    """`summarise` over the last `days` (all time when None), from the cache when the
    couple's triggers have not changed since. `scope` names whose entries are seen by
    whom (the entries' queryset), as the cache cannot tell."""
    stamp = versions.current([couple_id])[couple_id]
    # "-2": the cached shape changed; a new name keeps old entries from being read.
    key = f"trigger-patterns-2:{couple_id}:{stamp}:{scope}:{days}:{zone.key}"
    found = cache.get(key)
    if found is not None:
        computed_at, valid_until, patterns = found
        if computed_at <= now and (valid_until is None or now < valid_until):
            return patterns
    since = now - timedelta(days=days) if days else None
    patterns, first = _summarise(entries, zone, since)
    # The figures change by themselves only when the oldest entry leaves the span.
    valid_until = first + timedelta(days=days) if days and first else None
    cache.set(key, (now, valid_until, patterns), PATTERNS_SECONDS)
    return patterns


def summarise(entries: TriggerQuerySet, zone: ZoneInfo, since: datetime | None) -> Patterns:
    return _summarise(entries, zone, since)[0]


def _summarise(
    entries: TriggerQuerySet, zone: ZoneInfo, since: datetime | None
) -> tuple[Patterns, datetime | None]:
    """The patterns, and when the oldest entry of the span happened."""
    if since is not None:
        entries = entries.filter(occurred_at__gte=since)
    by_month = since is None
    rows = list(_by_period(entries, zone, "month" if by_month else "week"))
    # Each row's counts are for its period: the span's are their sums.
    totals = {name: sum(row[name] for row in rows) for name in _count_names()}
    reassured = sum(row["reassured"] for row in rows)
    patterns = Patterns(
        total=sum(row["n"] for row in rows),
        category_counts=[(value, totals[f"c_{value}"]) for value in Category.values],
        intensity=[(row["period"].date(), row["summed"] / row["n"], row["n"]) for row in rows],
        by_month=by_month,
        by_hour=[(hour, totals[f"h_{hour}"]) for hour in HOURS],
        by_weekday=[(day, totals[f"d_{day}"]) for day in WEEKDAYS],
        reassured=reassured,
        median_wait=_median_wait(entries, reassured) if reassured else None,
    )
    return patterns, min((row["first"] for row in rows), default=None)


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
            first=Min("occurred_at"),
            summed=Sum("intensity"),
            reassured=Count("pk", filter=_waited()),
            **counts,
        )
        .order_by("period")
    )


def _median_wait(entries: TriggerQuerySet, reassured: int) -> timedelta:
    """The median time from sharing to the first reassurance, over the `reassured`
    entries that have one: the one or two middle waits in order (their average when
    two), read without the others."""
    middle = (
        entries.filter(_waited())
        .annotate(wait=F("first_reassured_at") - F("shared_at"))
        .order_by("wait")
        .values_list("wait", flat=True)[(reassured - 1) // 2 : reassured // 2 + 1]
    )
    waits = list(middle)
    return sum(waits, timedelta()) / len(waits)
