"""The monthly review page, with every part of the agreement due for a look and some
already reaffirmed, runs the same queries at 1 and 150 weeks of history."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership
from agreements.content import SECTIONS
from agreements.models import couple_today

from ..conftest import client_for
from .test_query_budgets import LARGE, SMALL, couple_with_history

pytestmark = pytest.mark.django_db

REVIEW = "/agreement/review/"
# One query more than without parts due: who has said each part still feels right. And
# one for the session, read from the database where no Redis cache is configured.
BUDGET = 12


def review_queries(weeks: int) -> int:
    pair = couple_with_history(weeks)
    version = pair.couple.agreement.current_version
    today = couple_today(pair.couple, timezone.now()).isoformat()
    version.clause_reviews = {s.key: {"on": today, "intention": "keep"} for s in SECTIONS}
    version.save(update_fields=["clause_reviews"])
    version.reaffirm(Membership.objects.active().get(user=pair.involved), "digital", timezone.now())
    client = client_for(pair.hurt)
    client.get("/me/")  # a session's first request stamps it
    assert client.get(REVIEW).status_code == HTTPStatus.OK  # opens a review if one is due
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REVIEW)
    assert response.status_code == HTTPStatus.OK
    assert len(response.context["clauses"]["due"]) == len(SECTIONS)
    assert "Your partner said it still feels right." in response.content.decode()
    return len(queries)


def test_the_review_page_with_parts_due_has_the_same_budget_at_any_history_length():
    small, large = review_queries(SMALL), review_queries(LARGE)

    assert small == large
    assert large <= BUDGET
