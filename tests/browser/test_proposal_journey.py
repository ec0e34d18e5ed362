"""A counter-proposal declined, over several days, between two partners in two
browsers: the original proposal is back as it was, and the counter-proposer is told,
without the comment's words (issue 17)."""

from datetime import timedelta

import pytest

from agreements.models import Agreement, Version
from notices.models import Notice

from ..agreements.builders import adopt
from .nav import nav_link
from .test_notices import count_shows, log_in, open_from_the_inbox, refresh_count

pytestmark = pytest.mark.django_db(transaction=True)

SAM_DIGITAL = "Our phones stay open to each other until our review in June."
ALEX_DIGITAL = "We show each other our phones when asked, for the next month."
SAM_REASON = "I need to see it for a while longer."
MARKER = "Marker-7Q2 the old phone in the drawer"


def test_a_declined_counter_proposal_puts_the_original_back_and_tells_its_author(
    server_clock, new_page, hurt, involved, couple
):
    adopt(Agreement.objects.for_couple(couple), involved, hurt)
    Notice.objects.mark_read()  # version 1 is old news: start from an empty inbox

    # Day 1: Sam proposes a revision of digital transparency.
    sam = new_page()
    log_in(sam, hurt.email, "Sam")
    nav_link(sam, "Agreement").click()
    sam.get_by_role("link", name="Propose a change").click()
    sam.get_by_label("Digital transparency").fill(SAM_DIGITAL)
    sam.get_by_label("Why this change?").fill(SAM_REASON)
    sam.get_by_role("button", name="Send to my partner").click()
    sam.get_by_text("Your proposal is waiting for your partner").wait_for()

    # Day 2: Alex reads it and, instead of accepting, counter-proposes.
    server_clock.shift(timedelta(days=1))
    alex = new_page()
    log_in(alex, involved.email, "Alex")
    count_shows(alex, 1)
    open_from_the_inbox(alex, "A change to your agreement waits for your answer")
    alex.get_by_role("heading", name="Proposed change").wait_for()
    count_shows(alex, 0)
    alex.get_by_role("link", name="Counter-propose").click()
    alex.get_by_role("heading", name="Counter-propose").wait_for()
    alex.get_by_label("Digital transparency").fill(ALEX_DIGITAL)
    alex.get_by_label("Why this change?").fill("Open all the time feels like too much for me.")
    alex.get_by_role("button", name="Send to my partner").click()
    alex.get_by_text("Your proposal is waiting for your partner").wait_for()
    assert alex.get_by_role("heading", name="Waiting for your partner").is_visible()

    # Day 4: Sam declines the counter-proposal, with a comment.
    server_clock.shift(timedelta(days=2))
    log_in(sam, hurt.email, "Sam")  # days later: signed out when idle
    nav_link(sam, "Agreement").click()
    sam.get_by_role("link", name="See what would change").click()
    sam.locator(".diff-text ins", has_text="when asked").first.wait_for()
    sam.get_by_label("What would you like to be different?").fill(MARKER)
    sam.get_by_role("button", name="Decline, with this comment").click()
    sam.get_by_text("Your answer and comment are with your partner.").wait_for()
    # Sam's own proposal is waiting again.
    assert sam.get_by_text("You proposed a change on 2 March.").is_visible()

    # Day 5: Alex, who made the counter-proposal, is told on the navigation...
    server_clock.shift(timedelta(days=1))
    log_in(alex, involved.email, "Alex")
    refresh_count(alex)
    count_shows(alex, 1)

    # ... and in the inbox, which names what happened and links to it, no more.
    alex.locator("#notice-count").click()
    alex.get_by_role("heading", name="What's new").wait_for()
    counter = Version.objects.get(status=Version.Status.DECLINED, proposed_by=involved)
    notice = alex.get_by_role("link", name="Your proposed change was declined, with a comment")
    assert notice.count() == 1
    assert notice.get_attribute("href").startswith(f"{counter.path}?notice=")
    assert MARKER not in alex.content()
    assert "old phone in the drawer" not in alex.content()
    notice.click()
    alex.get_by_text("Declined", exact=True).wait_for()
    assert alex.get_by_text(ALEX_DIGITAL).count() > 0  # the counter-proposal, kept
    assert alex.get_by_text(MARKER).is_visible()  # the comment is with the item only
    count_shows(alex, 0)

    # The original proposal is open again, in Sam's words, waiting for Alex.
    nav_link(alex, "Agreement").click()
    heading = alex.get_by_role("heading", name="A proposed change is waiting")
    waiting = alex.locator(".card", has=heading)
    waiting.get_by_text("Sam proposed a change on 2 March").wait_for()
    waiting.get_by_role("link", name="See what would change").click()
    alex.get_by_role("heading", name="Proposed change").wait_for()
    assert alex.get_by_text("Waiting for acceptance").is_visible()
    assert alex.get_by_text(f"Why: {SAM_REASON}").is_visible()
    alex.get_by_text("Read the full text").click()
    assert alex.get_by_text(SAM_DIGITAL).is_visible()
    assert alex.get_by_text(ALEX_DIGITAL).count() == 0
    assert alex.get_by_role("heading", name="Your answer").is_visible()
    assert alex.get_by_role("button", name="Accept this change").is_visible()
    assert alex.get_by_role("link", name="Counter-propose").is_visible()
    assert alex.get_by_text("Accepted by Sam on 2 March 2026").is_visible()
    assert alex.get_by_text("Accepted by Alex").count() == 0
