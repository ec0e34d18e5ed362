"""The seal, with marker strings: before both finish, neither the partner nor the
therapist can fetch any part of the other's side (pages, fragments, export, emails),
except "what it was like for me", read by the partner for the listening step."""

import json
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from notices.services import deliver_owed_emails
from repair.models import Repair, RepairSide

from ..conftest import client_for, reauthenticated_client
from ..therapists.builders import link
from .builders import both_finish

SEALED = {
    "feelings_words": "MARK-feelings-words",
    "my_part": "MARK-my-part",
    "next_time": "MARK-next-time",
    "need": "MARK-need",
}
SHARED_FOR_LISTENING = "MARK-what-it-was-like"
HEARD = "MARK-heard"


@pytest.fixture
def sealed(sam, alex, involved, hurt, therapist):
    """Sam finished a side full of markers; Alex has not written anything yet."""
    link(sam.couple, therapist, hurt, involved)
    repair, _created = Repair.start(sam, "own")
    repair.save_side(sam, {"feelings": ["scared"], "what_it_was_like": SHARED_FOR_LISTENING})
    return repair


def pages(repair):
    return [
        reverse("repair:list"),
        reverse("repair:detail", args=[repair.pk]),
        reverse("together:today"),
        reverse("home"),
        reverse("notices:inbox"),
        reverse("triggers:patterns"),
    ]


def everything_seen_by(client, repair, therapist_couple=None) -> str:
    texts = []
    for url in pages(repair):
        for headers in ({}, {"HX-Request": "true"}):
            texts.append(client.get(url, headers=headers).content.decode())
    if therapist_couple:
        url = reverse("therapists:couple_detail", args=[therapist_couple.pk])
        texts.append(client.get(url).content.decode())
        texts.append(client.get(reverse("therapists:dashboard")).content.decode())
    return "\n".join(texts)


def test_before_both_finish_nothing_sealed_reaches_the_partner_or_therapist(
    sealed, sam, alex, hurt, involved, therapist
):
    # Alex listens and writes back; Sam finishes a full side of markers.
    sealed.save_side(alex, {"what_it_was_like": "Alex's words", "heard": "Alex heard it"})
    sealed.save_side(sam, {"heard": HEARD} | SEALED, finish=True)
    mail.outbox.clear()
    deliver_owed_emails()

    partner_view = everything_seen_by(client_for(involved), sealed)
    therapist_view = everything_seen_by(client_for(therapist), sealed, sam.couple)
    export = reauthenticated_client(involved).get(reverse("export_download")).content.decode()
    emails = "\n".join(m.subject + m.body for m in mail.outbox)

    for marker in SEALED.values():
        assert marker not in partner_view
        assert marker not in therapist_view
        assert marker not in export
        assert marker not in emails
    # The listening fields are the partner's on purpose, never the therapist's.
    assert SHARED_FOR_LISTENING in partner_view
    assert HEARD in partner_view
    assert SHARED_FOR_LISTENING not in therapist_view
    assert HEARD not in therapist_view
    assert SHARED_FOR_LISTENING not in export


def test_the_author_sees_their_side_at_once(sealed, sam, hurt):
    sealed.save_side(sam, {"feelings_words": SEALED["feelings_words"]})
    page = client_for(hurt).get(reverse("repair:detail", args=[sealed.pk])).content.decode()
    assert SEALED["feelings_words"] in page
    assert SHARED_FOR_LISTENING in page


def test_after_both_finish_partner_and_therapist_see_both_sides(
    sam, alex, hurt, involved, therapist
):
    link(sam.couple, therapist, hurt, involved)
    repair = both_finish(sam, alex)

    partner_page = client_for(involved).get(repair.path).content.decode()
    therapist_page = client_for(therapist).get(
        reverse("therapists:couple_detail", args=[sam.couple.pk])
    )
    assert "sam: my silence left you alone with it" in partner_page
    assert therapist_page.status_code == HTTPStatus.OK
    assert "sam: my silence left you alone with it" in therapist_page.content.decode()
    assert "alex: I will stay in the room" in therapist_page.content.decode()


def test_the_one_rule_lets_through_only_own_or_revealed_sides(sam, alex):
    repair, _created = Repair.start(sam, "own")
    repair.save_side(sam, {"what_it_was_like": "x"})
    assert RepairSide.objects.visible_to(alex).count() == 0
    assert RepairSide.objects.visible_to(sam).count() == 1
    assert RepairSide.objects.revealed().count() == 0
    assert [row["what_it_was_like"] for row in RepairSide.objects.listening_for(alex)] == ["x"]
    assert list(RepairSide.objects.listening_for(alex).values_list("author_id", flat=True)) == [
        sam.user_id
    ]


def test_the_export_holds_my_side_and_never_my_partners(sam, alex, hurt):
    both_finish(sam, alex)
    data = json.loads(reauthenticated_client(hurt).get(reverse("export_download")).content)
    sides = data["sections"]["repair_sides"]
    assert [side["my_part"] for side in sides] == ["sam: my silence left you alone with it"]
    assert "alex:" not in json.dumps(data)
