"""An invitation's email is owed from the moment it is made: when its task is never
queued (the broker refused it), the sweep sends it later, exactly once, with a link
that works."""

import re
from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Role, SentEmail
from accounts.tasks import send_owed_invitations
from recovery.celery import app as celery_app

from ..conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_invitation_whose_task_was_refused_is_sent_later_exactly_once(refused_broker, loner):
    inviter = client_for(loner)
    inviter.post(reverse("start_couple"), {"role": Role.HURT})
    response = inviter.post(reverse("invite_partner"), {"email": "pat@example.test"})

    assert response.status_code == HTTPStatus.FOUND  # the person's request succeeded
    invitation = Invitation.objects.get()
    assert SentEmail.objects.get().status == SentEmail.Status.PENDING  # owed, not lost
    assert mail.outbox == []

    celery_app.conf.task_always_eager = True  # the broker is back; beat runs the sweep
    assert send_owed_invitations() == 0  # too soon: its own task may still come
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        assert send_owed_invitations() == 1
        assert send_owed_invitations() == 0  # a second beat sends nothing

    assert [message.to for message in mail.outbox] == [["pat@example.test"]]
    assert SentEmail.objects.get().status == SentEmail.Status.SENT
    link = re.search(r"/join/[\w-]+/", mail.outbox[0].body).group(0)
    invitation.refresh_from_db()
    assert client_for(loner).get(link).status_code != HTTPStatus.NOT_FOUND
    assert Invitation.find(link.split("/")[2]) == invitation  # the new link is the one that works
