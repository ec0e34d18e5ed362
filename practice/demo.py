"""Demo practice: this week's practice from the demo therapist for both partners (the
library's listening exercise), marked done by the hurt partner and not yet by the
involved partner; an earlier one the involved partner found hard; and one item the hurt
partner put on the agenda of the next session."""

from datetime import timedelta

from accounts.models import Membership, User
from pacing.models import Exercise, gate_for

from .models import About, AgendaItem, ForWhom, Outcome, Practice, this_week


def seed(people: dict[str, User]) -> None:
    hurt = Membership.objects.active().select_related("couple").get(user=people["hurt"])
    involved = Membership.objects.active().get(user=people["involved"])
    couple = hurt.couple
    if Practice.objects.filter(couple=couple).exists():
        return  # Already seeded: safe to run twice.
    therapist, week = people["therapist"], this_week(couple)
    earlier = Practice.write(
        couple,
        therapist,
        text="Once this week, ten quiet minutes each evening: each says one thing that "
        "went well today, and the other only thanks them.",
        due_week=week - timedelta(weeks=1),
        for_whom=ForWhom.BOTH,
    )
    result = gate_for(couple)
    earlier.mark(hurt, result, Outcome.DONE)
    earlier.mark(involved, result, Outcome.HARD, "Hard to stop myself explaining.", False)
    listening = Exercise.objects.filter(slug="listening-to-understand").first()
    current = Practice.write(
        couple,
        therapist,
        exercise=listening,
        text="" if listening else "Listen to understand, for ten minutes, twice.",
        due_week=week,
        for_whom=ForWhom.BOTH,
    )
    if current.gate_allows(result):
        current.mark(hurt, result, Outcome.DONE)
    AgendaItem.add(
        hurt,
        about=About.OWN,
        text="How to talk about the weekends without it turning into an argument.",
        shared_with_partner=True,
    )
