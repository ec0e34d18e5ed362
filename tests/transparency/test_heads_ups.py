"""Heads-ups: shared with the partner at once, thanked in one tap, asked about through
the questions tool, and changed without losing the earlier text."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from notices.models import Kind, Notice
from together.models import Question
from transparency.models import HeadsUp, HeadsUpKind

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def member(user) -> Membership:
    return Membership.objects.active().select_related("couple", "user").get(user=user)


@pytest.fixture
def heads_up(couple, involved):
    return HeadsUp.post(member(involved), HeadsUpKind.RUNNING_LATE, line="Train delayed.")


def test_two_taps_post_a_heads_up_that_the_partner_sees_at_once(couple, hurt, involved):
    alex = client_for(involved)
    home = alex.get("/").content.decode()
    assert reverse("transparency:new") in home  # tap 1: the Today page's button
    form = alex.get(reverse("transparency:new")).content.decode()
    assert 'name="kind" value="contact"' in form  # tap 2: a kind sends the form

    response = alex.post(reverse("transparency:new"), {"kind": "contact"})

    heads_up = HeadsUp.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == heads_up.path
    assert heads_up.section == "contact"  # the part of the agreement it usually honours
    assert abs(heads_up.happened_at - timezone.now()) < timedelta(minutes=1)
    assert Notice.objects.filter(recipient=hurt, kind=Kind.HEADS_UP_SHARED).count() == 1
    sam = client_for(hurt)
    assert sam.get(heads_up.path).status_code == HTTPStatus.OK
    assert heads_up.path in sam.get(reverse("transparency:heads_ups")).content.decode()


def test_a_line_a_time_and_a_section_can_come_with_it(couple, involved):
    when = timezone.localtime(timezone.now() - timedelta(hours=3), involved.zone)
    client_for(involved).post(
        reverse("transparency:new"),
        {
            "kind": "online",
            "line": "An old contact liked my photo.",
            "happened_at": when.strftime("%Y-%m-%dT%H:%M"),
            "section": "digital",
        },
    )
    heads_up = HeadsUp.objects.get()
    assert heads_up.line == "An old contact liked my photo."
    assert abs(heads_up.happened_at - when) < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Please tap what the heads-up is about"),
        ({"kind": "nonsense"}, "Please tap one of the options shown"),
        ({"kind": "other", "line": "x" * 501}, "under 500 characters"),
        ({"kind": "other", "section": "nonsense"}, "Please choose one of the parts shown"),
        ({"kind": "other", "happened_at": "2001-01-01T10:00"}, "in the last month"),
        ({"kind": "other", "happened_at": "not a time"}, "Enter a valid date/time"),
    ],
)
def test_invalid_heads_ups_are_form_errors(couple, involved, data, error):
    response = client_for(involved).post(reverse("transparency:new"), data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert error in response.content.decode()
    assert not HeadsUp.objects.exists()


def test_nobody_outside_the_couple_sees_a_heads_up(heads_up, outsider, therapist, client):
    assert client.get(heads_up.path).status_code == HTTPStatus.FOUND  # to log in
    for person in (outsider, therapist):
        assert client_for(person).get(heads_up.path).status_code == HTTPStatus.NOT_FOUND
    listed = client_for(outsider).get(reverse("transparency:heads_ups")).content.decode()
    assert "Train delayed." not in listed


def test_editing_keeps_the_earlier_text_for_both(heads_up, hurt, involved):
    edit = reverse("transparency:edit", args=[heads_up.pk])
    response = client_for(involved).post(
        edit, {"kind": "change_of_plan", "line": "Staying late at work instead."}
    )
    assert response.status_code == HTTPStatus.FOUND

    heads_up.refresh_from_db()
    assert heads_up.line == "Staying late at work instead."
    assert heads_up.edited_at is not None
    assert [v.line for v in heads_up.versions.all()] == ["Train delayed."]
    page = client_for(hurt).get(heads_up.path).content.decode()
    assert "Staying late at work instead." in page
    assert "Train delayed." in page
    assert "Earlier versions" in page
    assert Notice.objects.filter(recipient=hurt, kind=Kind.HEADS_UP_CHANGED).count() == 1


def test_a_change_that_changes_nothing_is_said_kindly(heads_up, involved):
    response = client_for(involved).post(
        reverse("transparency:edit", args=[heads_up.pk]),
        {"kind": "running_late", "line": "Train delayed."},
    )
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "nothing changed" in response.content.decode()
    assert not heads_up.versions.exists()


def test_the_partner_cannot_edit_a_heads_up(heads_up, hurt):
    edit = reverse("transparency:edit", args=[heads_up.pk])
    sam = client_for(hurt)
    assert sam.get(edit).status_code == HTTPStatus.FORBIDDEN
    assert sam.post(edit, {"kind": "other", "line": "x"}).status_code == HTTPStatus.FORBIDDEN
    heads_up.refresh_from_db()
    assert heads_up.line == "Train delayed."


def test_one_tap_thanks_once_and_tells_the_author(heads_up, hurt, involved):
    thank = reverse("transparency:thank", args=[heads_up.pk])
    sam = client_for(hurt)
    assert sam.post(thank).status_code == HTTPStatus.FOUND
    fragment = sam.post(thank, headers={"HX-Request": "true"})

    assert fragment.status_code == HTTPStatus.OK
    assert "<html" not in fragment.content.decode()
    assert "Thank you for telling me" in fragment.content.decode()
    heads_up.refresh_from_db()
    assert heads_up.acknowledged_at is not None
    assert Notice.objects.filter(recipient=involved, kind=Kind.HEADS_UP_THANKED).count() == 1
    assert client_for(involved).post(thank).status_code == HTTPStatus.FORBIDDEN


def test_asking_about_a_heads_up_makes_a_linked_question(heads_up, hurt, involved):
    ask = reverse("transparency:ask", args=[heads_up.pk])
    response = client_for(hurt).post(ask, {"text": "Who were you with?", "readiness": "ready_now"})

    question = Question.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == question.path
    assert question.heads_up_link.heads_up == heads_up
    assert Notice.objects.filter(recipient=involved, kind=Kind.QUESTION_WAITING).exists()
    alex = client_for(involved)
    assert question.path in alex.get(heads_up.path).content.decode()
    # The answer comes back the usual way.
    alex.post(reverse("together:answer", args=[question.pk]), {"text": "With Jo, from work."})
    assert Notice.objects.filter(recipient=hurt, kind=Kind.ANSWER_ARRIVED).exists()


def test_an_empty_question_is_a_form_error_and_the_author_cannot_ask(heads_up, hurt, involved):
    ask = reverse("transparency:ask", args=[heads_up.pk])
    response = client_for(hurt).post(ask, {"text": "", "readiness": "ready_now"})
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert client_for(involved).post(ask, {"text": "?"}).status_code == HTTPStatus.FORBIDDEN
    assert not Question.objects.exists()


def test_the_list_is_paged(couple, involved, hurt):
    for index in range(25):
        HeadsUp.post(member(involved), HeadsUpKind.OTHER, line=f"Line number {index}")
    sam = client_for(hurt)
    first = sam.get(reverse("transparency:heads_ups")).content.decode()
    second = sam.get(reverse("transparency:heads_ups"), {"page": "2"}).content.decode()
    assert "Line number 24" in first and "Line number 0" not in first
    assert "Line number 0" in second
    assert "Page 2 of 2" in second


def test_the_time_shown_to_the_minute_is_not_a_change(heads_up, involved):
    shown = heads_up.happened_at.astimezone(involved.zone).strftime("%Y-%m-%dT%H:%M")
    response = client_for(involved).post(
        reverse("transparency:edit", args=[heads_up.pk]),
        {"kind": "running_late", "line": "Train delayed.", "happened_at": shown},
    )
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not heads_up.versions.exists()
