"""Real Chromium (Debian's) driven by Playwright against Django's live server."""

import os
from datetime import UTC, datetime

import pytest
from django.conf import settings

from ..conftest import chromium_path, require
from ..factories import PASSWORD, make_couple, make_user

# Playwright's sync API runs an event loop in this thread; the ORM calls made by
# tests between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
NEUTRAL_PAGE = "<!doctype html><title>Weather</title><h1>Today's weather</h1>"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _real_transactions(transactional_db):
    """The live server's thread reads what the test writes, so the writes commit (what
    data migrations loaded is put back afterwards: tests/conftest.py)."""


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    require(path is not None, "Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a fresh, isolated browser (its own cookies), phone-sized by default."""
    contexts = []

    def open_page(viewport=PHONE, javascript=True):
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, java_script_enabled=javascript
        )
        # The quick exit leaves for an outside site; answer it locally.
        exit_host = settings.QUICK_EXIT_URL.split("/")[2]
        context.route(
            f"https://{exit_host}/**",
            lambda route: route.fulfill(body=NEUTRAL_PAGE, content_type="text/html"),
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def log_in(page, email: str) -> None:
    """Sign in on the sign-in page, as a person does (every test account's password)."""
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


@pytest.fixture
def sam_alex_and_dr_lee(settings):
    """Sam and Alex's couple and Dr. Lee, their therapist with both partners' consent
    (no authenticator app asked of her): (couple, sam, alex, lee)."""
    from ..therapists.builders import link, make_profile

    settings.THERAPIST_MFA_REQUIRED = False
    sam = make_user("sam@example.test", "Sam")
    alex = make_user("alex@example.test", "Alex")
    couple = make_couple(sam, alex)
    lee = make_user("dr.lee@example.test", "Dr. Lee", is_therapist=True)
    make_profile(lee)
    link(couple, lee, sam, alex)
    return couple, sam, alex, lee


@pytest.fixture
def server_clock():
    """The server's clock, for journeys over days or weeks: the live server runs in
    this process, so `server_clock.shift(timedelta(days=7))` moves its
    `timezone.now()` a week on (the browser's own clock is not involved). Starts on
    a Monday morning and keeps ticking, so nothing waits on a frozen clock."""
    import time_machine

    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=True) as traveller:
        yield traveller


@pytest.fixture
def demo(settings):
    """The demo data, and the ids of the demo couple's rows the pages need."""
    import io

    from django.core.management import call_command

    from accounts.models import Membership
    from agreements.models import Version
    from checkins.models import CheckIn
    from intensives.models import Intensive, Step
    from pacing.models import Exercise
    from repair.models import Repair
    from together.models import Goal, Question
    from transparency.models import HeadsUp, Telling, WeekPlan
    from triggers.models import Trigger

    settings.THERAPIST_MFA_REQUIRED = False
    call_command("seed_demo", stdout=io.StringIO())
    couple = Membership.objects.active().get(user__email="hurt@demo.test").couple
    return {
        "couple": couple.pk,
        "revealed_week": CheckIn.objects.filter(couple=couple, revealed_at__isnull=False)
        .first()
        .week_start.isoformat(),
        "shared_trigger": Trigger.objects.filter(couple=couple, shared_at__isnull=False).first().pk,
        "version": Version.objects.filter(agreement__couple=couple).first().pk,
        "exercise": Exercise.objects.filter(tier=0).first().slug,
        "question": Question.objects.filter(couple=couple).first().pk,
        "goal": Goal.objects.filter(couple=couple).first().pk,
        "open_repair": Repair.objects.open().get(couple=couple).pk,
        "finished_repair": Repair.objects.completed().filter(couple=couple).first().pk,
        "heads_up": HeadsUp.objects.filter(couple=couple).first().pk,
        "plan_week": WeekPlan.objects.filter(couple=couple).first().week_start.isoformat(),
        "telling": Telling.objects.filter(couple=couple).first().pk,
        "intensive": Intensive.objects.get(couple=couple).pk,
        "intensive_step": Step.objects.filter(intensive__couple=couple).first().pk,
    }
