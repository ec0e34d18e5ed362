"""Doing an exercise together, and reflecting on it afterwards."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from pacing.models import Reflection

from ..conftest import client_for
from .builders import exercise, session_of


@pytest.fixture
def session(hurt, couple):
    return session_of(couple, exercise(tier=0), hurt)


def reflect(user, session, **data):
    return client_for(user).post(reverse("pacing:reflect", args=[session.pk]), data)


def test_reflecting_saves_it_for_the_author_and_completes_the_session(hurt, session):
    response = reflect(hurt, session, safety=7, noticed="We laughed at the end.")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("pacing:session", args=[session.pk])
    saved = Reflection.objects.get()
    assert (saved.author, saved.safety, saved.noticed) == (hurt, 7, "We laughed at the end.")
    session.refresh_from_db()
    assert session.completed_at is not None


def test_each_partner_has_one_reflection_they_can_change(hurt, involved, session):
    reflect(hurt, session, safety=7)
    reflect(involved, session, safety=8)
    reflect(hurt, session, safety=5, noticed="Thinking about it more, it was harder.")

    assert Reflection.objects.count() == 2
    assert Reflection.objects.get(author=hurt).safety == 5


def test_completing_twice_keeps_the_first_time(hurt, session):
    client = client_for(hurt)
    client.post(reverse("pacing:complete", args=[session.pk]))
    session.refresh_from_db()
    first = session.completed_at

    client.post(reverse("pacing:complete", args=[session.pk]))

    session.refresh_from_db()
    assert session.completed_at == first


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"safety": 11}, "Please choose a number from 0 to 10."),
        ({"safety": ""}, "Please choose a number from 0 to 10."),
        ({"safety": 5, "noticed": "x" * 2001}, "Please keep this under 2000 characters."),
    ],
)
def test_invalid_reflection_is_a_clear_form_error(hurt, session, data, message):
    response = reflect(hurt, session, **data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert message in response.text
    assert not Reflection.objects.exists()


@pytest.mark.parametrize(("safety", "offered"), [(3, True), (0, True), (4, False), (9, False)])
def test_a_reflection_with_low_safety_offers_the_readiness_check_and_a_gentle_note(
    hurt, session, safety, offered
):
    response = client_for(hurt).post(
        reverse("pacing:reflect", args=[session.pk]), {"safety": safety}, follow=True
    )

    page = response.text
    readiness_link = f'href="{reverse("pacing:readiness")}"'
    assert ("Slowing down is always allowed" in page) is offered
    assert (readiness_link in page) is offered


def test_the_session_page_shows_the_steps_and_a_way_to_finish(hurt, session):
    page = client_for(hurt).get(reverse("pacing:session", args=[session.pk])).text

    assert "Second step." in page
    assert f'action="{reverse("pacing:complete", args=[session.pk])}"' in page
    assert f'href="{reverse("pacing:reflect", args=[session.pk])}"' in page
