"""Acceptance 2: the partner is told discreetly, once per shared entry."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import client_for
from triggers.models import Sharing, Trigger
from triggers.tasks import notify_partner_of_shared_trigger

from .builders import log

MARKER = "zq-entry-text-5521"
FORM = {
    "category": "contact",
    "intensity": "8",
    "occurred_at": "2026-02-02T22:15",
    "what_happened": MARKER,
    "body_response": MARKER,
    "what_helped": MARKER,
}


def email_text(message) -> str:
    html = "".join(content for content, _ in message.alternatives)
    return f"{message.subject}\n{message.body}\n{html}"


def test_sharing_now_emails_the_partner_discreetly(
    couple, hurt, involved, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(hurt).post(reverse("triggers:new"), {**FORM, "sharing": "share_now"})

    assert response.status_code == HTTPStatus.FOUND
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [involved.email]
    assert message.subject == "You have something waiting on Common Ground"
    text = email_text(message).lower()
    for revealing in (MARKER, "sam", "alex", "trigger", "affair", "infidel", "hurt", "contact"):
        assert revealing.lower() not in text, revealing
    assert "http://" in message.body or "https://" in message.body


def test_the_task_run_twice_sends_one_email(couple, hurt, involved):
    trigger = log(hurt, sharing=Sharing.SHARE_NOW)

    notify_partner_of_shared_trigger(trigger.pk)
    notify_partner_of_shared_trigger(trigger.pk)
    notify_partner_of_shared_trigger.delay(trigger.pk)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [involved.email]


@pytest.mark.parametrize("sharing", ["at_checkin", "private"])
def test_entries_not_shared_now_send_nothing(
    couple, hurt, involved, sharing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(hurt).post(reverse("triggers:new"), {**FORM, "sharing": sharing})
    notify_partner_of_shared_trigger(Trigger.objects.get().pk)  # even if asked directly

    assert mail.outbox == []


def test_sharing_later_emails_once_and_editing_again_does_not(
    couple, hurt, involved, django_capture_on_commit_callbacks
):
    trigger = log(hurt, sharing=Sharing.PRIVATE)
    client = client_for(hurt)
    url = reverse("triggers:edit", args=[trigger.pk])

    for sharing in ("share_now", "private", "share_now"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {**FORM, "sharing": sharing})

    assert len(mail.outbox) == 1


def test_the_partner_sees_it_waiting_in_the_app(couple, hurt, involved):
    trigger = log(hurt, sharing=Sharing.SHARE_NOW)

    response = client_for(involved).get(reverse("triggers:index"))

    assert "waiting for your reassurance" in response.content.decode()
    assert list(response.context["waiting"]) == [trigger]
    assert list(client_for(hurt).get(reverse("triggers:index")).context["waiting"]) == []


def test_no_email_once_the_space_has_ended(couple, hurt, involved):
    trigger = log(hurt, sharing=Sharing.SHARE_NOW)
    couple.end()

    notify_partner_of_shared_trigger(trigger.pk)

    assert mail.outbox == []
