"""The practice pages, the agenda, the therapist's page and Today run the same number of
queries with 1 or 150 weeks of practices, marks, agenda items and closed agendas."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from practice.models import Agenda, AgendaItem, ForWhom, Outcome, Practice, PracticeMark, this_week

from ..conftest import client_for
from ..factories import make_couple, make_user
from ..therapists.builders import link, make_profile

pytestmark = pytest.mark.django_db

# The session, the user, the caller's membership (with the partner's) and the
# navigation's count, then what each page reads: the gate (cached, with its freshness
# check), the practice's page marks its notices read and reads both marks; the agenda
# page reads the open items and the past notes; the therapist's page checks access,
# records the audit row, and reads the partners, the practices with their marks, the
# items, the exercises to choose from and the past notes.
BUDGETS = {"detail": 9, "agenda": 7, "therapist": 15, "together": 22, "home": 22}


def couple_with_history(weeks: int):
    hurt = make_user(f"h{weeks}@example.test", "Sam")
    involved = make_user(f"i{weeks}@example.test", "Alex")
    lee = make_user(f"lee{weeks}@example.test", "Dr. Lee", is_therapist=True)
    couple = make_couple(hurt, involved)
    make_profile(lee)
    link(couple, lee, hurt, involved)
    week, now = this_week(couple), timezone.now()
    practices = Practice.objects.bulk_create(
        Practice(
            couple=couple,
            therapist=lee,
            text=f"Practice {n}",
            due_week=week - timedelta(weeks=n),
            for_whom=ForWhom.BOTH,
        )
        for n in range(weeks)
    )
    PracticeMark.objects.bulk_create(
        PracticeMark(practice=p, person=person, outcome=Outcome.HARD, line="hm")
        for p in practices
        for person in (hurt, involved)
    )
    for n in range(weeks):
        agenda = Agenda.objects.create(
            couple=couple, opened_at=now - timedelta(weeks=n + 1), closed_at=now, note="ok"
        )
        AgendaItem.objects.create(agenda=agenda, author=hurt, text=f"Item {n}")
    open_agenda = Agenda.open_for(couple)
    AgendaItem.objects.bulk_create(
        AgendaItem(agenda=open_agenda, author=hurt, text=f"Open {n}") for n in range(3)
    )
    return hurt, lee, couple, practices[0]


@pytest.mark.parametrize("weeks", [1, 150])
def test_the_same_budget_at_any_history_length(weeks, django_assert_max_num_queries):
    hurt, lee, couple, practice = couple_with_history(weeks)
    sam, therapist = client_for(hurt), client_for(lee)
    sam.get("/me/")  # a session's first request stamps it
    sam.get(reverse("together:today"))  # the gate, worked out once and cached
    therapist.get(reverse("practice:therapist_couple", args=[couple.pk]))
    pages = {
        "detail": (sam, practice.path),
        "agenda": (sam, reverse("practice:agenda")),
        "therapist": (therapist, reverse("practice:therapist_couple", args=[couple.pk])),
        "together": (sam, reverse("together:today")),
        "home": (sam, reverse("home")),
    }
    for name, (client, url) in pages.items():
        with django_assert_max_num_queries(BUDGETS[name]):
            response = client.get(url)
        assert response.status_code == HTTPStatus.OK, name
