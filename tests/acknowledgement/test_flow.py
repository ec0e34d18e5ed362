"""Writing, delivering and receiving the letter: autosave, the refusals (a form error
or a 404, never a 500), versions that stay as they were, and the notices, each only
once its item is visible to its recipient."""

import json
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from acknowledgement.models import Letter, LetterError, LetterReply, Receive, StaleDraft
from notices.models import Kind, Notice

from ..conftest import client_for, reauthenticated_client
from ..factories import make_couple, make_user
from ..repair.builders import member
from ..therapists.builders import link
from .builders import ready_letter, words

pytestmark = pytest.mark.django_db

SAVE = reverse("acknowledgement:save")
HTMX = {"HX-Request": "true"}


def kinds(user) -> list[str]:
    letters = Notice.objects.filter(recipient=user, kind__startswith="letter_")
    return list(letters.values_list("kind", flat=True))


def test_autosave_keeps_each_word_and_answers_with_a_small_fragment(alex, involved):
    client = client_for(involved)
    first = client.post(SAVE, {"number": 1, "what_i_did": "I lied"}, headers=HTMX)
    assert first.status_code == HTTPStatus.OK
    assert "Draft saved at" in first.content.decode()
    assert "<html" not in first.content.decode()
    client.post(SAVE, {"number": 1, "what_i_did": "I lied to you", "impact": "x"}, headers=HTMX)
    draft = Letter.objects.get()
    assert (draft.number, draft.what_i_did, draft.impact) == (1, "I lied to you", "x")
    assert draft.is_draft
    page = client.get(reverse("acknowledgement:write")).content.decode()
    assert "I lied to you" in page


def test_marking_an_empty_letter_ready_is_a_form_error(alex, involved, hurt):
    response = client_for(involved).post(SAVE, {"number": 1, "what_i_did": "I lied", "ready": ""})
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Before it is ready, please write each part" in response.content.decode()
    letter = Letter.objects.get()
    assert letter.is_draft and letter.what_i_did == "I lied"  # nothing typed is lost
    assert kinds(hurt) == []


@pytest.mark.parametrize(
    "data",
    [
        {"number": "0"},
        {"number": "many"},
        {"number": "99999999999999999999999"},
        {"number": 1, "impact": "x" * 5000},
        {},
    ],
)
def test_bad_input_is_a_form_error_never_a_500(alex, involved, data):
    for headers in ({}, HTMX):
        response = client_for(involved).post(SAVE, data, headers=headers)
        assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not Letter.objects.exists()


@pytest.mark.parametrize("choice", ["", "later", "now " * 3, "1"])
def test_an_unknown_choice_is_a_form_error(sam, alex, hurt, choice):
    letter = ready_letter(alex)
    url = reverse("acknowledgement:choose", args=[letter.pk])
    response = client_for(hurt).post(url, {"choice": choice})
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please choose one." in response.content.decode()
    letter.refresh_from_db()
    assert letter.choice == "" and not letter.is_received


def test_an_empty_answer_is_a_form_error(sam, alex, hurt):
    letter = ready_letter(alex)
    letter.choose(sam, Receive.NOW)
    response = client_for(hurt).post(
        reverse("acknowledgement:reply", args=[letter.pk]), {"text": " ", "share": "shared"}
    )
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not LetterReply.objects.exists()


def test_another_couples_letter_is_a_404(sam, alex, hurt, involved):
    robin, jamie = make_user("robin@example.test"), make_user("jamie@example.test")
    make_couple(robin, jamie)
    theirs = ready_letter(member(jamie), "THEIRS")
    theirs.choose(member(robin), Receive.NOW)
    for person in (hurt, involved):
        client = client_for(person)
        assert client.get(theirs.path).status_code == HTTPStatus.NOT_FOUND
        for name, data in (
            ("choose", {"choice": "now"}),
            ("reply", {"text": "x", "share": "shared"}),
            ("share", {"share": "yes"}),
        ):
            url = reverse(f"acknowledgement:{name}", args=[theirs.pk])
            assert client.post(url, data).status_code == HTTPStatus.NOT_FOUND
    assert not LetterReply.objects.exists()
    assert Letter.objects.get(pk=theirs.pk).shared_with_therapist_at is None


def test_the_hurt_partner_changes_their_mind_then_receives_it(sam, alex, hurt, involved):
    letter = ready_letter(alex)
    assert kinds(hurt) == [Kind.LETTER_READY]
    url = reverse("acknowledgement:choose", args=[letter.pk])
    client = client_for(hurt)
    for choice in ("session", "not_yet", "session"):
        client.post(url, {"choice": choice})
        letter.refresh_from_db()
        assert letter.choice == choice and not letter.is_received
    assert kinds(involved) == []  # nothing tells the author of a "not yet"

    client.post(url, {"choice": "now"})
    letter.refresh_from_db()
    assert letter.is_received
    assert kinds(involved) == [Kind.LETTER_RECEIVED]
    # Received stays received: a later "not yet" changes nothing.
    client.post(url, {"choice": "not_yet"})
    letter.refresh_from_db()
    assert letter.choice == Receive.NOW and letter.is_received
    # Nothing ever asks for an answer: no notice, no nudge, the form folded away.
    assert kinds(hurt) == [Kind.LETTER_READY]
    page = client.get(letter.path).content.decode()
    assert '<details class="card">' in page and "only if you want to" in page


