"""Forgiveness, only on the hurt partner's terms: a private space, and a message shared
if and only if the hurt partner chooses."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from forgiveness.models import Message, Prompt, Reflection
from home import data_rights
from notices.models import Notice

from ..conftest import client_for
from ..therapists.builders import link, make_profile

pytestmark = pytest.mark.django_db

SPACE = reverse("forgiveness:space")
WRITE = reverse("forgiveness:write")


def reflect(user, text="It would not mean forgetting.", prompt=Prompt.WOULD_NOT_MEAN):
    return client_for(user).post(SPACE, {"prompt": prompt, "text": text})


def draft(user, text="Not now. Maybe not ever. I am still deciding."):
    response = client_for(user).post(WRITE, {"text": text})
    assert response.status_code == HTTPStatus.FOUND
    return Message.objects.latest("pk")


def test_the_hurt_partner_reflects_privately_with_warm_prompts(hurt, couple):
    page = client_for(hurt).get(SPACE).text
    for prompt in Prompt:
        assert str(prompt.label).replace("'", "&#x27;") in page
    assert "Why this matters:" in page

    response = reflect(hurt)

    assert response.status_code == HTTPStatus.FOUND
    saved = Reflection.objects.get()
    assert (saved.author, saved.prompt, saved.text) == (hurt, "would_not_mean", saved.text)
    assert "It would not mean forgetting." in client_for(hurt).get(SPACE).text


@pytest.mark.parametrize(
    "data",
    [
        {"prompt": "would_mean", "text": ""},
        {"prompt": "ready_to_forgive", "text": "Some words."},
        {"prompt": "would_mean", "text": "x" * 4001},
    ],
)
def test_invalid_input_is_a_form_error_never_a_500(hurt, couple, data):
    response = client_for(hurt).post(SPACE, data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not Reflection.objects.exists()


def test_an_empty_message_is_a_form_error(hurt, couple):
    response = client_for(hurt).post(WRITE, {"text": "   "})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not Message.objects.exists()


def test_no_progress_no_percentage_no_nudge(hurt, couple):
    reflect(hurt)
    draft(hurt)
    pages = [client_for(hurt).get(url).text for url in (SPACE, WRITE)]
    pages.append(client_for(hurt).get(Message.objects.get().path).text)

    for page in pages:
        lowered = page.lower()
        assert "<progress" not in lowered
        assert 'role="progressbar"' not in lowered
        assert "%" not in page.split("<main", 1)[1].split("</main>", 1)[0]
        assert "ready to forgive" not in lowered


@pytest.mark.parametrize("who", ["involved", "therapist", "outsider"])
def test_nobody_else_reaches_the_space_or_a_draft(request, hurt, involved, couple, who):
    make_profile(request.getfixturevalue("therapist"))
    link(couple, request.getfixturevalue("therapist"), hurt, involved)
    reflect(hurt)
    message = draft(hurt)
    client = client_for(request.getfixturevalue(who))
    urls = [SPACE, WRITE, message.path, reverse("forgiveness:share", args=[message.pk])]

    for url in urls:
        for method in ("get", "post", "put", "delete"):
            response = getattr(client, method)(url)
            share_visit = url.endswith("/share/") and method != "post"
            if who == "outsider" and (url in (SPACE, WRITE) or share_visit):
                # Robin is the hurt partner of his own couple: his own space, and
                # the share action answers his visit with 405 (never Sam's draft).
                continue
            assert response.status_code == HTTPStatus.NOT_FOUND, (url, method)
    assert not Notice.objects.filter(kind="forgiveness_shared").exists()


def test_sharing_is_the_hurt_partners_choice_and_the_partner_is_told_without_its_words(
    hurt, involved, couple
):
    message = draft(hurt, "I am not forgiving yet. Please don't ask me to.")
    assert client_for(involved).get(message.path).status_code == HTTPStatus.NOT_FOUND
    assert not Notice.objects.filter(recipient=involved).exists()

    response = client_for(hurt).post(reverse("forgiveness:share", args=[message.pk]))

    assert response.status_code == HTTPStatus.FOUND
    notice = Notice.objects.get(recipient=involved)
    assert notice.kind == "forgiveness_shared"
    assert "forgiving" not in notice.path
    page = client_for(involved).get(notice.link)
    assert page.status_code == HTTPStatus.OK
    assert "Please don&#x27;t ask me to." in page.text
    notice.refresh_from_db()
    assert notice.read_at is not None
    # Nothing to answer, nothing to ask for: no form on the partner's page.
    main = page.text.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<form" not in main


def test_a_shared_message_stays_as_it_was(hurt, involved, couple):
    message = draft(hurt, "First words.")
    client_for(hurt).post(reverse("forgiveness:share", args=[message.pk]))

    response = client_for(hurt).post(message.path, {"text": "Other words."})
    again = client_for(hurt).post(reverse("forgiveness:share", args=[message.pk]))

    assert response.status_code == HTTPStatus.FOUND
    assert again.status_code == HTTPStatus.FOUND
    message.refresh_from_db()
    assert message.text == "First words."
    assert Notice.objects.filter(recipient=involved).count() == 1


def test_the_partner_cannot_change_a_shared_message(hurt, involved, couple):
    message = draft(hurt)
    client_for(hurt).post(reverse("forgiveness:share", args=[message.pk]))

    response = client_for(involved).post(message.path, {"text": "Changed."})

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_a_draft_can_be_changed_before_it_is_shared(hurt, couple):
    message = draft(hurt, "First words.")

    client_for(hurt).post(message.path, {"text": "Better words."})

    message.refresh_from_db()
    assert message.text == "Better words."
    assert message.shared_at is None


def test_the_involved_partner_has_no_menu_item_and_the_hurt_partner_has(hurt, involved, couple):
    assert SPACE in client_for(hurt).get(reverse("home")).text
    assert SPACE not in client_for(involved).get(reverse("home")).text


def test_the_export_holds_it_for_the_author_only(hurt, involved, couple):
    reflect(hurt, "Words for me.")
    message = draft(hurt, "Words for you.")
    client_for(hurt).post(reverse("forgiveness:share", args=[message.pk]))

    sams = {s.key: s for s in data_rights.collect(hurt)}
    alexs = {s.key for s in data_rights.collect(involved)}

    assert [row["text"] for row in sams["forgiveness_reflections"].rows] == ["Words for me."]
    assert [row["text"] for row in sams["forgiveness_messages"].rows] == ["Words for you."]
    assert not {"forgiveness_reflections", "forgiveness_messages"} & alexs


def test_deleting_the_account_erases_what_the_hurt_partner_wrote(hurt, involved, couple):
    reflect(hurt)
    draft(hurt)

    data_rights.delete_account(hurt)

    assert not Reflection.objects.exists()
    assert not Message.objects.exists()
