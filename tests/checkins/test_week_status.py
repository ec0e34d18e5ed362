"""The current week's status for the couple home page: who has submitted, nothing more."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from checkins.models import CheckIn, WeekStatus

from .conftest import answer_data

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def status(user):
    return CheckIn.objects.status_for(user.memberships.get())


def this_week(user):
    found = status(user)
    return WeekStatus(found.week_start, found.you_submitted, found.partner_submitted)


def test_nobody_has_submitted_a_week_nobody_opened(hurt, involved, couple):
    assert this_week(hurt) == WeekStatus(date(2026, 3, 2), False, False)
    assert not CheckIn.objects.exists()  # asking does not create anything


def test_each_partner_sees_who_has_submitted(hurt, involved, couple):
    checkin = CheckIn.objects.current_for(couple)
    checkin.save_draft(involved, answer_data())
    checkin.submit(hurt, answer_data())

    assert this_week(hurt) == WeekStatus(date(2026, 3, 2), True, False)
    assert this_week(involved) == WeekStatus(date(2026, 3, 2), False, True)
    assert not status(hurt).revealed


def test_both_submitted_means_revealed(hurt, involved, couple):
    checkin = CheckIn.objects.current_for(couple)
    checkin.submit(hurt, answer_data())
    checkin.submit(involved, answer_data())

    assert status(involved).revealed


def test_last_week_is_offered_until_it_is_shared(hurt, involved, couple):
    last_week = date(2026, 2, 23)
    assert status(hurt).late_week == last_week

    CheckIn.objects.answerable_week(couple, last_week).submit(hurt, answer_data())

    assert status(hurt).late_week is None
    assert status(involved).late_week == last_week


def test_no_last_week_before_the_couple_began(hurt, involved, couple):
    couple.created_at = NOW
    couple.save(update_fields=["created_at"])

    assert status(hurt).late_week is None


def test_the_status_takes_one_query(hurt, couple, django_assert_num_queries):
    membership = hurt.memberships.select_related("couple").get()

    with django_assert_num_queries(1):
        CheckIn.objects.status_for(membership)
