"""Both partners fill in the weekly check-in in Chromium: sealed, then side by side."""

import re

import pytest

from ..factories import PASSWORD, make_couple, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(page, email: str, name: str):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text(f"Hello, {name}").wait_for()
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Check-in", exact=True
    ).click()
    page.get_by_role("heading", name="Weekly check-in").wait_for()
    page.wait_for_load_state()


def answer(page, rating: str, win: str):
    for name in ("Safety", "Trust", "Connection", "Hope"):
        page.get_by_role("group", name=name).get_by_label(rating, exact=True).check()
    page.get_by_label("A small win or an appreciation").fill(win)


def assert_fits_a_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_both_partners_check_in_and_see_the_reveal_and_the_chart(new_page):
    make_couple(make_user("sam@example.test", "Sam"), make_user("alex@example.test", "Alex"))

    sam = new_page()
    log_in(sam, "sam@example.test", "Sam")
    answer(sam, "4", "Alex made tea without being asked")
    # The draft is saved as Sam types, and survives a reload.
    sam.get_by_text(re.compile("Draft saved at")).wait_for()
    sam.reload()
    assert sam.get_by_label("A small win or an appreciation").input_value() == (
        "Alex made tea without being asked"
    )
    assert_fits_a_phone(sam)
    sam.get_by_role("button", name="Share my answers").click()
    sam.get_by_text("Waiting for Alex").wait_for()

    alex = new_page()
    log_in(alex, "alex@example.test", "Alex")
    alex.get_by_text("Sam: submitted").wait_for()
    assert "Alex made tea" not in alex.content()  # sealed
    answer(alex, "6", "Sam laughed at my terrible pasta")
    alex.get_by_role("button", name="Share my answers").click()

    alex.get_by_role("heading", name="Side by side").wait_for()
    alex.get_by_text("Alex made tea without being asked").wait_for()
    sam.reload()
    sam.get_by_role("heading", name="Side by side").wait_for()
    sam.get_by_text("Sam laughed at my terrible pasta").wait_for()
    assert_fits_a_phone(sam)

    for page in (sam, alex):
        page.get_by_role("link", name="Your weeks and trends").click()
        chart = page.get_by_role("img", name=re.compile("^Safety from 0 to 10"))
        chart.wait_for()
        # One point for each partner: each line's dots are drawn as one path.
        assert chart.locator("path.dots").count() == 2
        page.get_by_text("1 week kept in a row").wait_for()
        assert_fits_a_phone(page)
    sam.get_by_text("Sam laughed at my terrible pasta").wait_for()  # a small win, celebrated
