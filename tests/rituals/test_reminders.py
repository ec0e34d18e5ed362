"""A ritual reminder: at most once per person, ritual and occurrence, whatever the
beats and retries; never for a paused or ended ritual or a closed tier; discreet."""

from datetime import UTC, date, datetime, time, timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accounts.models import EmailKind, EmailOptOut
from notices.models import Kind, Notice
from pacing.models import gate_for
from rituals.models import Lead, Reminder, Ritual, Status
from rituals.schedule import Rhythm, days_mask
from rituals.tasks import remind_rituals

from ..conftest import client_for
from ..pacing.builders import exercise
from .builders import member, open_tier_three, set_ceiling

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 2)
SIX_PM = datetime(2026, 3, 2, 18, tzinfo=UTC)


def _ritual(hurt, involved, **extra):
    sam = member(hurt)
    with time_machine.travel(datetime(2026, 3, 1, 9, tzinfo=UTC), tick=False):
        ritual = Ritual.propose(
            sam,
            gate_for(sam.couple),
            title=extra.pop("title", "" if extra.get("exercise") else "Evening walk"),
            rhythm=Rhythm.WEEKLY,
            days=days_mask([0]),
            at_time=time(18),
            timezone="UTC",
            starts_on=MONDAY,
            **extra,
        )
        ritual.accept(member(involved), gate_for(ritual.couple))
    return ritual


def _beat(moment):
    with time_machine.travel(moment, tick=False):
        return remind_rituals()


@pytest.fixture
def walk(hurt, involved, couple):
    ritual = _ritual(hurt, involved)
    for person in (hurt, involved):
        Reminder.objects.create(ritual=ritual, person=person, lead_minutes=Lead.HOUR)
    return ritual


def test_once_per_person_and_occurrence_under_two_beats_and_a_retry(walk):
    assert _beat(SIX_PM - timedelta(hours=1, minutes=5)) == 0  # too early
    assert _beat(SIX_PM - timedelta(minutes=55)) == 2
    assert _beat(SIX_PM - timedelta(minutes=50)) == 0  # the second beat
    assert _beat(SIX_PM - timedelta(minutes=50)) == 0  # the task run again
    assert len(mail.outbox) == 2
    assert _beat(SIX_PM + timedelta(days=7, minutes=-30)) == 2  # next week's walk
    assert len(mail.outbox) == 4
    # Each reminder is in its person's "what's new" too, once per walk.
    assert Notice.objects.filter(kind=Kind.RITUAL_COMING_UP).count() == 4


def test_an_smtp_failure_is_retried_and_nobody_gets_two(walk, settings):
    from recovery.celery import app

    from ..reminders import flaky_mail

    settings.MAILERS = {"default": {"BACKEND": "tests.reminders.flaky_mail.FlakyBackend"}}
    flaky_mail.failures_left = 1
    app.conf.task_eager_propagates = False
    try:
        with time_machine.travel(SIX_PM - timedelta(minutes=30), tick=False):
            remind_rituals.delay()
            remind_rituals.delay()
    finally:
        app.conf.task_eager_propagates = True
    assert flaky_mail.failures_left == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["alex@example.test", "sam@example.test"]


def test_a_missed_beat_catches_up_until_the_ritual_begins(walk):
    assert _beat(SIX_PM - timedelta(minutes=1)) == 2
    assert _beat(SIX_PM + timedelta(minutes=1)) == 0  # begun: next week's is not due yet


@pytest.mark.parametrize("status", [Status.PAUSED, Status.ENDED])
def test_never_for_a_paused_or_ended_ritual(walk, status):
    Ritual.objects.filter(pk=walk.pk).update(status=status)
    assert _beat(SIX_PM - timedelta(minutes=30)) == 0
    assert mail.outbox == []


def test_never_for_a_closed_tier(hurt, involved, couple):
    with time_machine.travel(datetime(2026, 3, 1, 9, tzinfo=UTC), tick=False):
        open_tier_three(hurt, involved)
    deeper = exercise(3, slug="deeper-reminder-test")
    ritual = _ritual(hurt, involved, exercise=deeper, title="")
    Reminder.objects.create(ritual=ritual, person=hurt, lead_minutes=Lead.QUARTER)
    set_ceiling(couple, 2)
    assert _beat(SIX_PM - timedelta(minutes=10)) == 0
    set_ceiling(couple, None)
    assert _beat(SIX_PM - timedelta(minutes=5)) == 1


def test_one_click_off_and_a_discreet_email(walk, hurt):
    EmailOptOut.objects.create(user=hurt, kind=EmailKind.RITUAL_REMINDER)
    assert _beat(SIX_PM - timedelta(minutes=30)) == 1
    message = mail.outbox[0]
    assert message.to == ["alex@example.test"]
    assert "Evening walk" not in message.subject + message.body
    assert "walk" not in message.subject.lower() and "List-Unsubscribe" in message.extra_headers


def test_each_partner_chooses_their_own(hurt, involved, couple):
    ritual = _ritual(hurt, involved)
    url = reverse("rituals:remind", args=[ritual.pk])
    assert client_for(hurt).post(url, {"lead_minutes": "60"}).status_code == HTTPStatus.FOUND
    assert Reminder.objects.get().person == hurt
    bad = client_for(hurt).post(url, {"lead_minutes": "7"})
    assert bad.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    client_for(hurt).post(url, {"lead_minutes": ""})
    assert not Reminder.objects.exists()
