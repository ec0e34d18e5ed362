"""A partner invitation works only for the invited address (verified, any case);
whoever else opens it learns nothing and the inviter is told; whoever joins meets the
private safety question before the shared space."""

import re
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import Couple, Invitation, Membership, Role, SafetyCheck, User

from ..conftest import client_for
from ..factories import PASSWORD, make_user

INVITED = "Pat.Partner@Example.test"
NEUTRAL = "This invitation was sent to a different email address"


@pytest.fixture
def link(hurt, django_capture_on_commit_callbacks):
    Couple.start(hurt, Role.HURT)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(hurt).post(reverse("invite_partner"), {"email": INVITED})
    return "/" + re.search(r"https?://\S+/(join/[\w-]+/)", mail.outbox[-1].body).group(1)


def test_the_invited_address_joins_whatever_its_case(hurt, link):
    pat = make_user("pat.partner@example.TEST", "Pat")

    response = client_for(pat).post(link)

    assert response.status_code == HTTPStatus.FOUND
    assert Membership.objects.active().get(user=pat).role == Role.INVOLVED


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_account_sees_a_neutral_page_and_cannot_join(hurt, link, method):
    robin = make_user("robin@example.test", "Robin")

    response = getattr(client_for(robin), method)(link)

    assert response.status_code == HTTPStatus.FORBIDDEN
    body = response.text
    assert NEUTRAL in body
    for told in (hurt.email, hurt.display_name, INVITED, INVITED.lower(), "Join the shared space"):
        assert told not in body
    assert not Membership.objects.filter(user=robin).exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_unverified_invited_address_is_not_enough(hurt, link):
    pat = User.objects.create_user(email=INVITED.lower(), password=PASSWORD)
    EmailAddress.objects.create(user=pat, email=INVITED.lower(), verified=False, primary=True)

    response = client_for(pat).post(link)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Membership.objects.filter(user=pat).exists()


def test_the_inviter_is_told_that_someone_else_tried(hurt, link):
    before = client_for(hurt).get(reverse("home")).text
    assert "tried to open the link" not in before

    client_for(make_user("robin@example.test", "Robin")).get(link)

    page = client_for(hurt).get(reverse("home")).text
    assert "Someone signed in with an address other than" in page
    assert "robin@example.test" not in page  # the inviter is told, not who it was
    assert Invitation.objects.get().other_account_tried_at is not None


def test_after_a_wrong_account_the_invited_one_still_joins(hurt, link):
    client_for(make_user("robin@example.test", "Robin")).post(link)
    pat = make_user(INVITED, "Pat")

    response = client_for(pat).post(link)

    assert response.status_code == HTTPStatus.FOUND
    assert Membership.objects.active().filter(user=pat).exists()


def test_signing_up_from_the_link_fills_in_the_invited_address(client, link):
    page = client.get(link)
    signup = re.search(r'href="([^"]*/accounts/signup/[^"]*)"', page.text).group(1)

    form = client.get(signup.replace("&amp;", "&"))

    assert form.status_code == HTTPStatus.OK
    assert re.search(r'<input[^>]*name="email"[^>]*value="pat.partner@example.test"', form.text)


def test_the_signed_out_invitation_page_names_nobody(hurt, client, link):
    page = client.get(link).text

    assert hurt.email not in page
    assert "You have been invited to join a private shared space" in page


def test_whoever_joins_is_asked_the_private_safety_question_first(hurt, link):
    pat = make_user(INVITED, "Pat")
    client = client_for(pat)

    response = client.post(link)

    assert response["Location"] == reverse("safety_check")
    question = client.get(response["Location"]).text
    assert "Do you ever feel afraid of your partner?" in question
    assert f'href="{reverse("home")}"' in question  # it can be skipped
    client.post(reverse("safety_check"), {"afraid": "sometimes"})
    assert SafetyCheck.objects.get().user == pat
    # Never shown to the partner.
    for page in ("home", "profile"):
        assert "afraid" not in client_for(hurt).get(reverse(page)).text.lower()


def test_someone_who_answered_already_goes_straight_to_the_space(hurt, link):
    pat = make_user(INVITED, "Pat")
    SafetyCheck.objects.create(user=pat, afraid=SafetyCheck.Answer.NO)

    response = client_for(pat).post(link)

    assert response["Location"] == reverse("home")
