"""A question asked and answered, a pause asked for, seen and ended, a win noted and thanked."""

import pytest

from together.models import Answer, Pause, Win

from ..factories import PASSWORD, make_couple, make_user

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "I can feel my heart racing"


def log_in(page, email, name):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text(f"Hello, {name}").wait_for()


def assert_fits_a_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_questions_a_pause_and_a_win_between_two_partners(new_page):
    make_couple(make_user("sam@example.test", "Sam"), make_user("alex@example.test", "Alex"))
    sam, alex = new_page(), new_page()
    log_in(sam, "sam@example.test", "Sam")
    log_in(alex, "alex@example.test", "Alex")

    # A question asked and answered.
    sam.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Together", exact=True
    ).click()
    sam.get_by_role("link", name="Questions").click()
    sam.get_by_role("textbox", name="Your question").fill("Where did you go on Thursdays?")
    sam.get_by_label("I'm ready for the answer").check()
    sam.get_by_role("button", name="Ask").click()
    sam.get_by_text("Your question is saved").wait_for()
    assert_fits_a_phone(sam)

    alex.goto("/together/")
    alex.get_by_role("link", name="Where did you go on Thursdays?").click()
    alex.get_by_role("textbox", name="Your answer").fill(
        "To see them. I said it was the gym. I'm sorry."
    )
    alex.get_by_role("button", name="Share my answer").click()
    alex.get_by_text("Your answer is shared").wait_for()
    assert Answer.objects.count() == 1

    sam.reload()
    sam.get_by_text("I said it was the gym").wait_for()
    sam.get_by_text("First answered").wait_for()

    # A pause requested, seen by the partner without its reason, and ended.
    sam.goto("/together/pause/")
    sam.get_by_label("20 minutes").check()
    sam.get_by_label("What's happening for you").fill(REASON)
    sam.get_by_role("button", name="Start the pause").click()
    sam.get_by_role("heading", name="You're taking a pause").wait_for()
    assert_fits_a_phone(sam)

    alex.goto("/together/")
    alex.get_by_role("heading", name="Sam asked for a pause").wait_for()
    alex.get_by_text("They plan to come back at").wait_for()
    assert REASON not in alex.content()

    sam.get_by_role("button", name="I'm ready to come back now").click()
    sam.get_by_text("Welcome back").wait_for()
    assert Pause.objects.get().ended_at is not None
    alex.reload()
    alex.get_by_role("heading", name="Waiting for you").wait_for()
    assert "asked for a pause" not in alex.content()

    # A win noted by one partner and thanked by the other, in place (htmx).
    alex.goto("/together/wins/")
    alex.get_by_label("Something I appreciate about you").check()
    alex.get_by_role("textbox", name="In a few words").fill("Thank you for asking me straight out.")
    alex.get_by_role("button", name="Note it").click()
    alex.get_by_text("Noted. Small things, noticed, add up.").wait_for()

    sam.goto("/together/")
    sam.get_by_text("Thank you for asking me straight out.").first.wait_for()
    sam.wait_for_load_state()
    url_before = sam.url
    sam.get_by_role("button", name="Thank you").click()
    sam.get_by_text("You said thank you.").wait_for()
    assert sam.url == url_before
    assert Win.objects.get().thanked_at is not None
    assert_fits_a_phone(sam)

    alex.goto("/together/wins/")
    alex.get_by_text("Your partner said thank you.").wait_for()
