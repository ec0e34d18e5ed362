"""Who reaches what: a table over every URL of the app."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from together.models import Goal, GoalChange, Pause, Question, Step, Win

from ..conftest import client_for
from .test_privacy_markers import fill, together_routes

PERSONAL = {"journal", "delete_entry", "self_care"}


@pytest.fixture
def objects(couple, hurt, involved):
    fill(couple, hurt, involved)
    return {
        "question": Question.objects.get().pk,
        "answer": Question.objects.get().pk,
        "with_therapist": Question.objects.get().pk,
        "open_answer": Question.objects.get().pk,
        "revisit": Question.objects.get().pk,
        "end_pause": Pause.objects.open().get().pk,
        "thank_win": Win.objects.get().pk,
        "edit_win": Win.objects.get().pk,
        "goal": Goal.objects.get().pk,
        "propose_change": Goal.objects.get().pk,
        "accept_change": GoalChange.objects.get().pk,
        "decline_change": GoalChange.objects.get().pk,
        "withdraw_change": GoalChange.objects.get().pk,
    }


def url_of(pattern, objects):
    params = list(pattern.pattern.converters)
    if params == ["goal_pk", "pk"]:
        kwargs = {"goal_pk": Goal.objects.get().pk, "pk": Step.objects.get().pk}
    elif params == ["pk"]:
        kwargs = {"pk": objects[pattern.name]} if pattern.name in objects else {"pk": 1}
    else:
        kwargs = {}
    return reverse(f"together:{pattern.name}", kwargs=kwargs)


ROUTES = together_routes()


def outside_cases():
    for pattern in ROUTES:
        for who in ("therapist", "loner", "outsider"):
            # The outsider's own couple pages, and a person's own journal, are theirs to open.
            own_couple_page = who == "outsider" and not pattern.pattern.converters
            own_journal = who != "therapist" and pattern.name in PERSONAL
            if not (own_couple_page or own_journal):
                yield pytest.param(pattern, who, id=f"{who}-{pattern.name}")


@pytest.mark.parametrize(("pattern", "who"), list(outside_cases()))
def test_people_outside_the_couple_get_404(request, objects, pattern, who):
    client = client_for(request.getfixturevalue(who))
    url = url_of(pattern, objects)

    # (An action whose form errors show on a page sends a visit there: followed.)
    statuses = {client.get(url, follow=True).status_code, client.post(url).status_code}

    # The method a URL is for answers 404; the other one may answer 405.
    assert HTTPStatus.NOT_FOUND in statuses, url
    assert statuses <= {HTTPStatus.NOT_FOUND, HTTPStatus.METHOD_NOT_ALLOWED}, url


@pytest.mark.parametrize("pattern", ROUTES, ids=[p.name for p in ROUTES])
@pytest.mark.parametrize("who", ["hurt", "involved"])
def test_partners_never_meet_a_server_error(request, objects, pattern, who):
    client = client_for(request.getfixturevalue(who))
    url = url_of(pattern, objects)

    for response in (client.get(url), client.post(url, {"text": "", "length": "9 days"})):
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, url
