"""Patterns in a set of trigger entries, aggregated in the database.

Every figure comes from ONE query, whatever the number of entries: a row per period
of the intensity chart, each with its counts by category, hour and weekday (summed
here), and the median wait. The entries themselves are chosen by the ORM (so who
may see what stays in `TriggerQuerySet.visible_to`); only the aggregation around
them is written out in SQL: as ORM expressions, the forty-odd conditional counts
cost several times more to build than the database takes to run them.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connections

from .models import Category, TriggerQuerySet

RANGES = {"3m": 91, "12m": 365, "all": None}
DEFAULT_RANGE = "3m"

HOURS = range(24)
WEEKDAYS = range(1, 8)  # ISO: 1 = Monday
COLUMNS = ("occurred_at", "category", "intensity", "shared_at", "first_reassured_at")


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
    rows = _rows(entries, zone, "month" if by_month else "week")
    # Each row's counts are for its period: the span's are their sums.
    counts = [sum(column) for column in zip(*(row[5:] for row in rows), strict=True)]
    categories = len(Category.choices)
    counts = counts or [0] * (categories + len(HOURS) + len(WEEKDAYS))
    by_category = counts[:categories]
    by_hour = counts[categories : categories + len(HOURS)]
    by_weekday = counts[categories + len(HOURS) :]
    median_wait = rows[0][4] if rows else None  # the same on every row
    if median_wait is not None and not isinstance(median_wait, timedelta):
        median_wait = timedelta(microseconds=median_wait)  # SQLite: a number of microseconds
    return Patterns(
        total=sum(by_category),
        by_category=[
            (label, n) for (_value, label), n in zip(Category.choices, by_category, strict=True)
        ],
        intensity=[(_day(period), summed / n, n) for period, n, summed, *_rest in rows],
        by_month=by_month,
        by_hour=list(zip(HOURS, by_hour, strict=True)),
        by_weekday=list(zip(WEEKDAYS, by_weekday, strict=True)),
        reassured=sum(row[3] for row in rows),
        median_wait=median_wait,
    )


def _rows(entries: TriggerQuerySet, zone: ZoneInfo, period: str) -> list[tuple]:
    """One row per period: its start, entries, intensity sum, entries with a wait to
    reassurance, the median wait of the whole span, then the entries of each category,
    hour and weekday. The local time conversions come from the database backend."""
    connection = connections[entries.db]
    ops, tzname = connection.ops, str(zone)
    chosen, chosen_params = (
        entries.order_by().values_list(*COLUMNS).query.get_compiler(entries.db).as_sql()
    )
    period_sql, period_params = ops.datetime_trunc_sql(period, "occurred_at", (), tzname)
    hour_sql, hour_params = ops.datetime_extract_sql("hour", "occurred_at", (), tzname)
    day_sql, day_params = ops.datetime_extract_sql("iso_week_day", "occurred_at", (), tzname)
    wait_sql, wait_params = ops.subtract_temporals(
        "DateTimeField", ("first_reassured_at", ()), ("shared_at", ())
    )
    counts = ", ".join(
        ["COUNT(CASE WHEN category = %s THEN 1 END)"] * len(Category.values)
        + [f"COUNT(CASE WHEN at_hour = {hour} THEN 1 END)" for hour in HOURS]
        + [f"COUNT(CASE WHEN on_day = {day} THEN 1 END)" for day in WEEKDAYS]
    )
    # The median: the one or two middle waits in order (their average when two).
    sql = f"""
        WITH chosen ({", ".join(COLUMNS)}) AS ({chosen}),
        timed AS (
            SELECT {period_sql} AS period, {hour_sql} AS at_hour, {day_sql} AS on_day,
                category, intensity, {wait_sql} AS wait
            FROM chosen
        ),
        waits AS (
            SELECT wait, ROW_NUMBER() OVER (ORDER BY wait) AS place, COUNT(*) OVER () AS n
            FROM timed WHERE wait IS NOT NULL
        )
        SELECT period, COUNT(*), SUM(intensity), COUNT(wait),
            (SELECT AVG(wait) FROM waits WHERE place BETWEEN (n + 1) / 2 AND n / 2 + 1),
            {counts}
        FROM timed GROUP BY period ORDER BY period
    """
    params = (
        *chosen_params,
        *period_params,
        *hour_params,
        *day_params,
        *wait_params,
        *Category.values,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _day(period: datetime | str) -> date:
    """The first day of a period, in local time (SQLite answers with text)."""
    if isinstance(period, str):
        return date.fromisoformat(period[:10])
    return period.date()
