from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail

from accounts.models import EmailKind, SentEmail
from accounts.notifications import send_once


def remind(user):
    return send_once(user, EmailKind.CHECKIN_REMINDER, "2026-W47", "invitation", {})


def test_the_same_person_kind_and_period_is_sent_once(hurt):
    assert remind(hurt) is True
    assert remind(hurt) is False

    assert len(mail.outbox) == 1
    assert SentEmail.objects.get().status == SentEmail.Status.SENT


def test_a_failed_send_can_be_retried_and_then_is_sent_once(hurt):
    with (
        mock.patch("accounts.notifications.send_templated_email", side_effect=SMTPException),
        pytest.raises(SMTPException),
    ):
        remind(hurt)
    assert SentEmail.objects.get().status == SentEmail.Status.FAILED

    assert remind(hurt) is True
    assert remind(hurt) is False
    assert len(mail.outbox) == 1


def test_a_send_interrupted_mid_way_is_never_repeated(hurt):
    SentEmail.objects.create(
        user=hurt, kind=EmailKind.CHECKIN_REMINDER, period="2026-W47", status="sending"
    )

    assert remind(hurt) is False
    assert mail.outbox == []
