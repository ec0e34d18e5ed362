"""A consented therapist never sees what is private: unique markers are written into
every private place, then every page and fragment the therapist can fetch is read.
Sealed and draft ratings must not even change what the therapist's pages say."""

import re
from datetime import UTC, datetime, timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.urls import URLResolver, get_resolver, reverse

from accounts.models import SafetyCheck
from checkins import weeks
from checkins.models import CheckIn
from pacing.models import Exercise, ExerciseSession
from together.models import JournalEntry, Pause, SelfCarePlan
from triggers.models import Sharing, Trigger

from ..conftest import client_for
from .builders import kept_week, link, membership_of, readiness, trigger

NOW = datetime(2026, 11, 18, 10, tzinfo=UTC)
MARKERS = {
    "private trigger": "MARKER-PRIVATE-TRIGGER-7f3a",
    "trigger kept for a check-in not yet held": "MARKER-UNBROUGHT-TRIGGER-2c9d",
    "sealed check-in answer": "MARKER-SEALED-ANSWER-91be",
    "draft check-in answer": "MARKER-DRAFT-ANSWER-44d0",
    "missed week's lone answer": "MARKER-LONE-ANSWER-5e21",
    "readiness private note": "MARKER-READINESS-NOTE-b7c2",
    "reflection noticed text": "MARKER-REFLECTION-0aa9",
    "journal entry": "MARKER-JOURNAL-d15e",
    "self-care plan": "MARKER-SELFCARE-6f70",
    "pause reason": "MARKER-PAUSE-REASON-8b3c",
}
# Ratings no shared week has, so a leak would show as a number that cannot come from
# anywhere else (the shared weeks use 5 to 8).
SEALED = {"safety": 0, "trust": 1, "connection": 2, "hope": 3}
DRAFT = {"safety": 10, "trust": 10, "connection": 9, "hope": 9}
THERAPIST_ROUTES = {"dashboard", "setup", "couple_detail", "add_note", "set_ceiling",
                    "suggest_exercise", "set_label"}  # fmt: skip


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def shared(frozen, dr_lee, hurt, involved, couple):
    link(couple, dr_lee, hurt, involved)
    this_week = weeks.week_start_for(NOW, couple.zone)
    for back, (hurt_safety, involved_safety) in [(2, (5, 6)), (1, (6, 7))]:
        kept_week(
            couple,
            this_week - weeks.WEEK * back,
            {hurt: (hurt_safety, 5, 6, 7), involved: (involved_safety, 6, 7, 8)},
        )
    trigger(couple, hurt, NOW - timedelta(days=3), 6)
    trigger(couple, hurt, NOW - timedelta(days=20), 5)
    return couple


def write_private_things(couple, hurt, involved):
    """Everything here must leave the therapist's pages exactly as they were."""
    hurt_member, involved_member = membership_of(hurt), membership_of(involved)
    Trigger.record(
        hurt_member,
        NOW,
        occurred_at=NOW - timedelta(hours=2),
        category="memory",
        intensity=10,
        what_happened=MARKERS["private trigger"],
        body_response=MARKERS["private trigger"],
        what_helped=MARKERS["private trigger"],
        sharing=Sharing.PRIVATE,
    )
    Trigger.record(
        involved_member,
        NOW,
        occurred_at=NOW - timedelta(hours=1),
        category="conflict",
        intensity=10,
        what_happened=MARKERS["trigger kept for a check-in not yet held"],
        sharing=Sharing.AT_CHECKIN,
    )
    texts = {"win_text": MARKERS["sealed check-in answer"]}
    CheckIn.objects.current_for(couple).submit(
        hurt, {**SEALED, **texts, "need_text": MARKERS["sealed check-in answer"]}
    )
    CheckIn.objects.current_for(couple).save_draft(
        involved, {**DRAFT, "triggers_text": MARKERS["draft check-in answer"]}
    )
    lone_week = weeks.week_start_for(NOW, couple.zone) - weeks.WEEK * 4
    lone = CheckIn.objects.create(couple=couple, week_start=lone_week)
    lone.answers.create(
        author=involved, **SEALED, win_text=MARKERS["missed week's lone answer"], submitted_at=NOW
    )
    JournalEntry.objects.create(author=hurt, text=MARKERS["journal entry"])
    SelfCarePlan.objects.create(user=involved, rest=MARKERS["self-care plan"])
    Pause.start(involved_member, NOW + timedelta(minutes=20), reason=MARKERS["pause reason"])
    SafetyCheck.objects.create(user=hurt, afraid="yes", share_with_therapist=False)


