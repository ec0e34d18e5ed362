from celery import shared_task
from django.urls import reverse

from recovery.emails import absolute_url, send_templated_email

from .models import Invitation


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(invitation_id: int, token: str) -> None:
    invitation = Invitation.objects.select_related("invited_by").get(pk=invitation_id)
    if invitation.problem:
        return
    send_templated_email(
        invitation.email,
        "invitation",
        {
            "inviter_email": invitation.invited_by.email,
            "join_url": absolute_url(reverse("join", args=[token])),
            "expires_at": invitation.expires_at,
        },
    )
