"""The therapist's list of couples a page at a time, in a browser: the page links swap
the list in place (htmx), keep the order chosen, update the address, put the focus at
the top of the new page, and the page has no serious accessibility problem. The list is
one table: a sortable table on a desk, a card per couple on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from checkins.models import CheckIn
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
    couples = page.locator(".couple-table tbody th a")
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


DESK = {"width": 1280, "height": 800}
NARROW_PHONE = {"width": 375, "height": 740}


def table_names(page) -> list[str]:
    return page.locator(".couple-table tbody th a").all_inner_texts()


def cell_boxes(row) -> list[dict]:
    """Where the couple's name and each of its cells are drawn (empty ones left out)."""
    cells = row.locator("th, td")
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    return [box for box in boxes if box["height"] > 0]


def labels_drawn(row) -> list[str]:
    """The text drawn before each cell's value (its column's name on a phone)."""
    return row.locator("td").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell, '::before').content)"
    )


def test_on_a_desk_the_table_sorts_and_filters(new_page, settings, therapist):
    settings.THERAPIST_MFA_REQUIRED = False
    TherapistProfile.set_up(therapist, "Harbour Couples Therapy")
    couples = build_couples(therapist, range(4), timezone.now(), weeks_of_history=6)
    # One couple has not checked in for weeks: it carries a flag the others do not.
    CheckIn.objects.filter(couple=couples[2]).delete()
    page = new_page(viewport=DESK)
    log_in(page, therapist.email, PASSWORD)
    page.goto("/therapists/couples/")

    table = page.locator(".couple-table")
    table.wait_for()
    # A table: the headers in sight, each couple's cells side by side, no names repeated.
    assert page.locator(".couple-table thead").bounding_box()["height"] > 20
    assert not page.locator("nav.phone-only").is_visible()  # the headers sort here
    row = page.locator(".couple-table tbody tr").first
    assert len({round(box["y"]) for box in cell_boxes(row)}) == 1
    assert set(labels_drawn(row)) == {"none"}

    page.get_by_role("link", name="Couple", exact=True).click()
    page.wait_for_url("**/therapists/couples/?sort=name")
    assert table_names(page) == ["H0 & I0", "H1 & I1", "H2 & I2", "H3 & I3"]
    header = page.locator("th.col-name")
    assert header.get_attribute("aria-sort") == "ascending"

    page.get_by_role("link", name="Couple", exact=True).click()
    page.wait_for_url("**/therapists/couples/?sort=-name")
    assert table_names(page) == ["H3 & I3", "H2 & I2", "H1 & I1", "H0 & I0"]
    assert header.get_attribute("aria-sort") == "descending"

    page.locator("#flag-no_checkin").click()
    page.wait_for_url("**/therapists/couples/?sort=-name&flag=no_checkin")
    assert table_names(page) == ["H2 & I2"]
    assert page.locator("#flag-no_checkin").get_attribute("aria-current") == "true"
    page.get_by_text("Showing the one with").wait_for()

    page.locator("#flag-all").click()
    page.wait_for_url("**/therapists/couples/?sort=-name")
    assert len(table_names(page)) == 4
    found = problems_on(page, Axe(), page.url)
    assert found == [], "\n".join(found)


def test_on_a_phone_each_row_of_the_table_is_a_card(new_page, settings, therapist):
    settings.THERAPIST_MFA_REQUIRED = False
    TherapistProfile.set_up(therapist, "Harbour Couples Therapy")
    build_couples(therapist, range(2), timezone.now(), weeks_of_history=2)
    page = new_page(viewport=NARROW_PHONE)
    log_in(page, therapist.email, PASSWORD)
    page.goto("/therapists/couples/")

    rows = page.locator(".couple-table tbody tr")
    rows.first.wait_for()
    assert rows.count() == 2
    # The headers are out of sight (still there for screen readers); the sort links
    # above the list are the ones to see.
    assert page.locator(".couple-table thead").bounding_box()["height"] <= 1
    assert page.locator("nav.phone-only").is_visible()
    first, second = rows.nth(0).bounding_box(), rows.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"]  # one card under the other
    for row in (rows.nth(0), rows.nth(1)):
        # The name, then each fact under the other, each under its column's name.
        boxes = cell_boxes(row)
        assert len(boxes) >= 9
        for above, below in zip(boxes, boxes[1:], strict=False):
            assert below["y"] >= above["y"] + above["height"] - 1
        labels = row.locator("td").evaluate_all("cells => cells.map(cell => cell.dataset.label)")
        drawn = labels_drawn(row)
        assert "Started" in labels and "Agreement" in labels
        for label, content in zip(labels, drawn, strict=True):
            # Drawn for the eyes only: screen readers have the column headers.
            assert content in ("none", f'"{label}" / ""'), (label, content)
        assert sum(content != "none" for content in drawn) == len(boxes) - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW_PHONE["width"]
