"""Acceptance 1: a private entry never reaches the partner, in any response."""

from http import HTTPStatus

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import get_resolver, reverse

from tests.accounts.test_every_url import concrete, walk
from triggers import urls as trigger_urls
from triggers.models import Category, Reassurance, Sharing, Trigger

from .builders import log

MARKER = "zq-private-marker-4471"
CHECKIN_MARKER = "zq-not-yet-revealed-9902"
PARTNER_PAGES = {
    "index": [{}, {"page": "2"}, {"shared_page": "2"}],
    "new": [{}],
    "patterns": [
        {"of": of, "range": span} for of in ("", "partner") for span in ("3m", "12m", "all")
    ],
}
ENTRY_PAGES = {"detail", "edit", "reassure"}


@pytest.fixture
def secrets(couple, hurt, involved):
    private = log(
        hurt,
        sharing=Sharing.PRIVATE,
        category=Category.PLACE,
        what_happened=MARKER,
        body_response=MARKER,
        what_helped=MARKER,
    )
    pending = log(hurt, sharing=Sharing.AT_CHECKIN, what_happened=CHECKIN_MARKER)
    # Something the partner may see, so pages are not trivially empty.
    log(hurt, sharing=Sharing.SHARE_NOW, what_happened="A song on the radio")
    return private, pending


def partner_client(involved) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(involved)
    return client


def assert_no_secret(response, url):
    body = response.content.decode()
    assert MARKER not in body, url
    assert CHECKIN_MARKER not in body, url


def test_every_trigger_route_is_covered_here():
    names = {pattern.name for pattern in trigger_urls.urlpatterns}
    assert names == set(PARTNER_PAGES) | ENTRY_PAGES


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_the_partner_never_sees_private_or_unrevealed_entries(secrets, involved, htmx):
    client = partner_client(involved)
    headers = {"HX-Request": "true"} if htmx else {}
    for name, queries in PARTNER_PAGES.items():
        for query in queries:
            url = reverse(f"triggers:{name}")
            response = client.get(url, query, headers=headers)
            assert response.status_code == HTTPStatus.OK, (url, query)
            assert_no_secret(response, (url, query))
    for secret in secrets:
        for name in ENTRY_PAGES:
            url = reverse(f"triggers:{name}", args=[secret.pk])
            for response in (
                # A visit to the reassure action goes to the entry's page: not found.
                client.get(url, headers=headers, follow=True),
                client.post(url, {"text": "hello", "starter": "0"}, headers=headers),
            ):
                assert response.status_code in {HTTPStatus.NOT_FOUND, 405}, url
                assert_no_secret(response, url)
    assert not Reassurance.objects.exists()


def test_the_partners_charts_do_not_count_private_entries(secrets, involved):
    response = partner_client(involved).get(
        reverse("triggers:patterns"), {"of": "partner", "range": "all"}
    )

    summary = response.context["summary"]
    assert summary.total == 1
    assert dict(summary.by_category)[Category.PLACE.label] == 0


def test_no_page_anywhere_in_the_app_shows_the_private_entry(secrets, involved):
    """Every GET route of the whole project, with the secret entries' ids filled in."""
    client = partner_client(involved)
    for route, _name in set(walk(get_resolver())):
        if route.startswith("admin/"):
            continue
        for secret in secrets:
            url = concrete(route).replace("/1/", f"/{secret.pk}/")
            assert_no_secret(client.get(url), url)
            assert_no_secret(client.get(url, headers={"HX-Request": "true"}), url)


def test_the_check_in_fragment_never_holds_private_entries(secrets, couple, involved):
    private, pending = secrets
    day = private.occurred_at.date()
    entries = Trigger.objects.for_checkin_week(couple, day, day)
    request = RequestFactory().get("/")
    request.user = involved

    html = render_to_string(
        "triggers/_checkin_entries.html", {"checkin_triggers": entries, "user": involved}, request
    )

    assert MARKER not in html
    assert CHECKIN_MARKER in html  # shown after the reveal, as intended
