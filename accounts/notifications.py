"""Discreet emails sent at most once per person, kind and period."""

from django.urls import reverse
from django.utils import timezone

from recovery.emails import absolute_url, send_templated_email

from .models import EmailKind, SentEmail, User


def send_once(user: User, kind: EmailKind, period: str, template: str, context=None) -> bool:
    """Claim the (person, kind, period) row, then send. Returns True if this call sent it.

    A failed send releases the claim so a retry can try again; a worker killed
    mid-send leaves the claim in place, so nobody ever gets the email twice.
    """
    record, _ = SentEmail.objects.get_or_create(user=user, kind=kind, period=period)
    claimable = [SentEmail.Status.FAILED]
    claimed = SentEmail.objects.filter(pk=record.pk, status__in=claimable).update(
        status=SentEmail.Status.SENDING, claimed_at=timezone.now()
    )
    if not claimed:
        return False
    try:
        send_templated_email(
            user.email, template, {"app_url": absolute_url(reverse("home")), **(context or {})}
        )
    except Exception:
        SentEmail.objects.filter(pk=record.pk).update(status=SentEmail.Status.FAILED)
        raise
    SentEmail.objects.filter(pk=record.pk).update(
        status=SentEmail.Status.SENT, sent_at=timezone.now()
    )
    return True
