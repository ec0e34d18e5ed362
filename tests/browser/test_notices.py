"""What's new, between two partners in two browsers: the count on the navigation
follows without a reload, each notice opens its item and is then read."""

from datetime import timedelta

import pytest

from notices.models import Notice

from ..factories import PASSWORD, make_couple, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, email, name):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text(f"Hello, {name}").wait_for()
    page.wait_for_load_state()


def two_partners(new_page):
    make_couple(make_user("sam@example.test", "Sam"), make_user("alex@example.test", "Alex"))
    sam, alex = new_page(), new_page()
    log_in(sam, "sam@example.test", "Sam")
    log_in(alex, "alex@example.test", "Alex")
    return sam, alex


def refresh_count(page):
    """What the 60-second poll does, now: the page itself is not reloaded."""
    page.evaluate("htmx.trigger(document.body, 'notices:refresh')")


def count_shows(page, count: int):
    badge = page.locator("#notice-count [data-notice-count]")
    if count:
        page.locator(f'#notice-count [data-notice-count="{count}"]').wait_for()
    else:
        badge.wait_for(state="detached")


def open_from_the_inbox(page, name: str):
    page.locator("#notice-count").click()
    page.get_by_role("heading", name="What's new").wait_for()
    page.get_by_role("link", name=name).first.click()
    page.wait_for_load_state()


def test_a_shared_trigger_and_its_reassurance_reach_each_partner(new_page, server_clock):
    sam, alex = two_partners(new_page)
    count_shows(alex, 0)
    alex_url = alex.url

    sam.goto("/triggers/new/")
    sam.get_by_text("Late-night messages").click()
    sam.get_by_role("radio", name="7", exact=True).check()
    sam.get_by_text("Share with my partner now").click()
    sam.get_by_role("button", name="Save").click()
    sam.get_by_text("Saved and shared").wait_for()

    refresh_count(alex)
    count_shows(alex, 1)
    assert alex.url == alex_url  # no reload, no navigation

    server_clock.shift(timedelta(minutes=20))
    open_from_the_inbox(alex, "A hard moment your partner shared waits for you")
    alex.get_by_label("Your reassurance").fill("I'm here. Coming home now.")
    alex.get_by_role("button", name="Send reassurance").click()
    alex.get_by_text("Sent. Thank you for being there.").wait_for()

    refresh_count(sam)
    count_shows(sam, 1)
    open_from_the_inbox(sam, "Reassurance arrived on a moment you shared")
    sam.get_by_text("I'm here. Coming home now.").wait_for()

    for page in (sam, alex):
        page.goto("/news/")
        count_shows(page, 0)
    assert not Notice.objects.unread().exists()


def test_an_answered_question_notifies_the_one_who_asked(new_page, server_clock):
    sam, alex = two_partners(new_page)

    sam.goto("/together/questions/")
    sam.get_by_role("textbox", name="Your question").fill("Where did you go on Thursdays?")
    sam.get_by_label("I'm ready for the answer").check()
    sam.get_by_role("button", name="Ask").click()
    sam.get_by_text("Your question is saved").wait_for()

    refresh_count(alex)
    count_shows(alex, 1)
    open_from_the_inbox(alex, "A question waits for your answer")
    alex.get_by_role("textbox", name="Your answer").fill("To see them. I'm sorry.")
    alex.get_by_role("button", name="Share my answer").click()
    alex.get_by_text("Your answer is shared").wait_for()

    server_clock.shift(timedelta(hours=2))
    log_in(sam, "sam@example.test", "Sam")  # a long wait: signed out when idle
    # The couple home shows what is new first.
    news = sam.get_by_role("region", name="New for you")
    news.get_by_role("link", name="An answer arrived on your question").click()
    sam.get_by_text("To see them. I'm sorry.").wait_for()
    count_shows(sam, 0)


def test_a_check_in_tells_each_partner_in_turn(new_page, server_clock):
    sam, alex = two_partners(new_page)

    for page, rating in ((sam, "4"), (alex, "6")):
        page.goto("/checkins/")
        page.wait_for_load_state()
        for name in ("Safety", "Trust", "Connection", "Hope"):
            page.get_by_role("group", name=name).get_by_label(rating, exact=True).check()
        page.get_by_role("button", name="Share my answers").click()
        if page is sam:
            sam.get_by_text("Waiting for Alex").wait_for()
            refresh_count(alex)
            count_shows(alex, 1)
            alex.goto("/")
            alex.get_by_role("link", name="Your partner shared this week's check-in").wait_for()
            server_clock.shift(timedelta(minutes=10))

    alex.get_by_role("heading", name="Side by side").wait_for()
    refresh_count(sam)
    count_shows(sam, 1)
    open_from_the_inbox(sam, "You have both shared: this week's check-in is open")
    sam.get_by_role("heading", name="Side by side").wait_for()
    count_shows(sam, 0)
