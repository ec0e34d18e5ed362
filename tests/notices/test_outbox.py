"""Issue 18: a notice is never lost and never blocks the act. The act and the email it
owes are written in one transaction; a relay task sends it, and the sweep catches up
when the task could not be queued or the email failed."""

import logging
from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import EmailKind, EmailOptOut
from notices.models import Kind, Notice
from notices.services import deliver_owed_emails
from triggers.models import Trigger

from ..conftest import client_for
from .scenarios import shared_trigger, written

FORM = {
    "category": "memory",
    "intensity": "7",
    "occurred_at": "2026-02-02T22:15",
    "what_happened": written("what_happened"),
    "sharing": "share_now",
}


@pytest.mark.django_db(transaction=True)
def test_a_refused_broker_delays_the_email_and_never_fails_the_act(
    hurt, involved, couple, refused_broker, caplog
):
    with caplog.at_level(logging.WARNING, logger="notices.services"):
        response = client_for(hurt).post(reverse("triggers:new"), FORM)

    assert response.status_code == HTTPStatus.FOUND
    assert Trigger.objects.count() == 1
    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind) == (involved, Kind.TRIGGER_WAITING)
    assert notice.email_state == Notice.Email.OWED
    assert mail.outbox == []
    assert "the sweep will" in caplog.text

    # Later, with or without the broker, the beat's sweep delivers it exactly once.
    assert deliver_owed_emails() == 1
    assert deliver_owed_emails() == 0
    assert [message.to for message in mail.outbox] == [[involved.email]]
    notice.refresh_from_db()
    assert notice.email_state == Notice.Email.DONE


def test_the_act_queues_its_email_when_it_commits(
    hurt, involved, couple, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        shared_trigger(hurt)
    assert mail.outbox == []  # nothing leaves before the transaction commits

    for callback in callbacks:
        callback()

    assert [message.to for message in mail.outbox] == [[involved.email]]
    assert Notice.objects.get().email_state == Notice.Email.DONE


def test_a_failed_email_is_tried_again_later_with_backoff(hurt, involved, couple, settings):
    from ..reminders import flaky_mail

    settings.MAILERS = {"default": {"BACKEND": "tests.reminders.flaky_mail.FlakyBackend"}}
    flaky_mail.failures_left = 1
    shared_trigger(hurt)

    assert deliver_owed_emails() == 0
    notice = Notice.objects.get()
    assert (notice.email_state, notice.email_attempts) == (Notice.Email.OWED, 1)
    assert deliver_owed_emails() == 0  # not due yet: the next try waits
    with time_machine.travel(notice.email_due_at + timedelta(seconds=1)):
        assert deliver_owed_emails() == 1
    assert len(mail.outbox) == 1


def test_at_most_one_email_per_kind_and_person_an_hour(hurt, involved, couple):
    start = timezone.now().replace(minute=5)
    with time_machine.travel(start, tick=False):
        trigger = shared_trigger(hurt)
        for _ in range(3):
            trigger.reassure(involved, written("reassurance"), timezone.now())
        deliver_owed_emails()
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        trigger.reassure(involved, written("reassurance"), timezone.now())
        deliver_owed_emails()

    to_sam = [message for message in mail.outbox if message.to == [hurt.email]]
    assert len(to_sam) == 2  # a digest, not a flood: one in each hour
    assert Notice.objects.filter(recipient=hurt, kind=Kind.REASSURANCE_ARRIVED).count() == 4
    assert not Notice.objects.filter(email_state=Notice.Email.OWED).exists()


def test_a_person_who_turned_a_kind_off_gets_the_notice_but_no_email(hurt, involved, couple):
    EmailOptOut.objects.create(user=hurt, kind=EmailKind.REASSURANCE_ARRIVED)
    trigger = shared_trigger(hurt)
    trigger.reassure(involved, written("reassurance"), timezone.now())
    deliver_owed_emails()

    assert Notice.objects.filter(recipient=hurt, kind=Kind.REASSURANCE_ARRIVED).exists()
    assert [message.to for message in mail.outbox] == [[involved.email]]  # the share only
