"""The reveal itself brings the "bring to the check-in" entries: the partner and the
therapist see them right after the second answer, before anyone opens a page."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from accounts.models import Membership
from checkins import weeks
from checkins.models import CheckIn
from therapists.dashboard import couples_of
from triggers.models import Sharing, Trigger

from ..therapists.builders import link, make_profile
from ..triggers.builders import log
from .conftest import answer_data, week_url

NOW = datetime(2026, 11, 18, 10, tzinfo=UTC)  # a Wednesday


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def partner_sees(user, entry) -> bool:
    membership = Membership.objects.active().get(user=user)
    return Trigger.objects.visible_to(membership).filter(pk=entry.pk).exists()


def counted_for(therapist, couple) -> int:
    (summary,) = [s for s in couples_of(therapist, NOW) if s.couple_id == couple.pk]
    return summary.triggers_recent


def test_the_second_answer_shares_the_entries_with_partner_and_therapist(
    couple, hurt, involved, therapist, frozen
):
    make_profile(therapist)
    link(couple, therapist, hurt, involved)
    entry = log(hurt, now=NOW - timedelta(days=1))
    private = log(hurt, now=NOW - timedelta(days=1), sharing=Sharing.PRIVATE)
    checkin = CheckIn.objects.current_for(couple)

    checkin.submit(hurt, answer_data())
    assert not partner_sees(involved, entry)
    assert counted_for(therapist, couple) == 0

    checkin.submit(involved, answer_data())

    assert partner_sees(involved, entry)
    assert not partner_sees(involved, private)
    assert counted_for(therapist, couple) == 1
    entry.refresh_from_db()
    assert entry.shared_at == NOW


def test_entries_waiting_from_a_missed_week_come_to_the_next_check_in(
    couple, hurt, involved, frozen
):
    missed_week = log(hurt, now=NOW - timedelta(days=10))
    next_week = log(hurt, now=NOW + timedelta(days=7))
    checkin = CheckIn.objects.current_for(couple)

    checkin.submit(hurt, answer_data())
    checkin.submit(involved, answer_data())

    assert partner_sees(involved, missed_week)
    assert not partner_sees(involved, next_week)


def test_the_week_page_shows_the_partner_only_what_was_shared(
    client, couple, hurt, involved, frozen
):
    brought = log(hurt, now=NOW - timedelta(days=1), what_happened="MARKER-BROUGHT")
    checkin = CheckIn.objects.current_for(couple)
    checkin.submit(hurt, answer_data())
    checkin.submit(involved, answer_data())
    # Logged after the reveal: it waits for the next check-in, not shown to the partner yet.
    log(hurt, now=NOW + timedelta(hours=1), what_happened="MARKER-LATER")

    client.force_login(involved)
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        page = client.get(week_url("week", weeks.week_start_for(NOW, couple.zone)))

    assert brought.what_happened in page.text
    assert "MARKER-LATER" not in page.text
