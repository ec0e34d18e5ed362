"""Exercises above the open tier are refused on the server, for every URL and method."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from pacing.models import ExerciseSession, Reflection

from ..conftest import client_for
from .builders import exercise, open_tier_two, report, session_of

METHODS = ["get", "post", "put", "patch", "delete", "head", "options"]


def exercise_urls(ex):
    return [reverse("pacing:exercise", args=[ex.slug]), reverse("pacing:start", args=[ex.slug])]


def session_urls(session):
    return [
        reverse(name, args=[session.pk])
        for name in ("pacing:session", "pacing:complete", "pacing:reflect")
    ]


@pytest.fixture
def closed_exercise(couple):
    return exercise(tier=1)  # nothing reported yet: only tier 0 is open


@pytest.mark.parametrize("who", ["hurt", "involved"])
def test_every_exercise_url_and_method_above_the_open_tier_is_refused_kindly(
    request, couple, closed_exercise, who
):
    user = request.getfixturevalue(who)
    session = session_of(couple, closed_exercise, user)  # e.g. started before a setback
    client = client_for(user)

    for method in METHODS:
        for url in exercise_urls(closed_exercise) + session_urls(session):
            response = getattr(client, method)(url, {"safety": 8})

            assert response.status_code == HTTPStatus.FORBIDDEN, (method, url)
            if method != "head":
                assert "We move at the pace that feels safe for both of you" in response.text
                assert "This exercise isn't open yet" in response.text
    assert ExerciseSession.objects.count() == 1
    session.refresh_from_db()
    assert session.completed_at is None
    assert not Reflection.objects.exists()


@pytest.mark.parametrize("who", ["hurt", "involved"])
def test_a_setback_closes_a_tier_that_was_open(request, hurt, couple, who):
    tier_two = exercise(tier=2)
    open_tier_two(hurt)
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("pacing:exercise", args=[tier_two.slug])).status_code == 200

    report(hurt, closeness=2, body=7)

    response = client.post(reverse("pacing:start", args=[tier_two.slug]))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not ExerciseSession.objects.exists()


def test_a_therapist_ceiling_closes_higher_tiers(hurt, couple):
    from pacing.models import PacingPolicy

    tier_two = exercise(tier=2)
    open_tier_two(hurt)
    PacingPolicy.objects.create(couple=couple, therapist_ceiling=1)

    response = client_for(hurt).get(reverse("pacing:exercise", args=[tier_two.slug]))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Your therapist has suggested staying with these tiers for now." in response.text


@pytest.mark.parametrize("who", ["hurt", "involved"])
def test_open_exercises_can_be_viewed_started_completed_and_reflected_on(request, couple, who):
    user = request.getfixturevalue(who)
    grounding = exercise(tier=0, steps="Breathe slowly.\nNotice five things you can see.")
    client = client_for(user)

    page = client.get(reverse("pacing:exercise", args=[grounding.slug]))
    assert page.status_code == HTTPStatus.OK
    assert "Notice five things you can see." in page.text

    started = client.post(reverse("pacing:start", args=[grounding.slug]))
    session = ExerciseSession.objects.get()
    assert started.status_code == HTTPStatus.FOUND
    assert started["Location"] == reverse("pacing:session", args=[session.pk])
    assert (session.couple, session.started_by) == (couple, user)

    assert client.get(reverse("pacing:session", args=[session.pk])).status_code == HTTPStatus.OK
    completed = client.post(reverse("pacing:complete", args=[session.pk]))
    assert completed["Location"] == reverse("pacing:reflect", args=[session.pk])
    session.refresh_from_db()
    assert session.completed_at is not None

    reflected = client.post(
        reverse("pacing:reflect", args=[session.pk]), {"safety": 8, "noticed": "Calmer."}
    )
    assert reflected.status_code == HTTPStatus.FOUND
    assert Reflection.objects.get().safety == 8


def test_the_wrong_method_on_an_open_exercise_is_405_not_500(hurt, couple):
    grounding = exercise(tier=0)
    client = client_for(hurt)

    assert client.post(reverse("pacing:exercise", args=[grounding.slug])).status_code == 405
    assert client.get(reverse("pacing:start", args=[grounding.slug])).status_code == 405


def test_another_couples_session_is_not_found_whatever_the_method(hurt, couple, outsider):
    grounding = exercise(tier=0)
    theirs = session_of(outsider.memberships.get().couple, grounding, outsider)
    client = client_for(hurt)

    for method in METHODS:
        for url in session_urls(theirs):
            response = getattr(client, method)(url, {"safety": 5})
            assert response.status_code == HTTPStatus.NOT_FOUND, (method, url)
    assert not Reflection.objects.exists()
    theirs.refresh_from_db()
    assert theirs.completed_at is None


@pytest.mark.parametrize("who", ["therapist", "loner"])
def test_people_outside_the_couple_get_404_everywhere(request, hurt, couple, who):
    grounding = exercise(tier=0)
    session = session_of(couple, grounding, hurt)
    client = client_for(request.getfixturevalue(who))
    urls = [reverse("pacing:index"), reverse("pacing:readiness")]

    for url in urls + exercise_urls(grounding) + session_urls(session):
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND, url
        assert client.post(url).status_code == HTTPStatus.NOT_FOUND, url


def test_an_unknown_exercise_is_not_found(hurt, couple):
    client = client_for(hurt)

    assert client.get(reverse("pacing:exercise", args=["no-such-thing"])).status_code == 404
    assert client.post(reverse("pacing:start", args=["no-such-thing"])).status_code == 404
    assert client.get(reverse("pacing:session", args=[999])).status_code == 404
