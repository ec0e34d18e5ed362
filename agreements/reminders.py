"""Monthly review reminders: one when a review opens, one more after five days
if a partner has not answered yet. Each is claimed per person and review, so a
retried or doubled job never sends twice."""

from datetime import datetime, timedelta

from django.db.models import Prefetch

from accounts.models import EmailKind, Membership, SentEmail
from accounts.notifications import send_once

from .models import Review

REMIND_AGAIN_AFTER = timedelta(days=5)


def _periods(review: Review, now: datetime) -> list[str]:
    periods = [f"review:{review.pk}"]
    if now - review.opened_at >= REMIND_AGAIN_AFTER:
        periods.append(f"review:{review.pk}:again")
    return periods


def remind_open_reviews(now: datetime) -> int:
    """Remind partners who have not answered an open review; returns emails sent."""
    reviews = list(
        Review.objects.filter(completed_at__isnull=True, agreement__couple__ended_at__isnull=True)
        .prefetch_related(
            "responses",
            Prefetch(
                "agreement__couple__memberships",
                queryset=Membership.objects.active().select_related("user"),
                to_attr="partners",
            ),
        )
        .select_related("agreement__couple")
    )
    due = [
        (membership.user, period)
        for review in reviews
        for membership in review.agreement.couple.partners
        if membership.user_id not in {r.partner_id for r in review.responses.all()}
        for period in _periods(review, now)
    ]
    if not due:
        return 0
    done = set(
        SentEmail.objects.filter(
            kind=EmailKind.REVIEW_REMINDER, period__in={period for _user, period in due}
        )
        .settled()
        .values_list("user_id", "period")
    )
    return sum(
        send_once(user, EmailKind.REVIEW_REMINDER, period, "review_reminder")
        for user, period in due
        if (user.pk, period) not in done
    )