def test_only_the_involved_partner_writes_and_only_the_hurt_partner_chooses(sam, alex):
    with pytest.raises(PermissionDenied):
        Letter.save_draft(sam, words("x"), 1)
    letter = ready_letter(alex)
    with pytest.raises(PermissionDenied):
        letter.choose(alex, Receive.NOW)
    assert not Letter.objects.received().exists()


def test_a_delivered_version_stays_exactly_as_it_was(sam, alex, involved):
    first = ready_letter(alex, "FIRST")
    with pytest.raises(StaleDraft):
        Letter.save_draft(alex, words("CHANGED"), 1)
    first.what_i_did = "CHANGED"
    with pytest.raises(LetterError):
        first.save()
    with pytest.raises(LetterError):
        first.save(update_fields=["what_i_did"])

    # An open page of version 1 that autosaves after it was marked ready: refused, shown.
    client = client_for(involved)
    stale = client.post(SAVE, {"number": 1, "what_i_did": "typed late"}, headers=HTMX)
    assert stale.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "marked ready in the meantime" in stale.content.decode()

    # A new version starts from the last one's words; the first is untouched.
    page = client.get(reverse("acknowledgement:write")).content.decode()
    assert "FIRST-what_i_did" in page
    assert 'name="number" value="2"' in page
    client.post(SAVE, {"number": 2, **words("SECOND")})
    assert Letter.objects.get(number=1).what_i_did == "FIRST-what_i_did"
    assert Letter.objects.get(number=2).what_i_did == "SECOND-what_i_did"
    assert Letter.objects.drafts().count() == 1


def test_notices_name_the_kind_and_never_the_words(sam, alex, hurt, involved, therapist):
    link(sam.couple, therapist, hurt, involved)
    client = client_for(involved)
    client.post(SAVE, {"number": 1, **words("WORDS")})
    assert kinds(hurt) == []  # a draft tells nobody
    client.post(reverse("acknowledgement:review"))
    assert kinds(therapist) == [Kind.LETTER_READ_ASKED]
    client_for(therapist).post(
        reverse("acknowledgement:comment", args=[sam.couple_id]), {"text": "A thought"}
    )
    assert kinds(involved) == [Kind.LETTER_COMMENT]
    client.post(SAVE, {"number": 1, **words("WORDS"), "ready": ""})
    assert kinds(hurt) == [Kind.LETTER_READY]
    letter = Letter.objects.get()
    letter.choose(sam, Receive.NOW)
    reply = reverse("acknowledgement:reply", args=[letter.pk])
    client_for(hurt).post(reply, {"text": "kept", "share": "private"})
    assert Kind.LETTER_REPLY not in kinds(involved)
    client_for(hurt).post(reply, {"text": "shared now", "share": "shared"})
    assert kinds(involved).count(Kind.LETTER_REPLY) == 1
    paths = set(Notice.objects.values_list("path", flat=True))
    assert not any("WORDS" in path or "shared" in path for path in paths)
    inbox = client_for(hurt).get(reverse("notices:inbox")).content.decode()
    assert "ready for you, whenever you choose" in inbox and "WORDS" not in inbox


def test_a_shared_answer_stays_as_it_was(sam, alex, hurt):
    letter = ready_letter(alex)
    letter.choose(sam, Receive.NOW)
    LetterReply.save_for(sam, letter, "first", share=True)
    with pytest.raises(LetterError):
        LetterReply.save_for(sam, letter, "second", share=False)
    assert LetterReply.objects.get().text == "first"


def test_the_export_holds_each_persons_own_words(sam, alex, hurt, involved):
    letter = ready_letter(alex, "ALEX")
    letter.choose(sam, Receive.NOW)
    LetterReply.save_for(sam, letter, "SAM-ANSWER", share=False)
    download = reverse("export_download")
    alex_copy = json.loads(reauthenticated_client(involved).get(download).content)
    assert alex_copy["sections"]["letters"][0]["what_i_did"] == "ALEX-what_i_did"
    assert "SAM-ANSWER" not in json.dumps(alex_copy)
    sam_copy = json.loads(reauthenticated_client(hurt).get(download).content)
    assert sam_copy["sections"]["letter_replies"][0]["text"] == "SAM-ANSWER"
    assert "ALEX-" not in json.dumps(sam_copy)


def test_the_answer_outlives_the_authors_account(sam, alex, hurt, involved):
    from home.data_rights import delete_account

    letter = ready_letter(alex)
    letter.choose(sam, Receive.NOW)
    LetterReply.save_for(sam, letter, "mine to keep", share=False)
    delete_account(involved)
    assert not Letter.objects.exists()
    assert LetterReply.objects.get(author=hurt).text == "mine to keep"
