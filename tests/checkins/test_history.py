from datetime import UTC, date, datetime, timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse

from checkins.history import WEEKS_PER_PAGE
from checkins.models import Answer, CheckIn

from ..conftest import client_for
from .conftest import answer_data, revealed_week, week_url

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
THIS_WEEK = date(2026, 3, 2)
# The same bounds for one week and for three years (session and login included).
HISTORY_QUERIES = 11
WEEK_PAGE_QUERIES = 14


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def weeks_ago(count: int) -> date:
    return THIS_WEEK - timedelta(weeks=count)


def years_of_checkins(couple, hurt, involved, count: int) -> None:
    """`count` weeks, each answered by both partners, ending last week."""
    checkins = CheckIn.objects.bulk_create(
        CheckIn(
            couple=couple,
            week_start=weeks_ago(count - index),
            revealed_at=NOW,
            joint_note="",
        )
        for index in range(count)
    )
    Answer.objects.bulk_create(
        Answer(
            checkin=checkin,
            author=author,
            submitted_at=NOW,
            safety=index % 11,
            trust=5,
            connection=6,
            hope=7,
            win_text=f"win {index}",
        )
        for index, checkin in enumerate(checkins)
        for author in (hurt, involved)
    )


@pytest.mark.parametrize("page", ["1", "7"])
@pytest.mark.parametrize("weeks", [1, 150])
def test_history_runs_a_bounded_number_of_queries(
    hurt, involved, couple, weeks, page, django_assert_max_num_queries
):
    years_of_checkins(couple, hurt, involved, weeks)
    client = client_for(hurt)

    with django_assert_max_num_queries(HISTORY_QUERIES):
        response = client.get(reverse("checkins:history"), {"span": "all", "page": page})

    assert response.status_code == HTTPStatus.OK
    assert len(response.context["history"].trends[0].rows) == weeks
    body = response.content.decode()
    assert body.count('role="img"') == 4  # one chart per rating
    assert f"{weeks} week{'s' if weeks > 1 else ''} kept in a row" in body


@pytest.mark.parametrize("weeks", [1, 150])
def test_the_week_page_runs_a_bounded_number_of_queries(
    hurt, involved, couple, weeks, django_assert_max_num_queries
):
    years_of_checkins(couple, hurt, involved, weeks)
    client = client_for(hurt)

    with django_assert_max_num_queries(WEEK_PAGE_QUERIES):
        response = client.get(reverse("checkins:this_week"))

    assert response.status_code == HTTPStatus.OK


def test_history_shows_kept_and_missed_weeks_and_the_streak(hurt, involved, couple):
    couple.created_at = datetime(2026, 1, 20, tzinfo=UTC)  # a Tuesday, week of 19 January
    couple.save(update_fields=["created_at"])
    revealed_week(couple, hurt, involved, date(2026, 1, 19))
    revealed_week(couple, hurt, involved, date(2026, 1, 26))
    # 2 February: nobody opened it. 9 February: only Sam shared.
    only_sam = CheckIn.objects.create(couple=couple, week_start=date(2026, 2, 9))
    Answer.objects.create(checkin=only_sam, author=hurt, submitted_at=NOW, **answer_data())
    revealed_week(couple, hurt, involved, date(2026, 2, 16))
    # 23 February (last week) can still be answered late; 2 March is this week.

    response = client_for(hurt).get(reverse("checkins:history"))

    history = response.context["history"]
    assert [(week.week_start, week.state) for week in history.weeks] == [
        (date(2026, 3, 2), "open"),
        (date(2026, 2, 23), "open"),
        (date(2026, 2, 16), "kept"),
        (date(2026, 2, 9), "missed"),
        (date(2026, 2, 2), "missed"),
        (date(2026, 1, 26), "kept"),
        (date(2026, 1, 19), "kept"),
    ]
    assert history.streak == 1  # open weeks neither count nor break it
    assert history.kept == 3
    body = response.content.decode()
    assert "1 week kept in a row" in body
    assert "3 of 7 weeks kept so far" in body


def test_the_streak_counts_consecutive_kept_weeks(hurt, involved, couple):
    for count in range(1, 5):
        revealed_week(couple, hurt, involved, weeks_ago(count))
    revealed_week(couple, hurt, involved, weeks_ago(6))

    history = client_for(hurt).get(reverse("checkins:history")).context["history"]

    assert history.streak == 4


def test_small_wins_come_only_from_weeks_both_have_shared(hurt, involved, couple):
    revealed_week(couple, hurt, involved, weeks_ago(2), win_text="Alex made tea without asking")
    last_week = CheckIn.objects.create(couple=couple, week_start=weeks_ago(1))
    last_week.submit(involved, answer_data() | {"win_text": "Sealed win of Alex"})

    for person in (hurt, involved):
        body = client_for(person).get(reverse("checkins:history")).content.decode()
        assert "Alex made tea without asking" in body
        assert "Sealed win of Alex" not in body  # not even for its author: wins are shared ones


def test_charts_have_a_text_alternative_with_both_partners(hurt, involved, couple):
    revealed_week(couple, hurt, involved, weeks_ago(2), rating=4)
    checkin = revealed_week(couple, hurt, involved, weeks_ago(1), rating=7)
    Answer.objects.filter(checkin=checkin, author=involved).update(safety=8)

    response = client_for(hurt).get(reverse("checkins:history"))

    body = response.content.decode()
    assert '<svg class="line-chart"' in body
    assert 'aria-label="Safety from 0 to 10, over the last 12 weeks. You: from 4 to 7. ' in body
    assert "Alex: from 4 to 8." in body
    assert '<th scope="col">You</th><th scope="col">Alex</th>' in body
    assert '<th scope="row">23 Feb 2026</th><td>7</td><td>8</td>' in body
    safety = response.context["history"].trends[0]
    assert [round(average, 1) for _person, average in safety.averages] == [5.5, 6.0]


