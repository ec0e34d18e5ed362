"""Something I want to tell you: offered without being asked, it reaches the partner
like an answer they did not have to ask for, and they choose when to read it."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from notices.models import Kind, Notice
from transparency.models import Telling

from ..conftest import client_for

pytestmark = pytest.mark.django_db

WORDS = "I saw them at the station on Tuesday. We nodded, nothing more."


def offer(person, **extra):
    return client_for(person).post(reverse("transparency:tellings"), {"text": WORDS} | extra)


def test_offered_and_read_when_the_partner_chooses(couple, hurt, involved):
    assert offer(involved).status_code == HTTPStatus.FOUND
    telling = Telling.objects.get()
    assert Notice.objects.filter(recipient=hurt, kind=Kind.TELLING_OFFERED).count() == 1
    sam = client_for(hurt)

    before = sam.get(telling.path).content.decode()
    assert WORDS not in before
    assert "I'm ready to read it" in before
    assert WORDS in client_for(involved).get(telling.path).content.decode()

    sam.post(reverse("transparency:choose", args=[telling.pk]), {"read": "now"})

    assert WORDS in sam.get(telling.path).content.decode()
    assert "Your partner has read it." in client_for(involved).get(telling.path).content.decode()


def test_the_reader_may_keep_it_for_the_session_and_still_read_it_sooner(couple, hurt, involved):
    offer(involved, for_session="on")
    telling = Telling.objects.get()
    assert telling.for_session
    sam = client_for(hurt)
    choose = reverse("transparency:choose", args=[telling.pk])

    sam.post(choose, {"read": "session"})
    page = sam.get(telling.path).content.decode()
    assert WORDS not in page
    assert "You chose to hear it at your next session" in page

    sam.post(choose, {"read": "now"})
    assert WORDS in sam.get(telling.path).content.decode()


def test_only_the_reader_chooses_and_nobody_else_sees_it(couple, hurt, involved, outsider):
    offer(involved)
    telling = Telling.objects.get()
    choose = reverse("transparency:choose", args=[telling.pk])
    assert client_for(involved).post(choose, {"read": "now"}).status_code == HTTPStatus.FORBIDDEN
    assert client_for(outsider).get(telling.path).status_code == HTTPStatus.NOT_FOUND
    assert client_for(outsider).post(choose, {"read": "now"}).status_code == HTTPStatus.NOT_FOUND
    telling.refresh_from_db()
    assert telling.opened_at is None


def test_an_empty_offer_is_a_form_error(couple, involved):
    response = client_for(involved).post(reverse("transparency:tellings"), {"text": "  "})
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please write what you want to tell first." in response.content.decode()
    assert not Telling.objects.exists()
