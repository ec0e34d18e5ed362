"""What the pattern page's charts show: each bar's value read off the chart, its labels,
and the same figures in the table beside it. Written down once so that however the
charts are drawn, they keep showing the same data."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from triggers.models import Category, Sharing

from ..chart_reader import (
    charts,
    container_of,
    heading_of,
    parse,
    read_bar_chart,
    read_row_chart,
    table_of,
)
from ..conftest import client_for
from .builders import log

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
HOURS = [f"{hour:02d}" for hour in range(24)]


def at(day, hour):
    return datetime(2026, 3, day, hour, tzinfo=UTC)


@pytest.fixture
def sam(couple, hurt):
    """Sam lives in New York (UTC-4 in March once daylight saving time began on the 8th)."""
    hurt.timezone = "America/New_York"
    hurt.save(update_fields=["timezone"])
    with time_machine.travel(NOW, tick=False):
        log(hurt, occurred_at=at(9, 15), intensity=4, category=Category.PLACE)  # Mon 11:00
        log(hurt, occurred_at=at(12, 15), intensity=8, category=Category.PLACE)  # Thu 11:00
        log(hurt, occurred_at=at(16, 15), intensity=3, category=Category.CONFLICT)  # Mon 11:00
        log(
            hurt,
            occurred_at=at(17, 2),  # Monday 16 March, 22:00 in New York
            intensity=7,
            category=Category.MEMORY,
            sharing=Sharing.SHARE_NOW,
        )
        log(hurt, occurred_at=at(9, 15) - timedelta(days=200), intensity=10)  # August 2025
    return hurt


def cards(user, **query) -> dict:
    with time_machine.travel(NOW, tick=False):
        page = parse(client_for(user).get(reverse("triggers:patterns"), query).text)
    return {heading_of(svg): svg for svg in charts(page)}


CATEGORIES = [
    "Social media",
    "Late-night messages",
    "Contact or ambiguous flirtation",
    "A place",
    "A date or anniversary",
    "An intrusive memory",
    "Conflict",
    "Other",
]


def test_the_last_three_months_by_week(sam):
    found = cards(sam)

    assert list(found) == [
        "What set it off",
        "Intensity over time (weekly average)",
        "Time of day",
        "Day of the week",
    ]
    for svg in found.values():
        assert container_of(svg).find("summary").text() == "Show as a table"
    category = found["What set it off"]
    counts = [0, 0, 0, 2, 0, 1, 1, 0]
    assert read_row_chart(category, top=2).rows == [
        (label, str(n), n) for label, n in zip(CATEGORIES, counts, strict=True)
    ]
    assert read_row_chart(category, top=2).label == (
        "Bar chart of entries by category. The same figures are in the table below it."
    )
    table = table_of(category)
    assert table.caption == "Entries by category"
    assert table.head == ["Category", "Entries"]
    assert table.rows == [[label, str(n)] for label, n in zip(CATEGORIES, counts, strict=True)]

    intensity = found["Intensity over time (weekly average)"]
    chart = read_bar_chart(intensity, top=10)
    assert chart.values == [6.0, 5.0]
    assert chart.x_labels == [(0, "9 Mar"), (1, "16 Mar")]
    table = table_of(intensity)
    assert table.caption == "Average intensity over time"
    assert table.head == ["Week of", "Average intensity", "Entries"]
    assert table.rows == [["9 Mar 2026", "6.0", "2"], ["16 Mar 2026", "5.0", "2"]]

    hours = found["Time of day"]
    chart = read_bar_chart(hours, top=3)
    assert chart.values == [3 if hour == 11 else 1 if hour == 22 else 0 for hour in range(24)]
    assert chart.x_labels == [(hour, HOURS[hour]) for hour in range(0, 24, 3)]
    table = table_of(hours)
    assert table.head == ["Hour", "Entries"]
    assert table.rows[11] == ["11:00", "3"]
    assert table.rows[22] == ["22:00", "1"]
    assert [row[0] for row in table.rows] == [f"{hour}:00" for hour in HOURS]
    assert sum(int(row[1]) for row in table.rows) == 4

    days = found["Day of the week"]
    chart = read_bar_chart(days, top=3)
    assert chart.values == [3, 0, 0, 1, 0, 0, 0]
    assert chart.x_labels == [
        (0, "Mon"),
        (1, "Tue"),
        (2, "Wed"),
        (3, "Thu"),
        (4, "Fri"),
        (5, "Sat"),
        (6, "Sun"),
    ]
    table = table_of(days)
    assert table.caption == "Entries by day of the week"
    assert table.rows == [
        ["Monday", "3"],
        ["Tuesday", "0"],
        ["Wednesday", "0"],
        ["Thursday", "1"],
        ["Friday", "0"],
        ["Saturday", "0"],
        ["Sunday", "0"],
    ]


def test_all_time_by_month(sam):
    found = cards(sam, range="all")

    intensity = found["Intensity over time (monthly average)"]
    chart = read_bar_chart(intensity, top=10)
    assert chart.values == [10.0, 5.5]
    assert chart.x_labels == [(0, "Aug 2025"), (1, "Mar 2026")]
    table = table_of(intensity)
    assert table.head == ["Month", "Average intensity", "Entries"]
    assert table.rows == [["August 2025", "10.0", "1"], ["March 2026", "5.5", "4"]]
    assert read_row_chart(found["What set it off"], top=2).rows[0] == ("Social media", "1", 1)


def test_an_average_is_rounded_half_up_to_one_decimal(sam):
    with time_machine.travel(NOW, tick=False):
        log(sam, occurred_at=at(10, 15), intensity=4, category=Category.PLACE)  # 9 March week

    found = cards(sam)

    intensity = found["Intensity over time (weekly average)"]
    assert read_bar_chart(intensity, top=10).values == [5.33, 5.0]
    assert table_of(intensity).rows[0] == ["9 Mar 2026", "5.3", "3"]


def test_the_partner_sees_the_shared_entry_only(sam, involved):
    found = cards(involved, of="partner")

    assert read_row_chart(found["What set it off"], top=1).rows[5] == (
        "An intrusive memory",
        "1",
        1,
    )
    # Alex's charts are in Alex's own time zone (UTC): Tuesday, 02:00.
    assert read_bar_chart(found["Day of the week"], top=1).values == [0, 1, 0, 0, 0, 0, 0]
    assert read_bar_chart(found["Time of day"], top=1).values[2] == 1
    assert table_of(found["Intensity over time (weekly average)"]).rows == [
        ["16 Mar 2026", "7.0", "1"]
    ]
