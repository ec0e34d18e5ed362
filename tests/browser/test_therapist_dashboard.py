"""The therapist's list of couples a page at a time, in a browser: the page links swap
the list in place (htmx), keep the order chosen, update the address, put the focus at
the top of the new page, and the page has no serious accessibility problem."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from therapists.dashboard import PAGE_SIZE
from therapists.models import TherapistProfile

from ..factories import PASSWORD
from ..therapists.history import build_couples
from .test_accessibility import log_in, problems_on

pytestmark = pytest.mark.django_db(transaction=True)


def test_paging_swaps_the_list_and_keeps_the_order(new_page, settings, therapist):
    settings.THERAPIST_MFA_REQUIRED = False
    TherapistProfile.set_up(therapist, "Harbour Couples Therapy")
    build_couples(therapist, range(PAGE_SIZE + 2), timezone.now(), weeks_of_history=2)
    page = new_page()
    log_in(page, therapist.email, PASSWORD)
    page.goto("/therapists/couples/?sort=name")
    couples = page.locator(".couple-summary h3")
    page.get_by_text("Page 1 of 2").wait_for()
    first = couples.all_inner_texts()

    page.get_by_role("link", name="Next page").click()
    page.get_by_text("Page 2 of 2").wait_for()

    assert page.url.endswith("/therapists/couples/?sort=name&page=2")
    assert couples.all_inner_texts() == ["H8 & I8", "H9 & I9"]  # the last two by name
    assert not set(first) & set(couples.all_inner_texts())
    assert page.evaluate("document.activeElement.id") == "couples-summary"
    found = problems_on(page, Axe(), page.url)
    assert found == [], "\n".join(found)

    page.get_by_role("link", name="Previous page").click()
    page.get_by_text("Page 1 of 2").wait_for()
    assert couples.all_inner_texts() == first
    page.get_by_role("link", name="Longest since a check-in").click()
    page.wait_for_url("**/therapists/couples/?sort=checkin")
    assert page.evaluate("document.activeElement.id") == "sort-checkin"
