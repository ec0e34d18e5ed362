"""A guided intensive in three browsers: Dr. Lee plans two days with a conversation
guide; both partners see the plan; when the step's time comes, Sam and Alex take turns
on their own phones (one taps "Next turn", the other sees the turn change), and the
step is marked done. Nothing they said is typed, let alone kept."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from intensives.models import Step

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "What the last months were like"
PROMPT = "Each of you speaks about one moment that stayed with you."


def next_turn(tapper, watcher, tapper_sees: str, watcher_sees: str) -> None:
    """One device moves the conversation on; the other one follows by itself (each
    names its own person "You")."""
    tapper.get_by_role("button", name="Next turn").click()
    expect(tapper.locator("#turn")).to_contain_text(tapper_sees)
    expect(watcher.locator("#turn")).to_contain_text(watcher_sees)


def test_an_intensive_from_planning_to_a_conversation_on_two_phones(
    new_page, server_clock, sam_alex_and_dr_lee
):
    couple, sam_user, alex_user, lee_user = sam_alex_and_dr_lee

    dr_lee, sam, alex = new_page(), new_page(), new_page()
    for page, person in ((dr_lee, lee_user), (sam, sam_user), (alex, alex_user)):
        log_in(page, person.email)

    # Dr. Lee plans Tuesday and Wednesday, with a conversation guide on Tuesday morning.
    dr_lee.goto(f"/therapists/couples/{couple.pk}/")
    dr_lee.get_by_role("link", name="Intensives").click()
    dr_lee.get_by_label("First day").fill("2026-03-03")
    dr_lee.get_by_label("Last day").fill("2026-03-04")
    dr_lee.get_by_role("button", name="Plan the intensive").click()
    dr_lee.get_by_text("Intensive planned.").wait_for()
    dr_lee.get_by_label("What the step is").select_option("guide")
    dr_lee.get_by_label("Name of the conversation").fill(TITLE)
    dr_lee.get_by_label("The prompt, in your words").fill(PROMPT)
    dr_lee.get_by_label("Minutes for each turn to speak").fill("2")
    dr_lee.get_by_label("Rounds (each partner speaks once a round)").fill("1")
    dr_lee.get_by_label("Opens at").fill("2026-03-03T10:00")
    dr_lee.get_by_label("Closes at").fill("2026-03-03T12:00")
    dr_lee.get_by_role("button", name="Add the step").click()
    dr_lee.get_by_text("Step added.").wait_for()
    dr_lee.get_by_role("cell", name=TITLE).wait_for()

    # Both partners see it: Sam on Today, Alex on the together page; not open yet.
    sam.goto("/")
    sam.get_by_role("heading", name="An intensive with your therapist").wait_for()
    alex.goto("/together/")
    alex.get_by_role("link", name="See the plan").click()
    alex.get_by_role("link", name=TITLE).wait_for()
    alex.get_by_text("Opens at its time", exact=True).wait_for()

    # Tuesday, 10:05: the step is open. Each signs in again on their own phone.
    server_clock.shift(timedelta(days=1, hours=1, minutes=5))
    for page, person in ((sam, sam_user), (alex, alex_user)):
        log_in(page, person.email)
        page.get_by_role("link", name="See the plan").click()
        page.get_by_text("Open now", exact=True).wait_for()
        page.get_by_role("link", name=TITLE).click()
        page.get_by_text(PROMPT).wait_for()
    sam.get_by_role("button", name="Begin").click()
    expect(sam.locator("#turn")).to_contain_text("Speaking: You")
    expect(alex.locator("#turn")).to_contain_text("Speaking: Sam")  # seen without a tap
    expect(alex.locator("#turn")).to_contain_text("Listening: You")
    # A gentle countdown of the turn's two minutes, counted from the server's clock.
    expect(sam.locator(".turn-timer")).to_have_text(re.compile(r"^[12]:\d\d$"))
    assert not sam.locator("textarea, input[type=text]").count()  # nothing to type
    violations = Axe().run(sam).response["violations"]
    assert not [v["id"] for v in violations if v["impact"] in ("serious", "critical")]

    next_turn(sam, alex, "Reflecting: Alex", "Reflecting: You")
    next_turn(alex, sam, "Next to speak: You", "Next to speak: Alex")
    next_turn(sam, alex, "Speaking: Alex", "Speaking: You")
    next_turn(alex, sam, "Reflecting: Sam", "Reflecting: You")
    next_turn(sam, alex, "That was the last turn.", "That was the last turn.")

    alex.get_by_role("button", name="Mark this step as done").click()
    alex.get_by_text("Marked as done.").wait_for()
    expect(sam.locator("#turn")).to_contain_text("Done.")
    step = Step.objects.get()
    assert step.completed_by == alex_user and step.current_turn() is None
