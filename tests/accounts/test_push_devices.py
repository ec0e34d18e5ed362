"""Notifications on this device: turning them on from Settings, the person's devices and
removing one, the switches beside the emails, and the keys' command."""

import base64
import json
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.urls import reverse
from py_vapid import Vapid

from accounts.management.commands.generate_vapid_keys import generate
from accounts.models import PushDevice, PushKind, PushOptOut
from accounts.push import device_name, payload

from ..conftest import client_for, reauthenticated_client
from ..factories import PASSWORD
from ..notices.push_service import Browser

FIREFOX_ANDROID = "Mozilla/5.0 (Android 15; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0"
MOZILLA = "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABn-example"


@pytest.fixture
def vapid(settings):
    settings.VAPID_PUBLIC_KEY, settings.VAPID_PRIVATE_KEY = generate()
    settings.VAPID_SUBJECT = "mailto:operator@example.test"
    return settings.VAPID_PUBLIC_KEY


def turn_on(user, subscription, user_agent=FIREFOX_ANDROID):
    return client_for(user).post(
        reverse("add_device"),
        {"subscription": json.dumps(subscription)},
        headers={"User-Agent": user_agent},
    )


def test_turning_notifications_on_keeps_the_browser_under_a_name_from_its_user_agent(hurt, vapid):
    response = turn_on(hurt, Browser().subscription(MOZILLA))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("profile")
    device = PushDevice.objects.get()
    assert (device.user, device.name, device.endpoint) == (hurt, "Firefox on Android", MOZILLA)


def test_the_same_browser_again_is_one_device_and_belongs_to_whoever_turned_it_on_last(
    hurt, involved, vapid
):
    turn_on(hurt, Browser().subscription(MOZILLA))
    browser = Browser()
    turn_on(involved, browser.subscription(MOZILLA))

    device = PushDevice.objects.get()
    assert device.user == involved
    assert device.p256dh == browser.p256dh


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://updates.push.services.mozilla.com/wpush/v2/x",  # not https
        "https://127.0.0.1:8080/wpush/v2/x",  # the server's own network
        "https://push.services.mozilla.com.evil.example/x",
        "https://example.org/push",
    ],
)
def test_only_a_known_push_service_is_taken(hurt, vapid, endpoint):
    response = turn_on(hurt, Browser().subscription(endpoint))

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "a notification service we can" in response.text
    assert not PushDevice.objects.exists()


@pytest.mark.parametrize(
    "subscription",
    [
        "",
        "not json",
        '{"endpoint": "' + MOZILLA + '"}',
        '{"endpoint": "' + MOZILLA + '", "keys": {"p256dh": "short", "auth": "AAAA"}}',
        '["a list"]',
    ],
)
def test_a_broken_subscription_is_a_form_error_not_a_500(hurt, vapid, subscription):
    response = client_for(hurt).post(reverse("add_device"), {"subscription": subscription})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Notifications could not be turned on" in response.text
    assert not PushDevice.objects.exists()


def test_without_vapid_keys_the_page_says_so_and_nothing_is_kept(hurt):
    page = client_for(hurt).get(reverse("profile"))
    assert "Notifications are not set up on this installation" in page.text
    assert "js/push.js" not in page.text

    response = turn_on(hurt, Browser().subscription(MOZILLA))

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Notifications are not set up on this installation" in response.text
    assert not PushDevice.objects.exists()


def test_the_settings_page_lists_only_ones_own_devices_and_never_their_addresses(
    hurt, involved, vapid
):
    turn_on(hurt, Browser().subscription(MOZILLA))
    turn_on(involved, Browser().subscription(MOZILLA + "-alex"), "Mozilla/5.0 (iPhone) Safari/605")

    page = client_for(hurt).get(reverse("profile"))

    assert page.status_code == HTTPStatus.OK
    assert "Notifications on this device" in page.text
    assert f'data-public-key="{vapid}"' in page.text
    assert "js/push.js" in page.text
    assert "Firefox on Android" in page.text
    assert "Safari on iPhone" not in page.text
    assert "push.services.mozilla.com" not in page.text


