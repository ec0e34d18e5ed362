"""A partner invites a therapist by code or email; each partner consents on their own."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from therapists.models import Consent, TherapistLink

from ..conftest import client_for, reauthenticated_client
from ..factories import make_user
from .builders import link, make_profile, membership_of

SETTINGS = reverse("therapists:couple_settings")


def test_a_partner_links_a_therapist_by_code(hurt, couple, dr_lee):
    code = dr_lee.therapist_profile.display_code.lower()

    response = client_for(hurt).post(reverse("therapists:invite_by_code"), {"code": code})

    assert response["Location"] == SETTINGS
    therapist_link = TherapistLink.objects.open().get(couple=couple)
    assert (therapist_link.therapist, therapist_link.invited_by) == (dr_lee, hurt)
    assert not therapist_link.consents.exists()  # inviting is not consenting


@pytest.mark.parametrize("code", ["", "ZZZZ-ZZZZ", "nonsense", "A" * 30])
def test_an_unknown_or_malformed_code_is_a_form_error(hurt, couple, dr_lee, code):
    response = client_for(hurt).post(reverse("therapists:invite_by_code"), {"code": code})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert 'class="errorlist' in response.text
    assert not TherapistLink.objects.exists()


def test_inviting_by_the_email_of_an_existing_therapist_links_at_once(involved, couple, dr_lee):
    with_case = dr_lee.email.upper()

    client_for(involved).post(reverse("therapists:invite_by_email"), {"email": with_case})

    assert TherapistLink.objects.open().get(couple=couple).therapist == dr_lee
    assert mail.outbox == []


def test_inviting_a_new_address_sends_a_discreet_email_and_links_on_setup(
    hurt, couple, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(hurt).post(
            reverse("therapists:invite_by_email"), {"email": "dr.new@example.test"}
        )

    (email,) = mail.outbox
    assert email.to == ["dr.new@example.test"]
    text = email.subject + email.body + email.alternatives[0][0]
    for revealing in ["Sam", "Alex", hurt.email, "affair", "infidel", "betray", "cheat"]:
        assert revealing.lower() not in text.lower()
    assert reverse("account_signup") in email.body
    therapist_link = TherapistLink.objects.open().get(couple=couple)
    assert therapist_link.therapist is None

    newcomer = make_user("dr.new@example.test", "Dr. New")
    client_for(newcomer).post(reverse("therapists:setup"), {"practice_name": "New Practice"})

    therapist_link.refresh_from_db()
    assert therapist_link.therapist == newcomer


def test_an_unverified_address_does_not_pick_up_the_invitation(hurt, couple):
    from allauth.account.models import EmailAddress

    TherapistLink.invite(membership_of(hurt), email="dr.new@example.test")
    newcomer = make_user("dr.new@example.test", "Dr. New")
    EmailAddress.objects.filter(user=newcomer).update(verified=False)

    make_profile(newcomer)

    assert TherapistLink.objects.get().therapist is None


@pytest.mark.parametrize("email", ["", "not-an-email", "sam@example.test", "ALEX@example.test"])
def test_bad_or_own_addresses_are_form_errors(hurt, couple, email):
    response = client_for(hurt).post(reverse("therapists:invite_by_email"), {"email": email})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert 'class="errorlist' in response.text
    assert not TherapistLink.objects.exists()


def test_one_open_link_per_couple(hurt, involved, couple, dr_lee):
    link(couple, dr_lee)

    client_for(involved).post(reverse("therapists:invite_by_email"), {"email": "x@example.test"})

    assert TherapistLink.objects.count() == 1
    page = client_for(involved).get(SETTINGS)
    assert "Enter your therapist&#x27;s code" not in page.text


def test_the_consent_page_states_what_the_therapist_will_and_will_not_see(hurt, couple, dr_lee):
    link(couple, dr_lee)

    response = client_for(hurt).get(reverse("therapists:consent"))

    assert response.status_code == HTTPStatus.OK
    for line in [
        "What your therapist will see",
        "once both of you have submitted",
        "Your readiness numbers",
        "Your transparency agreement",
        "What your therapist will never see",
        "Triggers you keep private",
        "Your private notes and your journal",
        "Either of you can withdraw at any time",
        "Harbour Couples Therapy",
    ]:
        assert line in response.text, line


def test_each_partner_consents_on_their_own_and_access_starts_with_both(
    hurt, involved, couple, dr_lee
):
    therapist_link = link(couple, dr_lee)
    detail = reverse("therapists:couple_detail", args=[couple.pk])

    reauthenticated_client(hurt).post(reverse("therapists:consent"))
    assert client_for(dr_lee).get(detail).status_code == HTTPStatus.NOT_FOUND
    involved_page = client_for(involved).get(SETTINGS)
    assert "Sam agreed on" in involved_page.text
    assert "Nothing is shared yet" in involved_page.text

    reauthenticated_client(involved).post(reverse("therapists:consent"))

    assert client_for(dr_lee).get(detail).status_code == HTTPStatus.OK
    assert set(therapist_link.consents.active().values_list("partner", flat=True)) == {
        hurt.pk,
        involved.pk,
    }
    assert "Sharing is on" in client_for(hurt).get(SETTINGS).text


def test_consenting_twice_keeps_one_active_consent(hurt, couple, dr_lee):
    link(couple, dr_lee)
    client = reauthenticated_client(hurt)

    client.post(reverse("therapists:consent"))
    client.post(reverse("therapists:consent"))

    assert Consent.objects.active().filter(partner=hurt).count() == 1


def test_no_consent_before_the_invited_therapist_has_an_account(hurt, couple):
    TherapistLink.invite(membership_of(hurt), email="dr.new@example.test")

    response = reauthenticated_client(hurt).post(reverse("therapists:consent"))

    assert response["Location"] == SETTINGS
    assert not Consent.objects.exists()


def test_withdrawal_and_consent_history_are_kept_with_time_and_person(
    hurt, involved, couple, dr_lee
):
    therapist_link = link(couple, dr_lee, hurt, involved)

    alex, sam = reauthenticated_client(involved), reauthenticated_client(hurt)

    alex.post(reverse("therapists:withdraw_consent"))
    alex.post(reverse("therapists:consent"))
    sam.post(reverse("therapists:withdraw_consent"))

    rows = list(therapist_link.consents.order_by("pk").values_list("partner", "revoked_by"))
    assert rows == [
        (hurt.pk, hurt.pk),
        (involved.pk, involved.pk),
        (involved.pk, None),
    ]
    assert all(c.given_at for c in therapist_link.consents.all())
    assert therapist_link.consents.filter(revoked_at__isnull=False).count() == 2
    page = client_for(hurt).get(SETTINGS).text
    assert "withdrawn on" in page


def test_ending_the_link_ends_access_and_every_consent(hurt, involved, couple, dr_lee):
    therapist_link = link(couple, dr_lee, hurt, involved)

    client_for(hurt).post(reverse("therapists:end_link"))

    therapist_link.refresh_from_db()
    assert (therapist_link.ended_by, therapist_link.ended_at is not None) == (hurt, True)
    assert not therapist_link.consents.active().exists()
    detail = reverse("therapists:couple_detail", args=[couple.pk])
    assert client_for(dr_lee).get(detail).status_code == HTTPStatus.NOT_FOUND
    assert "Enter your therapist" in client_for(hurt).get(SETTINGS).text  # can invite again


def test_a_single_partner_space_never_gives_access(loner, dr_lee):
    from accounts.models import Couple, Role

    solo = Couple.start(loner, Role.HURT)
    link(solo, dr_lee, loner)

    assert not TherapistLink.objects.with_access().exists()


def test_a_partner_page_shows_the_invitation_waiting_for_an_address(hurt, couple):
    TherapistLink.invite(membership_of(hurt), email="dr.new@example.test")

    response = client_for(hurt).get(SETTINGS)

    assert "An invitation is waiting for dr.new@example.test" in response.text
