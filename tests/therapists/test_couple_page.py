"""The couple page: charts of what the therapist may see, each with a table, and the
same bounded number of queries for a short or a long history."""

import re
from datetime import UTC, datetime, timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import SafetyCheck
from checkins import weeks
from checkins.models import CheckIn
from pacing.models import Exercise, ExerciseSession, PacingPolicy
from therapists import progress
from therapists.models import TherapistNote
from triggers.models import Sharing

from ..conftest import client_for
from .builders import (
    agreement_in_force,
    kept_week,
    link,
    readiness,
    trigger,
)
from .history import build_couples

NOW = datetime(2026, 11, 18, 10, tzinfo=UTC)
THIS_WEEK = weeks.week_start_for(NOW, UTC)
# Two of them for repairs: the finished ones shown, and the time to come back. One more
# where no Redis cache is configured (a newcomer's SQLite set-up), which reads the
# signed-in account once more.
COUPLE_PAGE_MAX_QUERIES = 34 + (0 if settings.REDIS_URL else 1)


def ago(days: float):
    return NOW - timedelta(days=days)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def shared(frozen, dr_lee, hurt, involved, couple):
    link(couple, dr_lee, hurt, involved)
    return couple


@pytest.fixture
def partners(shared):
    return list(shared.memberships.active().select_related("user").order_by("role"))


def page_of(dr_lee, couple) -> str:
    response = client_for(dr_lee).get(reverse("therapists:couple_detail", args=[couple.pk]))
    assert response.status_code == HTTPStatus.OK
    return response.text


def test_checkin_charts_show_both_partners_from_revealed_weeks_only(
    shared, partners, hurt, involved
):
    kept_week(shared, THIS_WEEK - weeks.WEEK * 2, {hurt: (4, 3, 5, 6), involved: (6, 5, 5, 7)})
    kept_week(shared, THIS_WEEK - weeks.WEEK, {hurt: (6, 5, 6, 7), involved: (7, 6, 6, 8)})
    sealed = CheckIn.objects.create(couple=shared, week_start=THIS_WEEK)
    sealed.answers.create(author=hurt, safety=1, trust=1, connection=1, hope=1, submitted_at=NOW)

    safety, trust, connection, hope = progress.checkin_charts(shared, partners, timezone.now())

    assert safety.columns == ["Sam", "Alex"]
    assert safety.rows == [
        (THIS_WEEK - weeks.WEEK * 2, [4, 6]),
        (THIS_WEEK - weeks.WEEK, [6, 7]),
    ]
    assert [line.key for line in safety.chart.lines] == ["hurt", "involved"]
    assert "Sam: from 4 to 6." in safety.description
    assert hope.rows[-1] == (THIS_WEEK - weeks.WEEK, [7, 8])


def test_the_trigger_charts_count_shared_triggers_only(shared, hurt, involved):
    trigger(shared, hurt, ago(2), 8)  # Monday of this week
    trigger(shared, involved, ago(1), 6)
    trigger(shared, hurt, ago(5), 4)  # last week
    trigger(shared, hurt, ago(1), 10, sharing=Sharing.PRIVATE)
    trigger(shared, hurt, ago(5), 10, sharing=Sharing.AT_CHECKIN)
    trigger(shared, hurt, ago(120), 9)  # before the twelve weeks shown

    summary = progress.trigger_summary(shared, timezone.now())

    assert summary.total == 3
    assert summary.rows == [(THIS_WEEK - weeks.WEEK, 1, 4), (THIS_WEEK, 2, 7)]
    assert summary.by_category == [("An intrusive memory", 3)]
    assert [bar.value for bar in summary.counts.bars][-2:] == [1, 2]


def test_readiness_numbers_and_the_open_tier_are_shown(dr_lee, shared, hurt, involved):
    for days, value in [(16, 6), (9, 6)]:
        readiness(shared, hurt, ago(days), value)
    readiness(shared, involved, ago(2), 7)
    PacingPolicy.objects.create(couple=shared, therapist_ceiling=2)

    page = page_of(dr_lee, shared)

    assert "Open now: up to tier 1, Talking and listening." in page
    assert "Your ceiling: tier 2." in page
    assert "<td>Alex</td><td>7</td><td>7</td>" in page
    (checked,) = re.findall(r'<input type="radio" name="ceiling"[^>]* checked>', page)
    assert 'value="2"' in checked


