"""A proposal tells the partner, discreetly and once, that something is waiting."""

from django.core import mail
from django.urls import reverse

from accounts.models import EmailKind, SentEmail
from agreements.tasks import notify_proposal_pending

from ..conftest import client_for
from .builders import adopt, form_data

SECRET_WORDS = "No contact with Jordan from the gym"


def test_a_proposal_sends_one_discreet_email_to_the_partner_only(
    hurt, involved, agreement, django_capture_on_commit_callbacks
):
    current = adopt(agreement, involved, hurt)
    data = form_data(current.texts() | {"contact": SECRET_WORDS}, based_on=current, reason="Affair")

    with django_capture_on_commit_callbacks(execute=True):
        client_for(hurt).post(reverse("agreements:propose"), data)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [involved.email]
    assert message.subject == "Something is waiting for you on Common Ground"
    bodies = [message.body, message.alternatives[0][0]]
    for text in [message.subject, *bodies]:
        assert SECRET_WORDS not in text
        assert "Sam" not in text and "affair" not in text.lower()
        assert "agreement" not in message.subject.lower()
    assert all(reverse("agreements:overview") in body for body in bodies)
    proposal = agreement.versions.get(status="open")
    assert SentEmail.objects.filter(
        user=involved, kind=EmailKind.PROPOSAL_PENDING, period=f"proposal:{proposal.pk}"
    ).exists()

    notify_proposal_pending(proposal.pk)  # a retry or a second run

    assert len(mail.outbox) == 1


def test_a_counter_proposal_tells_the_first_proposer(
    hurt, involved, agreement, django_capture_on_commit_callbacks
):
    current = adopt(agreement, involved, hurt)
    from .builders import propose

    first = propose(agreement, hurt, contact="Told the same day.")
    data = form_data(
        current.texts() | {"contact": "Told the same evening."}, based_on=current, replaces=first
    )

    with django_capture_on_commit_callbacks(execute=True):
        client_for(involved).post(reverse("agreements:propose"), data)

    assert [m.to for m in mail.outbox] == [[hurt.email]]


def test_no_email_for_a_proposal_that_is_no_longer_open(hurt, involved, agreement):
    from .builders import propose

    adopt(agreement, involved, hurt)
    proposal = propose(agreement, hurt, contact="Told the same day.")
    proposal.withdraw(proposal.agreement.couple.memberships.get(user=hurt))

    notify_proposal_pending(proposal.pk)

    assert mail.outbox == []
