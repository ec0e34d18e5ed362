"""Every main page runs a fixed number of queries and reads only what it shows, however
long the history: the same budgets at 1 and 150 weeks (5 and 200 couples for the
therapist dashboard). The histories come from the benchmark's own builders
(bench/seed), so they look like the data `make bench` loads.
"""

import random
import re
from contextlib import contextmanager
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from bench.seed import Scale, build_history
from bench.seed import therapists as therapist_builder
from bench.seed.accounts import make_pairs, shared_password_hash
from therapists.dashboard import LONG_WEEKS, PAGE_SIZE

from ..conftest import client_for

pytestmark = pytest.mark.django_db

SMALL, LARGE = 1, 150

# The together wins streak reads one row per week with a win over its two-year
# lookback (together.services.STREAK_LOOKBACK): bounded, though more than it shows.
# The run of transparent weeks shown with it reads, over the same two years, one row
# per revealed check-in and one per week of shared plans (transparency.streaks).
STREAK_WEEKS = 104
TRANSPARENT_WEEKS = 2 * 104
# path: (queries, with one more on a page that shows the pacing gate when a new report
# arrived since the last view; rows read at most besides the items the page lists)
# Every page counts what's new for the navigation (a query and a row); the couple home
# also lists up to five unread notices (a query, five rows). Both the couple home and
# the together page show the couple's next intensive with its count of steps (a query,
# a row).
COUPLE_PAGES = {
    "/": (22, 27 + STREAK_WEEKS + TRANSPARENT_WEEKS),
    "/checkins/": (11, 21),
    "/checkins/history/": (8, 41),
    # The patterns page also reads the time to come back: one query, a row per repair
    # finished in the last 12 weeks (the long history has one every other week).
    "/triggers/patterns/": (7, 21 + 6),
    # The together page also reads the couple's rituals and the times both kept them
    # (two queries; a row per ritual, and per kept time over the rituals' lookback),
    # and the therapist's practices for the coming weeks with the caller's marks and
    # the count of their agenda items (two queries, three more with a practice on an
    # exercise; at most three practices, their marks, and the count).
    "/together/": (20, 21 + 6 + 7 + STREAK_WEEKS + TRANSPARENT_WEEKS),
    # Twenty repairs listed, and the time to come back.
    "/repair/": (6, 10 + 20 + 6),
    "/agreement/history/": (7, 11),
    "/exercises/": (9, 36),
    # The person's own last 30 false-connection checks.
    "/exercises/lately/": (6, 10 + 30),
}
# Pages that list the history, a page at a time, and the rows each listed item may read.
LISTED = {
    "/checkins/history/": (re.compile(r'<li class="week">'), 1),  # its check-in
    # A version and its 2 acceptances, or a review and its 2 answers.
    "/agreement/history/": (re.compile(r"data-(?:version|review)>"), 3),
}
DASHBOARD = "/therapists/couples/"
# The first view after a write also works out the figures it keeps in the cache (with
# each couple's practice of the last four weeks); the navigation counts what is new.
DASHBOARD_QUERIES = 16
# The order of the list takes every couple into account, so each couple listed reads
# a row of its link, its two partners, its triggers and its readiness reports; each
# couple shown also reads its partners' revealed answers of the weeks it charts.
DASHBOARD_ROWS_PER_COUPLE = 5
DASHBOARD_ROWS_PER_SHOWN = 2 * LONG_WEEKS


class RowCounter:
    def __init__(self):
        self.rows = 0


@contextmanager
def counting_rows(monkeypatch):
    """Count the rows the database hands back, whatever the backend."""
    counter = RowCounter()

    def counted(name):
        def fetch(self, *args, **kwargs):
            result = getattr(self.cursor, name)(*args, **kwargs)
            if name == "fetchone":
                counter.rows += result is not None
            else:
                counter.rows += len(result)
            return result

        return fetch

    with monkeypatch.context() as patch:
        for name in ("fetchone", "fetchmany", "fetchall"):
            patch.setattr(CursorWrapper, name, counted(name), raising=False)
        yield counter


def couple_with_history(weeks: int):
    now = timezone.now()
    rng = random.Random(weeks)
    pairs = make_pairs(1, weeks, now, rng, shared_password_hash(), prefix=f"w{weeks}-")
    build_history(pairs, Scale(weeks=weeks), now, rng)
    return pairs[0]


