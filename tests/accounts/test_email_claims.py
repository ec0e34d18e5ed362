"""Every email goes through one claim: invitations included, a Message-ID chosen before
sending, and claims left "sending" by a dead sender closed by a sweep, never resent."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import (
    Couple,
    EmailKind,
    Invitation,
    InvitationEmailKind,
    Role,
    SentEmail,
    User,
)
from accounts.notifications import send_once
from accounts.tasks import resolve_stuck_emails, send_invitation
from recovery.celery import app as celery_app
from therapists.models import TherapistLink
from therapists.tasks import send_therapist_invitation

from ..conftest import client_for
from ..factories import PASSWORD

TIME_LIMIT = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)


def remind(user):
    return send_once(user, EmailKind.CHECKIN_REMINDER, "2026-W47", "checkin_reminder")


def test_a_claim_waits_as_pending_until_a_sender_takes_it(hurt):
    waiting = SentEmail.objects.create(user=hurt, kind=EmailKind.CHECKIN_REMINDER, period="w")

    assert waiting.status == SentEmail.Status.PENDING
    assert SentEmail.objects.claimable().get() == waiting


def test_the_message_id_is_stored_with_the_claim_and_is_the_one_sent(hurt):
    remind(hurt)

    claim = SentEmail.objects.get()
    assert claim.message_id.startswith("<") and claim.message_id.endswith(">")
    assert mail.outbox[0].message()["Message-ID"] == claim.message_id


def test_a_partner_invitation_goes_out_once_however_often_its_task_runs(loner):
    client_for(loner).post(reverse("start_couple"), {"role": Role.HURT})
    response = client_for(loner).post(reverse("invite_partner"), {"email": "pat@example.test"})
    invitation = Invitation.objects.get()

    send_invitation(invitation.pk, "a-retried-task-has-the-same-token")

    assert response.status_code == HTTPStatus.FOUND
    assert [m.to for m in mail.outbox] == [["pat@example.test"]]
    claim = SentEmail.objects.get()
    assert (claim.user, claim.kind, claim.status) == (
        None,
        InvitationEmailKind.PARTNER_INVITATION,
        SentEmail.Status.SENT,
    )
    assert "pat@example.test" not in str(claim.__dict__)  # the address stays with the invitation


def test_a_new_invitation_is_a_new_email(loner):
    couple = Couple.start(loner, Role.HURT)
    for address in ("pat@example.test", "pat@example.test"):
        invitation, token = Invitation.issue(couple, loner, address)
        send_invitation(invitation.pk, token)

    assert len(mail.outbox) == 2


def test_a_therapist_invitation_goes_out_once(couple, hurt):
    link = TherapistLink.objects.create(
        couple=couple, invited_email="dr.new@example.test", invited_by=hurt
    )

    send_therapist_invitation(link.pk)
    send_therapist_invitation(link.pk)

    assert [m.to for m in mail.outbox] == [["dr.new@example.test"]]
    assert SentEmail.objects.get().kind == InvitationEmailKind.THERAPIST_INVITATION


def stuck_claim(user, claimed_ago: timedelta) -> SentEmail:
    return SentEmail.objects.create(
        user=user,
        kind=EmailKind.CHECKIN_REMINDER,
        period="2026-W47",
        status=SentEmail.Status.SENDING,
        claimed_at=timezone.now() - claimed_ago,
        message_id="<lost@example.test>",
    )


def test_the_sweep_closes_a_claim_older_than_any_task_may_run_and_never_resends_it(hurt):
    claim = stuck_claim(hurt, TIME_LIMIT + timedelta(minutes=2))

    assert resolve_stuck_emails() == 1
    claim.refresh_from_db()
    assert claim.status == SentEmail.Status.INTERRUPTED
    assert remind(hurt) is False  # a retry or a second beat does not send it again
    assert resolve_stuck_emails() == 0
    assert mail.outbox == []


def test_the_sweep_leaves_a_send_that_may_still_be_under_way(hurt):
    claim = stuck_claim(hurt, TIME_LIMIT - timedelta(seconds=1))

    assert resolve_stuck_emails() == 0
    claim.refresh_from_db()
    assert claim.status == SentEmail.Status.SENDING


def test_the_sweep_runs_from_beat():
    tasks = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}

    assert "accounts.tasks.resolve_stuck_emails" in tasks


@pytest.mark.parametrize(
    ("query", "listed"), [("?stuck=yes", ["stuck"]), ("?status=interrupted", ["interrupted"])]
)
def test_staff_see_stuck_and_interrupted_sends_in_the_admin(hurt, involved, query, listed):
    stuck_claim(hurt, TIME_LIMIT + timedelta(minutes=2))
    SentEmail.objects.create(
        user=involved, kind=EmailKind.CHECKIN_NUDGE, period="x", status="interrupted"
    )
    staff = User.objects.create_superuser("ops@example.test", PASSWORD)

    page = client_for(staff).get(reverse("admin:accounts_sentemail_changelist") + query)

    assert page.status_code == HTTPStatus.OK
    rows = page.context["cl"].result_list
    shown = ["stuck" if row.status == "sending" else row.status for row in rows]
    assert shown == listed
