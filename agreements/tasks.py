from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from accounts.models import EmailKind
from accounts.notifications import send_once
from recovery.emails import absolute_url

from .models import Version, open_due_reviews
from .reminders import remind_open_reviews


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_proposal_pending(version_id: int) -> None:
    """Tell the partner, discreetly, that a proposed change is waiting for them."""
    version = Version.objects.select_related("agreement__couple").get(pk=version_id)
    if not version.is_open:
        return
    partners = version.agreement.couple.memberships.active().select_related("user")
    for membership in partners.exclude(user_id=version.proposed_by_id):
        send_once(
            membership.user,
            EmailKind.PROPOSAL_PENDING,
            f"proposal:{version.pk}",
            "proposal_pending",
            {"agreement_url": absolute_url(reverse("agreements:overview"))},
        )


# Safe to rerun: opening is idempotent and every email is claimed before sending.
@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def open_reviews_and_remind() -> int:
    now = timezone.now()
    open_due_reviews(now)
    return remind_open_reviews(now)
