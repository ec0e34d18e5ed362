"""Entries brought to the check-in: that week's (couple's time zone), shared at the reveal."""

from datetime import UTC, date, datetime

import pytest
from django.template.loader import render_to_string

from accounts.models import Membership
from tests.factories import make_couple, make_user
from triggers.models import Sharing, Trigger

from .builders import log

MONDAY, SUNDAY = date(2026, 3, 9), date(2026, 3, 15)
REVEAL = datetime(2026, 3, 16, 19, 0, tzinfo=UTC)


@pytest.fixture
def berlin(couple):
    couple.timezone = "Europe/Berlin"
    couple.save(update_fields=["timezone"])
    return couple


def utc(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def test_the_week_follows_the_couples_time_zone(berlin, hurt, involved):
    first = log(hurt, occurred_at=utc(8, 23, 30))  # Monday 00:30 in Berlin
    last = log(involved, occurred_at=utc(15, 22, 30))  # Sunday 23:30 in Berlin
    log(hurt, occurred_at=utc(8, 22, 30))  # the Sunday before, in Berlin
    log(hurt, occurred_at=utc(15, 23, 30))  # the Monday after, in Berlin

    entries = Trigger.objects.for_checkin_week(berlin, MONDAY, SUNDAY)

    assert list(entries) == [first, last]


def test_only_entries_marked_for_the_check_in_are_brought(berlin, hurt, involved):
    kept = log(hurt, occurred_at=utc(10, 12))
    log(hurt, occurred_at=utc(10, 13), sharing=Sharing.PRIVATE)
    log(hurt, occurred_at=utc(10, 14), sharing=Sharing.SHARE_NOW)
    robin = make_user("robin@example.test")
    make_couple(robin, make_user("jamie@example.test"))
    log(robin, occurred_at=utc(10, 12))

    assert list(Trigger.objects.for_checkin_week(berlin, MONDAY, SUNDAY)) == [kept]


def test_the_reveal_shares_them_for_good(berlin, hurt, involved):
    entry = log(hurt, occurred_at=utc(11, 20))
    partner = Membership.objects.get(user=involved)
    assert not Trigger.objects.visible_to(partner).filter(pk=entry.pk).exists()

    week = Trigger.objects.for_checkin_week(berlin, MONDAY, SUNDAY)
    assert week.mark_shared(REVEAL) == 1
    assert week.mark_shared(datetime(2026, 4, 1, tzinfo=UTC)) == 0  # idempotent

    entry.refresh_from_db()
    assert entry.shared_at == REVEAL
    assert Trigger.objects.visible_to(partner).filter(pk=entry.pk).exists()
    entry.revise({"sharing": Sharing.PRIVATE}, datetime(2026, 4, 2, tzinfo=UTC))
    assert Trigger.objects.visible_to(partner).filter(pk=entry.pk).exists()


def test_the_fragment_shows_category_intensity_time_and_texts(berlin, hurt, involved):
    log(
        hurt,
        occurred_at=utc(11, 20),
        intensity=7,
        what_happened="Saw the café",
        body_response="Tight chest",
        what_helped="Breathing together",
    )

    html = render_to_string(
        "triggers/_checkin_entries.html",
        {
            "checkin_triggers": Trigger.objects.for_checkin_week(berlin, MONDAY, SUNDAY),
            "user": involved,
        },
    )

    for expected in (
        "Social media",
        "7/10",
        "Saw the café",
        "Tight chest",
        "Breathing together",
        "Sam",
        "Wed 11 Mar, 20:00",
    ):
        assert expected in html


def test_the_fragment_says_so_when_nothing_was_brought(couple, involved):
    html = render_to_string(
        "triggers/_checkin_entries.html", {"checkin_triggers": [], "user": involved}
    )

    assert "No trigger entries were brought to this check-in." in html
