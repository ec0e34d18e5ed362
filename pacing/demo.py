"""Demo readiness history: over three weeks Sam's readiness held steady, which
opened tier 2 ("Everyday reconnection") for the demo couple; a few false-connection
checks of both partners, none of which holds the pace back."""

from datetime import datetime, time, timedelta

from django.utils import timezone as tz

from accounts.models import Membership, User

from .models import Exercise, ExerciseSession, FalseConnectionCheck, ReadinessReport, Reflection

# (days ago, who, closeness feels safe, body settled, private note)
HISTORY = [
    (16, "hurt", 6, 5, "Calmer than last month. The pause signal is helping."),
    (12, "involved", 7, 6, ""),
    (9, "hurt", 6, 6, "A good week overall. Tuesday was hard but it passed."),
    (5, "involved", 8, 6, "Grateful Sam is willing to try the exercises."),
    (2, "hurt", 7, 5, "Felt close to Alex on our walk, and still a bit wary. Both are true."),
]


# (days ago, who, rushed, said fine, avoided, pressured, affection): 0 not at all,
# 1 sometimes, 2 often. None of them "often" on rushing, pressure or saying fine, so
# the demo's open tier stays where readiness put it.
FALSE_CONNECTION = [
    (15, "hurt", 0, 1, 1, 0, 0),
    (13, "involved", 1, 0, 1, 1, 1),
    (8, "hurt", 0, 1, 0, 0, 0),
    (6, "involved", 1, 0, 2, 0, 1),
    (1, "hurt", 0, 0, 1, 0, 0),
]


def seed(people: dict[str, User]) -> None:
    hurt, involved = people["hurt"], people["involved"]
    membership = Membership.objects.active().select_related("couple").get(user=hurt)
    couple = membership.couple
    if ReadinessReport.objects.filter(couple=couple).exists():
        return
    today = tz.now().astimezone(couple.zone).date()
    authors = {"hurt": hurt, "involved": involved}
    for days_ago, who, closeness, body, note in HISTORY:
        ReadinessReport.objects.create(
            couple=couple,
            author=authors[who],
            role=who,
            # Midday in the couple's zone, so "a week apart" is a calendar week.
            created_at=datetime.combine(today - timedelta(days=days_ago), time(12), couple.zone),
            closeness_safety=closeness,
            body_settled=body,
            note=note,
        )
    for days_ago, who, *answers in FALSE_CONNECTION:
        FalseConnectionCheck.objects.create(
            couple=couple,
            author=authors[who],
            role=who,
            created_at=datetime.combine(today - timedelta(days=days_ago), time(18), couple.zone),
            **dict(
                zip(
                    ("rushed", "said_fine", "avoided", "pressured", "affection"),
                    answers,
                    strict=True,
                )
            ),
        )
    listening = Exercise.objects.filter(slug="listening-to-understand").first()
    if listening is None:
        return
    session = ExerciseSession.objects.create(
        couple=couple,
        exercise=listening,
        started_by=involved,
        started_at=tz.now() - timedelta(days=6),
        completed_at=tz.now() - timedelta(days=6) + timedelta(minutes=20),
    )
    Reflection.objects.create(
        session=session,
        author=hurt,
        safety=7,
        noticed="Alex didn't interrupt once. I noticed my shoulders drop halfway through.",
    )
    Reflection.objects.create(
        session=session,
        author=involved,
        safety=8,
        noticed="Hard not to explain myself. Summing up what Sam said helped me slow down.",
    )
