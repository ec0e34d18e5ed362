"""Intensives and their steps the way a therapist plans them."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from intensives.models import Intensive, Kind, Step


def planned(couple, therapist, days_ahead=1, days=2) -> Intensive:
    first = timezone.now().astimezone(couple.zone).date() + timedelta(days=days_ahead)
    return Intensive.plan(couple, therapist, first, first + timedelta(days=days - 1))


def at(intensive, day=0, hour=10) -> datetime:
    when = datetime.combine(intensive.starts_on + timedelta(days=day), time(hour))
    return when.replace(tzinfo=intensive.couple.zone)


def guide(intensive, day=0, hour=10, hours=2, **fields) -> Step:
    fields = {
        "title": "What the last months were like",
        "prompt": "Each of you speaks about one moment that stayed with you.",
        "turn_minutes": 3,
        "rounds": 2,
    } | fields
    return Step.objects.create(
        intensive=intensive,
        written_by=intensive.therapist,
        kind=Kind.GUIDE,
        opens_at=at(intensive, day, hour),
        closes_at=at(intensive, day, hour + hours),
        **fields,
    )


def on_exercise(intensive, exercise, day=0, hour=15) -> Step:
    return Step.objects.create(
        intensive=intensive,
        kind=Kind.EXERCISE,
        exercise=exercise,
        opens_at=at(intensive, day, hour),
        closes_at=at(intensive, day, hour + 2),
    )
