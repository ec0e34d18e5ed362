"""Who is a therapist: licence details on the therapist's profile, verified by staff in
the admin, shown to couples before they agree; and an installation that works only
with verified therapists (THERAPISTS_MUST_BE_VERIFIED)."""

from http import HTTPStatus

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from therapists.admin import TherapistProfileAdmin
from therapists.models import Consent, TherapistError, TherapistLink, TherapistProfile

from ..conftest import client_for, reauthenticated_client
from ..factories import make_user
from .builders import link, membership_of

LICENCE = {
    "practice_name": "Harbour Couples Therapy",
    "licence_type": "Licensed Marriage and Family Therapist",
    "licence": "LMFT 104233",
    "jurisdiction": "California, USA",
}


@pytest.fixture
def dr_lee(therapist):
    return TherapistProfile.set_up(therapist, **LICENCE).user


@pytest.fixture
def staff(db):
    return make_user("ops@example.test", "Ops", is_staff=True, is_superuser=True)


def verify(profile_user, staff_user):
    profile = TherapistProfile.objects.get(user=profile_user)
    profile.verify(staff_user)
    return profile


# --- The therapist fills in their licence ----------------------------------------------


def test_the_therapist_gives_licence_type_number_and_jurisdiction(therapist):
    client = client_for(therapist)

    response = client.post(reverse("therapists:setup"), LICENCE)

    assert response.status_code == HTTPStatus.FOUND
    profile = TherapistProfile.objects.get(user=therapist)
    assert (profile.licence_type, profile.licence, profile.jurisdiction) == (
        "Licensed Marriage and Family Therapist",
        "LMFT 104233",
        "California, USA",
    )
    page = client.get(reverse("therapists:setup")).text
    assert "Your licence is not verified yet." in page


