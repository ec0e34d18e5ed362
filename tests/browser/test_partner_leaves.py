"""Journey (f): weeks of shared and private entries, then one partner deletes their
account. The other is told calmly, then reads an archive of what they wrote and what
was shared, and nothing the leaver kept private."""

import re
from datetime import timedelta

import pytest

from accounts.models import Couple, User
from agreements.models import Agreement
from together.models import JournalEntry

from ..agreements.builders import adopt
from ..factories import PASSWORD, make_couple, make_user

pytestmark = pytest.mark.django_db(transaction=True)

WEEK = timedelta(days=7)
# The leaver's private writing: none of it may ever reach the remaining partner.
LEAVER_PRIVATE = [
    "ALEX-PRIVATE-TRIGGER",
    "ALEX-WAITING-FOR-CHECKIN",
    "ALEX-SEALED-WIN",
    "ALEX-JOURNAL",
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(page, email, name):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text(name).first.wait_for()
    page.wait_for_load_state()


def check_in(page, win):
    page.goto("/checkins/")
    page.wait_for_load_state()
    for name in ("Safety", "Trust", "Connection", "Hope"):
        page.get_by_role("group", name=name).get_by_label("5", exact=True).check()
    page.get_by_label("A small win or an appreciation").fill(win)
    page.get_by_role("button", name="Share my answers").click()
    page.wait_for_load_state()


def log_trigger(page, sharing, what_happened):
    page.goto("/triggers/new/")
    page.get_by_text("An intrusive memory").click()
    page.get_by_role("radio", name="6", exact=True).check()
    page.get_by_text(sharing).click()
    page.get_by_text("When, and more details (optional)").click()
    page.get_by_label("What happened").fill(what_happened)
    page.get_by_role("button", name="Save").click()
    page.get_by_text(re.compile("Saved")).first.wait_for()


def test_a_partner_deletes_their_account_and_the_other_keeps_an_archive(server_clock, new_page):
    sam_user = make_user("sam@example.test", "Sam")
    alex_user = make_user("alex@example.test", "Alex")
    couple = make_couple(sam_user, alex_user)
    adopt(Agreement.objects.for_couple(couple), alex_user, sam_user, digital="OUR-AGREED-TEXT")
    sam, alex = new_page(), new_page()

    # Week 1: both check in (revealed), a joint note, a shared and a private trigger each.
    log_in(sam, sam_user.email, "Hello, Sam")
    log_in(alex, alex_user.email, "Hello, Alex")
    check_in(sam, "SAM-WEEK1-WIN")
    check_in(alex, "ALEX-WEEK1-WIN")
    alex.get_by_role("heading", name="Side by side").wait_for()
    alex.get_by_label("Our note").fill("OUR-JOINT-NOTE")
    alex.get_by_role("button", name="Save for both of us").click()
    alex.get_by_text("OUR-JOINT-NOTE").first.wait_for()
    log_trigger(alex, "Share with my partner now", "ALEX-SHARED-TRIGGER")
    log_trigger(alex, "Keep it private", "ALEX-PRIVATE-TRIGGER")
    log_trigger(sam, "Keep it private", "SAM-OWN-PRIVATE-TRIGGER")

    # Week 2: only Alex checks in (sealed) and keeps an entry for the next check-in.
    server_clock.shift(WEEK)
    log_in(alex, alex_user.email, "Hello, Alex")
    check_in(alex, "ALEX-SEALED-WIN")
    log_trigger(alex, "Bring it to our next check-in", "ALEX-WAITING-FOR-CHECKIN")
    JournalEntry.objects.create(author=alex_user, text="ALEX-JOURNAL")
    log_in(sam, sam_user.email, "Hello, Sam")
    log_trigger(sam, "Share with my partner now", "SAM-SHARED-TRIGGER")

    # Week 3: Alex deletes their account.
    server_clock.shift(WEEK)
    log_in(alex, alex_user.email, "Hello, Alex")
    alex.goto("/me/export/")
    alex.locator("#id_password").fill(PASSWORD)  # sensitive: the password again
    alex.get_by_role("button", name="Confirm").click()
    alex.wait_for_load_state()
    written = alex.content()
    for marker in [*LEAVER_PRIVATE, "ALEX-SHARED-TRIGGER", "ALEX-WEEK1-WIN"]:
        assert marker in written, marker  # really written, so its absence below counts
    alex.goto("/me/delete/")
    alex.get_by_text("It says that some entries were removed").wait_for()
    alex.get_by_label(re.compile("I understand")).check()
    alex.get_by_role("button", name="Delete my account").click()
    alex.get_by_text("Your account and what you wrote have been deleted").wait_for()
    assert not User.objects.filter(email=alex_user.email).exists()

    # Sam's next visit: the calm closing page, then the archive.
    server_clock.shift(timedelta(days=2))
    log_in(sam, sam_user.email, "Your shared space has closed")
    sam.get_by_text("Your partner left the shared space.").wait_for()
    home = sam.content()
    assert "deleted" not in home and "Alex" not in home
    sam.get_by_role("link", name="People you can talk to").wait_for()
    sam.get_by_role("link", name="Export everything you wrote").wait_for()
    sam.get_by_role("link", name="Open your archive").click()
    sam.get_by_role("heading", name="Your archive").wait_for()
    sam.get_by_text(re.compile("Some entries were removed when your partner")).wait_for()
    seen = sam.content()
    for section in ("Check-ins", "Triggers", "Agreement", "Questions"):
        sam.get_by_role("navigation", name="Archive").get_by_role("link", name=section).click()
        sam.wait_for_load_state()
        seen += sam.content()
        assert sam.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    for mine_or_shared in [
        "SAM-WEEK1-WIN",
        "SAM-OWN-PRIVATE-TRIGGER",
        "SAM-SHARED-TRIGGER",
        "OUR-JOINT-NOTE",
        "OUR-AGREED-TEXT",
        "A former member",
    ]:
        assert mine_or_shared in seen, mine_or_shared
    for private in LEAVER_PRIVATE:
        assert private not in seen, private
    # What Alex wrote, even shared, went with their account: their right.
    assert "ALEX-SHARED-TRIGGER" not in seen and "ALEX-WEEK1-WIN" not in seen

    # Sam can start again; the archive stays within reach.
    sam.goto("/")
    sam.get_by_label("Hurt partner").check()
    sam.get_by_role("button", name="Create our space").click()
    sam.get_by_text("Your shared space is ready").wait_for()
    sam.goto("/me/")
    sam.get_by_role("link", name=re.compile("Your archive of the space")).click()
    sam.get_by_role("heading", name="Your archive").wait_for()
    assert Couple.objects.filter(pk=couple.pk, ended_at__isnull=False).exists()
