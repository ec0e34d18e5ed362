"""Therapists must set up an authenticator app first, when the setting says so."""

from http import HTTPStatus

import pytest
from allauth.mfa.models import Authenticator
from django.test import override_settings
from django.urls import reverse

from ..conftest import client_for

SETUP = reverse("mfa_activate_totp")


def add_totp(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})


@override_settings(THERAPIST_MFA_REQUIRED=True)
@pytest.mark.parametrize(
    "url", [reverse("home"), reverse("therapists:dashboard"), reverse("profile")]
)
def test_a_therapist_without_totp_is_sent_to_set_it_up_first(therapist, url):
    response = client_for(therapist).get(url)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == SETUP


@override_settings(THERAPIST_MFA_REQUIRED=True)
def test_htmx_requests_are_redirected_by_htmx(therapist):
    response = client_for(therapist).get(
        reverse("therapists:dashboard"), headers={"HX-Request": "true"}
    )

    assert response["HX-Redirect"] == SETUP


@override_settings(THERAPIST_MFA_REQUIRED=True)
def test_the_setup_page_itself_and_logging_out_stay_reachable(therapist):
    client = client_for(therapist)

    setup_page = client.get(SETUP)
    logout = client.post(reverse("account_logout"))

    assert setup_page.status_code != HTTPStatus.FOUND or setup_page["Location"] != SETUP
    assert logout.status_code == HTTPStatus.FOUND
    assert client.get(reverse("home"))["Location"].startswith(reverse("account_login"))


@override_settings(THERAPIST_MFA_REQUIRED=True)
def test_a_therapist_with_totp_goes_straight_in(therapist):
    add_totp(therapist)

    response = client_for(therapist).get(reverse("therapists:dashboard"))

    assert response.status_code == HTTPStatus.OK


@override_settings(THERAPIST_MFA_REQUIRED=True)
def test_partners_are_never_asked_for_it(hurt, couple):
    response = client_for(hurt).get(reverse("therapists:couple_settings"))

    assert response.status_code == HTTPStatus.OK


@override_settings(THERAPIST_MFA_REQUIRED=False)
def test_when_not_required_a_therapist_goes_straight_in(therapist):
    response = client_for(therapist).get(reverse("therapists:dashboard"))

    assert response.status_code == HTTPStatus.OK


@override_settings(THERAPIST_MFA_REQUIRED=True)
def test_becoming_a_therapist_leads_to_two_factor_setup(loner):
    client = client_for(loner)

    client.post(reverse("therapists:setup"), {"practice_name": "Kim Therapy"})
    response = client.get(reverse("home"))

    assert response["Location"] == SETUP