def test_licence_details_come_together_or_not_at_all(therapist):
    response = client_for(therapist).post(
        reverse("therapists:setup"), {"practice_name": "Harbour", "licence": "LMFT 1"}
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please fill in the licence type, number and jurisdiction together" in response.text
    assert not TherapistProfile.objects.filter(user=therapist).exists()


def test_changing_the_licence_asks_for_verification_again(dr_lee, staff):
    verify(dr_lee, staff)
    client = client_for(dr_lee)

    client.post(reverse("therapists:setup"), LICENCE | {"practice_name": "Harbour Two"})
    assert TherapistProfile.objects.get(user=dr_lee).is_verified  # same licence
    client.post(reverse("therapists:setup"), LICENCE | {"licence": "LMFT 999"})

    assert not TherapistProfile.objects.get(user=dr_lee).is_verified


# --- Staff verify in the admin ---------------------------------------------------------


def test_staff_verify_with_an_admin_action_that_records_who_and_when(dr_lee, staff, therapist):
    bare = make_user("dr.bare@example.test", "Dr. Bare", is_therapist=True)
    TherapistProfile.set_up(bare, "No Licence Yet")
    request = RequestFactory().post("/admin/")
    request.user = staff
    request._messages = MessageSink()
    admin = TherapistProfileAdmin(TherapistProfile, site)

    admin.verify_licences(request, TherapistProfile.objects.all())

    lee = TherapistProfile.objects.get(user=dr_lee)
    assert lee.is_verified and lee.verified_by == staff
    assert not TherapistProfile.objects.get(user=bare).is_verified  # nothing to check
    assert request._messages.texts == [
        "1 licence verified.",
        "1 left as it was: already verified or missing licence details.",
    ]
    admin.withdraw_verification(request, TherapistProfile.objects.filter(user=dr_lee))
    assert not TherapistProfile.objects.get(user=dr_lee).is_verified


class MessageSink:
    def __init__(self):
        self.texts = []

    def add(self, level, message, extra_tags=""):
        self.texts.append(str(message))


def test_the_admin_lists_and_filters_by_verification(dr_lee, staff):
    client = client_for(staff)

    page = client.get(reverse("admin:therapists_therapistprofile_changelist")).text
    unverified = client.get(
        reverse("admin:therapists_therapistprofile_changelist"), {"verified_at__isempty": "1"}
    )

    assert "LMFT 104233" in page
    assert unverified.status_code == HTTPStatus.OK
    assert "LMFT 104233" in unverified.text


# --- Couples see it before they agree --------------------------------------------------


@pytest.mark.parametrize("verified", [True, False])
def test_couples_see_whether_the_licence_was_verified_before_they_agree(
    dr_lee, staff, hurt, involved, couple, verified
):
    if verified:
        verify(dr_lee, staff)
    link(couple, dr_lee)

    consent_page = reauthenticated_client(hurt).get(reverse("therapists:consent")).text
    settings_page = client_for(involved).get(reverse("therapists:couple_settings")).text

    for page in (consent_page, settings_page):
        assert "Licensed Marriage and Family Therapist" in page
        assert "LMFT 104233" in page and "California, USA" in page
        if verified:
            day = TherapistProfile.objects.get(user=dr_lee).verified_at.strftime("%-d %B %Y")
            assert f"Licence verified by this service on {day}." in page
        else:
            assert "Licence not verified by this service." in page
    assert "I agree to share with" in consent_page  # allowed: the setting is off


# --- An installation that works only with verified therapists --------------------------


@pytest.fixture
def verified_only(settings):
    settings.THERAPISTS_MUST_BE_VERIFIED = True


def test_an_unverified_therapist_cannot_be_linked_by_code(dr_lee, hurt, couple, verified_only):
    code = TherapistProfile.objects.get(user=dr_lee).code

    response = client_for(hurt).post(reverse("therapists:invite_by_code"), {"code": code})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "has not been verified by this service yet" in response.text
    assert not TherapistLink.objects.exists()


def test_an_unverified_therapist_cannot_be_linked_by_email(dr_lee, hurt, couple, verified_only):
    response = client_for(hurt).post(reverse("therapists:invite_by_email"), {"email": dr_lee.email})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "has not been verified by this service yet" in response.text
    assert not TherapistLink.objects.exists()


def test_an_unverified_therapist_cannot_be_agreed_to(dr_lee, hurt, involved, couple, settings):
    therapist_link = link(couple, dr_lee)  # linked before the installation changed its mind
    settings.THERAPISTS_MUST_BE_VERIFIED = True
    client = reauthenticated_client(hurt)

    page = client.get(reverse("therapists:consent"))
    agreed = client.post(reverse("therapists:consent"))

    assert page.status_code == HTTPStatus.OK
    assert "I agree to share with" not in page.text
    assert "this service works only with verified therapists" in page.text.lower()
    assert agreed.status_code == HTTPStatus.FORBIDDEN
    assert "licence is not verified yet. You can ask them" in agreed.text
    assert not Consent.objects.filter(link=therapist_link).exists()


def test_an_unverified_therapist_sees_no_couple_even_with_both_consents(
    dr_lee, hurt, involved, couple, settings
):
    link(couple, dr_lee, hurt, involved)
    settings.THERAPISTS_MUST_BE_VERIFIED = True
    client = client_for(dr_lee)

    dashboard = client.get(reverse("therapists:dashboard"))
    couple_page = client.get(reverse("therapists:couple_detail", args=[couple.pk]))
    practice_page = client.get(reverse("practice:therapist_couple", args=[couple.pk]))
    setup = client.get(reverse("therapists:setup"))

    for response in (dashboard, couple_page, practice_page):
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert "Your licence waits for verification" in response.text
        assert "Sam" not in response.text
    assert setup.status_code == HTTPStatus.OK  # where they can complete their details
    assert not TherapistLink.objects.with_access().exists()


def test_once_verified_everything_works_again(dr_lee, staff, hurt, involved, couple, settings):
    settings.THERAPISTS_MUST_BE_VERIFIED = True
    verify(dr_lee, staff)
    code = TherapistProfile.objects.get(user=dr_lee).code

    linked = client_for(hurt).post(reverse("therapists:invite_by_code"), {"code": code})
    for partner in (hurt, involved):
        reauthenticated_client(partner).post(reverse("therapists:consent"))

    assert linked.status_code == HTTPStatus.FOUND
    assert Consent.objects.active().count() == 2
    response = client_for(dr_lee).get(reverse("therapists:couple_detail", args=[couple.pk]))
    assert response.status_code == HTTPStatus.OK


def test_the_domain_refuses_too_not_only_the_forms(dr_lee, hurt, couple, verified_only):
    with pytest.raises(TherapistError):
        TherapistLink.invite(membership_of(hurt), therapist=dr_lee)
