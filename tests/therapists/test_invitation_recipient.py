"""A therapist invitation by email reaches the invited address only: a therapist
account with another address never picks it up; the invited one does, in any case,
and its sign-up form starts with that address."""

import re
from http import HTTPStatus

from django.core import mail
from django.test import Client
from django.urls import reverse

from therapists.models import TherapistLink

from ..conftest import client_for
from ..factories import make_user


def invite(client, email, capture):
    with capture(execute=True):
        client.post(reverse("therapists:invite_by_email"), {"email": email})


def test_only_the_invited_address_picks_up_the_invitation(
    hurt, couple, django_capture_on_commit_callbacks
):
    invite(client_for(hurt), "Dr.New@Clinic.example", django_capture_on_commit_callbacks)

    other = make_user("dr.other@clinic.example", "Dr. Other")
    client_for(other).post(reverse("therapists:setup"), {"practice_name": "Other"})
    assert TherapistLink.objects.open().get(couple=couple).therapist is None

    invited = make_user("dr.new@CLINIC.example", "Dr. New")
    client_for(invited).post(reverse("therapists:setup"), {"practice_name": "New"})
    assert TherapistLink.objects.open().get(couple=couple).therapist == invited
    assert not TherapistLink.objects.filter(therapist=other).exists()


def test_the_emailed_sign_up_link_fills_in_the_invited_address(
    hurt, couple, django_capture_on_commit_callbacks
):
    invite(client_for(hurt), "dr.new@clinic.example", django_capture_on_commit_callbacks)
    (email,) = mail.outbox
    signup = re.search(r"https?://\S+(/accounts/signup/\S*)", email.body).group(1)

    form = Client().get(signup)

    assert form.status_code == HTTPStatus.OK
    assert re.search(r'<input[^>]*name="email"[^>]*value="dr.new@clinic.example"', form.text)
