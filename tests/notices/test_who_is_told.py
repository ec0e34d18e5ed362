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
    if told in ("hurt", "involved", "therapist"):  # one person, whoever acted
        return {getattr(world, told)}
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


def test_when_a_pause_is_up_both_partners_are_told_once(world, django_capture_on_commit_callbacks):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from together.models import Pause
    from together.tasks import tell_pauses_time_up

    from .scenarios import member, written

    pause = Pause.start(member(world.hurt), timezone.now() + timedelta(minutes=20), written("r"))
    assert tell_pauses_time_up() == 0
    with time_machine.travel(pause.ends_at + timedelta(minutes=1)):
        assert tell_pauses_time_up() == 1
        assert tell_pauses_time_up() == 0  # a second beat tells nobody twice
        pause.refresh_from_db()
        pause.end(member(world.involved))  # "We're back" after that: no second notice

    told = list(Notice.objects.filter(kind=Kind.PAUSE_ENDED).values_list("recipient", flat=True))
    assert sorted(told) == sorted([world.hurt.pk, world.involved.pk])
