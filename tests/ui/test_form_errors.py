"""A form sent empty comes back (422) with a kind, specific message next to the field,
never Django's generic "This field is required."."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from ..conftest import client_for

FORMS = [
    # (who, url name, what is sent, a word of the expected message)
    ("loner", "start_couple", {}, "Please choose the role that describes you."),
    ("hurt", "profile", {"display_name": "Sam"}, "Please choose your time zone"),
    (
        "hurt",
        "notification_settings",
        {"reminder_hour": "18"},
        "Please choose the day for your reminder.",
    ),
    ("hurt", "safety_check", {}, "Please choose the answer closest to how you feel."),
    ("hurt", "triggers:new", {}, "Please choose what set it off."),
    ("hurt", "pacing:readiness", {}, "Please choose a number from 0 to 10."),
    ("hurt", "agreements:propose", {}, "Please add a short reason"),
    ("hurt", "together:questions", {}, "Please write something here first."),
    ("hurt", "together:wins", {}, "Please choose a small win or an appreciation."),
    ("hurt", "together:goals", {}, "Please give the goal a short name."),
    ("hurt", "together:pause", {}, "Please choose how long you need."),
    ("hurt", "therapists:invite_by_code", {}, "Please enter the code your therapist gave you."),
]


@pytest.mark.parametrize(("who", "url_name", "data", "message"), FORMS)
def test_an_empty_form_gets_a_kind_specific_message(request, couple, who, url_name, data, message):
    client = client_for(request.getfixturevalue(who))

    # An unrelated field, as a browser always sends something (views bind on non-empty POST).
    response = client.post(reverse(url_name), {"unrelated": "", **data})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert message in response.text
    assert "This field is required" not in response.text
    assert 'class="errorlist' in response.text


def test_sharing_a_check_in_without_ratings_says_what_is_missing(hurt, couple):
    client = client_for(hurt)
    week = client.get(reverse("checkins:this_week"))
    url = week.text.split('action="')[1].split('"')[0]
    while "/answer/" not in url:
        url = week.text.split('action="', 2)[2].split('"')[0]

    response = client.post(url, {"action": "submit"})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please choose a number from 0 to 10." in response.text