def test_a_device_is_removed_by_its_owner_only(hurt, involved, vapid):
    turn_on(hurt, Browser().subscription(MOZILLA))
    device = PushDevice.objects.get()
    url = reverse("remove_device", args=[device.pk])

    assert client_for(involved).post(url).status_code == HTTPStatus.NOT_FOUND
    assert PushDevice.objects.exists()

    response = client_for(hurt).post(url)

    assert response.status_code == HTTPStatus.FOUND
    assert not PushDevice.objects.exists()


def test_devices_go_with_the_account(hurt, couple, vapid):
    turn_on(hurt, Browser().subscription(MOZILLA))
    PushOptOut.objects.create(user=hurt, kind=PushKind.PAUSES)
    client = reauthenticated_client(hurt)
    export = client.get(reverse("export_download")).json()["sections"]
    assert export["push_devices"] == [
        {"name": "Firefox on Android", "created_at": export["push_devices"][0]["created_at"]}
    ]

    response = client.post(reverse("delete_account"), {"confirm": "on", "password": PASSWORD})

    assert response.status_code == HTTPStatus.FOUND
    assert not PushDevice.objects.exists()
    assert not PushOptOut.objects.exists()


def test_notification_switches_sit_beside_the_email_switches(hurt):
    client = client_for(hurt)
    page = client.get(reverse("notification_settings"))
    assert "Which notifications would you like on your devices?" in page.text
    assert str(PushKind.HARD_MOMENTS.label) in page.text
    assert str(PushKind.COUPLES.label) not in page.text
    form = {"reminder_weekday": "6", "reminder_hour": "18"}
    form |= {f"push_{kind.value}": "on" for kind in PushKind.for_user(hurt)}
    del form["push_pauses"]
    form["push_shows_kind"] = "on"

    response = client.post(reverse("notification_settings"), form)

    assert response.status_code == HTTPStatus.FOUND
    hurt.refresh_from_db()
    assert hurt.push_shows_kind is True
    assert list(hurt.push_opt_outs.values_list("kind", flat=True)) == [PushKind.PAUSES]


def test_a_therapist_sees_one_switch_for_their_couples(therapist):
    page = client_for(therapist).get(reverse("notification_settings"))

    assert str(PushKind.COUPLES.label) in page.text
    assert str(PushKind.HARD_MOMENTS.label) not in page.text


def test_showing_what_its_about_is_off_until_chosen(hurt):
    assert hurt.push_shows_kind is False
    assert payload(hurt) == {
        "title": "You have something new",
        "body": "",
        "icon": payload(hurt)["icon"],
    }


@pytest.mark.parametrize(
    ("user_agent", "name"),
    [
        (FIREFOX_ANDROID, "Firefox on Android"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1",
            "Safari on iPhone",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (Linux; Android 15; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
            "SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36",
            "Samsung Internet on Android",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like "
            "Gecko) Chrome/140.0.0.0 Safari/537.36",
            "Chrome on Mac",
        ),
        ("", "A browser"),
    ],
)
def test_device_names(user_agent, name):
    assert device_name(user_agent) == name


def test_the_key_command_prints_a_matching_pair(capsys):
    call_command("generate_vapid_keys", "--subject", "mailto:ops@example.test")

    lines = dict(line.split("=", 1) for line in capsys.readouterr().out.split())
    assert lines["VAPID_SUBJECT"] == "mailto:ops@example.test"
    public = base64.urlsafe_b64decode(lines["VAPID_PUBLIC_KEY"] + "==")
    assert len(public) == 65 and public[0] == 4
    signer = Vapid.from_string(lines["VAPID_PRIVATE_KEY"])
    headers = signer.sign({"sub": "mailto:ops@example.test", "aud": "https://push.example"})
    assert f"k={lines['VAPID_PUBLIC_KEY']}" in headers["Authorization"]
