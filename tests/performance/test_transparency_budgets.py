"""The heads-up list and the plans pages run the same number of queries with 1 or 150
weeks of history, and both lists are paged."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from checkins import weeks
from transparency.models import HeadsUp, HeadsUpKind, HeadsUpVersion, WeekPlan, WeekPlanVersion

from ..conftest import client_for
from ..factories import make_couple, make_user

pytestmark = pytest.mark.django_db

# The session, the user, the caller's membership (with the partner's) and the
# navigation's count of what is new, then what each page reads. A page number past the
# end (page 2 of one week's history) costs a count and a second read; the plans page
# creates the couple's habit row on its first visit.
BUDGETS = {
    "heads_ups": 5,
    "heads_ups_page_2": 7,
    "heads_up": 7,
    "plans": 12,
    "plan": 8,
}


def couple_with_history(count: int):
    hurt = make_user(f"h{count}@example.test", "Sam")
    involved = make_user(f"i{count}@example.test", "Alex")
    couple = make_couple(hurt, involved)
    now = timezone.now()
    week = weeks.week_start_for(now, couple.zone)
    heads_ups, plans = [], []
    for back in range(count):
        moment = now - timedelta(weeks=back)
        for author in (involved, hurt):
            heads_ups.append(
                HeadsUp(
                    couple=couple,
                    author=author,
                    kind=HeadsUpKind.CHANGE_OF_PLAN,
                    happened_at=moment,
                    line=f"Week {back}",
                    created_at=moment,
                )
            )
            plans.append(
                WeekPlan(
                    couple=couple,
                    author=author,
                    week_start=week - timedelta(weeks=back),
                    days=["Gym", "", "Dinner"],
                    shared_at=moment,
                    changed_at=moment,
                )
            )
    heads_ups = HeadsUp.objects.bulk_create(heads_ups)
    plans = WeekPlan.objects.bulk_create(plans)
    HeadsUpVersion.objects.bulk_create(
        HeadsUpVersion(
            heads_up=h,
            author_id=h.author_id,
            kind=h.kind,
            happened_at=h.happened_at,
            written_at=now,
        )
        for h in heads_ups
    )
    WeekPlanVersion.objects.bulk_create(
        WeekPlanVersion(plan=plan, author_id=plan.author_id, days=["Gym"], written_at=now)
        for plan in plans
    )
    return hurt, heads_ups[0], week


@pytest.mark.parametrize("count", [1, 150])
def test_the_same_budget_at_any_history_length(count, django_assert_max_num_queries):
    hurt, newest, week = couple_with_history(count)
    client = client_for(hurt)
    client.get("/me/")  # a session's first request stamps it
    pages = {
        "heads_ups": (reverse("transparency:heads_ups"), {}),
        "heads_ups_page_2": (reverse("transparency:heads_ups"), {"page": "2"}),
        "heads_up": (newest.path, {}),
        "plans": (reverse("transparency:plans"), {"page": "3"}),
        "plan": (reverse("transparency:plan", args=[week.isoformat()]), {}),
    }
    for name, (url, query) in pages.items():
        cache.clear()
        with django_assert_max_num_queries(BUDGETS[name]):
            response = client.get(url, query)
        assert response.status_code == HTTPStatus.OK, name
