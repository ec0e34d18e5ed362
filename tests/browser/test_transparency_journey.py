"""Transparency in action between two partners in two browsers, over a week: a heads-up
posted from a phone in two taps after opening the app, thanked and asked about, the
answer arriving; next week's plans shared, then changed, and the change shown as one."""

from datetime import timedelta

import pytest

from transparency.models import HeadsUp

from .test_notices import count_shows, log_in, open_from_the_inbox, refresh_count, two_partners

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_heads_up_a_question_about_it_and_plans_that_change(new_page, server_clock):
    sam, alex = two_partners(new_page)  # both phone-sized, on the Today page

    # Alex opens the app and gives a heads-up: two taps.
    alex.goto("/")
    alex.get_by_role("link", name="Give a heads-up").first.click()  # tap 1
    alex.get_by_role("button", name="Running late").click()  # tap 2
    alex.get_by_text("Your heads-up is with your partner").wait_for()
    heads_up = HeadsUp.objects.get()
    assert heads_up.section == "whereabouts"

    # Sam is told at once, thanks Alex in one tap and asks about it.
    refresh_count(sam)
    count_shows(sam, 1)
    open_from_the_inbox(sam, "Your partner gave you a heads-up")
    sam.get_by_role("heading", name="Running late").wait_for()
    sam.get_by_role("button", name="Thank you for telling me").click()
    sam.get_by_text("“Thank you for telling me” —").wait_for()
    sam.get_by_role("textbox", name="Your question").fill("Where are you now?")
    sam.get_by_label("I'm ready for the answer").check()
    sam.get_by_role("button", name="Ask my question").click()
    sam.get_by_text("Your question is saved").wait_for()

    # Twenty minutes on, Alex sees the thanks and the question, and answers.
    server_clock.shift(timedelta(minutes=20))
    refresh_count(alex)
    count_shows(alex, 2)
    open_from_the_inbox(alex, "A question waits for your answer")
    alex.get_by_role("textbox", name="Your answer").fill("On the 18:40 train, home by eight.")
    alex.get_by_role("button", name="Share my answer").click()
    alex.get_by_text("Your answer is shared").wait_for()
    alex.goto(heads_up.path)
    alex.get_by_text("“Thank you for telling me” —").wait_for()
    assert alex.get_by_role("link", name="Where are you now?").is_visible()

    refresh_count(sam)
    count_shows(sam, 1)
    open_from_the_inbox(sam, "An answer arrived on your question")
    sam.get_by_text("On the 18:40 train, home by eight.").wait_for()

    # Sunday evening: Alex shares next week's plans.
    server_clock.shift(timedelta(days=6, hours=9))
    log_in(alex, "alex@example.test", "Alex")  # days later: signed out when idle
    alex.get_by_role("link", name="Our week's plans").first.click()
    alex.get_by_role("link", name="Next week").click()
    alex.get_by_label("Monday 9 March").fill("Office, home by six")
    alex.get_by_label("Wednesday 11 March").fill("Dinner with Tom from work, 7 to 9")
    alex.get_by_role("button", name="Share with my partner").click()
    alex.get_by_text("Shared with your partner.").wait_for()

    log_in(sam, "sam@example.test", "Sam")
    count_shows(sam, 1)
    open_from_the_inbox(sam, "Your partner shared their plans for the week")
    sam.get_by_text("Dinner with Tom from work, 7 to 9").wait_for()

    # Tuesday: the dinner moves. The change shows as a change, the first plan kept.
    server_clock.shift(timedelta(days=2))
    log_in(alex, "alex@example.test", "Alex")
    alex.goto("/transparency/plans/2026-03-09/")
    alex.get_by_label("Wednesday 11 March").fill("Dinner at home instead")
    alex.get_by_role("button", name="Share the change").click()
    alex.get_by_text("Changed. Your partner sees what changed.").wait_for()

    log_in(sam, "sam@example.test", "Sam")
    count_shows(sam, 1)
    open_from_the_inbox(sam, "Your partner changed their plans for the week")
    sam.get_by_text("Changed after sharing").wait_for()
    assert sam.get_by_text("Dinner at home instead").is_visible()
    sam.get_by_text("Earlier plans for this week").click()
    sam.get_by_text("Dinner with Tom from work, 7 to 9").wait_for()
