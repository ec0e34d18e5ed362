"""On the phone's home screen (acceptance 3 of "Reach"): Chromium finds a valid
manifest and the service worker registers; after signed-in pages its caches hold none
of them; offline, a signed-in address shows the neutral offline page, not stale content;
the discreet setting renames the app "Notes" with a plain icon; the quick exit clears
what the app keeps."""

import json

import pytest

from ..factories import make_couple, make_user
from .test_notices import log_in

pytestmark = pytest.mark.django_db(transaction=True)

SIGNED_IN_PAGES = ["/", "/together/", "/checkins/", "/me/", "/news/"]

CACHED = """async () => {
  const kept = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    kept[name] = [];
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      kept[name].push({url: new URL(request.url).pathname, body: await response.text()});
    }
  }
  return kept;
}"""

READY = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return {script: registration.active.scriptURL, scope: registration.scope};
}"""


def chromium_manifest(page) -> dict:
    """The manifest as Chromium itself reads it, with its errors and install checks."""
    cdp = page.context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    installability = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    cdp.detach()
    assert manifest["errors"] == [], manifest["errors"]
    return {
        "data": json.loads(manifest["data"]),
        "installability": [error["errorId"] for error in installability],
    }


def icons_load(page, icons):
    for icon in icons:
        response = page.request.get(icon["src"])
        assert response.ok and response.headers["content-type"] == "image/png", icon["src"]


def test_installs_keeps_nothing_private_and_follows_the_discreet_setting(new_page, live_server):
    make_couple(make_user("sam@example.test", "Sam"), make_user("alex@example.test", "Alex"))
    page = new_page()
    log_in(page, "sam@example.test", "Sam")

    # The manifest is valid and the service worker registers for the whole site.
    registration = page.evaluate(READY)
    assert registration["script"].endswith("/sw.js")
    assert registration["scope"] == live_server.url + "/"
    manifest = chromium_manifest(page)
    data = manifest["data"]
    assert (data["name"], data["start_url"], data["display"]) == (
        "Common Ground",
        "/",
        "standalone",
    )
    assert {icon["sizes"] for icon in data["icons"]} >= {"192x192", "512x512"}
    icons_load(page, data["icons"])
    # Nothing stands in the way of installing, but that a test's browser context is
    # a private window.
    assert set(manifest["installability"]) <= {"in-incognito"}, manifest["installability"]

    # Signed-in pages, visited under the service worker's control, are never kept.
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    for path in SIGNED_IN_PAGES:
        page.goto(path)
        page.wait_for_load_state()
    kept = page.evaluate(CACHED)
    assert any(name.startswith("static-") for name in kept)
    urls = [entry["url"] for entries in kept.values() for entry in entries]
    assert "/static/css/app.css" in urls
    assert all(url.startswith("/static/") or url == "/offline/" for url in urls), urls
    for entries in kept.values():
        for entry in entries:
            for personal in ("Hello, Sam", "sam@example.test", "Alex"):
                assert personal not in entry["body"], entry["url"]

    # Offline, a signed-in address shows the neutral offline page, not what was there.
    page.context.set_offline(True)
    page.goto("/together/")
    page.get_by_role("heading", name="No connection").wait_for()
    content = page.content()
    assert "Hello, Sam" not in content and "Common Ground" not in content
    page.context.set_offline(False)

    # With the discreet setting, the app on the home screen is "Notes", with a plain icon.
    page.goto("/me/")
    page.get_by_label("Use a discreet name and icon").check()
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_load_state()
    assert page.title() == "Notes"
    data = chromium_manifest(page)["data"]
    assert data["name"] == data["short_name"] == "Notes"
    assert all("/img/notes-" in icon["src"] for icon in data["icons"])
    icons_load(page, data["icons"])
    touch_icon = page.locator("link[rel=apple-touch-icon]").get_attribute("href")
    assert "notes-apple-touch-icon" in touch_icon


def test_the_quick_exit_clears_what_the_app_keeps(new_page):
    make_couple(make_user("sam@example.test", "Sam"), make_user("alex@example.test", "Alex"))
    page = new_page()
    log_in(page, "sam@example.test", "Sam")
    page.evaluate(READY)
    page.wait_for_function("caches.keys().then(names => names.length >= 2)")
    page.evaluate("sessionStorage.setItem('draft', 'x'); localStorage.setItem('draft', 'x')")

    page.locator("#quick-exit").click()
    page.get_by_role("heading", name="Today's weather").wait_for()

    # Back on this site (as a reopened home-screen app would be): signed out, and the
    # app keeps only its static files. (Holding back the offline page, which the
    # service worker would otherwise put back as soon as a page loads.)
    page.context.route("**/offline/", lambda route: route.abort())
    page.goto("/")
    assert "This page is not available" in page.content()
    assert "Hello, Sam" not in page.content()
    names = page.evaluate("caches.keys()")
    assert names and all(name.startswith("static-") for name in names), names
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
