"""A date typed far outside a sensible range (before 1900, more than a year ahead)
is a clear form error, never a 500; so is an odd date in a check-in address."""

from datetime import UTC, datetime
from http import HTTPStatus

import pytest
import time_machine
from django.urls import reverse

from triggers.models import Trigger

from ..conftest import client_for

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
TOO_EARLY = "Please choose a date from 1900 onwards."


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def log_trigger(user, when):
    data = {"category": "other", "intensity": "3", "sharing": "private", "occurred_at": when}
    return client_for(user).post(reverse("triggers:new"), data)


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Adak", "UTC"])
@pytest.mark.parametrize("when", ["0001-01-01T00:30", "1850-05-01T10:00", "1899-12-31T23:59"])
def test_a_trigger_long_ago_is_a_form_error(hurt, couple, zone, when):
    hurt.timezone = zone
    hurt.save(update_fields=["timezone"])

    response = log_trigger(hurt, when)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert TOO_EARLY in response.text
    assert not Trigger.objects.exists()


@pytest.mark.parametrize("when", ["2027-03-06T10:00", "9999-12-31T23:59"])
def test_a_trigger_in_the_future_is_a_form_error(hurt, couple, when):
    response = log_trigger(hurt, when)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please choose a date within the next year." in response.text
    assert not Trigger.objects.exists()


def test_a_trigger_in_1900_is_kept(hurt, couple):
    response = log_trigger(hurt, "1900-01-02T10:00")

    assert response.status_code == HTTPStatus.FOUND
    assert Trigger.objects.get().occurred_at.year == 1900


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("0001-01-01T00:30", TOO_EARLY),
        ("1850-05-01T10:00", TOO_EARLY),
        ("9999-12-31T23:59", "Please choose a date within the next year."),
    ],
)
def test_a_pause_until_an_odd_date_is_a_form_error(hurt, couple, when, message):
    data = {"length": "custom", "return_at": when}

    response = client_for(hurt).post(reverse("together:pause"), data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert message in response.text


@pytest.mark.parametrize("week", ["0001-01-01", "9999-12-27", "1850-01-07", "2026-02-30"])
def test_an_odd_week_in_the_address_is_not_found(hurt, couple, week):
    client = client_for(hurt)

    for name in ("checkins:week", "checkins:status"):
        assert client.get(reverse(name, args=[week])).status_code == HTTPStatus.NOT_FOUND
    for name in ("checkins:save_answer", "checkins:save_shared"):
        assert client.post(reverse(name, args=[week])).status_code == HTTPStatus.NOT_FOUND
