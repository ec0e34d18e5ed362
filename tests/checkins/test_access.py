from datetime import UTC, date, datetime
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse

from checkins.models import CheckIn

from ..conftest import client_for
from .conftest import MARKER, answer_data, revealed_week, week_url

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
WEEK = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def every_endpoint():
    return [
        ("get", reverse("checkins:this_week"), {}),
        ("get", reverse("checkins:history"), {}),
        ("get", week_url("week", WEEK), {}),
        ("get", week_url("status", WEEK), {}),
        ("post", week_url("save_answer", WEEK), answer_data() | {"action": "submit"}),
        ("post", week_url("save_shared", WEEK), {"joint_note": "x", "revision": 0}),
    ]


@pytest.mark.parametrize("who", ["therapist", "loner"])
@pytest.mark.parametrize(("method", "url", "data"), every_endpoint())
def test_people_without_a_couple_get_404_everywhere(request, who, method, url, data):
    user = request.getfixturevalue(who)

    response = getattr(client_for(user), method)(url, data)

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_another_couple_only_ever_sees_its_own_week(hurt, involved, couple, outsider):
    revealed_week(couple, hurt, involved, WEEK, win_text=MARKER)
    CheckIn.objects.filter(couple=couple).update(joint_note=MARKER)
    client = client_for(outsider)

    for method, url, data in every_endpoint():
        response = getattr(client, method)(url, data)
        assert MARKER not in response.content.decode(), url

    theirs = CheckIn.objects.exclude(couple=couple).get()
    assert theirs.week_start == WEEK
    assert theirs.answers.get().author == outsider


def test_a_couple_that_has_ended_cannot_open_its_check_ins(hurt, couple):
    couple.end()

    response = client_for(hurt).get(reverse("checkins:this_week"))

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("url_name", ["checkins:save_answer", "checkins:save_shared"])
def test_writing_needs_a_post_and_a_visit_goes_to_the_week(hurt, couple, url_name):
    kwargs = {"week": WEEK.isoformat()}
    client = client_for(hurt)

    assert client.get(reverse(url_name, kwargs=kwargs)).url == reverse(
        "checkins:week", kwargs=kwargs
    )
    assert client.put(reverse(url_name, kwargs=kwargs)).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_the_check_in_is_in_the_menu_for_partners_only(hurt, couple, therapist):
    link = f'href="{reverse("checkins:this_week")}"'

    assert link in client_for(hurt).get(reverse("home")).content.decode()
    assert link not in client_for(therapist).get(reverse("home")).content.decode()
