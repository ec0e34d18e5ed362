"""Dates and times are shown in the viewer's own time zone on every page."""

from datetime import UTC, datetime
from http import HTTPStatus

from django.urls import reverse

from together.models import JournalEntry

from ..conftest import client_for

# 23:30 in London on a winter evening is 12:30 the next day in Auckland (UTC+13).
WRITTEN = datetime(2026, 1, 14, 23, 30, tzinfo=UTC)


def test_a_page_without_its_own_time_zone_handling_shows_local_times(hurt, couple):
    hurt.timezone = "Pacific/Auckland"
    hurt.save(update_fields=["timezone"])
    JournalEntry.objects.create(author=hurt, text="A quiet evening.", created_at=WRITTEN)

    response = client_for(hurt).get(reverse("together:journal"))

    assert response.status_code == HTTPStatus.OK
    assert "Thursday 15 January 2026, 12:30" in response.text


def test_each_viewer_sees_their_own_time(hurt, couple):
    hurt.timezone = "America/New_York"
    hurt.save(update_fields=["timezone"])
    JournalEntry.objects.create(author=hurt, text="A quiet evening.", created_at=WRITTEN)

    response = client_for(hurt).get(reverse("together:journal"))

    assert "Wednesday 14 January 2026, 18:30" in response.text
