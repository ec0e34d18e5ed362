"""Gentle wording hints: a form sent without JavaScript is saved exactly as written,
and the next page offers the hint once; with the setting off, nothing at all."""

import html
import json
import logging
import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from accounts.hints import SHOWN_WHILE_WRITING
from checkins.models import Answer as CheckInAnswer
from checkins.models import CheckIn
from recovery import gentle
from together.models import Question, Readiness
from triggers.models import Reassurance, Sharing

from ..conftest import client_for, reauthenticated_client
from ..triggers.builders import log

FLAGGED = "You always go quiet when I need you. MARKER-GENTLE-4417"
HINT = "A gentle thought for next time:"


@pytest.fixture
def shared(couple, hurt):
    return log(hurt, sharing=Sharing.SHARE_NOW)


def reassure(client, trigger, text, **extra):
    url = reverse("triggers:reassure", args=[trigger.pk])
    return client.post(url, {"text": text} | extra, follow=True)


def turn_off(user):
    user.gentle_hints = False
    user.save(update_fields=["gentle_hints"])


def test_a_flagged_reassurance_is_saved_as_written_and_the_hint_shows_once(
    shared, involved, caplog
):
    client = client_for(involved)
    caplog.set_level(logging.DEBUG)

    response = reassure(client, shared, FLAGGED)

    assert response.redirect_chain == [
        (reverse("triggers:detail", args=[shared.pk]), HTTPStatus.FOUND)
    ]
    assert Reassurance.objects.get().text == FLAGGED
    page = response.content.decode()
    assert "Your reassurance was sent." in page
    message = re.search(r'<p class="message message-info">(.*?)</p>', page, re.S).group(1)
    assert HINT in message and "Always" in message
    assert "MARKER-GENTLE" not in message and "go quiet" not in message
    again = client.get(reverse("triggers:detail", args=[shared.pk])).content.decode()
    assert HINT not in again
    assert not [r for r in caplog.records if "MARKER-GENTLE" in r.getMessage()]


def test_the_hint_is_not_repeated_when_the_page_already_offered_it(shared, involved):
    response = reassure(client_for(involved), shared, FLAGGED, **{SHOWN_WHILE_WRITING: "1"})

    assert Reassurance.objects.get().text == FLAGGED
    assert HINT not in response.content.decode()


def test_kind_words_get_no_hint(shared, involved):
    response = reassure(client_for(involved), shared, "You always make me laugh. I'm here.")

    assert HINT not in response.content.decode()


def test_with_the_setting_off_nothing_is_offered_or_sent_to_the_page(shared, involved):
    turn_off(involved)
    client = client_for(involved)

    page = client.get(reverse("triggers:detail", args=[shared.pk])).content.decode()
    response = reassure(client, shared, FLAGGED)

    assert "data-gentle-hint" not in page
    assert "gentle.js" not in page and 'id="gentle-hints"' not in page
    assert Reassurance.objects.get().text == FLAGGED
    assert HINT not in response.content.decode()


def test_the_page_gives_the_script_the_modules_own_list(shared, involved):
    page = client_for(involved).get(reverse("triggers:detail", args=[shared.pk])).content.decode()

    assert re.search(r"<textarea [^>]*data-gentle-hint", page)
    assert "/static/js/gentle.js" in page
    data = re.search(r'<meta name="gentle-hints" id="gentle-hints" content="([^"]*)">', page)
    hints = json.loads(html.unescape(data.group(1)))
    assert hints["patterns"] == gentle.for_browser("en")
    assert hints["field"] == SHOWN_WHILE_WRITING
    assert hints["settings_url"] == reverse("profile")


def test_a_flagged_answer_to_a_question_is_saved_and_the_hint_shows(hurt, involved, couple):
    membership = hurt.memberships.get()
    question = Question.ask(membership, "Where were you on Thursdays?", Readiness.READY_NOW)
    client = client_for(involved)
    form_page = client.get(reverse("together:question", args=[question.pk])).content.decode()
    text = "It was just lunch, and I'm sorry if you felt hurt."

    response = client.post(
        reverse("together:answer", args=[question.pk]), {"text": text}, follow=True
    )

    assert re.search(r"<textarea [^>]*data-gentle-hint", form_page)
    assert question.answers.get().text == text
    page = response.content.decode()
    assert HINT in page and gentle.first_match(text, "en").key == "minimising"
    assert "It was just lunch" not in re.search(r'message-info">(.*?)</p>', page, re.S).group(1)


def test_a_flagged_check_in_draft_is_saved_and_the_hint_shows(hurt, couple):
    client = client_for(hurt)
    form_page = client.get(reverse("checkins:this_week")).content.decode()
    week = CheckIn.objects.get().week_start.isoformat()
    url = reverse("checkins:save_answer", args=[week])

    response = client.post(url, {"action": "draft", "need_text": "Just calm down."}, follow=True)

    assert len(re.findall(r"<textarea [^>]*data-gentle-hint", form_page)) == 4
    assert CheckInAnswer.objects.get().need_text == "Just calm down."
    assert HINT in response.content.decode()


def test_the_autosave_while_typing_never_adds_a_message(hurt, couple):
    client = client_for(hurt)
    client.get(reverse("checkins:this_week"))
    week = CheckIn.objects.get().week_start.isoformat()
    url = reverse("checkins:save_answer", args=[week])

    client.post(
        url, {"action": "draft", "need_text": "Just calm down."}, headers={"HX-Request": "true"}
    )

    assert HINT not in client.get(reverse("checkins:this_week")).content.decode()


def test_the_setting_is_changed_on_the_settings_page_and_is_on_by_default(hurt):
    client = client_for(hurt)
    assert hurt.gentle_hints is True
    assert "Offer gentler wording while I write" in client.get(reverse("profile")).content.decode()

    client.post(reverse("profile"), {"display_name": "Sam", "timezone": "UTC"})

    hurt.refresh_from_db()
    assert hurt.gentle_hints is False


def test_the_choice_is_in_the_persons_export(hurt):
    turn_off(hurt)

    response = reauthenticated_client(hurt).get(reverse("export_download"))

    [account] = json.loads(response.content)["sections"]["account"]
    assert account["gentle_hints"] is False
