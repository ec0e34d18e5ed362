"""The leave and delete pages say what happens before confirming; each sentence is
checked here against what actually happens."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from accounts.models import Couple, Invitation, Membership

from ..conftest import client_for, reauthenticated_client
from ..factories import PASSWORD
from .builders import write_history

LEAVE_SAYS = [
    "The shared space closes for both of you, at once. Nothing more can be added to it",
    "Your partner is told only that you left the shared space: not why.",
    "Each of you keeps a read-only archive of what you wrote and what was shared with you",
    "Nothing you kept private is ever shown to your partner",
    "you can still export what you wrote until you delete your account",
    "A therapist linked to your space loses access at once, and the pace they set",
    "You can start a new space or accept a new invitation afterwards.",
]
DELETE_SAYS = [
    "Your partner is told only that you left the shared space.",
    "Your partner keeps a read-only archive of what they wrote and of what you shared with",
    "It says that some entries were removed when your account was deleted.",
    "your name is replaced by “a former member”",
    "every device that gets your notifications",
]


@pytest.fixture
def history(hurt, involved, couple):
    write_history(hurt, involved, couple)
    return couple


def page_text(user, name) -> str:
    response = reauthenticated_client(user).get(reverse(name))
    assert response.status_code == HTTPStatus.OK
    return response.content.decode().replace("&#x27;", "'")


@pytest.mark.parametrize("sentence", LEAVE_SAYS)
def test_the_leave_page_says(involved, couple, sentence):
    assert sentence in page_text(involved, "leave_couple")


@pytest.mark.parametrize("sentence", DELETE_SAYS)
def test_the_delete_page_says(involved, couple, sentence):
    assert sentence in page_text(involved, "delete_account")


def test_leaving_does_what_the_leave_page_says(hurt, involved, history):
    response = reauthenticated_client(involved).post(reverse("leave_couple"))
    assert response.status_code == HTTPStatus.FOUND

    # Closes for both, at once.
    history.refresh_from_db()
    assert history.ended_at is not None
    assert not Membership.objects.active().filter(couple=history).exists()
    assert set(Membership.objects.filter(couple=history).values_list("left_at", flat=True)) == {
        history.ended_at
    }
    # The partner is told only that they left.
    home = client_for(hurt).get(reverse("home")).content.decode()
    assert "Your partner left the shared space." in home
    assert "Alex" not in home
    # Each keeps an archive (its contents: test_archive.py); the leaver can export.
    for person in (hurt, involved):
        url = reverse("archive:space", args=[history.pk])
        assert client_for(person).get(url).status_code == HTTPStatus.OK
    export = page_text(involved, "export")
    assert "LEAVER-PRIVATE-journal" in export
    # A new space, or a new invitation, afterwards.
    assert (
        client_for(involved).post(reverse("start_couple"), {"role": "involved"}).status_code == 302
    )
    assert Membership.objects.active().filter(user=involved).exclude(couple=history).exists()


def test_deleting_does_what_the_delete_page_says(hurt, involved, history):
    client = reauthenticated_client(involved)
    response = client.post(reverse("delete_account"), {"confirm": "on", "password": PASSWORD})
    assert response.status_code == HTTPStatus.FOUND

    couple = Couple.objects.get(pk=history.pk)
    assert couple.lost_a_deleted_account
    home = client_for(hurt).get(reverse("home")).content.decode()
    assert "Your partner left the shared space." in home
    archive = client_for(hurt).get(reverse("archive:agreement", args=[couple.pk]))
    text = archive.content.decode().replace("&#x27;", "'")
    assert "Some entries were removed when your partner's account was deleted" in text
    assert "AGREED-digital" in text
    assert "A former member" in text


def test_after_leaving_a_new_invitation_can_be_accepted(hurt, involved, history, loner):
    reauthenticated_client(involved).post(reverse("leave_couple"))
    kims_space = Couple.start(loner, "involved")
    invitation, _token = Invitation.issue(kims_space, loner, hurt.email)

    invitation.accept(hurt)

    assert Membership.objects.active().get(user=hurt).couple == kims_space
