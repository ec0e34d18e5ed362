"""Demo repairs: three past ones (coming back a little faster each time), and one that
Sam started after this week's pause, still waiting for Alex."""

from datetime import timedelta

from django.utils import timezone as tz

from accounts.models import Membership, User
from notices.models import Kind
from notices.services import notify
from together.models import Pause

from .models import Origin, Repair, RepairSide

# (days ago the hard moment began, hours until both had finished, plan)
PAST = [
    (40, 70, ["Say “I need a pause” out loud instead of leaving the room"]),
    (24, 40, ["A walk together on Sunday morning", "Tell each other one good thing at dinner"]),
    (9, 22, ["Check in with each other before the anniversary weekend"]),
]

SIDES = {
    "hurt": {
        "feelings": ["scared", "alone"],
        "feelings_words": "Like the ground moved again.",
        "what_it_was_like": "When the phone lit up and you turned it over, my whole body went "
        "cold. I was back in last spring, waiting for the truth.",
        "heard": "I hear that you felt ashamed, and that going quiet was how you tried not to "
        "make it worse.",
        "my_part": "I accused you before I asked. That left you defending instead of talking.",
        "next_time": "Ask first: “Can you show me who it was?”",
        "need": "That you offer the phone before I have to ask.",
    },
    "involved": {
        "feelings": ["ashamed", "overwhelmed"],
        "feelings_words": "Small, and afraid of saying the wrong thing.",
        "what_it_was_like": "I saw your face change and I froze. I knew how it looked and I "
        "didn't know how to make it safe.",
        "heard": "I hear that it took you straight back to the worst time, and that my turning "
        "the phone over felt like hiding.",
        "my_part": "Turning the phone over, then going silent, told you to be afraid. That is "
        "mine to change.",
        "next_time": "Show you the message straight away and say who it is from.",
        "need": "A moment to breathe before we talk, and to know you'll hear me out.",
    },
}


def seed(people: dict[str, User]) -> None:
    hurt, involved = people["hurt"], people["involved"]
    membership = Membership.objects.active().select_related("couple").get(user=hurt)
    couple = membership.couple
    if Repair.objects.filter(couple=couple).exists():
        return  # Already seeded: safe to run twice.
    now = tz.now()
    for days_ago, hours, plan in PAST:
        began = now - timedelta(days=days_ago)
        repair = Repair.objects.create(
            couple=couple,
            started_by=involved if days_ago % 2 else hurt,
            origin=Origin.PAUSE,
            began_at=began,
            started_at=began + timedelta(hours=2),
            completed_at=began + timedelta(hours=hours),
            plan=plan,
            plan_version=1,
        )
        for who, user in (("hurt", hurt), ("involved", involved)):
            RepairSide.objects.create(
                repair=repair,
                author=user,
                understood="yes",
                submitted_at=repair.completed_at,
                created_at=repair.started_at,
                **SIDES[who],
            )

    pause = Pause.objects.filter(couple=couple, ended_at__isnull=False).first()
    waiting = Repair.objects.create(
        couple=couple,
        started_by=hurt,
        origin=Origin.PAUSE if pause else Origin.OWN,
        pause=pause,
        began_at=pause.started_at if pause else None,
        started_at=now - timedelta(hours=20),
    )
    first_step = ("feelings", "feelings_words", "what_it_was_like")
    RepairSide.objects.create(
        repair=waiting,
        author=hurt,
        created_at=waiting.started_at,
        **{name: SIDES["hurt"][name] for name in first_step},
    )
    notify(Kind.REPAIR_WAITING, [involved.pk], waiting.path)
