"""The notice emails: to the right person, once, discreet (moved from the trigger and
agreement tasks onto the outbox)."""

import pytest
from django.core import mail
from django.urls import reverse

from agreements.models import Agreement

from ..agreements.builders import adopt, form_data
from ..conftest import client_for
from ..triggers.builders import log

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
        client_for(hurt).post(reverse("triggers:new"), {**FORM, "sharing": "share_now"})

    assert [message.to for message in mail.outbox] == [[involved.email]]
    message = mail.outbox[0]
    assert message.subject == "You have something waiting on Common Ground"
    text = email_text(message).lower()
    for revealing in (MARKER, "sam", "alex", "trigger", "affair", "infidel", "hurt", "contact"):
        assert revealing.lower() not in text, revealing


@pytest.mark.parametrize("sharing", ["at_checkin", "private"])
def test_entries_not_shared_now_send_nothing(
    couple, hurt, involved, sharing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(hurt).post(reverse("triggers:new"), {**FORM, "sharing": sharing})

    assert mail.outbox == []


def test_sharing_later_emails_once_and_editing_again_does_not(
    couple, hurt, involved, django_capture_on_commit_callbacks
):
    trigger = log(hurt, sharing="private")
    url = reverse("triggers:edit", args=[trigger.pk])

    for sharing in ("share_now", "private", "share_now"):
        with django_capture_on_commit_callbacks(execute=True):
            client_for(hurt).post(url, {**FORM, "sharing": sharing})

    assert len(mail.outbox) == 1


def test_a_proposal_emails_the_partner_only_and_a_counter_proposal_the_proposer(
    hurt, involved, couple, django_capture_on_commit_callbacks
):
    agreement = Agreement.objects.for_couple(couple)
    current = adopt(agreement, involved, hurt)
    mail.outbox.clear()
    data = form_data(current.texts() | {"contact": MARKER}, based_on=current, reason="Affair")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(hurt).post(reverse("agreements:propose"), data)

    assert [message.to for message in mail.outbox] == [[involved.email]]
    assert MARKER not in email_text(mail.outbox[0])
    assert "agreement" not in mail.outbox[0].subject.lower()

    first = agreement.versions.get(status="open")
    counter = form_data(
        current.texts() | {"contact": "Told the same evening."}, based_on=current, replaces=first
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for(involved).post(reverse("agreements:propose"), counter)

    assert [message.to for message in mail.outbox] == [[involved.email], [hurt.email]]
