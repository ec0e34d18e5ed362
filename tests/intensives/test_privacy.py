"""Who sees an intensive (one rule: `visible_to`), and the marker test: nothing of a
turn-taking conversation's content is stored, whatever a device posts."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core import serializers
from django.urls import reverse

from intensives.models import Intensive, Step
from notices.models import Notice
from therapists.models import AuditEntry, Consent, TherapistLink

from ..conftest import client_for
from ..factories import make_user
from .builders import guide, planned

pytestmark = pytest.mark.django_db

SAID = "marker-said-in-the-conversation-4e7b"


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("hurt", True),
        ("involved", True),
        ("lee", True),  # the couple's therapist, both partners consenting
        ("lee after a withdrawal", False),
        ("ng", False),  # a therapist of another couple
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_who_sees_an_intensive_and_its_steps(couple, hurt, involved, lee, ng, outsider, who, sees):
    step = guide(planned(couple, lee))
    people = {"hurt": hurt, "involved": involved, "lee": lee, "ng": ng, "outsider": outsider}
    if who == "lee after a withdrawal":
        Consent.withdraw(TherapistLink.objects.get(couple=couple), involved)
    person = people.get(who.split()[0], AnonymousUser())
    assert Intensive.objects.visible_to(person).exists() == sees
    assert Step.objects.visible_to(person).filter(pk=step.pk).exists() == sees


def test_a_partner_who_left_no_longer_sees_it(couple, hurt, involved, lee):
    planned(couple, lee)
    hurt.memberships.update(left_at=hurt.date_joined)
    assert not Intensive.objects.visible_to(hurt).exists()
    assert Intensive.objects.visible_to(involved).exists()


def test_an_intensive_of_another_couple_is_a_404(couple, hurt, lee, outsider):
    robin_couple = outsider.memberships.get().couple
    theirs = guide(planned(robin_couple, make_user("dr.x@example.test", "X", is_therapist=True)))
    sam = client_for(hurt)
    for url in (theirs.intensive.path, theirs.path):
        assert sam.get(url).status_code == 404
    ours = guide(planned(couple, lee))
    robin = client_for(outsider)
    for url in (ours.intensive.path, ours.path):
        assert robin.get(url).status_code == 404
    assert robin.post(reverse("intensives:complete", args=[ours.pk])).status_code == 404


def test_the_conversation_model_has_no_field_for_what_is_said():
    fields = {field.name for field in Step._meta.get_fields()}
    assert fields == {
        "id",
        "intensive",
        "kind",
        "written_by",
        "exercise",
        "title",  # the therapist's guide
        "prompt",
        "turn_minutes",
        "rounds",
        "opens_at",
        "closes_at",
        "turn",  # where the conversation is, never what was said
        "turn_started_at",
        "completed_at",
        "completed_by",
    }


def test_nothing_posted_in_a_conversation_is_stored(couple, hurt, involved, lee):
    step = guide(planned(couple, lee), rounds=1)
    with time_machine.travel(step.opens_at + timedelta(minutes=1)):
        sam, alex = client_for(hurt), client_for(involved)
        said = {"text": SAID, "note": SAID, "transcript": SAID, "prompt": SAID, "title": SAID}
        sam.post(reverse("intensives:start", args=[step.pk]), said)
        for turn in range(len(step.turns())):
            client = sam if turn % 2 else alex
            client.post(reverse("intensives:next_turn", args=[step.pk]), {"turn": turn} | said)
        alex.post(reverse("intensives:complete", args=[step.pk]), said)
    step.refresh_from_db()
    assert step.completed_by == involved and step.current_turn() is None
    stored = serializers.serialize(
        "json",
        [
            *Intensive.objects.all(),
            *Step.objects.all(),
            *Notice.objects.all(),
            *AuditEntry.objects.all(),
        ],
    )
    assert SAID not in stored
    assert step.prompt != SAID and step.title != SAID
