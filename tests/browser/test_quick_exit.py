import pytest
from django.conf import settings

from ..factories import PASSWORD, make_couple, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def signed_in(page):
    sam = make_user("sam@example.test", "Sam")
    make_couple(sam, make_user("alex@example.test", "Alex"))
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(sam.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text("Hello, Sam").wait_for()
    page.wait_for_load_state()  # the quick-exit script is deferred
    return page


def assert_left_for_good(page):
    page.wait_for_url(settings.QUICK_EXIT_URL)
    page.go_back()
    page.wait_for_load_state()
    # The page was replaced in history and the session ended: Back shows no content,
    # and a neutral page that names nothing (no site name, no "signed out", no path).
    content = page.content()
    assert "Hello, Sam" not in content
    assert "This page is not available" in content
    for giveaway in ("Common Ground", "signed out", "Sign In"):
        assert giveaway not in content
    assert "next=" not in page.url


def test_quick_exit_is_the_first_thing_the_keyboard_reaches(signed_in):
    page = signed_in
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"

    page.keyboard.press("Enter")

    assert_left_for_good(page)


def test_pressing_shift_three_times_leaves_the_site(signed_in):
    page = signed_in
    for _ in range(3):
        page.keyboard.press("Shift")

    assert_left_for_good(page)


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/support/"])
def test_quick_exit_is_on_public_pages_too(page, path):
    page.goto(path)
    assert page.locator("#quick-exit").is_visible()
