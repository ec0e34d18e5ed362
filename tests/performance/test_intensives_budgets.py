"""The intensive pages run the same number of queries with 1 or 12 intensives of 1 or
12 steps each (steps on exercises, guides, done or not)."""

from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from intensives.models import Kind, Step
from pacing.models import Exercise

from ..conftest import client_for
from ..factories import make_couple, make_user
from ..intensives.builders import at, planned
from ..therapists.builders import link, make_profile

pytestmark = pytest.mark.django_db

# The session, the user and the caller's membership (with the partner's), then what
# each page reads: the plan marks its notices read and reads the intensive, its steps
# with their exercises and (with a step on an exercise) the gate, cached; a step reads
# itself with its intensive and exercise and marks notices read, and the poll of the
# other device only the step; the therapist's pages check access, record the audit
# row, and read the intensives with their count of steps, or one intensive, its steps,
# the gate, the ceiling and the exercises to choose from. Today reads the next
# intensive with its count of steps.
BUDGETS = {"plan": 8, "step": 5, "poll": 4, "list": 6, "therapist": 10, "home": 19}
# Without Redis (a newcomer's SQLite set-up) the session is read from the database.
SESSION = 0 if settings.REDIS_URL else 1


def couple_with_intensives(count: int):
    hurt = make_user(f"h{count}@example.test", "Sam")
    involved = make_user(f"i{count}@example.test", "Alex")
    lee = make_user(f"lee{count}@example.test", "Dr. Lee", is_therapist=True)
    couple = make_couple(hurt, involved)
    make_profile(lee)
    link(couple, lee, hurt, involved)
    steady = Exercise.objects.filter(tier=0).order_by("pk").first()
    intensives = [planned(couple, lee, days_ahead=1 + 3 * n, days=2) for n in range(count)]
    for intensive in intensives:
        Step.objects.bulk_create(
            Step(
                intensive=intensive,
                kind=Kind.EXERCISE if n % 2 else Kind.GUIDE,
                exercise=steady if n % 2 else None,
                title=f"Guide {n}",
                prompt="Speak, listen, reflect.",
                turn_minutes=3,
                rounds=2,
                opens_at=at(intensive, n % 2, 8 + n),
                closes_at=at(intensive, n % 2, 9 + n),
                completed_by=hurt if n % 3 else None,
                completed_at=at(intensive, n % 2, 9) if n % 3 else None,
            )
            for n in range(count)
        )
    return hurt, lee, couple, intensives[0]


@pytest.mark.parametrize("count", [1, 12])
def test_the_same_budget_for_one_or_many(count, django_assert_max_num_queries):
    hurt, lee, couple, intensive = couple_with_intensives(count)
    step = intensive.steps.filter(kind=Kind.GUIDE).first()
    with time_machine.travel(step.opens_at + timedelta(minutes=1)):
        sam, therapist = client_for(hurt), client_for(lee)
        sam.get("/me/")  # a session's first request stamps it
        sam.get(reverse("together:today"))  # the gate, worked out once and cached
        therapist.get(reverse("intensives:therapist_couple", args=[couple.pk]))
        htmx = {"HX-Request": "true", "X-Background-Refresh": "1"}
        pages = {
            "plan": (sam, intensive.path, {}),
            "step": (sam, step.path, {}),
            "poll": (sam, f"{step.path}?seen={step.turn_state}", htmx),
            "list": (therapist, reverse("intensives:therapist_couple", args=[couple.pk]), {}),
            "therapist": (
                therapist,
                reverse("intensives:therapist_intensive", args=[couple.pk, intensive.pk]),
                {},
            ),
            "home": (sam, reverse("home"), {}),
        }
        for name, (client, url, headers) in pages.items():
            with django_assert_max_num_queries(BUDGETS[name] + SESSION):
                response = client.get(url, headers=headers)
            assert response.status_code in (HTTPStatus.OK, HTTPStatus.NO_CONTENT), name
