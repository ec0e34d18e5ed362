"""The partner answers a shared trigger; how quickly reassurance came is recorded."""

from datetime import UTC, datetime, timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse

from tests.conftest import client_for
from triggers.forms import STARTERS
from triggers.models import Reassurance, Sharing

from .builders import log

SHARED_AT = datetime(2026, 4, 1, 21, 0, tzinfo=UTC)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def shared(couple, hurt):
    return log(hurt, sharing=Sharing.SHARE_NOW, now=SHARED_AT)


def reassure_url(trigger):
    return reverse("triggers:reassure", args=[trigger.pk])


def test_the_partner_reassures_and_the_wait_is_recorded(shared, hurt, involved):
    with time_machine.travel(SHARED_AT + timedelta(minutes=12), tick=False):
        response = client_for(involved).post(reassure_url(shared), {"text": "I'm here with you."})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("triggers:detail", args=[shared.pk])
    shared.refresh_from_db()
    assert shared.time_to_reassurance == timedelta(minutes=12)
    page = client_for(hurt).get(reverse("triggers:detail", args=[shared.pk])).content.decode()
    assert "I&#x27;m here with you." in page
    assert "12 minutes after sharing" in page


def test_only_the_first_reassurance_counts_for_the_wait(shared, involved):
    with time_machine.travel(SHARED_AT + timedelta(minutes=5), tick=False):
        client_for(involved).post(reassure_url(shared), {"text": "First"})
    with time_machine.travel(SHARED_AT + timedelta(hours=3), tick=False):
        client_for(involved).post(reassure_url(shared), {"text": "And again, later"})

    shared.refresh_from_db()
    assert shared.time_to_reassurance == timedelta(minutes=5)
    assert list(shared.reassurances.values_list("text", flat=True)) == ["First", "And again, later"]


def test_htmx_gets_only_the_reassurance_fragment(shared, involved):
    response = client_for(involved).post(
        reassure_url(shared), {"text": "Thank you for telling me."}, headers=HTMX
    )

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="reassurances"' in html
    assert "Thank you for telling me." in html
    assert "Sent." in html


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
@pytest.mark.parametrize("text", ["", "   ", "x" * 1001], ids=["empty", "blank", "too long"])
def test_an_empty_or_too_long_reassurance_is_a_form_error(shared, involved, headers, text):
    response = client_for(involved).post(reassure_url(shared), {"text": text}, headers=headers)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert response.context["form"].errors["text"]
    assert not Reassurance.objects.exists()


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_a_starter_fills_in_the_text_without_sending(shared, involved, headers):
    response = client_for(involved).post(
        reassure_url(shared), {"starter": "0", "text": "Take your time."}, headers=headers
    )

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"]["text"].value() == f"{STARTERS[0]} Take your time."
    assert not Reassurance.objects.exists()


@pytest.mark.parametrize("starter", ["99", "-1", "²", "9" * 5000, "x"])
def test_an_unknown_starter_is_treated_as_a_normal_send(shared, involved, starter):
    response = client_for(involved).post(reassure_url(shared), {"starter": starter, "text": ""})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not Reassurance.objects.exists()


def test_once_reassured_it_no_longer_waits(shared, involved):
    client = client_for(involved)
    client.post(reassure_url(shared), {"text": "I'm here."})

    assert list(client.get(reverse("triggers:index")).context["waiting"]) == []


def test_a_check_in_entry_can_be_reassured_after_the_reveal(couple, hurt, involved):
    trigger = log(hurt, sharing=Sharing.AT_CHECKIN)
    client = client_for(involved)
    assert client.post(reassure_url(trigger), {"text": "Hi"}).status_code == 404

    day = trigger.occurred_at.date()
    type(trigger).objects.for_checkin_week(couple, day, day).mark_shared(SHARED_AT)

    assert client.post(reassure_url(trigger), {"text": "Hi"}).status_code == HTTPStatus.FOUND