def test_the_agreement_history_lists_versions_and_who_accepted(dr_lee, shared, hurt, involved):
    agreement = agreement_in_force(shared, ago(20), hurt, involved)
    agreement.versions.create(proposed_by=involved, proposed_at=ago(1))

    page = page_of(dr_lee, shared)

    assert "Version 1 in force since 29 October 2026." in page
    assert "Accepted by Sam on 29 October 2026" in page
    assert "Accepted by Alex on 29 October 2026" in page
    assert "A proposal from Alex of 17 November 2026 is waiting for acceptance." in page
    assert "Monthly review due 28 November 2026." in page


def test_the_parts_of_the_agreement_due_for_a_look_are_listed(dr_lee, shared, hurt, involved):
    agreement = agreement_in_force(shared, ago(40), hurt, involved)
    version = agreement.current_version
    version.clause_reviews = {
        "whereabouts": {"on": ago(2).date().isoformat(), "intention": "ease"},
        "digital": {"on": (NOW + timedelta(days=30)).date().isoformat(), "intention": "keep"},
    }
    version.save(update_fields=["clause_reviews"])

    page = page_of(dr_lee, shared)

    due = page.split('<ul class="clauses-due">', 1)[1].split("</ul>", 1)[0]
    assert "Parts due for a look again" in page
    assert "due since 16 November 2026 (Ease it, if we both feel ready)" in due
    assert "Keep it as it is" not in due  # the digital part is not due yet


def test_exercises_show_the_reflections_safety_ratings_never_their_words(
    dr_lee, shared, hurt, involved
):
    exercise = Exercise.objects.get(slug="listening-to-understand")
    session = ExerciseSession.objects.create(couple=shared, exercise=exercise, started_by=hurt)
    session.reflect(hurt, safety=3, noticed="My shoulders finally dropped.")
    session.reflect(involved, safety=9, noticed="I wanted to explain myself.")

    page = page_of(dr_lee, shared)

    assert "1 exercise completed." in page
    assert "Listening to understand" in page
    assert "<td>3</td><td>9</td>" in page
    assert "shoulders" not in page and "explain myself" not in page


def test_only_safety_answers_a_partner_chose_to_share_are_shown(dr_lee, shared, hurt, involved):
    SafetyCheck.objects.create(user=hurt, afraid="sometimes", share_with_therapist=True)
    SafetyCheck.objects.create(user=involved, afraid="yes", share_with_therapist=False)

    page = page_of(dr_lee, shared)

    assert escape("Sam answered “Sometimes” on 18 Nov 2026") in page
    assert "Alex answered" not in page


def test_without_shared_safety_answers_the_section_is_absent(dr_lee, shared, involved):
    SafetyCheck.objects.create(user=involved, afraid="yes", share_with_therapist=False)

    assert "Safety check answers shared with you" not in page_of(dr_lee, shared)


@pytest.mark.parametrize("history_weeks", [4, 104])
def test_the_couple_page_runs_a_bounded_number_of_queries(
    frozen, dr_lee, django_assert_max_num_queries, history_weeks
):
    (couple,) = build_couples(dr_lee, range(1), NOW, weeks_of_history=history_weeks)
    hurt = couple.memberships.get(role="hurt").user
    SafetyCheck.objects.create(user=hurt, afraid="sometimes", share_with_therapist=True)
    TherapistNote.objects.bulk_create(
        TherapistNote(couple=couple, therapist=dr_lee, text="Note", visibility="couple")
        for _ in range(history_weeks)
    )
    client = client_for(dr_lee)
    client.get(reverse("therapists:setup"))
    url = reverse("therapists:couple_detail", args=[couple.pk])

    with django_assert_max_num_queries(COUPLE_PAGE_MAX_QUERIES):
        response = client.get(url)

    assert response.status_code == HTTPStatus.OK
    with CaptureQueriesContext(connection) as queries:
        client.get(url + "?page=2")
    assert len(queries) <= COUPLE_PAGE_MAX_QUERIES
