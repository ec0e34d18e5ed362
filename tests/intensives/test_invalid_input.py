"""Invalid input is a form error (or 403/404), never a 500: a step outside the
intensive's days, an intensive for another therapist's couple or without consent."""

from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from intensives.models import Intensive, Step
from therapists.models import Consent, TherapistLink

from ..conftest import client_for
from ..factories import make_couple, make_user
from ..therapists.builders import link
from .builders import at, guide, planned

pytestmark = pytest.mark.django_db


def _today(couple):
    return timezone.now().astimezone(couple.zone).date()


@pytest.mark.parametrize(
    ("first", "last", "error"),
    [
        (-1, 0, "That day is over."),
        (2, 1, "The last day comes on or after the first day."),
        (0, 28, "An intensive lasts at most 28 days."),
        ("not a date", 1, "Enter a valid date."),
        (0, "", "This field is required."),
    ],
)
def test_intensive_form_errors(couple, lee, first, last, error):
    today = _today(couple)
    day = {v: (today + timedelta(days=v)).isoformat() for v in (-1, 0, 1, 2, 28)}
    data = {"starts_on": day.get(first, first), "ends_on": day.get(last, last)}
    response = client_for(lee).post(reverse("intensives:plan", args=[couple.pk]), data)
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert error in response.text
    assert not Intensive.objects.exists()


def _moment(intensive, day, hour):
    return at(intensive, day, hour).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"opens": (-1, 10), "closes": (-1, 12)}, "A step falls within the intensive"),
        ({"opens": (1, 22), "closes": (2, 1)}, "A step falls within the intensive"),
        ({"opens": (0, 12), "closes": (0, 10)}, "A step closes after it opens."),
        ({"opens": "soon", "closes": (0, 10)}, "Enter a valid date/time."),
        ({"kind": "chat"}, "Select a valid choice."),
        ({"kind": "exercise"}, "Choose the exercise."),
        ({"kind": "exercise", "exercise": "999999999"}, "Select a valid choice."),
        ({"kind": "exercise", "exercise": "abc"}, "Select a valid choice."),
        ({"title": ""}, "Name the conversation."),
        ({"prompt": ""}, "Write the prompt the couple will read."),
        ({"prompt": "x" * 2001}, "at most 2000"),
        ({"turn_minutes": "0"}, "greater than or equal to 1"),
        ({"turn_minutes": "many"}, "Enter a whole number."),
        ({"rounds": "9"}, "less than or equal to 5"),
    ],
)
def test_step_form_errors(couple, lee, data, error):
    intensive = planned(couple, lee)
    fields = {
        "kind": "guide",
        "title": "A conversation",
        "prompt": "What stayed with you.",
        "turn_minutes": "3",
        "rounds": "2",
        "opens": (0, 10),
        "closes": (0, 12),
    } | data
    for name in ("opens", "closes"):
        value = fields.pop(name)
        fields[f"{name}_at"] = _moment(intensive, *value) if isinstance(value, tuple) else value
    response = client_for(lee).post(
        reverse("intensives:add_step", args=[couple.pk, intensive.pk]), fields
    )
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert error in response.text
    assert not Step.objects.exists()


def test_another_therapists_couple_or_no_consent_is_a_404(couple, hurt, lee, ng):
    other = make_couple(make_user("robin@example.test", "Robin"), make_user("j@example.test", "J"))
    link(other, ng, *[m.user for m in other.memberships.all()])
    theirs = planned(other, ng)
    ours = planned(couple, lee)
    tomorrow = (_today(couple) + timedelta(days=1)).isoformat()
    plan = {"starts_on": tomorrow, "ends_on": tomorrow}
    lee_client = client_for(lee)
    for url in (
        reverse("intensives:plan", args=[other.pk]),
        reverse("intensives:add_step", args=[other.pk, theirs.pk]),
        reverse("intensives:add_step", args=[couple.pk, theirs.pk]),  # his couple, not theirs
    ):
        assert lee_client.post(url, plan).status_code == HTTPStatus.NOT_FOUND, url
    elsewhere = reverse("intensives:therapist_intensive", args=[couple.pk, theirs.pk])
    assert lee_client.get(elsewhere).status_code == HTTPStatus.NOT_FOUND
    for step_url in ("intensives:therapist_couple", "intensives:plan"):
        response = client_for(ng).post(reverse(step_url, args=[couple.pk]), plan)
        assert response.status_code == HTTPStatus.NOT_FOUND
    # Without both consents, nothing: not the plan, not a new one.
    Consent.withdraw(TherapistLink.objects.get(couple=couple), hurt)
    for url in (
        reverse("intensives:plan", args=[couple.pk]),
        reverse("intensives:add_step", args=[couple.pk, ours.pk]),
    ):
        assert lee_client.post(url, plan).status_code == HTTPStatus.NOT_FOUND
    ended = lee_client.get(reverse("intensives:therapist_intensive", args=[couple.pk, ours.pk]))
    assert ended.status_code == HTTPStatus.NOT_FOUND  # told kindly that access ended
    assert Intensive.objects.count() == 2


def test_bad_turns_and_missing_steps(couple, hurt, lee):
    step = guide(planned(couple, lee))
    with time_machine.travel(step.opens_at + timedelta(minutes=1)):
        sam = client_for(hurt)
        for data in ({}, {"turn": "next"}, {"turn": "-1"}, {"turn": "99999"}):
            response = sam.post(reverse("intensives:next_turn", args=[step.pk]), data)
            assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY, data
        beyond = sam.post(reverse("intensives:next_turn", args=[step.pk]), {"turn": "50"})
        assert beyond.status_code == HTTPStatus.FOUND  # a turn no device shows: nothing moves
        for name in ("intensives:step", "intensives:detail"):
            missing = sam.get(reverse(name, args=[2**63 - 1]))
            assert missing.status_code == HTTPStatus.NOT_FOUND
    step.refresh_from_db()
    assert step.turn == 0
