"""Two partners agree a weekly walk, keep it a week later, and see it rest kindly when
the pace slows; then a card from the curiosity deck, answered privately and kept."""

from datetime import timedelta

import pytest

from rituals.models import CardAnswer, Favourite, Mark, Ritual, Status

from ..factories import make_couple, make_user
from ..pacing.builders import open_tier_two
from .nav import nav_link
from .test_notices import log_in, open_from_the_inbox
from .test_pacing import check_readiness

pytestmark = pytest.mark.django_db(transaction=True)

PRIVATE_ANSWER = "The smell of rain on the walk home."


def test_a_weekly_walk_kept_paused_by_the_gate_and_a_card_answered(server_clock, new_page):
    sam_user = make_user("sam@example.test", "Sam")
    make_couple(sam_user, make_user("alex@example.test", "Alex"))
    open_tier_two(sam_user)  # the walk belongs to tier 2
    sam, alex = new_page(), new_page()
    log_in(sam, "sam@example.test", "Sam")
    log_in(alex, "alex@example.test", "Alex")

    # Alex suggests a weekly walk on Mondays at six in the evening.
    nav_link(alex, "Together").click()
    alex.get_by_role("navigation", name="Tools for the hard moments").get_by_role(
        "link", name="Rituals"
    ).click()
    alex.get_by_role("link", name="Suggest a ritual").click()
    alex.get_by_label("From the exercises").select_option(label="A walk together")
    alex.get_by_label("How often").select_option(label="Once a week")
    alex.get_by_label("Monday").check()
    alex.get_by_label("At (optional)").fill("18:00")
    alex.get_by_role("button", name="Suggest it").click()
    alex.get_by_text("Suggested. Your partner is told").wait_for()

    # Sam is told, and agrees.
    sam.reload()
    open_from_the_inbox(sam, "Your partner suggested a ritual for you both")
    sam.get_by_role("button", name="Agree, let's start").click()
    sam.get_by_text("Agreed. Your ritual starts on the day you chose.").wait_for()
    assert Ritual.objects.get().status == Status.ACTIVE

    # A week later, both tap "we did it"; Sam also notes, privately, how it felt.
    server_clock.shift(timedelta(days=7))
    log_in(sam, "sam@example.test", "Sam")
    log_in(alex, "alex@example.test", "Alex")
    ritual_path = Ritual.objects.get().path
    sam.goto(ritual_path)
    sam.get_by_text("How it felt (only you see this)").first.click()
    sam.get_by_label("How it felt for me, 0 to 10").first.fill("8")
    sam.get_by_label("A line for myself").first.fill("Lighter than I expected.")
    sam.get_by_role("button", name="We did it").first.click()
    sam.get_by_text("Marked. Thank you for making time").wait_for()
    alex.goto(ritual_path)
    alex.get_by_text("your partner: we did it").wait_for()
    alex.get_by_role("button", name="We did it").first.click()
    alex.get_by_text("Marked. Thank you for making time").wait_for()
    assert "Lighter than I expected." not in alex.content()
    assert Mark.objects.filter(outcome="did").count() == 2

    # Readiness slows down: the walk's tier closes and the ritual rests, kindly.
    check_readiness(sam, closeness=2, body=3)
    sam.goto(ritual_path)
    sam.get_by_text("This ritual is paused for now.").wait_for()
    sam.get_by_text("It will be here again when the time is right.").wait_for()
    sam.get_by_text("Things slowed down a little recently.").wait_for()
    assert sam.get_by_role("button", name="We did it").count() == 0
    assert sam.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # A card from the deck, answered just for Sam, then kept as a favourite.
    sam.get_by_role("link", name="All our rituals").click()
    sam.get_by_role("link", name="The curiosity deck").click()
    sam.get_by_role("button", name="Draw a card").click()
    question = sam.locator(".curiosity-question").inner_text()
    sam.get_by_role("link", name="Write my answer").click()
    sam.get_by_label("My answer", exact=True).fill(PRIVATE_ANSWER)
    sam.get_by_role("button", name="Save my answer").click()
    sam.get_by_text("Saved, just for you.").wait_for()
    sam.get_by_role("button", name="Keep as a favourite").click()
    sam.get_by_text("Kept among your favourites.").wait_for()
    favourites = sam.get_by_role("region", name="Your favourite cards")
    favourites.get_by_role("link", name=question).wait_for()
    assert Favourite.objects.count() == 1
    assert CardAnswer.objects.get().shared is False

    alex.goto("/rituals/deck/")
    alex.get_by_role("heading", name="The curiosity deck").wait_for()
    assert PRIVATE_ANSWER not in alex.content()
