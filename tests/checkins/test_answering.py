from datetime import UTC, date, datetime
from http import HTTPStatus

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse

from checkins.models import Answer, CheckIn, CheckInError

from ..conftest import client_for
from .conftest import answer_data, week_url

# A Wednesday; the week runs from Monday 2 March to Sunday 8 March 2026.
NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
WEEK = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _wednesday():
    with time_machine.travel(NOW, tick=False):
        yield


def test_opening_the_page_creates_this_weeks_check_in_once(hurt, involved, couple):
    client_for(hurt).get(reverse("checkins:this_week"))
    response = client_for(involved).get(reverse("checkins:this_week"))

    assert response.status_code == HTTPStatus.OK
    assert CheckIn.objects.get().week_start == WEEK
    assert "Your answers" in response.content.decode()


def test_a_draft_keeps_what_was_written_and_stays_a_draft(hurt, couple):
    client = client_for(hurt)

    response = client.post(
        week_url("save_answer", WEEK),
        {"action": "draft", "triggers_text": "Unknown number on her phone", "safety": 4},
    )

    assert response.status_code == HTTPStatus.FOUND
    answer = Answer.objects.get(author=hurt)
    assert (answer.safety, answer.trust, answer.submitted_at) == (4, None, None)
    page = client.get(week_url("week", WEEK)).content.decode()
    assert "Unknown number on her phone" in page
    assert 'value="4" required' not in page  # a draft never demands the ratings


def test_autosave_answers_with_a_small_saved_fragment_not_a_whole_page(hurt, couple):
    response = client_for(hurt).post(
        week_url("save_answer", WEEK),
        {"need_text": "Ten minutes of talking before bed"},
        headers={"HX-Request": "true"},
    )

    body = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Draft saved at 12:00" in body
    assert "<html" not in body
    assert Answer.objects.get(author=hurt).need_text == "Ten minutes of talking before bed"


def test_a_later_draft_replaces_the_earlier_one_without_duplicating(hurt, couple):
    client = client_for(hurt)
    client.post(week_url("save_answer", WEEK), {"win_text": "first"}, headers={"HX-Request": "1"})
    client.post(week_url("save_answer", WEEK), {"win_text": "second"}, headers={"HX-Request": "1"})

    assert list(Answer.objects.values_list("win_text", flat=True)) == ["second"]


def test_sharing_submits_the_answer(hurt, couple):
    response = client_for(hurt).post(
        week_url("save_answer", WEEK), answer_data(rating=7) | {"action": "submit"}
    )

    assert response.status_code == HTTPStatus.FOUND
    answer = Answer.objects.get(author=hurt)
    assert answer.submitted_at == NOW
    assert answer.trust == 7


@pytest.mark.parametrize("value", ["11", "-1", "abc", "7.5", ""])
def test_a_rating_outside_0_to_10_is_a_clear_form_error(hurt, couple, value):
    data = answer_data(marker="kept text") | {"safety": value, "action": "submit"}

    response = client_for(hurt).post(week_url("save_answer", WEEK), data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    body = response.content.decode()
    assert "Please choose" in body
    assert "from 0 to 10" in body
    assert "kept text" in body  # nothing typed is lost
    assert not Answer.objects.submitted().exists()


@pytest.mark.parametrize("value", ["11", "-1"])
def test_a_bad_rating_in_an_autosave_is_a_small_error_fragment(hurt, couple, value):
    response = client_for(hurt).post(
        week_url("save_answer", WEEK), {"hope": value}, headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Not saved yet" in body
    assert "Hope: Please choose a whole number from 0 to 10." in body
    assert "<html" not in body
    assert not Answer.objects.exists()


def test_text_over_the_limit_is_a_clear_form_error(hurt, couple):
    data = answer_data() | {"boundaries_text": "x" * 2001, "action": "submit"}

    response = client_for(hurt).post(week_url("save_answer", WEEK), data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please keep this to 2000 characters or fewer (it has 2001)" in response.content.decode()
    assert not Answer.objects.exists()


def test_sharing_needs_every_rating(hurt, couple):
    data = answer_data() | {"action": "submit"}
    del data["connection"]

    response = client_for(hurt).post(week_url("save_answer", WEEK), data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please choose a number from 0 to 10." in response.content.decode()
    assert not Answer.objects.submitted().exists()


def test_submitting_twice_is_refused_kindly_and_does_not_duplicate(hurt, couple):
    client = client_for(hurt)
    client.post(week_url("save_answer", WEEK), answer_data(rating=3) | {"action": "submit"})

    again = client.post(week_url("save_answer", WEEK), answer_data(rating=9) | {"action": "submit"})

    assert again.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "You have already shared your answers for this week" in again.content.decode()
    answer = Answer.objects.get()
    assert answer.safety == 3


def test_a_draft_after_submitting_is_refused_too(hurt, couple):
    client = client_for(hurt)
    client.post(week_url("save_answer", WEEK), answer_data(rating=3) | {"action": "submit"})

    response = client.post(
        week_url("save_answer", WEEK), {"safety": 9}, headers={"HX-Request": "true"}
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "already shared" in response.content.decode()
    assert Answer.objects.get().safety == 3


def test_answering_for_a_closed_week_is_a_clear_form_error(hurt, couple):
    closed_week = date(2026, 2, 16)  # closed at the end of Sunday 1 March
    CheckIn.objects.create(couple=couple, week_start=closed_week)

    response = client_for(hurt).post(
        week_url("save_answer", closed_week), answer_data() | {"action": "submit"}
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "check-in has closed, so answers can no longer be added" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_closed_week_shows_no_form(hurt, couple):
    closed_week = date(2026, 2, 16)
    CheckIn.objects.create(couple=couple, week_start=closed_week)

    page = client_for(hurt).get(week_url("week", closed_week)).content.decode()

    assert "This week has closed" in page
    assert 'name="action"' not in page


@pytest.mark.parametrize(
    "week",
    [
        "2026-03-03",  # a Tuesday
        "2026-03-09",  # next week, not started
        "2026-02-16",  # closed and never opened
        "someday",
        "2026-13-01",
    ],
)
def test_weeks_that_cannot_be_answered_are_not_found(hurt, couple, week):
    client = client_for(hurt)

    page = client.get(reverse("checkins:week", kwargs={"week": week}))
    post = client.post(reverse("checkins:save_answer", kwargs={"week": week}), answer_data())

    assert page.status_code == post.status_code == HTTPStatus.NOT_FOUND
    assert not CheckIn.objects.exists()


def test_the_same_person_cannot_submit_twice_at_the_model_level(hurt, couple):
    checkin = CheckIn.objects.current_for(couple)
    checkin.submit(hurt, answer_data())

    with pytest.raises(CheckInError):
        checkin.submit(hurt, answer_data())
    assert Answer.objects.count() == 1


@pytest.mark.parametrize("field", ["safety", "trust", "connection", "hope"])
def test_the_database_refuses_ratings_above_10(hurt, couple, field):
    checkin = CheckIn.objects.current_for(couple)

    with pytest.raises(IntegrityError):
        Answer.objects.create(checkin=checkin, author=hurt, **{field: 11})
