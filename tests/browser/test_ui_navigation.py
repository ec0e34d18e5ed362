"""The phone's bottom bar and its "More" menu, the desktop's top bar, and the quick
exit that stays visible above all of them."""

import pytest

from ..factories import PASSWORD, make_couple, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def log_in(page):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("sam@example.test")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text("Hello, Sam").wait_for()


def quick_exit_is_on_top(page) -> bool:
    return page.evaluate(
        """() => {
            const box = document.getElementById("quick-exit").getBoundingClientRect();
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            return box.top >= 0 && document.elementFromPoint(x, y)?.id === "quick-exit";
        }"""
    )


@pytest.fixture
def sam(db):
    make_couple(make_user("sam@example.test", "Sam"), make_user("alex@example.test", "Alex"))


def test_on_a_phone_the_bar_sits_at_the_bottom_and_more_opens_without_javascript(
    browser, live_server, sam
):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    log_in(page)
    nav = page.get_by_role("navigation", name="Main")
    bar = page.locator(".nav-bar").bounding_box()
    assert bar["y"] + bar["height"] == PHONE["height"]  # within thumb reach
    agreement = nav.get_by_role("link", name="Agreement", exact=True)
    assert not agreement.is_visible()

    nav.get_by_text("More", exact=True).click()
    agreement.click()

    page.get_by_role("heading", name="Our agreement", exact=True).wait_for()
    context.close()


def test_on_a_desktop_the_main_places_are_in_the_top_bar(browser, live_server, sam):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    log_in(page)
    nav = page.get_by_role("navigation", name="Main")

    for name in ("Today", "Check-in", "Triggers", "Together", "Agreement", "Exercises"):
        assert nav.get_by_role("link", name=name, exact=True).is_visible(), name
    assert nav.bounding_box()["y"] < 100
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP])
def test_the_quick_exit_stays_visible_above_everything(browser, live_server, sam, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    log_in(page)
    page.wait_for_load_state()
    assert quick_exit_is_on_top(page)

    page.get_by_role("navigation", name="Main").get_by_text("More", exact=True).click()
    assert quick_exit_is_on_top(page)
    page.mouse.wheel(0, 5000)
    page.wait_for_timeout(100)
    assert quick_exit_is_on_top(page)
    context.close()
