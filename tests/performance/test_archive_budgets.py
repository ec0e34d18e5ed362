"""The archive of a closed space runs the same number of queries after 1 or 150 weeks."""

import pytest

from ..conftest import client_for
from .test_query_budgets import LARGE, SMALL, couple_with_history, visit

pytestmark = pytest.mark.django_db

# Each page: the session, the person, the navigation's look for an open space and its
# count of what's new, the closed space's membership, then the page's own list (a
# count, a page, and what hangs on its items).
ARCHIVE_PAGES = {"": 5, "checkins/": 8, "triggers/": 8, "agreement/": 8, "questions/": 8}
ROWS_PER_ITEM = 4  # an item and what hangs on it: answers, reassurances, acceptances
LISTED = {"checkins/", "triggers/", "agreement/"}  # the bench history asks no questions


@pytest.mark.parametrize("weeks", [SMALL, LARGE])
@pytest.mark.parametrize("page", list(ARCHIVE_PAGES))
def test_an_archive_page_has_the_same_budget_at_any_history_length(
    page, weeks, django_assert_max_num_queries, monkeypatch
):
    pair = couple_with_history(weeks)
    pair.couple.end(by=pair.involved)
    path = f"/archive/{pair.couple.pk}/{page}"

    html, read = visit(
        client_for(pair.hurt), path, django_assert_max_num_queries, ARCHIVE_PAGES[page], monkeypatch
    )

    assert read <= 20 + ROWS_PER_ITEM * html.count('class="card')
    if page in LISTED and weeks == LARGE:
        assert "Page 1 of" in html, "the long history is there, a page at a time"
