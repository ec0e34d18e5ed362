"""Quick exit from a page full of private writing: Back brings none of it back."""

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import Membership
from together.models import JournalEntry
from triggers.models import Sharing, Trigger

from ..factories import PASSWORD, make_couple, make_user

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "I read the messages again at 3am and could not breathe"


@pytest.fixture
def sam():
    sam = make_user("sam@example.test", "Sam")
    make_couple(sam, make_user("alex@example.test", "Alex"))
    return sam


def journal(sam) -> str:
    JournalEntry.objects.create(author=sam, text=SECRET)
    return "/together/journal/"


def private_trigger(sam) -> str:
    membership = Membership.objects.active().get(user=sam)
    now = timezone.now()
    trigger = Trigger.record(
        membership,
        now,
        occurred_at=now,
        category="memory",
        intensity=9,
        what_happened=SECRET,
        sharing=Sharing.PRIVATE,
    )
    return f"/triggers/{trigger.pk}/"


@pytest.mark.parametrize("page_with", [journal, private_trigger])
@pytest.mark.parametrize("how", ["button", "shift"])
def test_back_after_quick_exit_shows_nothing_private(page, sam, page_with, how):
    path = page_with(sam)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(sam.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_text("Hello, Sam").wait_for()
    page.goto(path)
    page.wait_for_load_state()
    assert SECRET in page.content()

    if how == "button":
        page.get_by_role("link", name="Quick exit").click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(settings.QUICK_EXIT_URL)

    page.go_back()
    page.wait_for_load_state()
    assert SECRET not in page.content()
    assert "Hello, Sam" not in page.content()
    assert "Common Ground" not in page.content()
    # The session ended too: opening the page again shows only the neutral page, whose
    # one link leads to signing in again.
    page.goto(path)
    page.wait_for_load_state()
    assert SECRET not in page.content()
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url("**/accounts/login/")
