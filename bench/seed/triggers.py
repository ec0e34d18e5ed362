"""Trigger entries spread over the couple's history, in every sharing state."""

import random
from datetime import datetime, timedelta

from checkins import weeks
from triggers.models import Category, Sharing, Trigger

HAPPENED = ["", "", "A song in the car.", "Their phone lit up late at night.", "A date came up."]
HELPED = ["", "Breathing slowly.", "A walk outside.", "Talking it through."]
CATEGORIES = [value for value, _label in Category.choices]


def _revealed(moment: datetime, zone, now: datetime) -> datetime:
    """When the check-in of that week opened (see bench.seed.checkins)."""
    week = weeks.week_start_for(moment, zone)
    return min(
        weeks.local_midnight(week, zone) + timedelta(days=5, hours=20), now - timedelta(minutes=30)
    )


def _entry(pair, now: datetime, rng: random.Random) -> Trigger:
    start = pair.couple.created_at
    occurred = start + (now - timedelta(minutes=10) - start) * rng.random()
    sharing = rng.choices(
        [Sharing.SHARE_NOW, Sharing.AT_CHECKIN, Sharing.PRIVATE], weights=[35, 45, 20]
    )[0]
    shared_at = reassured = None
    if sharing == Sharing.SHARE_NOW:
        shared_at = occurred + timedelta(minutes=2)
        reassured = shared_at + timedelta(minutes=rng.randint(5, 600))
        if rng.random() < 0.1 or reassured > now:
            reassured = None
    elif sharing == Sharing.AT_CHECKIN:
        # Every week's check-in is revealed, and the reveal shares these for good.
        shared_at = max(_revealed(occurred, pair.couple.zone, now), occurred)
    return Trigger(
        couple=pair.couple,
        author=pair.hurt if rng.random() < 0.7 else pair.involved,
        occurred_at=occurred,
        category=rng.choice(CATEGORIES),
        intensity=rng.randint(1, 9),
        what_happened=rng.choice(HAPPENED),
        what_helped=rng.choice(HELPED),
        sharing=sharing,
        shared_at=shared_at,
        first_reassured_at=reassured,
        created_at=occurred,
    )


def build(pairs, week_count: int, per_year: int, now: datetime, rng: random.Random) -> None:
    per_couple = max(1, round(per_year * week_count / 52))
    Trigger.objects.bulk_create(
        (_entry(pair, now, rng) for pair in pairs for _ in range(per_couple)), batch_size=5000
    )
