"""Weekly check-ins: every week from the couple's first to this one, both answers shared."""

import random
from datetime import datetime, timedelta

from checkins import weeks
from checkins.models import Answer, CheckIn

WINS = [
    "We took a walk after dinner and it felt easy.",
    "You told me about your day before I asked.",
    "We paused when it got heated and came back an hour later.",
    "Breakfast together on Sunday.",
    "",
]
NEEDS = ["A calm evening together.", "Hearing about plans early.", "A hug when I get home.", ""]
NOTES = ["We want to keep the Sunday walk.", "Slow weeks are fine too.", ""]


def _rating(progress: float, rng: random.Random) -> int:
    return max(0, min(10, round(3 + 5 * progress + rng.uniform(-2, 2))))


def build(pairs, week_count: int, now: datetime, rng: random.Random) -> None:
    rows = []
    for pair in pairs:
        zone = pair.couple.zone
        first = weeks.week_start_for(pair.couple.created_at, zone)
        for day in weeks.weeks_between(first, weeks.week_start_for(now, zone)):
            revealed = weeks.local_midnight(day, zone) + timedelta(days=5, hours=20)
            rows.append(
                CheckIn(
                    couple=pair.couple,
                    week_start=day,
                    created_at=weeks.local_midnight(day, zone) + timedelta(hours=9),
                    revealed_at=min(revealed, now - timedelta(minutes=30)),
                    joint_note=rng.choice(NOTES),
                    next_step=rng.choice(NOTES),
                )
            )
    checkins = CheckIn.objects.bulk_create(rows, batch_size=2000)
    by_couple = {pair.couple.pk: pair for pair in pairs}
    answers = []
    for checkin in checkins:
        pair = by_couple[checkin.couple_id]
        age = (checkin.week_start - pair.couple.created_at.date()).days
        progress = max(0.0, age / (7 * week_count))
        for author, delay in ((pair.hurt, timedelta(hours=1)), (pair.involved, timedelta(0))):
            answers.append(
                Answer(
                    checkin=checkin,
                    author=author,
                    safety=_rating(progress, rng),
                    trust=_rating(progress, rng),
                    connection=_rating(progress, rng),
                    hope=_rating(progress, rng),
                    triggers_text="A hard moment on Tuesday evening.",
                    win_text=rng.choice(WINS),
                    need_text=rng.choice(NEEDS),
                    submitted_at=checkin.revealed_at - delay,
                )
            )
    Answer.objects.bulk_create(answers, batch_size=2000)
