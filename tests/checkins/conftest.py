"""Check-in helpers: a couple that has existed for years, answers, revealed weeks."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from checkins.models import Answer, CheckIn

MARKER = "MARKER-ZEBRA-7731"
LONG_AGO = datetime(2023, 1, 2, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Personas are created for every test; a slow hasher only costs time here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def couple(couple):
    # Old enough that any week the tests travel to is part of the couple's life.
    couple.created_at = LONG_AGO
    couple.save(update_fields=["created_at"])
    return couple


def answer_data(rating=6, marker="", **overrides) -> dict:
    data = {
        "safety": rating,
        "trust": rating,
        "connection": rating,
        "hope": rating,
        "triggers_text": f"A hard evening after the party {marker}",
        "boundaries_text": f"Phone stayed on the kitchen table {marker}",
        "win_text": f"We laughed at dinner {marker}",
        "need_text": f"A calm walk on Saturday {marker}",
    }
    return data | overrides


def week_url(name: str, week_start: date) -> str:
    return reverse(f"checkins:{name}", kwargs={"week": week_start.isoformat()})


def revealed_week(couple, hurt, involved, week_start: date, rating=6, **texts) -> CheckIn:
    """A week both partners answered, written straight to the database."""
    submitted = datetime.combine(week_start + timedelta(days=6), datetime.min.time(), UTC)
    checkin = CheckIn.objects.create(couple=couple, week_start=week_start, revealed_at=submitted)
    for author in (hurt, involved):
        Answer.objects.create(
            checkin=checkin,
            author=author,
            submitted_at=submitted,
            **dict.fromkeys(("safety", "trust", "connection", "hope"), rating),
            **texts,
        )
    return checkin
