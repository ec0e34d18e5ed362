"""The gate in a real browser: steady readiness a week apart opens a tier for both
partners; a low report closes it again."""

import pytest

from tests.factories import PASSWORD
from tests.pacing.builders import exercise, report

from .nav import nav_link

pytestmark = pytest.mark.django_db(transaction=True)

CLOSENESS = "How safe does closeness with your partner feel right now?"
BODY = "How settled does your body feel today?"


def log_in(page, user):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def check_readiness(page, closeness: int, body: int):
    page.wait_for_load_state()
    nav_link(page, "Exercises").click()
    page.get_by_role("link", name="Take the readiness check").first.click()
    page.wait_for_load_state()
    page.get_by_role("group", name=CLOSENESS).get_by_label(str(closeness), exact=True).check()
    page.get_by_role("group", name=BODY).get_by_label(str(body), exact=True).check()
    page.get_by_label("A note for yourself (optional)").fill("Steadier than last week.")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Thank you for checking in with yourself.").wait_for()


def test_readiness_a_week_apart_opens_a_tier_and_a_low_report_closes_it(
    new_page, hurt, involved, couple
):
    tier_one = exercise(tier=1, slug="browser-one-true-thing", title="One true thing, gently")
    report(hurt, days_ago=7, closeness=6, body=7)  # the first report, a week ago
    sam, alex = new_page(), new_page()
    log_in(sam, hurt)
    log_in(alex, involved)
    alex.goto("/exercises/")
    alex.get_by_text("Open now: up to tier 0").wait_for()
    assert alex.get_by_role("link", name=tier_one.title).count() == 0

    check_readiness(sam, closeness=6, body=7)

    sam.get_by_text("Open now: up to tier 1, Talking and listening").wait_for()
    alex.reload()
    alex.get_by_text("Open now: up to tier 1, Talking and listening").wait_for()
    alex.get_by_role("link", name=tier_one.title).click()
    alex.get_by_role("button", name="Begin together").wait_for()
    assert "Steadier than last week" not in alex.content()

    check_readiness(sam, closeness=2, body=7)

    sam.get_by_text("Open now: up to tier 0").wait_for()
    alex.reload()  # back on the exercise page: now refused, kindly
    alex.get_by_text("This exercise isn't open yet").wait_for()
    alex.get_by_text("We move at the pace that feels safe for both of you.").first.wait_for()
    alex.get_by_role("link", name="See the open exercises").click()
    alex.get_by_text("Open now: up to tier 0").wait_for()
    assert alex.get_by_role("link", name=tier_one.title).count() == 0