@pytest.fixture(scope="module")
def password():
    return shared_password_hash()


def visit(client, path, django_assert_max_num_queries, budget, monkeypatch):
    """The page twice: first with empty caches (the pacing gate replays the reports),
    then as most views find it (the gate's result cached). Both within the budget."""
    client.get("/me/")  # a session's first request stamps it (one write per login)
    cache.clear()
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == HTTPStatus.OK
    with django_assert_max_num_queries(budget), counting_rows(monkeypatch) as counter:
        response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode(), counter.rows


@pytest.mark.parametrize("weeks", [SMALL, LARGE])
@pytest.mark.parametrize("path", list(COUPLE_PAGES))
def test_a_couple_page_has_the_same_budget_at_any_history_length(
    path, weeks, django_assert_max_num_queries, monkeypatch
):
    pair = couple_with_history(weeks)
    queries, rows = COUPLE_PAGES[path]

    html, read = visit(
        client_for(pair.hurt), path, django_assert_max_num_queries, queries, monkeypatch
    )

    listed = 0
    if path in LISTED:
        pattern, rows_per_item = LISTED[path]
        listed = len(pattern.findall(html)) * rows_per_item
        assert listed, "the page lists the history it was given"
    assert read <= rows + listed


@pytest.mark.parametrize("path", ["/checkins/history/", "/agreement/history/"])
def test_a_later_page_of_a_list_keeps_the_budget_of_the_first(
    path, django_assert_max_num_queries, monkeypatch
):
    pair = couple_with_history(LARGE)
    queries, rows = COUPLE_PAGES[path]

    html, read = visit(
        client_for(pair.hurt), f"{path}?page=3", django_assert_max_num_queries, queries, monkeypatch
    )

    assert "Page 3 of" in html
    pattern, rows_per_item = LISTED[path]
    listed = len(pattern.findall(html)) * rows_per_item
    assert listed, "the page lists the history it was given"
    assert read <= rows + listed


def test_long_histories_are_really_there():
    """The large history is large: otherwise the budgets above prove nothing."""
    pair = couple_with_history(LARGE)
    couple = pair.couple
    assert couple.checkins.count() == LARGE
    assert couple.triggers.count() > 800
    assert couple.agreement.versions.count() > 50
    assert couple.readiness_reports.count() > 200
    assert couple.false_connection_checks.count() > 200
    assert couple.false_connection_checks.holding().count() > 5
    assert couple.repairs.count() > 70


def therapist_following(count: int, weeks: int, password: str):
    now = timezone.now()
    rng = random.Random(count)
    pairs = make_pairs(count, weeks, now, rng, password, prefix=f"c{count}w{weeks}-")
    build_history(pairs, Scale(weeks=weeks), now, rng)
    prefix = f"c{count}w{weeks}-"
    [therapist] = therapist_builder.build(pairs, 1, count, now, rng, password, prefix=prefix)
    return therapist


@pytest.mark.parametrize(("couples", "weeks"), [(5, 4), (200, 4), (5, LARGE)])
def test_the_therapist_dashboard_has_the_same_budget_for_5_or_200_couples(
    couples, weeks, password, django_assert_max_num_queries, monkeypatch, settings
):
    settings.THERAPIST_MFA_REQUIRED = True  # bench therapists have an authenticator app
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        # Production's Redis keeps every couple's gate result; the local memory cache
        # would drop some of 200 couples' past its default 300 entries.
        settings.CACHES = {
            **settings.CACHES,
            "default": {**settings.CACHES["default"], "OPTIONS": {"MAX_ENTRIES": 5000}},
        }
    therapist = therapist_following(couples, weeks, password)

    html, read = visit(
        client_for(therapist),
        DASHBOARD,
        django_assert_max_num_queries,
        DASHBOARD_QUERIES,
        monkeypatch,
    )

    shown = html.count("Sharing with you since")
    assert shown == min(couples, PAGE_SIZE)
    assert read <= DASHBOARD_ROWS_PER_COUPLE * couples + DASHBOARD_ROWS_PER_SHOWN * shown + 20
