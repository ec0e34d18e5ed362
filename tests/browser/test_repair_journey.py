"""A pause, "We're back", and a repair between two partners in two browsers: each
writes, listens and reflects back, finishes; both sides open together; a shared plan
both accept; and the time it took to come back appears, kindly."""

from datetime import timedelta

import pytest

from repair.models import Repair, RepairSide

from ..factories import make_couple, make_user
from .test_notices import log_in, open_from_the_inbox

pytestmark = pytest.mark.django_db(transaction=True)

SAM_LIKE = "When you went silent I felt the old fear come back."
ALEX_LIKE = "I froze, because I was afraid of making it worse."
SAM_PART = "I raised my voice before I asked what was going on."
ALEX_PART = "Going silent left you alone with the fear."


def come_back_later(page, email, name):
    """Each partner comes back later on another browser: the journey is about the two of
    them, not about when an idle login times out."""
    page.context.clear_cookies()
    log_in(page, email, name)


def test_a_pause_leads_to_a_repair_both_finish_and_the_time_to_come_back(server_clock, new_page):
    make_couple(make_user("sam@example.test", "Sam"), make_user("alex@example.test", "Alex"))
    sam, alex = new_page(), new_page()
    log_in(sam, "sam@example.test", "Sam")
    log_in(alex, "alex@example.test", "Alex")

    # Sam asks for a pause; when it is over, "We're back", then "Talk it through".
    sam.goto("/together/pause/")
    sam.get_by_label("20 minutes").check()
    sam.get_by_role("button", name="Start the pause").click()
    sam.get_by_role("heading", name="You're taking a pause").wait_for()
    server_clock.shift(timedelta(minutes=21))
    sam.reload()
    sam.get_by_role("button", name="We're back").click()
    sam.get_by_role("link", name="Talk it through").click()
    sam.get_by_role("button", name="Start our repair").click()
    sam.get_by_text("Your repair has started").wait_for()

    # Sam writes what it was like; the rest waits for listening.
    sam.get_by_label("scared").check()
    sam.get_by_label("What it was like for me").fill(SAM_LIKE)
    sam.get_by_role("button", name="Save", exact=True).click()
    sam.get_by_text("Saved.").wait_for()
    assert sam.get_by_label("My part in it").count() == 0

    # Alex is told, reads Sam's words, writes his own, listens and finishes.
    server_clock.shift(timedelta(minutes=20))
    come_back_later(alex, "alex@example.test", "Alex")
    open_from_the_inbox(alex, "Your partner started a repair conversation")
    alex.get_by_text(SAM_LIKE).wait_for()
    alex.get_by_label("ashamed").check()
    alex.get_by_label("What it was like for me").fill(ALEX_LIKE)
    alex.get_by_label("What I hear is").fill("That my silence brought the old fear back.")
    alex.get_by_label("My part in it").fill(ALEX_PART)
    alex.get_by_label("One thing I will do differently next time").fill("Say I need a minute.")
    alex.get_by_role("button", name="Finish my side").click()
    alex.get_by_text("Your side is finished").wait_for()
    assert SAM_PART not in alex.content()

    # Sam reads Alex's words and what Alex heard, says "yes, that's it", and finishes.
    server_clock.shift(timedelta(minutes=20))
    repair_page = sam.url
    come_back_later(sam, "sam@example.test", "Sam")
    sam.goto(repair_page)
    sam.get_by_text(ALEX_LIKE).wait_for()
    assert ALEX_PART not in sam.content()  # sealed until Sam finishes too
    sam.get_by_label("Yes, that's it").check()
    sam.get_by_role("button", name="Tell them").click()
    sam.get_by_text("Your partner sees your answer").wait_for()
    sam.get_by_label("What I hear is").fill("That you froze because you were afraid.")
    sam.get_by_label("My part in it").fill(SAM_PART)
    sam.get_by_label("One thing I will do differently next time").fill("Ask before I react.")
    sam.get_by_role("button", name="Finish my side").click()
    sam.get_by_text("Your partner's side is open to you now").wait_for()
    sam.get_by_text("Here are both sides, as each of you wrote them.").wait_for()
    sam.get_by_text(ALEX_PART).wait_for()
    assert Repair.objects.get().is_completed
    assert RepairSide.objects.finished().count() == 2

    # A shared plan, proposed by Sam, agreed by Alex.
    sam.get_by_label("Our next steps").fill("A walk together on Sunday")
    sam.get_by_role("button", name="Propose our plan").click()
    sam.get_by_text("Proposed. It becomes your plan").wait_for()
    alex.reload()
    alex.get_by_text(SAM_PART).wait_for()
    alex.get_by_role("button", name="We agree").click()
    alex.get_by_text("Agreed. This is your plan now").wait_for()
    assert Repair.objects.get().plan == ["A walk together on Sunday"]

    # The time to come back appears, as progress: about an hour from the pause.
    alex.goto("/together/")
    coming_back = alex.locator("[data-coming-back]")
    assert coming_back.inner_text() == "You found your way back in about an hour."
    sam.goto("/triggers/patterns/")
    assert sam.locator("[data-coming-back]").inner_text().startswith("You found your way back")
