"""The dashboard and couple pages: who is listed, and a bounded number of queries."""

import re
from datetime import UTC, datetime
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse

from therapists.dashboard import PAGE_SIZE
from therapists.models import (
    AuditAction,
    AuditEntry,
    Consent,
    CsiResponse,
    NoteVisibility,
    TherapistNote,
)

from ..conftest import client_for
from ..factories import make_couple, make_user
from .builders import link, membership_of

# History length must not matter. The couple page reads every progress section; the
# partner page also works out which suggested exercises are open.
DASHBOARD_MAX_QUERIES = 20
COUPLE_PAGE_MAX_QUERIES = 32
PARTNER_PAGE_MAX_QUERIES = 20
ANSWERS = {"happiness": 3, "warmth": 3, "rewarding": 3, "satisfaction": 3}


def couples_with_history(dr_lee, count: int, months: int) -> list:
    couples = []
    for n in range(count):
        first = make_user(f"p{n}a@example.test", f"Partner {n}A")
        second = make_user(f"p{n}b@example.test", f"Partner {n}B")
        couple = make_couple(first, second)
        therapist_link = link(couple, dr_lee, first, second)
        for month in range(months):
            moment = datetime(2025 + month // 12, month % 12 + 1, 3, tzinfo=UTC)
            for user in (first, second):
                CsiResponse.record(membership_of(user), ANSWERS, moment)
            TherapistNote.objects.create(
                couple=couple, therapist=dr_lee, text="Note", visibility=NoteVisibility.COUPLE
            )
        AuditEntry.record(dr_lee, [couple.pk] * months * 4, AuditAction.VIEW_COUPLE, "/x/")
        for _ in range(months):  # a long consent history: withdrawn and given again
            Consent.withdraw(therapist_link, first)
            Consent.give(therapist_link, membership_of(first))
        couples.append(couple)
    return couples


def test_the_dashboard_lists_couples_with_access_and_since_when(dr_lee, hurt, involved, couple):
    with time_machine.travel(datetime(2026, 3, 4, 9, tzinfo=UTC), tick=False):
        link(couple, dr_lee, hurt, involved)
    waiting = make_couple(make_user("w1@example.test", "Wren"), make_user("w2@example.test", "Ash"))
    link(waiting, dr_lee)
    closed = make_couple(make_user("c1@example.test", "Cy"), make_user("c2@example.test", "Bo"))
    link(closed, dr_lee)
    closed.end()

    page = client_for(dr_lee).get(reverse("therapists:dashboard")).text

    assert "Sam &amp; Alex" in page
    assert "Sharing with you since 4 March 2026" in page
    assert reverse("therapists:couple_detail", args=[couple.pk]) in page
    assert "Wren" not in page and "Ash" not in page
    assert "One more couple has invited you" in page


@pytest.mark.parametrize(("count", "months"), [(2, 1), (25, 12)])
def test_the_dashboard_runs_a_bounded_number_of_queries(
    dr_lee, django_assert_max_num_queries, count, months
):
    couples_with_history(dr_lee, count, months)
    client = client_for(dr_lee)

    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        response = client.get(reverse("therapists:dashboard"))

    assert response.status_code == HTTPStatus.OK
    assert response.text.count("Sharing with you since") == min(count, PAGE_SIZE)


@pytest.mark.parametrize("months", [1, 24])
def test_the_couple_page_runs_a_bounded_number_of_queries(
    dr_lee, django_assert_max_num_queries, months
):
    (couple,) = couples_with_history(dr_lee, 1, months)
    client = client_for(dr_lee)

    with django_assert_max_num_queries(COUPLE_PAGE_MAX_QUERIES):
        response = client.get(reverse("therapists:couple_detail", args=[couple.pk]))

    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize("months", [1, 24])
def test_the_partner_pages_run_a_bounded_number_of_queries(
    dr_lee, django_assert_max_num_queries, months
):
    (couple,) = couples_with_history(dr_lee, 1, months)
    client = client_for(couple.memberships.first().user)

    for name in ["couple_settings", "csi", "consent"]:
        with django_assert_max_num_queries(PARTNER_PAGE_MAX_QUERIES):
            response = client.get(reverse(f"therapists:{name}"))
        assert response.status_code == HTTPStatus.OK


def test_the_couple_page_shows_who_the_partners_are(dr_lee, hurt, involved, couple):
    link(couple, dr_lee, hurt, involved)

    page = client_for(dr_lee).get(reverse("therapists:couple_detail", args=[couple.pk])).text

    assert "Sam: Hurt partner" in page
    assert "Alex: Involved partner" in page


def every_page(couple):
    return [
        ("therapist", reverse("therapists:dashboard")),
        ("therapist", reverse("therapists:setup")),
        ("therapist", reverse("therapists:couple_detail", args=[couple.pk])),
        ("hurt", reverse("therapists:couple_settings")),
        ("hurt", reverse("therapists:consent")),
        ("hurt", reverse("therapists:csi")),
        ("loner", reverse("therapists:setup")),
        ("loner", reverse("home")),
    ]


def test_every_page_keeps_the_quick_exit_first_and_no_inline_styles(
    request, dr_lee, hurt, involved, couple
):
    link(couple, dr_lee, hurt, involved)
    for who, url in every_page(couple):
        response = client_for(request.getfixturevalue(who)).get(url)

        assert response.status_code == HTTPStatus.OK, url
        html = response.text
        body = html[html.index("<body") :]
        first_focusable = re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body).group(0)
        assert 'id="quick-exit"' in first_focusable, url
        assert " style=" not in html and "<style" not in html, url
        assert re.findall(r"<script\b(?![^>]*\bsrc=)(?![^>]*\bnonce=)[^>]*>", html) == [], url
        assert "<h1" in html, url
