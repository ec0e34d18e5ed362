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
    # The summary leads, takes the focus, and links the error to its field.
    summary = response.text.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert message.split("%")[0][:20] in summary.replace("&#x27;", "'").replace("&quot;", '"')
    assert 'href="#id_' in summary
    assert response.text.index("data-error-summary") < response.text.index('class="errorlist')


def test_sharing_a_check_in_without_ratings_says_what_is_missing(hurt, couple):
    client = client_for(hurt)
    week = client.get(reverse("checkins:this_week"))
    url = week.text.split('action="')[1].split('"')[0]
    while "/answer/" not in url:
        url = week.text.split('action="', 2)[2].split('"')[0]

    response = client.post(url, {"action": "submit"})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please choose a number from 0 to 10." in response.text


# Forms posted to an address of their own come back with the page's address, which
# static/js/app.js puts back in the address bar.
POSTED_ELSEWHERE = [
    ("loner", "start_couple", {}, "home"),
    ("hurt", "therapists:invite_by_code", {}, "therapists:couple_settings"),
    ("hurt", "therapists:invite_by_email", {}, "therapists:couple_settings"),
]


@pytest.mark.parametrize(("who", "url_name", "data", "page"), POSTED_ELSEWHERE)
def test_a_form_posted_elsewhere_names_its_page(request, couple, who, url_name, data, page):
    client = client_for(request.getfixturevalue(who))

    response = client.post(reverse(url_name), {"unrelated": "", **data})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert f'data-page-url="{reverse(page)}"' in response.text
    assert client.get(reverse(page)).status_code == HTTPStatus.OK


def test_inviting_a_partner_with_a_bad_address_names_the_home_page(loner):
    from accounts.models import Couple, Role

    Couple.start(loner, Role.HURT)
    response = client_for(loner).post(reverse("invite_partner"), {"email": "nope"})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert 'data-page-url="/"' in response.text
    assert 'href="#id_email"' in response.text
