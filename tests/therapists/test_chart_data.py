"""What the therapist's charts show: on the couple page, each line's values week by week
and each bar read off the chart with the table beside it; on the list of couples, each
small trend line and the facts around it. Written down once so that however they are
drawn, they keep showing the same data."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from checkins import weeks
from checkins.models import CheckIn
from pacing.models import PacingPolicy
from repair.models import Origin, Repair
from triggers.models import Sharing

from ..chart_reader import (
    charts,
    heading_of,
    parse,
    read_bar_chart,
    read_line_chart,
    read_sparkline,
    table_of,
)
from ..conftest import client_for
from .builders import agreement_in_force, kept_week, link, readiness, trigger

NOW = datetime(2026, 11, 18, 10, tzinfo=UTC)  # a Wednesday
THIS_WEEK = weeks.week_start_for(NOW, UTC)  # Monday 16 November 2026
TWELVE_WEEK_LABELS = [
    (0, "31 Aug"),
    (2, "14 Sep"),
    (4, "28 Sep"),
    (6, "12 Oct"),
    (8, "26 Oct"),
    (10, "9 Nov"),
]


def ago(days: float):
    return NOW - timedelta(days=days)


def week(back: int):
    return THIS_WEEK - weeks.WEEK * back


def last(count: int, **values) -> list:
    """A series over the last `count` weeks, from {weeks back: value}."""
    series = [None] * count
    for back, value in values.items():
        series[count - 1 - int(back[1:])] = value
    return series


@pytest.fixture
def progress(dr_lee, hurt, involved, couple):
    with time_machine.travel(NOW, tick=False):
        couple.created_at = ago(200)
        couple.save(update_fields=["created_at"])
        link(couple, dr_lee, hurt, involved)
        kept_week(couple, week(2), {hurt: (4, 3, 5, 6), involved: (6, 5, 5, 7)})
        kept_week(couple, week(1), {hurt: (6, 5, 6, 7), involved: (7, 6, 6, 8)})
        sealed = CheckIn.objects.create(couple=couple, week_start=THIS_WEEK)
        sealed.answers.create(
            author=hurt, safety=1, trust=1, connection=1, hope=1, submitted_at=NOW
        )
        trigger(couple, hurt, ago(2), 8)  # Monday of this week
        trigger(couple, involved, ago(1), 6)
        trigger(couple, hurt, ago(5), 4)  # last week
        trigger(couple, hurt, ago(1), 10, sharing=Sharing.PRIVATE)
        trigger(couple, hurt, ago(5), 10, sharing=Sharing.AT_CHECKIN)
        trigger(couple, hurt, ago(120), 9)  # before the twelve weeks shown
        readiness(couple, hurt, ago(16), 6)
        readiness(couple, hurt, ago(9), 5)
        readiness(couple, hurt, ago(8), 6)
        readiness(couple, involved, ago(2), 7)
        yield couple


def couple_page(dr_lee, couple) -> dict:
    with time_machine.travel(NOW, tick=False):
        url = reverse("therapists:couple_detail", args=[couple.pk])
        page = parse(client_for(dr_lee).get(url).text)
    return {heading_of(svg): svg for svg in charts(page)}


def legend_of(svg) -> list[str]:
    legend = svg.parent.find("p", "legend")
    return [item.text() for item in legend.find_all("span")] if legend else []


def test_the_checkin_charts_show_both_partners_from_revealed_weeks_only(dr_lee, progress):
    found = couple_page(dr_lee, progress)

    assert list(found) == [
        "Safety",
        "Trust",
        "Connection",
        "Hope",
        "How many, each week",
        "Average intensity",
        "Readiness, the lower of the two answers (weekly average)",
    ]
    expected = {
        "Safety": ((4, 6), (6, 7)),
        "Trust": ((3, 5), (5, 6)),
        "Connection": ((5, 6), (5, 6)),
        "Hope": ((6, 7), (7, 8)),
    }
    for title, (sams, alexs) in expected.items():
        svg = found[title]
        chart = read_line_chart(svg, slots=26)
        assert chart.series == {
            "hurt": last(26, w2=sams[0], w1=sams[1]),
            "involved": last(26, w2=alexs[0], w1=alexs[1]),
        }
        assert chart.runs == {"hurt": [[23, 24]], "involved": [[23, 24]]}
        assert chart.dots_on_every_point
        assert chart.y_labels == ["0", "5", "10"]
        assert chart.x_labels == [
            (0, "25 May"),
            (5, "29 Jun"),
            (10, "3 Aug"),
            (15, "7 Sep"),
            (20, "12 Oct"),
            (25, "16 Nov"),
        ]
        assert chart.label == (
            f"{title}, over the last 26 weeks. "
            f"Sam: from {sams[0]} to {sams[1]}. Alex: from {alexs[0]} to {alexs[1]}."
        )
        assert legend_of(svg) == ["Sam", "Alex"]
        table = table_of(svg)
        assert table.caption == title
        assert table.head == ["Week of", "Sam", "Alex"]
        assert table.rows == [
            ["2 Nov 2026", str(sams[0]), str(alexs[0])],
            ["9 Nov 2026", str(sams[1]), str(alexs[1])],
        ]


def test_the_trigger_charts_show_shared_triggers_only(dr_lee, progress):
    found = couple_page(dr_lee, progress)

    counts = found["How many, each week"]
    chart = read_bar_chart(counts, top=2)
    assert chart.values == [0] * 10 + [1, 2]
    assert chart.x_labels == TWELVE_WEEK_LABELS
    assert chart.label == "Shared triggers per week: 3 in the last 12 weeks."
    assert counts.parent.find("summary").text() == "Triggers per week as a table"
    table = table_of(counts)
    assert table.caption == "Shared triggers per week"
    assert table.head == ["Week of", "Triggers", "Average intensity"]
    assert table.rows == [["9 Nov 2026", "1", "4.0"], ["16 Nov 2026", "2", "7.0"]]

    intensity = found["Average intensity"]
    chart = read_line_chart(intensity, slots=12)
    assert chart.series == {"shared": last(12, w1=4, w0=7)}
    assert chart.dots_on_every_point
    assert chart.x_labels == TWELVE_WEEK_LABELS
    assert chart.label == (
        "Average intensity, over the last 12 weeks. Shared triggers: from 4.0 to 7.0."
    )
    assert legend_of(intensity) == []  # one line needs no legend
    table = table_of(intensity)
    assert table.head == ["Week of", "Shared triggers"]
    assert table.rows == [["9 Nov 2026", "4"], ["16 Nov 2026", "7"]]


def test_the_readiness_chart_shows_weekly_averages(dr_lee, progress):
    PacingPolicy.objects.create(couple=progress, therapist_ceiling=2)

    found = couple_page(dr_lee, progress)

    title = "Readiness, the lower of the two answers (weekly average)"
    chart = read_line_chart(found[title], slots=12)
    assert chart.series == {"hurt": last(12, w2=6, w1=5.5), "involved": last(12, w0=7)}
    assert chart.runs == {"hurt": [[9, 10]], "involved": [[11]]}
    assert chart.dots_on_every_point
    assert chart.label == (
        f"{title}, over the last 12 weeks. Sam: from 6.0 to 5.5. Alex: from 7.0 to 7.0."
    )
    assert table_of(found[title]).rows == [
        ["2 Nov 2026", "6", "–"],
        ["9 Nov 2026", "5.5", "–"],
        ["16 Nov 2026", "–", "7"],
    ]


def test_without_anything_shared_the_charts_say_so(dr_lee, hurt, involved, couple):
    with time_machine.travel(NOW, tick=False):
        link(couple, dr_lee, hurt, involved)

    found = couple_page(dr_lee, couple)

    chart = read_line_chart(found["Safety"], slots=26)
    assert chart.series == {"hurt": [None] * 26, "involved": [None] * 26}
    assert table_of(found["Safety"]) is None
    assert "Nothing in these weeks yet." in found["Safety"].parent.text()
    assert read_bar_chart(found["How many, each week"], top=1).values == [0] * 12
    assert "No shared triggers in these weeks." in found["How many, each week"].parent.text()


# --- The list of couples: a row per couple (a card on a phone), a trend line per rating


@pytest.fixture
def listed(dr_lee, hurt, involved, couple):
    with time_machine.travel(NOW, tick=False):
        couple.created_at = ago(200)
        couple.save(update_fields=["created_at"])
        link(couple, dr_lee, hurt, involved)
        sams_weeks = [(1, (7, 5, 6, 7)), (2, (6, 5, 6, 7)), (6, (5, 4, 6, 7)), (10, (4, 3, 9, 7))]
        for back, sams in sams_weeks:
            kept_week(couple, week(back), {hurt: sams, involved: (8, 7, 6, 5)})
        trigger(couple, hurt, ago(2), 8)
        trigger(couple, hurt, ago(5), 7)
        trigger(couple, hurt, ago(20), 4)
        agreement_in_force(couple, ago(38), hurt, involved)
        for days, hours in ((9, 10), (30, 20), (100, 1)):  # the last one is too long ago
            began = ago(days)
            Repair.objects.create(
                couple=couple,
                origin=Origin.PAUSE,
                began_at=began,
                started_at=began,
                completed_at=began + timedelta(hours=hours),
            )
        yield couple


def dashboard(dr_lee):
    with time_machine.travel(NOW, tick=False):
        page = parse(client_for(dr_lee).get(reverse("therapists:dashboard")).text)
    (row,) = page.find("table", "couple-table").find("tbody").find_all("tr")
    return row


def test_each_rating_has_a_trend_line_of_the_kept_weeks(dr_lee, listed):
    row = dashboard(dr_lee)

    cell = row.find("td", "col-ratings")
    label = "Latest check-in ratings (0 to 10), with the last 12 weeks"
    assert cell.attrs["data-label"] == label
    ratings = [span for span in cell.find_all("span") if "data-field" in span.attrs]
    # Each partner on a line of their own, then each rating by name with its latest value.
    assert [line.find(cls="who").text() for line in cell.find_all("div", "rating-line")] == [
        "Sam, Hurt partner",
        "Alex, Involved partner",
    ]
    assert [(r.find(cls="rating-name").text(), r.find(cls="latest").text()) for r in ratings] == [
        ("Safety", "7"),
        ("Trust", "5"),
        ("Connection", "6"),
        ("Safety", "8"),
        ("Trust", "7"),
        ("Connection", "6"),
    ]
    lines = [read_sparkline(svg) for svg in row.find_all("svg") if "spark" in svg.classes]
    assert [line.label for line in lines] == [
        "Safety, Sam, kept weeks of the last 12: 4, 5, 6, 7",
        "Trust, Sam, kept weeks of the last 12: 3, 4, 5, 5",
        "Connection, Sam, kept weeks of the last 12: 9, 6, 6, 6",
        "Safety, Alex, kept weeks of the last 12: 8, 8, 8, 8",
        "Trust, Alex, kept weeks of the last 12: 7, 7, 7, 7",
        "Connection, Alex, kept weeks of the last 12: 6, 6, 6, 6",
    ]
    # Twelve weeks from left to right (this week is the last), 0 to 10 from bottom to
    # top; a week without a check-in breaks the line.
    assert {line.view_box for line in lines} == {"0 0 48 18"}
    safety = lines[0]
    assert safety.points == [[(6.41, 10.3)], [(22.05, 9.0)], [(37.68, 7.7), (41.59, 6.4)]]
    assert safety.last_dot == (41.59, 6.4)
    assert lines[3].points == [[(6.41, 5.1)], [(22.05, 5.1)], [(37.68, 5.1), (41.59, 5.1)]]
    classes = [rating.attrs["class"] for rating in ratings]
    assert classes == ["rating-hurt"] * 3 + ["rating-involved"] * 3


def test_each_row_states_the_facts_around_the_trend_lines(dr_lee, listed):
    row = dashboard(dr_lee)

    name = row.find("th")
    assert name.text() == "Sam & Alex"
    assert name.find("a").attrs["href"] == reverse("therapists:couple_detail", args=[listed.pk])
    assert "needs-attention" in row.classes
    assert [flag.text() for flag in row.find_all("li", "flag")] == [
        "Trigger intensity rising",
        "Review overdue",
    ]
    facts = {
        cell.attrs["data-label"]: cell.text()
        for cell in row.find_all("td")
        if "col-ratings" not in cell.classes and cell.attrs.get("data-field") != "flags"
    }
    assert facts == {
        "Started": "2 May 2026 Sharing with you since 18 November 2026",
        "Last check-in": "15 Nov 2026 Checked in 2 of the last 4 weeks · 4 of the last 12",
        "Shared triggers, last 14 days": "2 triggers, average intensity 7.5 "
        "Intensity rising (the four weeks before: 4.0)",
        "Agreement": "Version 1, since 11 Oct 2026 Review overdue (due 10 Nov)",
        "Repairs, last 12 weeks": "2 finished, back in 15 hours (median)",
        "Open tier": "0, Steadying",
        "Latest CSI-4 (0 to 21)": "Sam: not answered Alex: not answered",
        "Practice, last 4 weeks": "None",
    }
