"""Logging a trigger in a few taps, with clear errors for bad input."""

import re
from datetime import UTC, datetime
from http import HTTPStatus

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse

from tests.conftest import client_for
from triggers.models import Category, Sharing, Trigger

from .builders import log

NOW = datetime(2026, 3, 14, 12, 30, tzinfo=UTC)


@pytest.fixture
def sam(couple, hurt):
    hurt.timezone = "Europe/Paris"
    hurt.save(update_fields=["timezone"])
    return hurt


@time_machine.travel(NOW, tick=False)
def test_category_and_intensity_are_enough_and_it_is_kept_for_the_check_in(sam):
    response = client_for(sam).post(
        reverse("triggers:new"),
        {
            "category": "late_night",
            "intensity": "7",
            "sharing": "at_checkin",
            "occurred_at": "2026-03-14T13:30",
        },
    )

    trigger = Trigger.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("triggers:detail", args=[trigger.pk])
    assert (trigger.category, trigger.intensity, trigger.author) == ("late_night", 7, sam)
    assert trigger.sharing == Sharing.AT_CHECKIN
    assert trigger.shared_at is None
    # 13:30 in Paris is 12:30 UTC: the time is read in the person's own time zone.
    assert trigger.occurred_at == NOW


@time_machine.travel(NOW, tick=False)
def test_the_form_starts_at_now_in_the_persons_time_zone_and_at_check_in(sam):
    response = client_for(sam).get(reverse("triggers:new"))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert 'value="2026-03-14T13:30"' in html
    assert re.search(r'<input[^>]*value="at_checkin"[^>]*checked', html)
    assert "<details" in html  # the optional parts stay folded away


@time_machine.travel(NOW, tick=False)
def test_a_time_less_than_a_day_ahead_is_accepted(sam):
    client_for(sam).post(
        reverse("triggers:new"),
        {
            "category": "other",
            "intensity": "3",
            "sharing": "private",
            "occurred_at": "2026-03-15T10:00",
        },
    )

    assert Trigger.objects.get().occurred_at == datetime(2026, 3, 15, 9, 0, tzinfo=UTC)


BAD_INPUT = {
    "intensity 11": ({"intensity": "11"}, "intensity", "0 to 10"),
    "intensity -1": ({"intensity": "-1"}, "intensity", "0 to 10"),
    "intensity words": ({"intensity": "lots"}, "intensity", "0 to 10"),
    "no intensity": ({"intensity": ""}, "intensity", "how strong"),
    "unknown category": ({"category": "exes"}, "category", "one of the options"),
    "no category": ({"category": ""}, "category", "what set it off"),
    "unknown sharing": ({"sharing": "everyone"}, "sharing", "one of the options"),
    "far future": ({"occurred_at": "2026-03-16T13:31"}, "occurred_at", "in the future"),
    "not a date": ({"occurred_at": "yesterday-ish"}, "occurred_at", "date and time"),
    # 02:30 on 29 March 2026 does not exist in Paris (clocks go forward).
    "time skipped by DST": ({"occurred_at": "2026-03-29T02:30"}, "occurred_at", "time zone"),
    "text too long": ({"what_happened": "x" * 2001}, "what_happened", "at most 2000"),
}


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("change", "field", "message"), BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_a_clear_form_error(sam, change, field, message):
    data = {
        "category": "place",
        "intensity": "5",
        "sharing": "private",
        "occurred_at": "2026-03-14T13:00",
        **change,
    }

    response = client_for(sam).post(reverse("triggers:new"), data)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert message.lower() in str(response.context["form"].errors[field]).lower()
    assert not Trigger.objects.exists()


def test_the_database_refuses_an_intensity_above_10(couple, hurt):
    with pytest.raises(IntegrityError):
        log(hurt, intensity=11)


def test_a_new_entry_lists_every_category_as_a_big_choice(couple, hurt):
    html = client_for(hurt).get(reverse("triggers:new")).content.decode()

    for _value, label in Category.choices:
        assert str(label) in html
    assert "<fieldset" in html and "<legend>" in html


def test_an_empty_submission_is_a_form_error(couple, hurt):
    response = client_for(hurt).post(reverse("triggers:new"), {})

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please choose what set it off" in response.content.decode()
    assert not Trigger.objects.exists()
