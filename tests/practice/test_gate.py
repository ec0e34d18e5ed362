"""A practice on an exercise of a closed tier waits for the right time: never started,
never marked (403 with the reason), and the therapist is told when writing it."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from pacing.models import ExerciseSession, gate_for
from practice.models import ForWhom, Practice, PracticeMark, this_week

from ..conftest import client_for
from ..pacing.builders import exercise
from ..rituals.builders import open_tier_three, set_ceiling

pytestmark = pytest.mark.django_db

WAITING = "Waiting for the right time"


def _write(client, couple, chosen):
    return client.post(
        reverse("practice:write", args=[couple.pk]),
        {"exercise": str(chosen.pk), "week": this_week(couple).isoformat(), "for_whom": "both"},
        follow=True,
    )


@pytest.mark.parametrize(
    ("tier", "ceiling", "told"),
    [
        (3, None, "above the tier open now"),  # nothing reported: tier 0 is open
        (3, 2, "above the ceiling you set"),  # tier 3 open, the therapist set 2
    ],
)
def test_above_the_open_tier_or_the_ceiling_waits_and_cannot_be_started(
    couple, hurt, involved, lee, tier, ceiling, told
):
    if ceiling is not None:
        open_tier_three(hurt, involved)
        set_ceiling(couple, ceiling)
    deeper = exercise(tier, slug="deeper-test", title="Deeper, later")
    therapist = client_for(lee)
    page = therapist.get(reverse("practice:therapist_couple", args=[couple.pk])).text
    assert told in page  # told at planning time, in the choice itself
    written = _write(therapist, couple, deeper)
    assert "above what is open for the couple now" in written.text  # and once written
    practice = Practice.objects.get()
    assert not practice.gate_allows(gate_for(couple))
    for person in (hurt, involved):
        client = client_for(person)
        assert "waiting for the right time" in client.get(reverse("home")).text
        detail = client.get(practice.path)
        assert detail.status_code == HTTPStatus.OK and WAITING in detail.text
        assert "Start the exercise" not in detail.text
        for action in ("practice:start", "practice:mark"):
            refused = client.post(reverse(action, args=[practice.pk]), {"outcome": "done"})
            assert refused.status_code == HTTPStatus.FORBIDDEN
            assert "Nothing was changed." in refused.text
    assert not ExerciseSession.objects.exists()
    assert not PracticeMark.objects.exists()


def test_an_open_exercise_starts_its_session(couple, hurt, lee):
    steady = exercise(0, slug="steady-test")
    practice = Practice.write(
        couple, lee, exercise=steady, due_week=this_week(couple), for_whom=ForWhom.BOTH
    )
    response = client_for(hurt).post(reverse("practice:start", args=[practice.pk]))
    assert response.status_code == HTTPStatus.FOUND
    assert ExerciseSession.objects.get().exercise == steady


def test_a_practice_closes_when_the_ceiling_comes_down(couple, hurt, involved, lee):
    open_tier_three(hurt, involved)
    three = exercise(3, slug="three-test")
    practice = Practice.write(
        couple, lee, exercise=three, due_week=this_week(couple), for_whom=ForWhom.BOTH
    )
    assert client_for(hurt).get(practice.path).text.count(WAITING) == 0
    set_ceiling(couple, 1)
    assert WAITING in client_for(hurt).get(practice.path).text
    refused = client_for(hurt).post(reverse("practice:start", args=[practice.pk]))
    assert refused.status_code == HTTPStatus.FORBIDDEN
