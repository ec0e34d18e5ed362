"""Rituals the way couples make them: one partner suggests, the other agrees."""

from datetime import time, timedelta

from django.utils import timezone as tz

from accounts.models import Membership
from pacing.models import PacingPolicy, gate_for
from rituals.models import Ritual
from rituals.schedule import Rhythm, days_mask

from ..pacing.builders import report


def member(user) -> Membership:
    return Membership.objects.select_related("couple", "user").get(
        user=user, couple__ended_at__isnull=True, left_at__isnull=True
    )


def open_tier_three(hurt, involved=None):
    """Four steady reports a week apart: tier 3 is open now."""
    for days_ago in (21, 14, 7, 0):
        report(hurt, days_ago=days_ago, closeness=8, body=8)
        if involved is not None:
            report(involved, days_ago=days_ago, closeness=8, body=8)


def set_ceiling(couple, ceiling):
    policy = PacingPolicy.for_couple(couple)
    policy.therapist_ceiling = ceiling
    policy.save()


def agreed(
    proposer,
    accepter,
    title="A morning coffee",
    exercise=None,
    rhythm=Rhythm.WEEKLY,
    days=None,
    at=time(19),
    starts_on=None,
    accepted=None,
) -> Ritual:
    """A ritual suggested and agreed, `accepted` (default: now)."""
    p = member(proposer)
    ritual = Ritual.propose(
        p,
        gate_for(p.couple),
        exercise=exercise,
        title="" if exercise else title,
        rhythm=rhythm,
        days=days if days is not None else days_mask([0]),
        at_time=at,
        timezone=p.couple.timezone,
        starts_on=starts_on or tz.now().date() - timedelta(days=365),
    )
    accepted = accepted or tz.now()
    ritual.accept(member(accepter), gate_for(p.couple, accepted), now=accepted)
    ritual.starts_on = starts_on or accepted.astimezone(ritual.zone).date()
    ritual.save(update_fields=["starts_on"])
    return ritual
