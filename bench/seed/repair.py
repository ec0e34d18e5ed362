"""Repairs after hard moments, one every other week, both sides finished, most after a
pause (so they count towards the time to come back)."""

import random
from datetime import datetime, timedelta

from checkins import weeks
from repair.models import Origin, Repair, RepairSide

WORDS = ["It felt lonely.", "I heard that it hurt.", "I went quiet.", "I will stay."]


def build(pairs, week_count: int, now: datetime, rng: random.Random) -> None:
    repairs = []
    for pair in pairs:
        zone = pair.couple.zone
        first = weeks.week_start_for(pair.couple.created_at, zone)
        for number, day in enumerate(weeks.weeks_between(first, weeks.week_start_for(now, zone))):
            began = weeks.local_midnight(day, zone) + timedelta(days=2, hours=20)
            done = began + timedelta(hours=rng.randint(2, 60))
            if number % 2 or done >= now:
                continue
            repairs.append(
                Repair(
                    couple=pair.couple,
                    started_by=pair.hurt if number % 4 else pair.involved,
                    origin=Origin.PAUSE,
                    began_at=began,
                    started_at=began + timedelta(hours=1),
                    completed_at=done,
                    plan=["A walk on Sunday"],
                    plan_version=1,
                )
            )
    Repair.objects.bulk_create(repairs, batch_size=5000)
    people = {pair.couple.pk: (pair.hurt, pair.involved) for pair in pairs}
    sides = [
        RepairSide(
            repair=repair,
            author=author,
            feelings=["hurt"],
            what_it_was_like=rng.choice(WORDS),
            heard=rng.choice(WORDS),
            my_part=rng.choice(WORDS),
            next_time=rng.choice(WORDS),
            submitted_at=repair.completed_at,
        )
        for repair in repairs
        for author in people[repair.couple_id]
    ]
    RepairSide.objects.bulk_create(sides, batch_size=5000)
