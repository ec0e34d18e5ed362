"""Readiness history (the hurt partner weekly, the involved partner fortnightly),
false-connection checks (each partner weekly, with the odd "often" early on) and
exercise sessions."""

import random
from datetime import datetime, timedelta

from accounts.models import Role
from checkins import weeks
from pacing.models import Exercise, ExerciseSession, FalseConnectionCheck, ReadinessReport


def _value(progress: float, rng: random.Random) -> int:
    return max(0, min(10, round(2 + 6 * progress + rng.uniform(-1.5, 1.5))))


def _often(progress: float, rng: random.Random) -> int:
    """0 not at all, 1 sometimes, 2 often: "often" now and then early on, rarely later."""
    return min(2, int(rng.uniform(0, 2.4 - 2 * progress)))


def _check(pair, author, role, when, progress, rng) -> FalseConnectionCheck:
    questions = ("rushed", "said_fine", "avoided", "pressured", "affection")
    return FalseConnectionCheck(
        couple=pair.couple,
        author=author,
        role=role,
        created_at=when,
        **{name: _often(progress, rng) for name in questions},
    )


def build(pairs, week_count: int, now: datetime, rng: random.Random) -> None:
    exercises = list(Exercise.objects.filter(tier__lte=1).values_list("pk", flat=True))
    reports, checks, sessions = [], [], []
    for pair in pairs:
        zone = pair.couple.zone
        first = weeks.week_start_for(pair.couple.created_at, zone)
        for number, day in enumerate(weeks.weeks_between(first, weeks.week_start_for(now, zone))):
            progress = number / week_count
            monday = weeks.local_midnight(day, zone)
            moments = [(pair.hurt, Role.HURT, monday + timedelta(days=2, hours=21))]
            if number % 2:
                moments.append((pair.involved, Role.INVOLVED, monday + timedelta(days=3, hours=20)))
            for author, role, when in moments:
                if when < now:
                    reports.append(
                        ReadinessReport(
                            couple=pair.couple,
                            author=author,
                            role=role,
                            created_at=when,
                            closeness_safety=_value(progress, rng),
                            body_settled=_value(progress, rng),
                        )
                    )
            for author, role in ((pair.hurt, Role.HURT), (pair.involved, Role.INVOLVED)):
                when = monday + timedelta(days=4, hours=19)
                if when < now:
                    checks.append(_check(pair, author, role, when, progress, rng))
            started = monday + timedelta(days=5, hours=11)
            if exercises and number % 2 == 0 and started < now:
                sessions.append(
                    ExerciseSession(
                        couple=pair.couple,
                        exercise_id=rng.choice(exercises),
                        started_by=pair.hurt,
                        started_at=started,
                        completed_at=min(started + timedelta(minutes=20), now),
                    )
                )
    ReadinessReport.objects.bulk_create(reports, batch_size=5000)
    FalseConnectionCheck.objects.bulk_create(checks, batch_size=5000)
    ExerciseSession.objects.bulk_create(sessions, batch_size=5000)
