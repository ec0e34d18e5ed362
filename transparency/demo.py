"""Demo heads-ups and plans: a few weeks of Alex keeping Sam in the picture."""

from datetime import timedelta

from django.utils import timezone as tz

from accounts.models import Membership, User
from checkins import weeks

from .models import (
    HeadsUp,
    HeadsUpKind,
    HeadsUpVersion,
    PlanHabit,
    Telling,
    WeekPlan,
    WeekPlanVersion,
)

# (who, kind, line, days ago, thanked)
HEADS_UPS = [
    (
        "involved",
        HeadsUpKind.RUNNING_LATE,
        "The meeting ran over. Leaving now, home by 7.",
        0,
        False,
    ),
    (
        "involved",
        HeadsUpKind.CONTACT,
        "They emailed me about the old project. I haven't answered; I'll show you tonight.",
        3,
        True,
    ),
    (
        "involved",
        HeadsUpKind.ONLINE,
        "An old colleague sent me a friend request. Declined.",
        9,
        True,
    ),
    (
        "hurt",
        HeadsUpKind.CHANGE_OF_PLAN,
        "Jo asked me to stay for dinner, back around 10.",
        12,
        True,
    ),
    (
        "involved",
        HeadsUpKind.FROM_ME_FIRST,
        "I'll be at the conference in Leeds next month. They might be there too.",
        18,
        True,
    ),
]

PLANS = [
    "Office, home by 6",
    "Gym 7-8pm",
    "Office; dinner with Tom (work) 7-9",
    "Working from home",
    "Office, then shopping",
    "Football with Dan, 10-12",
    "Home",
]


def seed(people: dict[str, User]) -> None:
    hurt, involved = people["hurt"], people["involved"]
    couple = Membership.objects.active().select_related("couple").get(user=hurt).couple
    if HeadsUp.objects.filter(couple=couple).exists():
        return  # Already seeded: safe to run twice.
    now = tz.now()
    for who, kind, line, days_ago, thanked in HEADS_UPS:
        moment = now - timedelta(days=days_ago, hours=2)
        heads_up = HeadsUp.post(
            Membership.objects.active().select_related("couple", "user").get(user=people[who]),
            kind,
            happened_at=moment,
            line=line,
        )
        HeadsUp.objects.filter(pk=heads_up.pk).update(
            created_at=moment, acknowledged_at=moment + timedelta(hours=1) if thanked else None
        )
    first = HeadsUp.objects.filter(couple=couple, kind=HeadsUpKind.RUNNING_LATE).first()
    HeadsUpVersion.objects.create(
        heads_up=first,
        author=involved,
        kind=HeadsUpKind.RUNNING_LATE,
        section="whereabouts",
        happened_at=first.happened_at,
        line="The meeting is running over, home by 6:30.",
        written_at=first.happened_at - timedelta(minutes=40),
    )
    HeadsUp.objects.filter(pk=first.pk).update(edited_at=first.happened_at)

    PlanHabit.objects.update_or_create(
        couple=couple, defaults={"plans_on": True, "changed_by": hurt, "changed_at": now}
    )
    this_week = weeks.week_start_for(now, couple.zone)
    for back in range(4):
        week = this_week - timedelta(weeks=back)
        shared = weeks.local_midnight(week - timedelta(days=1), couple.zone) + timedelta(hours=19)
        plan = WeekPlan.objects.create(
            couple=couple, author=involved, week_start=week, days=PLANS, shared_at=shared
        )
        if back == 1:
            WeekPlanVersion.objects.create(
                plan=plan, author=involved, days=PLANS[:2] + ["Office"], written_at=shared
            )
            WeekPlan.objects.filter(pk=plan.pk).update(changed_at=shared + timedelta(days=2))

    Telling.objects.create(
        couple=couple,
        author=involved,
        text="I kept the old phone in a drawer at work. I've brought it home; it's yours to "
        "look through or for us to get rid of together.",
        created_at=now - timedelta(days=6),
        opened_at=now - timedelta(days=5),
    )
    Telling.objects.create(
        couple=couple,
        author=involved,
        text="There is something about last spring I haven't said yet. I'd like to say it "
        "with Dr. Okafor in the room.",
        for_session=True,
        created_at=now - timedelta(days=1),
    )
