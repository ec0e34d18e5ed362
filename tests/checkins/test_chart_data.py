"""What the check-in history's charts show: each rating's values week by week, read off
the chart through its own axis, and the same figures in the table beside it. Written
down once so that however the charts are drawn, they keep showing the same data."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from checkins.models import Answer, CheckIn

from ..chart_reader import charts, heading_of, parse, read_line_chart, table_of
from ..conftest import client_for

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)  # a Wednesday
THIS_WEEK = date(2026, 3, 2)


def week(back: int) -> date:
    return THIS_WEEK - timedelta(weeks=back)


def answer(checkin, author, safety, trust, connection, hope):
    Answer.objects.create(
        checkin=checkin,
        author=author,
        submitted_at=NOW - timedelta(days=1),
        safety=safety,
        trust=trust,
        connection=connection,
        hope=hope,
    )


@pytest.fixture
def history(couple, hurt, involved):
    """Five weeks ago, three and two: both shared. Four weeks ago: nothing. Last week:
    only Sam has answered, so the week is still sealed."""
    with time_machine.travel(NOW, tick=False):
        for back, sams, alexs in [
            (5, (3, 4, 5, 6), (5, 5, 6, 7)),
            (3, (6, 5, 7, 8), (7, 6, 6, 9)),
            (2, (10, 0, 7, 8), (0, 10, 6, 9)),
        ]:
            checkin = CheckIn.objects.create(couple=couple, week_start=week(back), revealed_at=NOW)
            answer(checkin, hurt, *sams)
            answer(checkin, involved, *alexs)
        sealed = CheckIn.objects.create(couple=couple, week_start=week(1))
        answer(sealed, hurt, 8, 8, 8, 8)
        yield


def page_charts(user, **query):
    with time_machine.travel(NOW, tick=False):
        response = client_for(user).get(reverse("checkins:history"), query)
    page = parse(response.text)
    return page, charts(page)


TWELVE_WEEK_LABELS = [
    (0, "15 Dec"),
    (2, "29 Dec"),
    (4, "12 Jan"),
    (6, "26 Jan"),
    (8, "9 Feb"),
    (10, "23 Feb"),
]


def twelve(**values) -> list:
    """A series over the twelve weeks shown, from {weeks back: value}."""
    series = [None] * 12
    for back, value in values.items():
        series[11 - int(back[1:])] = value
    return series


def test_sams_charts_show_her_own_sealed_answer_and_alexs_shared_ones(history, hurt):
    page, found = page_charts(hurt)

    assert [heading_of(svg) for svg in found] == ["Safety", "Trust", "Connection", "Hope"]
    expected = {
        "Safety": ((3, 6, 10, 8), (5, 7, 0)),
        "Trust": ((4, 5, 0, 8), (5, 6, 10)),
        "Connection": ((5, 7, 7, 8), (6, 6, 6)),
        "Hope": ((6, 8, 8, 8), (7, 9, 9)),
    }
    for svg in found:
        sams, alexs = expected[heading_of(svg)]
        chart = read_line_chart(svg, slots=12)
        assert chart.series == {
            "self": twelve(w5=sams[0], w3=sams[1], w2=sams[2], w1=sams[3]),
            "partner": twelve(w5=alexs[0], w3=alexs[1], w2=alexs[2]),
        }
        # A week without an answer breaks the line rather than joining across it.
        assert chart.runs == {"self": [[6], [8, 9, 10]], "partner": [[6], [8, 9]]}
        assert chart.dots_on_every_point
        assert chart.y_labels == ["0", "5", "10"]
        assert chart.x_labels == TWELVE_WEEK_LABELS
        table = table_of(svg)
        assert table.head == ["Week of", "You", "Alex"]
        assert table.rows == [
            ["26 Jan 2026", str(sams[0]), str(alexs[0])],
            ["9 Feb 2026", str(sams[1]), str(alexs[1])],
            ["16 Feb 2026", str(sams[2]), str(alexs[2])],
            ["23 Feb 2026", str(sams[3]), "–"],
        ]

    safety = found[0]
    assert read_line_chart(safety, 12).label == (
        "Safety from 0 to 10, over the last 12 weeks. You: from 3 to 8. Alex: from 5 to 0."
    )
    assert table_of(safety).caption == "Safety"
    figure = safety.parent
    assert figure.find("figcaption").text() == "You: average 6.8 · Alex: average 4.0"
    assert figure.find("summary").text() == "Safety as a table"
    legend = page.find("p", "legend")
    assert [item.text() for item in legend.find_all("span")] == ["You", "Alex"]


def test_alex_never_sees_sams_sealed_answer_in_a_chart_or_a_table(history, involved):
    _page, found = page_charts(involved)

    safety = read_line_chart(found[0], slots=12)
    assert safety.series == {"self": twelve(w5=5, w3=7, w2=0), "partner": twelve(w5=3, w3=6, w2=10)}
    assert safety.label == (
        "Safety from 0 to 10, over the last 12 weeks. You: from 5 to 0. Sam: from 3 to 10."
    )
    assert table_of(found[0]).rows == [
        ["26 Jan 2026", "5", "3"],
        ["9 Feb 2026", "7", "6"],
        ["16 Feb 2026", "0", "10"],
    ]


def test_a_longer_span_shows_more_weeks_with_fewer_labels(history, hurt):
    _page, found = page_charts(hurt, span="26")

    chart = read_line_chart(found[0], slots=26)
    assert chart.series["self"][-6:] == [3, None, 6, 10, 8, None]
    assert chart.series["self"][:-6] == [None] * 20
    assert chart.x_labels == [
        (0, "8 Sep"),
        (5, "13 Oct"),
        (10, "17 Nov"),
        (15, "22 Dec"),
        (20, "26 Jan"),
        (25, "2 Mar"),
    ]
    assert chart.label.startswith("Safety from 0 to 10, over the last 26 weeks.")
    assert len(table_of(found[0]).rows) == 4


def test_weeks_with_nothing_shared_say_so_instead_of_an_empty_table(couple, hurt):
    _page, found = page_charts(hurt)

    assert len(found) == 4
    chart = read_line_chart(found[0], slots=12)
    assert chart.series == {"self": [None] * 12, "partner": [None] * 12}
    assert table_of(found[0]) is None
    assert "Nothing shared in these weeks yet." in found[0].parent.text()
    assert chart.label == (
        "Safety from 0 to 10, over the last 12 weeks. You: nothing shared yet. "
        "Alex: nothing shared yet."
    )
