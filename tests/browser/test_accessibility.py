"""Issue 12, acceptance 1 and 3: axe-core finds no serious or critical problem on any
main page, for each kind of person, at phone and desktop sizes, in light and dark
colours; and no page is wider than a 390 px phone screen.

The data is the demo seed, so pages show what real use looks like (charts with
history, lists with entries, notes, diffs), not empty shells.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from accounts.models import Membership

from ..factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)
# The exercise library comes from a data migration, which a transactional test's flush
# empties: load it again (idempotently) before the demo, as a real installation has it.

DEMO_PASSWORD = "demo-pass-2026"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SERIOUS = {"serious", "critical"}
# Every rule at both sizes in light colours; the dark palette's contrast at phone size
# (colours do not change with the width).
LOOKS = [
    (PHONE, "light", None),
    (DESKTOP, "light", None),
    (PHONE, "dark", ["color-contrast", "link-in-text-block"]),
]

PUBLIC_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/support/",
    "/no-such-page/",
]
PARTNER_PAGES = [
    "/",
    "/checkins/",
    "/checkins/history/",
    "/checkins/week/{revealed_week}/",
    "/triggers/",
    "/triggers/new/",
    "/triggers/patterns/",
    "/triggers/{shared_trigger}/",
    "/agreement/",
    "/agreement/propose/",
    "/agreement/history/",
    "/agreement/versions/{version}/",
    "/agreement/compare/",
    "/agreement/review/",
    "/exercises/",
    "/exercises/readiness/",
    "/exercises/lately/",
    "/letter/",
    "/practice/agenda/",
    "/intensives/{intensive}/",
    "/intensives/steps/{intensive_step}/",
    "/exercises/{exercise}/",
    "/together/",
    "/news/",
    "/together/questions/",
    "/together/questions/{question}/",
    "/together/pause/",
    "/together/wins/",
    "/together/goals/",
    "/together/goals/{goal}/",
    "/together/journal/",
    "/together/journal/self-care/",
    "/rituals/",
    "/rituals/new/",
    "/rituals/deck/",
    "/repair/",
    "/repair/start/",
    "/repair/{open_repair}/",
    "/repair/{finished_repair}/",
    "/transparency/heads-ups/",
    "/transparency/heads-ups/new/",
    "/transparency/heads-ups/{heads_up}/",
    "/transparency/plans/",
    "/transparency/plans/{plan_week}/",
    "/transparency/telling/",
    "/transparency/telling/{telling}/",
    "/therapists/",
    "/therapists/end/",
    "/therapists/csi/",
    "/me/",
    "/me/emails/",
    "/me/safety/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/sessions/",
    "/support/",
]
# The forgiveness space is the hurt partner's alone (a 404 for anyone else).
HURT_PARTNER_PAGES = [*PARTNER_PAGES, "/forgiveness/", "/forgiveness/messages/new/"]
THERAPIST_PAGES = [
    "/therapists/couples/",
    "/therapists/couples/?sort=-practice&flag=no_checkin",
    "/therapists/setup/",
    "/news/",
    "/therapists/couples/{couple}/",
    "/transparency/couples/{couple}/",
    "/practice/couples/{couple}/",
    "/intensives/couples/{couple}/",
    "/intensives/couples/{couple}/{intensive}/",
    "/rituals/couples/{couple}/",
    "/letter/couples/{couple}/",
    "/me/",
    "/accounts/2fa/",
    "/support/",
]
NEWCOMER_PAGES = ["/", "/news/", "/me/safety/", "/together/journal/", "/me/"]
# After the shared space closed: the closing page, then the archive.
ARCHIVE_PAGES = [
    "/",
    "/archive/{couple}/",
    "/archive/{couple}/checkins/",
    "/archive/{couple}/triggers/",
    "/archive/{couple}/agreement/",
    "/archive/{couple}/questions/",
    "/me/",
]


def log_in(page, email, password=DEMO_PASSWORD):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.wait_for_load_state()


def problems_on(page, axe, path) -> list[str]:
    """Serious or critical axe findings at each size and colour scheme, and overflow."""
    found = []
    for viewport, scheme, rules in LOOKS:
        page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=scheme)
        look = f"{viewport['width']}px {scheme}"
        options = {"resultTypes": ["violations"]}
        if rules:
            options["runOnly"] = {"type": "rule", "values": rules}
        for violation in axe.run(page, options=options).response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            line = f"{path} @{look}: {violation['id']} ({violation['help']}) {targets}"
            if violation["impact"] in SERIOUS:
                found.append(line)
            else:
                print("minor:", violation["impact"], line)  # shown with pytest -s
        if viewport is PHONE:
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                found.append(f"{path} @{look}: the page is {width}px wide")
    page.emulate_media(color_scheme="light")
    return found


def scan(page, paths, ids) -> list[str]:
    axe = Axe()
    found = []
    for path in paths:
        url = path.format(**ids)
        response = page.goto(url)
        assert response.status < 500, url
        page.wait_for_load_state()
        found += problems_on(page, axe, url)
        # The navigation's "More" menu, opened, is part of every signed-in page.
        if url == "/" and page.get_by_role("navigation", name="Main").count():
            page.set_viewport_size(PHONE)
            page.get_by_role("navigation", name="Main").get_by_text("More").click()
            found += problems_on(page, axe, "/ with the menu open")
    return found


def scan_signed_in(browser, live_server, who, pages, ids, lang="en") -> list[str]:
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    log_in(page, who)
    assert page.locator("html").get_attribute("lang") == lang
    found = scan(page, pages, ids)
    context.close()
    return found


# The hurt and the involved partner's pages, and the same in Spanish, are scanned in
# files of their own (test_accessibility_*.py), so that test processes share them.
def test_the_therapists_pages_have_no_serious_problems(browser, live_server, demo):
    found = scan_signed_in(browser, live_server, "therapist@demo.test", THERAPIST_PAGES, demo)
    assert found == [], "\n".join(found)


def test_public_pages_have_no_serious_problems(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    found = scan(context.new_page(), PUBLIC_PAGES, demo)
    context.close()
    assert found == [], "\n".join(found)


def test_a_newcomer_without_a_couple_space_has_no_serious_problems(browser, live_server, db):
    make_user("kim@example.test", "Kim")
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    log_in(page, "kim@example.test", PASSWORD)
    found = scan(page, NEWCOMER_PAGES, {})
    context.close()
    assert found == [], "\n".join(found)


def test_a_partner_whose_space_closed_has_no_serious_problems(browser, live_server, demo):
    couple = Membership.objects.select_related("couple").get(user__email="hurt@demo.test").couple
    couple.end(by=Membership.objects.get(couple=couple, role="involved").user)
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    log_in(page, "hurt@demo.test")
    found = scan(page, ARCHIVE_PAGES, demo)
    context.close()
    assert found == [], "\n".join(found)
