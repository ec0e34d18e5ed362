from celery import shared_task
from django.urls import reverse

from accounts.models import EmailKind
from accounts.notifications import send_once
from recovery.emails import absolute_url

from .models import Version


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
