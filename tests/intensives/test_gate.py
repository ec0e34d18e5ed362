"""A step on an exercise above the open tier or the therapist's ceiling: the therapist
is told why at planning time (and cannot schedule it); a step whose tier closed after
planning is not startable by either partner (403 with the reason)."""

from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse

from intensives.models import Step
from pacing.models import ExerciseSession

from ..conftest import client_for
from ..pacing.builders import exercise
from ..rituals.builders import open_tier_three, set_ceiling
from .builders import at, on_exercise, planned

pytestmark = pytest.mark.django_db


def _add(client, intensive, chosen):
    return client.post(
        reverse("intensives:add_step", args=[intensive.couple_id, intensive.pk]),
        {
            "kind": "exercise",
            "exercise": str(chosen.pk),
            "opens_at": at(intensive, 0, 15).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": at(intensive, 0, 17).strftime("%Y-%m-%dT%H:%M"),
        },
    )


@pytest.mark.parametrize(
    ("tier", "ceiling", "told"),
    [
        (3, None, "above the tier open for the couple now"),  # nothing reported: tier 0
        (3, 2, "above the ceiling you set"),  # tier 3 open, the therapist set 2
    ],
)
def test_the_therapist_is_told_why_at_planning_time(
    couple, hurt, involved, lee, tier, ceiling, told
):
    if ceiling is not None:
        open_tier_three(hurt, involved)
        set_ceiling(couple, ceiling)
    deeper = exercise(tier, slug="deeper-test", title="Deeper, later")
    intensive = planned(couple, lee)
    therapist = client_for(lee)
    page = therapist.get(reverse("intensives:therapist_intensive", args=[couple.pk, intensive.pk]))
    assert told in page.text  # in the choice itself
    refused = _add(therapist, intensive, deeper)
    assert refused.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "“Deeper, later” cannot be part of the plan" in refused.text and told in refused.text
    assert not Step.objects.exists()


def test_an_open_exercise_is_planned_and_starts_its_session(couple, hurt, lee):
    steady = exercise(0, slug="steady-test")
    intensive = planned(couple, lee)
    assert _add(client_for(lee), intensive, steady).status_code == HTTPStatus.FOUND
    step = Step.objects.get()
    with time_machine.travel(step.opens_at + timedelta(minutes=1)):
        response = client_for(hurt).post(reverse("intensives:start", args=[step.pk]))
    assert response.status_code == HTTPStatus.FOUND
    assert ExerciseSession.objects.get().exercise == steady


@pytest.mark.parametrize("lowered", ["ceiling", "readiness"])
def test_a_step_whose_tier_closed_is_not_startable_by_either_partner(
    couple, hurt, involved, lee, lowered
):
    open_tier_three(hurt, involved)
    three = exercise(3, slug="three-test", title="Going deeper")
    intensive = planned(couple, lee)
    assert _add(client_for(lee), intensive, three).status_code == HTTPStatus.FOUND
    step = Step.objects.get()
    if lowered == "ceiling":
        set_ceiling(couple, 1)
    else:
        from ..pacing.builders import report

        report(hurt, days_ago=0, closeness=2, body=2)
    with time_machine.travel(step.opens_at + timedelta(minutes=1)):
        for person in (hurt, involved):
            client = client_for(person)
            assert "Waiting for the right time" in client.get(intensive.path).text
            page = client.get(step.path)
            assert page.status_code == HTTPStatus.OK and "Start the exercise" not in page.text
            for action in ("intensives:start", "intensives:next_turn", "intensives:complete"):
                refused = client.post(reverse(action, args=[step.pk]), {"turn": "0"})
                assert refused.status_code == HTTPStatus.FORBIDDEN
                assert "not open for you yet" in refused.text
                assert "Nothing was changed." in refused.text
    assert not ExerciseSession.objects.exists()
    step.refresh_from_db()
    assert step.completed_at is None


def test_a_planned_step_above_the_tier_never_reaches_the_plan(couple, hurt, lee):
    """Even a step written straight into the plan waits: the gate is read at every action."""
    intensive = planned(couple, lee)
    step = on_exercise(intensive, exercise(4, slug="closeness-test"))
    with time_machine.travel(step.opens_at + timedelta(minutes=1)):
        refused = client_for(hurt).post(reverse("intensives:start", args=[step.pk]))
    assert refused.status_code == HTTPStatus.FORBIDDEN
