"""Two partners in two browsers: an honest "often" in the false-connection check slows
the exercises for both at once; the hurt partner's forgiveness space stays hers
alone, until, days later, she chooses to share a message, which her partner reads."""

from datetime import timedelta

import pytest

from accounts.models import User
from forgiveness.models import Message, Reflection
from pacing.models import FalseConnectionCheck, gate_for
from tests.pacing.builders import open_tier_two

from ..factories import make_couple, make_user
from .nav import nav_link
from .test_notices import log_in, open_from_the_inbox

pytestmark = pytest.mark.django_db(transaction=True)

REFLECTION = "It would not mean that what happened was fine, or that I stop being careful."
SHARED = "I'm not there yet, and I may never be. Please let me get there on my own."
TIER_TWO = "Open now: up to tier 2, Everyday reconnection"
TIER_ONE = "Open now: up to tier 1, Talking and listening"
RUSHED = "rushed toward closeness to ease the tension"
OTHERS = (
    "said things were fine when they weren't",
    "avoided a conversation we needed",
    "felt pressured, or pressured my partner, to forgive or move on",
    "used affection to skip something painful",
)


def answer_lately(page, often: str):
    page.get_by_role("link", name="Lately, have I…").click()
    page.wait_for_load_state()
    for question in (RUSHED, *OTHERS):
        choice = "Often" if question == often else "Not at all"
        page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Thank you for looking at this honestly, and kindly.").wait_for()


def test_rushing_slows_the_pace_at_once_and_forgiveness_stays_on_her_terms(server_clock, new_page):
    couple = make_couple(
        make_user("sam@example.test", "Sam"), make_user("alex@example.test", "Alex")
    )
    sam_user = User.objects.get(email="sam@example.test")
    open_tier_two(sam_user)
    assert gate_for(couple).tier == 2
    sam, alex = new_page(), new_page()
    log_in(sam, "sam@example.test", "Sam")
    log_in(alex, "alex@example.test", "Alex")

    # Tier 2 is open for both.
    for page in (sam, alex):
        nav_link(page, "Exercises").click()
        page.get_by_text(TIER_TWO).wait_for()

    # Sam writes in her forgiveness space, which only her navigation offers.
    nav_link(sam, "Forgiveness, for you").click()
    sam.get_by_role("heading", name="Forgiveness, on your terms").wait_for()
    sam.get_by_label("What would forgiveness not mean?", exact=False).check()
    sam.get_by_label("Your reflection").fill(REFLECTION)
    sam.get_by_role("button", name="Save for myself").click()
    sam.get_by_text("Saved, just for you.").wait_for()
    sam.get_by_text(REFLECTION).wait_for()
    assert Reflection.objects.count() == 1

    # Alex answers honestly: rushing, often. The pace slows at once, for both.
    alex.wait_for_load_state()
    nav = alex.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name="Forgiveness, for you").count() == 0
    answer_lately(alex, often=RUSHED)
    alex.get_by_text("the exercises will go a little slower for now").wait_for()
    nav_link(alex, "Exercises").click()
    alex.get_by_text(TIER_ONE).wait_for()
    alex.get_by_text("Things slowed down a little recently.").wait_for()
    sam.goto("/exercises/")
    sam.get_by_text(TIER_ONE).wait_for()
    assert "Often" not in sam.locator("main").inner_text()  # never Alex's answers
    assert FalseConnectionCheck.objects.get().rushed == 2

    # The space does not exist for Alex: not its address, not its words.
    alex.goto("/forgiveness/")
    alex.get_by_role("heading", name="We couldn't find that page").wait_for()
    assert REFLECTION not in alex.content()

    # Days later, Sam writes a message, keeps it as a draft, then chooses to share it.
    server_clock.shift(timedelta(days=4))
    log_in(sam, "sam@example.test", "Sam")  # signed out after being away
    nav_link(sam, "Forgiveness, for you").click()
    sam.get_by_role("link", name="Write a private draft").click()
    sam.get_by_label("What you would like your partner to know").fill(SHARED)
    sam.get_by_role("button", name="Save the draft").click()
    sam.get_by_text("Saved as a private draft. Nothing has been shared.").wait_for()
    draft_url = sam.url
    log_in(alex, "alex@example.test", "Alex")
    alex.goto(draft_url)
    alex.get_by_role("heading", name="We couldn't find that page").wait_for()
    assert SHARED not in alex.content()

    sam.get_by_role("button", name="Share with my partner").click()
    sam.get_by_text("Shared. Your partner can read it now.").wait_for()
    assert Message.objects.get().shared_at is not None

    # Alex is told that something was shared (never its words) and reads it then.
    alex.goto("/")
    open_from_the_inbox(alex, "Your partner chose to share a message with you about forgiveness")
    alex.get_by_text(SHARED).wait_for()
    alex.get_by_text("There is nothing you need to do or answer").wait_for()
    assert REFLECTION not in alex.content()
    assert alex.locator("main form").count() == 0
