"""Who reads a letter: its draft only its author (and the therapist only while a read
was asked and both consents hold); a ready letter only once the hurt partner chose
"now"; the author never more than "received" or "not yet"; comments only the author;
a private answer only the hurt partner."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from acknowledgement.models import Letter, LetterComment, LetterReply, Receive
from therapists.models import Consent

from ..conftest import client_for, reauthenticated_client
from ..factories import make_user
from ..therapists.builders import link
from .builders import ready_letter, words

pytestmark = pytest.mark.django_db

DRAFT = "DRAFT-MARKER"


def everything_for(client, letter, couple_id) -> str:
    """Every page a person might open about letters, as one text."""
    urls = [
        reverse("acknowledgement:index"),
        reverse("acknowledgement:write"),
        reverse("acknowledgement:letter", args=[letter.pk]),
        reverse("acknowledgement:therapist", args=[couple_id]),
        reverse("notices:inbox"),
    ]
    return "\n".join(client.get(url).content.decode() for url in urls)


def test_a_draft_is_read_by_its_author_alone(sam, alex, hurt, involved, outsider, therapist):
    link(sam.couple, therapist, hurt, involved)
    draft = Letter.save_draft(alex, words(DRAFT), 1)

    assert DRAFT in client_for(involved).get(reverse("acknowledgement:write")).content.decode()
    for person in (hurt, outsider, therapist):
        assert DRAFT not in everything_for(client_for(person), draft, sam.couple_id)
    assert client_for(hurt).get(reverse("acknowledgement:write")).status_code == 404
    assert client_for(hurt).get(draft.path).status_code == 404
    assert Letter.objects.visible_to(sam).count() == 0


def test_the_therapist_reads_a_draft_only_while_asked_and_while_both_consent(
    sam, alex, hurt, involved, therapist
):
    therapist_link = link(sam.couple, therapist, hurt, involved)
    draft = Letter.save_draft(alex, words(DRAFT), 1)
    page = reverse("acknowledgement:therapist", args=[sam.couple_id])
    dr_lee = client_for(therapist)
    assert DRAFT not in dr_lee.get(page).content.decode()

    draft.ask_review(alex)
    assert DRAFT in dr_lee.get(page).content.decode()

    draft.end_review(alex)
    assert DRAFT not in dr_lee.get(page).content.decode()

    draft.ask_review(alex)
    Consent.withdraw(therapist_link, hurt)
    refused = dr_lee.get(page)
    assert refused.status_code == HTTPStatus.NOT_FOUND
    assert DRAFT not in refused.content.decode()


def test_a_later_therapist_never_reads_a_draft_asked_of_the_one_before(
    sam, alex, hurt, involved, therapist
):
    first_link = link(sam.couple, therapist, hurt, involved)
    draft = Letter.save_draft(alex, words(DRAFT), 1)
    draft.ask_review(alex)
    first_link.end(hurt)
    later = make_user("dr.ng@example.test", "Dr. Ng", is_therapist=True)
    link(sam.couple, later, hurt, involved)
    page = client_for(later).get(reverse("acknowledgement:therapist", args=[sam.couple_id]))
    assert page.status_code == HTTPStatus.OK
    assert DRAFT not in page.content.decode()


def test_asking_for_a_read_needs_a_therapist_both_consent_to(sam, alex, hurt, therapist):
    link(sam.couple, therapist, hurt)  # only Sam agreed
    Letter.save_draft(alex, words(DRAFT), 1)
    response = client_for(alex.user).post(reverse("acknowledgement:review"), follow=True)
    assert "no therapist with both your consents" in response.content.decode()
    assert Letter.objects.get().review_asked_at is None


def test_marking_ready_ends_the_therapists_read_of_the_draft(sam, alex, hurt, involved, therapist):
    link(sam.couple, therapist, hurt, involved)
    draft = Letter.save_draft(alex, words(DRAFT), 1)
    draft.ask_review(alex)
    draft.mark_ready(alex)
    page = client_for(therapist).get(reverse("acknowledgement:therapist", args=[sam.couple_id]))
    assert DRAFT not in page.content.decode()

    draft.refresh_from_db()
    draft.share_with_therapist(alex, True)
    page = client_for(therapist).get(reverse("acknowledgement:therapist", args=[sam.couple_id]))
    assert DRAFT in page.content.decode()


def test_a_ready_letter_waits_for_the_hurt_partners_now(sam, alex, hurt):
    letter = ready_letter(alex, "READY")
    client = client_for(hurt)
    waiting = client.get(letter.path).content.decode()
    assert "READY" not in waiting
    assert "ready for you" in waiting

    for choice in (Receive.SESSION, Receive.NOT_YET):
        client.post(reverse("acknowledgement:choose", args=[letter.pk]), {"choice": choice})
        assert "READY" not in everything_for(client, letter, sam.couple_id)

    client.post(reverse("acknowledgement:choose", args=[letter.pk]), {"choice": "now"})
    assert "READY-what_i_did" in client.get(letter.path).content.decode()


def _without_token(html: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": "|nonce=")[^"]+', "", html)


def test_the_author_sees_received_or_not_yet_and_never_the_choice(sam, alex, hurt, involved):
    letter = ready_letter(alex)
    author = client_for(involved)

    def pages() -> str:
        return _without_token(
            author.get(letter.path).content.decode()
            + author.get(reverse("acknowledgement:index")).content.decode()
        )

    before = pages()
    assert "Not yet received." in before
    for choice in (Receive.SESSION, Receive.NOT_YET):
        letter.refresh_from_db()
        letter.choose(sam, choice)
        assert pages() == before  # not a byte says which
    assert "session" not in before.lower()

    letter.refresh_from_db()
    letter.choose(sam, Receive.NOW)
    assert "Received." in author.get(letter.path).content.decode()


def test_comments_reach_the_author_only(sam, alex, hurt, involved, therapist):
    link(sam.couple, therapist, hurt, involved)
    draft = Letter.save_draft(alex, words(DRAFT), 1)
    draft.ask_review(alex)
    LetterComment.write(sam.couple, therapist, "COMMENT-MARKER")

    assert (
        "COMMENT-MARKER"
        in client_for(involved).get(reverse("acknowledgement:write")).content.decode()
    )
    draft.mark_ready(alex)
    draft.refresh_from_db()
    draft.choose(sam, Receive.NOW)
    assert "COMMENT-MARKER" not in everything_for(client_for(hurt), draft, sam.couple_id)
    assert LetterComment.objects.visible_to(sam).count() == 0


def test_a_private_answer_stays_with_the_hurt_partner(sam, alex, hurt, involved):
    letter = ready_letter(alex)
    letter.choose(sam, Receive.NOW)
    client_for(hurt).post(
        reverse("acknowledgement:reply", args=[letter.pk]),
        {"text": "PRIVATE-ANSWER", "share": "private"},
    )
    assert LetterReply.objects.get().text == "PRIVATE-ANSWER"
    assert "PRIVATE-ANSWER" in client_for(hurt).get(letter.path).content.decode()
    assert "PRIVATE-ANSWER" not in everything_for(client_for(involved), letter, sam.couple_id)

    client_for(hurt).post(
        reverse("acknowledgement:reply", args=[letter.pk]),
        {"text": "SHARED-ANSWER", "share": "shared"},
    )
    assert "SHARED-ANSWER" in client_for(involved).get(letter.path).content.decode()


def test_no_address_tells_the_author_more_than_received(sam, alex, hurt, involved):
    """Every letter page and fragment, the inbox and the export read the same for the
    author whether the hurt partner chose "at our next session", "not yet" or nothing."""
    letter = ready_letter(alex)
    Letter.save_draft(alex, words("NEXT"), 2)
    author = client_for(involved)
    urls = [
        reverse("acknowledgement:index"),
        reverse("acknowledgement:write"),
        letter.path,
        reverse("notices:inbox"),
    ]

    def everything() -> str:
        pages = [author.get(url).content.decode() for url in urls]
        pages += [author.get(url, headers={"HX-Request": "true"}).content.decode() for url in urls]
        return _without_token("\n".join(pages))

    before = everything()
    copy = reauthenticated_client(involved).get(reverse("export_download")).content.decode()
    for choice in (Receive.SESSION, Receive.NOT_YET, Receive.SESSION):
        letter.refresh_from_db()
        letter.choose(sam, choice)
        assert everything() == before
    assert "choice" not in copy and "received" not in copy
