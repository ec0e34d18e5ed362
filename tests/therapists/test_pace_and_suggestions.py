"""The therapist sets a pace (a ceiling on the exercise tiers) and suggests exercises;
neither ever opens a tier, both partners see them, and each action is audited."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from pacing.models import Exercise, PacingPolicy, gate_for
from therapists.models import AuditAction, AuditEntry, ExerciseSuggestion

from ..conftest import client_for
from .builders import link, readiness

PACE_SET = "Your therapist has set a pace"
CEILING_EXPLAINED = "Your therapist has suggested staying with these tiers for now."


@pytest.fixture
def shared(dr_lee, hurt, involved, couple):
    link(couple, dr_lee, hurt, involved)
    return couple


def open_tier_two(couple, hurt):
    now = timezone.now()
    for days in (16, 9, 2):
        readiness(couple, hurt, now - timedelta(days=days), 6)


def set_ceiling(dr_lee, couple, value):
    url = reverse("therapists:set_ceiling", args=[couple.pk])
    return client_for(dr_lee).post(url, {"ceiling": value})


def exercises_page(user) -> str:
    return client_for(user).get(reverse("pacing:index")).text


def test_a_ceiling_lowers_the_open_tier_and_partners_are_told(dr_lee, shared, hurt, involved):
    open_tier_two(shared, hurt)
    assert gate_for(shared).tier == 2

    response = set_ceiling(dr_lee, shared, "1")

    assert response.status_code == HTTPStatus.FOUND
    assert PacingPolicy.objects.get(couple=shared).therapist_ceiling == 1
    assert gate_for(shared).tier == 1
    for partner in (hurt, involved):
        page = exercises_page(partner)
        assert CEILING_EXPLAINED in page
        assert PACE_SET not in page  # said once, not twice
    closed = Exercise.objects.filter(tier=2).first()
    refused = client_for(hurt).get(reverse("pacing:exercise", args=[closed.slug]))
    assert refused.status_code == HTTPStatus.FORBIDDEN


def test_a_ceiling_never_raises_the_tier_but_partners_still_see_the_pace(
    dr_lee, shared, hurt, involved
):
    set_ceiling(dr_lee, shared, "4")

    assert gate_for(shared).tier == 0
    closed = Exercise.objects.filter(tier=1).first()
    response = client_for(involved).get(reverse("pacing:exercise", args=[closed.slug]))
    assert response.status_code == HTTPStatus.FORBIDDEN
    for partner in (hurt, involved):
        assert "Your therapist has set a pace: exercises up to tier 4" in exercises_page(partner)
    settings_page = client_for(hurt).get(reverse("therapists:couple_settings")).text
    assert PACE_SET in settings_page


def test_the_ceiling_can_be_lifted(dr_lee, shared, hurt):
    open_tier_two(shared, hurt)
    set_ceiling(dr_lee, shared, "0")

    set_ceiling(dr_lee, shared, "none")

    assert PacingPolicy.objects.get(couple=shared).therapist_ceiling is None
    assert gate_for(shared).tier == 2
    assert PACE_SET not in exercises_page(hurt)


@pytest.mark.parametrize("value", ["", "5", "-1", "two"])
def test_a_bad_ceiling_is_a_form_error_and_still_one_audit_row(dr_lee, shared, value):
    response = set_ceiling(dr_lee, shared, value)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please choose" in response.text
    assert not PacingPolicy.objects.filter(couple=shared).exists()
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [AuditAction.SET_CEILING]


def suggest(dr_lee, couple, exercise, note=""):
    url = reverse("therapists:suggest_exercise", args=[couple.pk])
    return client_for(dr_lee).post(url, {"exercise": exercise.pk if exercise else "", "note": note})


def test_a_suggestion_is_shown_to_both_partners(dr_lee, shared, hurt, involved, outsider):
    exercise = Exercise.objects.get(slug="listening-to-understand")

    response = suggest(dr_lee, shared, exercise, "  Try it twice before Tuesday.  ")

    assert response.status_code == HTTPStatus.FOUND
    suggestion = ExerciseSuggestion.objects.get()
    assert (suggestion.couple, suggestion.therapist, suggestion.note) == (
        shared,
        dr_lee,
        "Try it twice before Tuesday.",
    )
    link_html = f'href="{reverse("pacing:exercise", args=[exercise.slug])}">{exercise.title}</a>'
    for partner in (hurt, involved):
        assert link_html in exercises_page(partner)
        settings_page = client_for(partner).get(reverse("therapists:couple_settings")).text
        assert "Try it twice before Tuesday." in settings_page
    assert "Try it twice" not in exercises_page(outsider)
    couple_page = client_for(dr_lee).get(reverse("therapists:couple_detail", args=[shared.pk]))
    assert "Try it twice before Tuesday." in couple_page.text


def test_a_suggestion_never_opens_a_closed_tier(dr_lee, shared, hurt):
    closeness = Exercise.objects.filter(tier=4).first()

    suggest(dr_lee, shared, closeness, "When you are both ready, not before.")

    page = exercises_page(hurt)
    assert escape(closeness.title) in page
    assert "(opens when your pace allows)" in page
    assert f'href="{reverse("pacing:exercise", args=[closeness.slug])}"' not in page
    for url in (
        reverse("pacing:exercise", args=[closeness.slug]),
        reverse("pacing:start", args=[closeness.slug]),
    ):
        assert client_for(hurt).get(url).status_code == HTTPStatus.FORBIDDEN
    assert client_for(hurt).post(url).status_code == HTTPStatus.FORBIDDEN
    assert gate_for(shared).tier == 0


@pytest.mark.parametrize(
    ("exercise_pk", "note", "error"),
    [
        ("", "", "Please choose an exercise to suggest."),
        ("999999", "", "Please choose one of the exercises listed."),
        (None, "x" * 501, "Please keep this under 500 characters."),
    ],
)
def test_a_bad_suggestion_is_a_form_error_and_still_one_audit_row(
    dr_lee, shared, exercise_pk, note, error
):
    exercise_pk = Exercise.objects.first().pk if exercise_pk is None else exercise_pk
    url = reverse("therapists:suggest_exercise", args=[shared.pk])

    response = client_for(dr_lee).post(url, {"exercise": exercise_pk, "note": note})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert error in response.text
    assert not ExerciseSuggestion.objects.exists()
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        AuditAction.SUGGEST_EXERCISE
    ]


def test_partners_see_the_pace_and_suggestions_in_who_viewed_our_space(dr_lee, shared, hurt):
    set_ceiling(dr_lee, shared, "2")
    suggest(dr_lee, shared, Exercise.objects.first())

    page = client_for(hurt).get(reverse("therapists:couple_settings")).text

    assert "Set the pace of the exercises" in page
    assert "Suggested an exercise" in page
