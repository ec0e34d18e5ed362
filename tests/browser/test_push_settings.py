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


SHOWN = """async (count) => {
  const registration = await navigator.serviceWorker.ready;
  for (let i = 0; i < 50; i++) {
    const shown = await registration.getNotifications();
    if (shown.length === count && (count === 0 || shown[0].timestamp > window.lastShown)) {
      window.lastShown = shown[0].timestamp;
      return shown.map((n) => ({title: n.title, body: n.body}));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}"""


def test_the_service_worker_shows_what_the_server_sent_and_nothing_else(new_page, live_server):
    """A message delivered to the worker (as a push service would, through Chromium's
    DevTools) shows its title and text; one without a readable payload shows the
    neutral title; a newer one replaces the older instead of piling up."""
    make_couple(make_user("sam@example.test", "Sam"), make_user("alex@example.test", "Alex"))
    page = new_page()
    page.context.grant_permissions(["notifications"])
    log_in(page, "sam@example.test", "Sam")
    page.goto("/me/")
    page.evaluate("() => { window.lastShown = 0; }")
    registrations = []
    cdp = page.context.new_cdp_session(page)
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    for _ in range(50):  # each round trip lets the DevTools events arrive
        if any(not r["isDeleted"] for r in registrations):
            break
        page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    registration_id = next(r["registrationId"] for r in registrations if not r["isDeleted"])

    def deliver(data: str):
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {"origin": live_server.url, "registrationId": registration_id, "data": data},
        )

    deliver('{"title": "Notes", "body": "", "icon": "/static/img/notes-192.png"}')
    assert page.evaluate(SHOWN, 1) == [{"title": "Notes", "body": ""}]
    deliver("")
    assert page.evaluate(SHOWN, 1) == [{"title": "You have something new", "body": ""}]
    cdp.detach()
