"""Issue 12, acceptance 2: the main journeys with the keyboard alone.

No clicks and no programmatic focus: only Tab, Shift+Tab, arrows, Space, Enter and
typing, as someone using a keyboard or a switch device would. Each step also shows
that what is needed can be reached in the tab order.
"""

import pytest

from checkins.models import Answer
from triggers.models import Sharing, Trigger

from ..factories import PASSWORD, make_couple, make_user

pytestmark = pytest.mark.django_db(transaction=True)

MOST_TABS = 120  # a long form, still reachable


def focused(page, selector: str) -> bool:
    return page.evaluate("(s) => !!document.activeElement?.matches(s)", selector)


def tab_to(page, selector: str, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the element matching `selector` has focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MOST_TABS):
        if focused(page, selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} cannot be reached with {key}")


def log_in_by_keyboard(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.wait_for_load_state()
    tab_to(page, "#id_login")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    assert focused(page, "#id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.wait_for_load_state()


def follow(page, selector: str) -> None:
    """Tab to a link and follow it with Enter."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()


def choose(page, group: str, steps: int) -> None:
    """Tab into a radio group, then move the choice with the arrow keys."""
    tab_to(page, f"input[type=radio][name={group}]")
    for _ in range(steps):
        page.keyboard.press("ArrowRight")
    if steps == 0:
        page.keyboard.press("Space")


@pytest.fixture
def couple_space(db):
    sam = make_user("sam@example.test", "Sam")
    alex = make_user("alex@example.test", "Alex")
    return make_couple(sam, alex), sam, alex


def test_the_weekly_check_in_with_the_keyboard_alone(page, couple_space):
    _couple, sam, _alex = couple_space
    log_in_by_keyboard(page, sam.email)

    # The quick exit is the first thing Tab reaches on every page.
    page.keyboard.press("Tab")
    assert focused(page, "#quick-exit")

    follow(page, ".site-nav a[href='/checkins/']")
    page.get_by_role("heading", name="Weekly check-in").wait_for()
    for group, value in (("safety", 6), ("trust", 4), ("connection", 5), ("hope", 7)):
        choose(page, group, value)
    tab_to(page, "textarea[name=win_text]")
    page.keyboard.type("We walked to the river and talked without hurry.")
    # Shift+Tab goes back to change an answer.
    tab_to(page, "input[type=radio][name=hope]", backwards=True)
    page.keyboard.press("ArrowLeft")
    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")

    page.get_by_text("Thank you. Your answers are shared.").wait_for()
    answer = Answer.objects.get(author=sam)
    assert answer.submitted_at is not None
    assert (answer.safety, answer.trust, answer.connection, answer.hope) == (6, 4, 5, 6)
    assert answer.win_text == "We walked to the river and talked without hurry."


def test_logging_a_trigger_with_the_keyboard_alone(page, couple_space):
    _couple, sam, _alex = couple_space
    log_in_by_keyboard(page, sam.email)

    follow(page, ".site-nav a[href='/triggers/']")
    follow(page, "main a[href='/triggers/new/']")
    page.get_by_role("heading", name="Log a trigger").wait_for()
    choose(page, "category", 1)  # the second choice: late-night messages
    choose(page, "intensity", 7)
    # "Bring it to our next check-in" is chosen already; the arrow moves up to "share now".
    tab_to(page, "input[type=radio][name=sharing]:checked")
    page.keyboard.press("ArrowUp")
    tab_to(page, "details.more > summary")
    page.keyboard.press("Enter")
    tab_to(page, "textarea[name=what_happened]")
    page.keyboard.type("A message lit up the phone at midnight.")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")

    page.get_by_text("Saved and shared").wait_for()
    trigger = Trigger.objects.get(author=sam)
    assert trigger.category == "late_night"
    assert trigger.intensity == 7
    assert trigger.sharing == Sharing.SHARE_NOW
    assert trigger.what_happened == "A message lit up the phone at midnight."


def test_the_more_menu_opens_and_closes_with_the_keyboard(page, couple_space):
    _couple, sam, _alex = couple_space
    log_in_by_keyboard(page, sam.email)

    tab_to(page, "details.nav-more > summary")
    page.keyboard.press("Enter")
    agreement = page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Agreement", exact=True
    )
    agreement.wait_for()
    page.keyboard.press("Escape")
    agreement.wait_for(state="hidden")
    assert focused(page, "details.nav-more > summary")
    page.keyboard.press("Space")
    follow(page, ".nav-menu a[href='/agreement/']")
    page.get_by_role("heading", name="Our agreement", exact=True).wait_for()
