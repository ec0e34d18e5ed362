"""Notifications on this device, in Chromium: the settings page lists the person's
device and removes it; the page's script offers the button and, when clicked, asks the
browser through the service worker (no real push service is reachable from a test, so
the subscription itself is seeded as a device row)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from accounts.management.commands.generate_vapid_keys import generate
from accounts.models import PushDevice

from ..factories import make_couple, make_user
from .test_accessibility import problems_on
from .test_notices import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_settings_page_lists_a_device_and_removes_it(new_page, settings):
    settings.VAPID_PUBLIC_KEY, settings.VAPID_PRIVATE_KEY = generate()
    settings.VAPID_SUBJECT = "mailto:operator@example.test"
    sam = make_user("sam@example.test", "Sam")
    make_couple(sam, make_user("alex@example.test", "Alex"))
    PushDevice.objects.create(
        user=sam,
        name="Firefox on Android",
        endpoint="https://updates.push.services.mozilla.com/wpush/v2/seeded",
        p256dh="B" + "A" * 86,
        auth="A" * 22,
    )
    page = new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    log_in(page, "sam@example.test", "Sam")

    page.goto("/me/")
    section = page.get_by_role("region", name="Notifications on this device")
    expect(section.get_by_text("Firefox on Android")).to_be_visible()
    expect(section.get_by_text("“You have something new” and nothing more")).to_be_visible()
    assert problems_on(page, Axe(), "/me/ with a device") == []
    page.goto("/me/emails/")
    assert problems_on(page, Axe(), "/me/emails/") == []
    page.goto("/me/")

    # The script found a browser that can take notifications and shows the button; a
    # click asks for permission, subscribes through the service worker, and says how
    # it went in the status line (here the push service cannot be reached).
    page.context.grant_permissions(["notifications"])
    section.get_by_role("button", name="Turn on notifications on this device").click()
    status = section.get_by_role("status")
    expect(status).to_contain_text("could not turn notifications on", timeout=20_000)
    assert page.evaluate("() => navigator.serviceWorker.ready.then((r) => !!r.active)")

    section.get_by_role("button", name="Remove Firefox on Android").click()
    expect(page.get_by_text("That device will no longer get notifications.")).to_be_visible()
    expect(section.get_by_text("No device gets notifications yet.")).to_be_visible()
    assert not PushDevice.objects.exists()
    assert errors == []
