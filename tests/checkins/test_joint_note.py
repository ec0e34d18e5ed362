"""The joint note and agreed next step: either partner edits, a stale edit never
silently overwrites the other's words."""

import re
from datetime import UTC, date, datetime
from http import HTTPStatus

import pytest
import time_machine

from checkins.models import CheckIn, StaleEdit

from ..conftest import client_for
from .conftest import answer_data, week_url

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
WEEK = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def revealed(hurt, involved, couple):
    checkin = CheckIn.objects.current_for(couple)
    checkin.submit(hurt, answer_data())
    checkin.submit(involved, answer_data())
    return checkin


def edit(user, note, step="", revision=0, htmx=False):
    headers = {"HX-Request": "true"} if htmx else {}
    data = {"joint_note": note, "next_step": step, "revision": revision}
    return client_for(user).post(week_url("save_shared", WEEK), data, headers=headers)


def hidden_revision(body: str) -> int:
    return int(re.search(r'name="revision" value="(\d+)"', body).group(1))


def test_either_partner_can_write_the_note_and_next_step(hurt, involved, revealed):
    response = edit(involved, "We both felt the weekend was calmer.", "Walk on Wednesday")

    assert response.status_code == HTTPStatus.FOUND
    revealed.refresh_from_db()
    assert revealed.joint_note == "We both felt the weekend was calmer."
    assert revealed.next_step == "Walk on Wednesday"
    assert revealed.revision == 1
    assert revealed.shared_updated_by == involved
    page = client_for(hurt).get(week_url("week", WEEK)).content.decode()
    assert "We both felt the weekend was calmer." in page
    assert "Last changed by Alex" in page


def test_a_stale_edit_is_refused_with_the_current_text_and_nothing_lost(hurt, involved, revealed):
    # Both opened the page at revision 0; Alex saves first.
    edit(involved, "Alex: we should plan Sunday together.", "Plan Sunday", revision=0)

    response = edit(hurt, "Sam: I'd like us to slow down a bit.", "Slow down", revision=0)

    assert response.status_code == HTTPStatus.CONFLICT
    body = response.content.decode()
    assert "Your partner changed this while you were writing" in body
    assert "Alex: we should plan Sunday together." in body  # the current text, shown
    assert "Sam: I&#x27;d like us to slow down a bit.</textarea>" in body  # Sam's words, kept
    assert hidden_revision(body) == 1  # saving again now builds on Alex's version
    revealed.refresh_from_db()
    assert revealed.joint_note == "Alex: we should plan Sunday together."
    assert revealed.next_step == "Plan Sunday"


def test_after_seeing_the_latest_text_the_edit_goes_through(hurt, involved, revealed):
    edit(involved, "Alex's note", revision=0)
    edit(hurt, "Sam's note", revision=0)

    response = edit(hurt, "Alex's note, and Sam's note", revision=1)

    assert response.status_code == HTTPStatus.FOUND
    revealed.refresh_from_db()
    assert (revealed.joint_note, revealed.revision) == ("Alex's note, and Sam's note", 2)


def test_a_stale_edit_through_htmx_returns_the_conflict_fragment(hurt, involved, revealed):
    edit(involved, "Alex's version", revision=0)

    response = edit(hurt, "Sam's version", revision=0, htmx=True)

    body = response.content.decode()
    assert response.status_code == HTTPStatus.CONFLICT
    assert "<html" not in body
    assert 'id="together"' in body
    assert "Alex&#x27;s version" in body
    assert "Sam&#x27;s version</textarea>" in body


def test_a_fresh_edit_through_htmx_returns_the_saved_fragment(hurt, revealed):
    response = edit(hurt, "A gentle week.", revision=0, htmx=True)

    body = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Saved for both of you." in body
    assert hidden_revision(body) == 1
    assert "<html" not in body


def test_two_edits_on_the_same_revision_cannot_both_win(hurt, involved, revealed):
    first = CheckIn.objects.get(pk=revealed.pk)
    second = CheckIn.objects.get(pk=revealed.pk)

    first.edit_shared(involved, "first", "", revision=0)
    with pytest.raises(StaleEdit):
        second.edit_shared(hurt, "second", "", revision=0)

    assert second.joint_note == "first"  # the refusal carries the current text
    revealed.refresh_from_db()
    assert revealed.joint_note == "first"


def test_the_joint_note_is_closed_until_both_have_shared(hurt, couple):
    CheckIn.objects.current_for(couple).submit(hurt, answer_data())

    response = edit(hurt, "Too early", revision=0)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "opens once you have both shared" in response.content.decode()
    assert CheckIn.objects.get().joint_note == ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"joint_note": "x" * 4001, "revision": 0}, "Please keep this to 4000 characters"),
        ({"next_step": "x" * 301, "revision": 0}, "Please keep this to 300 characters"),
        ({"joint_note": "ok"}, "Please reload the page and try again."),
        ({"joint_note": "ok", "revision": "abc"}, "Please reload the page and try again."),
    ],
)
def test_bad_joint_note_input_is_a_clear_form_error(hurt, revealed, data, message):
    response = client_for(hurt).post(week_url("save_shared", WEEK), data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert message in response.content.decode()
    revealed.refresh_from_db()
    assert revealed.revision == 0


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_a_clash_leads_with_a_focused_summary_and_keeps_both_texts(hurt, involved, revealed, htmx):
    edit(involved, "Alex's version", "Alex's step", revision=0)

    response = edit(hurt, "Sam's version", "Sam's step", revision=0, htmx=htmx)

    body = response.text
    assert response.status_code == HTTPStatus.CONFLICT
    summary = body[max(0, body.index("data-error-summary") - 200) :]
    assert 'role="alert"' in summary[:400] and "autofocus" in summary[:400]
    assert f'data-page-url="{week_url("week", WEEK)}"' in body  # the address comes back
    # Theirs, as now saved, comes after the summary; mine stays in the boxes.
    assert summary.index("Your partner changed this") < summary.index("Alex&#x27;s version")
    assert "Alex&#x27;s step" in summary
    assert "Sam&#x27;s version</textarea>" in body
    assert "Sam&#x27;s step</textarea>" in body


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_a_field_error_is_linked_from_the_summary(hurt, revealed, htmx):
    response = edit(hurt, "x" * 4001, revision=0, htmx=htmx)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert 'href="#id_joint_note"' in response.text
    assert ("x" * 4001 + "</textarea>") in response.text  # nothing typed is lost
