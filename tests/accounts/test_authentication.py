import re
from http import HTTPStatus

from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User

from ..conftest import client_for
from ..factories import PASSWORD

SIGNUP = {
    "email": "new@example.test",
    "password1": "quiet-river-morning-42",
    "password2": "quiet-river-morning-42",
    "display_name": "Casey",
    "timezone": "Europe/Berlin",
}


def test_sign_up_requires_verifying_the_email_before_use(db):
    client = Client()

    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == HTTPStatus.FOUND
    user = User.objects.get(email="new@example.test")
    assert (user.display_name, user.timezone) == ("Casey", "Europe/Berlin")
    assert client.get(reverse("home")).status_code == HTTPStatus.FOUND  # not in yet
    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    confirm_path = "/" + link.split("/", 3)[3]
    client.post(confirm_path)
    assert EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("home")).status_code == HTTPStatus.OK


def test_signing_up_with_a_taken_email_reveals_nothing_and_never_errors(hurt):
    client = Client()

    response = client.post(reverse("account_signup"), {**SIGNUP, "email": hurt.email}, follow=True)

    assert response.status_code == HTTPStatus.OK
    assert User.objects.filter(email=hurt.email).count() == 1
    # Same outcome as a fresh signup: "check your email"; the owner is told by email.
    assert b"verify" in response.content.lower() or b"confirm" in response.content.lower()
    assert mail.outbox[-1].to == [hurt.email]


def test_unknown_email_password_reset_gives_the_same_answer(db, hurt):
    known = Client().post(reverse("account_reset_password"), {"email": hurt.email})
    unknown = Client().post(reverse("account_reset_password"), {"email": "nobody@example.test"})

    assert known.status_code == unknown.status_code == HTTPStatus.FOUND
    assert known["Location"] == unknown["Location"]


def test_log_in_through_the_real_form(hurt):
    client = Client()

    response = client.post(reverse("account_login"), {"login": hurt.email, "password": PASSWORD})

    assert response.status_code == HTTPStatus.FOUND
    assert client.get(reverse("home")).status_code == HTTPStatus.OK


def test_password_change_ends_the_persons_other_sessions(hurt):
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        device.post(reverse("account_login"), {"login": hurt.email, "password": PASSWORD})
    assert phone.get(reverse("home")).status_code == HTTPStatus.OK

    response = laptop.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "new-calm-harbour-77",
            "password2": "new-calm-harbour-77",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    assert laptop.get(reverse("home")).status_code == HTTPStatus.OK
    elsewhere = phone.get(reverse("home"))
    assert elsewhere.status_code == HTTPStatus.FOUND
    assert elsewhere["Location"].startswith(reverse("account_login"))


def test_admin_login_goes_through_allauth(db):
    response = Client().get("/admin/login/")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_reach_the_admin_after_logging_in(db):
    staff = User.objects.create_superuser("ops@example.test", PASSWORD)

    assert client_for(staff).get("/admin/").status_code == HTTPStatus.OK


def test_two_factor_setup_page_is_available(hurt):
    response = client_for(hurt).get(reverse("mfa_index"))

    assert response.status_code == HTTPStatus.OK
