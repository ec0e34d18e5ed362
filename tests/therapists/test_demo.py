from http import HTTPStatus

from django.urls import reverse
from django.utils.html import escape

from accounts.demo import seed_people
from therapists import demo
from therapists.dashboard import Flag
from therapists.models import (
    AuditEntry,
    Consent,
    CsiResponse,
    ExerciseSuggestion,
    TherapistLink,
    TherapistNote,
    TherapistProfile,
)

from ..conftest import client_for


def counts():
    return [
        model.objects.count()
        for model in (
            TherapistProfile,
            TherapistLink,
            Consent,
            TherapistNote,
            CsiResponse,
            AuditEntry,
            ExerciseSuggestion,
        )
    ]


def test_demo_links_the_therapist_with_consent_and_is_safe_to_run_twice(db):
    people = seed_people("demo-pass")
    demo.seed(people)
    first = counts()

    demo.seed(people)

    assert counts() == first
    assert first[:4] == [1, 1 + len(demo.STORIES), 2 + 2 * len(demo.STORIES), 2]
    couple_id = TherapistLink.objects.get(couple__memberships__user=people["hurt"]).couple_id
    therapist_page = client_for(people["therapist"]).get(
        reverse("therapists:couple_detail", args=[couple_id])
    )
    assert therapist_page.status_code == HTTPStatus.OK
    assert escape(demo.PRIVATE_NOTE[:40]) in therapist_page.text
    partner_page = client_for(people["hurt"]).get(reverse("therapists:couple_settings")).text
    assert "Sharing is on" in partner_page
    assert escape(demo.SUGGESTION_NOTE[:40]) in partner_page
    assert escape(demo.NOTE_FOR_COUPLE[:40]) in partner_page
    assert escape(demo.PRIVATE_NOTE[:40]) not in partner_page


def test_the_demo_dashboard_is_full_and_some_couples_need_attention(db):
    people = seed_people("demo-pass")
    demo.seed(people)
    client = client_for(people["therapist"])

    page = client.get(reverse("therapists:dashboard")).text

    assert page.count("Sharing with you since") == 1 + len(demo.STORIES)
    for flag in Flag:
        assert f'<li class="flag">{escape(flag.label)}</li>' in page, flag
    assert page.count('class="needs-attention"') < 1 + len(demo.STORIES)
    for link in TherapistLink.objects.all():
        url = reverse("therapists:couple_detail", args=[link.couple_id])
        assert client.get(url).status_code == HTTPStatus.OK


def test_the_demo_therapist_is_verified_and_has_labels_on_couples(db):
    people = seed_people("demo-pass")
    demo.seed(people)

    profile = TherapistProfile.objects.get(user=people["therapist"])
    assert profile.is_verified and profile.jurisdiction == "United Kingdom"
    page = client_for(people["therapist"]).get(reverse("therapists:dashboard")).text
    assert escape(demo.LABEL) in page
    assert TherapistLink.objects.exclude(label="").count() >= 2
    consent_card = client_for(people["hurt"]).get(reverse("therapists:couple_settings")).text
    assert "Licence verified by this service on" in consent_card
    assert escape(demo.LABEL) not in consent_card
