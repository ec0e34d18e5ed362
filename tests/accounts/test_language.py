"""Each person reads the app in their own language: pages and emails in the language
they chose, whatever their partner chose; signed-out pages in the browser's."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts import push
from accounts.models import Couple, EmailKind, Invitation, Role, User
from accounts.notifications import send_once
from accounts.tasks import send_invitation
from notices.models import Kind
from notices.services import deliver_owed_emails, notify

from ..conftest import client_for


def in_spanish(user) -> None:
    user.language = "es"
    user.save(update_fields=["language"])


def subject_in(language: str, msgid: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


def html_part(message) -> str:
    return message.alternatives[0][0]


def test_each_partner_reads_pages_in_their_own_language(couple, hurt, involved):
    in_spanish(involved)

    spanish = client_for(involved).get(reverse("home"))
    english = client_for(hurt).get(reverse("home"))

    assert spanish.status_code == english.status_code == HTTPStatus.OK
    assert spanish["Content-Language"] == "es" and '<html lang="es">' in spanish.text
    assert english["Content-Language"] == "en" and '<html lang="en">' in english.text


def test_the_chosen_language_wins_over_the_browser(couple, hurt, involved):
    in_spanish(involved)

    english = client_for(hurt).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="es")
    spanish = client_for(involved).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")

    assert english["Content-Language"] == "en"
    assert spanish["Content-Language"] == "es"


@pytest.mark.parametrize(
    ("browser", "language"), [("es", "es"), ("es-MX,es;q=0.9", "es"), ("en-GB", "en"), ("de", "en")]
)
def test_signed_out_pages_follow_the_browser(db, browser, language):
    response = Client().get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE=browser)

    assert response["Content-Language"] == language
    assert f'<html lang="{language}">' in response.text


def test_each_partner_gets_emails_in_their_own_language(couple, hurt, involved):
    in_spanish(involved)

    send_once(involved, EmailKind.CHECKIN_REMINDER, "w1", "checkin_reminder")
    send_once(hurt, EmailKind.CHECKIN_REMINDER, "w1", "checkin_reminder")

    to_alex, to_sam = sorted(mail.outbox, key=lambda m: m.to != [involved.email])
    assert to_alex.subject == subject_in("es", "Your weekly moment on Common Ground")
    assert to_sam.subject == "Your weekly moment on Common Ground"
    assert '<html lang="es">' in html_part(to_alex)
    assert '<html lang="en">' in html_part(to_sam)


def test_notice_emails_sent_by_the_worker_use_the_recipients_language(couple, hurt, involved):
    """The outbox's sweep runs in a worker, with no request and no language of its own."""
    in_spanish(involved)
    notify(Kind.TRIGGER_WAITING, [involved.pk], "/")
    notify(Kind.REASSURANCE_ARRIVED, [hurt.pk], "/")

    with translation.override("en"):
        deliver_owed_emails()

    languages = {m.to[0]: 'lang="es"' in html_part(m) for m in mail.outbox}
    assert languages == {involved.email: True, hurt.email: False}


def test_an_invitation_comes_in_the_inviters_language(db, hurt):
    in_spanish(hurt)
    couple = Couple.start(hurt, Role.HURT)
    invitation, token = Invitation.issue(couple, hurt, "new.partner@example.test")

    send_invitation(invitation.pk, token)

    (message,) = mail.outbox
    assert '<html lang="es">' in html_part(message)


def test_a_password_reset_comes_in_the_account_holders_language(db, hurt):
    """Asked for from an English browser, it still reaches a Spanish reader in Spanish
    (allauth's own wording, in its Spanish catalogue)."""
    in_spanish(hurt)

    Client().post(
        reverse("account_reset_password"), {"email": hurt.email}, HTTP_ACCEPT_LANGUAGE="en"
    )

    (message,) = mail.outbox
    with translation.override("es"):
        expected = translation.gettext("Password Reset Email")
    assert expected != "Password Reset Email"
    assert expected in message.subject


def test_the_language_is_chosen_on_the_settings_page(hurt):
    client = client_for(hurt)
    page = client.get(reverse("profile"))
    assert f'action="{reverse("language_settings")}"' in page.text

    response = client.post(reverse("language_settings"), {"language": "es"})

    assert response.status_code == HTTPStatus.FOUND
    hurt.refresh_from_db()
    assert hurt.language == "es"
    assert client.get(reverse("profile"))["Content-Language"] == "es"


def test_an_unknown_language_is_refused_in_the_form(hurt):
    client = client_for(hurt)

    response = client.post(reverse("language_settings"), {"language": "xx"})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please choose a language from the list." in response.text
    hurt.refresh_from_db()
    assert hurt.language == "en"


def test_signing_up_keeps_the_browsers_language(db):
    Client().post(
        reverse("account_signup"),
        {
            "email": "new@example.test",
            "password1": "a-long-test-passphrase-2026",
            "password2": "a-long-test-passphrase-2026",
            "display_name": "Ana",
            "timezone": "America/Mexico_City",
        },
        HTTP_ACCEPT_LANGUAGE="es-MX",
    )

    assert User.objects.get(email="new@example.test").language == "es"


def test_a_notification_on_a_device_is_in_its_owners_language(hurt):
    """Sent from a worker: the neutral title, and the kind when chosen, in Spanish."""
    in_spanish(hurt)

    shown = push.payload(hurt, Kind.ANSWER_ARRIVED.label)

    with translation.override("es"):
        expected = (translation.gettext("You have something new"), str(Kind.ANSWER_ARRIVED.label))
    assert (shown["title"], shown["body"]) == expected
    assert shown["title"] != "You have something new"
