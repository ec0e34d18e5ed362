from http import HTTPStatus

from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import EmailKind, EmailOptOut
from accounts.notifications import send_once, unsubscribe_token

from ..conftest import client_for


def notify(user, period="p1", kind=EmailKind.CHECKIN_REMINDER):
    return send_once(user, kind, period, "invitation", {})


def unsubscribe_path(message) -> str:
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    return "/" + url.split("/", 3)[3]


def test_every_notification_carries_one_click_unsubscribe_headers_and_link(hurt):
    notify(hurt)

    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = unsubscribe_path(message)
    assert path in message.body
    assert path in message.alternatives[0].content


def test_the_link_works_logged_out_and_stops_only_that_kind(hurt):
    notify(hurt)
    path = unsubscribe_path(mail.outbox[0])

    page = Client().get(path)
    assert page.status_code == HTTPStatus.OK
    assert not EmailOptOut.objects.exists()  # opening the link (or a scanner) changes nothing

    response = Client().post(path)

    assert response.status_code == HTTPStatus.OK
    assert EmailOptOut.objects.filter(user=hurt, kind=EmailKind.CHECKIN_REMINDER).exists()
    assert notify(hurt, period="p2") is False
    assert notify(hurt, period="p2", kind=EmailKind.TRIGGER_SHARED) is True
    assert len(mail.outbox) == 2


def test_mail_clients_one_click_post_needs_no_csrf_token(hurt):
    client = Client(enforce_csrf_checks=True)
    token = unsubscribe_token(hurt, EmailKind.REVIEW_REMINDER)

    response = client.post(reverse("unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == HTTPStatus.OK
    assert EmailOptOut.objects.filter(user=hurt, kind=EmailKind.REVIEW_REMINDER).exists()


def test_a_tampered_token_cannot_unsubscribe_someone_else(hurt, involved):
    token = unsubscribe_token(hurt, EmailKind.CHECKIN_REMINDER)
    forged = token.replace(token[:6], token[:5] + ("A" if token[5] != "A" else "B"))

    assert Client().post(reverse("unsubscribe", args=[forged])).status_code == 404
    assert Client().post(reverse("unsubscribe", args=[f"{involved.pk}:x"])).status_code == 404
    assert not EmailOptOut.objects.exists()


def test_turning_a_kind_back_on(hurt):
    token = unsubscribe_token(hurt, EmailKind.CHECKIN_NUDGE)
    Client().post(reverse("unsubscribe", args=[token]))

    Client().post(reverse("resubscribe", args=[token]))

    assert not EmailOptOut.objects.exists()


def test_settings_page_sets_reminder_time_and_kinds(hurt):
    data = {"reminder_weekday": 2, "reminder_hour": 7, "email_checkin_reminder": "on"}

    response = client_for(hurt).post(reverse("notification_settings"), data)

    assert response.status_code == HTTPStatus.FOUND
    hurt.refresh_from_db()
    assert (hurt.reminder_weekday, hurt.reminder_hour) == (2, 7)
    muted = set(EmailOptOut.objects.filter(user=hurt).values_list("kind", flat=True))
    assert muted == {k.value for k in EmailKind} - {"checkin_reminder"}


def test_settings_page_rejects_an_impossible_hour(hurt):
    data = {"reminder_weekday": 2, "reminder_hour": 25}

    response = client_for(hurt).post(reverse("notification_settings"), data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    hurt.refresh_from_db()
    assert hurt.reminder_hour == 18
