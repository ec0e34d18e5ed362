"""Gentle wording hints in Chromium: a hint appears while writing a reassurance, the
reassurance is sent as written, and the browser notices exactly what the server does."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from triggers.models import Reassurance, Sharing

from ..factories import make_couple, make_user
from ..recovery.test_gentle import LEFT_ALONE, NOTICED
from ..triggers.builders import log
from .test_accessibility import problems_on
from .test_triggers import log_in

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = "You always go quiet when I need you."


@pytest.fixture
def shared_trigger():
    sam = make_user("sam@example.test", "Sam")
    alex = make_user("alex@example.test", "Alex")
    make_couple(sam, alex)
    return log(sam, sharing=Sharing.SHARE_NOW, what_happened="A message at midnight.")


def open_reassurance(page, trigger):
    log_in(page, "alex@example.test", "Hello, Alex")
    page.goto(f"/triggers/{trigger.pk}/")
    page.wait_for_load_state()  # the scripts are loaded with defer


def test_a_hint_appears_while_writing_and_the_reassurance_is_still_sent(new_page, shared_trigger):
    alex = new_page()
    open_reassurance(alex, shared_trigger)
    field = alex.get_by_label("Your reassurance")

    field.press_sequentially(TEXT)

    hint = alex.locator(".gentle-hint")
    hint.get_by_text("A gentle thought:").wait_for()
    assert hint.get_attribute("aria-live") == "polite"
    assert "“Always”" in hint.inner_text()
    assert hint.get_by_role("link", name="You can turn these hints off in Settings.").is_visible()
    assert problems_on(alex, Axe(), "a reassurance with a gentle hint") == []

    field.fill("You always make me laugh, and I'm here.")
    hint.and_(alex.locator(":empty")).wait_for(state="attached")

    field.fill(TEXT)
    hint.get_by_text("A gentle thought:").wait_for()
    alex.get_by_role("button", name="Send reassurance").click()
    alex.get_by_text("Sent. Thank you for being there.").wait_for()
    assert Reassurance.objects.get().text == TEXT
    # Offered while writing, so not offered again after sending.
    assert "A gentle thought for next time" not in alex.locator("#messages").inner_text()
    assert alex.locator(".gentle-hint").inner_text() == ""

    sam = new_page()
    log_in(sam, "sam@example.test", "Hello, Sam")
    sam.goto(f"/triggers/{shared_trigger.pk}/")
    sam.get_by_text(TEXT).wait_for()
    assert sam.locator("#gentle-hints").count() == 0  # Sam cannot reassure here


def test_the_browser_notices_exactly_what_the_server_does(new_page, shared_trigger):
    alex = new_page()
    open_reassurance(alex, shared_trigger)
    cases = [text for text, _key in NOTICED] + LEFT_ALONE

    found = alex.evaluate("texts => texts.map(t => window.gentleHints.match(t))", cases)

    assert found == [key for _text, key in NOTICED] + [None] * len(LEFT_ALONE)


def test_with_the_setting_off_no_hint_appears(new_page, shared_trigger):
    alex = new_page()
    log_in(alex, "alex@example.test", "Hello, Alex")
    alex.goto(reverse("profile"))
    alex.get_by_label("Offer gentler wording while I write").uncheck()
    alex.get_by_role("button", name="Save").click()
    alex.get_by_text("Saved.").wait_for()

    alex.goto(f"/triggers/{shared_trigger.pk}/")
    alex.wait_for_load_state()
    alex.get_by_label("Your reassurance").fill(TEXT)
    alex.get_by_role("button", name="Send reassurance").click()
    alex.get_by_text("Sent. Thank you for being there.").wait_for()

    assert alex.locator(".gentle-hint").count() == 0
    assert alex.evaluate("typeof window.gentleHints") == "undefined"
    assert Reassurance.objects.get().text == TEXT
