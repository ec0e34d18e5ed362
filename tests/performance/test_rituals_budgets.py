"""The rituals pages and the curiosity deck run the same number of queries with 1 or
150 weeks of history: marks, feelings, draws and answers every week."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from pacing.models import Exercise
from rituals.models import Card, CardAnswer, Draw, Favourite, Feeling, Mark, Ritual, Status

from ..conftest import client_for
from ..factories import make_couple, make_user

pytestmark = pytest.mark.django_db

# The session, the user, the caller's membership (with the partner's) and the
# navigation's count of what is new, then what each page reads (the gate is cached;
# the ritual's page marks its notices read and reads the caller's reminder; the
# together page holds every tool, the practices of the coming weeks and the next
# intensive).
BUDGETS = {"index": 5, "detail": 8, "deck": 7, "answer": 6, "today": 19}


def couple_with_history(weeks: int):
    hurt = make_user(f"h{weeks}@example.test", "Sam")
    involved = make_user(f"i{weeks}@example.test", "Alex")
    couple = make_couple(hurt, involved)
    now = timezone.now()
    start = now - timedelta(weeks=weeks)
    common = {"couple": couple, "proposed_by": hurt, "timezone": "UTC", "accepted_at": start}
    daily = Ritual.objects.create(
        title="Tea", rhythm="daily", starts_on=start.date(), status=Status.ACTIVE, **common
    )
    weekly = Ritual.objects.create(
        exercise=Exercise.objects.filter(tier=0).first(),
        rhythm="weekly",
        days=1 << start.weekday(),
        starts_on=start.date(),
        status=Status.ACTIVE,
        **common,
    )
    Ritual.objects.bulk_create(
        Ritual(
            title=f"Old {n}",
            rhythm="daily",
            starts_on=start.date(),
            status=Status.ENDED,
            ended_at=start + timedelta(days=n),
            **common,
        )
        for n in range(weeks // 10)
    )
    marks, feelings = [], []
    for ritual in (daily, weekly):
        for day in ritual.schedule.between(start.date(), (now - timedelta(days=1)).date()):
            for person in (hurt, involved):
                marks.append(Mark(ritual=ritual, person=person, occurrence=day, outcome="did"))
            feelings.append(Feeling(ritual=ritual, author=hurt, occurrence=day, felt=7, line="ok"))
    Mark.objects.bulk_create(marks)
    Feeling.objects.bulk_create(feelings)
    cards = list(Card.objects.filter(tier=0))
    Draw.objects.bulk_create(
        Draw(
            couple=couple,
            card=cards[n % len(cards)],
            drawn_by=hurt,
            drawn_at=start + timedelta(weeks=n),
        )
        for n in range(weeks)
    )
    for n, card in enumerate(cards[: min(weeks, len(cards))]):
        for person in (hurt, involved):
            CardAnswer.objects.create(
                couple=couple, card=card, author=person, text=f"Answer {n}", shared=n % 2 == 0
            )
        Favourite.objects.create(couple=couple, card=card, kept_by=hurt)
    return hurt, daily, cards[0]


@pytest.mark.parametrize("weeks", [1, 150])
def test_the_same_budget_at_any_history_length(weeks, django_assert_max_num_queries):
    hurt, ritual, card = couple_with_history(weeks)
    client = client_for(hurt)
    client.get("/me/")  # a session's first request stamps it
    client.get(reverse("rituals:index"))  # the gate, worked out once and cached
    pages = {
        "index": reverse("rituals:index"),
        "detail": ritual.path,
        "deck": reverse("rituals:deck"),
        "answer": reverse("rituals:answer", args=[card.pk]),
        "today": reverse("together:today"),
    }
    # Where no Redis cache is configured (SQLite for a newcomer), the session is read
    # from the database: one query more on every page.
    session = 0 if settings.REDIS_URL else 1
    for name, url in pages.items():
        with django_assert_max_num_queries(BUDGETS[name] + session):
            response = client.get(url)
        assert response.status_code == HTTPStatus.OK, name
