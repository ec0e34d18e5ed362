from urllib.parse import urlencode

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from accounts.models import InvitationEmailKind
from accounts.notifications import send_once_to_address
from recovery.emails import absolute_url

from . import alerts
from .models import TherapistLink


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_therapist_invitation(link_id: int) -> None:
    """A neutral email to an address with no therapist account yet: no names, nothing
    about the couple, just how to set up an account that the invitation will find."""
    link = TherapistLink.objects.filter(pk=link_id).select_related("invited_by").first()
    if link is None or not link.is_open or link.therapist_id or not link.invited_email:
        return
    send_once_to_address(
        link.invited_email,
        InvitationEmailKind.THERAPIST_INVITATION,
        f"therapist-link:{link.pk}",
        "therapist_invitation",
        {
            # Sent to the invited address only, so it may carry it: the sign-up form
            # starts with the address the invitation will find.
            "signup_url": absolute_url(
                reverse("account_signup") + "?" + urlencode({"email": link.invited_email})
            ),
            "setup_url": absolute_url(reverse("therapists:setup")),
        },
        # In the language of the partner who invited them (who may have left since).
        language=link.invited_by.language if link.invited_by else settings.LANGUAGE_CODE,
    )


@shared_task(acks_late=True)  # safe to rerun: each couple's flags are claimed
def alert_new_flags() -> int:
    return alerts.alert_new_flags()
