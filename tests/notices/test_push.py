"""Notifications on people's devices: sent over real HTTP to a push service standing in
on the loopback, signed (VAPID) and encrypted (aes128gcm) for the browser's keys, and
holding nothing anyone wrote; a device that is gone is removed; at most once."""

import logging
import time
from http import HTTPStatus

import pytest
from django.urls import reverse

from accounts.management.commands.generate_vapid_keys import generate
from accounts.models import PUSH_CLAIM, PushDevice, PushKind, PushOptOut, SentEmail
from notices.models import PUSH_KINDS, Kind, Notice
from notices.services import deliver_push, notify
from notices.tasks import deliver_notice_push

from ..conftest import client_for
from .push_service import Browser, PushService, vapid_claims
from .scenarios import MARK

TRIGGER = {
    "category": "contact",
    "intensity": "8",
    "occurred_at": "2026-02-02T22:15",
    "what_happened": f"{MARK}-what_happened",
    "body_response": f"{MARK}-body_response",
    "what_helped": f"{MARK}-what_helped",
    "sharing": "share_now",
}
SUBJECT = "mailto:operator@example.test"


@pytest.fixture
def vapid(settings):
    public, private = generate()
    settings.VAPID_PUBLIC_KEY = public
    settings.VAPID_PRIVATE_KEY = private
    settings.VAPID_SUBJECT = SUBJECT
    return public


@pytest.fixture
def push_service():
    service = PushService().start()
    yield service
    service.stop()


@pytest.fixture
def browser():
    return Browser()


def share_a_hard_moment(hurt, capture):
    with capture(execute=True):
        response = client_for(hurt).post(reverse("triggers:new"), TRIGGER)
    assert response.status_code == HTTPStatus.FOUND
    return Notice.objects.get(kind=Kind.TRIGGER_WAITING)


def test_the_partners_device_gets_a_signed_encrypted_notification_with_nothing_written(
    couple, hurt, involved, vapid, push_service, browser, django_capture_on_commit_callbacks
):
    device = browser.device_for(involved, push_service)

    before = int(time.time())
    share_a_hard_moment(hurt, django_capture_on_commit_callbacks)

    [message] = push_service.received
    assert message.path == device.endpoint.removeprefix(push_service.origin)
    claims = vapid_claims(message, vapid)
    assert claims["aud"] == push_service.origin
    assert claims["sub"] == SUBJECT
    assert before < claims["exp"] <= before + 24 * 3600
    assert int(message.headers["ttl"]) > 0
    shown = browser.read(message)
    assert shown == {"title": "You have something new", "body": "", "icon": shown["icon"]}
    readable = str(shown).lower()
    for revealing in (MARK, Kind.TRIGGER_WAITING.value, str(Kind.TRIGGER_WAITING.label), "sam"):
        assert revealing.lower() not in readable, revealing
    assert MARK.encode() not in message.body


def test_only_a_person_who_chose_it_sees_the_kinds_neutral_label(
    couple, hurt, involved, vapid, push_service, browser, django_capture_on_commit_callbacks
):
    involved.push_shows_kind = True
    involved.save(update_fields=["push_shows_kind"])
    browser.device_for(involved, push_service)

    share_a_hard_moment(hurt, django_capture_on_commit_callbacks)

    [message] = push_service.received
    shown = browser.read(message)
    assert shown["title"] == "You have something new"
    assert shown["body"] == str(Kind.TRIGGER_WAITING.label)
    assert MARK not in str(shown)


def test_with_the_discreet_setting_the_notification_is_called_notes(
    couple, hurt, involved, vapid, push_service, browser, django_capture_on_commit_callbacks
):
    involved.discreet_title = True
    involved.save(update_fields=["discreet_title"])
    browser.device_for(involved, push_service)

    share_a_hard_moment(hurt, django_capture_on_commit_callbacks)

    shown = browser.read(push_service.received[0])
    assert shown["title"] == "Notes"
    assert shown["body"] == ""
    assert "notes" in shown["icon"]


def test_each_of_the_persons_devices_is_told_and_nobody_elses(
    couple, hurt, involved, outsider, vapid, push_service, django_capture_on_commit_callbacks
):
    phone, laptop, authors = Browser(), Browser(), Browser()
    phone.device_for(involved, push_service)
    laptop.device_for(involved, push_service, name="Chrome on Windows")
    authors.device_for(hurt, push_service)
    Browser().device_for(outsider, push_service)

    share_a_hard_moment(hurt, django_capture_on_commit_callbacks)

    assert len(push_service.received) == 2
    # Each message opens only with its own browser's keys.
    phone_message, laptop_message = push_service.received
    devices = {d.endpoint.removeprefix(push_service.origin): d for d in involved.push_devices.all()}
    assert {phone_message.path, laptop_message.path} == set(devices)
    for message in push_service.received:
        reader = phone if devices[message.path].name == "Firefox on Android" else laptop
        assert reader.read(message)["title"] == "You have something new"


