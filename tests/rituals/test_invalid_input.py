"""Whatever is typed or sent, the answer is a form error or a 404, never a 500."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone as tz

from rituals.models import Mark, Ritual

from ..conftest import client_for
from ..factories import make_couple, make_user
from .builders import agreed

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "exercise": "",
        "title": "A walk",
        "rhythm": "weekdays",
        "days": ["1", "3"],
        "at_time": "07:30",
        "timezone": "America/Los_Angeles",
        "starts_on": "2026-12-01",
    }
    return {key: value for key, value in (data | overrides).items() if value is not None}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"days": None}, "Choose at least one day of the week."),
        ({"rhythm": "weekly", "days": ["1", "2"]}, "Choose the one day of the week"),
        ({"rhythm": "fortnightly", "days": None}, "Choose the one day of the week"),
        ({"timezone": "Mars/Olympus_Mons"}, "We don&#x27;t know that time zone."),
        ({"timezone": ""}, "This field is required."),
        ({"title": "", "exercise": ""}, "Choose an exercise, or say in a few words"),
        ({"rhythm": "hourly"}, "Select a valid choice."),
        ({"days": ["9"]}, "Select a valid choice."),
        ({"at_time": "25:99"}, "Enter a valid time."),
        ({"starts_on": "2026-02-30"}, "Enter a valid date."),
        ({"exercise": "99999999999999999999"}, "Select a valid choice."),
        ({"title": "x" * 81}, "Ensure this value has at most 80 characters"),
    ],
)
def test_a_ritual_that_cannot_be_is_a_form_error(hurt, couple, overrides, message):
    response = client_for(hurt).post(reverse("rituals:new"), _form(**overrides))
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert message in response.content.decode()
    assert not Ritual.objects.exists()


@pytest.fixture
def ritual(hurt, involved, couple):
    return agreed(hurt, involved, starts_on=tz.now().date() - timedelta(days=28))


def _mark(user, ritual, **data):
    return client_for(user).post(reverse("rituals:mark", args=[ritual.pk]), data)


def test_marking_a_time_still_to_come_is_a_form_error(hurt, ritual):
    future = ritual.schedule.next_after(tz.now())
    response = _mark(hurt, ritual, occurrence=future.isoformat(), outcome="did")
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "That time has not come yet." in response.content.decode()
    assert not Mark.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"occurrence": "not-a-date", "outcome": "did"},
        {"occurrence": "2026-13-01", "outcome": "did"},
        {"outcome": "did"},
        {"occurrence": "2026-01-05", "outcome": "maybe"},
        {"occurrence": "2026-01-05", "outcome": "did", "felt": "11"},
        {"occurrence": "2026-01-05", "outcome": "did", "felt": "-1"},
        {"occurrence": "2026-01-05", "outcome": "did", "line": "x" * 301},
    ],
)
def test_a_mark_that_cannot_be_is_a_form_error(hurt, ritual, data):
    response = _mark(hurt, ritual, **data)
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not Mark.objects.exists()


def test_a_day_that_is_not_one_of_its_days_is_a_form_error(hurt, ritual):
    day = ritual.schedule.recent(tz.now(), 1)[0] - timedelta(days=1)
    response = _mark(hurt, ritual, occurrence=day.isoformat(), outcome="did")
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "not one of this ritual" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["detail", "mark", "accept", "pause", "resume", "ask_to_end", "agree_to_end"]
)
def test_another_couples_ritual_is_a_404(ritual, name):
    robin = make_user("robin@example.test", "Robin")
    make_couple(robin, make_user("jamie@example.test", "Jamie"))
    client = client_for(robin)
    url = reverse(f"rituals:{name}", args=[ritual.pk])
    response = client.get(url) if name == "detail" else client.post(url, {"outcome": "did"})
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_an_unknown_card_is_a_404(hurt, couple):
    url = reverse("rituals:answer", args=[987654321])
    assert client_for(hurt).get(url).status_code == HTTPStatus.NOT_FOUND


def test_a_day_at_the_end_of_the_calendar_is_a_form_error(hurt, involved, couple):
    # An evening west of UTC on the last day there is would be a moment past year 9999.
    couple.timezone = "America/Los_Angeles"
    couple.save(update_fields=["timezone"])
    daily = agreed(hurt, involved, rhythm="daily", days=0)
    response = _mark(hurt, daily, occurrence="9999-12-31", outcome="did")
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "That time has not come yet." in response.content.decode()
