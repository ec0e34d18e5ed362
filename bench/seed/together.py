"""Small wins and appreciations, about one a week, thanked by the partner."""

import random
from datetime import datetime, timedelta

from checkins import weeks
from together.models import Win, WinKind

TEXTS = ["You made tea without asking.", "We laughed at dinner.", "You told me first."]


def build(pairs, week_count: int, now: datetime, rng: random.Random) -> None:
    rows = []
    for pair in pairs:
        zone = pair.couple.zone
        first = weeks.week_start_for(pair.couple.created_at, zone)
        for number, day in enumerate(weeks.weeks_between(first, weeks.week_start_for(now, zone))):
            noted = weeks.local_midnight(day, zone) + timedelta(days=1, hours=19)
            if noted >= now:
                continue
            rows.append(
                Win(
                    couple=pair.couple,
                    author=pair.involved if number % 2 else pair.hurt,
                    kind=rng.choice([WinKind.SMALL_WIN, WinKind.APPRECIATION]),
                    text=rng.choice(TEXTS),
                    created_at=noted,
                    thanked_at=min(noted + timedelta(hours=3), now),
                )
            )
    Win.objects.bulk_create(rows, batch_size=5000)
