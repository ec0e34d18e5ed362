"""The exercises page: open tiers inviting, closed ones calm, and nothing to push with."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from pacing.models import Exercise, PacingPolicy, gate_for

from ..conftest import client_for
from .builders import exercise, open_tier_two, report, session_of


@pytest.fixture
def library(db):
    return [exercise(tier=tier, title=f"Practice {tier}") for tier in range(5)]


def test_open_exercises_invite_and_closed_ones_explain_why_calmly(hurt, couple, library):
    report(hurt, days_ago=7)
    report(hurt, days_ago=0)  # tier 1 open

    page = client_for(hurt).get(reverse("pacing:index")).text

    assert "Open now: up to tier 1, Talking and listening" in page
    for open_one in library[:2]:
        assert f'href="{reverse("pacing:exercise", args=[open_one.slug])}"' in page
    for closed in library[2:]:
        assert closed.title in page
        assert reverse("pacing:exercise", args=[closed.slug]) not in page
    assert page.count("Not open yet. We move at the pace that feels safe for both of you.") == 3


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        ("nothing", "More exercises open as readiness check-ins build up over time."),
        ("steady", "The next tier opens once readiness has held steady for a while."),
        ("slowed", "Things slowed down a little recently."),
        ("ceiling", "Your therapist has suggested staying with these tiers for now."),
    ],
)
def test_the_page_says_kindly_why_the_tier_is_where_it_is(hurt, couple, library, setup, words):
    if setup in ("steady", "ceiling"):
        open_tier_two(hurt)
    if setup == "slowed":
        open_tier_two(hurt)
        report(hurt, closeness=1, body=1)
    if setup == "ceiling":
        PacingPolicy.objects.create(couple=couple, therapist_ceiling=1)

    page = client_for(hurt).get(reverse("pacing:index")).text

    assert words in page


def test_the_involved_partner_sees_the_open_tier_and_has_no_way_to_ask_for_more(
    hurt, involved, couple, library
):
    open_tier_two(hurt)

    page = client_for(involved).get(reverse("pacing:index")).text

    assert "Open now: up to tier 2, Everyday reconnection" in page
    forms = re.findall(r'<form[^>]*action="([^"]*)"', page)
    assert forms == [reverse("account_logout")]  # only the nav's log out
    # A word, not letters: a random CSRF token may well contain "ask".
    assert not re.search(r"\bask", page.lower())


def test_the_page_lists_recent_sessions_of_the_couple(hurt, involved, couple, library):
    session_of(couple, library[0], involved)  # started by the partner: shared by the couple

    page = client_for(hurt).get(reverse("pacing:index")).text

    session = couple.exercise_sessions.get()
    assert f'href="{reverse("pacing:session", args=[session.pk])}">Practice 0</a>' in page
    assert "in progress" in page


@pytest.mark.parametrize("history", [3, 90])
def test_the_exercises_page_runs_a_bounded_number_of_queries(
    hurt, involved, couple, library, django_assert_max_num_queries, history
):
    for days_ago in range(history):
        report(hurt if days_ago % 2 else involved, days_ago=days_ago)
        session_of(couple, library[0], hurt)
    client = client_for(involved)

    # The session, person and membership; the gate with the therapist's pace, and the
    # reports (new since the last view); the library, sessions and suggestions; the
    # navigation's count of what's new; and three to save the session on its first request.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("pacing:index"))
    assert response.status_code == HTTPStatus.OK


def test_open_for_uses_the_gate(hurt, couple, library):
    ours = Exercise.objects.filter(pk__in=[e.pk for e in library])
    assert list(ours.open_for(couple)) == library[:1]

    open_tier_two(hurt)

    assert gate_for(couple).tier == 2
    assert list(ours.open_for(couple)) == library[:3]


def test_the_gate_counts_days_in_the_couples_time_zone(hurt, couple):
    from datetime import UTC, datetime

    couple.timezone = "America/New_York"
    couple.save(update_fields=["timezone"])
    # Sunday 18:30 and Saturday 19:30 in New York: six days there, seven in UTC.
    report(hurt, at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
    report(hurt, at=datetime(2026, 3, 8, 0, 30, tzinfo=UTC))
    now = datetime(2026, 3, 9, tzinfo=UTC)

    assert gate_for(couple, now).tier == 0
    couple.timezone = "UTC"
    couple.save(update_fields=["timezone"])
    assert gate_for(couple, now).tier == 1


def test_nav_offers_exercises_to_partners_but_not_to_therapists(hurt, couple, therapist):
    link = f'href="{reverse("pacing:index")}"'

    assert link in client_for(hurt).get(reverse("home")).text
    assert link not in client_for(therapist).get(reverse("home")).text