@pytest.mark.parametrize("status", [HTTPStatus.GONE, HTTPStatus.NOT_FOUND])
def test_a_device_its_push_service_no_longer_knows_is_removed(
    couple, hurt, involved, vapid, push_service, browser, status, django_capture_on_commit_callbacks
):
    device = browser.device_for(involved, push_service)
    push_service.status = status

    share_a_hard_moment(hurt, django_capture_on_commit_callbacks)

    assert len(push_service.received) == 1
    assert not PushDevice.objects.filter(pk=device.pk).exists()


def test_running_the_task_again_sends_nothing(
    couple, hurt, involved, vapid, push_service, browser, django_capture_on_commit_callbacks
):
    browser.device_for(involved, push_service)
    notice = share_a_hard_moment(hurt, django_capture_on_commit_callbacks)
    assert len(push_service.received) == 1

    assert deliver_notice_push.delay(notice.pk).get() == 0
    assert deliver_notice_push(notice.pk) == 0

    assert len(push_service.received) == 1
    claim = SentEmail.objects.get(user=involved, kind=PUSH_CLAIM)
    assert claim.status == SentEmail.Status.SENT


def test_one_notification_per_device_and_kind_in_an_hour(
    couple, hurt, involved, vapid, push_service, browser, django_capture_on_commit_callbacks
):
    """A burst of the same kind (three reassurances) buzzes the phone once."""
    browser.device_for(involved, push_service)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            notify(Kind.REASSURANCE_ARRIVED, [involved.pk], "/triggers/1/")
        notify(Kind.PAUSE_ASKED, [involved.pk], "/together/pause/")

    assert len(push_service.received) == 2


def test_a_failing_push_service_never_blocks_the_act_and_a_retry_can_send(
    couple, hurt, involved, vapid, push_service, browser, django_capture_on_commit_callbacks, caplog
):
    device = browser.device_for(involved, push_service)
    push_service.status = HTTPStatus.INTERNAL_SERVER_ERROR

    with caplog.at_level(logging.WARNING):
        notice = share_a_hard_moment(hurt, django_capture_on_commit_callbacks)

    assert PushDevice.objects.filter(pk=device.pk).exists()
    assert "failed" in caplog.text
    assert device.endpoint not in caplog.text
    assert SentEmail.objects.get(user=involved, kind=PUSH_CLAIM).status == "failed"

    push_service.status = HTTPStatus.CREATED
    assert deliver_push(notice.pk).sent == 1
    assert deliver_push(notice.pk).sent == 0
    assert len(push_service.received) == 2


def test_a_push_service_that_cannot_be_reached_never_blocks_the_act(
    couple, hurt, involved, vapid, push_service, browser, django_capture_on_commit_callbacks
):
    browser.device_for(involved, push_service)
    push_service.stop()

    notice = share_a_hard_moment(hurt, django_capture_on_commit_callbacks)

    assert notice.recipient_id == involved.pk
    assert involved.push_devices.count() == 1
    push_service.start()  # so that the fixture can stop it


def test_a_kind_turned_off_is_not_sent(
    couple, hurt, involved, vapid, push_service, browser, django_capture_on_commit_callbacks
):
    browser.device_for(involved, push_service)
    PushOptOut.objects.create(user=involved, kind=PushKind.HARD_MOMENTS)

    share_a_hard_moment(hurt, django_capture_on_commit_callbacks)

    assert push_service.received == []


def test_a_notice_already_read_is_not_sent(couple, hurt, involved, vapid, push_service, browser):
    browser.device_for(involved, push_service)
    [notice] = notify(Kind.PAUSE_ASKED, [involved.pk], "/together/pause/")
    Notice.objects.filter(pk=notice.pk).mark_read()

    assert deliver_push(notice.pk).sent == 0
    assert push_service.received == []


def test_without_vapid_keys_nothing_is_queued_or_sent(
    couple, hurt, involved, push_service, browser, django_capture_on_commit_callbacks
):
    browser.device_for(involved, push_service)

    share_a_hard_moment(hurt, django_capture_on_commit_callbacks)

    assert push_service.received == []
    assert not SentEmail.objects.filter(kind=PUSH_CLAIM).exists()


def test_every_kind_of_notice_has_a_notification_switch():
    assert set(PUSH_KINDS) == set(Kind)
    therapist_kinds = {kind for kind, about in PUSH_KINDS.items() if about == PushKind.COUPLES}
    assert therapist_kinds == {
        Kind.LETTER_READ_ASKED,
        Kind.AGENDA_ITEM_ADDED,
        Kind.COUPLE_LINKED,
        Kind.COUPLE_SHARING,
        Kind.FLAG_RAISED,
    }
