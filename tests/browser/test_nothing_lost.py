"""Two partners in two browsers: a clash on the joint note loses nobody's words, and
an invitation opened by the wrong account is refused while the invited one joins."""

import re

import pytest
from django.core import mail

from checkins.models import CheckIn

from ..checkins.conftest import answer_data
from ..factories import PASSWORD, make_couple, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(page, email: str, name: str):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text(re.compile(f"^(Hello|Welcome), {name}$")).wait_for()


def open_checkin(page):
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Check-in", exact=True
    ).click()
    page.get_by_role("heading", name="Side by side").wait_for()


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-javascript"])
def test_a_joint_note_clash_shows_both_texts_and_the_merge_is_saved(
    new_page, server_clock, javascript
):
    sam, alex = make_user("sam@example.test", "Sam"), make_user("alex@example.test", "Alex")
    couple = make_couple(sam, alex)
    checkin = CheckIn.objects.current_for(couple)
    checkin.submit(sam, answer_data())
    checkin.submit(alex, answer_data())

    pages = {}
    for user in (sam, alex):
        page = new_page(javascript=javascript)
        sign_in(page, user.email, user.display_name)
        open_checkin(page)
        pages[user.display_name] = page
    sam_page, alex_page = pages["Sam"], pages["Alex"]

    # Both start writing on the same version; Alex saves first.
    alex_page.get_by_label("Our note").fill("Alex: Sunday felt lighter.")
    sam_page.get_by_label("Our note").fill("Sam: I want to keep Sunday walks.")
    alex_page.get_by_role("button", name="Save for both of us").click()
    alex_page.get_by_text("Saved for both of you.").first.wait_for()

    sam_page.get_by_role("button", name="Save for both of us").click()

    # Sam sees, in view, that Alex changed it meanwhile, with both texts.
    clash = sam_page.get_by_role("alert").filter(has_text="changed this while you were writing")
    clash.wait_for()
    assert clash.is_visible()
    theirs = sam_page.locator("#together .latest-note")
    assert theirs.inner_text() == "Alex: Sunday felt lighter."
    assert theirs.is_visible()
    note = sam_page.get_by_label("Our note")
    assert note.input_value() == "Sam: I want to keep Sunday walks."
    # The summary has the focus, and the address is the page's own, so a reload or
    # Back never lands on the POST-only address (without JavaScript the browser
    # keeps the address it posted to, and a reload asks before posting again).
    # Chromium moves the focus to an autofocus element at its next rendering step.
    sam_page.wait_for_function("document.activeElement.matches('[data-error-summary]')")
    posted_to = sam_page.url
    if javascript:
        assert sam_page.url.endswith("/checkins/week/2026-03-02/")
        from axe_playwright_python.sync_playwright import Axe

        from .test_accessibility import problems_on

        assert problems_on(sam_page, Axe(), "the check-in after a clash") == []

    note.fill("Alex: Sunday felt lighter. Sam: I want to keep Sunday walks.")
    sam_page.get_by_role("button", name="Save for both of us").click()
    sam_page.get_by_text("Saved for both of you.").first.wait_for()

    merged = "Alex: Sunday felt lighter. Sam: I want to keep Sunday walks."
    checkin.refresh_from_db()
    assert checkin.joint_note == merged
    alex_page.reload()
    assert alex_page.get_by_label("Our note").input_value() == merged

    # Coming back later to the address the clash was shown at (without JavaScript it
    # is the form's POST-only address) opens the week's page, not an error.
    response = sam_page.goto(posted_to)
    assert response.ok
    assert sam_page.url.endswith("/checkins/week/2026-03-02/")
    assert sam_page.get_by_label("Our note").input_value() == merged


def test_an_invitation_opened_by_the_wrong_account_is_refused_and_the_invited_one_joins(
    new_page, server_clock
):
    make_user("sam@example.test", "Sam")
    make_user("robin@example.test", "Robin")
    make_user("pat@example.test", "Pat")

    sam = new_page()
    sign_in(sam, "sam@example.test", "Sam")
    sam.get_by_label("Hurt partner", exact=True).check()
    sam.get_by_role("button", name="Create our space").click()
    sam.get_by_label("Your partner's email address").fill("Pat@Example.test")
    sam.get_by_role("button", name="Send invitation").click()
    sam.get_by_text("Invitation sent.").wait_for()
    link = re.search(r"https?://\S+(/join/[\w-]+/)", mail.outbox[-1].body).group(1)

    # Robin, signed in, opens the link: a neutral page, nothing about Sam.
    robin = new_page()
    sign_in(robin, "robin@example.test", "Robin")
    robin.goto(link)
    robin.get_by_text("This invitation was sent to a different email address").wait_for()
    text = robin.locator("main").inner_text()
    for told in ("Sam", "sam@example.test", "pat@example.test"):
        assert told not in text
    assert robin.get_by_role("button", name="Join the shared space").count() == 0

    # Sam is told that someone else tried.
    sam.reload()
    sam.get_by_text("Someone signed in with an address other than pat@example.test").wait_for()

    # Pat opens the link signed out: signing up would start with the invited address.
    pat = new_page()
    pat.goto(link)
    pat.get_by_role("link", name="Create an account").click()
    assert pat.get_by_label("Email").input_value() == "pat@example.test"
    pat.go_back()
    pat.get_by_role("link", name="Log in").click()
    pat.get_by_label("Email").fill("pat@example.test")
    pat.locator("#id_password").fill(PASSWORD)
    pat.get_by_role("button", name="Sign In").click()
    pat.get_by_role("button", name="Join the shared space").click()

    # The private safety question comes first, and can be skipped.
    pat.get_by_role("heading", name="A private question, just for you").wait_for()
    pat.get_by_role("link", name="Not now").click()
    pat.get_by_text("You and Sam share this space.").wait_for()
    sam.reload()
    sam.get_by_text("You and Pat share this space.").wait_for()
