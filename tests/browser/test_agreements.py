import pytest

from agreements.models import Agreement

from ..agreements.builders import adopt
from ..factories import PASSWORD
from .nav import nav_link

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PAUSE = "A pause lasts at least 30 minutes, and we set the time we come back."


def log_in(page, user):
    page.goto("/accounts/login/")
    page.wait_for_load_state()
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")


def test_one_partner_proposes_the_other_reads_the_diff_and_accepts(
    new_page, hurt, involved, couple
):
    agreement = Agreement.objects.for_couple(couple)
    adopt(agreement, involved, hurt)

    sam = new_page()
    log_in(sam, hurt)
    nav_link(sam, "Agreement").click()
    sam.get_by_role("link", name="Propose a change").click()
    sam.get_by_label("How we handle heated moments").fill(NEW_PAUSE)
    sam.get_by_label("Why this change?").fill("I need to know when we'll come back to it.")
    sam.get_by_role("button", name="Send to my partner").click()
    sam.get_by_text("Your proposal is waiting for your partner").wait_for()

    alex = new_page()
    log_in(alex, involved)
    nav_link(alex, "Agreement").click()
    alex.get_by_role("link", name="See what would change").click()
    added = alex.locator(".diff-text ins", has_text="we set the time we come back")
    added.first.wait_for()
    assert alex.locator(".diff-text del").count() > 0
    no_sideways_scroll = "document.documentElement.scrollWidth <= window.innerWidth"
    assert alex.evaluate(no_sideways_scroll)
    alex.get_by_role("button", name="Accept this change").click()
    alex.get_by_text("Version 2 is now your agreement").wait_for()
    assert alex.get_by_text(NEW_PAUSE).is_visible()

    sam.goto("/agreement/")
    sam.get_by_role("heading", name="Version 2, in place since").wait_for()
    assert sam.get_by_text(NEW_PAUSE).is_visible()
    for page in (sam, alex):
        page.get_by_role("link", name="History").first.click()
        page.get_by_role("link", name="Version 2").wait_for()
        assert page.get_by_role("link", name="Version 1").is_visible()
        assert page.get_by_text("I need to know when we'll come back to it.").is_visible()
