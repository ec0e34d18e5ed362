from datetime import UTC, datetime, timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse

from together.models import JournalEntry, SelfCarePlan
from together.selfcare import PROMPTS, weekly_prompt

from ..conftest import client_for


def test_a_journal_entry_is_kept_for_its_author_only(hurt, involved, couple):
    response = client_for(hurt).post(
        reverse("together:journal"), {"text": "JOURNAL-ONLY-ME the anniversary is coming"}
    )

    assert response.status_code == HTTPStatus.FOUND
    entry = JournalEntry.objects.get()
    assert entry.author == hurt
    assert "JOURNAL-ONLY-ME" in client_for(hurt).get(reverse("together:journal")).content.decode()
    assert (
        "JOURNAL-ONLY-ME"
        not in client_for(involved).get(reverse("together:journal")).content.decode()
    )


def test_a_partner_cannot_delete_someone_elses_entry(hurt, involved, couple):
    entry = JournalEntry.objects.create(author=hurt, text="Mine")

    response = client_for(involved).post(reverse("together:delete_entry", args=[entry.pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert JournalEntry.objects.filter(pk=entry.pk).exists()
    client_for(hurt).post(reverse("together:delete_entry", args=[entry.pk]))
    assert not JournalEntry.objects.exists()


def test_the_journal_belongs_to_the_person_even_without_a_couple(loner):
    client_for(loner).post(reverse("together:journal"), {"text": "Before I join anyone"})

    page = client_for(loner).get(reverse("together:journal")).content.decode()

    assert "Before I join anyone" in page


def test_therapist_accounts_have_no_journal(therapist):
    client = client_for(therapist)

    assert client.get(reverse("together:journal")).status_code == HTTPStatus.NOT_FOUND
    assert client.get(reverse("together:self_care")).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(("text", "message"), [("", "Please write"), ("x" * 5001, "under 5000")])
def test_a_bad_entry_is_a_form_error(hurt, couple, text, message):
    response = client_for(hurt).post(reverse("together:journal"), {"text": text})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert message in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_a_self_care_plan_is_personal(hurt, involved, couple):
    plan = {
        "rest": "In bed by eleven",
        "movement": "A walk at lunch",
        "people_i_can_talk_to": "My sister",
        "my_own_therapy": "Tuesdays",
    }

    client_for(hurt).post(reverse("together:self_care"), plan)

    assert SelfCarePlan.objects.get().user == hurt
    assert "My sister" in client_for(hurt).get(reverse("together:journal")).content.decode()
    for url_name in ("together:journal", "together:self_care"):
        page = client_for(involved).get(reverse(url_name)).content.decode()
        assert "My sister" not in page


def test_a_too_long_plan_is_a_form_error(hurt, couple):
    response = client_for(hurt).post(reverse("together:self_care"), {"rest": "x" * 1001})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "under 1000 characters" in response.content.decode()
    assert not SelfCarePlan.objects.exists()


def test_the_gentle_prompt_changes_each_week_and_shows_on_the_journal(hurt, couple, time_machine):
    monday = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    zone = hurt.zone
    same_week = {weekly_prompt(monday + timedelta(days=day), zone) for day in range(7)}
    next_week = weekly_prompt(monday + timedelta(weeks=1), zone)
    assert len(same_week) == 1 and next_week != same_week.pop() and next_week in PROMPTS

    time_machine.move_to(monday, tick=False)
    page = client_for(hurt).get(reverse("together:journal")).content.decode()

    assert str(weekly_prompt(monday, zone)).replace("'", "&#x27;") in page
