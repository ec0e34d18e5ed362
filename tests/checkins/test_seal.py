"""The seal: before both have submitted, nothing of one partner's answers, ratings
included, reaches the other, in any page or fragment they can fetch."""

import re
from datetime import UTC, date, datetime
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse

from checkins.models import Answer, CheckIn

from ..conftest import client_for
from .conftest import MARKER, answer_data, revealed_week, week_url

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
WEEK = date(2026, 3, 2)
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def everything_the_partner_can_fetch(client) -> list:
    """Every page, fragment and form response of the check-ins the partner can get."""
    history = reverse("checkins:history")
    return [
        client.get(reverse("checkins:this_week")),
        client.get(week_url("week", WEEK)),
        client.get(week_url("status", WEEK), headers=HTMX),
        client.get(history),
        client.get(history, {"span": "all"}),
        client.get(history, {"span": "26"}, headers=HTMX),
        client.get(history, {"page": "2"}),
        client.get(history, {"page": "1"}, headers=HTMX | {"HX-Target": "weeks"}),
        # Their own autosave fragment, and their own form re-shown with an error.
        client.post(week_url("save_answer", WEEK), {"win_text": "mine"}, headers=HTMX),
        client.post(week_url("save_answer", WEEK), {"hope": "11"}, headers=HTMX),
        client.post(week_url("save_answer", WEEK), {"hope": "11"}),
        # The joint note is refused before the reveal, page and fragment.
        client.post(week_url("save_shared", WEEK), {"joint_note": "x", "revision": 0}),
        client.post(
            week_url("save_shared", WEEK), {"joint_note": "x", "revision": 0}, headers=HTMX
        ),
    ]


def normalised(response) -> str:
    """The body without what differs between any two requests (CSRF token, CSP nonce)."""
    body = response.content.decode()
    # The navigation's count of what's new (Sam shared, which Alex may know) is no word.
    body = re.sub(r'<span class="badge notice-badge".*?</span></span>', "", body)
    body = re.sub(r'(csrfmiddlewaretoken" value=")[^"]+', r"\1", body)
    body = re.sub(r'("X-CSRFToken": ")[^"]+', r"\1", body)
    return re.sub(r'(nonce=")[^"]+', r"\1", body)


def sam_answers(hurt, couple, rating: int, marker: str, submit: bool) -> None:
    checkin = CheckIn.objects.current_for(couple)
    Answer.objects.filter(author=hurt).delete()
    action = checkin.submit if submit else checkin.save_draft
    action(hurt, answer_data(rating=rating, marker=marker))


@pytest.mark.parametrize("submit", [False, True], ids=["draft", "submitted"])
def test_the_partner_sees_none_of_the_others_words(hurt, involved, couple, submit):
    sam_answers(hurt, couple, rating=9, marker=MARKER, submit=submit)

    responses = everything_the_partner_can_fetch(client_for(involved))

    for response in responses:
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
        assert MARKER not in response.content.decode(), response.request["PATH_INFO"]


@pytest.mark.parametrize("submit", [False, True], ids=["draft", "submitted"])
def test_the_partners_pages_are_identical_whatever_the_other_wrote(hurt, involved, couple, submit):
    """Ratings are numbers that appear anywhere (0-10 scales, dates), so compare
    whole responses: with Sam's ratings all 0 or all 10, Alex gets the same bytes."""
    client = client_for(involved)
    sam_answers(hurt, couple, rating=0, marker="first", submit=submit)
    Answer.objects.filter(author=involved).delete()
    low = [normalised(response) for response in everything_the_partner_can_fetch(client)]

    sam_answers(hurt, couple, rating=10, marker="second", submit=submit)
    Answer.objects.filter(author=involved).delete()
    high = [normalised(response) for response in everything_the_partner_can_fetch(client)]

    assert low == high


def test_only_submitted_or_not_yet_is_shown_before_the_reveal(hurt, involved, couple):
    sam_answers(hurt, couple, rating=9, marker=MARKER, submit=True)

    page = client_for(involved).get(week_url("week", WEEK)).content.decode()

    assert "Sam: <strong>submitted</strong>" in page
    assert "You: <strong>not yet</strong>" in page


def test_a_draft_is_not_even_shown_as_started(hurt, involved, couple):
    sam_answers(hurt, couple, rating=9, marker=MARKER, submit=False)

    page = client_for(involved).get(week_url("week", WEEK)).content.decode()

    assert "Sam: <strong>not yet</strong>" in page


def test_sealed_answers_of_an_earlier_week_stay_out_of_history(hurt, involved, couple):
    # Last week: Sam shared, Alex did not (yet). Older weeks: both shared.
    revealed_week(couple, hurt, involved, date(2026, 2, 16), rating=5, win_text="old shared win")
    last_week = CheckIn.objects.create(couple=couple, week_start=date(2026, 2, 23))
    last_week.submit(hurt, answer_data(rating=9, marker=MARKER))

    history = client_for(involved).get(reverse("checkins:history"), {"span": "all"})

    body = history.content.decode()
    assert MARKER not in body
    assert "old shared win" in body
    assert history.context["history"].trends[0].rows == [(date(2026, 2, 16), [5, 5])]


def test_once_both_have_submitted_both_see_both_answers(hurt, involved, couple):
    checkin = CheckIn.objects.current_for(couple)
    checkin.submit(hurt, answer_data(marker="SAM-WORDS"))
    checkin.submit(involved, answer_data(marker="ALEX-WORDS"))

    for person in (hurt, involved):
        page = client_for(person).get(week_url("week", WEEK)).content.decode()
        assert "SAM-WORDS" in page
        assert "ALEX-WORDS" in page
        assert "Side by side" in page


def test_the_answer_that_completes_the_pair_opens_the_seal(hurt, involved, couple):
    checkin = CheckIn.objects.current_for(couple)
    client_for(hurt).post(week_url("save_answer", WEEK), answer_data() | {"action": "submit"})
    checkin.refresh_from_db()
    assert checkin.revealed_at is None

    client_for(involved).post(week_url("save_answer", WEEK), answer_data() | {"action": "submit"})

    checkin.refresh_from_db()
    assert checkin.revealed_at == NOW


def test_waiting_partner_is_told_to_wait_and_page_polls(hurt, involved, couple):
    client = client_for(hurt)
    client.post(week_url("save_answer", WEEK), answer_data() | {"action": "submit"})

    page = client.get(week_url("week", WEEK)).content.decode()
    poll = client.get(week_url("status", WEEK), headers=HTMX)

    assert "Waiting for Alex" in page
    assert f'hx-get="{week_url("status", WEEK)}"' in page
    assert "Waiting for Alex" in poll.content.decode()
    assert "<html" not in poll.content.decode()


def test_the_status_poll_reloads_the_page_once_both_have_shared(hurt, involved, couple):
    checkin = CheckIn.objects.current_for(couple)
    checkin.submit(hurt, answer_data())
    checkin.submit(involved, answer_data())

    poll = client_for(hurt).get(week_url("status", WEEK), headers=HTMX)
    plain = client_for(hurt).get(week_url("status", WEEK))

    assert poll.headers["HX-Refresh"] == "true"
    assert plain.status_code == HTTPStatus.FOUND
    assert plain["Location"] == week_url("week", WEEK)
