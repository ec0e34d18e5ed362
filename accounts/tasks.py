import logging
from datetime import timedelta

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from recovery.emails import absolute_url

from .models import Invitation, InvitationEmailKind, SentEmail
from .notifications import deliver, new_message_id, send_once_to_address

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(invitation_id: int, token: str) -> None:
    invitation = Invitation.objects.select_related("invited_by").get(pk=invitation_id)
    if invitation.problem:
        return
    send_once_to_address(
        invitation.email,
        InvitationEmailKind.PARTNER_INVITATION,
        invitation.period,
        "invitation",
        _invitation_context(invitation, token),
        language=invitation.invited_by.language,
    )


def _invitation_context(invitation: Invitation, token: str) -> dict:
    return {
        "inviter_email": invitation.invited_by.email,
        "join_url": absolute_url(reverse("join", args=[token])),
        "expires_at": invitation.expires_at,
    }


# Long enough for the task queued on commit to have run, when the broker took it.
OWED_INVITATION_GRACE = timedelta(minutes=2)


@shared_task(acks_late=True)
def send_owed_invitations() -> int:
    """Send the invitations whose email was owed but never went out (its task was
    never queued, or the mail server refused it), each with a new link."""
    sent = 0
    owed = Invitation.with_owed_email(timezone.now() - OWED_INVITATION_GRACE)
    for invitation in owed.select_related("invited_by")[:100]:
        # Claimed first, so a late original task and this sweep never both send.
        record = SentEmail.claim(
            None, InvitationEmailKind.PARTNER_INVITATION, invitation.period, new_message_id()
        )
        if record is None:
            continue
        token = invitation.renew_token()
        context = _invitation_context(invitation, token)
        language = invitation.invited_by.language
        deliver(record, invitation.email, "invitation", context, {}, language=language)
        sent += 1
    return sent


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
