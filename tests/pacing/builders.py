"""Real rows for pacing tests."""

from datetime import timedelta

from django.utils import timezone as tz

from accounts.models import Membership
from pacing.models import Exercise, ExerciseSession, ReadinessReport


def report(user, days_ago=0, closeness=6, body=6, note="", at=None):
    membership = Membership.objects.active().get(user=user)
    return ReadinessReport.objects.create(
        couple=membership.couple,
        author=user,
        role=membership.role,
        created_at=at or tz.now() - timedelta(days=days_ago),
        closeness_safety=closeness,
        body_settled=body,
        note=note,
    )


def open_tier_two(hurt):
    """Three steady reports a week apart: tier 2 is open now."""
    for days_ago in (14, 7, 0):
        report(hurt, days_ago=days_ago, closeness=6, body=6)


def exercise(tier, slug=None, **extra):
    return Exercise.objects.create(
        slug=slug or f"test-tier-{tier}",
        tier=tier,
        title=extra.pop("title", f"Test exercise of tier {tier}"),
        purpose=extra.pop("purpose", "A purpose."),
        steps=extra.pop("steps", "First step.\nSecond step."),
        minutes=extra.pop("minutes", 10),
        **extra,
    )


def session_of(couple, exercise, user):
    return ExerciseSession.objects.create(couple=couple, exercise=exercise, started_by=user)
