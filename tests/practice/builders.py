"""Practices and agenda items the way a therapist and a couple make them."""

from datetime import timedelta

from accounts.models import Membership
from practice.models import ForWhom, Practice, this_week


def member(user) -> Membership:
    return Membership.objects.select_related("couple", "user").get(
        user=user, couple__ended_at__isnull=True, left_at__isnull=True
    )


def written(couple, therapist, text="Ten quiet minutes together.", weeks_ahead=0, **fields):
    fields.setdefault("for_whom", ForWhom.BOTH)
    return Practice.write(
        couple,
        therapist,
        text=text,
        due_week=this_week(couple) + timedelta(weeks=weeks_ahead),
        **fields,
    )
