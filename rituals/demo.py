"""Demo rituals: a weekly walk (the library's exercise) and a weekday morning coffee,
agreed five weeks ago, with most times marked by both, a few private feelings, and a
handful of favourite curiosity cards (one answered privately, one shared)."""

from datetime import time, timedelta

from django.utils import timezone as tz

from accounts.models import Membership, User
from pacing.models import Exercise

from .models import Card, CardAnswer, Favourite, Feeling, Mark, Outcome, Ritual, Status
from .schedule import days_mask

WEEKS = 5


def seed(people: dict[str, User]) -> None:
    hurt, involved = people["hurt"], people["involved"]
    couple = Membership.objects.active().select_related("couple").get(user=hurt).couple
    if Ritual.objects.filter(couple=couple).exists():
        return  # Already seeded: safe to run twice.
    now = tz.now()
    agreed = now - timedelta(weeks=WEEKS)
    start = agreed.astimezone(couple.zone).date()
    common = {
        "couple": couple,
        "timezone": couple.timezone,
        "starts_on": start,
        "status": Status.ACTIVE,
        "proposed_at": agreed - timedelta(days=1),
        "accepted_at": agreed,
    }
    walk = Ritual.objects.create(
        exercise=Exercise.objects.get(slug="a-walk-together"),
        rhythm="weekly",
        days=days_mask([6]),
        at_time=time(10),
        proposed_by=involved,
        **common,
    )
    coffee = Ritual.objects.create(
        title="Morning coffee together before work",
        rhythm="weekdays",
        days=days_mask(range(5)),
        at_time=time(7, 30),
        proposed_by=hurt,
        **common,
    )
    yesterday = (now - timedelta(days=1)).astimezone(couple.zone).date()
    marks, feelings = [], []
    for ritual in (walk, coffee):
        for n, day in enumerate(ritual.schedule.between(start, yesterday)):
            skipped = n % 6 == 5  # now and then life gets in the way, and that's fine
            outcome = Outcome.SKIPPED if skipped else Outcome.DID
            for person in (hurt, involved):
                marks.append(Mark(ritual=ritual, person=person, occurrence=day, outcome=outcome))
            if ritual is walk and not skipped:
                feelings.append(
                    Feeling(
                        ritual=ritual,
                        author=hurt,
                        occurrence=day,
                        felt=5 + n % 4,
                        line="Easier to talk side by side than face to face.",
                    )
                )
    Mark.objects.bulk_create(marks)
    Feeling.objects.bulk_create(feelings)
    light = list(Card.objects.filter(tier__lte=2).order_by("tier", "slug")[:4])
    for card in light:
        Favourite.objects.create(couple=couple, card=card, kept_by=hurt)
    CardAnswer.objects.create(
        couple=couple, card=light[0], author=hurt, text="The smell of rain on the way home."
    )
    CardAnswer.objects.create(
        couple=couple,
        card=light[0],
        author=involved,
        text="You laughing at the dog chasing its own tail.",
        shared=True,
    )
