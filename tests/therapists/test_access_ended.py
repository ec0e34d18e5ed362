"""A therapist whose access ended is told so kindly, sees nothing of the couple, and
keeps their own private notes."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from therapists.models import Consent, NoteVisibility, TherapistNote

from ..conftest import client_for
from ..factories import make_user
from .builders import link, make_profile

PRIVATE = "MY-OWN-PRIVATE-NOTE-51c2"
FOR_COUPLE = "NOTE-FOR-THE-COUPLE-88ad"


@pytest.fixture
def shared(hurt, involved, couple, dr_lee):
    therapist_link = link(couple, dr_lee, hurt, involved)
    for text, visibility in (
        (PRIVATE, NoteVisibility.PRIVATE),
        (FOR_COUPLE, NoteVisibility.COUPLE),
    ):
        TherapistNote.objects.create(
            couple=couple, therapist=dr_lee, text=text, visibility=visibility
        )
    return therapist_link


def couple_page(therapist, couple):
    return client_for(therapist).get(reverse("therapists:couple_detail", args=[couple.pk]))


@pytest.mark.parametrize("how", ["withdrawn", "ended"])
def test_after_access_ends_the_page_says_so_and_keeps_only_my_private_notes(
    shared, couple, dr_lee, hurt, how
):
    assert couple_page(dr_lee, couple).status_code == HTTPStatus.OK
    if how == "withdrawn":
        Consent.withdraw(shared, hurt)
    else:
        shared.end(hurt)

    response = couple_page(dr_lee, couple)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Your access to this space has ended" in response.text
    assert PRIVATE in response.text
    for couple_data in (FOR_COUPLE, "Sam", "Alex", str(couple)):
        assert couple_data not in response.text


def test_a_therapist_who_never_had_access_gets_the_plain_not_found(couple, hurt, dr_lee):
    link(couple, dr_lee, hurt)  # only one partner consented: access never began

    response = couple_page(dr_lee, couple)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "has ended" not in response.text


def test_another_therapist_never_sees_the_ended_page(shared, couple, hurt):
    shared.end(hurt)
    other = make_user("dr.kay@example.test", "Dr. Kay", is_therapist=True)
    make_profile(other)

    response = couple_page(other, couple)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "has ended" not in response.text
    assert PRIVATE not in response.text
