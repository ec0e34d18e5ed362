"""Our week's plans: private while a draft, seen by the partner once shared, and a
change after sharing shows as a change with the earlier plans kept."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from checkins import weeks
from notices.models import Kind, Notice
from transparency.models import PlanHabit, PlanReminder, WeekPlan

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def this_week(couple):
    return weeks.week_start_for(timezone.now(), couple.zone)


def plan_url(week) -> str:
    return reverse("transparency:plan", args=[week.isoformat()])


def days(*texts) -> dict:
    return {f"day_{index}": text for index, text in enumerate(texts)}


def test_a_draft_is_private_until_shared(couple, hurt, involved):
    url = plan_url(this_week(couple))
    alex, sam = client_for(involved), client_for(hurt)
    alex.post(url, days("Gym at six", "", "Dinner with Jo"))

    assert "Dinner with Jo" in alex.get(url).content.decode()
    assert "Dinner with Jo" not in sam.get(url).content.decode()
    assert not Notice.objects.filter(kind=Kind.PLANS_SHARED).exists()

    alex.post(url, days("Gym at six", "", "Dinner with Jo") | {"share": "on"})

    assert "Dinner with Jo" in sam.get(url).content.decode()
    assert Notice.objects.filter(recipient=hurt, kind=Kind.PLANS_SHARED).count() == 1


def test_a_change_after_sharing_shows_as_a_change(couple, hurt, involved):
    url = plan_url(this_week(couple))
    alex = client_for(involved)
    alex.post(url, days("Gym at six", "", "Dinner with Jo") | {"share": "on"})
    alex.post(url, days("Gym at six", "", "Dinner at home instead") | {"share": "on"})

    plan = WeekPlan.objects.get()
    assert plan.changed_at is not None
    assert [version.days[2] for version in plan.versions.all()] == ["Dinner with Jo"]
    page = client_for(hurt).get(url).content.decode()
    assert "Changed after sharing" in page
    assert "Dinner at home instead" in page
    assert "Dinner with Jo" in page  # the earlier plans, kept
    assert Notice.objects.filter(recipient=hurt, kind=Kind.PLANS_CHANGED).count() == 1


def test_next_week_can_be_planned_but_a_past_week_cannot(couple, involved):
    alex = client_for(involved)
    next_week = this_week(couple) + timedelta(weeks=1)
    assert alex.post(plan_url(next_week), days("Away for work")).status_code == HTTPStatus.FOUND

    past = alex.post(plan_url(this_week(couple) - timedelta(weeks=1)), days("Too late"))

    assert past.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "That week is over" in past.content.decode()
    assert WeekPlan.objects.count() == 1


@pytest.mark.parametrize("week", ["2026-13-01", "not-a-week", "2026-03-03"])  # 3 March: a Tuesday
def test_a_week_that_is_not_a_monday_is_not_found(couple, involved, week):
    response = client_for(involved).get(reverse("transparency:plan", args=[week]))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_day_too_long_is_a_form_error(couple, involved):
    response = client_for(involved).post(plan_url(this_week(couple)), days("x" * 501))
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not WeekPlan.objects.exists()


def test_another_couple_never_sees_the_plans(couple, involved, outsider):
    url = plan_url(this_week(couple))
    client_for(involved).post(url, days("Dinner with Jo") | {"share": "on"})
    assert "Dinner with Jo" not in client_for(outsider).get(url).content.decode()
    listed = client_for(outsider).get(reverse("transparency:plans")).content.decode()
    assert "Dinner with Jo" not in listed


def test_the_habit_and_the_reminder(couple, hurt):
    sam = client_for(hurt)
    response = sam.post(reverse("transparency:plans"), {"plans_on": "on", "share_by": "6"})
    assert response.status_code == HTTPStatus.FOUND
    habit = PlanHabit.objects.get(couple=couple)
    assert habit.plans_on and habit.changed_by == hurt

    sam.post(reverse("transparency:plan_reminder"), {"on": "1"})
    assert PlanReminder.objects.filter(user=hurt).exists()
    sam.post(reverse("transparency:plan_reminder"), {"on": "0"})
    assert not PlanReminder.objects.filter(user=hurt).exists()
