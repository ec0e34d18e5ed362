"""At 400% zoom (a 1280 x 1024 screen seen as 320 x 256 CSS pixels) every item of the
"More" menu can still be reached and read."""

import pytest

from ..factories import PASSWORD, make_couple, make_user

pytestmark = pytest.mark.django_db(transaction=True)

ZOOMED = {"width": 320, "height": 256}


def test_every_item_of_the_more_menu_can_be_reached_at_400_percent(new_page):
    make_couple(make_user("sam@example.test", "Sam"), make_user("alex@example.test", "Alex"))
    page = new_page(ZOOMED)
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("sam@example.test")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text("Hello, Sam").wait_for()

    page.get_by_role("navigation", name="Main").get_by_text("More", exact=True).click()
    items = page.locator(".nav-menu a, .nav-menu button")
    assert items.count() >= 5

    for index in range(items.count()):
        item = items.nth(index)
        item.scroll_into_view_if_needed()
        box = item.bounding_box()
        assert box is not None
        assert box["y"] >= 0, item.inner_text()
        assert box["y"] + box["height"] <= ZOOMED["height"], item.inner_text()
        # Nothing (the bar, the header) lies over it: a tap lands on the item itself.
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        hit = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)?.closest('a, button')?.outerHTML", [x, y]
        )
        assert hit == item.evaluate("el => el.outerHTML"), item.inner_text()


def test_the_sign_in_pages_links_are_at_least_24_px_tall(page):
    page.goto("/accounts/login/")

    box = page.get_by_role("link", name="Forgot your password?").bounding_box()

    assert box["height"] >= 24
