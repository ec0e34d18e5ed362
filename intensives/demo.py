"""Demo intensive: the demo therapist planned two days for the demo couple, starting
the day after tomorrow (their time): a conversation guide each morning, the library's
listening exercise (when its tier is open for them) and a check-in in the afternoons."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.models import Membership, User
from pacing.models import Exercise, gate_for

from .models import Intensive, Kind, Step

GUIDE = (
    "What the last months have been like for me",
    "Each of you speaks about one moment of the last months that stayed with you: what "
    "happened, what you felt, what you needed then. Speak about yourself, not about the "
    "other. The listener only listens, then says back what they heard.",
)
SECOND_GUIDE = (
    "What would help us feel safe this week",
    "Each of you names one small thing the other could do this week that would help you "
    "feel a little safer or closer. Keep it small and concrete.",
)


def seed(people: dict[str, User]) -> None:
    hurt = Membership.objects.active().select_related("couple").get(user=people["hurt"])
    couple = hurt.couple
    if Intensive.objects.filter(couple=couple).exists():
        return  # Already seeded: safe to run twice.
    first = timezone.now().astimezone(couple.zone).date() + timedelta(days=2)
    intensive = Intensive.plan(couple, people["therapist"], first, first + timedelta(days=1))

    def at(day: int, hour: int) -> datetime:
        return datetime.combine(first + timedelta(days=day), time(hour), tzinfo=couple.zone)

    def guide(day, texts):
        title, prompt = texts
        return {
            "kind": Kind.GUIDE,
            "title": title,
            "prompt": prompt,
            "turn_minutes": 5,
            "rounds": 2,
            "opens_at": at(day, 10),
            "closes_at": at(day, 12),
        }

    steps = [guide(0, GUIDE), guide(1, SECOND_GUIDE)]
    listening = Exercise.objects.filter(slug="listening-to-understand").first()
    if listening and gate_for(couple).opens(listening.tier):  # never planned past the pace
        steps.append(
            {
                "kind": Kind.EXERCISE,
                "exercise": listening,
                "opens_at": at(0, 15),
                "closes_at": at(0, 18),
            }
        )
    steps.append({"kind": Kind.CHECKIN, "opens_at": at(1, 15), "closes_at": at(1, 18)})
    therapist = people["therapist"]
    Step.objects.bulk_create(
        Step(intensive=intensive, written_by=therapist, **fields) for fields in steps
    )
