"""A ritual built on an exercise is open only while the gate opens that exercise's tier."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone as tz

from pacing.models import gate_for
from rituals.models import Mark, Ritual, RitualError

from ..conftest import client_for
from ..pacing.builders import exercise, report
from .builders import agreed, open_tier_three, set_ceiling

pytestmark = pytest.mark.django_db

KIND_WORDS = "It will be here again when the time is right."


@pytest.fixture
def deeper(couple):
    return exercise(3, slug="the-story-of-us-test", title="The story of us, again")


def test_the_involved_partner_cannot_suggest_one_above_the_open_tier(hurt, involved, alex, deeper):
    data = {
        "exercise": str(deeper.pk),
        "rhythm": "weekly",
        "days": ["5"],
        "timezone": "UTC",
        "starts_on": tz.now().date().isoformat(),
    }
    response = client_for(involved).post(reverse("rituals:new"), data)
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert KIND_WORDS in response.content.decode()
    assert "Nothing was changed." in response.content.decode()
    assert not Ritual.objects.exists()
    # Not even offered.
    page = client_for(involved).get(reverse("rituals:new")).content.decode()
    assert deeper.title not in page


def test_a_tier_three_ritual_pauses_when_the_tier_drops_and_resumes_when_it_reopens(
    hurt, involved, sam, alex, couple, deeper
):
    open_tier_three(hurt, involved)
    assert gate_for(couple).tier == 3
    ritual = agreed(involved, hurt, exercise=deeper, starts_on=tz.now().date() - timedelta(days=21))
    day = ritual.schedule.recent(tz.now(), 1)[0]
    assert ritual.is_going(gate_for(couple))

    set_ceiling(couple, 2)  # the therapist slows things down: tier 3 closes
    assert not ritual.is_going(gate_for(couple))
    page = client_for(hurt).get(ritual.path)
    text = page.content.decode()
    assert "This ritual is paused for now." in text and KIND_WORDS in text
    assert "Your therapist has suggested staying with these tiers for now." in text
    marked = client_for(hurt).post(
        reverse("rituals:mark", args=[ritual.pk]),
        {"occurrence": day.isoformat(), "outcome": "did"},
    )
    assert marked.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not Mark.objects.exists()

    set_ceiling(couple, None)  # open again: the ritual carries on by itself
    assert ritual.is_going(gate_for(couple))
    page = client_for(hurt).get(ritual.path).content.decode()
    assert "This ritual is paused for now." not in page
    ritual.mark(sam, gate_for(couple), day, "did")


def test_a_low_readiness_report_pauses_it_at_once(hurt, involved, sam, couple, deeper):
    open_tier_three(hurt, involved)
    ritual = agreed(hurt, involved, exercise=deeper)
    report(hurt, closeness=4, body=6, at=tz.now() + timedelta(seconds=1))
    result = gate_for(couple, tz.now() + timedelta(seconds=2))
    assert result.tier < 3
    with pytest.raises(RitualError):
        ritual.mark(sam, result, tz.now().date(), "did", now=tz.now() + timedelta(days=8))


def test_the_couples_own_rituals_are_never_gated(hurt, involved, couple):
    ritual = agreed(hurt, involved, title="Coffee on Saturday")
    set_ceiling(couple, 0)
    assert ritual.is_going(gate_for(couple))
