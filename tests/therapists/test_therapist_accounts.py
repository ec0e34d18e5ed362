from http import HTTPStatus

import pytest
from django.urls import reverse

from accounts.models import User
from therapists import codes
from therapists.models import TherapistError, TherapistProfile

from ..conftest import client_for


def test_a_person_without_a_couple_sees_the_therapist_card_on_onboarding(loner):
    response = client_for(loner).get(reverse("home"))

    assert "Are you a couples therapist?" in response.text
    assert reverse("therapists:setup") in response.text


def test_a_person_without_a_couple_becomes_a_therapist_with_a_code(loner):
    client = client_for(loner)

    response = client.post(
        reverse("therapists:setup"),
        {
            "practice_name": " Kim Therapy ",
            "licence_type": "Registered member, BACP",
            "licence": "BACP 42",
            "jurisdiction": " United Kingdom",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("therapists:dashboard")
    loner.refresh_from_db()
    profile = loner.therapist_profile
    assert loner.is_therapist
    assert (profile.practice_name, profile.licence, profile.jurisdiction) == (
        "Kim Therapy",
        "BACP 42",
        "United Kingdom",
    )
    assert profile.verified_at is None  # until staff have checked it
    assert codes.is_well_formed(profile.code)
    dashboard = client.get(reverse("therapists:dashboard"))
    assert profile.display_code in dashboard.text


def test_home_sends_therapists_to_their_dashboard(therapist):
    response = client_for(therapist).get(reverse("home"))

    assert response["Location"] == reverse("therapists:dashboard")


@pytest.mark.parametrize("data", [{}, {"practice_name": "  "}, {"licence": "BACP 42"}])
def test_practice_name_is_required(loner, data):
    response = client_for(loner).post(reverse("therapists:setup"), data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please enter the name of your practice." in response.text
    loner.refresh_from_db()
    assert not loner.is_therapist


def test_too_long_practice_name_is_a_form_error(loner):
    response = client_for(loner).post(reverse("therapists:setup"), {"practice_name": "x" * 500})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not TherapistProfile.objects.exists()


def test_someone_in_a_couple_cannot_become_a_therapist(hurt, couple):
    client = client_for(hurt)

    page = client.get(reverse("therapists:setup"))
    response = client.post(reverse("therapists:setup"), {"practice_name": "Sneaky"})

    assert "can't also be a therapist account" in page.text
    assert response.status_code == HTTPStatus.CONFLICT
    hurt.refresh_from_db()
    assert not hurt.is_therapist
    assert not TherapistProfile.objects.exists()
    with pytest.raises(TherapistError):
        TherapistProfile.set_up(hurt, "Sneaky")


def test_a_therapist_can_update_practice_details_and_keeps_the_code(therapist):
    profile = TherapistProfile.set_up(therapist, "Old name")

    client_for(therapist).post(reverse("therapists:setup"), {"practice_name": "New name"})

    profile_after = TherapistProfile.objects.get(user=therapist)
    assert (profile_after.practice_name, profile_after.code) == ("New name", profile.code)


def test_codes_are_unique_and_unambiguous(db):
    users = [User.objects.create_user(email=f"t{i}@example.test") for i in range(30)]
    profiles = [TherapistProfile.set_up(user, "Practice") for user in users]

    all_codes = {profile.code for profile in profiles}
    assert len(all_codes) == 30
    assert not set("".join(all_codes)) & set("0O1I")
    assert all(len(p.display_code) == 9 and p.display_code[4] == "-" for p in profiles)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("abcd-2345", "ABCD2345"), (" ABCD 2345 ", "ABCD2345"), ("abcd2345", "ABCD2345")],
)
def test_codes_are_read_forgivingly(typed, expected):
    assert codes.normalize(typed) == expected
    assert codes.is_well_formed(expected)


@pytest.mark.parametrize("bad", ["ABCD-234", "ABCD-23450", "ABCD-O000", "ABCD-1111"])
def test_malformed_codes_are_refused(bad):
    assert not codes.is_well_formed(codes.normalize(bad))
