"""Private writing never reaches the partner or a therapist, on any page or fragment.

Every URL of the app is fetched (GET, GET as htmx, and POST as htmx) by the partner and
the therapist with every object id that exists; none may carry a private marker.
"""

from datetime import timedelta

import pytest
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone as tz

from together.models import (
    Answer,
    Goal,
    GoalChange,
    JournalEntry,
    Pause,
    Question,
    Readiness,
    SelfCarePlan,
    Step,
    Win,
    WinKind,
)

from ..conftest import client_for

JOURNAL_MARKER = "JOURNAL-MARKER-c81e"
REASON_MARKER = "PAUSE-REASON-MARKER-2b9d"
PLAN_MARKER = "SELF-CARE-MARKER-77aa"
MARKERS = (JOURNAL_MARKER, REASON_MARKER, PLAN_MARKER)


def together_routes():
    resolver = get_resolver().url_patterns
    include = next(entry for entry in resolver if getattr(entry, "namespace", "") == "together")
    return [entry for entry in include.url_patterns if isinstance(entry, URLPattern) and entry.name]


def fill(couple, author, partner):
    """Something of every kind, with the author's private writing marked."""
    now = tz.now()
    question = Question.objects.create(
        couple=couple, asked_by=author, text="Q?", readiness=Readiness.READY_NOW
    )
    Answer.objects.create(question=question, author=partner, text="A.")
    Win.objects.create(couple=couple, author=author, kind=WinKind.SMALL_WIN, text="W")
    goal = Goal.objects.create(couple=couple, title="G")
    Step.objects.create(goal=goal, text="S")
    GoalChange.objects.create(couple=couple, goal=goal, proposed_by=author, title="G2")
    JournalEntry.objects.create(author=author, text=f"{JOURNAL_MARKER} private")
    SelfCarePlan.objects.create(user=author, rest=PLAN_MARKER)
    start = now - timedelta(days=1)
    Pause.objects.create(
        couple=couple,
        requested_by=author,
        started_at=start,
        ends_at=start + timedelta(minutes=20),
        ended_at=start + timedelta(minutes=20),
        reason=f"{REASON_MARKER} past",
    )
    Pause.objects.create(
        couple=couple,
        requested_by=author,
        ends_at=now + timedelta(hours=1),
        reason=f"{REASON_MARKER} now",
    )


def urls_for(pattern, ids):
    params = list(pattern.pattern.converters)
    if not params:
        return [reverse(f"together:{pattern.name}")]
    if params == ["pk"]:
        return [reverse(f"together:{pattern.name}", kwargs={"pk": pk}) for pk in ids]
    assert params == ["goal_pk", "pk"], f"teach this test the URL {pattern.name}"
    goal_ids = list(Goal.objects.values_list("pk", flat=True))
    return [
        reverse(f"together:{pattern.name}", kwargs={"goal_pk": goal_pk, "pk": pk})
        for goal_pk in goal_ids
        for pk in ids
    ]


def all_ids():
    models = [Question, Answer, Win, Goal, Step, GoalChange, JournalEntry, Pause, SelfCarePlan]
    ids = {pk for model in models for pk in model.objects.values_list("pk", flat=True)}
    return sorted(ids | {max(ids) + 1})


@pytest.mark.parametrize("author_role", ["hurt", "involved"])
@pytest.mark.parametrize("viewer_role", ["partner", "therapist"])
def test_private_writing_never_reaches_the_partner_or_a_therapist(
    request, couple, hurt, involved, therapist, author_role, viewer_role
):
    author = request.getfixturevalue(author_role)
    partner = involved if author == hurt else hurt
    viewer = partner if viewer_role == "partner" else therapist
    fill(couple, author, partner)
    ids = all_ids()
    client = client_for(viewer)
    author_client = client_for(author)
    # The markers are really there for the author, so their absence below means something.
    assert JOURNAL_MARKER in author_client.get(reverse("together:journal")).content.decode()
    assert REASON_MARKER in author_client.get(reverse("together:pause")).content.decode()

    fetched = 0
    for pattern in together_routes():
        for url in urls_for(pattern, ids):
            for response in (
                client.get(url),
                client.get(url, headers={"HX-Request": "true"}),
                client.post(url, headers={"HX-Request": "true"}, follow=True),
            ):
                fetched += 1
                assert response.status_code < 500, url
                body = response.content.decode()
                for marker in MARKERS:
                    assert marker not in body, (url, marker)
    assert fetched > 100
    assert Pause.objects.open().exists()  # the pause the partner saw is still running
