"""What Today and the together page show of intensives, in one query."""

from django.db.models import Count

from accounts.models import Membership

from .models import Intensive


def today(membership: Membership, now) -> Intensive | None:
    """The couple's next intensive not over yet (or the one under way), with how many
    steps it has, for a small card linking to the plan."""
    day = now.astimezone(membership.couple.zone).date()
    return (
        Intensive.objects.visible_to(membership.user)
        .filter(couple_id=membership.couple_id)
        .current(day)
        .annotate(step_count=Count("steps"))
        .first()
    )