def test_a_longer_span_comes_as_an_htmx_fragment(hurt, involved, couple):
    revealed_week(couple, hurt, involved, weeks_ago(40), rating=3)

    short = client_for(hurt).get(reverse("checkins:history"))
    everything = client_for(hurt).get(
        reverse("checkins:history"), {"span": "all"}, headers={"HX-Request": "true"}
    )

    assert short.context["history"].trends[0].rows == []
    body = everything.content.decode()
    assert "<html" not in body
    assert 'id="trends"' in body
    assert '<th scope="row">' + weeks_ago(40).strftime("%-d %b %Y") + "</th><td>3</td>" in body


@pytest.mark.parametrize("span", ["", "1000", "abc"])
def test_an_unknown_span_falls_back_to_twelve_weeks(hurt, couple, span):
    response = client_for(hurt).get(reverse("checkins:history"), {"span": span})

    assert response.status_code == HTTPStatus.OK
    assert response.context["history"].span == "12"


def test_a_new_couple_sees_a_calm_empty_history(hurt, couple):
    couple.created_at = NOW
    couple.save(update_fields=["created_at"])

    response = client_for(hurt).get(reverse("checkins:history"))

    body = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "0 weeks kept in a row" in body
    assert "will gather here" in body


def test_the_streak_reaches_past_the_weeks_listed(hurt, involved, couple):
    years_of_checkins(couple, hurt, involved, 30)

    response = client_for(hurt).get(reverse("checkins:history"))

    history = response.context["history"]
    assert history.streak == 30 and history.kept == 30
    assert len(history.weeks) == WEEKS_PER_PAGE
    assert "30 weeks kept in a row" in response.content.decode()


@pytest.mark.parametrize(
    ("shared", "streak"),
    [
        ({0, 1, 2, 3}, 4),  # this week and last week count once shared
        ({0, 2, 3}, 3),  # last week can still be shared: it does not break the run
        ({1, 3, 4}, 1),  # two weeks ago was missed
        (set(), 0),
    ],
)
def test_weeks_still_open_neither_break_nor_pad_the_streak(hurt, involved, couple, shared, streak):
    for count in shared:
        revealed_week(couple, hurt, involved, weeks_ago(count))

    assert client_for(hurt).get(reverse("checkins:history")).context["history"].streak == streak


def test_older_weeks_are_on_later_pages(hurt, involved, couple):
    revealed_week(couple, hurt, involved, weeks_ago(13), win_text="Thirteen weeks ago")
    client = client_for(hurt)

    first = client.get(reverse("checkins:history"))
    second = client.get(reverse("checkins:history"), {"page": "2", "span": "26"})

    assert [week.week_start for week in first.context["history"].weeks] == [
        weeks_ago(count) for count in range(12)
    ]
    assert [week.week_start for week in second.context["history"].weeks] == [
        weeks_ago(count) for count in range(12, 24)
    ]
    total = second.context["history"].page.paginator.num_pages
    assert total == -(-second.context["history"].total_weeks // WEEKS_PER_PAGE)
    html = second.content.decode()
    assert f"Page 2 of {total}" in html
    assert '<a href="?span=26" hx-get="?span=26" hx-target="#weeks"' in html
    assert '<a href="?span=26&amp;page=3" hx-get="?span=26&amp;page=3"' in html
    assert 'href="?span=all&amp;page=2"' in html  # a longer span keeps the page of weeks
    assert f'<a href="{week_url("week", weeks_ago(13))}">Week of 1 Dec 2025</a>' in html
    assert '<span class="badge badge-kept">Kept</span>' in html
    assert '<span class="badge badge-missed">Missed</span>' in html


@pytest.mark.parametrize("asked", ["0", "-3", "9999", "99999999999999999999999999"])
def test_a_page_past_the_end_shows_the_oldest_weeks(hurt, couple, asked):
    response = client_for(hurt).get(reverse("checkins:history"), {"page": asked})

    assert response.status_code == HTTPStatus.OK
    history = response.context["history"]
    assert history.page.number == history.page.paginator.num_pages
    first_week = couple.created_at.date() - timedelta(days=couple.created_at.weekday())
    assert history.weeks[-1].week_start == first_week


@pytest.mark.parametrize("asked", ["abc", "2.5", ""])
def test_a_page_that_is_not_a_number_shows_the_newest_weeks(hurt, couple, asked):
    response = client_for(hurt).get(reverse("checkins:history"), {"page": asked})

    assert response.status_code == HTTPStatus.OK
    assert response.context["history"].weeks[0].week_start == THIS_WEEK


def test_other_weeks_come_as_an_htmx_fragment(hurt, couple):
    response = client_for(hurt).get(
        reverse("checkins:history"),
        {"page": "2"},
        headers={"HX-Request": "true", "HX-Target": "weeks"},
    )

    body = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert body.lstrip().startswith('<section id="weeks"')
    assert "<html" not in body and 'id="trends"' not in body
    assert body.count('<li class="week">') == WEEKS_PER_PAGE