def write_private_words_beside_visible_numbers(couple, hurt, involved):
    """Numbers the therapist may see, with words they must never see."""
    readiness(couple, hurt, NOW - timedelta(days=1), 6, note=MARKERS["readiness private note"])
    session = ExerciseSession.objects.create(
        couple=couple, exercise=Exercise.objects.filter(tier=0).first(), started_by=hurt
    )
    session.reflect(involved, safety=4, noticed=MARKERS["reflection noticed text"])


def therapist_routes() -> set[str]:
    (app,) = [
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and entry.namespace == "therapists"
    ]
    return {entry.name for entry in app.url_patterns}


def every_therapist_response(client, couple):
    """Every page and fragment a therapist can fetch, including forms sent back with
    errors (they re-render the couple page) and the partner pages (refused)."""
    couple_url = reverse("therapists:couple_detail", args=[couple.pk])
    dashboard = reverse("therapists:dashboard")
    fetched = {
        "dashboard": client.get(dashboard),
        "dashboard by name": client.get(dashboard, {"sort": "name"}),
        "dashboard by check-in": client.get(dashboard, {"sort": "checkin"}),
        "dashboard fragment": client.get(dashboard, {"sort": "flags"}, headers={"HX-Request": "1"}),
        "setup": client.get(reverse("therapists:setup")),
        "couple_detail": client.get(couple_url),
        "couple_detail, older notes": client.get(couple_url, {"page": "2"}),
        "add_note with errors": client.post(
            reverse("therapists:add_note", args=[couple.pk]), {"text": ""}
        ),
        "set_ceiling with errors": client.post(
            reverse("therapists:set_ceiling", args=[couple.pk]), {"ceiling": "9"}
        ),
        "suggest_exercise with errors": client.post(
            reverse("therapists:suggest_exercise", args=[couple.pk]), {"exercise": ""}
        ),
        "set_label with errors": client.post(
            reverse("therapists:set_label", args=[couple.pk]), {"label": "x" * 61}
        ),
    }
    for name in therapist_routes() - THERAPIST_ROUTES:  # the partners' pages: refused
        # POST-only ones refuse; those showing form errors on a page send a visit there.
        fetched[name] = client.get(reverse(f"therapists:{name}"), follow=True)
        refused = {HTTPStatus.NOT_FOUND, HTTPStatus.METHOD_NOT_ALLOWED}
        assert fetched[name].status_code in refused, name
    return fetched


def comparable(html: str) -> str:
    """The page without what changes on every request (CSRF tokens, CSP nonces)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", html)
    return re.sub(r'nonce="[^"]*"', "", html)


def test_every_couple_route_is_among_the_therapist_routes_fetched():
    (app,) = [
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and entry.namespace == "therapists"
    ]
    couple_routes = {e.name for e in app.url_patterns if "<id:couple_id>" in str(e.pattern)}
    assert couple_routes == THERAPIST_ROUTES - {"dashboard", "setup"}


def test_private_things_never_reach_the_therapist_nor_change_their_pages(
    shared, dr_lee, hurt, involved
):
    client = client_for(dr_lee)
    client.get(reverse("therapists:setup"))
    before = every_therapist_response(client, shared)

    write_private_things(shared, hurt, involved)
    after = every_therapist_response(client, shared)

    for name, response in after.items():
        assert response.status_code == before[name].status_code, name
        html = response.content.decode()
        for where, marker in MARKERS.items():
            assert marker not in html, f"{where} leaked into {name}"
        assert comparable(html) == comparable(before[name].content.decode()), name
    assert "Safety check answers shared with you" not in after["couple_detail"].text
    assert "Latest check-in ratings" in after["dashboard"].text  # the ratings are shown
    assert 'aria-label="Safety, Sam, kept weeks of the last 12: 5, 6"' in after["dashboard"].text


def test_private_words_stay_private_beside_the_numbers_the_therapist_sees(
    shared, dr_lee, hurt, involved
):
    write_private_things(shared, hurt, involved)
    write_private_words_beside_visible_numbers(shared, hurt, involved)

    fetched = every_therapist_response(client_for(dr_lee), shared)

    for name, response in fetched.items():
        html = response.content.decode()
        for where, marker in MARKERS.items():
            assert marker not in html, f"{where} leaked into {name}"
    page = fetched["couple_detail"].text
    assert "<td>Sam</td><td>6</td><td>6</td>" in page  # the readiness numbers
    assert "<td>–</td><td>4</td>" in page  # the reflection's safety rating
