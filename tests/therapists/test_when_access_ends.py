"""A therapist's access and pace end with the space, with "stop working with this
therapist" (after a page that asks), or with the therapist's own account."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from home.data_rights import delete_account
from pacing.models import PacingPolicy, gate_for
from therapists.access import therapist_couple_or_404
from therapists.models import NoteVisibility, TherapistLink, TherapistNote

from ..conftest import client_for, reauthenticated_client
from .builders import link, make_profile, readiness

PACE_SET = "Your therapist has set a pace"
CEILING_EXPLAINED = "Your therapist has suggested staying with these tiers for now."


@pytest.fixture
def paced(therapist, hurt, involved, couple):
    """Tier 2 by readiness, held at 1 by the therapist's ceiling."""
    make_profile(therapist)
    link(couple, therapist, hurt, involved)
    now = timezone.now()
    for days in (16, 9, 2):
        readiness(couple, hurt, now - timedelta(days=days), 6)
    client_for(therapist).post(
        reverse("therapists:set_ceiling", args=[couple.pk]), {"ceiling": "1"}
    )
    assert gate_for(couple).tier == 1
    return couple


def therapist_sees(therapist, couple) -> bool:
    try:
        therapist_couple_or_404(therapist, couple.pk)
    except Http404:
        return False
    return True


def exercises_page(user) -> str:
    return client_for(user).get(reverse("pacing:index")).text


def test_stopping_asks_first_and_changes_nothing_until_confirmed(therapist, hurt, paced):
    page = client_for(hurt).get(reverse("therapists:end_link"))

    assert page.status_code == HTTPStatus.OK
    assert "The pace they set for your exercises ends" in page.text
    assert therapist_sees(therapist, paced)
    assert PacingPolicy.objects.get(couple=paced).therapist_ceiling == 1
    settings_page = client_for(hurt).get(reverse("therapists:couple_settings")).text
    assert f'href="{reverse("therapists:end_link")}"' in settings_page


def test_stopping_ends_access_and_the_pace_as_the_page_says(therapist, hurt, involved, paced):
    TherapistNote.objects.create(
        couple=paced, therapist=therapist, text="NOTE-FOR-US", visibility=NoteVisibility.COUPLE
    )

    response = client_for(hurt).post(reverse("therapists:end_link"))

    assert response.status_code == HTTPStatus.FOUND
    assert not therapist_sees(therapist, paced)
    assert PacingPolicy.objects.get(couple=paced).therapist_ceiling is None
    assert gate_for(paced).tier == 2  # as the partners' own readiness allows
    for partner in (hurt, involved):
        page = exercises_page(partner)
        assert CEILING_EXPLAINED not in page
        assert PACE_SET not in page
    assert "NOTE-FOR-US" in client_for(hurt).get(reverse("therapists:couple_settings")).text


@pytest.mark.parametrize("how", ["leave", "delete"])
def test_access_and_pace_end_with_the_space(therapist, hurt, involved, paced, how):
    if how == "leave":
        reauthenticated_client(involved).post(reverse("leave_couple"))
    else:
        delete_account(involved)

    assert not therapist_sees(therapist, paced)
    assert not TherapistLink.objects.open().filter(couple=paced).exists()
    assert PacingPolicy.objects.get(couple=paced).therapist_ceiling is None
    response = client_for(therapist).get(reverse("therapists:couple_detail", args=[paced.pk]))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_therapist_who_deletes_their_account_takes_their_pace_with_them(therapist, hurt, paced):
    delete_account(therapist)

    assert PacingPolicy.objects.get(couple=paced).therapist_ceiling is None
    assert CEILING_EXPLAINED not in exercises_page(hurt)
    assert PACE_SET not in exercises_page(hurt)


def test_after_stopping_the_couple_can_invite_again_and_nothing_is_shared_yet(
    therapist, hurt, paced
):
    client = client_for(hurt)
    client.post(reverse("therapists:end_link"))

    code = therapist.therapist_profile.display_code
    response = client.post(reverse("therapists:invite_by_code"), {"code": code})

    assert response.status_code == HTTPStatus.FOUND
    assert TherapistLink.objects.open().filter(couple=paced, therapist=therapist).exists()
    assert not therapist_sees(therapist, paced)  # until both agree again
