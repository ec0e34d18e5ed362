"""After a space closes, each person keeps a read-only archive: what they wrote, and
what was shared with them before the end; never what the partner kept private."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from accounts.models import Couple, Membership
from home.data_rights import delete_account
from triggers.models import Trigger

from ..conftest import client_for, reauthenticated_client
from ..factories import make_couple, make_user
from .builders import CHECKIN_TEXTS, TRIGGER_TEXTS, write_history

PAGES = [
    "archive:space",
    "archive:checkins",
    "archive:triggers",
    "archive:agreement",
    "archive:questions",
]
DELETED_NOTE = "Some entries were removed when your partner's account was deleted"


def archive_text(user, couple_id) -> str:
    client = client_for(user)
    text = ""
    for name in PAGES:
        response = client.get(reverse(name, args=[couple_id]))
        assert response.status_code == HTTPStatus.OK, name
        text += response.content.decode()
    return text


def _fields(tag, names):
    return [f"{tag}-{name}" for name in names]


SHARED_BY_LEAVER = [
    *_fields("LEAVER-SHARED-week1", CHECKIN_TEXTS),
    *_fields("LEAVER-SHARED-trigger", TRIGGER_TEXTS),
    *_fields("LEAVER-SHARED-revealed", TRIGGER_TEXTS),
    "LEAVER-SHARED-own-note",
    "LEAVER-SHARED-answer",
]
PRIVATE_TO_LEAVER = [
    *_fields("LEAVER-PRIVATE-sealed", CHECKIN_TEXTS),
    *_fields("LEAVER-PRIVATE-draft", CHECKIN_TEXTS),
    *_fields("LEAVER-PRIVATE-trigger", TRIGGER_TEXTS),
    *_fields("LEAVER-PRIVATE-waiting", TRIGGER_TEXTS),
    "LEAVER-PRIVATE-journal",
    "LEAVER-PRIVATE-readiness",
]
STAYERS_OWN = [
    *_fields("STAYER-week1", CHECKIN_TEXTS),
    *_fields("STAYER-draft", CHECKIN_TEXTS),
    *_fields("STAYER-private-trigger", TRIGGER_TEXTS),
    "STAYER-question",
]
MADE_TOGETHER = ["AGREED-joint-note", "AGREED-next-step", "AGREED-digital", "AGREED-therapy"]


@pytest.fixture
def history(hurt, involved, couple):
    write_history(hurt, involved, couple)
    return couple


def leave(involved, couple):
    couple.end(by=involved)


def delete(involved, couple):
    delete_account(involved)


# (how the partner went, marker, whether the remaining partner sees it)
TABLE = (
    [("left", marker, True) for marker in STAYERS_OWN + MADE_TOGETHER + SHARED_BY_LEAVER]
    + [("left", "STAYER-reassurance", True)]
    # A reassurance hangs on the partner's trigger entry, and goes with it (as the
    # delete page says: "your trigger log, with the reassurances written to it").
    + [("deleted", "STAYER-reassurance", False)]
    + [("left", marker, False) for marker in PRIVATE_TO_LEAVER]
    + [("deleted", marker, True) for marker in STAYERS_OWN + MADE_TOGETHER]
    # Their right to erasure wins: what they wrote, even shared, went with the account.
    + [("deleted", marker, False) for marker in SHARED_BY_LEAVER + PRIVATE_TO_LEAVER]
)


@pytest.mark.parametrize(("how", "marker", "visible"), TABLE)
def test_what_the_remaining_partner_sees_in_the_archive(
    hurt, involved, history, how, marker, visible
):
    {"left": leave, "deleted": delete}[how](involved, history)

    assert (marker in archive_text(hurt, history.pk)) is visible


def test_the_archive_says_plainly_when_the_partners_account_was_deleted(hurt, involved, history):
    delete_account(involved)

    page = archive_text(hurt, history.pk)

    assert DELETED_NOTE in page
    assert "A former member" in page  # who proposed and accepted the agreement with them
    assert "Your partner's answers for this week were removed" in page


def test_no_deletion_note_when_the_partner_only_left(hurt, involved, history):
    history.end(by=involved)

    assert DELETED_NOTE not in archive_text(hurt, history.pk)


def test_the_leaver_keeps_an_archive_too_without_the_partners_private_entries(
    hurt, involved, history
):
    history.end(by=involved)

    page = archive_text(involved, history.pk)

    for marker in SHARED_BY_LEAVER + PRIVATE_TO_LEAVER[:12] + MADE_TOGETHER:
        assert marker in page
    assert "STAYER-week1-win_text" in page  # revealed, so shared with them
    for marker in _fields("STAYER-draft", CHECKIN_TEXTS) + ["STAYER-private-trigger-what_happened"]:
        assert marker not in page


@pytest.mark.parametrize("who", ["outsider", "therapist", "loner"])
def test_nobody_else_opens_an_archive(request, hurt, involved, history, who):
    history.end(by=involved)
    person = request.getfixturevalue(who)
    for name in PAGES:
        assert client_for(person).get(reverse(name, args=[history.pk])).status_code == 404


@pytest.mark.parametrize("couple_id", [0, 2**63, 10**20])
def test_out_of_range_ids_are_not_found(hurt, involved, history, couple_id):
    history.end(by=involved)
    response = client_for(hurt).get(f"/archive/{couple_id}/")
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_an_open_space_has_no_archive(hurt, couple):
    response = client_for(hurt).get(reverse("archive:space", args=[couple.pk]))
    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("name", PAGES)
def test_the_archive_is_read_only(hurt, involved, history, name):
    history.end(by=involved)
    response = client_for(hurt).post(reverse(name, args=[history.pk]))
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def write_attempts(couple):
    shared = Trigger.objects.filter(couple=couple, sharing="share_now").first()
    question = couple.questions.first()
    return [
        (reverse("checkins:save_answer", args=["2026-01-05"]), {"safety": 3}),
        (reverse("checkins:save_shared", args=["2026-01-05"]), {"joint_note": "x"}),
        (reverse("triggers:new"), {"category": "memory", "intensity": 3}),
        (reverse("triggers:reassure", args=[shared.pk]), {"text": "x"}),
        (reverse("triggers:edit", args=[shared.pk]), {"intensity": 2}),
        (reverse("agreements:propose"), {"reason": "x"}),
        (reverse("together:questions"), {"text": "x", "readiness": "ready_now"}),
        (reverse("together:answer", args=[question.pk]), {"text": "x"}),
        (reverse("together:wins"), {"kind": "small_win", "text": "x"}),
        (reverse("pacing:readiness"), {"closeness_safety": 3, "body_settled": 3}),
        (reverse("invite_partner"), {"email": "someone@example.test"}),
        (reverse("therapists:invite_by_code"), {"code": "ABCD-EFGH"}),
    ]


@pytest.mark.parametrize("started_again", [False, True])
def test_every_write_on_a_closed_space_is_refused(hurt, involved, history, started_again):
    history.end(by=involved)
    if started_again:  # the old space's objects stay out of reach from the new one
        Couple.start(hurt, "hurt")
    client = client_for(hurt)
    before = Trigger.objects.filter(couple=history).count()
    for url, data in write_attempts(history):
        response = client.post(url, data)
        if not started_again:
            assert response.status_code == HTTPStatus.NOT_FOUND, url
        else:
            assert response.status_code < 500, url
    assert Trigger.objects.filter(couple=history).count() == before
    assert history.checkins.get(week_start="2026-01-05").joint_note == "AGREED-joint-note"
    assert [question.text for question in history.questions.all()] == ["STAYER-question"]


def test_the_remaining_partner_sees_a_calm_closing_page(hurt, involved, history):
    delete_account(involved)

    page = client_for(hurt).get(reverse("home")).content.decode()

    assert "Your shared space has closed" in page
    assert "Your partner left the shared space." in page
    assert "deleted" not in page  # no reason given, nobody named
    assert "Alex" not in page
    assert reverse("archive:space", args=[history.pk]) in page
    assert reverse("export") in page
    assert reverse("support") in page


def test_the_leaver_is_told_they_left(hurt, involved, history):
    history.end(by=involved)
    page = client_for(involved).get(reverse("home")).content.decode()
    assert "You left the shared space." in page


def test_a_new_space_can_start_and_the_archive_stays(hurt, involved, history):
    history.end(by=involved)
    client = client_for(hurt)

    response = client.post(reverse("start_couple"), {"role": "hurt"})

    assert response.status_code == HTTPStatus.FOUND
    new = Membership.objects.active().get(user=hurt)
    assert new.couple_id != history.pk
    assert client.get(reverse("archive:space", args=[history.pk])).status_code == 200
    assert (
        reverse("archive:space", args=[history.pk])
        in client.get(reverse("profile")).content.decode()
    )
    # One active space at a time: a second start is refused.
    client.post(reverse("start_couple"), {"role": "hurt"})
    assert Membership.objects.active().filter(user=hurt).count() == 1


def test_the_leaver_can_still_export_what_they_wrote(hurt, involved, history):
    history.end(by=involved)

    page = reauthenticated_client(involved).get(reverse("export")).content.decode()

    assert "LEAVER-PRIVATE-journal" in page
    assert "LEAVER-SHARED-week1-win_text" in page
    assert "STAYER-week1-win_text" not in page


def test_a_second_ending_changes_nothing(hurt, involved, history):
    history.end(by=involved)
    ended_at = Couple.objects.get(pk=history.pk).ended_at
    Couple.objects.get(pk=history.pk).end(by=hurt)
    history.refresh_from_db()
    assert history.ended_at == ended_at
    assert history.ended_by == involved


def test_an_archive_of_a_space_whose_partner_never_joined(db):
    kim = make_user("kim2@example.test", "Kim")
    couple = Couple.start(kim, "hurt")
    couple.end(by=kim)
    assert client_for(kim).get(reverse("archive:space", args=[couple.pk])).status_code == 200


def test_two_closed_spaces_are_two_archives(hurt, involved, history):
    history.end(by=involved)
    other = make_couple(hurt, make_user("jo@example.test", "Jo"))
    other.end(by=hurt)
    page = client_for(hurt).get(reverse("home")).content.decode()
    assert reverse("archive:space", args=[other.pk]) in page
    assert reverse("archive:space", args=[history.pk]) in page
