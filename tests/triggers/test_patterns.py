"""Patterns: aggregated in the database, in the person's time zone, with bounded queries."""

import random
from datetime import UTC, datetime, timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Membership
from tests.conftest import client_for
from triggers.models import Category, Sharing, Trigger
from triggers.patterns import summarise

from ..chart_reader import bars_of, charts, parse
from .builders import log

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
NEW_YORK = "America/New_York"


@pytest.fixture
def sam(couple, hurt):
    hurt.timezone = NEW_YORK
    hurt.save(update_fields=["timezone"])
    return hurt


def at(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def patterns(user, **query):
    with time_machine.travel(NOW, tick=False):
        return client_for(user).get(reverse("triggers:patterns"), query)


def test_time_of_day_and_weekday_are_in_the_persons_time_zone(sam):
    # 02:00 UTC on Tuesday 3 March is 21:00 on Monday 2 March in New York.
    log(sam, occurred_at=at(3, 2), intensity=5)

    summary = patterns(sam).context["summary"]

    assert dict(summary.by_hour)[21] == 1
    assert dict(summary.by_weekday)[1] == 1
    assert sum(n for _, n in summary.by_hour) == sum(n for _, n in summary.by_weekday) == 1


def test_counts_by_category_and_weekly_average_intensity(sam):
    # Monday 9 March (local) week: 4 and 8; week of 16 March: 3.
    log(sam, occurred_at=at(9, 15), intensity=4, category=Category.PLACE)
    log(sam, occurred_at=at(12, 15), intensity=8, category=Category.PLACE)
    log(sam, occurred_at=at(16, 15), intensity=3, category=Category.CONFLICT)
    log(sam, occurred_at=at(1, 15) - timedelta(days=200), intensity=10)  # outside 3 months

    response = patterns(sam)

    summary = response.context["summary"]
    assert summary.total == 3
    assert dict(summary.by_category)[Category.PLACE.label] == 2
    assert dict(summary.by_category)[Category.CONFLICT.label] == 1
    weeks = [(day.isoformat(), round(avg, 1), n) for day, avg, n in summary.intensity]
    assert weeks == [("2026-03-09", 6.0, 2), ("2026-03-16", 3.0, 1)]
    html = response.content.decode()
    assert html.count('role="img"') == 4
    assert html.count("<table") == 4


def test_each_chart_has_its_figures_as_a_table(sam):
    # One week of four entries, averaging 6.25: shown as 6.3, rounded half up.
    for day, intensity in [(9, 6), (10, 6), (11, 6), (12, 7)]:
        log(sam, occurred_at=at(day, 15), intensity=intensity, category=Category.PLACE)

    html = patterns(sam).content.decode()

    assert '<th scope="row">9 Mar 2026</th><td>6.3</td><td>4</td>' in html
    assert '<th scope="row">11:00</th><td>4</td>' in html  # 15:00 UTC in New York
    assert '<th scope="row">A place</th><td>4</td>' in html
    assert '<th scope="row">Thursday</th><td>1</td>' in html
    bars = [len(bars_of(svg)) for svg in charts(parse(html))]
    assert bars == [8, 1, 24, 7]  # categories, weeks, hours, days


def test_a_span_with_nothing_logged_says_so_without_charts(sam):
    log(sam, occurred_at=at(1, 15) - timedelta(days=200))  # before the 3 months shown

    html = patterns(sam).content.decode()

    assert "Nothing logged in this time span." in html
    assert 'role="img"' not in html


def test_all_time_is_shown_by_month(sam):
    log(sam, occurred_at=at(9, 15) - timedelta(days=200), intensity=10)
    log(sam, occurred_at=at(9, 15), intensity=2)

    summary = patterns(sam, range="all").context["summary"]

    assert summary.by_month
    assert [(day.isoformat(), avg) for day, avg, _ in summary.intensity] == [
        ("2025-08-01", 10),
        ("2026-03-01", 2),
    ]


def reassured(user, shared_at, minutes):
    trigger = log(user, sharing=Sharing.SHARE_NOW, now=shared_at, occurred_at=shared_at)
    trigger.reassure(user, "ok", shared_at + timedelta(minutes=minutes))


@pytest.mark.parametrize(
    ("waits", "median"), [([60, 5, 10], 10), ([60, 5, 10, 20], 15)], ids=["odd", "even"]
)
def test_median_time_to_reassurance(sam, waits, median):
    for index, minutes in enumerate(waits):
        reassured(sam, at(10 + index, 12), minutes)
    log(sam, sharing=Sharing.SHARE_NOW, occurred_at=at(15, 1))  # not reassured yet

    response = patterns(sam)

    assert response.context["summary"].median_wait == timedelta(minutes=median)
    assert response.context["summary"].reassured == len(waits)
    assert f"{median} minutes" in response.content.decode()


def test_the_partner_sees_patterns_of_shared_entries_only(sam, involved):
    log(sam, occurred_at=at(10, 12), sharing=Sharing.SHARE_NOW, category=Category.MEMORY)
    log(sam, occurred_at=at(11, 12), sharing=Sharing.PRIVATE, category=Category.PLACE)
    log(sam, occurred_at=at(12, 12), sharing=Sharing.AT_CHECKIN, category=Category.PLACE)

    partner_view = patterns(involved, of="partner").context["summary"]
    own_view = patterns(sam).context["summary"]

    assert partner_view.total == 1
    assert dict(partner_view.by_category)[Category.PLACE.label] == 0
    assert own_view.total == 3


def bulk_history(user, count):
    membership = Membership.objects.get(user=user)
    rng = random.Random(4)
    entries = []
    for index in range(count):
        occurred = NOW - timedelta(hours=index * 3 + rng.randint(0, 2))
        shared = rng.random() < 0.5
        entries.append(
            Trigger(
                couple=membership.couple,
                author=user,
                occurred_at=occurred,
                created_at=occurred,
                category=rng.choice(Category.values),
                intensity=rng.randint(0, 10),
                sharing=Sharing.SHARE_NOW if shared else Sharing.PRIVATE,
                shared_at=occurred if shared else None,
                first_reassured_at=occurred + timedelta(minutes=rng.randint(1, 300))
                if shared
                else None,
            )
        )
    Trigger.objects.bulk_create(entries, batch_size=1000)


@pytest.mark.parametrize("count", [10, 5000])
@pytest.mark.parametrize("span", ["3m", "12m", "all"])
def test_the_pattern_page_runs_a_bounded_number_of_queries(
    sam, involved, count, span, django_assert_max_num_queries
):
    bulk_history(sam, count)
    url = reverse("triggers:patterns")
    sams_client, alexs_client = client_for(sam), client_for(involved)

    # The session, the person and their membership, one query for every count, one for
    # the median, one for the time to come back after a repair, the navigation's count
    # of what's new, and three to save the session on its first request.
    with time_machine.travel(NOW, tick=False):
        with django_assert_max_num_queries(10):
            own = sams_client.get(url, {"range": span})
        with django_assert_max_num_queries(10):
            partner = alexs_client.get(url, {"of": "partner", "range": span})

    assert own.status_code == partner.status_code == HTTPStatus.OK
    assert own.context["summary"].total > partner.context["summary"].total > 0


def test_summarise_aggregates_in_the_database(sam, django_assert_num_queries):
    bulk_history(sam, 300)
    entries = Trigger.objects.filter(author=sam)

    with django_assert_num_queries(2):  # every count in one query, the median in one more
        summary = summarise(entries, sam.zone, since=None)

    assert summary.total == 300
    assert sum(n for _, _, n in summary.intensity) == 300


@pytest.mark.parametrize("count", [10, 2000])
def test_the_trigger_list_runs_a_bounded_number_of_queries(
    sam, involved, count, django_assert_max_num_queries
):
    bulk_history(sam, count)

    for user in (sam, involved):
        client = client_for(user)
        with django_assert_max_num_queries(14):
            assert client.get(reverse("triggers:index")).status_code == HTTPStatus.OK


def test_the_kept_figures_follow_every_change_to_the_entries(sam, involved):
    """The figures are kept in the cache until a trigger of the couple changes: a new
    entry, a change of sharing, a first reassurance, entries shared at a check-in."""
    private = log(sam, occurred_at=at(10, 12), sharing=Sharing.PRIVATE)
    brought = log(sam, occurred_at=at(11, 12), sharing=Sharing.AT_CHECKIN)
    assert patterns(involved, of="partner").context["summary"].total == 0

    log(sam, occurred_at=at(12, 12), sharing=Sharing.SHARE_NOW)
    assert patterns(involved, of="partner").context["summary"].total == 1

    private.revise({"sharing": Sharing.SHARE_NOW}, at(13, 12))
    assert patterns(involved, of="partner").context["summary"].total == 2

    Trigger.objects.filter(pk=brought.pk).mark_shared(at(14, 12))
    summary = patterns(involved, of="partner").context["summary"]
    assert summary.total == 3
    assert summary.reassured == 0

    private.reassure(involved, "I'm here", at(13, 12) + timedelta(minutes=30))
    summary = patterns(involved, of="partner").context["summary"]
    assert (summary.reassured, summary.median_wait) == (1, timedelta(minutes=30))
    assert patterns(sam).context["summary"].total == 3  # the author's own view


def test_an_entry_leaves_the_kept_figures_when_it_leaves_the_span(sam):
    log(sam, occurred_at=NOW - timedelta(days=90), intensity=9)
    log(sam, occurred_at=NOW - timedelta(days=2), intensity=3)
    assert patterns(sam).context["summary"].total == 2

    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        summary = client_for(sam).get(reverse("triggers:patterns")).context["summary"]

    assert summary.total == 1
    assert [n for _day, _avg, n in summary.intensity] == [1]
