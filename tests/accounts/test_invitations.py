import re
from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Couple, Invitation, Membership, Role

from ..conftest import client_for
from ..factories import make_user


@pytest.fixture
def started(hurt):
    return Couple.start(hurt, Role.HURT)


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    def send(client, email="new.partner@example.test"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("invite_partner"), {"email": email})

    return send


def link_from_outbox() -> str:
    return re.search(r"https?://\S+/join/[\w-]+/", mail.outbox[-1].body).group(0)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_invitation_email_has_a_single_use_link_and_only_a_hash_is_stored(invite, hurt, started):
    response = invite(client_for(hurt))

    assert response.status_code == HTTPStatus.FOUND
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.partner@example.test"]
    assert "infidel" not in (message.subject + message.body).lower()
    token = path_of(link_from_outbox()).split("/")[2]
    invitation = Invitation.objects.get()
    assert token not in invitation.token_hash
    assert invitation.role == Role.INVOLVED


def test_partner_joins_with_the_other_role_through_the_link(invite, hurt, started):
    invite(client_for(hurt))
    link = path_of(link_from_outbox())
    partner = make_user("new.partner@example.test", "Pat")

    response = client_for(partner).post(link)

    assert response.status_code == HTTPStatus.FOUND
    membership = Membership.objects.get(user=partner)
    assert membership.couple == started
    assert membership.role == Role.INVOLVED
    page = client_for(hurt).get(reverse("home")).content.decode()
    assert "You and Pat share this space" in page


def test_link_cannot_be_used_twice(invite, hurt, started):
    invite(client_for(hurt))
    link = path_of(link_from_outbox())
    client_for(make_user("new.partner@example.test")).post(link)

    second = make_user("second@example.test")
    response = client_for(second).post(link)

    assert response.status_code == HTTPStatus.GONE
    assert "already been used" in response.content.decode()
    assert not Membership.objects.filter(user=second).exists()


def test_link_expires_after_seven_days(invite, hurt, started):
    invite(client_for(hurt))
    link = path_of(link_from_outbox())
    partner = make_user("late@example.test")

    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = client_for(partner).post(link)

    assert response.status_code == HTTPStatus.GONE
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(user=partner).exists()


def test_revoked_link_no_longer_works(invite, hurt, started):
    client = client_for(hurt)
    invite(client)
    link = path_of(link_from_outbox())
    client.post(reverse("revoke_invitation"))
    partner = make_user("p@example.test")

    response = client_for(partner).post(link)

    assert response.status_code == HTTPStatus.GONE
    assert "withdrawn" in response.content.decode()


def test_a_new_invitation_withdraws_the_previous_link(invite, hurt, started):
    client = client_for(hurt)
    invite(client, "one@example.test")
    old_link = path_of(link_from_outbox())
    invite(client, "two@example.test")

    response = client_for(make_user("one@example.test")).post(old_link)

    assert response.status_code == HTTPStatus.GONE


def test_person_already_in_a_couple_cannot_join_a_second(invite, hurt, started, outsider):
    invite(client_for(hurt), outsider.email)
    link = path_of(link_from_outbox())

    response = client_for(outsider).post(link)

    assert response.status_code == HTTPStatus.CONFLICT
    assert "already belong to a shared space" in response.content.decode()
    assert Membership.objects.active().filter(user=outsider).count() == 1
    assert Invitation.objects.get().accepted_at is None


def test_therapist_cannot_join_as_a_partner(invite, hurt, started, therapist):
    invite(client_for(hurt), therapist.email)

    response = client_for(therapist).post(path_of(link_from_outbox()))

    assert response.status_code == HTTPStatus.CONFLICT
    assert not Membership.objects.filter(user=therapist).exists()


@pytest.mark.parametrize("token", ["not-a-token", "x" * 43, "a" * 300, "%00"])
def test_malformed_token_gives_a_clear_page_not_an_error(db, token, loner):
    response = client_for(loner).get(f"/join/{token}/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "This invitation link isn" in response.content.decode()


def test_anonymous_visitor_sees_the_invitation_and_is_sent_to_log_in_to_accept(
    invite, client, hurt, started
):
    invite(client_for(hurt))
    link = path_of(link_from_outbox())

    page = client.get(link)
    assert page.status_code == HTTPStatus.OK
    assert "Create an account" in page.content.decode()
    assert client.session["pending_invitation"]

    response = client.post(link)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))
    assert not Invitation.objects.get().accepted_at


def test_inviting_your_own_address_or_a_bad_address_is_a_form_error(invite, hurt, started):
    client = client_for(hurt)

    own = invite(client, hurt.email)
    bad = invite(client, "not an email")

    assert own.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "not your own" in own.content.decode()
    assert bad.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "doesn&#x27;t look like an email" in bad.content.decode()
    assert mail.outbox == []
