"""A therapist plans an intensive; both partners are told and see the timeline; each
step opens at its time; a conversation guide runs turn by turn on two devices and is
marked done."""

from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse

from intensives.models import Intensive, Step
from notices.models import Kind, Notice
from therapists.models import AuditAction, AuditEntry

from ..conftest import client_for
from .builders import at, guide, planned

pytestmark = pytest.mark.django_db


def test_the_therapist_plans_and_both_partners_are_told(couple, hurt, involved, lee):
    therapist = client_for(lee)
    day = planned(couple, lee).starts_on  # any day ahead
    Intensive.objects.all().delete()
    Notice.objects.all().delete()
    response = therapist.post(
        reverse("intensives:plan", args=[couple.pk]),
        {"starts_on": day.isoformat(), "ends_on": (day + timedelta(days=1)).isoformat()},
    )
    intensive = Intensive.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert (intensive.days, intensive.therapist) == (2, lee)
    told = Notice.objects.filter(kind=Kind.INTENSIVE_PLANNED)
    assert set(told.values_list("recipient", flat=True)) == {hurt.pk, involved.pk}
    assert {n.path for n in told} == {intensive.path}

    opens = at(intensive, 1, 10).strftime("%Y-%m-%dT%H:%M")
    closes = at(intensive, 1, 12).strftime("%Y-%m-%dT%H:%M")
    added = therapist.post(
        reverse("intensives:add_step", args=[couple.pk, intensive.pk]),
        {
            "kind": "guide",
            "title": "What would help",
            "prompt": "One small thing.",
            "turn_minutes": "4",
            "rounds": "2",
            "opens_at": opens,
            "closes_at": closes,
        },
    )
    assert added.status_code == HTTPStatus.FOUND
    step = Step.objects.get()
    assert step.opens_at == at(intensive, 1, 10)  # read in the couple's time zone
    assert step.written_by == lee
    page = therapist.get(reverse("intensives:therapist_intensive", args=[couple.pk, intensive.pk]))
    assert "What would help" in page.text
    first_morning = at(intensive, 0, 10).strftime("%Y-%m-%dT%H:%M")
    assert f'value="{first_morning}"' in page.text  # a window to start from
    actions = list(AuditEntry.objects.filter(therapist=lee).values_list("action", flat=True))
    assert actions == [
        AuditAction.PLAN_INTENSIVE,
        AuditAction.PLAN_INTENSIVE,
        AuditAction.VIEW_INTENSIVES,
    ]

    for person in (hurt, involved):
        client = client_for(person)
        for url in (reverse("home"), reverse("together:today")):
            assert "An intensive with your therapist" in client.get(url).text
        timeline = client.get(intensive.path)
        assert timeline.status_code == HTTPStatus.OK
        assert "What would help" in timeline.text and "Opens at its time" in timeline.text
        assert not Notice.objects.visible_to(person).unread().exists()  # opened: read


def test_a_step_opens_at_its_time(couple, hurt, lee):
    intensive = planned(couple, lee)
    step = guide(intensive)
    sam = client_for(hurt)
    early = sam.post(reverse("intensives:start", args=[step.pk]))
    assert early.status_code == HTTPStatus.FORBIDDEN and "This step opens on" in early.text
    # The session times out when idle: a new sign-in after each move of the clock.
    with time_machine.travel(step.opens_at + timedelta(minutes=1)):
        sam = client_for(hurt)
        assert "Open now" in sam.get(intensive.path).text
        assert sam.post(reverse("intensives:start", args=[step.pk])).status_code == 302
    with time_machine.travel(step.closes_at):
        sam = client_for(hurt)
        late = sam.post(reverse("intensives:next_turn", args=[step.pk]), {"turn": "0"})
        assert late.status_code == HTTPStatus.FORBIDDEN and "time has passed" in late.text
        tapped = sam.post(
            reverse("intensives:next_turn", args=[step.pk]), {"turn": "0"}, HTTP_HX_REQUEST="true"
        )
        assert tapped.headers["HX-Redirect"] == step.path  # the step, as it is now
        # Marking it done is still welcome once its time has passed.
        assert sam.post(reverse("intensives:complete", args=[step.pk])).status_code == 302
    step.refresh_from_db()
    assert step.completed_by == hurt


def test_turns_on_two_devices(couple, hurt, involved, lee):
    intensive = planned(couple, lee)
    step = guide(intensive, rounds=1, turn_minutes=4)
    htmx = {"HX-Request": "true", "X-Background-Refresh": "1"}
    with time_machine.travel(step.opens_at + timedelta(minutes=5)):
        sam, alex = client_for(hurt), client_for(involved)
        sam.post(reverse("intensives:start", args=[step.pk]))
        step.refresh_from_db()
        first = alex.get(step.path).text
        assert "Speaking: Sam" in first and "Listening: You" in first
        assert "Speaking: You" in sam.get(step.path).text
        shown = step.turn_state

        # Sam taps "Next turn"; Alex's device, polling, sees the change.
        tapped = sam.post(
            reverse("intensives:next_turn", args=[step.pk]), {"turn": "0"}, headers=htmx
        )
        assert tapped.status_code == HTTPStatus.OK and "<html" not in tapped.text
        assert "Reflecting: Alex" in tapped.text
        poll = alex.get(step.path, {"seen": shown}, headers=htmx)
        assert poll.status_code == HTTPStatus.OK and "<html" not in poll.text
        assert "Reflecting: You" in poll.text and "Listening: Sam" in poll.text
        step.refresh_from_db()
        unchanged = alex.get(step.path, {"seen": step.turn_state}, headers=htmx)
        assert unchanged.status_code == HTTPStatus.NO_CONTENT

        # Both tap at once on the turn they see: the conversation moves one turn.
        for client in (sam, alex):
            client.post(reverse("intensives:next_turn", args=[step.pk]), {"turn": "1"})
        step.refresh_from_db()
        assert step.turn == 2
        while step.current_turn() is not None:
            alex.post(reverse("intensives:next_turn", args=[step.pk]), {"turn": step.turn})
            step.refresh_from_db()
        assert "That was the last turn." in sam.get(step.path).text
        done = alex.post(reverse("intensives:complete", args=[step.pk]))
        assert done.status_code == HTTPStatus.FOUND
        step.refresh_from_db()
        assert step.completed_by == involved and step.completed_at is not None
        assert "Done" in sam.get(intensive.path).text


def test_the_steps_elsewhere_lead_to_their_own_page(couple, hurt, lee):
    from intensives.models import Kind

    intensive = planned(couple, lee)
    expected = {
        Kind.REPAIR: reverse("repair:list"),
        Kind.CHECKIN: reverse("checkins:this_week"),
        Kind.LETTER: reverse("acknowledgement:index"),
    }
    with time_machine.travel(at(intensive, 0, 11)):
        for kind, url in expected.items():
            step = Step.objects.create(
                intensive=intensive,
                kind=kind,
                opens_at=at(intensive, 0, 10),
                closes_at=at(intensive, 0, 12),
            )
            response = client_for(hurt).post(reverse("intensives:start", args=[step.pk]))
            assert response.status_code == HTTPStatus.FOUND and response.url == url
