from celery import shared_task

from accounts.models import EmailKind, Membership
from accounts.notifications import send_once

from .models import Trigger


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_partner_of_shared_trigger(trigger_id: int) -> None:
    """Tell the partner, discreetly, that something is waiting: once per entry, ever."""
    trigger = Trigger.objects.shared().filter(pk=trigger_id).first()
    if trigger is None:
        return
    partner = (
        Membership.objects.active()
        .select_related("user")
        .filter(couple_id=trigger.couple_id, couple__ended_at__isnull=True)
        .exclude(user_id=trigger.author_id)
        .first()
    )
    if partner is None:
        return
    # The link is the home page: even a URL path in an email could say too much.
    send_once(partner.user, EmailKind.TRIGGER_SHARED, f"trigger:{trigger.pk}", "trigger_shared")
