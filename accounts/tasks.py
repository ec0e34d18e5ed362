import logging

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from recovery.emails import absolute_url

from .models import Invitation, InvitationEmailKind, SentEmail
from .notifications import send_once_to_address

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(invitation_id: int, token: str) -> None:
    invitation = Invitation.objects.select_related("invited_by").get(pk=invitation_id)
    if invitation.problem:
        return
    send_once_to_address(
        invitation.email,
        InvitationEmailKind.PARTNER_INVITATION,
        f"invitation:{invitation.pk}",
        "invitation",
        {
            "inviter_email": invitation.invited_by.email,
            "join_url": absolute_url(reverse("join", args=[token])),
            "expires_at": invitation.expires_at,
        },
    )


@shared_task
def resolve_stuck_emails() -> int:
    """Close the claims left "sending" by a sender that died (see SentEmail.resolve_stuck)."""
    interrupted = SentEmail.resolve_stuck(timezone.now())
    if interrupted:
        logger.warning(
            "%d email(s) were interrupted mid-send and will not be retried; "
            "see Sent emails in the admin.",
            interrupted,
        )
    return interrupted
