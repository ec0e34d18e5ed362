"""Every kind of notice x every kind of person: a notice exists only for the person its
item is visible to, and nothing anyone wrote reaches a notice, the inbox, the count or
an email."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from notices.models import Kind, Notice
from notices.services import deliver_owed_emails

from ..conftest import client_for
from .scenarios import MARK, SCENARIOS

COLUMNS = ("hurt partner", "involved partner", "therapist with consent", "other couple")


def people(world) -> dict:
    return dict(
        zip(COLUMNS, (world.hurt, world.involved, world.therapist, world.outsider), strict=True)
    )


def expected(world, actor, told) -> set:
    partners = {world.hurt, world.involved}
    if told == "partner":
        return partners - {actor}
    if told in ("both", "couple"):
        return partners
    return set()


def test_every_kind_has_a_scenario():
    assert {kind for kind, _act, _told in SCENARIOS.values()} == set(Kind)


@pytest.mark.parametrize("column", COLUMNS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_notice_exists_only_for_whom_its_item_is_visible(
    world, scenario, column, django_capture_on_commit_callbacks
):
    kind, act, told = SCENARIOS[scenario]
    with django_capture_on_commit_callbacks(execute=True):
        actor = act(world)

    person = people(world)[column]
    notices = Notice.objects.visible_to(person).filter(kind=kind)
    assert notices.exists() == (person in expected(world, actor, told))
    for notice in Notice.objects.all():
        assert MARK not in f"{notice.kind} {notice.path} {notice}"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_written_word_in_the_inbox_the_count_or_an_email(
    world, scenario, django_capture_on_commit_callbacks
):
    kind, act, told = SCENARIOS[scenario]
    with django_capture_on_commit_callbacks(execute=True):
        act(world)
    deliver_owed_emails()

    for person in people(world).values():
        client = client_for(person)
        inbox = client.get(reverse("notices:inbox"))
        count = client.get(reverse("notices:count"), headers={"HX-Request": "true"})
        assert inbox.status_code == count.status_code == HTTPStatus.OK
        assert MARK not in inbox.content.decode()
        assert MARK not in count.content.decode()
        if person in {n.recipient for n in Notice.objects.filter(kind=kind)}:
            assert str(kind.label) in inbox.content.decode().replace("&#x27;", "'")
    for message in mail.outbox:
        for part in (message.subject, message.body, *(c for c, _ in message.alternatives)):
            assert MARK not in part


def test_a_pause_whose_time_is_up_ends_and_both_partners_are_told(
    world, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from together.models import Pause
    from together.tasks import close_finished_pauses

    from .scenarios import member, written

    pause = Pause.start(member(world.hurt), timezone.now() + timedelta(minutes=20), written("r"))
    assert close_finished_pauses() == 0
    with time_machine.travel(pause.ends_at + timedelta(minutes=1)):
        assert close_finished_pauses() == 1
        assert close_finished_pauses() == 0  # a second beat changes nothing

    pause.refresh_from_db()
    assert pause.ended_at == pause.ends_at
    told = set(Notice.objects.filter(kind=Kind.PAUSE_ENDED).values_list("recipient", flat=True))
    assert told == {world.hurt.pk, world.involved.pk}
