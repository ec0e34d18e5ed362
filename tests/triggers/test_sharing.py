"""Sharing choices: share now, at the check-in, private; never un-shared once seen."""

from datetime import UTC, datetime, timedelta
from http import HTTPStatus

import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from tests.conftest import client_for
from triggers.models import Sharing, Trigger

from .builders import log

NOW = datetime(2026, 5, 4, 20, 0, tzinfo=UTC)


def edit(client, trigger, sharing):
    return client.post(
        reverse("triggers:edit", args=[trigger.pk]),
        {
            "category": trigger.category,
            "intensity": str(trigger.intensity),
            "sharing": sharing,
            "occurred_at": timezone.localtime(trigger.occurred_at, UTC).strftime("%Y-%m-%dT%H:%M"),
        },
    )


def visible_to_partner(trigger, partner) -> bool:
    membership = Membership.objects.get(user=partner)
    return Trigger.objects.visible_to(membership).filter(pk=trigger.pk).exists()


@time_machine.travel(NOW, tick=False)
def test_share_now_is_visible_to_the_partner_at_once(couple, hurt, involved):
    trigger = log(hurt, sharing=Sharing.SHARE_NOW)

    assert trigger.shared_at == NOW
    assert visible_to_partner(trigger, involved)
    response = client_for(involved).get(reverse("triggers:detail", args=[trigger.pk]))
    assert response.status_code == HTTPStatus.OK


def test_private_and_check_in_entries_wait(couple, hurt, involved):
    for sharing in (Sharing.PRIVATE, Sharing.AT_CHECKIN):
        trigger = log(hurt, sharing=sharing)
        assert trigger.shared_at is None
        assert not visible_to_partner(trigger, involved)


def test_the_author_can_share_a_private_entry_later(couple, hurt, involved):
    trigger = log(hurt, sharing=Sharing.PRIVATE, now=NOW - timedelta(hours=1))

    with time_machine.travel(NOW, tick=False):
        response = edit(client_for(hurt), trigger, Sharing.SHARE_NOW)

    assert response.status_code == HTTPStatus.FOUND
    trigger.refresh_from_db()
    assert trigger.shared_at == NOW
    assert visible_to_partner(trigger, involved)


def test_what_the_partner_has_seen_is_never_unshared(couple, hurt, involved):
    trigger = log(hurt, sharing=Sharing.SHARE_NOW)
    shared_at = trigger.shared_at

    response = edit(client_for(hurt), trigger, Sharing.PRIVATE)

    assert response.status_code == HTTPStatus.FOUND
    trigger.refresh_from_db()
    assert trigger.sharing == Sharing.PRIVATE
    assert trigger.shared_at == shared_at
    assert visible_to_partner(trigger, involved)
    page = client_for(hurt).get(reverse("triggers:edit", args=[trigger.pk]))
    assert "already seen this entry" in page.content.decode()


def test_an_edit_started_before_the_check_in_reveal_does_not_undo_it(couple, hurt, involved):
    trigger = log(hurt, sharing=Sharing.AT_CHECKIN)
    stale = Trigger.objects.get(pk=trigger.pk)  # the author's form was loaded here
    day = trigger.occurred_at.date()
    Trigger.objects.for_checkin_week(couple, day, day).mark_shared(NOW)

    stale.revise({"sharing": Sharing.PRIVATE, "intensity": 2}, NOW + timedelta(minutes=5))

    trigger.refresh_from_db()
    assert trigger.shared_at == NOW
    assert trigger.intensity == 2
    assert visible_to_partner(trigger, involved)


def test_sharing_again_keeps_the_first_share_time(couple, hurt):
    trigger = log(hurt, sharing=Sharing.SHARE_NOW, now=NOW)

    newly = trigger.revise({"sharing": Sharing.SHARE_NOW}, NOW + timedelta(days=1))

    assert newly is False
    trigger.refresh_from_db()
    assert trigger.shared_at == NOW
