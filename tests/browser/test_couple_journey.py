import re

import pytest
from django.core import mail

from accounts.models import Membership

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "gentle-morning-walk-2026"


def last_link(pattern: str) -> str:
    link = re.search(pattern, mail.outbox[-1].body).group(0)
    return "/" + link.split("/", 3)[3]


def sign_up_and_verify(page, email: str, name: str, start: str = "/accounts/signup/"):
    page.goto(start)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Your first name or nickname").fill(name)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/confirm-email/")
    page.goto(last_link(r"https?://\S+/confirm-email/\S+/"))
    page.get_by_role("button", name="Confirm").click()


def test_two_partners_sign_up_link_up_and_see_their_shared_space(new_page):
    sam = new_page()
    sign_up_and_verify(sam, "sam@example.test", "Sam")
    sam.get_by_text("Start your shared space").wait_for()
    sam.get_by_label("Hurt partner").check()
    sam.get_by_role("button", name="Create our space").click()
    sam.get_by_label("Your partner's email address").fill("alex@example.test")
    sam.get_by_role("button", name="Send invitation").click()
    sam.get_by_text("Invitation sent").wait_for()
    join_path = last_link(r"https?://\S+/join/[\w-]+/")

    alex = new_page()
    alex.goto(join_path)
    alex.get_by_text("You have been invited").wait_for()
    alex.get_by_role("link", name="Create an account").click()
    assert alex.get_by_label("Email").input_value() == "alex@example.test"
    sign_up_and_verify(alex, "alex@example.test", "Alex", start=alex.url)
    # Verification brings Alex straight back to the invitation.
    alex.wait_for_url(f"**{join_path}")
    alex.get_by_text("You would join as the involved partner").wait_for()
    alex.get_by_role("button", name="Join the shared space").click()
    # The private safety question comes first for whoever joins; it can wait.
    alex.get_by_role("heading", name="A private question, just for you").wait_for()
    alex.get_by_role("link", name="Not now").click()

    alex.get_by_text("You and Sam share this space").wait_for()
    sam.reload()
    sam.get_by_text("You and Alex share this space").wait_for()
    roles = dict(Membership.objects.values_list("user__email", "role"))
    assert roles == {"sam@example.test": "hurt", "alex@example.test": "involved"}
