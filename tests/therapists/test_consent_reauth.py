"""Giving or withdrawing consent for the therapist asks for the password again, so
whoever picks up a partner's unlocked phone cannot open or close the couple's space."""

from datetime import timedelta
from http import HTTPStatus
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from therapists.models import Consent, TherapistLink

from ..conftest import client_for, reauthenticated_client
from ..factories import PASSWORD
from .builders import link

CONSENT = reverse("therapists:consent")
WITHDRAW = reverse("therapists:withdraw_consent")
SETTINGS = reverse("therapists:couple_settings")
REAUTHENTICATE = reverse("account_reauthenticate")


def sent_to_reauthenticate(response, url: str) -> bool:
    """A redirect to the password page that comes back to `url` afterwards."""
    location = urlparse(response["Location"])
    return (
        response.status_code == HTTPStatus.FOUND
        and location.path == REAUTHENTICATE
        and parse_qs(location.query) == {"next": [url]}
    )


def has_access(dr_lee, couple) -> bool:
    detail = reverse("therapists:couple_detail", args=[couple.pk])
    return client_for(dr_lee).get(detail).status_code == HTTPStatus.OK


def test_giving_consent_without_the_password_again_records_nothing(hurt, involved, couple, dr_lee):
    link(couple, dr_lee, involved)

    response = client_for(hurt).post(CONSENT)

    assert sent_to_reauthenticate(response, CONSENT)
    assert not Consent.objects.filter(partner=hurt).exists()
    assert not has_access(dr_lee, couple)


def test_withdrawing_without_the_password_again_leaves_consent_in_place(
    hurt, involved, couple, dr_lee
):
    therapist_link = link(couple, dr_lee, hurt, involved)

    response = client_for(involved).post(WITHDRAW)

    assert sent_to_reauthenticate(response, WITHDRAW)
    assert therapist_link.consents.active().filter(partner=involved).exists()
    assert not therapist_link.consents.filter(revoked_at__isnull=False).exists()
    assert has_access(dr_lee, couple)


def test_the_consent_page_itself_can_be_read_without_the_password(hurt, couple, dr_lee):
    link(couple, dr_lee)

    response = client_for(hurt).get(CONSENT)

    assert response.status_code == HTTPStatus.OK
    assert "What your therapist will never see" in response.text


def test_after_the_password_the_held_consent_is_recorded(hurt, involved, couple, dr_lee):
    therapist_link = link(couple, dr_lee, involved)
    client = client_for(hurt)
    asked = client.post(CONSENT)

    response = client.post(asked["Location"], {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == SETTINGS
    assert "Your agreement is recorded" in response.text
    assert therapist_link.consents.active().filter(partner=hurt).count() == 1
    assert has_access(dr_lee, couple)


def test_after_the_password_the_held_withdrawal_is_carried_out(hurt, involved, couple, dr_lee):
    therapist_link = link(couple, dr_lee, hurt, involved)
    client = client_for(involved)
    asked = client.post(WITHDRAW)

    response = client.post(asked["Location"], {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == SETTINGS
    assert "Your agreement is withdrawn" in response.text
    withdrawn = therapist_link.consents.get(partner=involved)
    assert (withdrawn.revoked_by, withdrawn.revoked_at is not None) == (involved, True)
    assert not has_access(dr_lee, couple)


# Sam has agreed and Alex has not: Alex could give consent, Sam could withdraw it.
@pytest.mark.parametrize(("url", "who"), [(CONSENT, "involved"), (WITHDRAW, "hurt")])
def test_a_wrong_password_carries_nothing_out(request, hurt, couple, dr_lee, url, who):
    therapist_link = link(couple, dr_lee, hurt)
    client = client_for(request.getfixturevalue(who))
    asked = client.post(url)

    response = client.post(asked["Location"], {"password": "not-the-password"})

    assert response.status_code == HTTPStatus.OK  # the password form again, with an error
    assert list(therapist_link.consents.values_list("partner", "revoked_at")) == [(hurt.pk, None)]


def test_the_password_is_asked_again_once_it_is_no_longer_recent(hurt, involved, couple, dr_lee):
    therapist_link = link(couple, dr_lee, hurt, involved)
    client = reauthenticated_client(involved)

    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        response = client.post(WITHDRAW)

    assert sent_to_reauthenticate(response, WITHDRAW)
    assert therapist_link.consents.active().filter(partner=involved).exists()


REQUESTS = [("get", CONSENT), ("post", CONSENT), ("post", WITHDRAW)]


@pytest.mark.parametrize(("method", "url"), REQUESTS)
@pytest.mark.parametrize("who", ["dr_lee", "loner"])
def test_people_without_a_couple_get_404_not_a_password_prompt(
    request, hurt, couple, dr_lee, method, url, who
):
    therapist_link = link(couple, dr_lee, hurt)

    response = getattr(client_for(request.getfixturevalue(who)), method)(url)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert list(therapist_link.consents.values_list("partner", "revoked_at")) == [(hurt.pk, None)]


@pytest.mark.parametrize("url", [CONSENT, WITHDRAW])
def test_someone_from_another_couple_cannot_touch_this_couples_consent(
    hurt, involved, couple, dr_lee, outsider, url
):
    """These URLs always act on the caller's own couple: even with the password just
    entered, Robin reaches only his own space, which has no therapist."""
    therapist_link = link(couple, dr_lee, hurt)

    response = reauthenticated_client(outsider).post(url)

    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, SETTINGS)
    assert list(therapist_link.consents.values_list("partner", "revoked_at")) == [(hurt.pk, None)]
    assert TherapistLink.objects.count() == 1
