"""Acceptance 5: share a trigger on a phone, get reassurance back."""

import pytest
from django.core import mail

from triggers.models import Trigger

from ..factories import PASSWORD, make_couple, make_user

pytestmark = pytest.mark.django_db(transaction=True)

STARTER = "I can see this hurt, and I'm here."


def log_in(page, email, greeting):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text(greeting).wait_for()
    page.wait_for_load_state()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_shared_trigger_is_met_with_reassurance(new_page):
    sam_user = make_user("sam@example.test", "Sam")
    alex_user = make_user("alex@example.test", "Alex")
    make_couple(sam_user, alex_user)

    sam = new_page()
    log_in(sam, sam_user.email, "Hello, Sam")
    sam.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Triggers", exact=True
    ).click()
    sam.get_by_role("main").get_by_role("link", name="Log a trigger", exact=True).first.click()
    sam.get_by_text("Late-night messages").click()
    sam.get_by_role("radio", name="7", exact=True).check()
    sam.get_by_text("Share with my partner now").click()
    assert fits_the_screen(sam)
    sam.get_by_text("When, and more details (optional)").click()
    sam.get_by_label("What happened").fill("A message lit up the phone at midnight.")
    sam.get_by_role("button", name="Save").click()
    sam.get_by_text("Saved and shared").wait_for()
    trigger_url = sam.url
    assert len(mail.outbox) == 1

    alex = new_page()
    log_in(alex, alex_user.email, "Hello, Alex")
    alex.goto("/triggers/")
    alex.get_by_text("Shared with you, waiting for your reassurance").wait_for()
    assert fits_the_screen(alex)
    alex.locator(".waiting").get_by_role("link", name="Late-night messages").click()
    alex.get_by_text("A message lit up the phone at midnight.").wait_for()
    alex.wait_for_load_state()  # htmx is loaded with defer
    alex.get_by_role("button", name=STARTER).click()
    text = alex.get_by_label("Your reassurance")
    text.and_(alex.locator(f'textarea:text-is("{STARTER}")')).wait_for()
    text.fill(f"{STARTER} Coming home now.")
    alex.get_by_role("button", name="Send reassurance").click()
    alex.get_by_text("Sent. Thank you for being there.").wait_for()
    assert fits_the_screen(alex)
    assert alex.url == trigger_url  # answered in place, through htmx

    sam.goto(trigger_url)
    sam.get_by_text(f"{STARTER} Coming home now.").wait_for()
    sam.get_by_text("after sharing").wait_for()
    assert Trigger.objects.get().first_reassured_at is not None
